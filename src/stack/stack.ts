/**
 * Units that span files. A {@link Stack} is one immutable, typed value that collects what every
 * service of a project writes — its Dockerfile(s) and `.dockerignore`, its compose service, its CI
 * jobs, its environment variables — and the names each contributes (services, healthy services,
 * variables, volumes, job ids, unit handles) in its type parameter. A {@link Unit} (made with
 * {@link defineUnit}) is a reusable piece added with one call, `stack.add(unit)`: what it requires
 * from its consumer is in its type, so a consumer that forgot a variable or a service gets a compile
 * error at that call. The stack ends in an `App` (`stack.toApp()`), which validates and writes.
 *
 * The stack imports the three domains; no domain imports it (docs/presets.md explains the design).
 * @module
 */
import { posix } from 'node:path';
import { App, type AppOptions, type DockerfileSource, type FileEntry } from '../app/app.js';
import type { Issue } from '../core/issue.js';
import { UsageError } from '../core/errors.js';
import { dockerfileRef, type DockerfileRef } from '../core/refs.js';
import { Compose } from '../compose/builder.js';
import type { AnyNames } from '../compose/inputs.js';
import { ComposeService } from '../compose/service.js';
import type { SecretModel } from '../compose/model.js';
import { Env, type EnvVarSpec } from '../env/env.js';
import type { JobOutputsOf } from '../workflow/context.js';
import type { JobBuilder } from '../workflow/job.js';
import { Workflow } from '../workflow/builder.js';
import type { WorkflowModel } from '../workflow/model.js';
import { imageSizeChecks } from '../workflow/presets.js';

