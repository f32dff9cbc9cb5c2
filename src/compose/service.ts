/**
 * `ComposeService`: the builder of one service of a compose file. Immutable; the names the compose
 * file declared before it (services, healthy services, volumes, networks, secrets, configs,
 * environment variables) are in its type.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { isDockerfileRef, type DockerfileRef } from '../core/refs.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { commentText } from '../core/layout.js';
import { assertKey, listItemKey } from './keys.js';
import type {
  AnyNames,
  BindSource,
  ComposeTypes,
  DependencyName,
  DependencyOptions,
  EnvVarName,
  EnvVarOptions,
  HealthcheckSpec,
  HookSpec,
  Mutable,
  PortString,
  RefBuildOptions,
  RestartPolicy,
  WatchSpec,
} from './inputs.js';
import type { BuildModel, DependencyModel, HealthcheckModel, PortModel, ServiceModel, VolumeMountModel } from './model.js';
import { recordSite } from '../core/source.js';
import { clone, envOf, freezeDeep, isPlainObject, mergeDeep, ownCopy, withEnv, withSites, type ServiceState } from './state.js';

const SERVICE = Symbol.for('devstack-kit.ComposeService');

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
      return new ComposeService<T, H>(withSites(this.#state, { ...this.#state, model }));
    }
    return new ComposeService<T, H>(withSites(this.#state, { ...this.#state, ...patch }));
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
      return new ComposeService<T, Healthy>({ ...this.#state, model, ref: { ref: spec, options: clone({ ...options }) }, sites: recordSite(this.#state.sites, ['build']) });
    }
    const model = ownCopy(this.#state.model);
    model.build = clone(spec);
    const next: Mutable<ServiceState> = { ...this.#state, model, sites: recordSite(this.#state.sites, ['build']) };
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
