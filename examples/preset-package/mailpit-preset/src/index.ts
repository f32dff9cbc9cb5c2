/**
 * devstack-preset-mailpit: a published devstack-kit preset (examples/preset-package).
 *
 * - `mailpit()` adds a Mailpit service (SMTP on 1025, web UI on 8025 published in the override file)
 *   with a healthcheck, and declares `SMTP_URL` (host and in-network values).
 * - `mailpitCheck()` adds a CI job that starts Mailpit from `compose.yaml` and waits for it to be
 *   healthy; it requires the Mailpit service and its variable, so the consumer's compiler checks
 *   that they were added first.
 *
 * devstack-kit is a peer dependency: import from 'devstack-kit' and 'devstack-kit/stack' only.
 * @module
 */
import { UsageError } from 'devstack-kit';
import { defineUnit, type Unit } from 'devstack-kit/stack';
import { checkout } from 'devstack-kit/workflow';

const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;

function checkName(what: string, value: unknown): void {
  if (typeof value !== 'string' || !NAME_RE.test(value)) {
    throw new UsageError('stack/invalid-option', `${what} must be a service name in lower case (letters, digits, "-", "_"), received ${JSON.stringify(value)}`, `${what}: 'mailpit'`);
  }
}

function checkPort(what: string, port: number | undefined): void {
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new UsageError('stack/invalid-option', `${what} must be a port number from 1 to 65535, received ${String(port)}`, `give a number: ${what}: 8025`);
  }
}

/** Options of {@link mailpit}. Every one has a default. */
export interface MailpitOptions<Name extends string, Url extends string> {
  /** The service (and unit) name. Default `mailpit`. */
  readonly name?: Name;
  /** The image. Default `axllent/mailpit:v1.21`. */
  readonly image?: string;
  /** The variable holding the SMTP URL. Default `SMTP_URL`. */
  readonly urlVar?: Url;
  /** The host port of the SMTP server (in `compose.override.yaml`). Default `1025`. */
  readonly smtpPort?: number;
  /** The host port of the web UI (in `compose.override.yaml`). Default `8025`. */
  readonly uiPort?: number;
}

/** What {@link mailpit} returns from `stack.unit(name)`. */
export interface MailpitHandle<Name extends string, Url extends string> {
  readonly service: Name;
  readonly healthy: true;
  readonly env: { readonly url: Url };
  /** The web UI on the host, for a README or a test. */
  readonly uiUrl: string;
}

/**
 * Mailpit: catches the app's mail in development.
 *
 * @example
 * ```ts
 * Stack.create().add(mailpit());
 * // compose.yaml:
 * //   mailpit:
 * //     image: axllent/mailpit:v1.21
 * //     healthcheck:
 * //       test: [CMD, /mailpit, readyz]
 * // compose.override.yaml:  ports 1025:1025 and 8025:8025
 * // .env.example:           SMTP_URL=smtp://localhost:1025
 * ```
 */
export function mailpit<const Name extends string = 'mailpit', const Url extends string = 'SMTP_URL'>(
  options: MailpitOptions<Name, Url> = {},
): Unit<
  Name,
  { services: never; healthy: never; env: never; volumes: never; jobs: {}; units: {} },
  { services: Name; healthy: Name; env: Url; volumes: never; jobs: {}; units: {} },
  MailpitHandle<Name, Url>
> {
  const name = options.name ?? ('mailpit' as Name);
  const urlVar = options.urlVar ?? ('SMTP_URL' as Url);
  checkName('mailpit name', name);
  checkPort('mailpit smtpPort', options.smtpPort);
  checkPort('mailpit uiPort', options.uiPort);
  const smtpPort = options.smtpPort ?? 1025;
  const uiPort = options.uiPort ?? 8025;
  return defineUnit(name, {}, (s) =>
    s
      .env(urlVar, { description: `SMTP server for outgoing mail (inside compose: ${name}:1025)`, default: `smtp://localhost:${smtpPort}`, inCompose: `smtp://${name}:1025` })
      .service(name, (svc) =>
        svc
          .image(options.image ?? 'axllent/mailpit:v1.21')
          .healthcheck({ test: ['CMD', '/mailpit', 'readyz'], interval: '10s', timeout: '3s', retries: 5 })
          .dev((d) => d.ports(`${smtpPort}:1025`, `${uiPort}:8025`)),
      )
      .returns({ service: name, healthy: true as const, env: { url: urlVar }, uiUrl: `http://localhost:${uiPort}` }),
  );
}

/** Options of {@link mailpitCheck}. */
export interface MailpitCheckOptions<Service extends string, Url extends string, Id extends string> {
  /** The Mailpit service to start. Default `mailpit`. */
  readonly service?: Service;
  /** Its URL variable (required: the check reads it). Default `SMTP_URL`. */
  readonly urlVar?: Url;
  /** The CI job's id. Default `mail-check`. */
  readonly id?: Id;
  /** The runner. Default `ubuntu-24.04`. */
  readonly runsOn?: string;
}

/**
 * A CI job that starts the Mailpit service from `compose.yaml` and waits for its healthcheck. It
 * requires the service (with a healthcheck) and its variable: add {@link mailpit} first.
 *
 * @example
 * ```ts
 * Stack.create().add(mailpit()).add(mailpitCheck());
 * // .github/workflows/ci.yml:
 * //   mail-check:
 * //     runs-on: ubuntu-24.04
 * //     steps: checkout, `docker compose -f compose.yaml up --wait mailpit`, `… down`
 * Stack.create().add(mailpitCheck()); // ✖ add to the stack first: environment variable "SMTP_URL", service "mailpit", …
 * ```
 */
export function mailpitCheck<const Service extends string = 'mailpit', const Url extends string = 'SMTP_URL', const Id extends string = 'mail-check'>(
  options: MailpitCheckOptions<Service, Url, Id> = {},
): Unit<
  Id,
  { services: Service; healthy: Service; env: Url; volumes: never; jobs: {}; units: {} },
  { services: Service; healthy: Service; env: Url; volumes: never; jobs: { [K in Id]: never }; units: {} },
  { readonly job: Id }
> {
  const service = options.service ?? ('mailpit' as Service);
  const urlVar = options.urlVar ?? ('SMTP_URL' as Url);
  const id = options.id ?? ('mail-check' as Id);
  checkName('mailpitCheck service', service);
  const dc = 'docker compose -f compose.yaml';
  return defineUnit(id, { healthy: [service], env: [urlVar] }, (s) =>
    s
      .job(id, (j) =>
        j
          .runsOn(options.runsOn ?? 'ubuntu-24.04')
          .timeout(10)
          .step(checkout())
          .step({ name: `Start ${service}`, run: `${dc} up --wait --wait-timeout 120 ${service}` })
          .step({ name: 'Logs', if: 'failure()', run: `${dc} logs --no-color ${service}` })
          .step({ name: 'Stop', if: 'always()', run: `${dc} down --volumes` }),
      )
      .returns({ job: id }),
  );
}
