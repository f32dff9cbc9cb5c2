/**
 * `ComposeServiceOptions`: typed methods for the service keys people use most that only `set()`
 * reached before (`container_name`, `cap_add`/`cap_drop`, `deploy.resources`, `logging`,
 * `extra_hosts`, `tmpfs`, `ulimits`, `stop_grace_period`, `platform`, `volumes_from`, `models`).
 * Their types come from the zod model (`ServiceModel`); the model's schema puts the keys in the
 * specification's order when the file is written. `ComposeService` (service.ts) extends this class.
 * @module
 */
import { UsageError } from '../core/errors.js';
import type { AnyNames, ComposeTypes, DurationString } from './inputs.js';
import type { ServiceModel } from './model.js';
import type { ComposeService } from './service.js';
import { ComposeServiceBase } from './service-base.js';
import { clone, isPlainObject } from './state.js';

/** `deploy.resources` as the model types it (`limits`, `reservations`). */
export type ResourcesSpec = NonNullable<Exclude<NonNullable<ServiceModel['deploy']>, null>['resources']>;
/** `logging` as the model types it (`driver`, `options`). */
export type LoggingSpec = NonNullable<ServiceModel['logging']>;
/** `ulimits` as the model types it: a limit, or `{ soft, hard }`. */
export type UlimitsSpec = NonNullable<ServiceModel['ulimits']>;
/** A `volumes_from` entry: a service defined before (`api`, `api:ro`, `api:rw`) or `container:<name>[:ro|:rw]`. */
export type VolumesFromEntry<S extends string> = S | `${S}:${'ro' | 'rw'}` | `container:${string}`;
/** A `platform`: `os/arch` or `os/arch/variant` (`linux/amd64`, `linux/arm64/v8`), or an interpolation. */
export type PlatformString = `${string}/${string}` | `\${${string}}`;

/**
 * The base of {@link ComposeService} with the typed methods for common service options. Not constructed
 * directly; every method returns a `ComposeService`.
 *
 * @example
 * ```ts
 * Compose.create().service('api', (s) => s.image('api:1').containerName('shop-api').platform('linux/amd64'));
 * // services:
 * //   api:
 * //     image: api:1
 * //     platform: linux/amd64
 * //     container_name: shop-api
 * ```
 */
export class ComposeServiceOptions<T extends ComposeTypes = AnyNames, Healthy extends boolean = false> extends ComposeServiceBase<T, Healthy> {
  /**
   * `container_name:` — a fixed container name (the service can then not be scaled).
   *
   * @example
   * ```ts
   * s.image('postgres:16').containerName('shop-db');
   * // image: postgres:16
   * // container_name: shop-db
   * ```
   */
  containerName(name: string): ComposeService<T, Healthy> {
    if (typeof name !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) {
      throw new UsageError('compose/invalid-container-name', `containerName(${JSON.stringify(name)}) is not a container name`, 'use at least two letters, digits, "_", "." or "-", starting with a letter or digit, e.g. containerName(\'shop-db\')');
    }
    return this.set('container_name', name);
  }

  /**
   * Appends `cap_add:` Linux capabilities (duplicates are dropped).
   *
   * @example
   * ```ts
   * s.capAdd('NET_ADMIN', 'SYS_TIME');
   * // cap_add:
   * //   - NET_ADMIN
   * //   - SYS_TIME
   * ```
   */
  capAdd(...caps: readonly string[]): ComposeService<T, Healthy> {
    return this.withState((m) => {
      m.cap_add = [...new Set([...(m.cap_add ?? []), ...caps])];
    });
  }

  /**
   * Appends `cap_drop:` Linux capabilities (duplicates are dropped).
   *
   * @example
   * ```ts
   * s.capDrop('ALL').capAdd('NET_BIND_SERVICE');
   * // cap_add:
   * //   - NET_BIND_SERVICE
   * // cap_drop:
   * //   - ALL
   * ```
   */
  capDrop(...caps: readonly string[]): ComposeService<T, Healthy> {
    return this.withState((m) => {
      m.cap_drop = [...new Set([...(m.cap_drop ?? []), ...caps])];
    });
  }

  /**
   * `deploy.resources:` — CPU, memory and pid limits and reservations (the rest of `deploy` is kept).
   *
   * @example
   * ```ts
   * s.resources({ limits: { cpus: '0.5', memory: '512M' }, reservations: { memory: '256M' } });
   * // deploy:
   * //   resources:
   * //     limits:
   * //       cpus: '0.5'
   * //       memory: 512M
   * //     reservations:
   * //       memory: 256M
   * ```
   */
  resources(resources: ResourcesSpec): ComposeService<T, Healthy> {
    return this.withState((m) => {
      m.deploy = { ...(isPlainObject(m.deploy) ? m.deploy : {}), resources: clone(resources) };
    });
  }

  /**
   * `logging:` — the log driver and its options.
   *
   * @example
   * ```ts
   * s.logging('json-file', { 'max-size': '10m', 'max-file': '3' });
   * // logging:
   * //   driver: json-file
   * //   options:
   * //     max-size: 10m
   * //     max-file: '3'
   * ```
   */
  logging(driver: string, options?: NonNullable<LoggingSpec['options']>): ComposeService<T, Healthy> {
    const logging: LoggingSpec = { driver };
    if (options !== undefined) logging.options = clone(options);
    return this.set('logging', logging);
  }

