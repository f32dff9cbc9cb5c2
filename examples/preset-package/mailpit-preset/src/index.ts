/**
 * devstack-preset-mailpit: a published devstack-kit preset (examples/preset-package).
 *
 * - `mailpit()` adds a Mailpit service (SMTP on 1025, web UI on 8025 published in the override file)
 *   with a healthcheck, and declares `SMTP_URL` (host and in-network values).
 * - `mailpitCheck()` adds a CI job that starts Mailpit from `compose.yaml` and waits for it to be
 *   healthy; it requires the Mailpit service and its variable, so the consumer's compiler checks
 *   that they were added first.
 * - `mailTemplates()` writes a two-stage Dockerfile that renders the project's email templates (Node,
 *   stage `render`) and serves the pages with an unprivileged nginx (stage `serve`), and a CI job that
 *   builds the image and holds it to a size budget. Its handle carries the Dockerfile with its stages,
 *   so the consumer's `build(dockerfile, { target })` accepts only `'render' | 'serve'`.
 *
 * devstack-kit is a peer dependency: import from 'devstack-kit', 'devstack-kit/stack' and
 * 'devstack-kit/workflow' only.
 * @module
 */
import { Dockerfile, dockerignorePresets, UsageError } from 'devstack-kit';
import { defineUnit, dockerfileAt, type StackDockerfile, type Unit } from 'devstack-kit/stack';
import { checkout, imageSizeCheck } from 'devstack-kit/workflow';

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

/** Options of {@link mailTemplates}. Every one has a default. */
export interface MailTemplatesOptions<Name extends string> {
  /** The unit's name; the CI job is `<name>-image`. Default `mail-templates`. */
  readonly name?: Name;
  /** The folder with the templates, `samples.json`, the render script and `nginx.conf`; the Dockerfile goes there. Default: the name. */
  readonly dir?: string;
  /** The Node.js major version of the render stage (`node:<node>-slim`). Default `22`. */
  readonly node?: string;
  /** The nginx image of the serve stage. Default `nginx:1.27-alpine`. */
  readonly nginxImage?: `${string}:${string}`;
  /** The command that renders the templates into `outDir`. Default `node render.mjs`. */
  readonly render?: string;
  /** Where the render command writes the pages, inside `dir`. Default `dist`. */
  readonly outDir?: string;
  /** The site's nginx config inside `dir`; it must `listen` on `port`. Default `nginx.conf`. */
  readonly nginxConf?: string;
  /** The port nginx listens on (it runs as the unprivileged `nginx` user, so above 1023). Default `8080`. */
  readonly port?: number;
  /** The image's size budget in decimal MB, checked by the CI job. Default `60` (nginx:alpine is about 50). */
  readonly budgetMB?: number;
  /** The CI runner. Default `ubuntu-24.04`. */
  readonly runsOn?: string;
}

/** The stages of the Dockerfile {@link mailTemplates} writes. */
export type MailTemplatesStages = 'render' | 'serve';

/** What {@link mailTemplates} returns from `stack.unit(name)`. */
export interface MailTemplatesHandle<Name extends string> {
  /** The Dockerfile, typed by its stages: `s.build(handle.dockerfile, { target: 'serve' })`. */
  readonly dockerfile: StackDockerfile<MailTemplatesStages>;
  /** The port nginx listens on inside the container. */
  readonly port: number;
  /** The CI job that builds the image and checks its size. */
  readonly jobs: { readonly image: `${Name}-image` };
}

