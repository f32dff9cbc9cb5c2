// Every first-party preset: synthesized alone (with what it requires), no errors and no warnings
// from the rules, the files it promises, and every file accepted by the outside validators.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import type { EnvExampleModel } from '../../src/compose/index.js';
import { parse as parseYaml } from 'yaml';
import { composeSmoke, nats, postgres, pythonUv, pythonWorker, redis, Stack, viteNginx } from '../../src/stack/index.js';
import { outsideValidators, synthUnit, type UnitSynth } from '../../src/stack/testing.js';
import { composeProblems, SHARED_DIR } from '../helpers/oracles/compose.js';
import { dockerfileProblems, dockerignoreProblems } from '../helpers/oracles/dockerfile.js';
import { envExampleProblems } from '../helpers/oracles/env.js';
import { checkWorkflow } from '../helpers/oracles/workflow.js';

const usage = (fn: () => unknown): UsageError => {
  try {
    fn();
  } catch (e) {
    if (UsageError.isUsageError(e)) return e;
    throw e;
  }
  throw new Error('expected a UsageError');
};

/** No errors, no warnings, and every file passes its outside validators. */
async function clean(result: UnitSynth<unknown>): Promise<void> {
  expect(result.errors).toEqual([]);
  expect(result.issues).toEqual([]);
  for (const [path, kind] of Object.entries(result.kinds)) {
    const text = result.app.synth().files[path] ?? '';
    const problems =
      kind === 'dockerfile'
        ? dockerfileProblems(text)
        : kind === 'dockerignore'
          ? dockerignoreProblems(text)
          : kind === 'compose'
            ? composeProblems(text)
            : kind === 'workflow'
              ? await checkWorkflow(text)
              : kind === 'env-example'
                ? envExampleProblems(text, Object.fromEntries((result.app.entries().find((e) => e.path === path)!.model as EnvExampleModel).entries.map((e) => [e.name, e.value])))
                : [];
    expect(problems, path).toEqual([]);
  }
}

const compose = (r: UnitSynth<unknown>, file = 'compose.yaml') => parseYaml(r.files[file] ?? '') as { services: Record<string, Record<string, unknown>>; volumes?: Record<string, unknown> };
const workflow = (r: UnitSynth<unknown>) => parseYaml(r.files['.github/workflows/ci.yml'] ?? '') as { jobs: Record<string, Record<string, unknown> & { steps: Record<string, unknown>[] }> };

describe('postgres', () => {
  it('defaults: image, secret password, URL with host and in-network values, volume, healthcheck, host port in the override', async () => {
    const r = synthUnit(postgres());
    await clean(r);
    const svc = compose(r).services['postgres']!;
    expect(svc['image']).toBe('postgres:17-alpine');
    expect(svc['environment']).toEqual({ POSTGRES_PASSWORD: '${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set; copy .env.example to .env}', POSTGRES_DB: 'app' });
    expect(svc['volumes']).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(svc['healthcheck']).toEqual({ test: ['CMD', 'pg_isready', '-U', 'postgres', '-d', 'app'], interval: '10s', timeout: '5s', retries: 5, start_period: '10s' });
    expect(svc['ports']).toBeUndefined();
    expect(compose(r, 'compose.override.yaml').services['postgres']).toEqual({ ports: ['127.0.0.1:5432:5432'] });
    expect(r.files['.env.example']).toContain('POSTGRES_PASSWORD=\n');
    expect(r.files['.env.example']).toContain('DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app\n');
    expect(r.stack.unit('postgres')).toEqual({ service: 'postgres', healthy: true, env: { url: 'DATABASE_URL', password: 'POSTGRES_PASSWORD' }, url: 'postgresql://postgres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/app' });
  });

  it('options: name, image, user, database, host port, scheme, variable and volume names', async () => {
    const r = synthUnit(postgres({ name: 'db', image: 'postgres:15', user: 'app', database: 'shop', hostPort: 5555, scheme: 'postgresql+asyncpg', urlVar: 'SHOP_DB', passwordVar: 'DB_PASSWORD', volume: 'dbdata', healthcheck: { interval: '5s' } }));
    await clean(r);
    const svc = compose(r).services['db']!;
    expect(svc['environment']).toEqual({ DB_PASSWORD: '${DB_PASSWORD:?DB_PASSWORD is not set; copy .env.example to .env}', POSTGRES_USER: 'app', POSTGRES_DB: 'shop' });
    expect((svc['healthcheck'] as { interval: string }).interval).toBe('5s');
    expect(compose(r).volumes).toEqual({ dbdata: null });
    expect(r.files['.env.example']).toContain('SHOP_DB=postgresql+asyncpg://app:postgres@localhost:5555/shop\n');
    expect(compose(r, 'compose.override.yaml').services['db']).toEqual({ ports: ['127.0.0.1:5555:5432'] });
  });

  it('rejects a host port out of range', () => {
    expect(usage(() => postgres({ hostPort: 70000 })).code).toBe('stack/invalid-option');
  });
});

