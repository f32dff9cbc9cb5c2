/**
 * Backing services for a stack: `postgres`, `redis` and `nats`, each with a pinned image, a
 * healthcheck, a named volume, its port published for the host in `compose.override.yaml`, and its
 * connection URL declared once as an environment variable with two values — the host's (written to
 * `.env.example`: `localhost:5432`) and the one services use inside the compose network
 * (`postgres:5432`).
 * @module
 */
import { UsageError } from '../../core/errors.js';
import type { DurationString, HealthcheckSpec } from '../../compose/inputs.js';
import { defineUnit, type Unit } from '../stack.js';

/** The healthcheck timing every service preset uses unless told otherwise. */
const TIMING = { interval: '10s', timeout: '5s', retries: 5, start_period: '10s' } as const satisfies Partial<HealthcheckSpec>;

/** Healthcheck timing a preset option may change (the test stays the preset's). */
export interface HealthTiming {
  readonly interval?: DurationString;
  readonly timeout?: DurationString;
  readonly retries?: number;
  readonly start_period?: DurationString;
}

function checkPort(what: string, port: number | undefined): void {
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new UsageError('stack/invalid-option', `${what} must be a port number from 1 to 65535, received ${String(port)}`, `give a number: ${what}: 5432`);
  }
}

// ─── postgres ───────────────────────────────────────────────────────────────────────────────────

/** Options of {@link postgres}. Every one has a default. */
export interface PostgresOptions<Name extends string, Url extends string, Password extends string, Volume extends string> {
  /** The service (and unit) name. Default `postgres`. */
  readonly name?: Name;
  /** The image. Default `postgres:17-alpine`. */
  readonly image?: string;
  /** `POSTGRES_DB`. Default `app`. */
  readonly database?: string;
  /** The superuser. Default `postgres`. */
  readonly user?: string;
  /** The port published for the host (in `compose.override.yaml`), used by the host's URL. Default `5432`. */
  readonly hostPort?: number;
  /** The variable holding the superuser's password (secret, required). Default `POSTGRES_PASSWORD`. */
  readonly passwordVar?: Password;
  /** The variable holding the connection URL. Default `DATABASE_URL`. */
  readonly urlVar?: Url;
  /** The URL's scheme: `postgresql+asyncpg` for SQLAlchemy's asyncpg driver. Default `postgresql`. */
  readonly scheme?: string;
  /** The password in the host's URL written to `.env.example` (match it with your `.env`). Default `postgres`. */
  readonly examplePassword?: string;
  /** The named volume holding the data. Default `pgdata`. */
  readonly volume?: Volume;
  /** Healthcheck timing. Default 10s interval, 5s timeout, 5 retries, 10s start period. */
  readonly healthcheck?: HealthTiming;
}

/** What {@link postgres} returns from `stack.unit(name)`. */
export interface PostgresHandle<Name extends string, Url extends string, Password extends string> {
  readonly service: Name;
  readonly healthy: true;
  readonly env: { readonly url: Url; readonly password: Password };
  /** The URL inside the compose network (with the password interpolated). */
  readonly url: string;
}

/**
 * Postgres with a healthcheck (`pg_isready`), a data volume, the host port in the override file, a
 * secret password variable and a URL variable whose host value goes to `.env.example` and whose
 * in-network value reaches the services that list it.
 *
 * @example
 * ```ts
 * Stack.create().add(postgres({ image: 'postgres:15', database: 'tasktracker', hostPort: 5555, scheme: 'postgresql+asyncpg' }));
 * // compose.yaml:
 * //   postgres:
 * //     image: postgres:15
 * //     environment:
 * //       POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set; copy .env.example to .env}
 * //       POSTGRES_DB: tasktracker
 * //     volumes:
 * //       - pgdata:/var/lib/postgresql/data
 * //     healthcheck:
 * //       test: [CMD, pg_isready, -U, postgres, -d, tasktracker]
 * //       interval: 10s
 * //       timeout: 5s
 * //       retries: 5
 * //       start_period: 10s
 * // compose.override.yaml:
 * //   postgres:
 * //     ports:
 * //       - 127.0.0.1:5555:5432
 * // .env.example:
 * //   # Password of the local Postgres superuser
 * //   # secret: set the real value in .env (never commit it)
 * //   POSTGRES_PASSWORD=
 * //   # Postgres connection URL (inside compose: postgres:5432)
 * //   DATABASE_URL=postgresql+asyncpg://postgres:postgres@localhost:5555/tasktracker
 * ```
 */