/**
 * Email templates you can look at: a two-stage Dockerfile renders the templates in `<dir>/templates`
 * with the sample data in `<dir>/samples.json` (stage `render`, plain Node.js, no dependencies) and
 * serves the pages with nginx as the unprivileged `nginx` user (stage `serve`), with its
 * `.dockerignore`; a CI job `<name>-image` builds the `serve` stage with the GitHub Actions layer
 * cache, writes its size to the job summary and fails over `budgetMB`. It adds no compose service:
 * the handle's `dockerfile` knows its stages, so the consumer builds the one it wants, and a
 * misspelled stage does not compile.
 *
 * @example
 * ```ts
 * const base = Stack.create().add(mailTemplates());
 * const templates = base.unit('mail-templates');   // MailTemplatesHandle<'mail-templates'>
 * base.service('mail-preview', (s) => s.build(templates.dockerfile, { target: 'serve' }));
 * // mail-templates/Dockerfile:
 * //   # syntax=docker/dockerfile:1
 * //   FROM node:22-slim AS render
 * //   WORKDIR /app
 * //   COPY . .
 * //   RUN node render.mjs
 * //
 * //   FROM nginx:1.27-alpine AS serve
 * //   RUN sed -i "s,/var/run/nginx.pid,/tmp/nginx.pid," /etc/nginx/nginx.conf \
 * //       && chown -R nginx:nginx /var/cache/nginx /usr/share/nginx/html
 * //   COPY nginx.conf /etc/nginx/conf.d/default.conf
 * //   COPY --from=render --chown=nginx:nginx /app/dist /usr/share/nginx/html
 * //   USER nginx
 * //   EXPOSE 8080
 * // compose.yaml:
 * //   mail-preview:
 * //     build: { context: ./mail-templates, dockerfile: Dockerfile, target: serve }
 * // .github/workflows/ci.yml: job mail-templates-image (checkout, buildx, build, size of mail-templates:ci, budget 60 MB)
 * base.service('mail-preview', (s) => s.build(templates.dockerfile, { target: 'serv' })); // ✖ build: 'serv' is not a stage of this Dockerfile
 * ```
 */
export function mailTemplates<const Name extends string = 'mail-templates'>(
  options: MailTemplatesOptions<Name> = {},
): Unit<
  Name,
  { services: never; healthy: never; env: never; volumes: never; jobs: {}; units: {} },
  { services: never; healthy: never; env: never; volumes: never; jobs: { [K in `${Name}-image`]: never }; units: {} },
  MailTemplatesHandle<Name>
> {
  const name = options.name ?? ('mail-templates' as Name);
  checkName('mailTemplates name', name);
  checkPort('mailTemplates port', options.port);
  const port = options.port ?? 8080;
  if (port < 1024) {
    throw new UsageError('stack/invalid-option', `mailTemplates port must be above 1023: nginx runs as a user that is not root, received ${port}`, 'keep the default 8080 and publish it on any host port');
  }
  const budgetMB = options.budgetMB ?? 60;
  if (typeof budgetMB !== 'number' || !Number.isFinite(budgetMB) || budgetMB <= 0) {
    throw new UsageError('stack/invalid-budget', `mailTemplates budgetMB must be a positive number of decimal megabytes, received ${String(budgetMB)}`, 'budgetMB: 60');
  }
  const dir = options.dir ?? name;
  const outDir = options.outDir ?? 'dist';
  const conf = options.nginxConf ?? 'nginx.conf';
  const dockerfile = dockerfileAt(
    `${dir}/Dockerfile`,
    Dockerfile.create()
      .syntax('docker/dockerfile:1')
      .stage('render', `node:${options.node ?? '22'}-slim`, (s) => s.workdir('/app').copy('.', '.').run(options.render ?? 'node render.mjs'))
      .stage('serve', options.nginxImage ?? 'nginx:1.27-alpine', (s) =>
        s
          // the unprivileged user needs a writable pid file and cache
          .run('sed -i "s,/var/run/nginx.pid,/tmp/nginx.pid," /etc/nginx/nginx.conf && chown -R nginx:nginx /var/cache/nginx /usr/share/nginx/html')
          .copy(conf, '/etc/nginx/conf.d/default.conf')
          .copyFrom('render', `/app/${outDir}`, '/usr/share/nginx/html', { chown: 'nginx:nginx' })
          .user('nginx')
          .expose(port),
      )
      .dockerignore(dockerignorePresets.node()),
  );
  const image = `${name}-image` as `${Name}-image`;
  const handle: MailTemplatesHandle<Name> = { dockerfile, port, jobs: { image } };
  return defineUnit(name, {}, (s) => {
    const out = s
      .dockerfile(dockerfile)
      .job(image, (j) =>
        j
          .runsOn(options.runsOn ?? 'ubuntu-24.04')
          .timeout(20)
          .step(checkout())
          .$call(imageSizeCheck({ image: `${name}:ci`, budgetMB, context: dockerfile.context, file: dockerfile.path, target: 'serve', cacheScope: `${name}-serve` })),
      )
      .image({ name, dockerfile: dockerfile.path, context: dockerfile.context, target: 'serve', budgetMB, job: image });
    // The job id is `${Name}-image`, a template type the compiler cannot resolve inside this generic
    // function; the return type above states what the unit adds.
    return (out as unknown as typeof s).returns(handle);
  }) as never;
}
