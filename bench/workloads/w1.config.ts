// W1, the seed stack: backend and frontend Dockerfiles; compose with api, worker, frontend, postgres,
// nats and redis; the CI workflow with test, lint and typecheck jobs and a Python 3.12/3.13 matrix.
import { App, Compose, Dockerfile, dockerignorePresets, Env, Workflow } from 'devstack-kit';
import { cacheMount } from 'devstack-kit/dockerfile';
import { checkout, dependencyCache, setupPython, setupUv } from 'devstack-kit/workflow';

export default function build(): App {
  const app = new App();
  const backend = app.dockerfile(
    'backend/Dockerfile',
    Dockerfile.create()
      .syntax('docker/dockerfile:1')
      .stage('builder', 'python:3.13-slim', (s) =>
        s.workdir('/app').run('pip install uv').copy(['pyproject.toml', 'uv.lock'], './').run('uv sync --frozen', { mounts: [cacheMount('/root/.cache/uv')] }),
      )
      .stage('runtime', 'python:3.13-slim', (s) =>
        s
          .run('useradd --create-home --uid 10001 app')
          .workdir('/app')
          .copyFrom('builder', '/app/.venv', '/app/.venv')
          .copy('.', '/app')
          .user('app')
          .cmd(['/app/.venv/bin/uvicorn', 'app.main:app', '--host', '0.0.0.0']),
      )
      .dockerignore(dockerignorePresets.python()),
  );
  const frontend = app.dockerfile(
    'frontend/Dockerfile',
    Dockerfile.create()
      .syntax('docker/dockerfile:1')
      .stage('build', 'node:22-alpine', (s) =>
        s.workdir('/src').copy(['package.json', 'package-lock.json'], './').run('npm ci', { mounts: [cacheMount('/root/.npm')] }).copy('.', '.').run('npm run build'),
      )
      .stage('web', 'nginx:1.27-alpine', (s) => s.copyFrom('build', '/src/dist', '/usr/share/nginx/html').user('nginx').expose(8080))
      .dockerignore(dockerignorePresets.node()),
  );
  const env = Env.create()
    .var('DATABASE_URL', { description: 'Postgres for the API', default: 'postgresql+asyncpg://postgres:postgres@localhost:5555/tasktracker' })
    .var('NATS_URL', { default: 'nats://localhost:4222' })
    .var('REDIS_URL', { default: 'redis://localhost:6379' })
    .var('POSTGRES_PASSWORD', { secret: true });
  const python = (s: any) =>
    s
      .envVar('DATABASE_URL')
      .envVar('NATS_URL')
      .envVar('REDIS_URL')
      .dependsOn('postgres', { condition: 'service_healthy' })
      .dependsOn('redis', { condition: 'service_healthy' })
      .dependsOn('nats', { condition: 'service_started' });
  app.compose(
    'compose.yaml',
    Compose.create()
      .env(env)
      .service('postgres', (s) => s.image('postgres:15').envVar('POSTGRES_PASSWORD').healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 }))
      .service('nats', (s) => s.image('nats:2.10'))
      .service('redis', (s) => s.image('redis:7.4').healthcheck({ test: ['CMD', 'redis-cli', 'ping'], interval: '10s', timeout: '3s', retries: 5 }))
      .service('api', (s) =>
        python(s.build(backend, { target: 'runtime' }).ports('8000:8000').watch({ action: 'sync', path: './backend/app', target: '/app/app' }, { action: 'rebuild', path: './backend/uv.lock' })),
      )
      .service('worker', (s) => python(s.build(backend, { target: 'runtime' }).command(['/app/.venv/bin/python', '-m', 'app.worker']).watch({ action: 'sync+restart', path: './backend/app', target: '/app/app' })))
      .service('frontend', (s) => s.build(frontend, { target: 'web' }).ports('8080:8080').dependsOn('api').watch({ action: 'rebuild', path: './frontend/src' })),
  );
  app.workflow(
    '.github/workflows/ci.yml',
    Workflow.create('CI')
      .on({ push: { branches: ['main'] }, pull_request: null })
      .permissions({ contents: 'read' })
      .job('test', (j) =>
        j
          .runsOn('ubuntu-24.04')
          .timeout(15)
          .matrix({ python: ['3.12', '3.13'] })
          .step(checkout())
          .step(({ matrix }) => setupPython({ 'python-version': matrix.python }))
          .step(setupUv({ 'enable-cache': true }))
          .step({ name: 'Install deps', run: 'uv sync --frozen' })
          .step({ name: 'Run tests', run: 'uv run pytest' }),
      )
      .job('lint', (j) => j.runsOn('ubuntu-24.04').timeout(10).step(checkout()).step(dependencyCache('uv')).step({ run: 'pip install uv && uv sync' }).step({ run: 'uv run ruff check .' }))
      .job('typecheck', (j) => j.runsOn('ubuntu-24.04').timeout(10).step(checkout()).step(dependencyCache('uv')).step({ run: 'pip install uv && uv sync' }).step({ run: 'uv run mypy .' })),
  );
  return app;
}
