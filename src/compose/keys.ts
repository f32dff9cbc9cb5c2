/**
 * What Docker and Compose accept as an environment variable or label key, and as an image: shared by
 * the builder (which throws at once) and the rules (which check parsed files and plain models).
 * @module
 */
import { UsageError } from '../core/errors.js';

/**
 * Why a key of `environment` or `labels` is rejected (an empty key; a `=`, which ends the key in
 * the `KEY=value` form Docker passes on; whitespace or a control character, which Docker refuses),
 * or `undefined` when it is fine.
 *
 * @example
 * ```ts
 * invalidKeyReason('LOG_LEVEL'); // undefined
 * invalidKeyReason('A=B');       // 'it holds "=", which ends the key in KEY=value'
 * ```
 */
export function invalidKeyReason(key: string): string | undefined {
  if (key === '') return 'it is empty';
  if (key.includes('=')) return 'it holds "=", which ends the key in KEY=value';
  if (/[\s\p{Cc}]/u.test(key)) return 'it holds whitespace or a control character';
  return undefined;
}

/**
 * The key of a `KEY=value` list item (`environment: [A=1, B]`, `labels: [a=b]`).
 *
 * @example
 * ```ts
 * listItemKey('A=1'); // 'A'
 * ```
 */
export function listItemKey(item: string): string {
  const eq = item.indexOf('=');
  return eq === -1 ? item : item.slice(0, eq);
}

/** Throws a `UsageError` with `code` for an invalid key (see {@link invalidKeyReason}). */
export function assertKey(code: 'compose/invalid-environment-key' | 'compose/invalid-label-key', key: string): void {
  const reason = invalidKeyReason(key);
  const what = code === 'compose/invalid-environment-key' ? 'environment variable' : 'label';
  if (reason !== undefined) throw new UsageError(code, `${JSON.stringify(key)} is not a valid ${what} name: ${reason}`, `use a non-empty ${what} name without "=", spaces or control characters`);
}
