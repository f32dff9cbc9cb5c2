/**
 * Turns zod validation results into {@link Issue}s with documented codes.
 * @module
 */
import type { z } from 'zod';
import { describeValue, type Issue } from './issue.js';
import { defineCodes, runRules, type CodeInfo, type Rule, type RuleContext } from './rule.js';

/** The generic schema codes of a domain: `<domain>/schema/invalid-type` and so on. */
export function schemaCodes(domain: string, what: string): readonly CodeInfo[] {
  return defineCodes([
    { code: `${domain}/schema/invalid-type`, severity: 'error', summary: `A value in ${what} has the wrong type.`, fix: 'Give a value of the type the message names.' },
    { code: `${domain}/schema/invalid-value`, severity: 'error', summary: `A value in ${what} is not one of the allowed values.`, fix: 'Use one of the values the message lists.' },
    { code: `${domain}/schema/unknown-key`, severity: 'error', summary: `${what} has a key the specification does not define.`, fix: 'Check the spelling; for a field devstack-kit does not model yet, use the `$raw` escape hatch or an `x-` extension.' },
    { code: `${domain}/schema/out-of-range`, severity: 'error', summary: `A number, string or list in ${what} is too small or too large.`, fix: 'Bring the value into the range the message gives.' },
    { code: `${domain}/schema/invalid-format`, severity: 'error', summary: `A string in ${what} does not have the required format.`, fix: 'Write the value in the format the message gives.' },
    { code: `${domain}/schema/invalid`, severity: 'error', summary: `A value in ${what} does not match the specification.`, fix: 'Correct the value as the message says.' },
  ]);
}

/** The code suffix (`<domain>/schema/<suffix>`) of each zod issue code. */
export const ZOD_CODE: Readonly<Record<string, string>> = {
  invalid_type: 'invalid-type',
  invalid_value: 'invalid-value',
  unrecognized_keys: 'unknown-key',
  too_small: 'out-of-range',
  too_big: 'out-of-range',
  not_multiple_of: 'out-of-range',
  invalid_format: 'invalid-format',
  invalid_union: 'invalid',
  invalid_key: 'invalid',
  invalid_element: 'invalid',
};

// Successful parses memoized for the length of one `App.synth()` (see withParseMemo): value → schema → data.
let memo: WeakMap<object, Map<z.ZodType, unknown>> | undefined;

// Deep-frozen values known to be their own successful parse by a schema (see markParsed).
const selfParsed = new WeakMap<object, Set<z.ZodType>>();

/**
 * Records that `value`, deep-frozen, is the output of a successful parse by `schema` (so it parses
 * again to the same data: the schemas have no transforms or defaults). Later parses of that very
 * value by that schema answer at once. Returns `value`.
 * @internal
 */
export function markParsed<T>(schema: z.ZodType, value: T): T {
  if (typeof value === 'object' && value !== null) {
    const schemas = selfParsed.get(value);
    if (schemas) schemas.add(schema);
    else selfParsed.set(value, new Set([schema]));
  }
  return value;
}

/**
 * Runs `fn` with successful schema parses memoized by the identity of the value and the schema, so
 * the parse that validates a model is not repeated by the synthesizer that orders its keys. Only for
 * a span in which no model changes: `App.synth()` validates then renders its own models, and runs no
 * other code in between. Outside such a span every parse is done afresh.
 * @internal
 */
export function withParseMemo<T>(fn: () => T): T {
  const outer = memo;
  memo = new WeakMap();
  try {
    return fn();
  } finally {
    memo = outer;
  }
}

/**
 * `schema.safeParse(value, params)`, answered from the memo when a parse of the same value by the same
 * schema already succeeded inside {@link withParseMemo}. (`reportInput` only changes the issues of a
 * failed parse, so a success is the same with or without it.)
 * @internal
 */
export function safeParseMemo<S extends z.ZodType>(schema: S, value: unknown, params?: { reportInput?: boolean }): ReturnType<S['safeParse']> {
  if (typeof value === 'object' && value !== null && selfParsed.get(value)?.has(schema)) return { success: true, data: value } as ReturnType<S['safeParse']>;
  const byValue = memo !== undefined && typeof value === 'object' && value !== null ? memo : undefined;
  const bySchema = byValue?.get(value as object);
  if (bySchema?.has(schema)) return { success: true, data: bySchema.get(schema) } as ReturnType<S['safeParse']>;
  const result = (params ? schema.safeParse(value, params) : schema.safeParse(value)) as ReturnType<S['safeParse']>;
  if (byValue && result.success) {
    if (bySchema) bySchema.set(schema, result.data);
    else byValue.set(value as object, new Map([[schema, result.data]]));
  }
  return result;
}

/** A zod issue, as far as devstack-kit reads it. @internal */
export interface RawIssue {
  code: string;
  message: string;
  path: PropertyKey[];
  input?: unknown;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  errors?: RawIssue[][];
  params?: { code?: string; hint?: string };
}

