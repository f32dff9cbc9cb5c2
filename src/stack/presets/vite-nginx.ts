/**
 * A Node frontend built with Vite and served by an unprivileged nginx: Dockerfile and
 * `.dockerignore`, compose service with Compose Watch, CI (lint, test, build with npm's cache; the
 * image with Docker layer caching) and the image's size budget.
 * @module
 */
import { UsageError } from '../../core/errors.js';
import { Dockerfile, dockerignorePresets } from '../../dockerfile/index.js';
import { cacheMount } from '../../dockerfile/builder.js';
import { npmProject } from '../../workflow/presets.js';
import { defineUnit, dockerfileAt, type StackDockerfile, type Unit } from '../stack.js';
import { applyDependencies, checkBudget, imageJob, type Dependencies, type DurationString, type HealthyOf, type StackServiceAny } from './shared.js';

/** Options of {@link viteNginx}. Every one has a default. */
export interface ViteNginxOptions<D extends Dependencies> {
  /** The project folder (with `package.json`, `package-lock.json`, `index.html`, `src/`). Default: the unit's name. */
  readonly dir?: string;
  /** The Node.js major version of the build stage (`node:<node>-slim`) and of CI. Default `22`. */
  readonly node?: string;
  /** The nginx image of the runtime stage. Default `nginx:1.27-alpine`. */
  readonly nginxImage?: string;
  /** The site's nginx config inside `dir`, copied to `/etc/nginx/conf.d/default.conf`; it must `listen` on `port`. Default `nginx.conf`. */
  readonly nginxConf?: string;
  /** The build command. Default `npm run build`. */
  readonly build?: string;
  /** Vite's output folder inside `dir`. Default `dist`. */
  readonly outDir?: string;
  /** The port nginx listens on (unprivileged, so above 1023). Default `8080`. */
  readonly port?: number;
  /** The port published for the host (in `compose.override.yaml`). Default: `port`. */
  readonly hostPort?: number;
  /** Files and folders inside `dir` whose change rebuilds the image in Compose Watch. Default `['src', 'index.html', 'package.json', 'package-lock.json']`. */
  readonly watch?: readonly string[];
  /** Services this one waits for: `{ api: 'healthy' }`. */
  readonly dependsOn?: D;
  /** The healthcheck (busybox `wget` of `/`), or `false`. */
  readonly healthcheck?: NginxHealthcheck | false;
  /** Target platforms of the CI image build. */
  readonly platforms?: readonly string[];
  /** The image's size budget in decimal MB. */
  readonly budgetMB?: number;
  /** CI: the check job's commands (each skipped with `false`) and runner; `false` for no CI jobs. */
  readonly ci?: { readonly lint?: string | false; readonly test?: string | false; readonly runsOn?: string } | false;
}

/** The healthcheck of {@link viteNginx}: busybox `wget` of `/` (timing only). */
export interface NginxHealthcheck {
  readonly interval?: DurationString;
  readonly timeout?: DurationString;
  readonly retries?: number;
}

/** The stages of the Dockerfile {@link viteNginx} writes. */
export type ViteNginxStages = 'build' | 'runtime';

/** What {@link viteNginx} returns from `stack.unit(name)`. */
export interface ViteNginxHandle<Name extends string> {
  readonly service: Name;
  readonly dockerfile: StackDockerfile<ViteNginxStages>;
  readonly port: number;
  readonly jobs: { readonly check: `${Name}-check`; readonly image: `${Name}-image` };
}

/**
 * A Vite frontend built in a `node:<node>-slim` stage (`npm ci` with npm's cache in a BuildKit cache
 * mount, then the build) and served by nginx running as the unprivileged `nginx` user on port 8080,
 * with its own config. compose: the `runtime` target with a healthcheck, the port and Compose Watch
 * (rebuild on sources and manifests, sync+restart on the nginx config) in `compose.override.yaml`.
 * CI: `<name>-check` (npm ci with npm's cache, lint, test, build) and `<name>-image` (buildx with the
 * GitHub Actions layer cache).
 *
 * @example
 * ```ts
 * stack.add(viteNginx('frontend', { dependsOn: { api: 'healthy' }, budgetMB: 50 }));
 * // frontend/Dockerfile:
 * //   # syntax=docker/dockerfile:1
 * //   FROM node:22-slim AS build
 * //   WORKDIR /app
 * //   COPY package.json package-lock.json ./
 * //   RUN --mount=type=cache,target=/root/.npm \
 * //       npm ci
 * //   COPY . .
 * //   RUN npm run build
 * //
 * //   FROM nginx:1.27-alpine AS runtime
 * //   RUN sed -i "s,/var/run/nginx.pid,/tmp/nginx.pid," /etc/nginx/nginx.conf \
 * //       && chown -R nginx:nginx /var/cache/nginx /usr/share/nginx/html
 * //   COPY nginx.conf /etc/nginx/conf.d/default.conf
 * //   COPY --from=build --chown=nginx:nginx /app/dist /usr/share/nginx/html
 * //   USER nginx
 * //   EXPOSE 8080
 * // compose.yaml:
 * //   frontend:
 * //     build: { context: ./frontend, dockerfile: Dockerfile, target: runtime }
 * //     depends_on: { api: { condition: service_healthy } }
 * //     healthcheck:
 * //       test: [CMD, wget, -q, --spider, http://127.0.0.1:8080/]
 * ```
 */
