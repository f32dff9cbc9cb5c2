/**
 * The compose builders: `Compose` (a whole file) and `ComposeService` (one service). Both are
 * immutable values; names that can be referenced (services, healthy services, volumes, networks,
 * secrets, configs, environment variables) accumulate in the type.
 * @module
 */
import { posix } from 'node:path';
import { SynthError, UsageError } from '../core/errors.js';
import { isDockerfileRef, type DockerfileRef } from '../core/refs.js';
import { PMap } from '../core/persistent.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { commentLayout, commentText, layoutOf, mergeLayouts, withLayout, type YamlLayout } from '../core/layout.js';
import { markParsed } from '../core/schema.js';
import { Env, envExampleFromEnv, type EnvExampleModel, type EnvModel } from './env.js';
import { assertKey, listItemKey } from './keys.js';
import type {
  BuildModel,
  ComposeModel,
  ConfigModel,
  DependencyModel,
  HealthcheckModel,
  NetworkModel,
  PortModel,
  SecretModel,
  ServiceModel,
  VolumeModel,
  VolumeMountModel,
} from './model.js';
import { ComposeModelSchema } from './model.js';
import { parseCompose } from './parse.js';
import { synthCompose } from './synth.js';

const COMPOSE = Symbol.for('devstack-kit.Compose');
const SERVICE = Symbol.for('devstack-kit.ComposeService');
const NAME_RE = /^[a-zA-Z0-9._-]+$/;

// ---------------------------------------------------------------------------------------------
// Types

/** The names a `Compose` has accumulated; each member is a union of string literals. */
export interface ComposeTypes {
  services: string;
  /** Services that have an enabled healthcheck (the only valid targets of `service_healthy`). */
  healthy: string;
  volumes: string;
  networks: string;
  secrets: string;
  configs: string;
  /** Variables of the `Env` given to `.env(…)`. */
  env: string;
}

/** A `Compose` with nothing declared yet. */
export interface NoNames {
  services: never;
  healthy: never;
  volumes: never;
  networks: never;
  secrets: never;
  configs: never;
  env: never;
}

/** A `Compose` read from a file: every name is a `string`. */
export interface AnyNames {
  services: string;
  healthy: string;
  volumes: string;
  networks: string;
  secrets: string;
  configs: string;
  env: string;
}

// Conditional (`T extends unknown ? … : never`) so that the result is a plain object type: a compiler
// message then shows `Compose<{ services: "db" | "api"; healthy: "db"; … }>`, not `Compose<Add<Add<Add<…>>>>`.
type Add<T extends ComposeTypes, K extends keyof ComposeTypes, N extends string> = T extends unknown ? { [P in keyof ComposeTypes]: P extends K ? T[P] | N : T[P] } : never;
type Set_<T extends ComposeTypes, K extends keyof ComposeTypes, N extends string> = T extends unknown ? { [P in keyof ComposeTypes]: P extends K ? N : T[P] } : never;

/** A duration unit of Compose. */
export type DurationUnit = 'ns' | 'us' | 'µs' | 'ms' | 's' | 'm' | 'h';
/** A Compose duration: `"10s"`, `"1m30s"`, `"500ms"`, or an interpolation. */
export type DurationString =
  | `${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}${number}${DurationUnit}`
  | `\${${string}}`;

/** A healthcheck test: exec form (`['CMD', …]`), shell form (`['CMD-SHELL', '…']` or a string), or `['NONE']`. */
export type HealthTest = readonly ['CMD', string, ...string[]] | readonly ['CMD-SHELL', string] | readonly ['NONE'] | string;

/** What `healthcheck(…)` takes: the typed form of {@link HealthcheckModel} (durations are strings with units). */
export interface HealthcheckSpec {
  readonly test: HealthTest;
  readonly interval?: DurationString;
  readonly timeout?: DurationString;
  readonly retries?: number;
  readonly start_period?: DurationString;
  readonly start_interval?: DurationString;
}

type Proto = 'tcp' | 'udp' | 'sctp';
type PortNum = `${number}` | `${number}-${number}`;
type PortBody = PortNum | `${PortNum}:${PortNum}` | `${string}:${PortNum}:${PortNum}` | `[${string}]:${PortNum}:${PortNum}` | `\${${string}}:${PortNum}` | `${string}::${PortNum}`;
/** A short-syntax port: `"8080:80"`, `"127.0.0.1:5432:5432"`, `"53:53/udp"`, `"3000"`. */
export type PortString = PortBody | `${PortBody}/${Proto}`;

/** A bind-mount source: a path starting with `.`, `/`, `~`, or an interpolation. */
export type BindSource = '.' | '..' | `./${string}` | `../${string}` | `/${string}` | `~${string}` | `\${${string}`;

/** A restart policy. */
export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure' | `on-failure:${number}`;

/** A lifecycle hook (`post_start`, `pre_stop`, `exec` of a watch). */
export interface HookSpec {
  readonly command: string | readonly string[];
  readonly user?: string;
  readonly privileged?: boolean;
  readonly working_dir?: string;
  readonly environment?: Readonly<Record<string, string | number | boolean | null>> | readonly string[];
}

interface WatchCommon {
  readonly path: string;
  readonly ignore?: string | readonly string[];
  readonly include?: string | readonly string[];
  readonly initial_sync?: boolean;
}
/** One `develop.watch` rule. A sync action needs a `target`; `sync+exec` needs `exec`. */
export type WatchSpec =
  | (WatchCommon & { readonly action: 'sync' | 'sync+restart'; readonly target: string })
  | (WatchCommon & { readonly action: 'sync+exec'; readonly target: string; readonly exec: HookSpec })
  | (WatchCommon & { readonly action: 'rebuild' | 'restart' });

/**
 * Options of `envVar`: `as` renames the variable inside the container; `default`/`required` as in `Env.ref`.
 *
 * @example
 * ```ts
 * s.envVar('DATABASE_URL', { as: 'DB_URL', required: 'set DATABASE_URL in .env' });
 * // environment:
 * //   DB_URL: ${DATABASE_URL:?set DATABASE_URL in .env}
 * ```
 */
export interface EnvVarOptions {
  readonly as?: string;
  readonly default?: string;
  readonly required?: string;
}

