/**
 * `ComposeServiceBase`: the state plumbing of a compose service builder (one private frozen state,
 * the brand, copy-on-write) and its core methods (image, build, command, environment, ports).
 * `ComposeService` (service.ts) extends it with the methods that wire the service to the rest of the
 * file; users only ever see `ComposeService`.
 * @module
 */
import { recordSite } from '../core/source.js';
import { UsageError } from '../core/errors.js';
import { isDockerfileRef, type DockerfileRef } from '../core/refs.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { commentText } from '../core/layout.js';
import { assertKey, listItemKey } from './keys.js';
import type { AnyNames, ComposeTypes, EnvVarName, BuildSpec, EnvVarOptions, Mutable, PortString, RefBuildOptions } from './inputs.js';
import type { BuildModel, PortModel, ServiceModel } from './model.js';
import type { ComposeService } from './service.js';
import { clone, envOf, freezeDeep, ownCopy, withSites, type ServiceState } from './state.js';

const SERVICE = Symbol.for('devstack-kit.ComposeService');

/**
 * The base of {@link ComposeService}: its state, brand and core methods. Not constructed directly;
 * every method returns a `ComposeService`.
 *
 * @example
 * ```ts
 * Compose.create().service('api', (s) => s.image('api:1').command(['serve']));
 * // services:
 * //   api:
 * //     image: api:1
 * //     command: [serve]
 * ```
 */
/**
 * The state of a service builder, for `Compose` and `stack/` only: not exported from the package
 * entry, so a builder's live state never leaks to users.
 * @internal
 */
// eslint-disable-next-line import/no-mutable-exports -- assigned once, in the class's static block
export let serviceStateOf: (service: ComposeService<any, boolean>) => ServiceState;

export class ComposeServiceBase<T extends ComposeTypes = AnyNames, Healthy extends boolean = false> {
  readonly #state: ServiceState;
  readonly [SERVICE] = true;
  /** Type-only: whether the service has a healthcheck. */
  declare readonly __healthy: Healthy;
  /** Type-only: the names known to the service. */
  declare readonly __names: T;

  // protected: a service comes from `Compose.service(name, s => …)` (module code uses `newService`)
  protected constructor(state: ServiceState) {
    this.#state = freezeDeep(state);
    Object.freeze(this);
  }

  /** True for a `ComposeService` from any copy of devstack-kit. */
  static isComposeService(value: unknown): value is ComposeService<ComposeTypes, boolean> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SERVICE] === true;
  }

  static {
    serviceStateOf = (service) => (service as ComposeServiceBase<any, boolean>).#state;
  }

  /** A builder of this one's class holding `state` (a `ComposeService`: this class is only ever its base). */
  #make<H extends boolean>(state: ServiceState): ComposeService<T, H> {
    return new (this.constructor as new (state: ServiceState) => ComposeService<T, H>)(state);
  }

  /** @internal A copy of this builder with `patch` applied: state fields, or a change to a copy of the model. */
  protected withState<H extends boolean = Healthy>(patch: Partial<ServiceState> | ((model: Mutable<ServiceModel>) => void)): ComposeService<T, H> {
    if (typeof patch === 'function') {
      const model = ownCopy(this.#state.model);
      patch(model);
      return this.#make<H>(withSites(this.#state, { ...this.#state, model }));
    }
    return this.#make<H>(withSites(this.#state, { ...this.#state, ...patch }));
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
    return this.withState({ comment: text });
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
    return this.withState((m) => {
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
    options?: Omit<RefBuildOptions<S, T['secrets']>, 'target'> & {
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
  build(context: string | BuildSpec<T['secrets']>): ComposeService<T, Healthy>;
  build(spec: DockerfileRef<string, string> | string | BuildSpec, options?: object): ComposeService<T, any> {
    if (isDockerfileRef(spec)) {
      const target = (options as { target?: unknown } | undefined)?.target;
      if (target !== undefined && !spec.stages.includes(target as string)) {
        throw new UsageError('compose/unknown-stage', `"${String(target)}" is not a stage of ${spec.path} (stages: ${spec.stages.join(', ') || 'none'})`, 'use one of the stage names');
      }
      const model = ownCopy(this.#state.model);
      delete (model as Record<string, unknown>)['build'];
      return this.#make<Healthy>({ ...this.#state, model, ref: { ref: spec, options: clone({ ...options }) }, sites: recordSite(this.#state.sites, ['build']) });
    }
    const model = ownCopy(this.#state.model);
    model.build = clone(spec) as BuildModel;
    const next: Mutable<ServiceState> = { ...this.#state, model, sites: recordSite(this.#state.sites, ['build']) };
    delete next.ref;
    return this.#make<Healthy>(next);
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
      m.expose = [...(m.expose ?? []), ...ports];
    });
  }
}
