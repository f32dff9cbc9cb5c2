// A Node/TypeScript web API and a static frontend served by nginx, with Postgres and Redis,
// developed with Compose Watch, tested on Node 20 and 22, and released to GHCR.
// `npx devstack synth` writes every file beside this one.
import { App, Compose, Dockerfile, dockerignorePresets, Env, Workflow } from 'devstack-kit';
import { cacheMount } from 'devstack-kit/dockerfile';
import { buildPush, checkout, type JobBuilder, dockerLogin, dockerMetadata, expr, ghaLayerCache, npmProject, setupBuildx, workflowEnv } from 'devstack-kit/workflow';

const app = new App();

// api/Dockerfile: deps (all dependencies, for the build) → build (tsc) → runtime (production deps + dist).
const api = app.dockerfile(
  'api/Dockerfile',
  Dockerfile.create()
    .syntax('docker/dockerfile:1')
    .stage('deps', 'node:22-slim', (s) =>
      s
        .workdir('/app')
        .copy(['package.json', 'package-lock.json'], './')
        .run('npm ci', { mounts: [cacheMount('/root/.npm')] }),
    )
    .stage('build', 'deps', (s) => s.copy('.', '.').run('npm run build'))
    .stage('runtime', 'node:22-slim', (s) =>
      s
        .env('NODE_ENV', 'production')
        .workdir('/app')
        .copy(['package.json', 'package-lock.json'], './')
        .run('npm ci --omit=dev', { mounts: [cacheMount('/root/.npm')] })
        .copyFrom('build', '/app/dist', './dist')
        .user('node')
        .expose(3000)
        // node:22-slim has no curl: node's own fetch asks GET /health
        .healthcheck(['node', '-e', "fetch('http://localhost:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"], {
          interval: '10s',
          timeout: '3s',
          retries: 3,
        })
        .cmd(['node', 'dist/index.js']),
    )
    .dockerignore(dockerignorePresets.node()),
);

// web/Dockerfile: build the static site with node, serve it with an unprivileged nginx.
const web = app.dockerfile(
  'web/Dockerfile',
  Dockerfile.create()
    .syntax('docker/dockerfile:1')
    .stage('build', 'node:22-slim', (s) =>
      s
        .workdir('/app')
        .copy(['package.json', 'package-lock.json'], './')
        .run('npm ci', { mounts: [cacheMount('/root/.npm')] })
        .copy('.', '.')
        .run('npm run build'),
    )
    .stage('runtime', 'nginx:1.27-alpine', (s) =>
      s
        .run(
          'sed -i "s,/var/run/nginx.pid,/tmp/nginx.pid," /etc/nginx/nginx.conf && chown -R nginx:nginx /var/cache/nginx /usr/share/nginx/html',
        )
        .copy('nginx.conf', '/etc/nginx/conf.d/default.conf')
        .copyFrom('build', '/app/dist', '/usr/share/nginx/html', { chown: 'nginx:nginx' })
        .user('nginx')
        .expose(8080),
    )
    .dockerignore(dockerignorePresets.node()),
);

// Declared once: compose (${VAR} interpolation), .env.example (with comments) and CI (repository variables).
const env = Env.create()
  .var('POSTGRES_PASSWORD', { description: 'Password of the local Postgres superuser', secret: true })
  .var('DATABASE_URL', { description: 'Postgres, as the API sees it', default: 'postgres://postgres:postgres@localhost:5432/app' })
  .var('REDIS_URL', { description: 'Redis cache', default: 'redis://localhost:6379' });

