// The seed stack (../shared/seed): a Python/uv API with Postgres, NATS and Redis, developed with
// Compose Watch and tested in GitHub Actions. `npx devstack synth` writes every file beside this one.
//
// It follows the brief's examples and fixes the brief's own anti-patterns: the runtime stage runs as
// a non-root user, stage names are written `AS`, every image is pinned, and secrets stay out of files.
import { App, Compose, Dockerfile, dockerignorePresets, Env, Workflow } from 'devstack-kit';
import { cacheMount } from 'devstack-kit/dockerfile';
import { buildPush, checkout, ghaLayerCache, setupBuildx, setupPython, setupUv, uvProject, workflowEnv } from 'devstack-kit/workflow';

const app = new App();

// backend/Dockerfile: dependencies first (least changing), code last (most changing).
const backend = app.dockerfile(
  'backend/Dockerfile',
  Dockerfile.create()
    .syntax('docker/dockerfile:1')
    .stage('builder', 'python:3.13-slim', (s) =>
      s
        .workdir('/app')
        .run('pip install uv')
        .copy(['pyproject.toml', 'uv.lock'], './')
        .run('uv sync --frozen', { mounts: [cacheMount('/root/.cache/uv')] }),
    )
    .stage('runtime', 'python:3.13-slim', (s) =>
      s
        .run('useradd --create-home --uid 10001 app')
        .workdir('/app')
        .copyFrom('builder', '/app/.venv', '/app/.venv')
        .copy('.', '/app')
        .user('app')
        .expose(8000)
        .cmd(['/app/.venv/bin/uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000']),
    )
    .dockerignore(dockerignorePresets.python()),
);

// Declared once: reaches compose (as ${VAR} interpolation), .env.example (with its comment), and CI
// (as repository variables with the declared defaults).
const env = Env.create()
  .var('DATABASE_URL', { description: 'Postgres, as the API sees it', default: 'postgresql+asyncpg://postgres:postgres@localhost:5555/tasktracker' })
  .var('NATS_URL', { description: 'NATS for background jobs', default: 'nats://localhost:4222' })
  .var('REDIS_URL', { description: 'Redis cache', default: 'redis://localhost:6379' })
  .var('POSTGRES_PASSWORD', { description: 'Password of the local Postgres superuser', secret: true });

app.compose(
  'compose.yaml',
  Compose.create()
    .env(env)
    .service('postgres', (s) =>
      s
        .image('postgres:15')
        .envVar('POSTGRES_PASSWORD')
        .ports('127.0.0.1:5555:5432')
        .healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 }),
    )
    .service('nats', (s) => s.image('nats:2.10').ports('4222:4222'))
    .service('redis', (s) =>
      s.image('redis:7.4').ports('127.0.0.1:6379:6379').healthcheck({ test: ['CMD', 'redis-cli', 'ping'], interval: '10s', timeout: '3s', retries: 5 }),
    )
    .service('api', (s) =>
      s
        .build(backend, { target: 'runtime' })
        .env('DATABASE_URL', 'postgresql+asyncpg://postgres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/tasktracker')
        .env('NATS_URL', 'nats://nats:4222')
        .env('REDIS_URL', 'redis://redis:6379')
        .ports('8000:8000')
        .watch(
          { action: 'sync', path: './backend/app', target: '/app/app' },
          { action: 'rebuild', path: './backend/pyproject.toml' },
          { action: 'rebuild', path: './backend/uv.lock' },
        )
        .dependsOn('postgres', { condition: 'service_healthy' })
        .dependsOn('nats', { condition: 'service_started' })
        .dependsOn('redis', { condition: 'service_healthy' }),
    ),
);

// .github/workflows/ci.yml: test (Python 3.12 and 3.13), lint and typecheck in parallel, cached
// dependencies, and the backend image built with Docker layer caching from the same Dockerfile.
const ci = Workflow.create('CI')
  .on({ push: { branches: ['main'] }, pull_request: null })
  .permissions({ contents: 'read' })
  .defaults({ 'working-directory': 'backend' })
  .job('test', (j) =>
    j
      .runsOn('ubuntu-24.04')
      .timeout(15)
      .matrix({ python: ['3.12', '3.13'] })
      .env(workflowEnv(env, ['DATABASE_URL', 'NATS_URL', 'REDIS_URL']))
      .step(checkout())
      .step(({ matrix }) => setupPython({ 'python-version': matrix.python }, { name: 'Setup Python' }))
      .step(setupUv({ 'enable-cache': true, 'cache-dependency-glob': 'backend/uv.lock' }))
      .step({ name: 'Install deps', run: 'uv sync --frozen' })
      .step({ name: 'Run tests', run: 'uv run pytest' }),
  )
  // lint and typecheck share a job fragment (a preset): checkout, Python, uv with its cache, uv sync
  .job('lint', (j) => j.runsOn('ubuntu-24.04').timeout(10).$call(uvProject({ lock: 'backend/uv.lock' })).step({ name: 'Lint', run: 'uv run ruff check .' }))
  .job('typecheck', (j) => j.runsOn('ubuntu-24.04').timeout(10).$call(uvProject({ lock: 'backend/uv.lock' })).step({ name: 'Type check', run: 'uv run mypy .' }))
  .job('image', (j) =>
    j
      .runsOn('ubuntu-24.04')
      .timeout(20)
      .needs('test')
      .step(checkout())
      .step(setupBuildx())
      .step(buildPush({ context: backend.context, file: backend.path, target: 'runtime', push: false, ...ghaLayerCache({ scope: 'backend' }) })),
  );
app.workflow('.github/workflows/ci.yml', ci);

export default app;
