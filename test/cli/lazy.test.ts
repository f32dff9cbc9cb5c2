// Commands load lazily (issue 11, item 1): `devstack --help` and `devstack <command> --help` load the
// command definitions only, never the library's heavy dependencies (zod, yaml, jiti, diff) or the
// config loader. A module hook (node --import) records every module the CLI resolves.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, removeDir, ROOT } from '../helpers/tmp.js';

const CLI = join(ROOT, 'dist/cli.js');
let tmp: string;

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  tmp = mkdtempSync(join(tmpdir(), 'devstack-lazy-'));
  writeFileSync(
    join(tmp, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) {\n  const r = await next(specifier, context);\n  appendFileSync(process.env.LOADED_LOG, r.url + '\\n');\n  return r;\n}\n",
  );
  writeFileSync(join(tmp, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** The URLs of the modules `devstack <args>` resolved (ESM imports), and its exit code. */
function loaded(cwd: string, ...args: string[]): { code: number | null; urls: string[]; stdout: string } {
  const log = join(tmp, `loaded-${n++}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(join(tmp, 'register.mjs')).href, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LOADED_LOG: log } });
  return { code: r.status, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean), stdout: r.stdout };
}

const HEAVY = /\/node_modules\/(zod|yaml|jiti|diff)\//;

describe('lazy commands', () => {
  it('devstack --help lists every command and loads none of zod, yaml, jiti or diff', () => {
    const r = loaded(ROOT, '--help');
    expect(r.code).toBe(0);
    for (const command of ['synth', 'check', 'diff', 'absorb', 'graph', 'import', 'init', 'eject']) expect(r.stdout).toMatch(new RegExp(`\\b${command}\\b`));
    expect(r.urls.length).toBeGreaterThan(0);
    expect(r.urls.filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it('devstack synth --help loads the synth command only, still without the library', () => {
    const r = loaded(ROOT, 'synth', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--check');
    expect(r.urls.filter((u) => HEAVY.test(u))).toEqual([]);
    expect(r.urls.some((u) => /\/dist\/synth-[^/]*\.js$/.test(u))).toBe(true);
    expect(r.urls.some((u) => /\/dist\/(diff|absorb|check)-[^/]*\.js$/.test(u))).toBe(false);
  });

  it('devstack synth loads what it needs when it runs (the probe sees jiti and zod)', () => {
    const dir = copyExample('seed');
    try {
      const r = loaded(dir, 'synth');
      expect(r.code).toBe(0);
      expect(r.urls.some((u) => /\/node_modules\/jiti\//.test(u))).toBe(true);
      expect(r.urls.some((u) => /\/node_modules\/zod\//.test(u))).toBe(true);
    } finally {
      removeDir(dir);
    }
  });
});
