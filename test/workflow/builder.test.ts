import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { buildPush, checkout, dependencyCache, dockerLogin, dockerMetadata, ghaLayerCache, setupBuildx, setupNode, setupPython, setupUv, uploadArtifact } from '../../src/workflow/actions/index.js';
import { Action } from '../../src/workflow/action-builder.js';
import { Workflow } from '../../src/workflow/builder.js';
import { expr } from '../../src/workflow/expressions.js';
import { workflowKind } from '../../src/workflow/index.js';
import { parseAction, parseWorkflow } from '../../src/workflow/parse.js';
import { uses } from '../../src/workflow/steps.js';
import { npmProject, uvProject } from '../../src/workflow/presets.js';
import { synthAction, synthWorkflow } from '../../src/workflow/synth.js';
import { actionlint, checkAction, checkWorkflow } from '../helpers/oracles/workflow.js';

/** Synth, check with every outside validator, and check that parsing gives the model back. */
async function verified(w: { toString(): string; toModel(): unknown }): Promise<string> {
  const text = w.toString();
  expect(await checkWorkflow(text)).toEqual([]);
  const back = parseWorkflow(text);
  expect(back.issues).toEqual([]);
  expect(synthWorkflow(back.model!)).toBe(text);
  expect(back.model).toEqual(w.toModel()); // the file reads back as the very model
  return text;
}

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n'); // compile the wasm once
});

const SEED = `name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Setup Python
        uses: actions/setup-python@v5
        with:
          python-version: '3.13'
      - name: Install deps
        run: pip install uv && uv sync
      - name: Run tests
        run: uv run pytest
      - name: Type check
        run: uv run mypy .
`;

