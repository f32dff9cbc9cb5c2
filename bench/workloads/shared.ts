// Building blocks of the benchmark workloads (see bench/README.md).
import { Dockerfile, dockerignorePresets, Workflow } from 'devstack-kit';
import { cacheMount } from 'devstack-kit/dockerfile';
import { checkout, setupPython, setupUv } from 'devstack-kit/workflow';

/** A three-stage Python service image: deps, test, runtime. */
export function pythonService(name: string) {
  return Dockerfile.create()
    .syntax('docker/dockerfile:1')
    .arg('PYTHON_VERSION', '3.13')
    .stage('deps', 'python:${PYTHON_VERSION}-slim', (s) =>
      s
        .workdir('/app')
        .run('pip install uv')
        .copy(['pyproject.toml', 'uv.lock'], './')
        .run('uv sync --frozen --no-install-project', { mounts: [cacheMount('/root/.cache/uv')] }),
    )
    .stage('test', 'deps', (s) => s.copy('.', '.').run('uv run pytest -q'))
    .stage('runtime', 'python:${PYTHON_VERSION}-slim', (s) =>
      s
        .run('useradd --create-home --uid 10001 app')
        .workdir('/app')
        .copyFrom('deps', '/app/.venv', '/app/.venv')
        .copy('.', '/app')
        .env({ SERVICE_NAME: name, PYTHONUNBUFFERED: '1' })
        .user('app')
        .expose(8000)
        .healthcheck(['/app/.venv/bin/python', '-c', 'import urllib.request as u; u.urlopen("http://localhost:8000/health")'], { interval: '10s', timeout: '3s', retries: 3 })
        .cmd(['/app/.venv/bin/uvicorn', `${name}.main:app`, '--host', '0.0.0.0', '--port', '8000']),
    )
    .dockerignore(dockerignorePresets.python());
}

/** A workflow of `jobs` jobs of `steps` steps each, every job with a Python matrix, each needing the one before. */
export function bigWorkflow(index: number, jobs: number, steps: number) {
  let wf = Workflow.create(`Pipeline ${index}`).on({ push: { branches: ['main'] }, pull_request: null }).permissions({ contents: 'read' }) as unknown as Workflow<any, any>;
  for (let j = 0; j < jobs; j++) {
    wf = wf.job(`job-${j}`, (job: any) => {
      let b = job.runsOn('ubuntu-24.04').timeout(20).matrix({ python: ['3.12', '3.13'], os: ['linux'] });
      if (j > 0) b = b.needs(`job-${j - 1}`);
      b = b.step(checkout()).step(({ matrix }: any) => setupPython({ 'python-version': matrix.python })).step(setupUv({ 'enable-cache': true }));
      for (let s = 3; s < steps; s++) b = b.step({ name: `Step ${s} on ${'${{ matrix.os }}'}`, run: `uv run task-${s} --shard ${j}` });
      return b;
    });
  }
  return wf;
}