/**
 * What `dependsOn(name, { condition })` accepts as `name`: a service defined before (`T['services']`),
 * and for `service_healthy` one with a healthcheck (`T['healthy']`). Anything else asks for a
 * {@link DevstackTypeError} whose message says which rule the name breaks.
 *
 * (The methods take the names as a type parameter defaulting to the builder's own, not the
 * builder's parameter itself: a conditional type on the class parameter would make
 * `Compose<{ services: 'db' … }>` no longer assignable to `Compose<ComposeTypes>`.)
 *
 * @example
 * ```ts
 * type T = { services: 'db' | 'nats'; healthy: 'db'; volumes: never; networks: never; secrets: never; configs: never; env: never };
 * type A = DependencyName<T, 'db', 'service_healthy'>;   // 'db'
 * type B = DependencyName<T, 'nats', 'service_healthy'>; // 'db' | DevstackTypeError<"dependsOn: service 'nats' has no healthcheck, …">
 * type C = DependencyName<T, 'cache', 'service_started'>; // 'db' | 'nats' | DevstackTypeError<"dependsOn: no service 'cache' is defined before this one">
 * ```
 */
export type DependencyName<T extends ComposeTypes, D extends string, C extends DependencyModel['condition']> = D extends T['services']
  ? [C] extends ['service_healthy']
    ? D extends T['healthy']
      ? D
      : T['healthy'] | DevstackTypeError<`dependsOn: service '${D}' has no healthcheck, so condition service_healthy is never met`>
    : D
  : T['services'] | DevstackTypeError<`dependsOn: no service '${D}' is defined before this one`>;

/**
 * What `envVar(name)` accepts: a variable of the `Env` given to `compose.env(…)`; anything else asks for a {@link DevstackTypeError}.
 *
 * @example
 * ```ts
 * Compose.create().env(Env.create().var('TOKEN')).service('api', (s) => s.envVar('TOKN'));
 * // error TS2345: Argument of type '"TOKN"' is not assignable to parameter of type
 * //   '"TOKEN" | DevstackTypeError<"envVar: 'TOKN' is not a variable of the Env given to compose.env(…)">'.
 * ```
 */
export type EnvVarName<T extends ComposeTypes, N extends string> = N extends T['env']
  ? N
  : T['env'] | DevstackTypeError<`envVar: '${N}' is not a variable of the Env given to compose.env(…)`>;

/** Options of `dependsOn` besides the condition. */
export interface DependencyOptions {
  readonly restart?: boolean;
  readonly required?: boolean;
}

/** `build(ref, options)`: the long-form build fields, with `target` limited to the Dockerfile's stages. */
export type RefBuildOptions<S extends string> = Omit<BuildModel, 'context' | 'dockerfile' | 'dockerfile_inline' | 'target'> & {
  readonly target?: S;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ---------------------------------------------------------------------------------------------
// Service state

interface ServiceState {
  readonly model: Readonly<ServiceModel>;
  readonly ref?: { readonly ref: DockerfileRef; readonly options: Readonly<Record<string, unknown>> };
  readonly dev?: ServiceState;
  /** The compose file's `Env`, for `envVar` (not written to the model). */
  readonly env?: EnvModel;
  /** The comment written above the service's key (`comment(…)`; not part of the model). */
  readonly comment?: string;
}

function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeDeep(v);
  }
  return value;
}

/**
 * The model in schema key order, deep-frozen. When it is valid, it is recorded as its own parse, so
 * validating and writing it (in `App.synth`) do not parse it again.
 */
function frozenModel(model: ComposeModel): ComposeModel {
  const parsed = ComposeModelSchema.safeParse(model);
  if (!parsed.success) return freezeDeep(model);
  return markParsed(ComposeModelSchema, freezeDeep(parsed.data));
}

function clone<T>(value: T): T {
  return structuredClone(value) as T;
}

/**
 * A copy of a service's (deep-frozen) model to change top-level keys of. A shallow copy is enough:
 * every builder method assigns whole top-level values (new lists and maps, cloned input) and never
 * changes what is below them, and the frozen values it keeps are shared safely between builders.
 */
function ownCopy(model: Readonly<ServiceModel>): Mutable<ServiceModel> {
  return { ...model } as Mutable<ServiceModel>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges `patch` over `base`: objects merge key by key, anything else (lists too) replaces. */
function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? mergeDeep(base[k], v) : clone(v);
  return out;
}

/** Merges an override service over a base one as Compose does: maps merge, lists of ports, volumes, watches … append. */
function mergeOverride(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) return [...base, ...patch.filter((p) => !base.some((b) => JSON.stringify(b) === JSON.stringify(p)))];
  if (!isPlainObject(base) || !isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? mergeOverride(base[k], v) : clone(v);
  return out;
}

/** The relative path from `from` to `to` (both from the project root), written `./x` or `../x`. */
function relPath(from: string, to: string): string {
  const rel = posix.relative(posix.normalize(from), posix.normalize(to));
  if (rel === '') return '.';
  return rel.startsWith('..') ? rel : `./${rel}`;
}

// The Env of each (deep-frozen) env model a service was given, read once rather than on every
// `envVar` call (which would make a compose file of n services reading n variables quadratic).
const envs = new WeakMap<EnvModel, Env<string>>();
function envOf(model: EnvModel): Env<string> {
  let env = envs.get(model);
  if (!env) envs.set(model, (env = Env.fromModel(model)));
  return env;
}

/** A copy of `state` carrying `env` (or none). */
function withEnv(state: ServiceState, env: EnvModel | undefined): ServiceState {
  const next: Mutable<ServiceState> = { ...state };
  if (env) next.env = env;
  else delete next.env;
  return next;
}

function resolveService(state: ServiceState, dir: string): ServiceModel {
  const model = clone(state.model) as Mutable<ServiceModel>;
  if (state.ref) {
    const { ref, options } = state.ref;
    const build: Record<string, unknown> = { context: relPath(dir, ref.context), dockerfile: posix.relative(posix.normalize(ref.context), posix.normalize(ref.path)) };
    Object.assign(build, clone(options));
    const existing = isPlainObject(model.build) ? model.build : {};
    model.build = { ...existing, ...build } as BuildModel;
  }
  return model;
}

// ---------------------------------------------------------------------------------------------
// ComposeService

/**
 * One service of a {@link Compose}. Immutable; each method returns a new builder. `T` holds the names
 * the compose file declared before this service; `Healthy` is `true` once it has a healthcheck.
 *
 * @example
 * ```ts
 * Compose.create()
 *   .service('db', (s) => s.image('postgres:16').healthcheck({ test: ['CMD', 'pg_isready'], interval: '10s' }))
 *   .service('api', (s) => s.build('./backend').dependsOn('db', { condition: 'service_healthy' }));
 * // services:
 * //   db:
 * //     image: postgres:16
 * //     healthcheck:
 * //       test:
 * //         - CMD
 * //         - pg_isready
 * //       interval: 10s
 * //   api:
 * //     build: ./backend
 * //     depends_on:
 * //       db:
 * //         condition: service_healthy
 * ```
 */
