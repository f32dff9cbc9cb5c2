// Where jiti keeps the transpiled config (issue 11, item 1): the nearest node_modules at or above the
// config's folder, else the user's cache folder keyed by project; never a shared folder like /tmp.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jitiCacheDir } from '../../src/cli/load.js';
import { ROOT } from '../helpers/tmp.js';

const CLI = join(ROOT, 'dist/cli.js');
let tmp: string;

beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  // outside the repository: no node_modules above it
  tmp = realpathSync(mkdtempSync(join(tmpdir(), 'devstack-cache-')));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const folder = (...parts: string[]): string => {
  const dir = join(tmp, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe('jitiCacheDir', () => {
  it('is node_modules/.cache/devstack-kit/jiti in the nearest folder with node_modules, at or above the config', () => {
    const project = folder('nearest', 'project');
    folder('nearest', 'node_modules');
    folder('nearest', 'project', 'node_modules');
    const deep = folder('nearest', 'project', 'infra', 'dev');
    expect(jitiCacheDir(join(project, 'devstack.config.ts'))).toBe(join(project, 'node_modules/.cache/devstack-kit/jiti'));
    expect(jitiCacheDir(join(deep, 'devstack.config.ts'))).toBe(join(project, 'node_modules/.cache/devstack-kit/jiti'));
    // a file named node_modules is not a folder of modules
    const odd = folder('nearest', 'project', 'odd');
    writeFileSync(join(odd, 'node_modules'), '');
    expect(jitiCacheDir(join(odd, 'devstack.config.ts'))).toBe(join(project, 'node_modules/.cache/devstack-kit/jiti'));
  });

  it('without node_modules: the user cache folder of the platform, one folder per project, never the temporary folder', () => {
    const a = folder('lonely', 'a');
    const b = folder('lonely', 'b');
    const linux = jitiCacheDir(join(a, 'devstack.config.ts'), { XDG_CACHE_HOME: '/home/me/.xdg' }, 'linux', '/home/me');
    expect(linux).toMatch(/^\/home\/me\/\.xdg\/devstack-kit\/jiti\/a-[0-9a-f]{16}$/);
    expect(jitiCacheDir(join(a, 'devstack.config.ts'), { XDG_CACHE_HOME: '/home/me/.xdg' }, 'linux', '/home/me')).toBe(linux); // stable
    expect(jitiCacheDir(join(b, 'devstack.config.ts'), { XDG_CACHE_HOME: '/home/me/.xdg' }, 'linux', '/home/me')).not.toBe(linux);
    // a relative XDG_CACHE_HOME is ignored, as the XDG spec says
    expect(jitiCacheDir(join(a, 'devstack.config.ts'), { XDG_CACHE_HOME: 'rel' }, 'linux', '/home/me')).toMatch(/^\/home\/me\/\.cache\/devstack-kit\/jiti\/a-/);
    expect(jitiCacheDir(join(a, 'devstack.config.ts'), {}, 'darwin', '/Users/me')).toMatch(/^\/Users\/me\/Library\/Caches\/devstack-kit\/jiti\/a-/);
    expect(jitiCacheDir(join(a, 'devstack.config.ts'), { LOCALAPPDATA: '/c/Users/me/AppData/Local' }, 'win32', '/c/Users/me')).toMatch(/^\/c\/Users\/me\/AppData\/Local\/devstack-kit\/jiti\/a-/);
    // no home folder: no cache rather than a shared one
    expect(jitiCacheDir(join(a, 'devstack.config.ts'), {}, 'linux', '')).toBe(false);
    const here = jitiCacheDir(join(a, 'devstack.config.ts'));
    expect(here === false || !here.startsWith(tmpdir())).toBe(true);
  });
});

describe('devstack synth caches the transpiled config', () => {
  const config = "import { App, Dockerfile } from 'devstack-kit';\nconst app = new App();\napp.dockerfile('Dockerfile', Dockerfile.create().stage('app', 'alpine:3.20', (s) => s.run('adduser -D app').user('app').cmd(['sh'])));\nexport default app;\n";
  const synth = (cwd: string, env: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, 'synth'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });

  it('in the node_modules of a folder above the config', () => {
    const root = folder('above');
    folder('above', 'node_modules');
    const dir = folder('above', 'packages', 'infra');
    writeFileSync(join(dir, 'devstack.config.ts'), config);
    const r = synth(dir);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(root, 'node_modules/.cache/devstack-kit/jiti')).some((f) => f.includes('devstack.config'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
  });

  it('in the user cache folder, keyed by project, when there is no node_modules', () => {
    const dir = folder('none', 'project');
    const cache = folder('none-cache');
    writeFileSync(join(dir, 'devstack.config.ts'), config);
    const r = synth(dir, { XDG_CACHE_HOME: cache });
    expect(r.status, r.stderr).toBe(0);
    const keyed = readdirSync(join(cache, 'devstack-kit/jiti'));
    expect(keyed).toHaveLength(1);
    expect(keyed[0]).toMatch(/^project-[0-9a-f]{16}$/);
    expect(readdirSync(join(cache, 'devstack-kit/jiti', keyed[0]!)).some((f) => f.includes('devstack.config'))).toBe(true);
  });
});
