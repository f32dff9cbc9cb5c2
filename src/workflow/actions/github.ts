/**
 * Typed steps for GitHub's own actions: checkout, setup-node, setup-python, cache,
 * upload-artifact and download-artifact.
 * @module
 */
import { actionStep, type ActionOptions, type ActionStep } from '../steps.js';
import { lines, type Bool, type Lines, type Num, type Str } from './types.js';

/** Inputs of `actions/checkout@v4`. */
export interface CheckoutInputs {
  readonly repository?: Str;
  readonly ref?: Str;
  readonly token?: Str;
  readonly 'ssh-key'?: Str;
  readonly 'ssh-known-hosts'?: Str;
  readonly 'ssh-strict'?: Bool;
  readonly 'ssh-user'?: Str;
  readonly 'persist-credentials'?: Bool;
  readonly path?: Str;
  readonly clean?: Bool;
  readonly filter?: Str;
  readonly 'sparse-checkout'?: Lines;
  readonly 'sparse-checkout-cone-mode'?: Bool;
  readonly 'fetch-depth'?: Num;
  readonly 'fetch-tags'?: Bool;
  readonly 'show-progress'?: Bool;
  readonly lfs?: Bool;
  readonly submodules?: boolean | 'recursive' | Str;
  readonly 'set-safe-directory'?: Bool;
  readonly 'github-server-url'?: Str;
}
/**
 * `actions/checkout@v4` — check out the repository.
 *
 * @example
 * ```ts
 * checkout({ 'fetch-depth': 0 })
 * // - uses: actions/checkout@v4
 * //   with:
 * //     fetch-depth: 0
 * ```
 */
export function checkout(inputs: CheckoutInputs = {}, options?: ActionOptions): ActionStep<'ref' | 'commit'> {
  return actionStep('actions/checkout', 'v4', { ...inputs, 'sparse-checkout': lines(inputs['sparse-checkout']) }, ['ref', 'commit'], options);
}

/** Inputs of `actions/setup-node@v4`. */
export interface SetupNodeInputs {
  readonly 'node-version'?: Str | number;
  readonly 'node-version-file'?: Str;
  readonly architecture?: Str;
  readonly 'check-latest'?: Bool;
  readonly 'registry-url'?: Str;
  readonly scope?: Str;
  readonly token?: Str;
  readonly cache?: 'npm' | 'yarn' | 'pnpm' | Str;
  readonly 'cache-dependency-path'?: Lines;
  readonly 'always-auth'?: Bool;
  readonly mirror?: Str;
  readonly 'mirror-token'?: Str;
}
/**
 * `actions/setup-node@v4` — install Node.js (and cache npm/yarn/pnpm downloads with `cache`).
 *
 * @example
 * ```ts
 * setupNode({ 'node-version': '22', cache: 'npm' })
 * // - uses: actions/setup-node@v4
 * //   with:
 * //     node-version: '22'
 * //     cache: npm
 * ```
 */
export function setupNode(inputs: SetupNodeInputs = {}, options?: ActionOptions): ActionStep<'cache-hit' | 'node-version'> {
  return actionStep('actions/setup-node', 'v4', { ...inputs, 'cache-dependency-path': lines(inputs['cache-dependency-path']) }, ['cache-hit', 'node-version'], options);
}

/** Inputs of `actions/setup-python@v5`. */
export interface SetupPythonInputs {
  readonly 'python-version'?: Str;
  readonly 'python-version-file'?: Str;
  readonly cache?: 'pip' | 'pipenv' | 'poetry' | Str;
  readonly architecture?: Str;
  readonly 'check-latest'?: Bool;
  readonly token?: Str;
  readonly 'cache-dependency-path'?: Lines;
  readonly 'update-environment'?: Bool;
  readonly 'allow-prereleases'?: Bool;
  readonly freethreaded?: Bool;
}
/**
 * `actions/setup-python@v5` — install Python.
 *
 * @example
 * ```ts
 * setupPython({ 'python-version': '3.13' }, { name: 'Setup Python' })
 * // - name: Setup Python
 * //   uses: actions/setup-python@v5
 * //   with:
 * //     python-version: '3.13'
 * ```
 */
export function setupPython(inputs: SetupPythonInputs = {}, options?: ActionOptions): ActionStep<'python-version' | 'cache-hit' | 'python-path'> {
  return actionStep('actions/setup-python', 'v5', { ...inputs, 'cache-dependency-path': lines(inputs['cache-dependency-path']) }, ['python-version', 'cache-hit', 'python-path'], options);
}

/** Inputs of `actions/cache@v4`. */
export interface CacheInputs {
  readonly path: Lines;
  readonly key: Str;
  readonly 'restore-keys'?: Lines;
  readonly 'upload-chunk-size'?: Num;
  readonly enableCrossOsArchive?: Bool;
  readonly 'fail-on-cache-miss'?: Bool;
  readonly 'lookup-only'?: Bool;
}
/**
 * `actions/cache@v4` — restore and save a cache.
 *
 * @example
 * ```ts
 * cache({ path: '~/.cache/uv', key: `uv-${expr.hashFiles('uv.lock')}` })
 * // - uses: actions/cache@v4
 * //   with:
 * //     path: ~/.cache/uv
 * //     key: uv-${{ hashFiles('uv.lock') }}
 * ```
 */
export function cache(inputs: CacheInputs, options?: ActionOptions): ActionStep<'cache-hit'> {
  return actionStep('actions/cache', 'v4', { ...inputs, path: lines(inputs.path), 'restore-keys': lines(inputs['restore-keys']) }, ['cache-hit'], options);
}

/** Inputs of `actions/upload-artifact@v4`. */
export interface UploadArtifactInputs {
  readonly name?: Str;
  readonly path: Lines;
  readonly 'if-no-files-found'?: 'warn' | 'error' | 'ignore';
  readonly 'retention-days'?: Num;
  readonly 'compression-level'?: Num;
  readonly overwrite?: Bool;
  readonly 'include-hidden-files'?: Bool;
}
/**
 * `actions/upload-artifact@v4` — upload files as an artifact.
 *
 * @example
 * ```ts
 * uploadArtifact({ name: 'coverage', path: 'coverage.xml' })
 * // - uses: actions/upload-artifact@v4
 * //   with:
 * //     name: coverage
 * //     path: coverage.xml
 * ```
 */
export function uploadArtifact(inputs: UploadArtifactInputs, options?: ActionOptions): ActionStep<'artifact-id' | 'artifact-url' | 'artifact-digest'> {
  return actionStep('actions/upload-artifact', 'v4', { ...inputs, path: lines(inputs.path) }, ['artifact-id', 'artifact-url', 'artifact-digest'], options);
}

/** Inputs of `actions/download-artifact@v4`. */
export interface DownloadArtifactInputs {
  readonly name?: Str;
  readonly path?: Str;
  readonly pattern?: Str;
  readonly 'merge-multiple'?: Bool;
  readonly 'github-token'?: Str;
  readonly repository?: Str;
  readonly 'run-id'?: Str | number;
}
/**
 * `actions/download-artifact@v4` — download artifacts of this (or another) run.
 *
 * @example
 * ```ts
 * downloadArtifact({ name: 'dist', path: 'dist' })
 * // - uses: actions/download-artifact@v4
 * //   with:
 * //     name: dist
 * //     path: dist
 * ```
 */
export function downloadArtifact(inputs: DownloadArtifactInputs = {}, options?: ActionOptions): ActionStep<'download-path'> {
  return actionStep('actions/download-artifact', 'v4', { ...inputs }, ['download-path'], options);
}