describe('redis and nats', () => {
  it('redis: append-only data on a volume, ping healthcheck, REDIS_URL for the host and for compose', async () => {
    const r = synthUnit(redis());
    await clean(r);
    const svc = compose(r).services['redis']!;
    expect(svc['command']).toEqual(['redis-server', '--appendonly', 'yes']);
    expect(svc['volumes']).toEqual(['redisdata:/data']);
    expect((svc['healthcheck'] as { test: string[] }).test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(r.files['.env.example']).toContain('REDIS_URL=redis://localhost:6379\n');
    expect(r.stack.unit('redis').url).toBe('redis://redis:6379');
    expect(usage(() => redis({ hostPort: 0 })).code).toBe('stack/invalid-option');
  });

  it('nats: JetStream on a volume, /healthz healthcheck; without JetStream no store', async () => {
    const r = synthUnit(nats({ hostPort: 14222 }));
    await clean(r);
    const svc = compose(r).services['nats']!;
    expect(svc['image']).toBe('nats:2.10-alpine');
    expect(svc['command']).toEqual(['nats-server', '--http_port', '8222', '--jetstream', '--store_dir', '/data']);
    expect((svc['healthcheck'] as { test: string[] }).test).toEqual(['CMD', 'wget', '-q', '--spider', 'http://localhost:8222/healthz']);
    expect(r.files['.env.example']).toContain('NATS_URL=nats://localhost:14222\n');
    expect(compose(r, 'compose.override.yaml').services['nats']).toEqual({ ports: ['127.0.0.1:14222:4222'] });
    const plain = synthUnit(nats({ jetstream: false }));
    expect(compose(plain).services['nats']!['command']).toEqual(['nats-server', '--http_port', '8222']);
    expect(compose(plain).services['nats']!['volumes']).toBeUndefined();
  });
});

const backing = () => Stack.create().add(postgres()).add(redis()).add(nats());

describe('pythonUv', () => {
  it('writes the multi-stage uv Dockerfile, its .dockerignore, the service, its dev settings and CI jobs', async () => {
    const r = synthUnit(pythonUv('api', { dir: 'backend', env: ['DATABASE_URL', 'NATS_URL'], dependsOn: { postgres: 'healthy', nats: 'started' }, configFiles: ['logging.ini'], budgetMB: 300 }), { given: backing() });
    await clean(r);
    expect(r.files['backend/Dockerfile']).toBe(`# syntax=docker/dockerfile:1
FROM python:3.13-slim AS builder
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
WORKDIR /app
RUN pip install --no-cache-dir uv==0.8.4
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/root/.cache/uv \\
    uv sync --frozen --no-dev --no-install-project

FROM python:3.13-slim AS runtime
RUN useradd --create-home --uid 10001 app
WORKDIR /app
ENV VIRTUAL_ENV=/app/.venv \\
    PATH=/app/.venv/bin:/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
COPY --from=builder /app/.venv /app/.venv
COPY . /app
USER app
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
`);
    expect(r.files['backend/.dockerignore']).toContain('.venv');
    const api = compose(r).services['api']!;
    expect(api['build']).toEqual({ context: './backend', dockerfile: 'Dockerfile', target: 'runtime' });
    expect(api['environment']).toEqual({ DATABASE_URL: 'postgresql://postgres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/app', NATS_URL: 'nats://nats:4222' });
    expect(api['depends_on']).toEqual({ postgres: { condition: 'service_healthy' }, nats: { condition: 'service_started' } });
    expect((api['healthcheck'] as { test: string[] }).test).toEqual(['CMD', 'python', '-c', "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=3)"]);
    const dev = compose(r, 'compose.override.yaml').services['api']!;
    expect(dev['command']).toEqual(['uvicorn', 'app.main:app', '--host', '0.0.0.0', '--port', '8000', '--reload']);
    expect(dev['ports']).toEqual(['8000:8000']);
    expect(dev['develop']).toEqual({
      watch: [
        { action: 'sync', path: './backend/app', target: '/app/app' },
        { action: 'rebuild', path: './backend/pyproject.toml' },
        { action: 'rebuild', path: './backend/uv.lock' },
        { action: 'sync+restart', path: './backend/logging.ini', target: '/app/logging.ini' },
      ],
    });
    const jobs = workflow(r).jobs;
    expect(Object.keys(jobs)).toEqual(['api-test', 'api-lint', 'api-typecheck', 'api-image']);
    expect(jobs['api-test']!['strategy']).toEqual({ matrix: { python: ['3.12', '3.13'] } });
    expect(jobs['api-test']!['env']).toEqual({ DATABASE_URL: "${{ vars.DATABASE_URL || 'postgresql://postgres:postgres@localhost:5432/app' }}", NATS_URL: "${{ vars.NATS_URL || 'nats://localhost:4222' }}" });
    expect(jobs['api-lint']!.steps.at(-1)).toEqual({ name: 'Lint', run: 'uv run ruff check .' });
    expect(jobs['api-typecheck']!.steps.at(-1)).toEqual({ name: 'Type check', run: 'uv run mypy .' });
    for (const id of ['api-test', 'api-lint', 'api-typecheck']) expect(jobs[id]!.steps.find((s) => s['uses'] === 'astral-sh/setup-uv@v6')?.['with']).toEqual({ 'enable-cache': true, 'cache-dependency-glob': 'backend/uv.lock' });
    expect(jobs['api-image']!['needs']).toBe('api-test');
    // with a budget the image is built, loaded and measured: the size check is the job's last step
    const imageSteps = jobs['api-image']!.steps;
    expect(imageSteps.find((st) => st['id'] === 'image-size-build')!['with']).toEqual({ context: 'backend', file: 'backend/Dockerfile', target: 'runtime', load: true, push: false, tags: 'api:ci', 'cache-from': 'type=gha,scope=backend-runtime', 'cache-to': 'type=gha,mode=max,scope=backend-runtime' });
    expect(imageSteps.at(-1)!['id']).toBe('image-size');
    expect(imageSteps.at(-1)!['env']).toMatchObject({ IMAGE: 'api:ci', BUDGET_MB: '300' });
    expect(r.stack.images()).toEqual([{ name: 'api', dockerfile: 'backend/Dockerfile', context: 'backend', target: 'runtime', budgetMB: 300, job: 'api-image' }]);
    const handle = r.stack.unit('api');
    expect(handle.jobs).toEqual({ test: 'api-test', lint: 'api-lint', typecheck: 'api-typecheck', image: 'api-image' });
    expect(handle.dockerfile.stages).toEqual(['builder', 'runtime']);
  });

  it('options a real project changes: versions, uv from an image, command, ports, BuildKit secrets, platforms, CI commands', async () => {
    const r = synthUnit(
      pythonUv('svc', {
        python: '3.12',
        uv: { image: 'ghcr.io/astral-sh/uv:0.8.4' },
        command: ['gunicorn', '-k', 'uvicorn.workers.UvicornWorker', 'svc.app:app', '--bind', '0.0.0.0:9000'],
        port: 9000,
        hostPort: 19000,
        source: 'svc',
        uid: 20000,
        healthcheck: { path: '/ready', interval: '30s' },
        buildSecrets: [{ id: 'uv-index-token', env: 'UV_INDEX_PRIVATE_PASSWORD' }],
        platforms: ['linux/amd64', 'linux/arm64'],
        ci: { pythonVersions: ['3.11', '3.12'], test: 'uv run pytest -q', lint: false, typecheck: 'uv run pyright', runsOn: 'ubuntu-22.04' },
      }),
    );
    await clean(r);
    const df = r.files['svc/Dockerfile']!;
    expect(df).toContain('FROM python:3.12-slim AS builder');
    expect(df).toContain('COPY --from=ghcr.io/astral-sh/uv:0.8.4 /uv /usr/local/bin/uv');
    expect(df).not.toContain('pip install');
    expect(df).toContain('--mount=type=secret,id=uv-index-token,env=UV_INDEX_PRIVATE_PASSWORD');
    expect(df).toContain('useradd --create-home --uid 20000 app');
    expect(df).toContain('EXPOSE 9000');
    const svc = compose(r).services['svc']!;
    expect((svc['healthcheck'] as { test: string[]; interval: string }).test[3]).toContain("'http://localhost:9000/ready'");
    expect((svc['healthcheck'] as { interval: string }).interval).toBe('30s');
    expect(svc['build']).toEqual({ context: './svc', dockerfile: 'Dockerfile', target: 'runtime', secrets: ['uv-index-token'] });
    expect((compose(r) as { secrets?: unknown }).secrets).toEqual({ 'uv-index-token': { environment: 'UV_INDEX_TOKEN' } });
    expect(r.files['.env.example']).toContain('UV_INDEX_TOKEN=\n');
    const dev = compose(r, 'compose.override.yaml').services['svc']!;
    expect(dev['command']).toBeUndefined(); // a custom command is not given --reload
    expect(dev['ports']).toEqual(['19000:9000']);
    const jobs = workflow(r).jobs;
    expect(Object.keys(jobs)).toEqual(['svc-test', 'svc-typecheck', 'svc-image']);
    expect(jobs['svc-test']!['runs-on']).toBe('ubuntu-22.04');
    expect(jobs['svc-test']!['strategy']).toEqual({ matrix: { python: ['3.11', '3.12'] } });
    const build = jobs['svc-image']!.steps.at(-1)!['with'] as Record<string, unknown>;
    expect(build['platforms']).toBe('linux/amd64\nlinux/arm64');
    expect(build['secrets']).toBe('uv-index-token=${{ secrets.UV_INDEX_TOKEN }}');
  });

  it('a compose file in a folder: build contexts and watch paths are written relative to it', async () => {
    const r = synthUnit(pythonUv('api', { dir: 'backend', ci: false, configFiles: ['logging.ini'] }), { stack: { compose: 'deploy/compose.yaml' } });
    await clean(r);
    expect(compose(r, 'deploy/compose.yaml').services['api']!['build']).toMatchObject({ context: '../backend' });
    expect((compose(r, 'deploy/compose.override.yaml').services['api']!['develop'] as { watch: { path: string }[] }).watch.map((w) => w.path)).toEqual([
      '../backend/app',
      '../backend/pyproject.toml',
      '../backend/uv.lock',
      '../backend/logging.ini',
    ]);
    const smoke = synthUnit(composeSmoke({ command: 'true' }), { given: Stack.create({ compose: 'deploy/compose.yaml' }).add(redis()) });
    expect(workflow(smoke).jobs['smoke']!.steps[2]).toEqual({ name: 'Start the stack', run: 'docker compose -f deploy/compose.yaml up --build --wait --wait-timeout 300' });
  });

  it('ci: false writes no workflow; healthcheck: false leaves the service without one', () => {
    const r = synthUnit(pythonUv('api', { ci: false, healthcheck: false }));
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.files)).not.toContain('.github/workflows/ci.yml');
    expect(compose(r).services['api']!['healthcheck']).toBeUndefined();
    expect(r.stack.unit('api').healthy).toBe(false);
  });

  it('workers: a unit inside the unit, built from the same Dockerfile with its own command and budget', async () => {
    const r = synthUnit(pythonUv('api', { dir: 'backend', env: ['NATS_URL'], dependsOn: { nats: 'healthy' }, workers: { worker: { command: ['python', '-m', 'app.worker'], env: ['NATS_URL'], dependsOn: { nats: 'healthy' }, budgetMB: 250 } } }), {
      given: backing(),
    });
    await clean(r);
    const w = compose(r).services['worker']!;
    expect(w['build']).toEqual({ context: './backend', dockerfile: 'Dockerfile', target: 'runtime' });
    expect(w['command']).toEqual(['python', '-m', 'app.worker']);
    expect(w['environment']).toEqual({ NATS_URL: 'nats://nats:4222' });
    expect(compose(r, 'compose.override.yaml').services['worker']!['develop']).toMatchObject({ watch: [{ action: 'sync+restart', path: './backend/app', target: '/app/app' }, { action: 'rebuild' }, { action: 'rebuild' }] });
    expect(Object.keys(workflow(r).jobs)).toContain('worker-image');
    // the worker's image job shares the API's layer cache (same Dockerfile and target)
    expect(workflow(r).jobs['worker-image']!.steps.find((st) => st['id'] === 'image-size-build')!['with']).toMatchObject({ target: 'runtime', tags: 'worker:ci', 'cache-from': 'type=gha,scope=backend-runtime' });
    expect(workflow(r).jobs['worker-image']!.steps.at(-1)!['env']).toMatchObject({ IMAGE: 'worker:ci', BUDGET_MB: '250' });
    expect(r.stack.unit('worker')).toEqual({ service: 'worker', jobs: { image: 'worker-image' } });
    expect(r.stack.images().map((i) => [i.name, i.budgetMB])).toEqual([
      ['api', undefined],
      ['worker', 250],
    ]);
    expect(Object.keys(r.files).filter((f) => f.endsWith('Dockerfile'))).toEqual(['backend/Dockerfile']);
  });

  it('rejects bad names, ports, folders and budgets, and a missing requirement from untyped code', () => {
    expect(usage(() => pythonUv('API' as string)).code).toBe('stack/invalid-option');
    expect(usage(() => pythonUv('api', { port: 0 })).code).toBe('stack/invalid-option');
    expect(usage(() => pythonUv('api', { dir: '../elsewhere' })).code).toBe('stack/invalid-option');
    expect(usage(() => pythonUv('api', { budgetMB: -1 })).code).toBe('stack/invalid-budget');
    expect(usage(() => Stack.create().add(pythonUv('api', { env: ['DATABASE_URL'] }) as never)).message).toContain('environment variable "DATABASE_URL"');
  });
});