export function postgres<const Name extends string = 'postgres', const Url extends string = 'DATABASE_URL', const Password extends string = 'POSTGRES_PASSWORD', const Volume extends string = 'pgdata'>(
  options: PostgresOptions<Name, Url, Password, Volume> = {},
): Unit<
  Name,
  { services: never; healthy: never; env: never; volumes: never; jobs: {}; units: {} },
  { services: Name; healthy: Name; env: Url | Password; volumes: Volume; jobs: {}; units: {} },
  PostgresHandle<Name, Url, Password>
> {
  const name = options.name ?? ('postgres' as Name);
  const passwordVar = options.passwordVar ?? ('POSTGRES_PASSWORD' as Password);
  const urlVar = options.urlVar ?? ('DATABASE_URL' as Url);
  const volume = options.volume ?? ('pgdata' as Volume);
  const user = options.user ?? 'postgres';
  const database = options.database ?? 'app';
  const hostPort = options.hostPort ?? 5432;
  const scheme = options.scheme ?? 'postgresql';
  checkPort('postgres hostPort', hostPort);
  const url = `${scheme}://${user}:\${${passwordVar}:?set ${passwordVar} in .env}@${name}:5432/${database}`;
  return defineUnit(name, {}, (s) =>
    s
      .env(passwordVar, { description: `Password of the local Postgres superuser "${user}"`, secret: true })
      .env(urlVar, {
        description: `Postgres connection URL (inside compose: ${name}:5432)`,
        default: `${scheme}://${user}:${options.examplePassword ?? 'postgres'}@localhost:${hostPort}/${database}`,
        inCompose: url,
      })
      .volume(volume)
      .service(name, (svc) =>
        svc
          .image(options.image ?? 'postgres:17-alpine')
          // a generic name: the stack declared it two lines above (.env(passwordVar)), which the type cannot follow
          .envVar(passwordVar as never)
          .$if(user !== 'postgres', (x) => x.env('POSTGRES_USER', user))
          .env('POSTGRES_DB', database)
          .volume(volume, '/var/lib/postgresql/data')
          .healthcheck({ test: ['CMD', 'pg_isready', '-U', user, '-d', database], ...TIMING, ...options.healthcheck })
          .dev((d) => d.ports(`127.0.0.1:${hostPort}:5432`)),
      )
      .returns({ service: name, healthy: true as const, env: { url: urlVar, password: passwordVar }, url }),
  );
}

// ─── redis ──────────────────────────────────────────────────────────────────────────────────────

/** Options of {@link redis}. Every one has a default. */
export interface RedisOptions<Name extends string, Url extends string, Volume extends string> {
  /** The service (and unit) name. Default `redis`. */
  readonly name?: Name;
  /** The image. Default `redis:7.4-alpine`. */
  readonly image?: string;
  /** The port published for the host. Default `6379`. */
  readonly hostPort?: number;
  /** The variable holding the URL. Default `REDIS_URL`. */
  readonly urlVar?: Url;
  /** The named volume for `/data` (append-only file). Default `redisdata`. */
  readonly volume?: Volume;
  /** Healthcheck timing. */
  readonly healthcheck?: HealthTiming;
}

/** What {@link redis} returns from `stack.unit(name)`. */
export interface UrlServiceHandle<Name extends string, Url extends string> {
  readonly service: Name;
  readonly healthy: true;
  readonly env: { readonly url: Url };
  /** The URL inside the compose network. */
  readonly url: string;
}

/**
 * Redis with persistence (`--appendonly yes` on a volume), a `redis-cli ping` healthcheck, the host
 * port in the override file and a URL variable (`redis://localhost:6379` on the host,
 * `redis://redis:6379` inside compose).
 *
 * @example
 * ```ts
 * Stack.create().add(redis());
 * // compose.yaml:
 * //   redis:
 * //     image: redis:7.4-alpine
 * //     command: [redis-server, --appendonly, 'yes']
 * //     volumes:
 * //       - redisdata:/data
 * //     healthcheck:
 * //       test: [CMD, redis-cli, ping]
 * //       …
 * // .env.example:
 * //   # Redis URL (inside compose: redis:6379)
 * //   REDIS_URL=redis://localhost:6379
 * ```
 */
export function redis<const Name extends string = 'redis', const Url extends string = 'REDIS_URL', const Volume extends string = 'redisdata'>(
  options: RedisOptions<Name, Url, Volume> = {},
): Unit<
  Name,
  { services: never; healthy: never; env: never; volumes: never; jobs: {}; units: {} },
  { services: Name; healthy: Name; env: Url; volumes: Volume; jobs: {}; units: {} },
  UrlServiceHandle<Name, Url>
