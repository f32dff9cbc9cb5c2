/**
 * Turns zod validation results into {@link Issue}s with documented codes.
 * @module
 */
import type { z } from 'zod';
import { describeValue, type Issue } from './issue.js';
import { defineCodes, type CodeInfo } from './rule.js';

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
  const result = schema.safeParse(value, { reportInput: true });
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