describe('pythonWorker', () => {
  const base = () => backing().add(pythonUv('api', { dir: 'backend', ci: false }));
  it('runs a stage of another service Dockerfile; with a budget it gets an image job', async () => {
    const b = base();
    const r = synthUnit(pythonWorker('jobs', { from: b.unit('api'), target: 'runtime', command: ['python', '-m', 'app.jobs'], env: ['REDIS_URL'], dependsOn: { redis: 'healthy' }, budgetMB: 250, platforms: ['linux/amd64'] }), { given: b });
    await clean(r);
    expect(compose(r).services['jobs']!['depends_on']).toEqual({ redis: { condition: 'service_healthy' } });
    expect(Object.keys(workflow(r).jobs)).toEqual(['jobs-image']);
    const noBudget = synthUnit(pythonWorker('jobs', { from: b.unit('api'), command: ['python', '-m', 'app.jobs'] }), { given: b });
    expect(Object.keys(noBudget.files)).not.toContain('.github/workflows/ci.yml');
  });

  it("builds with the service's BuildKit secrets too", async () => {
    const b = Stack.create().add(pythonUv('api', { ci: false, buildSecrets: [{ id: 'uv-index-token', env: 'UV_INDEX_PRIVATE_PASSWORD' }] }));
    const r = synthUnit(pythonWorker('worker', { from: b.unit('api'), command: ['python', '-m', 'app.worker'] }), { given: b });
    await clean(r);
    expect(compose(r).services['worker']!['build']).toEqual({ context: './api', dockerfile: 'Dockerfile', target: 'runtime', secrets: ['uv-index-token'] });
  });

  it('rejects a stage the Dockerfile lacks, an empty command and a missing handle', () => {
    const b = base();
    expect(usage(() => pythonWorker('w', { from: b.unit('api'), target: 'runtim' as 'runtime', command: ['x'] })).message).toContain('"runtim" is not a stage of backend/Dockerfile (stages: builder, runtime)');
    expect(usage(() => pythonWorker('w', { from: b.unit('api'), command: [] })).code).toBe('stack/invalid-option');
    expect(usage(() => pythonWorker('w', { from: undefined as never, command: ['x'] })).code).toBe('stack/invalid-option');
  });
});

