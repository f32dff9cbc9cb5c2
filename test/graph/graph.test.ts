import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.js';
import { Compose, Dockerfile, Workflow } from '../../src/index.js';
import { findNode, focusGraph, jobBuilds, matrixSize, stackGraph, type GraphEntry, type ServiceDetails, type StackGraph } from '../../src/graph/index.js';
import { EXAMPLES, exampleApp, expectedGraph, scaleApp } from './apps.js';

const edgeList = (g: StackGraph) => g.edges.map((e) => `${e.kind} ${e.from} -> ${e.to}${e.kind === 'depends_on' ? ` (${e.label})` : ''}`);

describe('stackGraph on examples/seed', async () => {
  const g = stackGraph((await exampleApp('seed')).entries());

  it('has a node per stage, service and job, in file order, clustered per file', () => {
    expect(g.clusters.map((c) => `${c.kind} ${c.file}`)).toEqual(['dockerfile backend/Dockerfile', 'dockerfile frontend/Dockerfile', 'compose compose.yaml', 'workflow .github/workflows/ci.yml']);
    expect(g.nodes.map((n) => n.id)).toEqual([
      'backend/Dockerfile:builder', 'backend/Dockerfile:runtime', 'frontend/Dockerfile:build', 'frontend/Dockerfile:runtime',
      'compose.yaml:postgres', 'compose.yaml:redis', 'compose.yaml:nats', 'compose.yaml:api', 'compose.yaml:worker', 'compose.yaml:frontend',
      '.github/workflows/ci.yml:api-test', '.github/workflows/ci.yml:api-lint', '.github/workflows/ci.yml:api-typecheck', '.github/workflows/ci.yml:api-image',
      '.github/workflows/ci.yml:worker-image', '.github/workflows/ci.yml:frontend-check', '.github/workflows/ci.yml:frontend-image', '.github/workflows/ci.yml:smoke',
    ]);
  });

  it('has every edge: COPY --from, build targets, depends_on with conditions, needs, and the images jobs build', () => {
    expect(edgeList(g).sort()).toEqual([
      'build compose.yaml:api -> backend/Dockerfile:runtime',
      'build compose.yaml:frontend -> frontend/Dockerfile:runtime',
      'build compose.yaml:worker -> backend/Dockerfile:runtime',
      'builds-image .github/workflows/ci.yml:api-image -> backend/Dockerfile:runtime',
      'builds-image .github/workflows/ci.yml:frontend-image -> frontend/Dockerfile:runtime',
      'builds-image .github/workflows/ci.yml:worker-image -> backend/Dockerfile:runtime',
      'copy-from backend/Dockerfile:runtime -> backend/Dockerfile:builder',
      'copy-from frontend/Dockerfile:runtime -> frontend/Dockerfile:build',
      'depends_on compose.yaml:api -> compose.yaml:nats (service_healthy)',
      'depends_on compose.yaml:api -> compose.yaml:postgres (service_healthy)',
      'depends_on compose.yaml:api -> compose.yaml:redis (service_healthy)',
      'depends_on compose.yaml:frontend -> compose.yaml:api (service_healthy)',
      'depends_on compose.yaml:worker -> compose.yaml:nats (service_healthy)',
      'needs .github/workflows/ci.yml:api-image -> .github/workflows/ci.yml:api-test',
      'needs .github/workflows/ci.yml:frontend-image -> .github/workflows/ci.yml:frontend-check',
    ]);
  });

  it('gives services their image or build, healthcheck, ports and watch actions (the override file merged in), and jobs their matrix size', () => {
    const api = findNode(g, 'api').details as ServiceDetails;
    expect(api).toMatchObject({ build: { context: 'backend', dockerfile: 'backend/Dockerfile', target: 'runtime' }, healthcheck: true, ports: ['8000:8000'], override: 'compose.override.yaml' });
    expect(api.watch.map((w) => w.action)).toEqual(['sync', 'rebuild', 'rebuild', 'sync+restart']);
    expect(findNode(g, 'postgres').details).toMatchObject({ image: 'postgres:15', healthcheck: true, ports: ['127.0.0.1:5555:5432'], watch: [] });
    expect(findNode(g, 'worker').details).toMatchObject({ healthcheck: false, ports: [] });
    expect(findNode(g, 'api-test').details).toMatchObject({ kind: 'job', matrix: 2, runsOn: 'ubuntu-24.04' });
    expect(findNode(g, 'api-lint').details).not.toHaveProperty('matrix');
    expect(findNode(g, 'api-image').details).toMatchObject({ builds: [{ context: 'backend', file: 'backend/Dockerfile', target: 'runtime' }] });
  });
});

