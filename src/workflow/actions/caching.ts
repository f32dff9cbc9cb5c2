/**
 * Dependency-cache helpers: one `actions/cache` step with the right paths and a lockfile-hashed key.
 * @module
 */
import { expr } from '../expressions.js';
import type { ActionOptions, ActionStep } from '../steps.js';
import { cache } from './github.js';

/** Package managers {@link dependencyCache} knows. */
export type PackageManager = 'uv' | 'pip' | 'npm';

const PRESETS: Record<PackageManager, { path: string; lockfiles: readonly string[] }> = {
  uv: { path: '~/.cache/uv', lockfiles: ['**/uv.lock'] },
  pip: { path: '~/.cache/pip', lockfiles: ['**/requirements*.txt', '**/pyproject.toml'] },
  npm: { path: '~/.npm', lockfiles: ['**/package-lock.json'] },
};

/**
 * Caches a package manager's download cache, keyed by OS and a hash of its lockfiles, with a
 * restore key so a changed lockfile still starts from the last cache.
 *
 * @example
 * ```ts
 * dependencyCache('uv')
 * // - name: Cache uv
 * //   uses: actions/cache@v4
 * //   with:
 * //     path: ~/.cache/uv
 * //     key: ${{ runner.os }}-uv-${{ hashFiles('**' + '/uv.lock') }}
 * //     restore-keys: ${{ runner.os }}-uv-
 * ```
 */
export function dependencyCache(
  manager: PackageManager,
  options: ActionOptions & { readonly lockfiles?: readonly string[]; readonly path?: string; readonly keyPrefix?: string } = {},
): ActionStep<'cache-hit'> {
  const preset = PRESETS[manager];
  const { lockfiles = preset.lockfiles, path = preset.path, keyPrefix = manager, ...rest } = options;
  const prefix = `${expr.runner.os}-${keyPrefix}-`;
  return cache(
    { path, key: `${prefix}${expr.hashFiles(...lockfiles)}`, 'restore-keys': prefix },
    { name: `Cache ${manager}`, ...rest },
  );
}
