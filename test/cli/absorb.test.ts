import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';
import { CLI, devstack } from '../helpers/cli.js';

const SHA_OLD = '39370e3970a6d050c480ffad4ff0ed4d3fdee5af';
const SHA_NEW = '49933ea5288caeca8642d1e84afbd3f7d6820020';

const dirs: string[] = [];
const temp = (d: string) => (dirs.push(d), d);
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => dirs.forEach(removeDir));

const edit = (dir: string, file: string, from: string | RegExp, to: string) => {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file} contains ${String(from)}`).not.toBe(text);
  writeFileSync(path, next);
};
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

/** A project whose config writes a literal image in an imported module, a uses() literal and a SHA pin. */
function project(): string {
  const dir = temp(repoTempDir('absorb-project'));
  mkdirSync(join(dir, 'devstack'));
  writeFileSync(join(dir, 'devstack', 'images.ts'), "export const DB_IMAGE = 'postgres:16';\n");
  writeFileSync(
    join(dir, 'devstack.config.ts'),
    `import { App, Compose, Workflow } from 'devstack-kit';
import { checkout, setupNode, uses } from 'devstack-kit/workflow';
import { DB_IMAGE } from './devstack/images.js';

const app = new App();
app.compose('compose.yaml', Compose.create()
  .service('db', (s) => s.image(DB_IMAGE).healthcheck({ test: ['CMD', 'pg_isready'], interval: '10s', timeout: '5s', retries: 5 }))
  .service('cache', (s) => s.image('redis:7.4-alpine').healthcheck({ test: ['CMD', 'redis-cli', 'ping'], interval: '10s', timeout: '3s', retries: 5 })));
app.workflow('.github/workflows/ci.yml', Workflow.create('CI')
  .on(['push'])
  .permissions({ contents: 'read' })
  .pin('sha', { 'actions/setup-node@v4': '${SHA_OLD}' })
  .job('test', (j) => j.runsOn('ubuntu-24.04').timeout(10)
    .step(checkout({ 'fetch-depth': 0 }, { name: 'Check out' }))
    .step(setupNode({ 'node-version': '22' }))
    .step(uses('actions/upload-artifact@v4', { name: 'out', path: 'out' }))));