describe.each(EXAMPLES)('stackGraph on examples/%s', (name) => {
  it('has exactly the nodes and edges the App models hold', async () => {
    const app = await exampleApp(name);
    const g = stackGraph(app.entries());
    const want = expectedGraph(app.entries());
    expect(new Set(g.nodes.map((n) => n.id))).toEqual(want.nodes);
    expect(g.nodes).toHaveLength(want.nodes.size);
    expect(g.edges.map((e) => `${e.kind} ${e.from} -> ${e.to}`).sort()).toEqual([...want.edges].sort());
    expect(g.clusters).toHaveLength(want.clusters);
  });
});

describe('stackGraph on the scale workload (bench W2)', () => {
  it('has 1,800 nodes (600 stages, 200 services, 1,000 jobs) and exactly the edges the models hold', async () => {
    const app = await scaleApp();
    const g = stackGraph(app.entries());
    const want = expectedGraph(app.entries());
    expect(g.nodes).toHaveLength(1800);
    expect(new Set(g.nodes.map((n) => n.id))).toEqual(want.nodes);
    expect(g.edges.map((e) => `${e.kind} ${e.from} -> ${e.to}`).sort()).toEqual([...want.edges].sort());
    // 400 between stages, 200 build targets, 199 depends_on, 50 × 19 needs
    expect(g.edges).toHaveLength(400 + 200 + 199 + 950);
  });
});

function small(): GraphEntry[] {
  const app = new App();
  const df = app.dockerfile(
    'svc/Dockerfile',
    Dockerfile.create()
      .stage('deps', 'python:3.13-slim', (s) => s.run('pip install uv'))
      .stage('test', 'deps', (s) => s.run('pytest'))
      .stage('runtime', 'python:3.13-slim', (s) => s.copyFrom('deps', '/venv', '/venv').healthcheck(['true'])),
  );
  app.compose(
    'compose.yaml',
    Compose.create()
      .service('db', (s) => s.image('postgres:16').healthcheck({ test: ['CMD', 'pg_isready'] }))
      .service('api', (s) => s.build(df, { target: 'runtime' }).dependsOn('db', { condition: 'service_healthy' }).ports('8000:8000'))
      .service('docs', (s) => s.image('nginx:1.27').dependsOn('api')),
  );
  app.workflow(
    '.github/workflows/ci.yml',
    Workflow.create('CI')
      .on('push')
      .job('test', (j) => j.runsOn('ubuntu-latest').run('make test'))
      .job('image', (j) => j.runsOn('ubuntu-latest').needs('test').step({ name: 'Build', run: 'docker build -f Dockerfile --target test -t svc:ci .', 'working-directory': 'svc' })),
  );
  return app.entries() as GraphEntry[];
}

describe('stackGraph edges', () => {
  const g = stackGraph(small());

  it('FROM <stage>, COPY --from, a service built at a stage with a HEALTHCHECK, and a docker build run line in a working directory', () => {
    expect(edgeList(g).sort()).toEqual([
      'build compose.yaml:api -> svc/Dockerfile:runtime',
      'builds-image .github/workflows/ci.yml:image -> svc/Dockerfile:test',
      'copy-from svc/Dockerfile:runtime -> svc/Dockerfile:deps',
      'depends_on compose.yaml:api -> compose.yaml:db (service_healthy)',
      'depends_on compose.yaml:docs -> compose.yaml:api (service_started)',
      'from svc/Dockerfile:test -> svc/Dockerfile:deps',
      'needs .github/workflows/ci.yml:image -> .github/workflows/ci.yml:test',
    ]);
    expect(findNode(g, 'api').details).toMatchObject({ healthcheck: true, ports: ['8000:8000'] });
    expect(findNode(g, 'docs').details).toMatchObject({ healthcheck: false });
  });

  it('a job that builds the Dockerfile with another context builds another image: no edge', () => {
    const entries = small().map((e) =>
      e.kind === 'workflow'
        ? { ...e, model: { ...(e.model as object), jobs: { image: { 'runs-on': 'x', steps: [{ uses: 'docker/build-push-action@v6', with: { context: 'elsewhere', file: 'svc/Dockerfile' } }] } } } }
        : e,
    );
    expect(stackGraph(entries).edges.filter((e) => e.kind === 'builds-image')).toEqual([]);
  });
});

