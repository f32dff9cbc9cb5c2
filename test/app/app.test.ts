import { describe, expect, it } from 'vitest';
import { App, Compose, Dockerfile, dockerignorePresets, SynthError, UsageError, Workflow, type LintConfig } from '../../src/index.js';
import { synthApp, stripMarker } from '../../src/app/testing.js';
import { MARKER } from '../../src/core/yaml.js';
import { composeProblems } from '../helpers/oracles/compose.js';
import { dockerfileProblems } from '../helpers/oracles/dockerfile.js';
import { checkWorkflow } from '../helpers/oracles/workflow.js';

const df = () =>
  Dockerfile.create()
    .stage('build', 'node:22-slim', (s) => s.workdir('/src').copy(['package.json', 'package-lock.json'], './').run('npm ci').copy('.', '.').run('npm run build'))
    .stage('runtime', 'node:22-slim', (s) => s.workdir('/app').copyFrom('build', '/src/dist', './dist').user('node').cmd(['node', 'dist/index.js']))
    .dockerignore(dockerignorePresets.node());

describe('App', () => {
  it('places files, links a compose build to the Dockerfile it builds, and every file passes its validator', async () => {
    const app = new App();
    const web = app.dockerfile('services/web/Dockerfile', df());
    expect(web.context).toBe('services/web');
    expect(web.stages).toEqual(['build', 'runtime']);
    app.compose('deploy/compose.yaml', Compose.create().service('web', (s) => s.build(web, { target: 'runtime' })));
    app.workflow('.github/workflows/ci.yml', Workflow.create('CI').on('push').permissions({ contents: 'read' }).job('test', (j) => j.runsOn('ubuntu-24.04').timeout(10).step({ run: 'npm test' })));
    const { files } = app.synth();
    expect(Object.keys(files)).toEqual(['services/web/Dockerfile', 'deploy/compose.yaml', '.github/workflows/ci.yml', 'services/web/.dockerignore']);
    // the compose file lives in deploy/, so the context is relative to it
    expect(files['deploy/compose.yaml']).toContain('      context: ../services/web\n      dockerfile: Dockerfile\n      target: runtime\n');
    for (const [path, text] of Object.entries(files)) expect(text.split('\n').includes(`# ${MARKER}`), path).toBe(true);
    expect(dockerfileProblems(files['services/web/Dockerfile']!)).toEqual([]);
    expect(composeProblems(files['deploy/compose.yaml']!)).toEqual([]);
    expect(await checkWorkflow(files['.github/workflows/ci.yml']!)).toEqual([]);
  });

  it('a HEALTHCHECK in the built target stage lets another service wait for service_healthy (typed and at run time)', async () => {
    const app = new App();
    const api = app.dockerfile(
      'api/Dockerfile',
      Dockerfile.create()
        .stage('runtime', 'node:22-slim', (s) => s.workdir('/app').user('node').healthcheck(['node', 'health.js'], { interval: '10s' }).cmd(['node', 'index.js']))
        .dockerignore(dockerignorePresets.node()),
    );
    // compiles without a compose healthcheck: the type knows the runtime stage has one
    app.compose('compose.yaml', Compose.create()
      .service('api', (s) => s.build(api, { target: 'runtime' }))
      .service('web', (s) => s.image('nginx:1.27-alpine').dependsOn('api', { condition: 'service_healthy' })));
    const { files, issues } = app.synth();
    expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(await composeProblems(files['compose.yaml']!)).toEqual([]);
    expect(files['compose.yaml']).toContain('      api:\n        condition: service_healthy\n');
  });

  it('writes one .dockerignore per Dockerfile when two share a build context', () => {
    const app = new App();
    app.dockerfile('api.Dockerfile', df(), { context: '.' });
    app.dockerfile('worker.Dockerfile', df(), { context: '.' });
    const paths = Object.keys(app.synth().files);
    expect(paths).toContain('api.Dockerfile.dockerignore');
    expect(paths).toContain('worker.Dockerfile.dockerignore');
    expect(paths).not.toContain('.dockerignore');
  });

  it('is pure: the same App gives the same bytes', () => {
    const make = () => {
      const app = new App();
      const ref = app.dockerfile('Dockerfile', df());
      app.compose('compose.yaml', Compose.create().service('web', (s) => s.build(ref, { target: 'runtime' })));
      return app;
    };
    expect(make().synth()).toEqual(make().synth());
    const app = make();
    expect(app.synth()).toEqual(app.synth());
  });

  it('validates every file before rendering any, and throws one SynthError listing all errors of all files', () => {
    const app = new App();
    app.add('dockerfile', 'Dockerfile', { stages: [] } as never);
    app.compose('compose.yaml', Compose.parse('services:\n  api:\n    image: api:1.0\n    depends_on: [db]\n    healthcheck:\n      test: [CMD, "true"]\n      interval: 10\n'));
    app.workflow('.github/workflows/ci.yml', Workflow.parse('name: CI\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    needs: [nope]\n    steps:\n      - run: echo hi\n'));
    let error: unknown;
    try {
      app.synth();
    } catch (e) {
      error = e;
    }
    expect(SynthError.isSynthError(error)).toBe(true);
    const errors = (error as SynthError).issues.filter((i) => i.severity === 'error');
    const files = new Set(errors.map((i) => i.file));
    expect([...files].sort()).toEqual(['.github/workflows/ci.yml', 'Dockerfile', 'compose.yaml']);
    expect(errors.map((i) => i.code)).toEqual(expect.arrayContaining(['compose/schema/invalid-duration', 'compose/unknown-service']));
    expect((error as Error).message).toMatch(/^\d+ problems stop synth:\n✖ /);
    expect((error as Error).message).toContain('✖ compose.yaml → services.api.healthcheck.interval: expected a duration like "10s", received 10 [compose/schema/invalid-duration]');
  });

  it('applies lint severities and suppressions, and rejects suppressions without a reason or unknown codes', () => {
    const rooted = () => Dockerfile.create().stage('app', 'alpine:3.20', (s) => s.cmd(['sh'])).dockerignore(dockerignorePresets.seed());
    const codes = (app: App) => app.validate().map((i) => `${i.severity}:${i.code}`);
    const plain = new App();
    plain.dockerfile('Dockerfile', rooted());
    expect(codes(plain)).toContain('warning:docker/root-user');

    const strict = new App({ lint: { severity: { 'docker/root-user': 'error' } } });
    strict.dockerfile('Dockerfile', rooted());
    expect(() => strict.synth()).toThrow(/docker\/root-user/);

    const off = new App({ lint: { severity: { 'docker/root-user': 'off' } } });
    off.dockerfile('Dockerfile', rooted());
    expect(codes(off)).not.toContain('warning:docker/root-user');

    const suppressed = new App({ lint: { suppress: [{ code: 'docker/root-user', reason: 'throwaway debug image', file: 'Dockerfile' }] } });
    suppressed.dockerfile('Dockerfile', rooted());
    expect(codes(suppressed)).not.toContain('warning:docker/root-user');

    const elsewhere = new App({ lint: { suppress: [{ code: 'docker/root-user', reason: 'other file only', file: 'other/Dockerfile' }] } });
    elsewhere.dockerfile('Dockerfile', rooted());
    expect(codes(elsewhere)).toContain('warning:docker/root-user');

    // a misspelled code does not compile (test/core/codes.test-d.ts); from plain JavaScript it is an issue
    const noReason = new App({ lint: { suppress: [{ code: 'docker/root-user', reason: ' ' }], severity: { 'docker/rot-user': 'off' } as NonNullable<LintConfig['severity']> } });
    noReason.dockerfile('Dockerfile', rooted());
    expect(codes(noReason)).toEqual(expect.arrayContaining(['error:core/suppression-without-reason', 'error:core/unknown-code', 'warning:docker/root-user']));
  });

  it('throws usage errors at once for bad paths, duplicates and non-builders', () => {
    const app = new App();
    for (const bad of ['/etc/passwd', '../x', 'a/../../b', 'a\\b', '', 'a//b']) {
      expect(() => app.add('compose', bad, { services: {} } as never), bad).toThrow(UsageError);
    }
    app.workflow('ci.yml', Workflow.create('CI').on('push').job('a', (j) => j.runsOn('ubuntu-24.04').step({ run: 'true' })));
    expect(() => app.workflow('ci.yml', Workflow.create('CI'))).toThrow(/app\/duplicate-path/);
    expect(() => app.compose('compose.yaml', {} as never)).toThrow(/app\/invalid-builder/);
    expect(() => app.add('nope' as never, 'x', {} as never)).toThrow(/app\/invalid-builder/);
  });

  it('rejects reserved output paths when the App is built: .devstack/**, paths equal under case folding, ./ and a/../, a file inside a file', () => {
    const compose = () => Compose.create().service('db', (s) => s.image('postgres:16'));
    const wf = () => Workflow.create('CI').on('push').job('a', (j) => j.runsOn('ubuntu-24.04').step({ run: 'true' }));
    for (const bad of ['.devstack/manifest.json', '.devstack/x.yaml', '.devstack']) {
      expect(() => new App().workflow(bad, wf()), bad).toThrow(/app\/reserved-path/);
    }
    expect(() => new App().compose('.devstack/compose.yaml', compose())).toThrow(/app\/reserved-path/);
    expect(() => new App().gitignore(['.env'], '.devstack/.gitignore')).toThrow(/app\/reserved-path/);
    expect(() => new App().dockerfile('Dockerfile', df(), { context: '.devstack' })).toThrow(/app\/reserved-path/);
    for (const bad of ['./compose.yaml', 'a/../compose.yaml', 'a/./b.yml', 'ci\n.yml', 'a\u0000b']) {
      expect(() => new App().compose(bad, compose()), JSON.stringify(bad)).toThrow(/app\/invalid-path/);
    }
    expect(() => new App().dockerfile('Dockerfile', df(), { context: './' })).toThrow(/app\/invalid-path/);
    expect(() => new App().dockerfile('Dockerfile', df(), { context: 'a/../' })).toThrow(/app\/invalid-path/);

    const cased = new App().workflow('.github/workflows/CI.yml', wf());
    expect(() => cased.workflow('.github/workflows/ci.yml', wf())).toThrow(/app\/duplicate-path.*differ only in case/);
    expect(() => new App().compose('Compose.yaml', compose()).gitignore(['.env'], 'compose.YAML')).toThrow(/app\/duplicate-path/);
    const ignore = new App();
    ignore.dockerfile('api/Dockerfile', df());
    ignore.workflow('API/.dockerignore', wf());
    expect(() => ignore.entries()).toThrow(/app\/duplicate-path/);
    expect(() => new App().workflow('ci.yml', wf()).workflow('ci.yml/x.yml', wf())).toThrow(/app\/duplicate-path.*inside "ci\.yml"/);
    expect(() => new App().workflow('A/x.yml', wf()).workflow('a', wf())).toThrow(/app\/duplicate-path.*inside "a"/);
  });

  it('a file named like an object property is a file of the result', () => {
    const app = new App();
    app.workflow('__proto__', Workflow.create('CI').on('push').permissions({ contents: 'read' }).job('a', (j) => j.runsOn('ubuntu-24.04').timeout(5).step({ run: 'true' })));
    const { files } = app.synth();
    expect(Object.keys(files)).toEqual(['__proto__']);
    expect(Object.hasOwn(files, '__proto__')).toBe(true);
  });

  it('is recognised across copies by its brand', () => {
    expect(App.isApp(new App())).toBe(true);
    expect(App.isApp({ [Symbol.for('devstack-kit.App')]: true })).toBe(true);
    expect(App.isApp({})).toBe(false);
  });
});