const STACK = Symbol.for('devstack-kit.Stack');
const UNIT = Symbol.for('devstack-kit.Unit');

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

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `N` with some members replaced. */
type Put<N extends StackNames, P extends Partial<Record<keyof StackNames, unknown>>> = {
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

// ─── units ──────────────────────────────────────────────────────────────────────────────────────

/** What a unit needs its consumer to have declared before it is added (lists of names). */
export interface Requirements {
  readonly env?: readonly string[];
  readonly services?: readonly string[];
  /** Services that must have a healthcheck (implies `services`). */
  readonly healthy?: readonly string[];
  readonly volumes?: readonly string[];
  readonly jobs?: readonly string[];
}

type Elem<L> = L extends readonly (infer E extends string)[] ? E : never;

/** The names a unit's build function sees: exactly what it requires. */
export type Scope<R extends Requirements> = {
  readonly services: Elem<R['services']> | Elem<R['healthy']>;
  readonly healthy: Elem<R['healthy']>;
  readonly env: Elem<R['env']>;
  readonly volumes: Elem<R['volumes']>;
  readonly jobs: { [K in Elem<R['jobs']>]: never };
  readonly units: {};
};

/** What a unit's build function returns when it has a handle: see {@link Stack.returns}. */
export interface UnitResult<N extends StackNames, H> {
  readonly stack: Stack<N>;
  readonly handle: H;
}

/**
 * A reusable piece of a stack, made by {@link defineUnit} and added with `stack.add(unit)`. Its
 * type carries its name, the names it requires (`In`), the names it leaves (`Out`) and its handle.
 */
export interface Unit<Name extends string = string, In extends StackNames = StackNames, Out extends StackNames = StackNames, H = unknown> {
  readonly name: Name;
  /** What the unit requires, as lists (checked at run time too, for untyped callers). */
  readonly requires: Requirements;
  readonly [UNIT]: true;
  /** @internal */
  readonly apply: (stack: Stack<StackNames>) => UnitResult<StackNames, H>;
  /** @internal phantom */
  readonly _types?: (names: In) => Out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyUnit = Unit<string, any, any, any>;
type UnitName<U> = U extends { readonly name: infer Name extends string } ? Name : never;
type UnitIn<U> = U extends { readonly _types?: (names: infer I extends StackNames) => unknown } ? I : never;
type UnitOut<U> = U extends { readonly _types?: (names: never) => infer O extends StackNames } ? O : never;
type UnitHandle<U> = U extends { readonly apply: (stack: never) => UnitResult<StackNames, infer H> } ? H : never;

type Listed<Kind extends string, M extends string> = [M] extends [never] ? never : M extends string ? `${Kind} "${M}"` : never;

/** Names the unit requires that the stack lacks, as readable strings. */
type MissingOf<N extends StackNames, In extends StackNames> =
  | Listed<'environment variable', string extends N['env'] ? never : Exclude<In['env'], N['env']>>
  | Listed<'service', string extends N['services'] ? never : Exclude<In['services'], N['services']>>
  | Listed<'service with a healthcheck', string extends N['healthy'] ? never : Exclude<In['healthy'], N['healthy']>>
  | Listed<'volume', string extends N['volumes'] ? never : Exclude<In['volumes'], N['volumes']>>
  | Listed<'CI job', string extends keyof N['jobs'] ? never : Exclude<keyof In['jobs'] & string, keyof N['jobs'] & string>>;

/** Names the unit adds that the stack already has. */
type ClashOf<N extends StackNames, In extends StackNames, Out extends StackNames, Name extends string> =
  | Listed<'environment variable', string extends N['env'] ? never : Extract<Exclude<Out['env'], In['env']>, N['env']>>
  | Listed<'service', string extends N['services'] ? never : Extract<Exclude<Out['services'], In['services']>, N['services']>>
  | Listed<'volume', string extends N['volumes'] ? never : Extract<Exclude<Out['volumes'], In['volumes']>, N['volumes']>>
  | Listed<'CI job', string extends keyof N['jobs'] ? never : Extract<Exclude<keyof Out['jobs'] & string, keyof In['jobs'] & string>, keyof N['jobs'] & string>>
  | Listed<'unit', Extract<Name, keyof N['units']>>;

/**
 * `unknown` when the unit fits the stack; otherwise an object type whose property names say what is
 * missing or declared twice (names, not values, since TypeScript prints names resolved), so the
 * compile error at `stack.add(unit)` reads, for example:
 * `Property '"✖ add to the stack first: environment variable \"POSTGRES_PASSWORD\""' is missing in type 'Unit<"api", …>'`.
 */
export type CheckUnit<N extends StackNames, U> =
  MissingOf<N, UnitIn<U>> extends infer Missing extends string
    ? [Missing] extends [never]
      ? ClashOf<N, UnitIn<U>, UnitOut<U>, UnitName<U>> extends infer Clash extends string
        ? [Clash] extends [never]
          ? unknown
          : { readonly [K in `✖ already in the stack: ${Clash}`]: true }
        : never
      : { readonly [K in `✖ add to the stack first: ${Missing}`]: true }
    : never;

/** The stack after adding a unit. */
export type AfterAdd<N extends StackNames, U> = Put<
  N,
  {
    services: N['services'] | UnitOut<U>['services'];
    healthy: N['healthy'] | UnitOut<U>['healthy'];
    env: N['env'] | UnitOut<U>['env'];
    volumes: N['volumes'] | UnitOut<U>['volumes'];
    jobs: Simplify<N['jobs'] & UnitOut<U>['jobs']>;
    units: Simplify<N['units'] & UnitOut<U>['units'] & { readonly [K in UnitName<U>]: UnitHandle<U> }>;
  }
>;

/**
 * Defines a unit: a named, reusable piece of a stack. `requires` lists the names the consumer must
 * have declared (variables, services, healthy services, volumes, jobs); `build` receives a stack
 * that knows exactly those names — so inside a preset `envVar('UNDECLARED')` or
 * `dependsOn('nothing')` is a compile error — and returns the stack with what the unit adds
 * (optionally with a handle: `s.….returns({ service: 'api' })`). Adding the unit to a stack that lacks
 * a required name is a compile error at `stack.add(…)`, and a `UsageError` (`stack/missing-requirement`)
 * for untyped callers.
 *
 * @example
 * ```ts
 * const mailpit = defineUnit('mailpit', { env: ['SMTP_URL'] }, (s) =>
 *   s.service('mailpit', (svc, vars) => svc.image('axllent/mailpit:v1.21').env('SMTP_URL', vars.SMTP_URL).dev((d) => d.ports('8025:8025')))
 *    .returns({ service: 'mailpit' as const }));
 * Stack.create().env('SMTP_URL', { default: 'smtp://localhost:1025' }).add(mailpit);
 * // compose.yaml:
 * //   mailpit:
 * //     image: axllent/mailpit:v1.21
 * //     environment:
 * //       SMTP_URL: ${SMTP_URL:-smtp://localhost:1025}
 * Stack.create().add(mailpit); // ✖ compile error: Property '"✖ add to the stack first: environment variable \"SMTP_URL\""' is missing …
 * ```
 */
export function defineUnit<const Name extends string, const R extends Requirements, Out extends StackNames, H = {}>(
  name: Name,
  requires: R,
  build: (stack: Stack<Scope<R>>) => Stack<Out> | UnitResult<Out, H>,
): Unit<Name, Scope<R>, Out, H> {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError('stack/invalid-unit', `unit name ${JSON.stringify(name)} is not valid`, 'use letters, digits, ".", "_" and "-": "backend"');
  }
  if (typeof build !== 'function') throw new UsageError('stack/invalid-unit', `unit "${name}" has no build function`, 'pass (s) => s.service(…)');
  const apply = (stack: Stack<StackNames>): UnitResult<StackNames, H> => {
    const out = build(stack as unknown as Stack<Scope<R>>) as unknown as Stack<StackNames> | UnitResult<StackNames, H> | undefined;
    if (Stack.isStack(out)) return { stack: out, handle: {} as H };
    if (out && typeof out === 'object' && Stack.isStack((out as UnitResult<StackNames, H>).stack)) return out as UnitResult<StackNames, H>;
    throw new UsageError('stack/invalid-unit', `the build function of unit "${name}" did not return the stack`, 'return the stack it was given, with what the unit adds: (s) => s.service(…)');
  };
  return Object.freeze({ name, requires: Object.freeze({ ...requires }) as Requirements, [UNIT]: true as const, apply });
}

/**
 * True for a {@link Unit} from any copy of devstack-kit (units are branded, not class instances).
 *
 * @example
 * ```ts
 * isUnit(postgres()); // true
 * isUnit({ name: 'postgres' }); // false
 * ```
 */
export function isUnit(value: unknown): value is Unit {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[UNIT] === true;
}

// ─── the stack ──────────────────────────────────────────────────────────────────────────────────

interface StackState {
  readonly options: { readonly compose: string; readonly workflow: string | false; readonly workflowName: string };
  readonly env: Env<string>;
  /** per variable, its value inside the compose network, when it differs from the host's */
  readonly inCompose: Readonly<Record<string, string>>;
  readonly compose: Compose<AnyNames>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly workflow: Workflow<any, never, never, never, never>;
  readonly jobs: readonly string[];
  readonly volumes: readonly string[];
  readonly healthy: readonly string[];
  readonly dockerfiles: readonly StackDockerfile<string, never>[];
  readonly images: readonly ImageBudget[];
  readonly units: Readonly<Record<string, unknown>>;
}

const DEFAULT_ON: Parameters<Workflow['on']>[0] = { push: { branches: ['main'] }, pull_request: null };

/**
 * A project's development stack as one immutable, typed value: compose services, their Dockerfiles,
 * CI jobs and environment variables, added one unit at a time. Names accumulate in `N`: a service
 * may `dependsOn` only services added before it (`service_healthy` only healthy ones), pass only
 * declared variables, and a job `needs` only jobs added before it. `toApp()` gives the App that
 * writes every file.
 *
 * @example
 * ```ts
 * import { Stack } from 'devstack-kit';
 * import { postgres, pythonUv } from 'devstack-kit/stack';
 *
 * const stack = Stack.create()
 *   .add(postgres({ database: 'app' }))
 *   .add(pythonUv('api', { dir: 'backend', env: ['DATABASE_URL'], dependsOn: { postgres: 'healthy' } }));
 * export default stack.toApp();
 * // writes backend/Dockerfile, backend/.dockerignore, compose.yaml, compose.override.yaml,
 * // .env.example, .gitignore and .github/workflows/ci.yml
 * ```
 */
export class Stack<N extends StackNames = EmptyStack> {
  readonly #state: StackState;
  readonly [STACK] = true;
  /** Type-only: the names collected so far. */
  declare readonly __names: N;

  private constructor(state: StackState) {
    this.#state = Object.freeze(state);
    Object.freeze(this);
  }

  /**
   * An empty stack.
   *
   * @example
   * ```ts
   * Stack.create({ compose: 'compose.yaml', workflow: '.github/workflows/ci.yml' });
   * ```
   */
  static create(options: StackOptions = {}): Stack<EmptyStack> {
    const resolved = { compose: options.compose ?? 'compose.yaml', workflow: options.workflow ?? '.github/workflows/ci.yml', workflowName: options.workflowName ?? 'CI' };
    const workflow = Workflow.create(resolved.workflowName)
      .on(options.on ?? DEFAULT_ON)
      .permissions({ contents: 'read' })
      .concurrency({ group: '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': true });
    return new Stack({
      options: resolved,
      env: Env.create() as unknown as Env<string>,
      inCompose: {},
      compose: (options.name === undefined ? Compose.create() : Compose.create(options.name)) as unknown as Compose<AnyNames>,
      workflow,
      jobs: [],
      volumes: [],
      healthy: [],
      dockerfiles: [],
      images: [],
      units: {},
    });
  }

  /** True for a `Stack` from any copy of devstack-kit. */
  static isStack(value: unknown): value is Stack<StackNames> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STACK] === true;
  }

  #with<M extends StackNames>(patch: Partial<StackState>): Stack<M> {
    return new Stack<M>({ ...this.#state, ...patch });
  }

  /**
   * Declares an environment variable once: it reaches `.env.example` (with its description), compose
   * (as `${VAR:-default}`, or `inCompose` inside the network) and CI (`workflowEnv`).
   *
   * @example
   * ```ts
   * stack.env('DATABASE_URL', {
   *   description: 'Postgres, as the app sees it',
   *   default: 'postgresql://postgres:postgres@localhost:5555/app',  // the host's value (.env.example)
   *   inCompose: 'postgresql://postgres:${POSTGRES_PASSWORD:?…}@postgres:5432/app', // inside the network
   * });
   * // .env.example:
   * // # Postgres, as the app sees it
   * // DATABASE_URL=postgresql://postgres:postgres@localhost:5555/app
   * ```
   */
  env<const V extends string>(name: V, spec: StackVarSpec = {}): Stack<Put<N, { env: N['env'] | V }>> {
    const { inCompose, ...envSpec } = spec;
    const env = this.#state.env.var(name, envSpec);
    return this.#with({ env, inCompose: inCompose === undefined ? this.#state.inCompose : { ...this.#state.inCompose, [name]: inCompose } });
  }

  /**
   * Declares a named compose volume.
   *
   * @example
   * ```ts
   * stack.volume('pgdata');
   * // volumes:
   * //   pgdata:
   * ```
   */
  volume<const V extends string>(name: V): Stack<Put<N, { volumes: N['volumes'] | V }>> {
    if (this.#state.volumes.includes(name)) throw new UsageError('stack/duplicate-name', `volume "${name}" is declared twice`, 'declare each volume once');
    return this.#with({ compose: this.#state.compose.volume(name) as unknown as Compose<AnyNames>, volumes: [...this.#state.volumes, name] });
  }

  /**
   * Declares a top-level compose secret (for a service's `secrets:` or a build's `build.secrets`).
   * Declaring the same name twice with the same source is allowed (two services of one image).
   *
   * @example
   * ```ts
   * stack.secret('uv-index-token', { environment: 'UV_INDEX_TOKEN' });
   * // secrets:
   * //   uv-index-token:
   * //     environment: UV_INDEX_TOKEN
   * ```
   */
  secret(name: string, config: SecretModel): Stack<N> {
    const existing = (this.#state.compose.toModel().secrets ?? {})[name];
    if (existing !== undefined) {
      if (JSON.stringify(existing) === JSON.stringify(config)) return this;
      throw new UsageError('stack/duplicate-name', `secret "${name}" is declared twice with different sources`, 'give each secret its own name');
    }
    return this.#with({ compose: this.#state.compose.secret(name, config) as unknown as Compose<AnyNames> });
  }

  /**
   * Places a Dockerfile (and its `.dockerignore`) made with {@link dockerfileAt}.
   *
   * @example
   * ```ts
   * const api = dockerfileAt('backend/Dockerfile', df);
   * stack.dockerfile(api);
   * // writes backend/Dockerfile and backend/.dockerignore
   * ```
   */
  dockerfile(dockerfile: StackDockerfile<string, never>): Stack<N> {
    if (typeof dockerfile !== 'object' || dockerfile === null || typeof dockerfile.source?.toModel !== 'function') {
      throw new UsageError('app/invalid-builder', 'stack.dockerfile(…) expects the result of dockerfileAt(path, Dockerfile…)', "wrap the builder: dockerfileAt('backend/Dockerfile', Dockerfile.create()…)");
    }
    if (this.#state.dockerfiles.some((d) => d.path === dockerfile.path)) return this; // the same Dockerfile, placed by two units of one service
    return this.#with({ dockerfiles: [...this.#state.dockerfiles, dockerfile] });
  }

  /**
   * Defines a compose service. The callback gets the service builder (which knows the stack's
   * services, healthy services, volumes and variables) and `vars`: each declared variable's value
   * inside the compose network (its `inCompose` value, else its `${VAR:-default}` interpolation).
   *
   * @example
   * ```ts
   * stack.service('api', (s, vars) => s.image('api:1').env('DATABASE_URL', vars.DATABASE_URL).dependsOn('postgres', { condition: 'service_healthy' }));
   * // api:
   * //   image: api:1
   * //   environment:
   * //     DATABASE_URL: postgresql://postgres:${POSTGRES_PASSWORD:?…}@postgres:5432/app
   * //   depends_on:
   * //     postgres:
   * //       condition: service_healthy
   * ```
   */
  service<const S extends string, H extends boolean>(
    name: S,
    fn: (service: StackService<N>, vars: Readonly<Record<N['env'], string>>) => StackService<N, H>,
  ): Stack<Put<N, { services: N['services'] | S; healthy: H extends true ? N['healthy'] | S : N['healthy'] }>> {
    if (this.#state.compose.serviceNames().includes(name)) throw new UsageError('stack/duplicate-name', `service "${name}" is defined twice`, 'give each service its own name (a unit option usually sets it)');
    const env = this.#state.env;
    const compose = env.names().length > 0 ? this.#state.compose.env(env) : this.#state.compose;
    const vars: Record<string, string> = {};
    for (const v of env.names()) vars[v] = this.#state.inCompose[v] ?? env.ref(v);
    let healthy = false;
    const next = compose.service(name, (s) => {
      const built = fn(s as unknown as StackService<N>, Object.freeze(vars) as Readonly<Record<N['env'], string>>);
      if (!ComposeService.isComposeService(built)) return built as never; // Compose reports it
      const state = ComposeService.stateOf(built);
      const check = state.model.healthcheck as { disable?: boolean } | undefined;
      // a healthcheck of its own, or (not disabled) a Dockerfile target that may end with a HEALTHCHECK:
      // the types know which; the compose rule healthy-without-healthcheck checks the files at synth
      healthy = check !== undefined ? check.disable !== true : state.ref !== undefined;
      return built as never;
    });
    return this.#with({ compose: next as unknown as Compose<AnyNames>, healthy: healthy ? [...this.#state.healthy, name] : this.#state.healthy });
  }

  /**
   * Adds a job to the stack's CI workflow; `needs` accepts the jobs added before it.
   *
   * @example
   * ```ts
   * stack.job('test', (j) => j.runsOn('ubuntu-24.04').timeout(10).step(checkout()).run('make test'))
   *      .job('image', (j) => j.runsOn('ubuntu-24.04').timeout(20).needs('test').run('make image'));
   * // jobs:
   * //   test: …
   * //   image:
   * //     needs: test
   * ```
   */
  job<const Id extends string, J extends object>(
    id: Id,
    build: (job: StackJob<N>) => J,
  ): Stack<Put<N, { jobs: Simplify<N['jobs'] & { [K in Id]: JobOutputsOf<J> }> }>> {
    const workflow = this.#state.workflow.job(id, build as never);
    return this.#with({ workflow, jobs: [...this.#state.jobs, id] });
  }

  /**
   * Changes the CI workflow's top level (triggers, permissions, env, concurrency), never its jobs.
   *
   * @example
   * ```ts
   * stack.ci((w) => w.on({ schedule: [{ cron: '0 6 * * 1' }] }));
   * ```
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ci(fn: (workflow: Workflow<any, never, never, never, never>) => Workflow<any, never, never, never, never>): Stack<N> {
    const workflow = fn(this.#state.workflow);
    if (!Workflow.isWorkflow(workflow)) throw new UsageError('stack/invalid-unit', 'the callback of stack.ci(…) did not return the workflow', 'return it: (w) => w.on(…)');
    return this.#with({ workflow });
  }

  /**
   * Records an image a unit builds, with its size budget (decimal MB) and the CI job that builds it;
   * {@link Stack.images} lists them.
   *
   * @example
   * ```ts
   * stack.image({ name: 'backend', dockerfile: 'backend/Dockerfile', context: 'backend', target: 'runtime', budgetMB: 300, job: 'backend-image' });
   * ```
   */
  image(image: ImageBudget): Stack<N> {
    if (image.budgetMB !== undefined && (!Number.isFinite(image.budgetMB) || image.budgetMB <= 0)) {
      throw new UsageError('stack/invalid-budget', `the size budget of image "${image.name}" must be a positive number of MB, received ${String(image.budgetMB)}`, 'give megabytes as a number: budgetMB: 300');
    }
    return this.#with({ images: [...this.#state.images, { ...image }] });
  }

  /**
   * Adds a unit (a preset, or one made with {@link defineUnit}). A unit that requires a name the
   * stack lacks, or adds one it already has, is a compile error here, naming what is wrong.
   *
   * @example
   * ```ts
   * Stack.create().add(redis()).add(pythonUv('api', { env: ['REDIS_URL'], dependsOn: { redis: 'healthy' } }));
   * Stack.create().add(pythonUv('api', { dependsOn: { redis: 'healthy' } }));
   * // ✖ compile error: … missing the following properties …: "✖ add to the stack first: service \"redis\"", "✖ add to the stack first: service with a healthcheck \"redis\""
   * ```
   */
  add<U extends AnyUnit>(unit: U & CheckUnit<N, U>): Stack<AfterAdd<N, U>> {
    if (!isUnit(unit)) throw new UsageError('stack/invalid-unit', `stack.add(…) expects a unit, received ${unit === null ? 'null' : typeof unit}`, 'pass a preset (postgres()) or a unit made with defineUnit(…)');
    if (unit.name in this.#state.units) throw new UsageError('stack/duplicate-name', `a unit named "${unit.name}" is already in the stack`, 'give the second one its own name (most presets take it as their first argument or a `name` option)');
    const missing = this.#missing(unit.requires);
    if (missing.length > 0) {
      throw new UsageError('stack/missing-requirement', `unit "${unit.name}" needs ${missing.join(', ')}, which the stack does not have yet`, 'add what it needs first (the unit that declares it, or stack.env/service/job), then this unit');
    }
    const { stack, handle } = unit.apply(this as unknown as Stack<StackNames>);
    const state = stack.#state;
    return new Stack({ ...state, units: { ...state.units, [unit.name]: handle } });
  }

  #missing(r: Requirements): string[] {
    const out: string[] = [];
    const services = this.#state.compose.serviceNames();
    for (const v of r.env ?? []) if (!this.#state.env.names().includes(v)) out.push(`environment variable "${v}"`);
    for (const s of [...(r.services ?? []), ...(r.healthy ?? [])]) if (!services.includes(s)) out.push(`service "${s}"`);
    for (const s of r.healthy ?? []) if (services.includes(s) && !this.#state.healthy.includes(s)) out.push(`a healthcheck on service "${s}"`);
    for (const v of r.volumes ?? []) if (!this.#state.volumes.includes(v)) out.push(`volume "${v}"`);
    for (const j of r.jobs ?? []) if (!this.#state.jobs.includes(j)) out.push(`CI job "${j}"`);
    return [...new Set(out)];
  }

  /**
   * Ends a unit's build function with a handle (what the consumer gets from `stack.unit(name)`).
   *
   * @example
   * ```ts
   * defineUnit('cache', {}, (s) => s.service('cache', (c) => c.image('redis:7.4')).returns({ service: 'cache' as const }));
   * ```
   */
  returns<const H>(handle: H): UnitResult<N, H> {
    return Object.freeze({ stack: this, handle });
  }

  /**
   * The handle a unit returned: its service name, Dockerfile (with its stages), job ids, variables.
   *
   * @example
   * ```ts
   * const stack = Stack.create().add(pythonUv('api', {}));
   * stack.unit('api').dockerfile.stages; // ['builder', 'runtime']
   * stack.unit('api').jobs.test;         // 'api-test'
   * ```
   */
  unit<const K extends keyof N['units'] & string>(name: K): N['units'][K] {
    if (!(name in this.#state.units)) throw new UsageError('stack/missing-requirement', `no unit named "${name}" in the stack`, `add it first; units: ${Object.keys(this.#state.units).join(', ') || 'none'}`);
    return this.#state.units[name] as N['units'][K];
  }

  /**
   * The images units build, with their size budgets.
   *
   * @example
   * ```ts
   * stack.images(); // [{ name: 'backend', dockerfile: 'backend/Dockerfile', target: 'runtime', budgetMB: 300, job: 'backend-image' }]
   * ```
   */
  images(): readonly ImageBudget[] {
    return this.#state.images;
  }

  /**
   * The compose file's path from the project root (`Stack.create({ compose })`, default `compose.yaml`).
   *
   * @example
   * ```ts
   * Stack.create({ compose: 'deploy/compose.yaml' }).composeFile(); // 'deploy/compose.yaml'
   * ```
   */
  composeFile(): string {
    return this.#state.options.compose;
  }

  /**
   * A project path (from the repository root) as the compose file sees it, for `develop.watch` and
   * bind mounts: `./backend/app` beside a root `compose.yaml`, `../backend/app` from `deploy/compose.yaml`.
   *
   * @example
   * ```ts
   * Stack.create({ compose: 'deploy/compose.yaml' }).composePath('backend/app'); // '../backend/app'
   * ```
   */
  composePath(path: string): string {
    const file = this.#state.options.compose;
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
    const rel = posix.relative(posix.normalize(dir), posix.normalize(path));
    if (rel === '') return '.';
    return rel.startsWith('..') ? rel : `./${rel}`;
  }

  /**
   * The declared variables (the `Env`), for `workflowEnv(stack.envDeclaration(), […])` in a job.
   *
   * @example
   * ```ts
   * workflowEnv(stack.envDeclaration(), ['DATABASE_URL']);
   * // { DATABASE_URL: "${{ vars.DATABASE_URL || 'postgresql://…' }}" }
   * ```
   */
  envDeclaration(): Env<N['env']> {
    return this.#state.env as unknown as Env<N['env']>;
  }

  /**
   * Places every file of the stack in `app`: each Dockerfile (with its `.dockerignore`), the compose
   * file (with `.env.example` and `compose.override.yaml`) and, when a unit added jobs, the CI workflow.
   *
   * @example
   * ```ts
   * const app = new App();
   * stack.addTo(app);
   * app.workflow('.github/workflows/release.yml', release);
   * ```
   */
  addTo(app: App): App {
    for (const d of this.#state.dockerfiles) app.dockerfile(d.path, d.source, { context: d.context });
    const env = this.#state.env;
    const compose = env.names().length > 0 ? this.#state.compose.env(env) : this.#state.compose;
    if (compose.serviceNames().length > 0) app.compose(this.#state.options.compose, compose);
    const path = this.#state.options.workflow;
    if (path !== false && this.#state.jobs.length > 0) app.workflow(path, this.#state.workflow);
    const budgeted = this.#state.images.filter((i) => i.budgetMB !== undefined);
    if (budgeted.length > 0) app.check((entries) => uncheckedBudgets(budgeted, entries));
    return app;
  }

  /**
   * A new App with every file of the stack (see {@link Stack.addTo}): the default export of `devstack.config.ts`.
   *
   * @example
   * ```ts
   * export default stack.toApp({ lint: { severity: { 'workflow/missing-timeout': 'error' } } });
   * ```
   */
  toApp(options: AppOptions = {}): App {
    return this.addTo(new App(options));
  }
}

// ─── budgets ────────────────────────────────────────────────────────────────────────────────────

/** Whether some size check of `workflow` measures `image` (its Dockerfile, context and target) with a budget no larger than the image's. */
function checksBudget(workflow: WorkflowModel, image: ImageBudget & { budgetMB: number }): boolean {
  return imageSizeChecks(workflow).some(
    (c) => c.budgetMB <= image.budgetMB && c.context === posix.normalize(image.context) && c.file === posix.normalize(image.dockerfile) && c.target === image.target,
  );
}

/** `stack/unchecked-budget`: each budgeted image that no workflow of the App checks. */
function uncheckedBudgets(images: readonly ImageBudget[], entries: readonly FileEntry[]): Issue[] {
  const workflows = entries.filter((e): e is FileEntry<'workflow'> => e.kind === 'workflow');
  const issues: Issue[] = [];
  for (const image of images) {
    if (image.budgetMB === undefined) continue;
    const budgeted = image as ImageBudget & { budgetMB: number };
    if (workflows.some((w) => checksBudget(w.model, budgeted))) continue;
    const what = `${image.dockerfile}${image.target === undefined ? '' : ` (target ${image.target})`}`;
    issues.push({
      code: 'stack/unchecked-budget',
      severity: 'warning',
      file: image.dockerfile,
      path: [],
      message: `image "${image.name}" has a size budget of ${String(image.budgetMB)} MB, but no workflow job builds ${what} and checks its size against it (${workflows.length === 0 ? 'the App has no workflow' : `workflows: ${workflows.map((w) => w.path).join(', ')}`})`,
      hint: `keep the stack's CI workflow (not workflow: false), or add a job with imageSizeCheckSteps({ image: '${image.name.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}:ci', budgetMB: ${String(image.budgetMB)}, context: '${image.context}', file: '${image.dockerfile}'${image.target === undefined ? '' : `, target: '${image.target}'`} })`,
    });
  }
  return issues;
}