export function viteNginx<const Name extends string, const D extends Dependencies = {}, const HC extends NginxHealthcheck | false = {}>(
  name: Name,
  options: ViteNginxOptions<D> & { readonly healthcheck?: HC } = {},
): Unit<
  Name,
  { services: keyof D & string; healthy: HealthyOf<D>; env: never; volumes: never; jobs: {}; units: {} },
  { services: Name | (keyof D & string); healthy: ([HC] extends [false] ? never : Name) | HealthyOf<D>; env: never; volumes: never; jobs: { [K in `${Name}-check` | `${Name}-image`]: never }; units: {} },
  ViteNginxHandle<Name>
> {
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
    throw new UsageError('stack/invalid-option', `viteNginx: the name must be a service name in lower case, received ${JSON.stringify(name)}`, 'viteNginx("frontend", { … })');
  }
  const port = options.port ?? 8080;
  const hostPort = options.hostPort ?? port;
  for (const [key, p] of [['port', port], ['hostPort', hostPort]] as const) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new UsageError('stack/invalid-option', `viteNginx("${name}"): ${key} must be a port number from 1 to 65535, received ${String(p)}`, `${key}: 8080`);
  }
  if (port < 1024) throw new UsageError('stack/invalid-option', `viteNginx("${name}"): nginx runs as a user that is not root and cannot listen on port ${port}`, 'use a port above 1023 (default 8080) and publish it as 80 with hostPort if you like');
  checkBudget(`viteNginx("${name}")`, options.budgetMB);
  const dir = options.dir ?? name;
  const node = options.node ?? '22';
  const outDir = options.outDir ?? 'dist';
  const conf = options.nginxConf ?? 'nginx.conf';
  const df = dockerfileAt(
    `${dir}/Dockerfile`,
    Dockerfile.create()
      .syntax('docker/dockerfile:1')
      .stage('build', `node:${node}-slim`, (s) =>
        s
          .workdir('/app')
          .copy(['package.json', 'package-lock.json'], './')
          .run('npm ci', { mounts: [cacheMount('/root/.npm')] })
          .copy('.', '.')
          .run(options.build ?? 'npm run build'),
      )
      .stage('runtime', (options.nginxImage ?? 'nginx:1.27-alpine') as `${string}:${string}`, (s) =>
        s
          // the unprivileged user needs a writable pid file and cache
          .run('sed -i "s,/var/run/nginx.pid,/tmp/nginx.pid," /etc/nginx/nginx.conf && chown -R nginx:nginx /var/cache/nginx /usr/share/nginx/html')
          .copy(conf, '/etc/nginx/conf.d/default.conf')
          .copyFrom('build', `/app/${outDir}`, '/usr/share/nginx/html', { chown: 'nginx:nginx' })
          .user('nginx')
          .expose(port),
      )
      .dockerignore(dockerignorePresets.node()),
  );
  const deps = (options.dependsOn ?? {}) as Dependencies;
  const health: NginxHealthcheck | false = options.healthcheck ?? {};
  const ci = options.ci === false ? undefined : (options.ci ?? {});
  const jobs = { check: `${name}-check`, image: `${name}-image` } as const;
  const requires = {
    services: Object.keys(deps),
    healthy: Object.entries(deps)
      .filter(([, c]) => c === 'healthy')
      .map(([k]) => k),
  };
  return defineUnit(name, requires, (s) => {
    let out = s.dockerfile(df).service(name, (svc) => {
      let x = applyDependencies(svc.build(df, { target: 'runtime' }) as StackServiceAny, deps);
      if (health !== false) {
        x = x.healthcheck({ test: ['CMD', 'wget', '-q', '--spider', `http://127.0.0.1:${port}/`], interval: health.interval ?? '10s', timeout: health.timeout ?? '3s', retries: health.retries ?? 3 }) as StackServiceAny;
      }
      return x.dev((d) =>
        d
          .ports(`${hostPort}:${port}`)
          .watch(
            ...(options.watch ?? ['src', 'index.html', 'package.json', 'package-lock.json']).map((p) => ({ action: 'rebuild' as const, path: s.composePath(`${dir}/${p}`) })),
            { action: 'sync+restart', path: s.composePath(`${dir}/${conf}`), target: '/etc/nginx/conf.d/default.conf' },
          ),
      ) as never;
    }) as unknown as typeof s;
    if (ci) {
      const runsOn = ci.runsOn ?? 'ubuntu-24.04';
      out = out.job(jobs.check, (j) =>
        j
          .runsOn(runsOn)
          .timeout(10)
          .defaults({ 'working-directory': dir })
          .$call(npmProject({ node, lock: `${dir}/package-lock.json` }))
          .$if(ci.lint !== false, (x) => x.step({ name: 'Lint', run: ci.lint || 'npm run lint --if-present' }))
          .$if(ci.test !== false, (x) => x.step({ name: 'Test', run: ci.test || 'npm run test --if-present' }))
          .step({ name: 'Build', run: options.build ?? 'npm run build' }),
      ) as unknown as typeof s;
      out = out.job(
        jobs.image,
        imageJob({
          name,
          dockerfile: df,
          target: 'runtime',
          runsOn,
          needs: [jobs.check],
          ...(options.budgetMB === undefined ? {} : { budgetMB: options.budgetMB }),
          ...(options.platforms === undefined ? {} : { platforms: options.platforms }),
        }),
      ) as unknown as typeof s;
    }
    out = out.image({ name, dockerfile: df.path, context: df.context, target: 'runtime', ...(options.budgetMB === undefined ? {} : { budgetMB: options.budgetMB }), ...(ci ? { job: jobs.image } : {}) });
    return out.returns({ service: name, dockerfile: df, port, jobs } as ViteNginxHandle<Name>);
  }) as never;
}