export class ComposeService<T extends ComposeTypes = AnyNames, Healthy extends boolean = false> {
  readonly #state: ServiceState;
  readonly [SERVICE] = true;
  /** Type-only: whether the service has a healthcheck. */
  declare readonly __healthy: Healthy;
  /** Type-only: the names known to the service. */
  declare readonly __names: T;

  /** @internal Use `Compose.service(name, s => …)`. */
  constructor(state: ServiceState) {
    this.#state = freezeDeep(state);
    Object.freeze(this);
  }

  /** True for a `ComposeService` from any copy of devstack-kit. */
  static isComposeService(value: unknown): value is ComposeService<ComposeTypes, boolean> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SERVICE] === true;
  }

  /** @internal The builder's state (for `Compose`). */
  static stateOf(service: ComposeService<any, boolean>): ServiceState {
    return service.#state;
  }

  #with<H extends boolean = Healthy>(patch: Partial<ServiceState> | ((model: Mutable<ServiceModel>) => void)): ComposeService<T, H> {
    if (typeof patch === 'function') {
      const model = ownCopy(this.#state.model);
      patch(model);
      return new ComposeService<T, H>({ ...this.#state, model });
    }
    return new ComposeService<T, H>({ ...this.#state, ...patch });
  }

  /**
   * A comment written above the service in the generated file. Each line of the text becomes a `#`
   * line (a line break can never end the comment and start data); a second call replaces the first.
   *
   * @example
   * ```ts
   * s.comment('the API; scales horizontally').image('api:1');
   * // # the API; scales horizontally
   * // api:
   * //   image: api:1
   * ```
   */
  comment(text: string): ComposeService<T, Healthy> {
    commentText(text);
    return this.#with({ comment: text });
  }

  /**
   * Sets any property of the service by its specification name, typed by the model. `set('stop_signal', 'SIGINT')`
   *
   * @example
   * ```ts
   * s.set('stop_signal', 'SIGINT');
   * // stop_signal: SIGINT
   * ```
   */
  set<K extends keyof ServiceModel & string>(key: K, value: ServiceModel[K]): ComposeService<T, Healthy> {
    return this.#with((m) => {
      (m as Record<string, unknown>)[key] = clone(value);
    });
  }

  /**
   * `image: postgres:16`
   *
   * @example
   * ```ts
   * s.image('postgres:16');
   * // image: postgres:16
   * ```
   */
  image(image: string): ComposeService<T, Healthy> {
    if (typeof image !== 'string' || image.trim() === '') throw new UsageError('compose/empty-image', `image(${JSON.stringify(image)}) names no image`, 'name the image, e.g. image(\'postgres:16\'), or use build(…) instead');
    return this.set('image', image);
  }

  /**
   * `build:` from a Dockerfile the App placed: `context` and `dockerfile` are written relative to the
   * compose file, and `target` accepts only that Dockerfile's stages.
   *
   * @example
   * ```ts
   * s.build(backend, { target: 'runtime' }) // backend: DockerfileRef<'builder' | 'runtime'>
   * // build:
   * //   context: ./backend
   * //   dockerfile: Dockerfile
   * //   target: runtime
   * ```
   *
   * When the `target` stage ends with a `HEALTHCHECK` (`s.healthcheck(…)` in the Dockerfile builder),
   * the service counts as having a healthcheck: later services may `dependsOn` it with
   * `condition: 'service_healthy'`, as `compose/healthy-without-healthcheck` accepts.
   */
  build<S extends string, H extends string, const G extends string = never>(
    ref: DockerfileRef<S, H>,
    options?: Omit<RefBuildOptions<S>, 'target'> & {
      readonly target?: G extends NoInfer<S> ? G : NoInfer<S> | DevstackTypeError<`build: '${G}' is not a stage of this Dockerfile`>;
    },
  ): ComposeService<T, [G] extends [never] ? Healthy : [G] extends [H] ? true : Healthy>;
  /**
   * `build: ./backend` (a context path) or the long form `{ context, dockerfile, target, args, … }`.
   *
   * @example
   * ```ts
   * s.build('./backend');
   * // build: ./backend
   * ```
   */
  build(context: string | BuildModel): ComposeService<T, Healthy>;
  build(spec: DockerfileRef<string, string> | string | BuildModel, options?: object): ComposeService<T, any> {
    if (isDockerfileRef(spec)) {
      const target = (options as { target?: unknown } | undefined)?.target;
      if (target !== undefined && !spec.stages.includes(target as string)) {
        throw new UsageError('compose/unknown-stage', `"${String(target)}" is not a stage of ${spec.path} (stages: ${spec.stages.join(', ') || 'none'})`, 'use one of the stage names');
      }
      const model = ownCopy(this.#state.model);
      delete (model as Record<string, unknown>)['build'];
      return new ComposeService<T, Healthy>({ ...this.#state, model, ref: { ref: spec, options: clone({ ...options }) } });
    }
    const model = ownCopy(this.#state.model);
    model.build = clone(spec);
    const next: Mutable<ServiceState> = { ...this.#state, model };
    delete next.ref;
    return new ComposeService<T, Healthy>(next);
  }

  /**
   * `command:` as a string (run by a shell) or a list (exec form).
   *
   * @example
   * ```ts
   * s.command(['uvicorn', 'app.main:app']);
   * // command: [uvicorn, app.main:app]
   * ```
   */
  command(command: string | readonly string[]): ComposeService<T, Healthy> {
    return this.set('command', clone(command) as ServiceModel['command']);
  }

  /**
   * `entrypoint:` as a string or a list.
   *
   * @example
   * ```ts
   * s.entrypoint('/entrypoint.sh');
   * // entrypoint: /entrypoint.sh
   * ```
   */
  entrypoint(entrypoint: string | readonly string[]): ComposeService<T, Healthy> {
    return this.set('entrypoint', clone(entrypoint) as ServiceModel['entrypoint']);
  }

  /**
   * Sets one `environment` entry (map form): `env('LOG_LEVEL', 'debug')`.
   *
   * @example
   * ```ts
   * s.env('LOG_LEVEL', 'debug');
   * // environment: { LOG_LEVEL: debug }
   * ```
   */
  env(name: string, value: string | number | boolean | null): ComposeService<T, Healthy> {
    assertKey('compose/invalid-environment-key', name);
    return this.#with((m) => {
      const env = m.environment;
      if (Array.isArray(env)) m.environment = [...env.filter((e) => e.split('=')[0] !== name), value === null ? name : `${name}=${String(value)}`];
      else m.environment = { ...(env ?? {}), [name]: value };
    });
  }

  /**
   * Replaces `environment` with a map or a `KEY=value` list.
   *
   * @example
   * ```ts
   * s.environment(['A=1', 'B=2']);
   * // environment: [A=1, B=2]
   * ```
   */
  environment(environment: Readonly<Record<string, string | number | boolean | null>> | readonly string[]): ComposeService<T, Healthy> {
    for (const key of Array.isArray(environment) ? environment.map((e) => listItemKey(String(e))) : Object.keys(environment)) assertKey('compose/invalid-environment-key', key);
    return this.set('environment', clone(environment) as ServiceModel['environment']);
  }

  /**
   * Passes a variable declared in the compose file's `Env` as an interpolation:
   * `${VAR:-default}`, `${VAR:?…}` or `${VAR}` (see `Env.ref`). `as` renames it inside the container.
   *
   * @example
   * ```ts
   * Compose.create().env(env).service('api', (s) => s.image('api:1').envVar('DATABASE_URL'));
   * // environment:
   * //   DATABASE_URL: ${DATABASE_URL:-postgresql://postgres:postgres@localhost:5432/app}
   * ```
   */
  envVar<const N extends string, Names extends ComposeTypes = T>(
    name: EnvVarName<Names, N>,
    options?: EnvVarOptions,
  ): ComposeService<T, Healthy>;
  // the signature above checks the name; `any` here because that check's conditional type does not reduce to `string`
  envVar(name: any, options: EnvVarOptions = {}): ComposeService<T, Healthy> {
    if (!this.#state.env) throw new UsageError('compose/no-env', `envVar("${name}") needs an Env`, 'call compose.env(env) before defining services');
    const env = envOf(this.#state.env);
    const ref =
      options.required !== undefined ? env.ref(name, { required: options.required }) : options.default !== undefined ? env.ref(name, { default: options.default }) : env.ref(name);
    return this.env(options.as ?? name, ref);
  }

  /**
   * `env_file:` (a path, or a list of paths / `{ path, required, format }`).
   *
   * @example
   * ```ts
   * s.envFile([{ path: '.env', required: false }]);
   * // env_file: [{ path: .env, required: false }]
   * ```
   */
  envFile(file: NonNullable<ServiceModel['env_file']>): ComposeService<T, Healthy> {
    return this.set('env_file', clone(file));
  }

  /**
   * Appends published ports: `ports('8080:80', '127.0.0.1:5432:5432', { target: 80, published: 8080 })`.
   *
   * @example
   * ```ts
   * s.ports('8080:80', '127.0.0.1:5432:5432');
   * // ports: ['8080:80', '127.0.0.1:5432:5432']
   * ```
   */
  ports(...ports: readonly (PortString | number | PortModel)[]): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.ports = [...(m.ports ?? []), ...clone(ports as (string | number | PortModel)[])];
    });
  }

  /**
   * Appends `expose:` container ports.
   *
   * @example
   * ```ts
   * s.expose(8000);
   * // expose: [8000]
   * ```
   */
  expose(...ports: readonly (string | number)[]): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.expose = [...(m.expose ?? []), ...ports];
    });
  }

  /**
   * Mounts a declared named volume or a bind path (short syntax `source:target[:mode]`). A named
   * volume must be declared with `Compose.volume(name)` first.
   *
   * @example
   * ```ts
   * Compose.create().volume('pgdata').service('db', (s) => s.volume('pgdata', '/var/lib/postgresql/data').volume('./init.sql', '/init.sql', 'ro'));
   * // volumes:
   * //   - pgdata:/var/lib/postgresql/data
   * //   - ./init.sql:/init.sql:ro
   * ```
   */
  volume(source: T['volumes'] | BindSource, target: string, mode?: 'ro' | 'rw' | 'z' | 'Z' | (string & {})): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.volumes = [...(m.volumes ?? []), `${source}:${target}${mode ? `:${mode}` : ''}`];
    });
  }

  /**
   * Mounts with the long syntax (`type: bind | volume | tmpfs | …`); a `volume` source must be declared.
   *
   * @example
   * ```ts
   * s.mount({ type: 'tmpfs', target: '/tmp', tmpfs: { size: 1000000 } });
   * // volumes: [{ type: tmpfs, target: /tmp, tmpfs: { size: 1000000 } }]
   * ```
   */
  mount(
    spec: Omit<VolumeMountModel, 'type' | 'source'> &
      ({ readonly type: 'volume'; readonly source?: T['volumes'] } | { readonly type: Exclude<VolumeMountModel['type'], 'volume'>; readonly source?: string }),
  ): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.volumes = [...(m.volumes ?? []), clone(spec) as VolumeMountModel];
    });
  }

  /**
   * Joins declared networks (list form); `default` is always allowed.
   *
   * @example
   * ```ts
   * c.network('back').service('api', (s) => s.networks('back'));
   * // networks: [back]
   * ```
   */
  networks(...names: readonly (T['networks'] | 'default')[]): ComposeService<T, Healthy> {
    return this.#with((m) => {
      const nets = m.networks;
      if (isPlainObject(nets)) m.networks = { ...nets, ...Object.fromEntries(names.map((n) => [n, null])) };
      else m.networks = [...(nets ?? []), ...names.filter((n) => !(nets ?? []).includes(n))];
    });
  }

  /**
   * Joins a declared network with options (map form): `network('back', { aliases: ['db'] })`.
   *
   * @example
   * ```ts
   * s.network('back', { aliases: ['db'] });
   * // networks: { back: { aliases: [db] } }
   * ```
   */
  network(name: T['networks'] | 'default', options: NonNullable<Exclude<NonNullable<ServiceModel['networks']>, string[]>[string]>): ComposeService<T, Healthy> {
    return this.#with((m) => {
      const nets = m.networks;
      const map: Record<string, unknown> = Array.isArray(nets) ? Object.fromEntries(nets.map((n) => [n, null])) : { ...(nets ?? {}) };
      map[name] = clone(options);
      m.networks = map as ServiceModel['networks'];
    });
  }

  /**
   * Waits for a service defined earlier. `service_healthy` is accepted only for services that
   * have a healthcheck. Without options, entries are written in the short (list) form.
   *
   * @example
   * ```ts
   * s.dependsOn('postgres', { condition: 'service_healthy' }).dependsOn('nats');
   * // depends_on:
   * //   postgres:
   * //     condition: service_healthy
   * //   nats:
   * //     condition: service_started
   * ```
   */
  dependsOn<const D extends string, const C extends DependencyModel['condition'] = 'service_started', Names extends ComposeTypes = T>(
    name: DependencyName<Names, D, C>,
    options?: DependencyOptions & { readonly condition?: C },
  ): ComposeService<T, Healthy>;
  // the signature above checks the name; `any` here because that check's conditional type does not reduce to `string`
  dependsOn(name: any, options?: DependencyOptions & { readonly condition?: DependencyModel['condition'] }): ComposeService<T, Healthy> {
    return this.#with((m) => {
      const deps = m.depends_on;
      if (options === undefined && (deps === undefined || Array.isArray(deps))) {
        m.depends_on = [...(deps ?? []).filter((d) => d !== name), name];
        return;
      }
      const map: Record<string, DependencyModel> = Array.isArray(deps)
        ? Object.fromEntries(deps.map((d) => [d, { condition: 'service_started' as const }]))
        : { ...(deps ?? {}) };
      const entry: DependencyModel = { condition: options?.condition ?? 'service_started' };
      if (options?.restart !== undefined) entry.restart = options.restart;
      if (options?.required !== undefined) entry.required = options.required;
      map[name] = entry;
      m.depends_on = map;
    });
  }

  /**
   * `healthcheck:` — makes this service a valid target of `condition: service_healthy`.
   * Durations are strings with units (`interval: 10` is a compile error).
   *
   * @example
   * ```ts
   * s.healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 });
   * // healthcheck:
   * //   test:
   * //     - CMD
   * //     - pg_isready
   * //     - -U
   * //     - postgres
   * //   interval: 10s
   * //   timeout: 5s
   * //   retries: 5
   * ```
   */
  healthcheck(spec: HealthcheckSpec): ComposeService<T, true> {
    return this.#with<true>((m) => {
      m.healthcheck = clone(spec) as HealthcheckModel;
    });
  }

  /**
   * `healthcheck: { disable: true }` — turns off a healthcheck the image defines.
   *
   * @example
   * ```ts
   * s.noHealthcheck();
   * // healthcheck: { disable: true }
   * ```
   */
  noHealthcheck(): ComposeService<T, false> {
    return this.#with<false>((m) => {
      m.healthcheck = { disable: true };
    });
  }

  /**
   * Appends a `develop.watch` rule (Compose Watch).
   *
   * @example
   * ```ts
   * s.watch({ action: 'sync', path: './backend/app', target: '/app/app' })
   *  .watch({ action: 'rebuild', path: './backend/pyproject.toml' });
   * // develop:
   * //   watch:
   * //     - action: sync
   * //       path: ./backend/app
   * //       target: /app/app
   * //     - action: rebuild
   * //       path: ./backend/pyproject.toml
   * ```
   */
  watch(...rules: readonly WatchSpec[]): ComposeService<T, Healthy> {
    return this.#with((m) => {
      const develop = isPlainObject(m.develop) ? m.develop : {};
      m.develop = { ...develop, watch: [...(develop.watch ?? []), ...clone(rules as never[])] };
    });
  }

  /**
   * Appends a `post_start` lifecycle hook (runs in the container after it starts).
   *
   * @example
   * ```ts
   * s.postStart({ command: ['./migrate.sh'], user: 'root' });
   * // post_start:
   * //   - command:
   * //       - ./migrate.sh
   * //     user: root
   * ```
   */
  postStart(hook: HookSpec): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.post_start = [...(m.post_start ?? []), clone(hook) as never];
    });
  }

  /**
   * Appends a `pre_stop` lifecycle hook (runs in the container before it stops).
   *
   * @example
   * ```ts
   * s.preStop({ command: 'pg_ctl stop -m fast' });
   * // pre_stop:
   * //   - command: pg_ctl stop -m fast
   * ```
   */
  preStop(hook: HookSpec): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.pre_stop = [...(m.pre_stop ?? []), clone(hook) as never];
    });
  }

  /**
   * `restart:` policy.
   *
   * @example
   * ```ts
   * s.restart('unless-stopped');
   * // restart: unless-stopped
   * ```
   */
  restart(policy: RestartPolicy): ComposeService<T, Healthy> {
    return this.set('restart', policy);
  }

  /**
   * Adds the service to profiles (it starts only when a profile is active).
   *
   * @example
   * ```ts
   * s.profiles('debug');
   * // profiles: [debug]
   * ```
   */
  profiles(...profiles: readonly string[]): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.profiles = [...(m.profiles ?? []), ...profiles.filter((p) => !(m.profiles ?? []).includes(p))];
    });
  }

  /**
   * Grants a declared secret (short form, or long form with `target`, `uid`, `gid`, `mode`).
   *
   * @example
   * ```ts
   * c.secret('db_password', { file: './db_password.txt' }).service('db', (s) => s.secret('db_password'));
   * // secrets: [db_password]
   * ```
   */
  secret(secret: T['secrets'] | { readonly source: T['secrets']; readonly target?: string; readonly uid?: string; readonly gid?: string; readonly mode?: number | string }): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.secrets = [...(m.secrets ?? []), clone(secret) as string];
    });
  }

  /**
   * Grants a declared config (short or long form).
   *
   * @example
   * ```ts
   * c.config('nginx_conf', { file: './nginx.conf' }).service('web', (s) => s.config({ source: 'nginx_conf', target: '/etc/nginx/nginx.conf' }));
   * // configs: [{ source: nginx_conf, target: /etc/nginx/nginx.conf }]
   * ```
   */
  config(config: T['configs'] | { readonly source: T['configs']; readonly target?: string; readonly uid?: string; readonly gid?: string; readonly mode?: number | string }): ComposeService<T, Healthy> {
    return this.#with((m) => {
      m.configs = [...(m.configs ?? []), clone(config) as string];
    });
  }

  /**
   * Adds labels (map form).
   *
   * @example
   * ```ts
   * s.labels({ 'com.example.team': 'payments' });
   * // labels: { com.example.team: payments }
   * ```
   */
  labels(labels: Readonly<Record<string, string>>): ComposeService<T, Healthy> {
    for (const key of Object.keys(labels)) assertKey('compose/invalid-label-key', key);
    return this.#with((m) => {
      m.labels = { ...(isPlainObject(m.labels) ? m.labels : {}), ...labels };
    });
  }

  /**
   * `user: "1000:1000"`
   *
   * @example
   * ```ts
   * s.user('1000:1000');
   * // user: '1000:1000'
   * ```
   */
  user(user: string): ComposeService<T, Healthy> {
    return this.set('user', user);
  }

  /**
   * `working_dir: /app`
   *
   * @example
   * ```ts
   * s.workingDir('/app');
   * // working_dir: /app
   * ```
   */
  workingDir(dir: string): ComposeService<T, Healthy> {
    return this.set('working_dir', dir);
  }

  /**
   * `init: true` — runs an init process that reaps zombies and forwards signals.
   *
   * @example
   * ```ts
   * s.init();
   * // init: true
   * ```
   */
  init(init = true): ComposeService<T, Healthy> {
    return this.set('init', init);
  }

  /**
   * `read_only: true` — a read-only root filesystem.
   *
   * @example
   * ```ts
   * s.readOnly();
   * // read_only: true
   * ```
   */
  readOnly(readOnly = true): ComposeService<T, Healthy> {
    return this.set('read_only', readOnly);
  }

  /**
   * Settings that only development needs (watch, published ports, debug variables): they go to
   * `compose.override.yaml` (see `Compose.overrideModel`), so CI runs `compose.yaml` without them.
   *
   * @example
   * ```ts
   * s.image('api:1').dev((d) => d.ports('8000:8000').watch({ action: 'sync', path: './app', target: '/app' }));
   * // compose.yaml:           api: { image: api:1 }
   * // compose.override.yaml:  api: { ports: ['8000:8000'], develop: { watch: [...] } }
   * ```
   */
  dev(fn: (dev: ComposeService<T, false>) => ComposeService<T, boolean>): ComposeService<T, Healthy> {
    const start = new ComposeService<T, false>(withEnv(this.#state.dev ?? { model: {} }, this.#state.env));
    const dev = withEnv(ComposeService.stateOf(fn(start)), undefined);
    return this.#with({ dev });
  }

  /**
   * Deep-merges raw data into the service, for spec fields this builder has no method for. Lists replace.
   *
   * @example
   * ```ts
   * s.$raw({ deploy: { resources: { limits: { memory: '512M' } } } });
   * // deploy: { resources: { limits: { memory: 512M } } }
   * ```
   */
  $raw(patch: Readonly<Record<string, unknown>>): ComposeService<T, Healthy> {
    return this.#with({ model: mergeDeep(this.#state.model, patch) as ServiceModel });
  }

  /**
   * Applies `fn` when `condition` is true.
   *
   * @example
   * ```ts
   * s.$if(ci, (x) => x.profiles('ci'));
   * // profiles: [ci]   # only when ci is true
   * ```
   */
  $if(condition: boolean, fn: (s: this) => ComposeService<T, boolean>): ComposeService<T, Healthy> {
    return (condition ? fn(this) : this) as ComposeService<T, Healthy>;
  }

  /**
   * Applies `fn` (a preset, for example).
   *
   * @example
   * ```ts
   * s.$call(withPostgresDefaults);
   * // # whatever the preset writes
   * ```
   */
  $call<R>(fn: (s: this) => R): R {
    return fn(this);
  }
}

// ---------------------------------------------------------------------------------------------
// Compose

/** The top-level maps `volume()`, `network()`, `secret()` and `config()` add to. */
const SECTIONS = ['volumes', 'networks', 'secrets', 'configs'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * Persistent maps, so that adding a service (or a volume, …) is O(log n) rather than a copy of all
 * of them, and a fork shares its base without either side seeing the other's additions.
 */
interface ComposeState {
  /**
   * Everything but the services and the {@link SECTIONS} held in `sections`; each of those keeps a
   * `null` here, so the key stays in its place in the file.
   */
  readonly top: Readonly<ComposeModel>;
  readonly services: PMap<ServiceState>;
  /** The sections that are maps (deep-frozen values). A section that is not a map stays in `top` as written. */
  readonly sections: Readonly<Partial<Record<Section, PMap<unknown>>>>;
  readonly env: EnvModel | undefined;
  /** Comments, key order and styles of a parsed file (by data path; see `YamlLayout`). */
  readonly layout?: YamlLayout;
  /** The comment at the top of the file (`comment(…)`). */
  readonly comment?: string;
}

/** Moves the sections of `top` that are maps into persistent maps (leaving `null` in their place). */
function splitSections(top: Readonly<Record<string, unknown>>, sections: ComposeState['sections'] = {}): Pick<ComposeState, 'top' | 'sections'> {
  const rest: Record<string, unknown> = { ...top };
  const out: Partial<Record<Section, PMap<unknown>>> = { ...sections };
  for (const key of SECTIONS) {
    const value = rest[key];
    if (!isPlainObject(value)) continue;
    out[key] = PMap.from(Object.entries(value).map(([n, v]) => [n, freezeDeep(v)] as const));
    rest[key] = null;
  }
  return { top: rest as ComposeModel, sections: out };
}

/** `top` with its sections put back as plain objects. */
function joinSections(state: Pick<ComposeState, 'top' | 'sections'>): Record<string, unknown> {
  const model: Record<string, unknown> = { ...state.top };
  for (const key of SECTIONS) {
    const section = state.sections[key];
    if (section) model[key] = section.toObject();
  }
  return model;
}

/** Options of {@link Compose.toModel}. */
export interface ToModelOptions {
  /** The compose file's folder from the project root (default `.`); build paths are written relative to it. */
  readonly dir?: string;
  /** `'base'` (default): without `dev(…)` settings; `'dev'`: with them merged in (one file for both). */
  readonly variant?: 'base' | 'dev';
}

/**
 * A compose file. Immutable: every method returns a new `Compose`, so a base can be forked into
 * variants. Services, volumes, networks, secrets and configs accumulate in the type parameter.
 *
 * @example
 * ```ts
 * const compose = Compose.create()
 *   .volume('pgdata')
 *   .service('postgres', (s) => s.image('postgres:15').volume('pgdata', '/var/lib/postgresql/data')
 *     .healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 }))
 *   .service('api', (s) => s.build('./backend').dependsOn('postgres', { condition: 'service_healthy' }));
 * compose.toString();
 * // services:
 * //   postgres:
 * //     image: postgres:15
 * //     volumes:
 * //       - pgdata:/var/lib/postgresql/data
 * //     healthcheck:
 * //       test:
 * //         - CMD
 * //         - pg_isready
 * //         - -U
 * //         - postgres
 * //       interval: 10s
 * //       timeout: 5s
 * //       retries: 5
 * //   api:
 * //     build: ./backend
 * //     depends_on:
 * //       postgres:
 * //         condition: service_healthy
 * // volumes:
 * //   pgdata:
 * ```
 */
export class Compose<T extends ComposeTypes = NoNames> {
  readonly #state: ComposeState;
  readonly [COMPOSE] = true;
  /** Type-only: the names declared so far. */
  declare readonly __names: T;

  private constructor(state: ComposeState) {
    this.#state = freezeDeep(state);
    Object.freeze(this);
  }

  /**
   * An empty compose file, optionally with a project `name:`.
   *
   * @example
   * ```ts
   * Compose.create('shop');
   * // name: shop
   * ```
   */
  static create(name?: string): Compose<NoNames> {
    return new Compose({ top: name === undefined ? {} : { name }, services: PMap.empty(), sections: {}, env: undefined });
  }

  /**
   * Reads an existing compose file into a builder (adoption). The data is kept as written; names
   * are typed as `string`. Throws a `SynthError` when the text is not YAML or not a mapping;
   * content the schema rejects is kept and reported when the App validates it.
   *
   * @example
   * ```ts
   * const compose = Compose.parse(readFileSync('compose.yaml', 'utf8'));
   * compose.toString(); // the same data, keys in the model's order
   * ```
   */
  static parse(text: string, file?: string): Compose<AnyNames> {
    const { model, issues } = parseCompose(text, file);
    if (!model) throw new SynthError(issues);
    return Compose.fromModel(model) as Compose<AnyNames>;
  }

  /**
   * Wraps a model (from `parseCompose` or plain data) in a builder; names are typed as `string`.
   *
   * @example
   * ```ts
   * Compose.fromModel({ services: { db: { image: 'postgres:16' } } }).toString();
   * // services: { db: { image: postgres:16 } }
   * ```
   */
  static fromModel(model: ComposeModel): Compose<AnyNames> {
    const { services, ...top } = clone(model) as ComposeModel & { services?: Record<string, ServiceModel> };
    const entries = isPlainObject(services) ? Object.entries(services).map(([n, s]) => [n, freezeDeep({ model: (s ?? {}) as ServiceModel })] as const) : [];
    // an empty (or non-map) `services` is kept as written, so it writes back unchanged
    const keep = entries.length === 0 && services !== undefined ? { services } : {};
    const layout = layoutOf(model);
    return new Compose<AnyNames>({ ...splitSections({ ...top, ...keep }), services: PMap.from<ServiceState>(entries), env: undefined, ...(layout ? { layout } : {}) });
  }

  /**
   * True for a `Compose` from any copy of devstack-kit.
   *
   * @example
   * ```ts
   * Compose.isCompose(Compose.create());
   * // # true
   * ```
   */
  static isCompose(value: unknown): value is Compose<ComposeTypes> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[COMPOSE] === true;
  }

  #top(key: Section, name: string, value: unknown): ComposeState {
    if (!NAME_RE.test(name)) throw new UsageError('compose/invalid-name', `"${name}" is not a valid ${key} name`, 'use letters, digits, ".", "_" and "-"');
    const entry = freezeDeep(clone(value));
    const section = this.#state.sections[key];
    if (section) return { ...this.#state, sections: { ...this.#state.sections, [key]: section.set(name, entry) } };
    // the first entry of the section (or a section read from a file that is not a map: its entries
    // are kept as the spread of an object kept them)
    const existing = { ...((this.#state.top as Record<string, unknown>)[key] as Record<string, unknown> | undefined) };
    const start = PMap.from(Object.entries(existing).map(([n, v]) => [n, freezeDeep(v)] as const));
    return { ...this.#state, top: { ...this.#state.top, [key]: null }, sections: { ...this.#state.sections, [key]: start.set(name, entry) } };
  }

  /**
   * A comment at the top of the file (after the generated-file marker). Each line of the text becomes
   * a `#` line; a second call replaces the first.
   *
   * @example
   * ```ts
   * Compose.create().comment('local development stack').service('db', (s) => s.image('postgres:16'));
   * // # local development stack
   * // services:
   * //   db:
   * //     image: postgres:16
   * ```
   */
  comment(text: string): Compose<T> {
    commentText(text);
    return new Compose<T>({ ...this.#state, comment: text });
  }

  /**
   * The project `name:`.
   *
   * @example
   * ```ts
   * Compose.create().name('shop');
   * // name: shop
   * ```
   */
  name(name: string): Compose<T> {
    return new Compose<T>({ ...this.#state, top: { ...this.#state.top, name } });
  }

  /**
   * Defines (or, for an existing name, replaces) a service. Services defined here can be named by
   * `dependsOn` in services defined after it.
   *
   * @example
   * ```ts
   * Compose.create().service('cache', (s) => s.image('redis:7.2'));
   * // services:
   * //   cache:
   * //     image: redis:7.2
   * ```
   */
  service<N extends string, H extends boolean>(name: N, fn: (s: ComposeService<T, false>) => ComposeService<T, H>): Compose<H extends true ? Add<Add<T, 'services', N>, 'healthy', N> : Add<T, 'services', N>> {
    if (!NAME_RE.test(name)) throw new UsageError('compose/invalid-name', `"${name}" is not a valid service name`, 'use letters, digits, ".", "_" and "-"');
    const existing = this.#state.services.get(name);
    const built = fn(new ComposeService<T, false>(withEnv(existing ?? { model: {} }, this.#state.env)));
    if (!ComposeService.isComposeService(built)) throw new UsageError('compose/invalid-service', `the callback for service "${name}" did not return the service builder`, 'return the builder: s => s.image(…)');
    const state = freezeDeep(withEnv(ComposeService.stateOf(built), undefined));
    return new Compose({ ...this.#state, services: this.#state.services.set(name, state) }) as never;
  }

  /**
   * Declares a named volume (`volumes: { pgdata: }`), optionally with driver, labels, `external`, …
   *
   * @example
   * ```ts
   * Compose.create().volume('pgdata');
   * // volumes: { pgdata: }
   * ```
   */
  volume<N extends string>(name: N, config: VolumeModel = null): Compose<Add<T, 'volumes', N>> {
    return new Compose(this.#top('volumes', name, config)) as never;
  }

  /**
   * Declares a network (`networks: { back: }`), optionally with driver, ipam, `internal`, …
   *
   * @example
   * ```ts
   * Compose.create().network('back', { internal: true });
   * // networks: { back: { internal: true } }
   * ```
   */
  network<N extends string>(name: N, config: NetworkModel = null): Compose<Add<T, 'networks', N>> {
    return new Compose(this.#top('networks', name, config)) as never;
  }

  /**
   * Declares a secret: `{ file: './db_password.txt' }`, `{ environment: 'DB_PASSWORD' }` or `{ external: true }`.
   *
   * @example
   * ```ts
   * Compose.create().secret('db_password', { file: './db_password.txt' });
   * // secrets: { db_password: { file: ./db_password.txt } }
   * ```
   */
  secret<N extends string>(name: N, config: SecretModel): Compose<Add<T, 'secrets', N>> {
    return new Compose(this.#top('secrets', name, config)) as never;
  }

  /**
   * Declares a config: `{ file: './nginx.conf' }`, `{ content: '…' }`, `{ environment }` or `{ external: true }`.
   *
   * @example
   * ```ts
   * Compose.create().config('nginx_conf', { file: './nginx.conf' });
   * // configs: { nginx_conf: { file: ./nginx.conf } }
   * ```
   */
  config<N extends string>(name: N, config: ConfigModel): Compose<Add<T, 'configs', N>> {
    return new Compose(this.#top('configs', name, config)) as never;
  }

  /**
   * Uses an `Env` declaration: services can pass its variables with `envVar(name)`, and
   * `envExampleModel()` gives the `.env.example` that lists them.
   *
   * @example
   * ```ts
   * const env = Env.create().var('NATS_URL', { default: 'nats://localhost:4222' });
   * Compose.create().env(env).service('api', (s) => s.image('api:1').envVar('NATS_URL'));
   * // services:
   * //   api:
   * //     image: api:1
   * //     environment:
   * //       NATS_URL: ${NATS_URL:-nats://localhost:4222}
   * ```
   */
  env<V extends string>(env: Env<V>): Compose<Set_<T, 'env', V>> {
    if (!Env.isEnv(env)) throw new UsageError('compose/invalid-env', 'env(…) expects an Env', 'pass Env.create().var(…)');
    return new Compose({ ...this.#state, env: env.toModel() }) as never;
  }

  /**
   * Deep-merges raw top-level data (`include`, `models`, `x-` extensions, anything new in the spec).
   *
   * @example
   * ```ts
   * Compose.create().$raw({ include: ['./monitoring/compose.yaml'], 'x-owner': 'platform' });
   * // include: [./monitoring/compose.yaml]
   * // x-owner: platform
   * ```
   */
  $raw(patch: Readonly<Record<string, unknown>>): Compose<T> {
    const { services, ...rest } = patch as Record<string, unknown>;
    // only the sections the patch touches are put back into plain objects to merge
    const touched = SECTIONS.filter((k) => k in rest);
    const sections = Object.fromEntries(Object.entries(this.#state.sections).filter(([k]) => touched.includes(k as Section)));
    const merged = mergeDeep(joinSections({ top: this.#state.top, sections }), rest) as Record<string, unknown>;
    const untouched = Object.fromEntries(Object.entries(this.#state.sections).filter(([k]) => !touched.includes(k as Section)));
    let next: Compose<T> = new Compose<T>({ ...this.#state, ...splitSections(merged, untouched) });
    if (isPlainObject(services)) {
      for (const [name, svc] of Object.entries(services)) next = next.service(name, (s) => s.$raw(svc as Record<string, unknown>)) as never;
    }
    return next;
  }

  /**
   * Applies `fn` when `condition` is true. Names `fn` adds are not in the result's type (they may be absent).
   *
   * @example
   * ```ts
   * compose.$if(withCache, (c) => c.service('cache', (s) => s.image('redis:7')));
   * // services: { cache: { image: redis:7 } }   # only when withCache
   * ```
   */
  $if(condition: boolean, fn: (c: this) => Compose<ComposeTypes>): Compose<T> {
    return (condition ? fn(this) : this) as Compose<T>;
  }

  /**
   * Applies `fn` (a preset, for example).
   *
   * @example
   * ```ts
   * compose.$call(addMonitoring);
   * // # whatever the preset writes
   * ```
   */
  $call<R>(fn: (c: this) => R): R {
    return fn(this);
  }

  /**
   * The service names, in order.
   *
   * @example
   * ```ts
   * compose.serviceNames();
   * // # ['postgres', 'api']
   * ```
   */
  serviceNames(): T['services'][] {
    return this.#state.services.keys() as T['services'][];
  }

  /**
   * The model: plain frozen data, keys in the model's order. `dir` is the compose file's folder from
   * the project root (build paths of Dockerfile refs are written relative to it).
   *
   * @example
   * ```ts
   * Compose.create().service('api', (s) => s.build(backendRef, { target: 'runtime' })).toModel({ dir: 'deploy' });
   * // services:
   * //   api:
   * //     build:
   * //       context: ../backend
   * //       dockerfile: Dockerfile
   * //       target: runtime
   * ```
   */
  toModel(options: ToModelOptions = {}): ComposeModel {
    const dir = options.dir ?? '.';
    const model: Record<string, unknown> = clone(joinSections(this.#state));
    if (this.#state.services.size > 0) {
      const services: Record<string, ServiceModel> = {};
      for (const [name, state] of this.#state.services.entries()) {
        let svc = resolveService(state, dir);
        if (options.variant === 'dev' && state.dev) svc = mergeOverride(svc, resolveService(state.dev, dir)) as ServiceModel;
        services[name] = svc;
      }
      model['services'] = services;
    }
    return withLayout(frozenModel(model as ComposeModel), this.#layout());
  }

  /** The parsed layout with the builder's comments over it. */
  #layout(): YamlLayout | undefined {
    const comments = this.#state.services.entries().flatMap(([name, state]) => (state.comment === undefined ? [] : [[['services', name], state.comment] as const]));
    const own = commentLayout(comments);
    const top = this.#state.comment === undefined ? own : { ...own, commentBefore: commentText(this.#state.comment) };
    return mergeLayouts(this.#state.layout, comments.length > 0 || this.#state.comment !== undefined ? top : undefined);
  }

  /**
   * The `compose.override.yaml` model: each service's `dev(…)` settings, or `undefined` when there
   * are none. Docker Compose merges it over `compose.yaml` on `docker compose up`; CI runs
   * `docker compose -f compose.yaml` without it.
   *
   * @example
   * ```ts
   * Compose.create().service('api', (s) => s.image('api:1').dev((d) => d.ports('8000:8000'))).overrideModel();
   * // services:
   * //   api:
   * //     ports:
   * //       - 8000:8000
   * ```
   */
  overrideModel(options: Pick<ToModelOptions, 'dir'> = {}): ComposeModel | undefined {
    const dir = options.dir ?? '.';
    const services: Record<string, ServiceModel> = {};
    for (const [name, state] of this.#state.services.entries()) if (state.dev) services[name] = resolveService(state.dev, dir);
    if (Object.keys(services).length === 0) return undefined;
    return frozenModel({ services });
  }

  /**
   * The `Env` model given to `.env(…)`, if any.
   *
   * @example
   * ```ts
   * Compose.create().env(env).envModel();
   * // # { vars: [{ name: 'DATABASE_URL', … }] }
   * ```
   */
  envModel(): EnvModel | undefined {
    return this.#state.env ? clone(this.#state.env) : undefined;
  }

  /**
   * The `.env.example` model for the variables of `.env(…)`, or `undefined` without one.
   *
   * @example
   * ```ts
   * synthEnvExample(compose.envExampleModel()!);
   * // # DATABASE_URL=postgresql://…  (as .env.example, not YAML)
   * ```
   */
  envExampleModel(): EnvExampleModel | undefined {
    return this.#state.env ? envExampleFromEnv(this.#state.env) : undefined;
  }

  /**
   * The YAML (without the marker), for `dir` `.`.
   *
   * @example
   * ```ts
   * Compose.create().service('db', (s) => s.image('postgres:16')).toString();
   * // services:
   * //   db:
   * //     image: postgres:16
   * ```
   */
  toString(): string {
    return synthCompose(this.toModel());
  }
}

export type { ServiceState };