describe('focusGraph and findNode', () => {
  const g = stackGraph(small());

  it('keeps the node, what it depends on and what depends on it (transitively), and only their clusters', () => {
    const f = focusGraph(g, 'api');
    expect(f.nodes.map((n) => n.id).sort()).toEqual(['compose.yaml:api', 'compose.yaml:db', 'compose.yaml:docs', 'svc/Dockerfile:deps', 'svc/Dockerfile:runtime']);
    expect(f.edges).toHaveLength(4);
    expect(f.clusters.map((c) => c.file)).toEqual(['svc/Dockerfile', 'compose.yaml']);
    // a job: its needs and the stage it builds (and that stage's base), nothing from compose
    expect(focusGraph(g, 'image').nodes.map((n) => n.id).sort()).toEqual(['.github/workflows/ci.yml:image', '.github/workflows/ci.yml:test', 'svc/Dockerfile:deps', 'svc/Dockerfile:test']);
  });

  it('an unknown name is a graph/unknown-node error with the nearest names', () => {
    expect(() => focusGraph(g, 'apj')).toThrow(/graph\/unknown-node: no stage, service or job is named "apj"; did you mean: api\?/);
    expect(() => focusGraph(g, 'runtme')).toThrow(/did you mean: runtime/);
    expect(() => focusGraph(g, 'zzzzzzzzzz')).toThrow(/the stack has deps, test, runtime, db, api, docs, image/);
  });

  it('a name two nodes share is a graph/ambiguous-node error; <file>:<name> picks one', () => {
    expect(() => findNode(g, 'test')).toThrow(/graph\/ambiguous-node: "test" names 2 nodes: svc\/Dockerfile:test \(stage\), \.github\/workflows\/ci\.yml:test \(job\)/);
    expect(findNode(g, 'svc/Dockerfile:test').kind).toBe('stage');
  });
});

describe('matrixSize', () => {
  it('multiplies the value lists', () => {
    expect(matrixSize({ python: ['3.12', '3.13'], os: ['linux', 'macos', 'windows'] })).toBe(6);
    expect(matrixSize(undefined)).toBeUndefined();
  });

  it('is dynamic for an expression', () => {
    expect(matrixSize('${{ fromJSON(needs.plan.outputs.matrix) }}')).toBe('dynamic');
    expect(matrixSize({ python: '${{ fromJSON(inputs.versions) }}' })).toBe('dynamic');
  });

  it('follows GitHub for include and exclude (the examples of GitHub\'s documentation)', () => {
    // "Expanding or adding matrix configurations": 6 jobs
    expect(
      matrixSize({
        fruit: ['apple', 'pear'],
        animal: ['cat', 'dog'],
        include: [{ color: 'green' }, { color: 'pink', animal: 'cat' }, { fruit: 'apple', shape: 'circle' }, { fruit: 'banana' }, { fruit: 'banana', animal: 'cat' }],
      }),
    ).toBe(6);
    // "Excluding matrix configurations": 2 × 3 × 2 = 12, less the 1 + 2 combinations the two entries match
    expect(matrixSize({ os: ['macos-latest', 'windows-latest'], version: [12, 14, 16], environment: ['staging', 'production'], exclude: [{ os: 'macos-latest', version: 12, environment: 'production' }, { os: 'windows-latest', version: 16 }] })).toBe(9);
    // include only
    expect(matrixSize({ include: [{ site: 'a' }, { site: 'b' }] })).toBe(2);
  });
});

describe('jobBuilds', () => {
  it('reads build-push-action inputs and docker build lines; skips expressions and variables', () => {
    expect(
      jobBuilds({
        'runs-on': 'x',
        defaults: { run: { 'working-directory': 'web' } },
        steps: [
          { uses: 'docker/build-push-action@v6', with: { context: 'api' } },
          { uses: 'docker/build-push-action@v6', with: { context: '${{ matrix.dir }}' } },
          { run: 'docker buildx build --target runtime -t web:ci . && docker push web:ci' },
          { run: 'docker build -f "$FILE" .' },
        ],
      }),
    ).toEqual([
      { context: 'api', file: 'api/Dockerfile' },
      { context: 'web', file: 'web/Dockerfile', target: 'runtime' },
    ]);
  });
});
