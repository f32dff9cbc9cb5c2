/**
 * Typed steps for Docker's actions: setup-buildx, login, metadata, build-push.
 * @module
 */
import { actionStep, type ActionOptions, type ActionStep } from '../steps.js';
import { lines, type Bool, type Lines, type Str } from './types.js';

/** Inputs of `docker/setup-buildx-action@v3`. */
export interface SetupBuildxInputs {
  readonly version?: Str;
  readonly driver?: 'docker' | 'docker-container' | 'kubernetes' | 'remote' | Str;
  readonly 'driver-opts'?: Lines;
  readonly 'buildkitd-flags'?: Str;
  readonly 'buildkitd-config'?: Str;
  readonly 'buildkitd-config-inline'?: Str;
  readonly install?: Bool;
  readonly use?: Bool;
  readonly name?: Str;
  readonly endpoint?: Str;
  readonly platforms?: Lines;
  readonly append?: Str;
  readonly 'cache-binary'?: Bool;
  readonly cleanup?: Bool;
}
/**
 * `docker/setup-buildx-action@v3` — set up a BuildKit builder (needed for `type=gha` layer caching).
 *
 * @example
 * ```ts
 * setupBuildx()
 * // - uses: docker/setup-buildx-action@v3
 * ```
 */
export function setupBuildx(inputs: SetupBuildxInputs = {}, options?: ActionOptions): ActionStep<'name' | 'driver' | 'platforms' | 'nodes' | 'endpoint' | 'status' | 'flags'> {
  return actionStep(
    'docker/setup-buildx-action', 'v3',
    { ...inputs, 'driver-opts': lines(inputs['driver-opts']), platforms: lines(inputs.platforms) },
    ['name', 'driver', 'platforms', 'nodes', 'endpoint', 'status', 'flags'], options,
  );
}

/** Inputs of `docker/login-action@v3`. */
export interface DockerLoginInputs {
  readonly registry?: Str;
  readonly username?: Str;
  readonly password?: Str;
  readonly ecr?: 'auto' | 'true' | 'false' | Str;
  readonly logout?: Bool;
}
/**
 * `docker/login-action@v3` — log in to a registry.
 *
 * @example
 * ```ts
 * dockerLogin({ registry: 'ghcr.io', username: expr.github.actor, password: expr.secrets.GITHUB_TOKEN })
 * // - uses: docker/login-action@v3
 * //   with:
 * //     registry: ghcr.io
 * //     username: ${{ github.actor }}
 * //     password: ${{ secrets.GITHUB_TOKEN }}
 * ```
 */
export function dockerLogin(inputs: DockerLoginInputs = {}, options?: ActionOptions): ActionStep {
  return actionStep('docker/login-action', 'v3', { ...inputs }, [], options);
}

/** Inputs of `docker/metadata-action@v5`. */
export interface DockerMetadataInputs {
  readonly context?: 'workflow' | 'git' | Str;
  readonly images: Lines;
  readonly tags?: Lines;
  readonly flavor?: Lines;
  readonly labels?: Lines;
  readonly annotations?: Lines;
  readonly 'sep-tags'?: Str;
  readonly 'sep-labels'?: Str;
  readonly 'sep-annotations'?: Str;
  readonly 'bake-target'?: Str;
  readonly 'github-token'?: Str;
}
/** Outputs of `docker/metadata-action@v5`. */
export type DockerMetadataOutputs =
  | 'version' | 'tags' | 'labels' | 'annotations' | 'json'
  | 'bake-file' | 'bake-file-tags' | 'bake-file-labels' | 'bake-file-annotations';
/**
 * `docker/metadata-action@v5` — compute image tags and labels from the Git ref.
 *
 * @example
 * ```ts
 * dockerMetadata({ images: 'ghcr.io/acme/api', tags: ['type=ref,event=branch', 'type=semver,pattern={{version}}'] })
 * // - uses: docker/metadata-action@v5
 * //   with:
 * //     images: ghcr.io/acme/api
 * //     tags: |-
 * //       type=ref,event=branch
 * //       type=semver,pattern={{version}}
 * ```
 */