/**
 * Replaces each failed union by the issues of its closest option (fewest issues, deepest paths), so
 * the message names the innermost reason rather than "invalid input". When no option has the right
 * type at all, one `expected a or b, received x` issue stands for the union.
 *
 * @example
 * ```ts
 * flattenUnions(z.union([z.string(), z.object({ a: z.number() })]).safeParse({ a: 'x' }).error!.issues);
 * // [{ code: 'invalid_type', path: ['a'], expected: 'number', … }]
 * ```
 * @internal
 */
export function flattenUnions(issues: readonly RawIssue[], base: readonly PropertyKey[] = []): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      // an option that fails at its root (wrong type, or not one of its literals) does not fit the
      // value at all; among those that do, the one with the fewest problems wins, then the deepest
      const score = (opt: RawIssue[]) => {
        const rootType = opt.some((i) => (i.code === 'invalid_type' || i.code === 'invalid_value') && i.path.length === 0) ? 1000 : 0;
        return rootType + opt.length;
      };
      const depth = (opt: RawIssue[]) => Math.max(0, ...opt.map((i) => i.path.length));
      const best = [...issue.errors].sort((a, b) => score(a) - score(b) || depth(b) - depth(a))[0] ?? [];
      if (best.length > 0 && score(best) < 1000) {
        out.push(...flattenUnions(best, path));
        continue;
      }
      // no option has the right type: one "expected a or b, received x"
      const expected = [...new Set(issue.errors.flatMap((opt) => opt.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => i.expected ?? '')))].filter(Boolean);
      if (expected.length > 0 && issue.errors.every((opt) => opt.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')))) {
        const literals = issue.errors.flatMap((opt) => opt.filter((i) => i.code === 'invalid_value' && i.path.length === 0).flatMap((i) => (i.values ?? []).map((v) => JSON.stringify(v))));
        out.push({ code: 'invalid_type', message: issue.message, path, input: issue.input, expected: [...literals, ...expected].join(' or ') });
        continue;
      }
    }
    out.push({ ...issue, path });
  }
  return out;
}

/** The zod issues of a value, unions flattened; empty when it is valid. @internal */
export function flatIssues(schema: z.ZodType, value: unknown): RawIssue[] {
  const result = safeParseMemo(schema, value, { reportInput: true });
  return result.success ? [] : flattenUnions(result.error.issues as unknown as RawIssue[]);
}

// Every key name a schema knows, anywhere in it (for "did you mean" hints), found on first use.
const knownKeysBySchema = new WeakMap<z.ZodType, ReadonlySet<string>>();

/** Every object key `schemas` define, at any depth (`$`-prefixed escape hatches left out). @internal */
export function knownKeys(...schemas: z.ZodType[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const schema of schemas) {
    let own = knownKeysBySchema.get(schema);
    if (!own) {
      const found = new Set<string>();
      const seen = new Set<unknown>();
      const walk = (node: unknown, depth: number) => {
        if (!node || typeof node !== 'object' || seen.has(node) || depth > 30) return;
        seen.add(node);
        const def = (node as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
        if (!def) return;
        if (def.type === 'object') for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) (found.add(k), walk(v, depth + 1));
        for (const k of ['innerType', 'element', 'valueType', 'in', 'out', 'left', 'right', 'catchall']) walk(def[k], depth + 1);
        if (Array.isArray(def.options)) for (const o of def.options) walk(o, depth + 1);
        if (Array.isArray(def.items)) for (const o of def.items) walk(o, depth + 1);
        if (typeof def.getter === 'function') walk((def.getter as () => unknown)(), depth + 1);
      };
      walk(schema, 0);
      for (const k of [...found]) if (k.startsWith('$')) found.delete(k);
      own = found;
      knownKeysBySchema.set(schema, own);
    }
    for (const k of own) keys.add(k);
  }
  return keys;
}

/** The edit distance (Levenshtein) between two strings. @internal */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The name in `known` closest to `key` (edit distance 1–2, or the same letters in another case), if any.
 *
 * @example
 * ```ts
 * closestName('healtcheck', new Set(['healthcheck', 'image'])); // 'healthcheck'
 * ```
 * @internal
 */
export function closestName(key: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const dist = distance(key.toLowerCase(), k.toLowerCase());
    if (dist > 0 && dist < bestD) (best = k), (bestD = dist);
    else if (dist === 0 && k !== key) return k;
  }
  return best;
}

/** Options of {@link schemaIssues}. */
export interface SchemaIssueOptions {
  /** Where "did you mean" hints for unknown keys look (default: every key of the schema). */
  readonly knownKeys?: ReadonlySet<string>;
  /** The hint for a required key that is missing (default: `add <key>:`). */
  readonly missingHint?: (key: string) => string | undefined;
}