describe('devstack-kit/testing', () => {
  it('synthApp returns files without markers, or the errors instead of throwing', () => {
    const good = new App();
    good.dockerfile('Dockerfile', df());
    const ok = synthApp(good);
    expect(ok.errors).toEqual([]);
    expect(ok.files['Dockerfile']).not.toContain(MARKER);
    expect(stripMarker(good.synth().files['Dockerfile']!)).toBe(ok.files['Dockerfile']);
    const bad = new App();
    bad.compose('compose.yaml', Compose.parse('services:\n  a:\n    image: a:1\n    depends_on: [b]\n'));
    expect(synthApp(bad).errors.map((i) => i.code)).toEqual(['compose/unknown-service']);
  });
});

describe('App: dev and CI variants', () => {
  it('writes compose.override.yaml for dev-only settings; both files pass the compose-spec schema and the rules', () => {
    const app = new App();
    const ref = app.dockerfile('api/Dockerfile', df());
    app.compose(
      'compose.yaml',
      Compose.create()
        .service('db', (s) => s.image('postgres:16').healthcheck({ test: ['CMD', 'pg_isready'], interval: '5s' }))
        .service('api', (s) =>
          s
            .build(ref, { target: 'runtime' })
            .dependsOn('db', { condition: 'service_healthy' })
            .dev((d) => d.ports('3000:3000').watch({ action: 'sync', path: './api/src', target: '/app/src' }, { action: 'rebuild', path: './api/package.json' })),
        ),
    );
    const { files, issues } = app.synth();
    expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(files['compose.yaml']).not.toContain('develop:');
    expect(files['compose.yaml']).not.toContain('3000:3000');
    expect(files['compose.override.yaml']).toContain('develop:');
    expect(files['compose.override.yaml']).toContain('3000:3000');
    expect(composeProblems(files['compose.yaml']!)).toEqual([]);
    expect(composeProblems(files['compose.override.yaml']!)).toEqual([]);
  });
});

describe('App: composite actions', () => {
  it('places an action.yml that a workflow of the same App uses; both pass their validators', async () => {
    const { Action } = await import('../../src/workflow/index.js');
    const { checkAction } = await import('../helpers/oracles/workflow.js');
    const app = new App();
    app.action(
      '.github/actions/setup-backend/action.yml',
      Action.create('Setup backend', 'Install Python and uv, then sync the locked dependencies').input('python-version', { description: 'Python version', default: '3.13' }).step({ run: 'pip install uv && uv sync --frozen' }),
    );
    app.workflow(
      '.github/workflows/ci.yml',
      Workflow.create('CI')
        .on('push')
        .permissions({ contents: 'read' })
        .job('test', (j) => j.runsOn('ubuntu-24.04').timeout(10).step({ uses: 'actions/checkout@v4' }).step({ uses: './.github/actions/setup-backend' }).step({ run: 'uv run pytest' })),
    );
    const { files } = app.synth();
    expect(await checkAction(files['.github/actions/setup-backend/action.yml']!)).toEqual([]);
    expect(await checkWorkflow(files['.github/workflows/ci.yml']!)).toEqual([]);
    expect(files['.github/actions/setup-backend/action.yml']).toContain('      shell: bash\n');
  });
});
