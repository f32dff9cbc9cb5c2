import { describe, expect, it } from 'vitest';
import { SynthError } from '../../src/core/errors.js';
import { importFiles, importKind } from '../../src/import/index.js';
import { yamlComments } from '../../src/import/comments.js';

const config = (files: Record<string, string>) => importFiles(Object.entries(files).map(([path, text]) => ({ path, text })));

describe('importKind', () => {
  it.each([
    ['Dockerfile', 'dockerfile'],
    ['backend/Dockerfile.dev', 'dockerfile'],
    ['web/app.Dockerfile', 'dockerfile'],
    ['backend/.dockerignore', 'dockerignore'],
    ['Dockerfile.dockerignore', 'dockerignore'],
    ['compose.yaml', 'compose'],
    ['docker-compose.override.yml', 'compose'],
    ['.github/workflows/ci.yml', 'workflow'],
    ['.github/actions/setup/action.yml', 'action'],
    ['README.md', undefined],
    ['config.yaml', undefined],
  ])('%s → %s', (path, kind) => {
    expect(importKind(path)).toBe(kind);
  });
});

describe('importFiles: Dockerfiles', () => {
  it('uses typed methods, typed stage references and image() for untagged bases; comments become comment() calls', () => {
    const { source, escapes } = config({
      Dockerfile: '# base\nARG V=1\nFROM golang AS build\n# compile\nRUN go build\nFROM scratch\nCOPY --from=build /out /app\nCOPY --from=0 /x /y\nCOPY --from=nginx:1 /etc/nginx /etc/nginx\n',
    });
    expect(source).toContain("import { image } from 'devstack-kit/dockerfile';");
    expect(source).toContain(".comment('base')\n    .arg('V', '1')");
    expect(source).toContain(".stage('build', image('golang'), (s) =>");
    expect(source).toContain("(s) => s.comment('compile').run('go build'))");
    expect(source).toContain(".copyFrom('build', '/out', '/app')");
    expect(source).toContain(".copyFrom(0, '/x', '/y')");
    expect(source).toContain(".copyFrom(image('nginx:1'), '/etc/nginx', '/etc/nginx')");
    expect(escapes).toEqual([]);
  });

  it('writes an instruction no method writes exactly as a marked $raw', () => {
    const { source, escapes } = config({ Dockerfile: 'FROM alpine:3\nARG A B\n' });
    expect(source).toContain("// devstack import: no method writes this ARG exactly; kept as written\n        .$raw('ARG A B')");
    expect(escapes).toEqual([{ file: 'Dockerfile', where: 'stage 1 instruction 1', hatch: '$raw' }]);
  });

  it('a .dockerignore goes with the one Dockerfile of its folder; one without a Dockerfile is skipped with the reason', () => {
    const r = config({ 'api/Dockerfile': 'FROM node:22\n', 'api/.dockerignore': 'node_modules\n!keep\n', 'web/.dockerignore': 'dist\n' });
    expect(r.source).toContain(".dockerignore((d) => d.ignore('node_modules').except('keep'))");
    expect(r.files.map((f) => f.path)).toEqual(['api/Dockerfile', 'api/.dockerignore']);
    expect(r.skipped).toEqual([{ path: 'web/.dockerignore', reason: 'no imported Dockerfile uses it' }]);
  });
});

