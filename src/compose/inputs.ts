/**
 * The inputs of the compose builders: the name sets a `Compose` accumulates in its type and the
 * typed forms its methods take (durations, ports, healthchecks, watch rules, dependencies).
 * Shared by `ComposeService` (service.ts) and `Compose` (builder.ts).
 * @module
 */
import type { DevstackTypeError } from '../core/type-error.js';
import type { BuildModel, DependencyModel, HealthcheckModel } from './model.js';

/** The names a `Compose` has accumulated; each member is a union of string literals. */
export interface ComposeTypes {
  services: string;
  /** Services that have an enabled healthcheck (the only valid targets of `service_healthy`). */
  healthy: string;
  volumes: string;
  networks: string;
  secrets: string;
  configs: string;
  /** Top-level AI models (`Compose.model`). */
  models: string;
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
  models: never;
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
  models: string;
  env: string;
}


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
 * type T = { services: 'db' | 'nats'; healthy: 'db'; volumes: never; networks: never; secrets: never; configs: never; models: never; env: never };
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

/**
 * A secret a build (or service) takes: a declared secret's name, or the long form whose `source` is one.
 *
 * @example
 * ```ts
 * const a: SecretRef<'npm_token'> = 'npm_token';
 * const b: SecretRef<'npm_token'> = { source: 'npm_token', target: 'npmrc' };
 * ```
 */
export type SecretRef<N extends string> = N | { readonly source: N; readonly target?: string; readonly uid?: string; readonly gid?: string; readonly mode?: number | string };

/**
 * The long form of `build:` with `secrets` limited to the secrets the compose file declared.
 *
 * @example
 * ```ts
 * Compose.create().secret('npm_token', { environment: 'NPM_TOKEN' }).service('web', (s) => s.build({ context: './web', secrets: ['npm_token'] }));
 * // build:
 * //   context: ./web
 * //   secrets:
 * //     - npm_token
 * ```
 */
export type BuildSpec<Secrets extends string = string> = Omit<BuildModel, 'secrets'> & { readonly secrets?: readonly SecretRef<Secrets>[] };

/** `build(ref, options)`: the long-form build fields, with `target` limited to the Dockerfile's stages and `secrets` to the declared secrets. */
export type RefBuildOptions<S extends string, Secrets extends string = string> = Omit<BuildSpec<Secrets>, 'context' | 'dockerfile' | 'dockerfile_inline' | 'target'> & {
  readonly target?: S;
};
/** A copy of `T` whose top-level fields can be assigned. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
