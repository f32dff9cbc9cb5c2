/**
 * Typed step for `astral-sh/setup-uv`.
 * @module
 */
import { actionStep, type ActionOptions, type ActionStep } from '../steps.js';
import { lines, type Bool, type Lines, type Str } from './types.js';

/** Inputs of `astral-sh/setup-uv@v6`. */
export interface SetupUvInputs {
  readonly version?: Str;
  readonly 'version-file'?: Str;
  readonly 'python-version'?: Str;
  readonly 'activate-environment'?: Bool;
  readonly 'working-directory'?: Str;
  readonly checksum?: Str;
  readonly 'github-token'?: Str;
  readonly 'enable-cache'?: Bool | 'auto';
  readonly 'cache-dependency-glob'?: Lines;
  readonly 'cache-suffix'?: Str;
  readonly 'cache-local-path'?: Str;
  readonly 'prune-cache'?: Bool;
  readonly 'ignore-nothing-to-cache'?: Bool;
  readonly 'ignore-empty-workdir'?: Bool;
  readonly 'tool-dir'?: Str;
  readonly 'tool-bin-dir'?: Str;
}
/**
 * `astral-sh/setup-uv@v6` — install uv (and cache its downloads with `enable-cache`).
 *
 * @example
 * ```ts
 * setupUv({ 'enable-cache': true, 'cache-dependency-glob': 'uv.lock' })
 * // - uses: astral-sh/setup-uv@v6
 * //   with:
 * //     enable-cache: true
 * //     cache-dependency-glob: uv.lock
 * ```
 */
export function setupUv(inputs: SetupUvInputs = {}, options?: ActionOptions): ActionStep<'uv-version' | 'uv-path' | 'uvx-path' | 'cache-hit' | 'cache-key' | 'venv' | 'python-version' | 'python-cache-hit'> {
  return actionStep(
    'astral-sh/setup-uv', 'v6',
    { ...inputs, 'cache-dependency-glob': lines(inputs['cache-dependency-glob']) },
    // every output the action declares (astral-sh/setup-uv's action.yml): the catalog that `workflow/unknown-step-output` trusts
    ['uv-version', 'uv-path', 'uvx-path', 'cache-hit', 'cache-key', 'venv', 'python-version', 'python-cache-hit'], options,
  );
}
