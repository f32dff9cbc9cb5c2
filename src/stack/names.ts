/**
 * The names a {@link Stack} collects in its type, and what a stack is given: its options, the
 * images it budgets, the Dockerfiles it places. Imported by the unit (./unit.ts) and stack
 * (./stack.ts) modules; imports neither.
 * @module
 */
import type { DockerfileSource } from '../app/app.js';
import { UsageError } from '../core/errors.js';
import { dockerfileRef, type DockerfileRef } from '../core/refs.js';
import type { ComposeService } from '../compose/service.js';
import type { EnvVarSpec } from '../env/env.js';
import type { Workflow } from '../workflow/builder.js';
import type { JobBuilder } from '../workflow/job.js';

/** The brand of a {@link Stack} (shared by every copy of devstack-kit). */
export const STACK = Symbol.for('devstack-kit.Stack');

/** True for a value carrying the {@link Stack} brand. */
export function hasStackBrand(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STACK] === true;
}


// ─── names ──────────────────────────────────────────────────────────────────────────────────────

/** The names a {@link Stack} has collected; each member is a union of string literals (or a record for jobs and handles). */
export interface StackNames {
  /** Compose services. */
  readonly services: string;
  /** Services with a healthcheck: the only valid targets of `condition: 'service_healthy'`. */
  readonly healthy: string;
  /** Declared environment variables (`.env.example`, compose interpolation, CI). */
  readonly env: string;
  /** Named compose volumes. */
  readonly volumes: string;
  /** CI job ids, each with the names of its outputs. */
  readonly jobs: Record<string, string>;
  /** The handle each added unit returned, by unit name. */
  readonly units: Record<string, unknown>;
}

/** A stack with nothing in it yet. */
export interface EmptyStack {
  readonly services: never;
  readonly healthy: never;
  readonly env: never;
  readonly volumes: never;
  readonly jobs: {};
  readonly units: {};
}

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `N` with some members replaced. */
export type Put<N extends StackNames, P extends Partial<Record<keyof StackNames, unknown>>> = {
  readonly [K in keyof StackNames]: K extends keyof P ? P[K] : N[K];
};

/** The compose names a stack's services see. */
export interface ComposeNamesOf<N extends StackNames> {
  services: N['services'];
  healthy: N['healthy'];
  volumes: N['volumes'];
  networks: never;
  secrets: never;
  configs: never;
  models: never;
  env: N['env'];
}

/** A compose service inside a stack: it may name the stack's services, healthy services, volumes and variables. */
export type StackService<N extends StackNames, H extends boolean = false> = ComposeService<ComposeNamesOf<N>, H>;

/** A job builder inside a stack: `needs` accepts the stack's job ids. */
export type StackJob<N extends StackNames> = JobBuilder<N['jobs'], never, {}, never, never, never, never>;

/** How a stack declares a variable: an {@link EnvVarSpec}, plus the value it has inside the compose network. */
export interface StackVarSpec extends EnvVarSpec {
  /**
   * The value services get inside the compose network, when it differs from the host's
   * (`default`, written to `.env.example`): `postgresql://…@postgres:5432/app` against the host's
   * `postgresql://…@localhost:5555/app`. It may interpolate other declared variables (`${POSTGRES_PASSWORD:?…}`).
   */
  readonly inCompose?: string;
}

/** Where a stack writes its files, and its CI workflow's triggers. */
export interface StackOptions {
  /** The compose file (default `compose.yaml`); `.env.example` and `compose.override.yaml` go beside it. */
  readonly compose?: string;
  /** The compose project `name:` (default: none, Compose uses the folder's name). */
  readonly name?: string;
  /** The CI workflow (default `.github/workflows/ci.yml`); written only when a unit adds a job. `false`: none is written (the jobs units add are dropped). */
  readonly workflow?: string | false;
  /** The CI workflow's `name:` (default `CI`). */
  readonly workflowName?: string;
  /** The CI workflow's `on:` (default: pushes to `main` and every pull request). */
  readonly on?: Parameters<Workflow['on']>[0];
}

/** An image a unit builds, with its size budget (see {@link Stack.image}). */
export interface ImageBudget {
  /** A name for the image (the unit's or service's): `backend`. */
  readonly name: string;
  /** The Dockerfile and the stage built. */
  readonly dockerfile: string;
  readonly context: string;
  readonly target?: string;
  /** The budget in decimal megabytes (10^6 bytes, as `docker image inspect --format '{{.Size}}'` counts). */
  readonly budgetMB?: number;
  /** The CI job that builds the image (and checks its budget), if any. */
  readonly job?: string;
}

/** A Dockerfile a unit places, typed by its stages: a {@link DockerfileRef} that also carries the builder. */
export interface StackDockerfile<S extends string = string, H extends string = never> extends DockerfileRef<S, H> {
  /** @internal The builder the App synthesizes. */
  readonly source: DockerfileSource<string, string>;
}

/**
 * A Dockerfile placed at a path (its build context defaults to the Dockerfile's folder), typed by
 * its stages, for `stack.dockerfile(…)` and a service's `build(ref, { target })`.
 *
 * @example
 * ```ts
 * const api = dockerfileAt('backend/Dockerfile', Dockerfile.create().stage('runtime', 'python:3.13-slim', (s) => s.user('app')));
 * api.stages; // ['runtime'] — typed as 'runtime'
 * stack.dockerfile(api).service('api', (s) => s.build(api, { target: 'runtime' }));
 * // compose.yaml:
 * //   api:
 * //     build:
 * //       context: ./backend
 * //       dockerfile: Dockerfile
 * //       target: runtime
 * ```
 */
export function dockerfileAt<S extends string, H extends string = never>(path: string, dockerfile: DockerfileSource<S, H>, options: { readonly context?: string } = {}): StackDockerfile<S, H> {
  if (typeof dockerfile !== 'object' || dockerfile === null || typeof (dockerfile as { toModel?: unknown }).toModel !== 'function') {
    throw new UsageError('app/invalid-builder', `dockerfileAt("${String(path)}") expects a Dockerfile builder, received ${dockerfile === null ? 'null' : typeof dockerfile}`, 'pass Dockerfile.create()…');
  }
  const context = options.context ?? (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.');
  const ref = dockerfileRef<S, H>(path, context, dockerfile.stageNames);
  return Object.freeze({ ...ref, source: dockerfile as unknown as DockerfileSource<string, string> });
}
