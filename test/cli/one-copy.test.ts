// One copy of devstack-kit per process (issue 11, item 1): the CLI and the config share one module
// graph, whether the config imports the package as ESM or requires it as CommonJS. Tried on the
// packed package, installed in a project outside the repository: a probe loaded before the CLI
// (node --import) wraps `App.isApp` on the package's ESM entry and records the value the CLI hands it
// (the config's default export). One copy: the CLI calls that very `App` (it shares the entry's
// modules instead of carrying its own bundle) and the config's App is an `instanceof` it. Needs dist/
// (npm run build), like the CLI tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/tmp.js';

let tmp: string;
let kit: string;

const PROBE = `
import { App } from 'devstack-kit';
const seen = [];
const isApp = App.isApp;
App.isApp = function (value) {
  seen.push(value);
  return isApp.call(this, value);
};
process.on('exit', () => {
  process.stderr.write('PROBE ' + JSON.stringify({ cliCalledIsApp: seen.length > 0, instanceOf: seen.length > 0 && seen.every((v) => v instanceof App) }) + '\\n');
});
`;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  tmp = mkdtempSync(join(tmpdir(), 'devstack-one-copy-'));
  const packed = (JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string }[])[0]!;
  // installed as npm would, its runtime dependencies linked from this repository (no registry needed)
  kit = join(tmp, 'node_modules/devstack-kit');
  mkdirSync(kit, { recursive: true });
  execFileSync('tar', ['-xzf', join(tmp, packed.filename), '-C', kit, '--strip-components=1']);
  for (const dep of ['citty', 'diff', 'jiti', 'picocolors', 'yaml', 'zod']) symlinkSync(join(ROOT, 'node_modules', dep), join(tmp, 'node_modules', dep), 'dir');
  writeFileSync(join(tmp, 'probe.mjs'), PROBE);
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function project(name: string, type: 'module' | 'commonjs', file: string, config: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type }));
  writeFileSync(join(dir, file), config);
  return dir;
}

function synthWithProbe(dir: string) {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(tmp, 'probe.mjs')).href, join(kit, 'dist/cli.js'), 'synth'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const line = r.stderr.split('\n').find((l) => l.startsWith('PROBE '));
  return { code: r.status, stderr: r.stderr, probe: line ? (JSON.parse(line.slice(6)) as { cliCalledIsApp: boolean; instanceOf: boolean }) : undefined };
}

const BODY = `
const app = new App();
app.dockerfile('Dockerfile', Dockerfile.create().stage('app', 'alpine:3.20', (s) => s.run('adduser -D app').user('app').cmd(['sh'])));
`;

describe('one copy of devstack-kit per process (packed package)', () => {
  it('an ESM config (import from devstack-kit and a subpath): the CLI checks the very App class the config uses', () => {
    const dir = project('esm', 'module', 'devstack.config.ts', `import { App } from 'devstack-kit';\nimport { Dockerfile } from 'devstack-kit/dockerfile';\n${BODY}\nexport default app;\n`);
    const r = synthWithProbe(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(true);
    expect(r.probe).toEqual({ cliCalledIsApp: true, instanceOf: true });
  });

  it('a CommonJS config (require, module.exports): the same', () => {
    const dir = project('cjs', 'commonjs', 'devstack.config.js', `const { App } = require('devstack-kit');\nconst { Dockerfile } = require('devstack-kit/dockerfile');\n${BODY}\nmodule.exports = app;\n`);
    const r = synthWithProbe(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(true);
    expect(r.probe).toEqual({ cliCalledIsApp: true, instanceOf: true });
  });

  it('the CLI carries no copy of the library: dist/cli.js is a small entry that loads the shared chunks', () => {
    const cli = readdirSync(join(kit, 'dist')).filter((f) => f === 'cli.js');
    expect(cli).toEqual(['cli.js']);
    const text = execFileSync('cat', [join(kit, 'dist/cli.js')], { encoding: 'utf8' });
    expect(text).not.toMatch(/class App\b/);
    expect(text.length).toBeLessThan(10_000);
  });
});