describe('importFiles: compose files', () => {
  it('declares interpolated variables in an Env, and passes them with envVar', () => {
    const { source } = config({ 'compose.yaml': 'services:\n  db:\n    image: postgres:17\n    environment:\n      A: ${A}\n      B: ${B:-x}\n      C: plain\n' });
    expect(source).toContain("const env = Env.create().var('A').var('B');");
    expect(source).toContain(".envVar('A')\n        .envVar('B', { default: 'x' })\n        .env('C', 'plain')");
  });

  it('takes no Env when the project already has a hand-written .env.example', () => {
    const r = importFiles([{ path: 'compose.yaml', text: 'services:\n  db:\n    environment:\n      A: ${A}\n' }], { exists: (p) => p === '.env.example' });
    expect(r.source).not.toContain('Env');
    expect(r.source).toContain(".env('A', '${A}')");
  });

  it('declares one Env per folder (one .env.example), so two compose files side by side still synthesize', async () => {
    const r = config({ 'compose.yaml': 'services:\n  a:\n    environment:\n      A: ${A}\n', 'compose.prod.yaml': 'services:\n  b:\n    environment:\n      B: ${B}\n' });
    expect(r.source.match(/Env\.create\(\)/g)).toHaveLength(1);
    expect(r.source).toContain(".env('B', '${B}')");
  });

  it('orders services after their dependencies so dependsOn is typed; healthy dependencies need a typed healthcheck', () => {
    const { source } = config({
      'compose.yaml': 'services:\n  api:\n    image: api:1\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: postgres:17\n    healthcheck: {test: [CMD, pg_isready]}\n',
    });
    expect(source.indexOf(".service('db'")).toBeLessThan(source.indexOf(".service('api'"));
    expect(source).toContain(".dependsOn('db', { condition: 'service_healthy' })");
  });

  it('uses set() for properties without a method and a marked $raw for keys outside the specification', () => {
    const { source, escapes } = config({ 'compose.yaml': 'services:\n  a:\n    image: x:1\n    stop_signal: SIGINT\n    bogus: 1\nx-common: {a: 1}\n' });
    expect(source).toContain(".set('stop_signal', 'SIGINT')");
    expect(source).toContain('// devstack import: "bogus" is not in the compose specification; kept as written\n        .$raw({ bogus: 1 })');
    expect(source).toContain('// devstack import: extension key x-common: no method; kept as written\n    .$raw({');
    expect(escapes.map((e) => e.hatch)).toEqual(['set', '$raw', '$raw']);
    expect(source).toContain('// devstack import: no method for "stop_signal"; set() is typed by the compose model\n        .set(');
  });

  it('binds a Dockerfile to a variable only when a service builds it by reference', () => {
    const { source } = config({
      'api/Dockerfile': 'FROM a:1 AS x\n',
      'web/Dockerfile': 'FROM b:1\n',
      'compose.yaml': 'services:\n  api:\n    build: {context: ./api, dockerfile: Dockerfile}\n  web:\n    build: ./web\n',
    });
    expect(source).toContain("const api = app.dockerfile('api/Dockerfile', Dockerfile.create().stage('x', 'a:1'));");
    expect(source).toContain("\napp.dockerfile('web/Dockerfile', Dockerfile.create().from('b:1'));");
    expect(source).toContain("Compose.create()\n    .service('api', (s) => s.build(api))\n    .service('web', (s) => s.build('./web')),");
  });

  it('folds compose.override.yaml into dev(…) settings', () => {
    const r = config({ 'compose.yaml': 'services:\n  a:\n    image: x:1\n', 'compose.override.yaml': 'services:\n  a:\n    ports: ["8080:80"]\n' });
    expect(r.source).toContain(".dev((d) => d.ports('8080:80'))");
    expect(r.files.map((f) => f.path)).toEqual(['compose.yaml', 'compose.override.yaml']);
  });

  it('carries YAML comments next to the code they describe: comment() where the builder writes them back, // elsewhere', () => {
    const { source } = config({ 'compose.yaml': '# my stack\nservices:\n  # the database\n  db:\n    image: postgres:17 # pinned\n' });
    expect(source).toContain("Compose.create()\n    .comment('my stack')\n    .service('db', (s) =>\n      s\n        .comment('the database')\n        // pinned\n        .image('postgres:17'),");
  });
});

