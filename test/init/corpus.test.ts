import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/app/write.js';
import { loadApp } from '../../src/cli/load.js';
import { init } from '../../src/init/init.js';
import { repoTempDir, removeDir, ROOT } from '../helpers/tmp.js';

const CORPUS = join(ROOT, '../shared/corpus');

beforeAll(() => {
  // the configs init writes import devstack-kit: the built package
  if (!existsSync(join(ROOT, 'dist/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});

/** Every corpus Dockerfile, compose file and workflow, each alone at its usual path in a project. */
const cases = [
  ...readdirSync(join(CORPUS, 'dockerfile')).map((f) => [`dockerfile/${f}`, 'Dockerfile'] as const),
  ...readdirSync(join(CORPUS, 'compose')).map((f) => [`compose/${f}`, 'compose.yaml'] as const),
  ...readdirSync(join(CORPUS, 'workflows')).map((f) => [`workflows/${f}`, '.github/workflows/ci.yml'] as const),
];

describe('devstack init on every corpus file at its usual path', () => {
  it('init, then synth --check finds no drift, and a second init changes nothing', async () => {
    const failures: string[] = [];
    for (const [source, path] of cases) {
      const dir = repoTempDir('init-corpus');
      try {
        mkdirSync(join(dir, 'node_modules'));
        symlinkSync(ROOT, join(dir, 'node_modules', 'devstack-kit'));
        mkdirSync(join(dir, path, '..'), { recursive: true });
        writeFileSync(join(dir, path), readFileSync(join(CORPUS, source)));
        const first = await init(dir);
        if (!first.actions.some((a) => a.action === 'took over' && a.path === path)) failures.push(`${source}: not taken over`);
        const { app } = await loadApp(join(dir, 'devstack.config.ts'));
        const { drift } = checkFiles(app.synth(), dir, { configFile: 'devstack.config.ts' });
        if (drift.length > 0) failures.push(`${source}: drift in ${drift.map((d) => d.path).join(', ')}`);
        const second = await init(dir);
        const changed = second.actions.filter((a) => a.action !== 'unchanged' && a.action !== 'left alone');
        if (changed.length > 0) failures.push(`${source}: the second init changed ${changed.map((a) => a.path).join(', ')}`);
      } catch (e) {
        failures.push(`${source}: ${(e as Error).message.split('\n')[0]}`);
      } finally {
        removeDir(dir);
      }
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  }, 300_000);
});
