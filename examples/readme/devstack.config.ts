// devstack.config.ts
import { App, Compose, Dockerfile, dockerignorePresets, Env, Workflow } from 'devstack-kit';
import { checkout, setupPython } from 'devstack-kit/workflow';

const app = new App();

const backend = app.dockerfile(
  'backend/Dockerfile',
  Dockerfile.create()
    .stage('builder', 'python:3.13-slim', (s) =>
      s.workdir('/app').run('pip install uv').copy(['pyproject.toml', 'uv.lock'], './').run('uv sync --frozen'))
    .stage('runtime', 'python:3.13-slim', (s) =>
      s.run('useradd --create-home --uid 10001 app').workdir('/app')
        .copyFrom('builder', '/app/.venv', '/app/.venv')   // 'builder' is checked: a typo does not compile
        .copy('.', '/app').user('app')
        .cmd(['/app/.venv/bin/uvicorn', 'app.main:app']))
    .dockerignore(dockerignorePresets.python()),
);

const env = Env.create().var('POSTGRES_PASSWORD', { description: 'Local Postgres password', secret: true });

app.compose('compose.yaml', Compose.create().env(env)
  .service('postgres', (s) => s.image('postgres:15').envVar('POSTGRES_PASSWORD')
    .healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 }))
  .service('api', (s) => s
    .build(backend, { target: 'runtime' })                // only 'builder' | 'runtime' are accepted
    .watch({ action: 'sync', path: './backend/app', target: '/app/app' },
           { action: 'rebuild', path: './backend/pyproject.toml' })
    .dependsOn('postgres', { condition: 'service_healthy' })));  // postgres must have a healthcheck

app.workflow('.github/workflows/ci.yml', Workflow.create('CI')
  .on(['push', 'pull_request'])
  .permissions({ contents: 'read' })
  .job('test', (j) => j.runsOn('ubuntu-24.04').timeout(15)
    .matrix({ python: ['3.12', '3.13'] })
    .step(checkout())
    .step(({ matrix }) => setupPython({ 'python-version': matrix.python }))   // matrix.pyhton would not compile
    .step({ name: 'Run tests', run: 'pip install uv && uv sync && uv run pytest' })));

export default app;