describe('Workflow builder', () => {
  it('expresses the seed workflow exactly', async () => {
    const ci = Workflow.create('CI')
      .on(['push', 'pull_request'])
      .job('test', (j) =>
        j
          .runsOn('ubuntu-latest')
          .step(checkout())
          .step(setupPython({ 'python-version': '3.13' }, { name: 'Setup Python' }))
          .step({ name: 'Install deps', run: 'pip install uv && uv sync' })
          .step({ name: 'Run tests', run: 'uv run pytest' })
          .step({ name: 'Type check', run: 'uv run mypy .' }),
      );
    const text = await verified(ci);
    expect(parseYaml(text).data).toEqual(parseYaml(SEED).data);
    expect(text).toBe(`name: CI
on:
  - push
  - pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Setup Python
        uses: actions/setup-python@v5
        with:
          python-version: '3.13'
      - name: Install deps
        run: pip install uv && uv sync
      - name: Run tests
        run: uv run pytest
      - name: Type check
        run: uv run mypy .
`);
  });

  it('expresses what the brief asks beyond it: cached deps, parallel test + lint + typecheck, a Python matrix', async () => {
    const ci = Workflow.create('CI')
      .on({ push: { branches: ['main'] }, pull_request: null })
      .permissions({ contents: 'read' })
      .concurrency({ group: `ci-${expr.github.ref}`, 'cancel-in-progress': true })
      .job('test', (j) =>
        j
          .runsOn('ubuntu-latest')
          .timeout(15)
          .matrix({ python: ['3.12', '3.13'] })
          .step(checkout())
          .step(({ matrix }) => setupPython({ 'python-version': matrix.python }, { name: 'Setup Python' }))
          .step(setupUv({ 'enable-cache': true, 'cache-dependency-glob': 'uv.lock' }))
          .step({ name: 'Install deps', run: 'uv sync --frozen' })
          .step({ name: 'Run tests', run: 'uv run pytest' }),
      )
      .job('lint', (j) =>
        j.runsOn('ubuntu-latest').timeout(10).step(checkout()).step(dependencyCache('uv')).step({ run: 'pip install uv && uv sync' }).step({ run: 'uv run ruff check .' }),
      )
      .job('typecheck', (j) =>
        j.runsOn('ubuntu-latest').timeout(10).step(checkout()).step(setupPython({ 'python-version': '3.13', cache: 'pip' })).step({ run: 'pip install uv && uv sync' }).step({ run: 'uv run mypy .' }),
      );
    const text = await verified(ci);
    const data = parseYaml(text).data as any;
    expect(Object.keys(data.jobs)).toEqual(['test', 'lint', 'typecheck']);
    expect(data.jobs.test.strategy.matrix.python).toEqual(['3.12', '3.13']);
    expect(data.jobs.test.steps[1].with['python-version']).toBe('${{ matrix.python }}');
    expect(data.jobs.lint.steps[1]).toEqual({
      name: 'Cache uv',
      uses: 'actions/cache@v4',
      with: { path: '~/.cache/uv', key: "${{ runner.os }}-uv-${{ hashFiles('**/uv.lock') }}", 'restore-keys': '${{ runner.os }}-uv-' },
    });
    expect(text).toContain("        python:\n          - '3.12'\n          - '3.13'\n");
  });

  it('reads nicely with presets: the brief\'s pipeline in a few lines', async () => {
    const ci = Workflow.create('CI')
      .on(['push', 'pull_request'])
      .permissions({ contents: 'read' })
      .job('test', (j) => j.runsOn('ubuntu-latest').timeout(15).matrix({ python: ['3.12', '3.13'] }).$call(uvProject({ python: expr.matrix('python') })).run('uv run pytest'))
      .job('lint', (j) => j.runsOn('ubuntu-latest').timeout(10).$call(uvProject()).run('uv run ruff check .'))
      .job('typecheck', (j) => j.runsOn('ubuntu-latest').timeout(10).$call(uvProject()).run('uv run mypy .'))
      .job('web', (j) => j.runsOn('ubuntu-latest').timeout(10).$call(npmProject()).run('npm test'));
    const data = parseYaml(await verified(ci)).data as any;
    expect(data.jobs.test.steps.map((s: any) => s.uses ?? s.run)).toEqual([
      'actions/checkout@v4', 'actions/setup-python@v5', 'astral-sh/setup-uv@v6', 'uv sync --frozen', 'uv run pytest',
    ]);
    expect(data.jobs.web.steps[1]).toEqual({ uses: 'actions/setup-node@v4', with: { 'node-version': '22', cache: 'npm' } });
  });

  it('npmProject({ lock }) keys the npm cache by a lock file outside the root (setup-node looks only at the root)', async () => {
    const ci = Workflow.create('CI')
      .on(['push'])
      .permissions({ contents: 'read' })
      .job('api', (j) =>
        j.runsOn('ubuntu-latest').timeout(10).matrix({ app: ['api', 'web'] }).defaults({ 'working-directory': expr.matrix('app') })
          .$call(npmProject({ lock: `${expr.matrix('app')}/package-lock.json` })).run('npm test'));
    const data = parseYaml(await verified(ci)).data as any;
    expect(data.jobs.api.steps[1]).toEqual({
      uses: 'actions/setup-node@v4',
      with: { 'node-version': '22', cache: 'npm', 'cache-dependency-path': '${{ matrix.app }}/package-lock.json' },
    });
    // an expression is accepted as the job's working directory (and written as one)
    expect(data.jobs.api.defaults).toEqual({ run: { 'working-directory': '${{ matrix.app }}' } });
  });

  it('builds and pushes an image with Docker layer caching, wiring job outputs into needs', async () => {
    const w = Workflow.create('Docker')
      .on({ push: { branches: ['main'], tags: ['v*.*.*'] } })
      .permissions({ contents: 'read', packages: 'write' })
      .job('build', (j) =>
        j
          .runsOn('ubuntu-latest')
          .timeout(30)
          .step(checkout())
          .step(setupBuildx())
          .step(dockerLogin({ registry: 'ghcr.io', username: expr.github.actor, password: expr.secrets.GITHUB_TOKEN }))
          .step('meta', dockerMetadata({ images: 'ghcr.io/acme/api', tags: ['type=ref,event=branch', 'type=semver,pattern={{version}}'] }))
          .step('push', ({ steps }) => buildPush({ context: '.', push: true, tags: steps.meta.outputs.tags, labels: steps.meta.outputs.labels, ...ghaLayerCache({ scope: 'api' }) }))
          .outputs(({ steps }) => ({ digest: steps.push.outputs.digest, tags: steps.meta.outputs.tags })),
      )
      .job('deploy', (j) =>
        j
          .runsOn('ubuntu-latest')
          .timeout(10)
          .environment({ name: 'production', url: 'https://example.com' })
          .step(({ needs }) => ({ name: 'Deploy', run: 'echo "deploying $DIGEST"', env: { DIGEST: needs.build.outputs.digest } })),
      );
    const text = await verified(w);
    const data = parseYaml(text).data as any;
    expect(data.jobs.deploy.needs).toBe('build'); // added by the reference
    expect(data.jobs.build.steps[4].with['cache-from']).toBe('type=gha,scope=api');
    expect(data.jobs.build.steps[4].with['cache-to']).toBe('type=gha,mode=max,scope=api');
    expect(data.jobs.build.steps[3].with.tags).toBe('type=ref,event=branch\ntype=semver,pattern={{version}}');
    expect(data.jobs.build.outputs).toEqual({ digest: '${{ steps.push.outputs.digest }}', tags: '${{ steps.meta.outputs.tags }}' });
  });

  it('writes reusable workflows and calls to them, with inputs, secrets and outputs', async () => {
    const reusable = Workflow.create('Build')
      .onCall({
        inputs: { image: { type: 'string', required: true }, push: { type: 'boolean', default: false } },
        secrets: { token: { required: true } },
        outputs: { digest: { description: 'image digest', value: '${{ jobs.build.outputs.digest }}' } },
      })
      .job('build', (j) =>
        j
          .runsOn('ubuntu-latest')
          .timeout(20)
          .step(checkout())
          .step('push', ({ inputs }) => buildPush({ context: '.', push: inputs.push, tags: inputs.image }))
          .outputs(({ steps }) => ({ digest: steps.push.outputs.digest })),
      );
    await verified(reusable);

    const caller = Workflow.create('Release')
      .on({ release: { types: ['published'] } })
      .permissions({ contents: 'read', packages: 'write' })
      .job('build', (j) => j.uses<'digest'>('./.github/workflows/build.yml', { with: { image: 'ghcr.io/acme/api', push: true }, secrets: 'inherit' }))
      .job('announce', (j) => j.runsOn('ubuntu-latest').timeout(5).step(({ needs }) => ({ run: 'echo "$D"', env: { D: needs.build.outputs.digest } })));
    const text = await verified(caller);
    const data = parseYaml(text).data as any;
    expect(data.jobs.build).toEqual({ uses: './.github/workflows/build.yml', with: { image: 'ghcr.io/acme/api', push: true }, secrets: 'inherit' });
    expect(data.jobs.announce.needs).toBe('build');

    // the typed form: inputs and outputs come from the reusable workflow's builder
    const typed = Workflow.create('Release')
      .on({ release: { types: ['published'] } })
      .permissions({ contents: 'read', packages: 'write' })
      .job('build', (j) => j.call('./.github/workflows/build.yml', reusable, { with: { image: 'ghcr.io/acme/api', push: true }, secrets: 'inherit' }))
      .job('announce', (j) => j.runsOn('ubuntu-latest').timeout(5).step(({ needs }) => ({ run: 'echo "$D"', env: { D: needs.build.outputs.digest } })));
    expect(await verified(typed)).toBe(text);
  });

  it('writes big and fromJSON matrices, services, containers and dispatch inputs', async () => {
    const w = Workflow.create('Matrix')
      .onDispatch({ level: { type: 'choice', options: ['quick', 'full'], default: 'quick', description: 'how much' }, debug: { type: 'boolean' } })
      .onSchedule('30 5 * * 1-5')
      .defaults({ shell: 'bash' })
      .env({ CI: 'true' })
      .job('plan', (j) =>
        j.runsOn('ubuntu-latest').timeout(5).step('set', { run: 'echo \'targets=["a","b"]\' >> "$GITHUB_OUTPUT"', outputs: ['targets'] }).outputs(({ steps }) => ({ targets: steps.set.outputs.targets })),
      )
      .job('build', (j) =>
        j
          .timeout(30)
          .strategy({ 'fail-fast': false, 'max-parallel': 4 })
          .matrix({
            os: ['ubuntu-latest', 'macos-latest', 'windows-latest'],
            node: [20, 22],
            include: [{ os: 'ubuntu-latest', node: 22, coverage: true }],
            exclude: [{ os: 'macos-latest', node: 20 }],
          })
          // expr.matrix('os') is accepted once the matrix declares `os`
          .runsOn(expr.matrix('os'))
          .step(checkout())
          .step(({ matrix }) => setupNode({ 'node-version': matrix.node, cache: 'npm' }))
          .step({ run: 'npm ci' })
          .step(({ matrix }) => ({ if: matrix.coverage, run: 'npm test -- --coverage' }))
          .step(({ matrix }) => uploadArtifact({ name: `coverage-${matrix.os}`, path: 'coverage/' }, { if: matrix.coverage.eq(true) })),
      )
      .job('fan', (j) =>
        j
          .runsOn('ubuntu-latest')
          .timeout(10)
          .matrix<'target'>(({ needs }) => expr.fromJSON(needs.plan.outputs.targets))
          .step(({ matrix, inputs }) => ({ run: `echo "${matrix.target}" "${inputs.level}"` })),
      )
      .job('integration', (j) =>
        j
          .runsOn('ubuntu-latest')
          .timeout(20)
          .needs('build')
          .container({ image: 'node:22', options: '--cpus 1' })
          .services({ postgres: { image: 'postgres:16', env: { POSTGRES_PASSWORD: 'postgres' }, ports: ['5432:5432'], options: '--health-cmd pg_isready --health-interval 10s' } })
          .step({ run: 'npm run test:integration', env: { DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/postgres' } }),
      );
    const text = await verified(w);
    const data = parseYaml(text).data as any;
    expect(data.jobs.fan.needs).toBe('plan');
    expect(data.jobs.fan.strategy.matrix).toBe('${{ fromJSON(needs.plan.outputs.targets) }}');
    expect(data.jobs.build.strategy.matrix.include).toEqual([{ os: 'ubuntu-latest', node: 22, coverage: true }]);
    expect(data.on.schedule).toEqual([{ cron: '30 5 * * 1-5' }]);
  });

  it('run() is shorthand for a run step; secrets() and vars() write nothing', async () => {
    const w = Workflow.create('R').on('push').permissions({}).secrets('TOKEN').vars('REGION')
      .job('t', (j) => j.runsOn('ubuntu-latest').timeout(5).run('make test', { name: 'Test' }).step(({ vars }) => ({ run: `echo "${vars.REGION}"` })));
    const data = parseYaml(await verified(w)).data as any;
    expect(data.jobs.t.steps).toEqual([{ name: 'Test', run: 'make test' }, { run: 'echo "${{ vars.REGION }}"' }]);
    expect(Object.keys(data)).toEqual(['name', 'on', 'permissions', 'jobs']);
  });

  it('writes `on` in the form given, and merges later calls', () => {
    const on = (w: Workflow) => w.toModel().on;
    expect(on(Workflow.create('a').on('push'))).toBe('push');
    expect(on(Workflow.create('a').on(['push']))).toEqual(['push']);
    expect(on(Workflow.create('a').on('push').on('pull_request'))).toEqual(['push', 'pull_request']);
    expect(on(Workflow.create('a').on(['push']).on({ pull_request: { branches: ['main'] } }))).toEqual({ push: null, pull_request: { branches: ['main'] } });
    expect(on(Workflow.create('a').on('push').onSchedule('0 0 * * *', { cron: '0 12 * * *', timezone: 'Europe/Berlin' }))).toEqual({
      push: null,
      schedule: [{ cron: '0 0 * * *' }, { cron: '0 12 * * *', timezone: 'Europe/Berlin' }],
    });
  });

  it('is immutable: a base forks into variants', () => {
    const base = Workflow.create('CI').on('push');
    const a = base.job('a', (j) => j.runsOn('ubuntu-latest').step({ run: 'true' }));
    const b = base.job('b', (j) => j.runsOn('ubuntu-latest').step({ run: 'true' }));
    expect(Object.keys(base.toModel().jobs)).toEqual([]);
    expect(Object.keys(a.toModel().jobs)).toEqual(['a']);
    expect(Object.keys(b.toModel().jobs)).toEqual(['b']);
    expect(Object.isFrozen(a)).toBe(false); // the class instance, but its state is private and frozen
    const m = a.toModel();
    (m.jobs as any).a['runs-on'] = 'changed';
    expect((a.toModel().jobs as any).a['runs-on']).toBe('ubuntu-latest');
  });

  it('never freezes or keeps the caller\'s objects', () => {
    const raw = { nested: { a: 1 } };
    const services = { db: { image: 'postgres:16', env: { A: '1' } } };
    const matrix = { v: ['1', '2'] };
    const w = Workflow.create('X').on('push').job('j', (j) => j.runsOn('x').services(services).matrix(matrix).step({ run: 'true', $raw: raw }));
    expect(Object.isFrozen(raw.nested)).toBe(false);
    expect(Object.isFrozen(services.db)).toBe(false);
    matrix.v.push('3');
    expect((w.toModel().jobs.j as any).strategy.matrix.v).toEqual(['1', '2']);
  });

  it('brands, $if, $call and $raw', async () => {
    const w = Workflow.create('X')
      .on('push')
      .$if(true, (x) => x.permissions('read-all'))
      .$if(false, (x) => x.permissions('write-all'))
      .$call((x) => x.env({ A: '1' }))
      .$raw({ env: { FROM_RAW: 'yes' }, 'run-name': 'raw run' })
      .job('j', (j) => j.runsOn('ubuntu-latest').timeout(5).$raw({ 'continue-on-error': true }).step({ run: 'true', $raw: { 'timeout-minutes': 2 } }));
    expect(Workflow.isWorkflow(w)).toBe(true);
    expect(Workflow.isWorkflow({})).toBe(false);
    const text = w.toString();
    expect(await checkWorkflow(text)).toEqual([]);
    const data = parseYaml(text).data as any;
    expect(data.permissions).toBe('read-all');
    expect(data.env).toEqual({ A: '1', FROM_RAW: 'yes' });
    expect(data['run-name']).toBe('raw run');
    expect(data.jobs.j['continue-on-error']).toBe(true);
    expect(data.jobs.j.steps[0]['timeout-minutes']).toBe(2);
    // and keys the model does not know at all are written as given (validators would reject these)
    const future = Workflow.create('X').on('push').$raw({ 'x-future': { enabled: true } }).job('j', (j) => j.runsOn('x').$raw({ 'future-key': 1 }).step({ run: 'true', $raw: { 'step-key': 'x' } }));
    const fdata = parseYaml(future.toString()).data as any;
    expect(fdata['x-future']).toEqual({ enabled: true });
    expect(fdata.jobs.j['future-key']).toBe(1);
    expect(fdata.jobs.j.steps[0]['step-key']).toBe('x');
  });

  it('a workflow without triggers is reported by validation, not filled in', () => {
    const model = Workflow.create('X').job('a', (j) => j.runsOn('ubuntu-latest').timeout(1).step({ run: 'true' })).toModel();
    expect(workflowKind.validate(model, { file: 'x.yml' })).toEqual([
      expect.objectContaining({ code: 'workflow/schema/invalid-type', path: ['on'], message: expect.stringMatching(/received nothing/) }),
    ]);
  });

  it('throws at once on misuse', () => {
    const w = Workflow.create('X').on('push').job('a', (j) => j.runsOn('x').step({ run: 'true' }));
    expect(() => w.job('a' as string, (j) => j)).toThrow(/workflow\/duplicate-job/);
    expect(() => w.job('bad id', (j) => j)).toThrow(/workflow\/invalid-job-id/);
    expect(() => Workflow.create('')).toThrow(/workflow\/empty-name/);
    expect(() => uses('actions/checkout')).toThrow(/workflow\/unversioned-action/);
    expect(Workflow.parse('on: [').parseIssues.map((i) => i.code)).toEqual(['core/yaml-syntax']);
    expect(() => Workflow.parse(5 as never)).toThrow(/core\/invalid-argument/);
    // what GitHub and actionlint reject: an empty run:, env names with =, & or spaces
    expect(() => w.job('b', (j) => j.runsOn('x').run(''))).toThrow(/workflow\/empty-run/);
    expect(() => w.job('b', (j) => j.runsOn('x').step({ run: '  \n' }))).toThrow(/workflow\/empty-run/);
    for (const key of ['', 'LOG LEVEL', 'A=B', 'A&B']) {
      expect(() => w.env({ [key]: '1' }), key).toThrow(/workflow\/invalid-env-name/);
      expect(() => w.job('b', (j) => j.runsOn('x').env({ [key]: '1' })), key).toThrow(/workflow\/invalid-env-name/);
      expect(() => w.job('b', (j) => j.runsOn('x').step({ run: 'true', env: { [key]: '1' } })), key).toThrow(/workflow\/invalid-env-name/);
    }
    expect(w.env({ LOG_LEVEL: 'debug', 'my-var': 'x' }).toModel().env).toEqual({ LOG_LEVEL: 'debug', 'my-var': 'x' });
  });

  it('pins actions by SHA with the tag in a comment, and reads that back', async () => {
    const sha = '11bd71901bbe5b1630ceea73d27597364c9af683';
    const w = Workflow.create('P').on('push').permissions({}).pin('sha', { 'actions/checkout@v4': sha })
      .job('a', (j) => j.runsOn('ubuntu-latest').timeout(5).step(checkout()).step({ run: 'true' }));
    const text = await verified(w);
    expect(text).toContain(`      - uses: actions/checkout@${sha} # v4\n`);
    const back = Workflow.parse(text).toModel();
    expect((back.jobs.a as any).steps[0].uses).toBe('actions/checkout@v4');
    expect(back.$pinning).toEqual({ policy: 'sha', shas: { 'actions/checkout@v4': sha } });
  });

  it('reads a workflow into a builder and extends it', async () => {
    const w = Workflow.parse(SEED).job('lint', (j) => j.runsOn('ubuntu-latest').needs('test').step({ run: 'echo lint' }));
    const data = parseYaml(await verified(w)).data as any;
    expect(data.jobs.lint.needs).toBe('test');
    expect(data.jobs.test.steps).toHaveLength(5);
  });
});

describe('Action builder (composite actions)', () => {
  it('builds a composite action that the validators accept, and reads it back', async () => {
    const a = Action.create('Setup Python project', 'Install uv and sync dependencies')
      .input('python-version', { description: 'Python version', default: '3.13' })
      .step(({ inputs }) => setupPython({ 'python-version': inputs['python-version'] }))
      .step(setupUv({ 'enable-cache': true }))
      .step('sync', { run: 'uv sync --frozen && echo "venv=.venv" >> "$GITHUB_OUTPUT"', outputs: ['venv'] })
      .outputs(({ steps }) => ({ venv: { description: 'the virtualenv', value: steps.sync.outputs.venv } }));
    const text = a.toString();
    expect(await checkAction(text)).toEqual([]);
    const data = parseYaml(text).data as any;
    expect(data.runs.steps[2]).toEqual({ id: 'sync', run: 'uv sync --frozen && echo "venv=.venv" >> "$GITHUB_OUTPUT"', shell: 'bash' });
    expect(data.outputs.venv.value).toBe('${{ steps.sync.outputs.venv }}');
    const back = parseAction(text);
    expect(back.issues).toEqual([]);
    expect(synthAction(back.model!)).toBe(text);
    expect(Action.isAction(a)).toBe(true);
    expect(Action.parse(text).toString()).toBe(text);
  });

  it('pins its actions by SHA too', async () => {
    const sha = '6b9c6063abd6010835644d4c2e1bef4cf5cd0fca';
    const a = Action.create('Setup', 'Install uv').pin('sha', { 'astral-sh/setup-uv@v6': sha }).step(setupUv()).step({ run: 'uv sync' });
    const text = a.toString();
    expect(text).toContain(`    - uses: astral-sh/setup-uv@${sha} # v6\n`);
    expect(await checkAction(text)).toEqual([]);
    expect(parseAction(text).model?.$pinning).toEqual({ policy: 'sha', shas: { 'astral-sh/setup-uv@v6': sha } });
  });
});