export function dockerMetadata(inputs: DockerMetadataInputs, options?: ActionOptions): ActionStep<DockerMetadataOutputs> {
  return actionStep(
    'docker/metadata-action', 'v5',
    { ...inputs, images: lines(inputs.images), tags: lines(inputs.tags), flavor: lines(inputs.flavor), labels: lines(inputs.labels), annotations: lines(inputs.annotations) },
    ['version', 'tags', 'labels', 'annotations', 'json', 'bake-file', 'bake-file-tags', 'bake-file-labels', 'bake-file-annotations'], options,
  );
}

/** Inputs of `docker/build-push-action@v6`. */
export interface BuildPushInputs {
  readonly 'add-hosts'?: Lines;
  readonly allow?: Lines;
  readonly annotations?: Lines;
  readonly attests?: Lines;
  readonly 'build-args'?: Lines;
  readonly 'build-contexts'?: Lines;
  readonly builder?: Str;
  readonly 'cache-from'?: Lines;
  readonly 'cache-to'?: Lines;
  readonly call?: Str;
  readonly 'cgroup-parent'?: Str;
  readonly context?: Str;
  readonly file?: Str;
  readonly labels?: Lines;
  readonly load?: Bool;
  readonly network?: Str;
  readonly 'no-cache'?: Bool;
  readonly 'no-cache-filters'?: Lines;
  readonly outputs?: Lines;
  readonly platforms?: Lines;
  readonly provenance?: Str | boolean;
  readonly pull?: Bool;
  readonly push?: Bool;
  readonly sbom?: Str | boolean;
  readonly secrets?: Lines;
  readonly 'secret-envs'?: Lines;
  readonly 'secret-files'?: Lines;
  readonly 'shm-size'?: Str;
  readonly ssh?: Lines;
  readonly tags?: Lines;
  readonly target?: Str;
  readonly ulimit?: Lines;
  readonly 'github-token'?: Str;
}
const BUILD_PUSH_LISTS = ['add-hosts', 'allow', 'annotations', 'attests', 'build-args', 'build-contexts', 'cache-from', 'cache-to', 'labels', 'no-cache-filters', 'outputs', 'platforms', 'secrets', 'secret-envs', 'secret-files', 'ssh', 'tags', 'ulimit'] as const;
/**
 * `docker/build-push-action@v6` — build (and push) an image with BuildKit. Spread
 * {@link ghaLayerCache} into the inputs for Docker layer caching.
 *
 * @example
 * ```ts
 * buildPush({ context: '.', push: false, tags: 'api:ci', ...ghaLayerCache() })
 * // - uses: docker/build-push-action@v6
 * //   with:
 * //     context: .
 * //     push: false
 * //     tags: api:ci
 * //     cache-from: type=gha
 * //     cache-to: type=gha,mode=max
 * ```
 */
export function buildPush(inputs: BuildPushInputs = {}, options?: ActionOptions): ActionStep<'imageid' | 'digest' | 'metadata'> {
  const rendered: Record<string, unknown> = { ...inputs };
  for (const k of BUILD_PUSH_LISTS) rendered[k] = lines(inputs[k]);
  return actionStep('docker/build-push-action', 'v6', rendered as Record<string, Str | boolean | undefined>, ['imageid', 'digest', 'metadata'], options);
}

/**
 * Docker layer caching in the GitHub Actions cache: `cache-from`/`cache-to` with `type=gha`, to
 * spread into {@link buildPush} inputs (needs {@link setupBuildx} first). A `scope` keeps caches of
 * several images apart.
 *
 * @example
 * ```ts
 * ghaLayerCache({ scope: 'api' })
 * // { 'cache-from': 'type=gha,scope=api', 'cache-to': 'type=gha,mode=max,scope=api' }
 * ```
 */
export function ghaLayerCache(options: { readonly scope?: string; readonly mode?: 'min' | 'max' } = {}): { readonly 'cache-from': string; readonly 'cache-to': string } {
  const scope = options.scope !== undefined ? `,scope=${options.scope}` : '';
  return { 'cache-from': `type=gha${scope}`, 'cache-to': `type=gha,mode=${options.mode ?? 'max'}${scope}` };
}