export default app;
`,
  );
  const synth = devstack(dir, 'synth');
  expect(synth.code, synth.stderr).toBe(0);
  return dir;
}

describe('devstack absorb: simulated bot pull requests', () => {
  it('postgres:16 → postgres:17 (a literal in an imported module), checkout v4 → v5 (a helper default), a SHA-pinned action moved to a newer SHA, a uses() literal: synth --check names absorb; absorb rewrites the sources; synth --check passes', () => {
    const dir = project();
    edit(dir, 'compose.yaml', 'image: postgres:16', 'image: postgres:17');
    edit(dir, '.github/workflows/ci.yml', 'actions/checkout@v4', 'actions/checkout@v5');
    edit(dir, '.github/workflows/ci.yml', `actions/setup-node@${SHA_OLD} # v4`, `actions/setup-node@${SHA_NEW} # v4`);
    edit(dir, '.github/workflows/ci.yml', 'actions/upload-artifact@v4', 'actions/upload-artifact@v5');

    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('only versions differ: compose.yaml:4 postgres:16 → postgres:17');
    expect(check.stderr).toContain('run npx devstack absorb');

    const absorbed = devstack(dir, 'absorb');
    expect(absorbed.stderr).toBe('');
    expect(absorbed.code).toBe(0);
    expect(absorbed.stdout).toContain('✔ the config now produces the files on disk; synth --check passes');
    expect(read(dir, 'devstack/images.ts')).toBe("export const DB_IMAGE = 'postgres:17';\n");
    const config = read(dir, 'devstack.config.ts');
    expect(config).toContain("checkout({ 'fetch-depth': 0 }, { version: 'v5', name: 'Check out' })");
    expect(config).toContain(`.pin('sha', { 'actions/setup-node@v4': '${SHA_NEW}' })`);
    expect(config).toContain("uses('actions/upload-artifact@v5', ");
    expect(config).toContain("s.image('redis:7.4-alpine')");

    const after = devstack(dir, 'synth', '--check');
    expect(after.code, after.stdout + after.stderr).toBe(0);
    // the manifest was brought up to date too: a plain synth changes nothing
    expect(devstack(dir, 'synth').stdout).toMatch(/^✔ \d+ files: 0 created, 0 updated, 0 deleted, \d+ unchanged\n$/);
  });

  it('a pinned action moved to a new major (SHA and tag comment both change): the SHA, the pin key and the helper version move together', () => {
    const dir = project();
    edit(dir, '.github/workflows/ci.yml', `actions/setup-node@${SHA_OLD} # v4`, `actions/setup-node@${SHA_NEW} # v5`);
    const r = devstack(dir, 'absorb');
    expect(r.code, r.stderr).toBe(0);
    const config = read(dir, 'devstack.config.ts');
    expect(config).toContain(`.pin('sha', { 'actions/setup-node@v5': '${SHA_NEW}' })`);
    expect(config).toContain("setupNode({ 'node-version': '22' }, { version: 'v5' })");
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
  });

  it('a version written three times and changed in all three places (node-web: node:22-slim) rewrites all three', () => {
    const dir = temp(copyExample('node-web'));
    edit(dir, 'api/Dockerfile', /node:22-slim/g, 'node:24-slim');
    edit(dir, 'web/Dockerfile', /node:22-slim/g, 'node:24-slim');
    const r = devstack(dir, 'absorb');
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, 'devstack.config.ts').match(/'node:24-slim'/g)).toHaveLength(3);
    expect(read(dir, 'devstack.config.ts')).not.toContain("'node:22-slim'"); // the comment that names it is left alone
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
  });

  it('ambiguity: a version the config writes in three places, changed in only one generated file, is refused with the places named; nothing is rewritten', () => {
    const dir = temp(copyExample('node-web'));
    const config = read(dir, 'devstack.config.ts');
    edit(dir, 'web/Dockerfile', 'node:22-slim', 'node:24-slim');
    const r = devstack(dir, 'absorb');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ web/Dockerfile:3 node:22-slim → node:24-slim: node:22-slim is also used unchanged at api/Dockerfile:3, api/Dockerfile:13');
    expect(r.stderr).toMatch(/the config writes it at devstack\.config\.ts:\d+:\d+, devstack\.config\.ts:\d+:\d+, devstack\.config\.ts:\d+:\d+/);
    expect(read(dir, 'devstack.config.ts')).toBe(config);
  });

  it('a version from a devstack-kit default inside a preset (npmProject → actions/setup-node) is reported as not possible; the other change is still absorbed', () => {
    const dir = temp(copyExample('node-web'));
    edit(dir, '.github/workflows/ci.yml', 'actions/setup-node@v4', 'actions/setup-node@v5');
    edit(dir, 'compose.yaml', 'redis:7.4-alpine', 'redis:8.0-alpine');
    const r = devstack(dir, 'absorb');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('absorbed compose.yaml');
    expect(r.stderr).toContain("actions/setup-node@v4 → actions/setup-node@v5: the config writes neither 'actions/setup-node@v4' nor a call of setupNode(; the version comes from a devstack-kit default inside a preset");
    expect(read(dir, 'devstack.config.ts')).toContain("'redis:8.0-alpine'");
    // what remains is the one change absorb could not make
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('only versions differ: .github/workflows/ci.yml');
  });

  it('a change that is not only a version: synth --check does not suggest absorb, and absorb leaves everything alone', () => {
    const dir = temp(copyExample('readme'));
    const config = read(dir, 'devstack.config.ts');
    edit(dir, 'compose.yaml', 'retries: 5', 'retries: 9');
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).not.toContain('absorb');
    const r = devstack(dir, 'absorb');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ compose.yaml: not only versions changed: line 15 differs in more than a version: "retries: 9"');
    expect(read(dir, 'devstack.config.ts')).toBe(config);
  });

  it('a config update (Renovate changed the config, not the generated files) is never absorbed backwards: absorb refuses and names synth', () => {
    const dir = project();
    edit(dir, 'devstack/images.ts', 'postgres:16', 'postgres:17');
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).not.toContain('absorb');
    const r = devstack(dir, 'absorb');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ compose.yaml: the file is as synth last wrote it (its manifest hash matches): the config changed, not the file; run npx devstack synth (absorb leaves it)');
    expect(read(dir, 'devstack/images.ts')).toBe("export const DB_IMAGE = 'postgres:17';\n");
    expect(devstack(dir, 'synth').code).toBe(0);
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
  });

  it("a preset's default image (from a preset package, not in the config) gets an explicit image option; a preset that has no such option is reported and the rest is kept", () => {
    const dir = temp(repoTempDir('absorb-preset'));
    mkdirSync(join(dir, 'node_modules', 'acme-presets'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'acme-presets', 'package.json'), '{ "name": "acme-presets", "type": "module", "main": "index.js" }\n');
    writeFileSync(
      join(dir, 'node_modules', 'acme-presets', 'index.js'),
      [
        "const hc = { test: ['CMD', 'true'], interval: '10s', timeout: '3s', retries: 5 };",
        "export const postgres = (o = {}) => (c) => c.service('db', (s) => s.image(o.image ?? 'postgres:17-alpine').healthcheck(hc));",
        "export const redis = (o = {}) => (c) => c.service('cache', (s) => s.image('redis:7.4-alpine').healthcheck(hc));",
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'devstack.config.ts'),
      [
        "import { App, Compose } from 'devstack-kit';",
        "import { postgres, redis } from 'acme-presets';",
        'const app = new App();',
        "app.compose('compose.yaml', Compose.create().$call(postgres({ port: 5432 })).$call(redis()).service('web', (s) => s.image('nginx:1.27-alpine').healthcheck({ test: ['CMD', 'true'], interval: '10s', timeout: '3s', retries: 5 })));",
        'export default app;',
        '',
      ].join('\n'),
    );
    expect(devstack(dir, 'synth').code).toBe(0);
    edit(dir, 'compose.yaml', 'postgres:17-alpine', 'postgres:18-alpine');
    let r = devstack(dir, 'absorb');
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, 'devstack.config.ts')).toContain("postgres({ image: 'postgres:18-alpine', port: 5432 })");
    expect(devstack(dir, 'synth', '--check').code).toBe(0);

    edit(dir, 'compose.yaml', 'redis:7.4-alpine', 'redis:8.0-alpine');
    edit(dir, 'compose.yaml', 'nginx:1.27-alpine', 'nginx:1.29-alpine');
    r = devstack(dir, 'absorb');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/redis:7\.4-alpine → redis:8\.0-alpine: the config does not write 'redis:7\.4-alpine'; devstack\.config\.ts:4:\d+: redis\(\) → redis\(\{ image: 'redis:8\.0-alpine' \}\) did not reproduce the generated files, so it was not kept/);
    const config = read(dir, 'devstack.config.ts');
    expect(config).toContain('$call(redis())');
    expect(config).toContain("s.image('nginx:1.29-alpine')");
  });

  it('nothing to absorb when the files match', () => {
    const dir = temp(copyExample('readme'));
    const r = devstack(dir, 'absorb');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nothing to absorb');
  });
});