describe('viteNginx', () => {
  it('builds with node and serves with nginx as non-root; healthcheck, dev watch, CI check and image jobs', async () => {
    const r = synthUnit(viteNginx('web', { budgetMB: 50 }));
    await clean(r);
    const df = r.files['web/Dockerfile']!;
    expect(df).toContain('FROM node:22-slim AS build');
    expect(df).toContain('RUN --mount=type=cache,target=/root/.npm \\\n    npm ci');
    expect(df).toContain('FROM nginx:1.27-alpine AS runtime');
    expect(df).toContain('COPY --from=build --chown=nginx:nginx /app/dist /usr/share/nginx/html');
    expect(df).toMatch(/USER nginx\nEXPOSE 8080\n$/);
    expect((compose(r).services['web']!['healthcheck'] as { test: string[] }).test).toEqual(['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8080/']);
    const dev = compose(r, 'compose.override.yaml').services['web']!;
    expect(dev['ports']).toEqual(['8080:8080']);
    expect((dev['develop'] as { watch: { action: string; path: string }[] }).watch.map((w) => `${w.action} ${w.path}`)).toEqual([
      'rebuild ./web/src',
      'rebuild ./web/index.html',
      'rebuild ./web/package.json',
      'rebuild ./web/package-lock.json',
      'sync+restart ./web/nginx.conf',
    ]);
    const jobs = workflow(r).jobs;
    expect(Object.keys(jobs)).toEqual(['web-check', 'web-image']);
    expect(jobs['web-check']!.steps.map((s) => s['name'] ?? s['uses'] ?? s['run'])).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'Lint', 'Test', 'Build']);
    expect(r.stack.images()).toEqual([{ name: 'web', dockerfile: 'web/Dockerfile', context: 'web', target: 'runtime', budgetMB: 50, job: 'web-image' }]);
  });

  it('options: folder, node and nginx versions, config, output folder, port; waits for its API', async () => {
    const r = synthUnit(viteNginx('web', { dir: 'apps/web', node: '20', nginxImage: 'nginx:1.26-alpine', nginxConf: 'deploy/site.conf', outDir: 'build', port: 3000, dependsOn: { api: 'healthy' }, ci: { lint: false, test: 'npm run test:unit' } }), {
      given: Stack.create().add(pythonUv('api', { ci: false })),
    });
    await clean(r);
    expect(r.files['apps/web/Dockerfile']).toContain('FROM node:20-slim AS build');
    expect(r.files['apps/web/Dockerfile']).toContain('COPY deploy/site.conf /etc/nginx/conf.d/default.conf');
    expect(r.files['apps/web/Dockerfile']).toContain('/app/build /usr/share/nginx/html');
    expect(compose(r).services['web']!['depends_on']).toEqual({ api: { condition: 'service_healthy' } });
    expect(workflow(r).jobs['web-check']!.steps.map((s) => s['name'] ?? s['uses'] ?? s['run'])).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'Test', 'Build']);
  });

  it('rejects a privileged port (nginx runs as a user that is not root)', () => {
    expect(usage(() => viteNginx('web', { port: 80 })).message).toContain('cannot listen on port 80');
  });
});

