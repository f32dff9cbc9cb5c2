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

/**
 * Validates `value` against a zod schema and returns issues. A custom refinement may set
 * `params: { code: 'invalid-duration', hint: '…' }` to choose its own code suffix and fix.
 *
 * @example
 * ```ts
 * schemaIssues(ComposeModelSchema, model, 'compose');
 * // [{ code: 'compose/schema/invalid-type', path: ['services','api','image'], message: 'expected string, received 5', ... }]
 * ```
 */
export function schemaIssues(schema: z.ZodType, value: unknown, domain: string, file?: string): Issue[] {
  const result = safeParseMemo(schema, value, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((zi) => {
    const raw = zi as unknown as { code: string; input?: unknown; expected?: string; values?: unknown[]; keys?: string[]; params?: { code?: string; hint?: string } };
    const suffix = raw.code === 'custom' ? (raw.params?.code ?? 'invalid') : (ZOD_CODE[raw.code] ?? 'invalid');
    let message = zi.message;
    if (raw.code === 'invalid_type') message = `expected ${raw.expected}, received ${describeValue(raw.input)}`;
    else if (raw.code === 'invalid_value' && raw.values) message = `expected one of ${raw.values.map((v) => JSON.stringify(v)).join(', ')}, received ${describeValue(raw.input)}`;
    else if (raw.code === 'unrecognized_keys' && raw.keys) message = `unknown key${raw.keys.length > 1 ? 's' : ''} ${raw.keys.map((k) => `"${k}"`).join(', ')}`;
    else if (raw.code === 'custom' || raw.code === 'invalid_format') message = `${zi.message}, received ${describeValue(raw.input)}`;
    return {
      code: `${domain}/schema/${suffix}`,
      severity: 'error' as const,
      message,
      path: zi.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      ...(file !== undefined ? { file } : {}),
      ...(raw.params?.hint !== undefined ? { hint: raw.params.hint } : {}),
    };
  });
}

/**
 * The usual `validate` of a file kind: the schema's issues, and only when the schema accepts the model,
 * the rules' issues (rules may then rely on the model's shape).
 *
 * @example
 * ```ts
 * const validate = schemaThenRules(DockerignoreModelSchema, 'dockerignore', dockerignoreRules);
 * validate({ entries: [{ kind: 'ignore', pattern: '' }] }, { file: '.dockerignore' });
 * // [{ code: 'dockerignore/schema/out-of-range', path: ['entries', 0, 'pattern'], … }]
 * ```
 */
export function schemaThenRules<M>(schema: z.ZodType, domain: string, rules: readonly Rule<M>[]): (model: M, context: RuleContext) => Issue[] {
  return (model, context) => {
    const issues = schemaIssues(schema, model, domain, context.file);
    return issues.length > 0 ? issues : runRules(rules, model, context);
  };
}