describe('absorb codes (docs/rules.md, absorb)', () => {
  type Doc = { ok: boolean; issues: { code: string; severity: string; message: string; file?: string; line?: number; hint?: string }[] };

  it('synth --check --json carries the "only versions differ: run devstack absorb" hint as an absorb/versions-only issue', () => {
    const dir = project();
    edit(dir, 'compose.yaml', 'image: postgres:16', 'image: postgres:17');
    const r = devstack(dir, 'synth', '--check', '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Doc;
    const hint = doc.issues.find((i) => i.code === 'absorb/versions-only');
    expect(hint?.severity).toBe('info');
    expect(hint?.message).toBe('only versions differ: compose.yaml:4 postgres:16 → postgres:17');
    expect(hint?.hint).toContain('run npx devstack absorb');
  });

  it('a change that is not only a version: no absorb/versions-only issue in --check --json', () => {
    const dir = temp(copyExample('readme'));
    edit(dir, 'compose.yaml', 'retries: 5', 'retries: 9');
    const doc = JSON.parse(devstack(dir, 'synth', '--check', '--json').stdout) as Doc;
    expect(doc.issues.map((i) => i.code)).not.toContain('absorb/versions-only');
  });

  it('absorb names why with a code, in text and in --json: ambiguous, not a version only, a literal not found', () => {
    const ambiguous = temp(copyExample('node-web'));
    edit(ambiguous, 'web/Dockerfile', 'node:22-slim', 'node:24-slim');
    const text = devstack(ambiguous, 'absorb');
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/✖ web\/Dockerfile:3 node:22-slim → node:24-slim: .* \[absorb\/ambiguous\]\n/);
    const json = devstack(ambiguous, 'absorb', '--json');
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as Doc;
    expect(doc.ok).toBe(false);
    expect(doc.issues).toEqual([expect.objectContaining({ code: 'absorb/ambiguous', severity: 'error', file: 'web/Dockerfile', line: 3 })]);

    const more = temp(copyExample('readme'));
    edit(more, 'compose.yaml', 'retries: 5', 'retries: 9');
    const left = JSON.parse(devstack(more, 'absorb', '--json').stdout) as Doc;
    expect(left.issues).toEqual([expect.objectContaining({ code: 'absorb/not-version-only', file: 'compose.yaml' })]);

    const preset = temp(copyExample('node-web'));
    edit(preset, '.github/workflows/ci.yml', 'actions/setup-node@v4', 'actions/setup-node@v5');
    const missing = devstack(preset, 'absorb');
    expect(missing.stderr).toMatch(/actions\/setup-node@v4 → actions\/setup-node@v5: .* \[absorb\/literal-not-found\]\n/);
  });
});