describe('importFiles: workflows and actions', () => {
  it('uses typed actions (with the version when it is not the default) and typed needs', () => {
    const { source } = config({
      '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v3\n        with: {fetch-depth: 0}\n  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps:\n      - id: s\n        uses: acme/thing@v1\n',
    });
    expect(source).toContain(".step(checkout({ 'fetch-depth': 0 }, { version: 'v3' }))");
    expect(source).toContain(".needs('a')");
    expect(source).toContain(".step('s', { uses: 'acme/thing@v1' })");
  });

  it('turns a pinned action back into its tag and pin(), without repeating the tag as a comment', () => {
    const sha = 'a'.repeat(40);
    const { source } = config({ '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${sha} # v4\n` });
    expect(source).toContain(`.pin('sha', { 'actions/checkout@v4': '${sha}' })`);
    expect(source).toContain('.step(checkout())');
    expect(source).not.toContain('// v4');
  });

  it('writes a composite action with Action.create, inputs and steps', () => {
    const { source } = config({ '.github/actions/setup/action.yml': 'name: Setup\ndescription: Installs\ninputs:\n  v: {description: version, default: "1"}\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n' });
    expect(source).toContain("Action.create('Setup', 'Installs')");
    expect(source).toContain(".input('v', { description: 'version', default: '1' })");
    expect(source).toContain(".step({ run: 'echo hi', shell: 'bash' })");
  });
});

describe('importFiles: comments synth writes back', () => {
  it('the top comment, job and step comments (typed action steps too) become comment() calls and options; the end comment stays a // comment', async () => {
    const text = '# CI for the app\nname: CI\non: push\njobs:\n  # tests\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      # get the code\n      - uses: actions/checkout@v4\n      # build it\n      - run: make\n# the end\n';
    const { source } = config({ '.github/workflows/ci.yml': text });
    expect(source).toContain("Workflow.create('CI')\n    .comment('CI for the app')");
    expect(source).toContain(".comment('tests')\n        .runsOn('ubuntu-latest')");
    expect(source).toContain(".step(checkout({}, { comment: 'get the code' }))");
    expect(source).toContain(".step({ comment: 'build it', run: 'make' })");
    expect(source).toContain('// the end');
    const { runConfig } = await import('./run-config.js');
    const written = runConfig(source)['.github/workflows/ci.yml']!;
    expect(written.split('\n').filter((l) => l.trim().startsWith('#') && !l.includes('Generated by'))).toEqual(['# CI for the app', '  # tests', '      # get the code', '      # build it']);
  });

  it('a composite action: its top comment and step comments come back', async () => {
    const text = '# shared setup\nname: Setup\ndescription: Installs\nruns:\n  using: composite\n  steps:\n    # install\n    - run: echo hi\n      shell: bash\n';
    const { source } = config({ '.github/actions/setup/action.yml': text });
    const { runConfig } = await import('./run-config.js');
    const written = runConfig(source)['.github/actions/setup/action.yml']!;
    expect(written).toContain('# shared setup\n');
    expect(written).toContain('    # install\n    - run: echo hi');
  });

  it('compose: the top comment and a service comment come back', async () => {
    const { source } = config({ 'compose.yaml': '# my stack\nservices:\n  # the database\n  db:\n    image: postgres:17\n' });
    const { runConfig } = await import('./run-config.js');
    const written = runConfig(source)['compose.yaml']!;
    expect(written).toContain('# my stack\n');
    expect(written).toContain('  # the database\n  db:\n');
  });
});

describe('importFiles: comments no call takes', () => {
  it('a comment after the last step ends the job, after the last call and its comma', () => {
    const { source } = config({ '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n      # - run: make deploy\n' });
    expect(source).toContain(".step({ run: 'make' }),\n        // - run: make deploy\n    )");
  });

  it('the top comment of a folded compose.override.yaml ends the compose chain (it was lost)', () => {
    const { source } = config({ 'compose.yaml': 'services:\n  web:\n    image: nginx:1\n', 'compose.override.yaml': '# dev settings\nservices:\n  # dev web\n  web:\n    ports: ["8080:80"]\n' });
    expect(source).toContain("// dev web\n        .dev((d) => d.ports('8080:80')),");
    expect(source).toContain('    // compose.override.yaml:\n    // dev settings\n);');
  });

  it('a comment after a service block ends that service', () => {
    const { source } = config({ 'compose.yaml': 'services:\n  a:\n    image: a:1\n    # ports: ["80:80"]\n  b:\n    image: b:1\n' });
    expect(source).toContain(".service('a', (s) =>\n      s\n        .image('a:1'),\n        // ports: [\"80:80\"]\n    )\n    .service('b', (s) => s.image('b:1'))");
  });
});

describe('importFiles: bad input', () => {
  it('refuses a Dockerfile with two stages of one name (no builder call writes it; BuildKit rejects it)', () => {
    expect(() => config({ Dockerfile: 'FROM a:1 AS x\nFROM b:1 AS X\n' })).toThrow(/Dockerfile.*\[docker\/duplicate-stage\]/s);
  });

  it('throws one SynthError naming every file that cannot be read, and the reason', () => {
    let error: unknown;
    try {
      config({ 'compose.yaml': 'services: [oops\n', 'notes.txt': 'x', 'Dockerfile': 'FROM alpine:3\n' });
    } catch (e) {
      error = e;
    }
    expect(SynthError.isSynthError(error)).toBe(true);
    const issues = (error as SynthError).issues;
    expect(issues.map((i) => i.file)).toEqual(['compose.yaml', 'notes.txt']);
    expect(issues[1]!.code).toBe('import/unknown-kind');
  });
});

describe('yamlComments', () => {
  it('keys comments by the path they stand above; a list item keeps its own comment', () => {
    const c = yamlComments('on: push # when\njobs:\n  # the test job\n  test:\n    steps:\n      # first\n      - run: make # build\n');
    expect(Object.fromEntries(c)).toEqual({ on: 'when', 'jobs.test': 'the test job', 'jobs.test.steps.0': 'first', 'jobs.test.steps.0.run': 'build' });
  });
});

describe('docs/import.md', () => {
  it('shows what devstack import writes for its example project', async () => {
    const { readFileSync } = await import('node:fs');
    const { PROJECT } = await import('./fixture-project.js');
    const doc = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
    const shown = /```ts\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf('## What the TypeScript looks like')))![1]!;
    expect(shown).toBe(config(PROJECT).source);
  });
});
