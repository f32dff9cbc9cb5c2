/**
 * `ComposeService`: the builder of one service of a compose file. Immutable; the names the compose
 * file declared before it (services, healthy services, volumes, networks, secrets, configs,
 * environment variables) are in its type. The state plumbing and core methods are in
 * `ComposeServiceBase` (service-base.ts); this file adds the methods that wire the service to the
 * rest of the file (volumes, networks, dependencies, healthchecks, secrets, dev settings).
 * @module
 */
import type {
  BindSource,
  AnyNames,
  ComposeTypes,
  DependencyName,
  DependencyOptions,
  HealthcheckSpec,
  HookSpec,
  RestartPolicy,
  WatchSpec,
} from './inputs.js';
import type { DependencyModel, HealthcheckModel, ServiceModel, VolumeMountModel } from './model.js';
import { assertKey } from './keys.js';
import { ComposeServiceBase, serviceStateOf } from './service-base.js';
import { ComposeServiceOptions } from './service-options.js';
import { clone, isPlainObject, mergeDeep, withEnv, type ServiceState } from './state.js';

export { serviceStateOf };
/** A service builder over `state`, for `Compose` only. @internal */
export let newService: <T extends ComposeTypes>(state: ServiceState) => ComposeService<T, false>;

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
export class ComposeService<T extends ComposeTypes = AnyNames, Healthy extends boolean = false> extends ComposeServiceOptions<T, Healthy> {
  static {
    newService = (state) => new ComposeService(state);
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
   * `healthcheck:` — makes this service a valid target of `condition: service_healthy`
   * (except `test: ['NONE']`, which disables the image's healthcheck: such a service never becomes healthy).
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
  healthcheck<const S extends HealthcheckSpec>(spec: S): ComposeService<T, S['test'] extends readonly ['NONE'] ? false : true> {
    return this.withState<S['test'] extends readonly ['NONE'] ? false : true>((m) => {
      m.healthcheck = clone(spec as HealthcheckSpec) as HealthcheckModel;
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
    return this.withState<false>((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    return this.withState((m) => {
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
    const start = new ComposeService<T, false>(withEnv(serviceStateOf(this).dev ?? { model: {} }, serviceStateOf(this).env));
    const dev = withEnv(serviceStateOf(fn(start)), undefined);
    return this.withState({ dev });
  }

  /**
   * Deep-merges raw data into the service, for spec fields this builder has no method for. Calls
   * accumulate by the one `$raw` rule (`mergeRawPatch`): objects merge key by key, lists and scalars
   * replace, the later call wins per key.
   *
   * @example
   * ```ts
   * s.$raw({ deploy: { resources: { limits: { memory: '512M' } } } });
   * // deploy: { resources: { limits: { memory: 512M } } }
   * ```
   */
  $raw(patch: Readonly<Record<string, unknown>>): ComposeService<T, Healthy> {
    return this.withState({ model: mergeDeep(serviceStateOf(this).model, patch) as ServiceModel });
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
