/**
 * The one meaning of `$raw`, the escape hatch for spec fields a builder has no method for.
 * @module
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * How `$raw` patches accumulate, the same in every builder that has `$raw` (compose file, compose
 * service, workflow, job, action): each call deep-merges its patch over what earlier calls gave.
 * Plain objects merge key by key, at any depth; anything else (a list, a string, a number, `null`)
 * replaces what was there, so the later call wins per key. Neither argument is changed.
 *
 * (In a Dockerfile, `$raw(text)` adds one instruction written as given, so every call counts too.)
 *
 * @example
 * ```ts
 * mergeRawPatch({ env: { A: '1' }, 'timeout-minutes': 5 }, { env: { B: '2' }, 'timeout-minutes': 10 });
 * // { env: { A: '1', B: '2' }, 'timeout-minutes': 10 }
 * mergeRawPatch({ tags: ['a'] }, { tags: ['b'] }); // { tags: ['b'] }  (lists replace)
 * ```
 */
export function mergeRawPatch<T extends Readonly<Record<string, unknown>>>(base: T | undefined, patch: Readonly<Record<string, unknown>>): T {
  return merge(base ?? {}, patch) as T;
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = Object.hasOwn(base, k) ? merge(base[k], v) : v;
  return out;
}