describe('composeSmoke', () => {
  it('prepares .env with random secrets, starts the stack with --wait, runs the command in a service, cleans up', async () => {
    const r = synthUnit(composeSmoke({ service: 'postgres', command: 'pg_isready -U postgres', needs: ['postgres-setup'] }), {
      given: Stack.create()
        .add(postgres())
        .job('postgres-setup', (j) => j.runsOn('ubuntu-24.04').timeout(5).run('true')),
    });
    await clean(r);
    const smoke = workflow(r).jobs['smoke']!;
    expect(smoke['needs']).toBe('postgres-setup');
    expect(smoke.steps.slice(1)).toEqual([
      { name: 'Prepare .env (random secrets)', run: 'cp .env.example .env\nsed -i "s/^POSTGRES_PASSWORD=\\$/POSTGRES_PASSWORD=$(openssl rand -hex 16)/" .env' },
      { name: 'Start the stack', run: 'docker compose -f compose.yaml up --build --wait --wait-timeout 300' },
      { name: 'Smoke test', run: 'docker compose -f compose.yaml exec -T postgres pg_isready -U postgres' },
      { name: 'Logs', if: 'failure()', run: 'docker compose -f compose.yaml logs --no-color' },
      { name: 'Stop the stack', if: 'always()', run: 'docker compose -f compose.yaml down --volumes' },
    ]);
  });

  it('runs a command on the runner without a service; rejects an empty command', () => {
    const r = synthUnit(composeSmoke({ command: 'curl -fsS http://localhost:8080/', composeFile: 'deploy/compose.yaml', id: 'e2e' }), { given: Stack.create({ compose: 'deploy/compose.yaml' }).add(redis()) });
    expect(r.errors).toEqual([]);
    const steps = workflow(r).jobs['e2e']!.steps;
    expect(steps[1]).toEqual({ name: 'Prepare .env (random secrets)', run: 'cp deploy/.env.example deploy/.env' });
    expect(steps[3]).toEqual({ name: 'Smoke test', run: 'curl -fsS http://localhost:8080/' });
    expect(usage(() => composeSmoke({ command: ' ' })).code).toBe('stack/invalid-option');
  });
});

