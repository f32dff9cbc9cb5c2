// Issues from builder calls name the config's file:line:col of the call (issue 10, item 5), in the
// three output modes of the CLI, for a config loaded from a temporary project. Needs dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calleeColumn } from '../../src/cli/columns.js';
import { removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';
import { CLI, runDevstack } from '../helpers/cli.js';


const plainEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of ['FORCE_COLOR', 'CI', 'GITHUB_ACTIONS', 'GITHUB_WORKSPACE', 'TERM']) delete env[k];
  return env;
};

function devstack(cwd: string, args: string[], env: NodeJS.ProcessEnv = plainEnv()) {
  return runDevstack(cwd, args, env);
}

// line 6, column 6 is `.image(…)` (V8 names the property of a method call); line 9, column 6 `.step(…)`
const CONFIG = `import { App, Compose, Workflow } from 'devstack-kit';

const app = new App();
app.compose('compose.yaml', Compose.create().service('db', (s) =>
  s
    .image('postgres:latest')));
app.workflow('.github/workflows/ci.yml', Workflow.create('CI').on('push').permissions({}).job('test', (j) => j.runsOn('ubuntu-24.04').timeout(10)
  .step({ run: 'make test' })
    .step({ uses: 'actions/checkout@main' })));
export default app;
`;

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  dir = realpathSync(repoTempDir('locations'));
  mkdirSync(join(dir, 'infra'));
  writeFileSync(join(dir, 'infra', 'devstack.config.ts'), CONFIG);
}, 120_000);
afterAll(() => removeDir(dir));

describe('issues from builder calls carry the config location', () => {
  it('text mode prints file:line:col relative to the current folder beside the output path', () => {
    const r = devstack(dir, ['check', '--config', 'infra/devstack.config.ts']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('⚠ compose.yaml → services.db.image (infra/devstack.config.ts:6:6): ');
    expect(r.stderr).toMatch(/⚠ \.github\/workflows\/ci\.yml → jobs\.test\.steps\[1\]\.uses \(infra\/devstack\.config\.ts:9:6\): .*\[workflow\/unpinned-action\]/);
    // from inside the config's folder the path is shorter
    const inner = devstack(join(dir, 'infra'), ['check']);
    expect(inner.stderr).toContain('⚠ compose.yaml → services.db.image (devstack.config.ts:6:6): ');
  });

  it('--json gives each issue a source relative to the config folder', () => {
    const r = devstack(dir, ['check', '--json', '--config', 'infra/devstack.config.ts']);
    const doc = JSON.parse(r.stdout) as { issues: { code: string; path: unknown[]; source?: unknown }[] };
    const latest = doc.issues.find((i) => i.code === 'compose/latest-tag');
    expect(latest?.source).toEqual({ file: 'devstack.config.ts', line: 6, column: 6 });
    const unpinned = doc.issues.find((i) => i.code === 'workflow/unpinned-action');
    expect(unpinned?.source).toEqual({ file: 'devstack.config.ts', line: 9, column: 6 });
  });

  it('GitHub annotations point at the config line, relative to the workspace, with the output path in the message', () => {
    const r = devstack(dir, ['check', '--config', 'infra/devstack.config.ts'], { ...plainEnv(), GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir });
    expect(r.stderr).toContain('::warning file=infra/devstack.config.ts,line=6,col=6,title=compose/latest-tag::compose.yaml → services.db.image: ');
    expect(r.stderr).toContain('::warning file=infra/devstack.config.ts,line=9,col=6,title=workflow/unpinned-action::.github/workflows/ci.yml → jobs.test.steps[1].uses: ');
  });

  it('an issue with no builder call behind it (a file-level one) keeps the generated file', () => {
    const r = devstack(dir, ['check', '--json', '--config', 'infra/devstack.config.ts']);
    const doc = JSON.parse(r.stdout) as { issues: { code: string; file?: string; path: unknown[]; source?: unknown }[] };
    for (const i of doc.issues.filter((x) => x.path.length === 0)) expect(i.source, i.code).toBeUndefined();
  });
});

describe('calleeColumn (jiti keeps lines, not columns)', () => {
  it('finds the call on the line, keeping a column that is already one', () => {
    expect(calleeColumn("    .image('postgres:latest')", 'image', 1)).toBe(6);
    expect(calleeColumn("    .image('postgres:latest')", 'image', 6)).toBe(6);
    expect(calleeColumn("s.image('a').env({ image: 'x' }).image('b')", 'image', 14)).toBe(34);
    expect(calleeColumn("s.image('a').image('b')", 'image', 30)).toBe(14);
    expect(calleeColumn('j.step<"x">({ run: "a" })', 'step', 1)).toBe(3);
    expect(calleeColumn('const steps = 1; j.run("a")', 'step', 4)).toBe(4);
  });
});