app.compose(
  'compose.yaml',
  Compose.create()
    .env(env)
    .volume('pgdata')
    .service('postgres', (s) =>
      s
        .image('postgres:17-alpine')
        .envVar('POSTGRES_PASSWORD')
        .volume('pgdata', '/var/lib/postgresql/data')
        .healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 })
        .dev((d) => d.ports('127.0.0.1:5432:5432')),
    )
    .service('redis', (s) =>
      s
        .image('redis:7.4-alpine')
        .healthcheck({ test: ['CMD', 'redis-cli', 'ping'], interval: '10s', timeout: '3s', retries: 5 })
        .dev((d) => d.ports('127.0.0.1:6379:6379')),
    )
    .service('api', (s) =>
      s
        .build(api, { target: 'runtime' })
        .env('DATABASE_URL', 'postgres://postgres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/app')
        .env('REDIS_URL', 'redis://redis:6379')
        .env('PORT', '3000')
        .dependsOn('postgres', { condition: 'service_healthy' })
        .dependsOn('redis', { condition: 'service_healthy' })
        .dev((d) =>
          d
            .ports('3000:3000')
            .watch(
              { action: 'rebuild', path: './api/src' },
              { action: 'rebuild', path: './api/package.json' },
              { action: 'rebuild', path: './api/package-lock.json' },
            ),
        ),
    )
    .service('web', (s) =>
      s
        .build(web, { target: 'runtime' })
        // the api's runtime stage has a HEALTHCHECK, so the types accept service_healthy
        .dependsOn('api', { condition: 'service_healthy' })
        .dev((d) =>
          d
            .ports('8080:8080')
            .watch(
              { action: 'sync', path: './web/src', target: '/usr/share/nginx/html' },
              { action: 'rebuild', path: './web/package-lock.json' },
              { action: 'rebuild', path: './web/nginx.conf' },
            ),
        ),
    ),
);

// .github/workflows/ci.yml: lint, test and build each app on Node 20 and 22.
app.workflow(
  '.github/workflows/ci.yml',
  Workflow.create('CI')
    .on({ push: { branches: ['main'] }, pull_request: null })
    .permissions({ contents: 'read' })
    .concurrency({ group: `ci-${expr.github.ref}`, 'cancel-in-progress': true })
    .job('check', (j) =>
      j
        .runsOn('ubuntu-24.04')
        .timeout(15)
        .matrix({ node: ['20', '22'], app: ['api', 'web'] })
        .defaults({ 'working-directory': expr.matrix('app') })
        .env(workflowEnv(env, ['DATABASE_URL', 'REDIS_URL']))
        .$call(npmProject({ node: expr.matrix('node'), lock: `${expr.matrix('app')}/package-lock.json` }))
        .step({ name: 'Lint', run: 'npm run lint' })
        .step({ name: 'Build', run: 'npm run build' })
        .step({ name: 'Test', run: 'npm test' }),
    ),
);

// .github/workflows/release.yml: build both images and push them to GHCR, tagged by metadata-action.
const image = (name: 'api' | 'web', ref: typeof api | typeof web) =>
  <J extends Record<string, string>, I extends string, S extends string, V extends string>(j: JobBuilder<J, I, {}, never, never, S, V>) =>
    j
      .runsOn('ubuntu-24.04')
      .timeout(30)
      .permissions({ contents: 'read', packages: 'write' })
      .step(checkout())
      .step(setupBuildx())
      .step(dockerLogin({ registry: 'ghcr.io', username: expr.github.actor, password: expr.secrets.GITHUB_TOKEN }))
      .step('meta', dockerMetadata({ images: `ghcr.io/${expr.github.repository}/${name}`, tags: ['type=ref,event=branch', 'type=semver,pattern={{version}}', 'type=sha'] }))
      .step('push', ({ steps }) =>
        buildPush({
          context: ref.context,
          file: ref.path,
          target: 'runtime',
          push: true,
          tags: steps.meta.outputs.tags,
          labels: steps.meta.outputs.labels,
          ...ghaLayerCache({ scope: name }),
        }),
      )
      .outputs(({ steps }) => ({ digest: steps.push.outputs.digest, version: steps.meta.outputs.version }));

app.workflow(
  '.github/workflows/release.yml',
  Workflow.create('Release')
    .on({ push: { branches: ['main'], tags: ['v*'] } })
    .permissions({})
    .job('api', image('api', api))
    .job('web', image('web', web))
    .job('summary', (j) =>
      j
        .runsOn('ubuntu-24.04')
        .timeout(5)
        .env(({ needs }) => ({ API_DIGEST: needs.api.outputs.digest, WEB_DIGEST: needs.web.outputs.digest }))
        .step({ name: 'Summary', run: 'echo "api: $API_DIGEST" >> "$GITHUB_STEP_SUMMARY" && echo "web: $WEB_DIGEST" >> "$GITHUB_STEP_SUMMARY"' }),
    ),
);

export default app;