describe('devstack-kit/testing: outsideValidators', () => {
  it('runs the installed validators and reports what it ran; a broken file is reported', async () => {
    const schema = JSON.parse(readFileSync(join(SHARED_DIR, 'schemas/compose-spec.json'), 'utf8')) as object;
    const r = synthUnit(pythonUv('api'));
    const report = await outsideValidators(r, { composeSchema: schema });
    expect(report.problems).toEqual([]);
    expect([...report.ran].sort()).toEqual(['actionlint', 'compose-spec schema', 'dockerfile-utils']);
    expect(report.unavailable).toEqual([]);
    const broken = await outsideValidators(
      { files: { Dockerfile: 'from alpine:3.20\n', 'ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: nope\n    steps:\n      - run: "true"\n', 'compose.yaml': 'services:\n  a:\n    image: 1\n    bogus: true\n' }, kinds: { Dockerfile: 'dockerfile', 'ci.yml': 'workflow', 'compose.yaml': 'compose' } },
      { composeSchema: schema },
    );
    expect(broken.problems.some((p) => p.startsWith('Dockerfile: dockerfile-utils'))).toBe(true);
    expect(broken.problems.some((p) => p.startsWith('ci.yml: actionlint') && p.includes('nope'))).toBe(true);
    expect(broken.problems.some((p) => p.startsWith('compose.yaml: compose-spec schema'))).toBe(true);
    const noSchema = await outsideValidators(r);
    expect(noSchema.unavailable).toEqual(['compose-spec schema']);
  });
});