/**
 * Validates `value` against a zod schema and returns issues. A failed union reports the problems of
 * its closest option (the innermost reason); an unknown key close to a known one gets a "did you
 * mean" hint; a missing required key says so. A custom refinement may set
 * `params: { code: 'invalid-duration', hint: '…' }` to choose its own code suffix and fix.
 *
 * @example
 * ```ts
 * schemaIssues(ComposeModelSchema, { services: { api: { image: 'api:1', healtcheck: {} } } }, 'compose');
 * // [{ code: 'compose/schema/unknown-key', path: ['services','api'], message: 'unknown key "healtcheck"', hint: '"healtcheck": did you mean "healthcheck"?' }]
 * ```
 */
export function schemaIssues(schema: z.ZodType, value: unknown, domain: string, file?: string, options: SchemaIssueOptions = {}): Issue[] {
  return flatIssues(schema, value).map((issue) => {
    let raw = issue;
    const suffix = raw.code === 'custom' ? (raw.params?.code ?? 'invalid') : (ZOD_CODE[raw.code] ?? 'invalid');
    const path = raw.path.map((p) => (typeof p === 'symbol' ? String(p) : (p as string | number)));
    let message = raw.message;
    const missing = (raw.code === 'invalid_type' || raw.code === 'invalid_value' || raw.code === 'invalid_union') && raw.input === undefined && 'input' in raw && path.length > 0;
    if (missing) {
      const key = String(path[path.length - 1]);
      return {
        code: `${domain}/schema/invalid-type`,
        severity: 'error' as const,
        message: `the required key ${JSON.stringify(key)} is missing, received nothing`,
        path,
        ...(file !== undefined ? { file } : {}),
        hint: options.missingHint?.(key) ?? `add ${key}:`,
      };
    }
    if (raw.code === 'invalid_type') message = `expected ${raw.expected}, received ${describeValue(raw.input)}`;
    else if (raw.code === 'invalid_value' && raw.values) message = `expected one of ${raw.values.map((v) => JSON.stringify(v)).join(', ')}, received ${describeValue(raw.input)}`;
    else if (raw.code === 'unrecognized_keys' && raw.keys) {
      message = `unknown key${raw.keys.length > 1 ? 's' : ''} ${raw.keys.map((k) => `"${k}"`).join(', ')}`;
      const known = options.knownKeys ?? knownKeys(schema);
      const near = raw.keys.map((k) => [k, closestName(k, known)] as const).filter(([, n]) => n !== undefined);
      if (near.length > 0) raw = { ...raw, params: { hint: near.map(([k, n]) => `"${k}": did you mean "${n}"?`).join(' ') } };
    } else if (raw.code === 'custom' || raw.code === 'invalid_format') {
      message = `${raw.message}, received ${describeValue(raw.input)}`;
      // a schema's own unknown-key refinement (compose keeps unknown keys in the data): the key is the last path step
      const key = path[path.length - 1];
      const near = raw.params?.code === 'unknown-key' && typeof key === 'string' ? closestName(key, options.knownKeys ?? knownKeys(schema)) : undefined;
      if (near !== undefined) raw = { ...raw, params: { ...raw.params, hint: `did you mean "${near}"?${raw.params?.hint !== undefined ? ` (${raw.params.hint})` : ''}` } };
    }
    return {
      code: `${domain}/schema/${suffix}`,
      severity: 'error' as const,
      message,
      path,
      ...(file !== undefined ? { file } : {}),
      ...(raw.params?.hint !== undefined ? { hint: raw.params.hint } : {}),
    };
  });
}

/** Options of {@link schemaThenRules}. */
export interface SchemaThenRulesOptions extends SchemaIssueOptions {
  /**
   * Run the rules even when the schema rejects the model (for rules written to read any shape, as the
   * compose rules are); by default the rules run only on a model the schema accepts.
   */
  readonly rulesOnInvalid?: boolean;
}

/**
 * The `validate` of every file kind — the one validation path: the schema's issues (see
 * {@link schemaIssues}: unions flattened, "did you mean" hints), and only when the schema accepts the
 * model, the rules' issues (rules may then rely on the model's shape), unless `rulesOnInvalid` is set.
 *
 * @example
 * ```ts
 * const validate = schemaThenRules(DockerignoreModelSchema, 'dockerignore', dockerignoreRules);
 * validate({ entries: [{ kind: 'ignore', pattern: '' }] }, { file: '.dockerignore' });
 * // [{ code: 'dockerignore/schema/out-of-range', path: ['entries', 0, 'pattern'], … }]
 * ```
 */
export function schemaThenRules<M>(schema: z.ZodType, domain: string, rules: readonly Rule<M>[], options: SchemaThenRulesOptions = {}): (model: M, context: RuleContext) => Issue[] {
  return (model, context) => {
    const issues = schemaIssues(schema, model, domain, context.file, options);
    if (issues.length > 0 && !options.rulesOnInvalid) return issues;
    return [...issues, ...runRules(rules, model, context)];
  };
}
