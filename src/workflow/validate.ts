/**
 * Schema checks for workflow and action models. Like core's `schemaIssues`, but a failed union
 * (a job is either a normal job or a reusable-workflow call) reports the problems of the option
 * that came closest, so the message names the real mistake instead of "invalid input".
 * @module
 */
import type { z } from 'zod';
import { describeValue, type Issue } from '../core/issue.js';
import { safeParseMemo, ZOD_CODE } from '../core/schema.js';
import { ActionModelSchema, WorkflowModelSchema } from './model.js';

/** A zod issue, as far as devstack-kit reads it. */
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

/** Replaces each failed union by the issues of its closest option (fewest issues, deepest paths). */
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

/** The zod issues of a value, unions flattened; empty when it is valid. */
export function flatIssues(schema: z.ZodType, value: unknown): RawIssue[] {
  const result = safeParseMemo(schema, value, { reportInput: true });
  return result.success ? [] : flattenUnions(result.error.issues as unknown as RawIssue[]);
}

/**
 * Validates a value against a zod schema and returns issues with `<domain>/schema/*` codes.
 *
 * @example
 * ```ts
 * modelSchemaIssues(WorkflowModelSchema, { on: 'push', jobs: { t: { 'runs-on': 5 } } }, 'workflow');
 * // [{ code: 'workflow/schema/invalid-type', path: ['jobs', 't', 'runs-on'], message: 'expected string, received 5', … }]
 * ```
 */
export function modelSchemaIssues(schema: z.ZodType, value: unknown, domain: string, file?: string): Issue[] {
  return flatIssues(schema, value).map((issue) => {
    let raw = issue;
    const suffix = raw.code === 'custom' ? (raw.params?.code ?? 'invalid') : (ZOD_CODE[raw.code] ?? 'invalid');
    let message = raw.message;
    const missing = (raw.code === 'invalid_type' || raw.code === 'invalid_value' || raw.code === 'invalid_union') && raw.input === undefined && 'input' in raw;
    if (missing) {
      const key = raw.path[raw.path.length - 1];
      return {
        code: `${domain}/schema/invalid-type`,
        severity: 'error' as const,
        message: `the required key ${JSON.stringify(String(key))} is missing, received nothing`,
        path: raw.path.map((p) => (typeof p === 'symbol' ? String(p) : (p as string | number))),
        ...(file !== undefined ? { file } : {}),
        hint: key === 'on' ? 'say when the workflow runs: .on(\'push\') or on: push' : `add ${String(key)}:`,
      };
    }
    if (raw.code === 'invalid_type') message = `expected ${raw.expected}, received ${describeValue(raw.input)}`;
    else if (raw.code === 'invalid_value' && raw.values) message = `expected one of ${raw.values.map((v) => JSON.stringify(v)).join(', ')}, received ${describeValue(raw.input)}`;
    else if (raw.code === 'unrecognized_keys' && raw.keys) {
      message = `unknown key${raw.keys.length > 1 ? 's' : ''} ${raw.keys.map((k) => `"${k}"`).join(', ')}`;
      const near = raw.keys.map((k) => [k, closestKey(k)] as const).filter(([, n]) => n !== undefined);
      if (near.length > 0) raw = { ...raw, params: { hint: near.map(([k, n]) => `"${k}": did you mean "${n}"?`).join(' ') } };
    }
    else if (raw.code === 'invalid_format') message = `${raw.message}, received ${describeValue(raw.input)}`;
    return {
      code: `${domain}/schema/${suffix}`,
      severity: 'error' as const,
      message,
      path: raw.path.map((p) => (typeof p === 'symbol' ? String(p) : (p as string | number))),
      ...(file !== undefined ? { file } : {}),
      ...(raw.params?.hint !== undefined ? { hint: raw.params.hint } : {}),
    };
  });
}

let knownKeys: Set<string> | undefined;
/** Every key name the model knows, anywhere (for "did you mean" hints). */
function allKnownKeys(): Set<string> {
  if (knownKeys) return knownKeys;
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (schema: unknown, depth: number) => {
    if (!schema || typeof schema !== 'object' || seen.has(schema) || depth > 30) return;
    seen.add(schema);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === 'object') for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) (keys.add(k), walk(v, depth + 1));
    for (const k of ['innerType', 'element', 'valueType', 'in', 'out']) walk(def[k], depth + 1);
    if (Array.isArray(def.options)) for (const o of def.options) walk(o, depth + 1);
    if (typeof def.getter === 'function') walk((def.getter as () => unknown)(), depth + 1);
  };
  walk(WorkflowModelSchema, 0);
  walk(ActionModelSchema, 0);
  for (const k of [...keys]) if (k.startsWith('$')) keys.delete(k);
  knownKeys = keys;
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

/** The known key closest to `key` (edit distance 1–2), if any. */
export function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of allKnownKeys()) {
    const dist = distance(key.toLowerCase(), k.toLowerCase());
    if (dist > 0 && dist < bestD) (best = k), (bestD = dist);
    else if (dist === 0 && k !== key) return k;
  }
  return best;
}