  /**
   * Adds `extra_hosts:` entries (map form: host name to address, or to a list of addresses).
   *
   * @example
   * ```ts
   * s.extraHosts({ 'host.docker.internal': 'host-gateway' });
   * // extra_hosts:
   * //   host.docker.internal: host-gateway
   * ```
   */
  extraHosts(hosts: Readonly<Record<string, string | readonly string[]>>): ComposeService<T, Healthy> {
    return this.withState((m) => {
      const prev = m.extra_hosts;
      const map: Record<string, string | string[]> = Array.isArray(prev)
        ? Object.fromEntries(prev.map((h) => { const i = h.search(/[=:]/); return [h.slice(0, i), h.slice(i + 1)]; }))
        : { ...(prev ?? {}) };
      m.extra_hosts = { ...map, ...(clone(hosts) as Record<string, string | string[]>) };
    });
  }

  /**
   * Appends `tmpfs:` mounts (a path, optionally with options: `/run:size=64m`).
   *
   * @example
   * ```ts
   * s.tmpfs('/tmp', '/run:size=64m');
   * // tmpfs:
   * //   - /tmp
   * //   - /run:size=64m
   * ```
   */
  tmpfs(...paths: readonly `/${string}`[]): ComposeService<T, Healthy> {
    return this.withState((m) => {
      const prev = m.tmpfs === undefined ? [] : typeof m.tmpfs === 'string' ? [m.tmpfs] : m.tmpfs;
      m.tmpfs = [...new Set([...prev, ...paths])];
    });
  }

  /**
   * Sets `ulimits:` (merged with earlier ones): a single limit, or `{ soft, hard }`.
   *
   * @example
   * ```ts
   * s.ulimits({ nproc: 65535, nofile: { soft: 20000, hard: 40000 } });
   * // ulimits:
   * //   nproc: 65535
   * //   nofile:
   * //     soft: 20000
   * //     hard: 40000
   * ```
   */
  ulimits(ulimits: UlimitsSpec): ComposeService<T, Healthy> {
    return this.withState((m) => {
      m.ulimits = { ...(m.ulimits ?? {}), ...clone(ulimits) };
    });
  }

  /**
   * `stop_grace_period:` — how long Compose waits after `stop_signal` before it kills the container.
   *
   * @example
   * ```ts
   * s.stopGracePeriod('1m30s');
   * // stop_grace_period: 1m30s
   * ```
   */
  stopGracePeriod(duration: DurationString): ComposeService<T, Healthy> {
    return this.set('stop_grace_period', duration);
  }

  /**
   * `platform:` — the platform the service's image runs on.
   *
   * @example
   * ```ts
   * s.platform('linux/amd64');
   * // platform: linux/amd64
   * ```
   */
  platform(platform: PlatformString): ComposeService<T, Healthy> {
    return this.set('platform', platform);
  }

  /**
   * Appends `volumes_from:` — mounts every volume of a service defined before (or of a container).
   *
   * @example
   * ```ts
   * c.service('data', (s) => s.image('busybox')).service('app', (s) => s.image('app:1').volumesFrom('data:ro'));
   * // volumes_from:
   * //   - data:ro
   * ```
   */
  volumesFrom(...sources: readonly VolumesFromEntry<T['services']>[]): ComposeService<T, Healthy> {
    return this.withState((m) => {
      m.volumes_from = [...new Set([...(m.volumes_from ?? []), ...sources])];
    });
  }

  /**
   * Gives the service models declared with `Compose.model(name, …)` (short form), or one model with
   * the variables its endpoint and name are passed in (long form).
   *
   * @example
   * ```ts
   * Compose.create().model('llm', { model: 'ai/smollm2' }).service('app', (s) => s.image('app:1').models('llm'));
   * // models:
   * //   - llm
   * ```
   */
  models(...names: readonly T['models'][]): ComposeService<T, Healthy>;
  /**
   * `models: { <name>: { endpoint_var, model_var } }` — a declared model with the variables it is passed in.
   *
   * @example
   * ```ts
   * s.models('llm', { endpoint_var: 'AI_URL', model_var: 'AI_MODEL' });
   * // models:
   * //   llm:
   * //     endpoint_var: AI_URL
   * //     model_var: AI_MODEL
   * ```
   */
  models(name: T['models'], options: { readonly endpoint_var?: string; readonly model_var?: string }): ComposeService<T, Healthy>;
  models(...args: readonly unknown[]): ComposeService<T, Healthy> {
    const last = args.at(-1);
    return this.withState((m) => {
      const prev = m.models;
      if (isPlainObject(last)) {
        const map: Record<string, { endpoint_var?: string; model_var?: string }> = Array.isArray(prev) ? Object.fromEntries(prev.map((n) => [n, {}])) : { ...(prev ?? {}) };
        map[String(args[0])] = clone(last) as { endpoint_var?: string; model_var?: string };
        m.models = map;
      } else if (isPlainObject(prev)) {
        m.models = { ...prev, ...Object.fromEntries(args.map((n) => [String(n), {}])) };
      } else {
        m.models = [...new Set([...(prev ?? []), ...(args as string[])])];
      }
    });
  }
}