> {
  const name = options.name ?? ('redis' as Name);
  const urlVar = options.urlVar ?? ('REDIS_URL' as Url);
  const volume = options.volume ?? ('redisdata' as Volume);
  const hostPort = options.hostPort ?? 6379;
  checkPort('redis hostPort', hostPort);
  const url = `redis://${name}:6379`;
  return defineUnit(name, {}, (s) =>
    s
      .env(urlVar, { description: `Redis URL (inside compose: ${name}:6379)`, default: `redis://localhost:${hostPort}`, inCompose: url })
      .volume(volume)
      .service(name, (svc) =>
        svc
          .image(options.image ?? 'redis:7.4-alpine')
          .command(['redis-server', '--appendonly', 'yes'])
          .volume(volume, '/data')
          .healthcheck({ test: ['CMD', 'redis-cli', 'ping'], ...TIMING, ...options.healthcheck })
          .dev((d) => d.ports(`127.0.0.1:${hostPort}:6379`)),
      )
      .returns({ service: name, healthy: true as const, env: { url: urlVar }, url }),
  );
}

// ─── nats ───────────────────────────────────────────────────────────────────────────────────────

/** Options of {@link nats}. Every one has a default. */
export interface NatsOptions<Name extends string, Url extends string, Volume extends string> {
  /** The service (and unit) name. Default `nats`. */
  readonly name?: Name;
  /** The image; an `-alpine` one, whose `wget` the healthcheck uses. Default `nats:2.10-alpine`. */
  readonly image?: string;
  /** The client port published for the host. Default `4222`. */
  readonly hostPort?: number;
  /** The variable holding the URL. Default `NATS_URL`. */
  readonly urlVar?: Url;
  /** JetStream (persistent streams) on a volume. Default `true`. */
  readonly jetstream?: boolean;
  /** The named volume for JetStream's store. Default `natsdata`. */
  readonly volume?: Volume;
  /** Healthcheck timing. */
  readonly healthcheck?: HealthTiming;
}

/**
 * NATS (JetStream on a volume by default) with its monitoring port's `/healthz` as the healthcheck,
 * the client port in the override file and a URL variable (`nats://localhost:4222` on the host,
 * `nats://nats:4222` inside compose).
 *
 * @example
 * ```ts
 * Stack.create().add(nats());
 * // compose.yaml:
 * //   nats:
 * //     image: nats:2.10-alpine
 * //     command: [nats-server, --http_port, '8222', --jetstream, --store_dir, /data]
 * //     volumes:
 * //       - natsdata:/data
 * //     healthcheck:
 * //       test: [CMD, wget, -q, --spider, http://localhost:8222/healthz]
 * //       …
 * // .env.example:
 * //   # NATS URL (inside compose: nats:4222)
 * //   NATS_URL=nats://localhost:4222
 * ```
 */
export function nats<const Name extends string = 'nats', const Url extends string = 'NATS_URL', const Volume extends string = 'natsdata'>(
  options: NatsOptions<Name, Url, Volume> = {},
): Unit<
  Name,
  { services: never; healthy: never; env: never; volumes: never; jobs: {}; units: {} },
  { services: Name; healthy: Name; env: Url; volumes: Volume; jobs: {}; units: {} },
  UrlServiceHandle<Name, Url>
> {
  const name = options.name ?? ('nats' as Name);
  const urlVar = options.urlVar ?? ('NATS_URL' as Url);
  const volume = options.volume ?? ('natsdata' as Volume);
  const hostPort = options.hostPort ?? 4222;
  checkPort('nats hostPort', hostPort);
  const jetstream = options.jetstream ?? true;
  const url = `nats://${name}:4222`;
  return defineUnit(name, {}, (s) => {
    const base = s.env(urlVar, { description: `NATS URL (inside compose: ${name}:4222)`, default: `nats://localhost:${hostPort}`, inCompose: url });
    // the volume is declared either way (unused without JetStream), so the unit's names do not depend on an option
    return base
      .volume(volume)
      .service(name, (svc) =>
        svc
          .image(options.image ?? 'nats:2.10-alpine')
          .command(['nats-server', '--http_port', '8222', ...(jetstream ? ['--jetstream', '--store_dir', '/data'] : [])])
          .$if(jetstream, (x) => x.volume(volume, '/data'))
          .healthcheck({ test: ['CMD', 'wget', '-q', '--spider', 'http://localhost:8222/healthz'], ...TIMING, ...options.healthcheck })
          .dev((d) => d.ports(`127.0.0.1:${hostPort}:4222`)),
      )
      .returns({ service: name, healthy: true as const, env: { url: urlVar }, url });
  });
}
