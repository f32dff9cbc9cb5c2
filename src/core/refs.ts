/**
 * References that cross files: a compose service builds *that* Dockerfile, at one of *its* stages.
 * @module
 */

const DOCKERFILE_REF = Symbol.for('devstack-kit.DockerfileRef');

/**
 * Where the App placed a Dockerfile, and the names of its stages (as a type parameter). Returned by
 * `app.dockerfile(…)`; passed to a compose service's `build(…)`, whose `target` then accepts only
 * these stage names.
 *
 * @example
 * ```ts
 * const backend = app.dockerfile('backend/Dockerfile', df); // DockerfileRef<'builder' | 'runtime'>
 * compose.service('api', (s) => s.build(backend, { target: 'runtime' }));
 * // services:
 * //   api:
 * //     build:
 * //       context: ./backend
 * //       dockerfile: Dockerfile
 * //       target: runtime
 * ```
 */
export interface DockerfileRef<Stages extends string = string, Healthchecked extends string = never> {
  /** The Dockerfile's path from the project root, with `/` separators: `backend/Dockerfile`. */
  readonly path: string;
  /** The build context from the project root: `backend` (`.` for the root). */
  readonly context: string;
  /** The stage names, in order (unnamed stages are absent). */
  readonly stages: readonly Stages[];
  readonly [DOCKERFILE_REF]: true;
  /**
   * @internal phantom: the stages that end with a `HEALTHCHECK` (a compose service built with
   * `target:` one of them may be waited for with `condition: service_healthy`). Contravariant, so a
   * ref with healthchecked stages is still a `DockerfileRef<S>`.
   */
  readonly _healthchecked?: (stage: Healthchecked) => void;
}

/** Makes a {@link DockerfileRef}. */
export function dockerfileRef<S extends string, H extends string = never>(path: string, context: string, stages: readonly S[]): DockerfileRef<S, H> {
  return Object.freeze({ path, context, stages: Object.freeze([...stages]), [DOCKERFILE_REF]: true as const });
}

/** True for a {@link DockerfileRef} from any copy of devstack-kit. */
export function isDockerfileRef(value: unknown): value is DockerfileRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DOCKERFILE_REF] === true;
}
