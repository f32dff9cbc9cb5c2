import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/app/write.js';
import { loadApp } from '../../src/cli/load.js';
import { copyFixtureProject, removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';
import { CLI, runDevstack } from '../helpers/cli.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The environment of a plain pipe: none of the variables that switch colour or GitHub mode on or off. */
const plainEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'TEST', 'GITHUB_ACTIONS', 'GITHUB_WORKSPACE', 'TERM']) delete env[k];
  return env;
};

function devstack(cwd: string, args: string[], env: NodeJS.ProcessEnv = { ...plainEnv(), NO_COLOR: '1' }) {
  return runDevstack(cwd, args, env);
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

const dirs: string[] = [];
const temp = (d: string) => (dirs.push(d), d);
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => dirs.forEach(removeDir));

const ANSI = /\u001b\[/;
const editRetries = (dir: string, to: string) => {
  const config = join(dir, 'devstack.config.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace("timeout: '5s', retries: 5", `timeout: '5s', retries: ${to}`));
};
const dropWorkflow = (dir: string) => {
  const config = join(dir, 'devstack.config.ts');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^app\.workflow\(.*\);$/m, ''));
};

describe('--json', () => {
  it('synth --check --json prints one JSON document, and nothing else, whose drift is checkFiles() of the same App', async () => {
    const dir = temp(copyFixtureProject('backend-only'));
    editRetries(dir, '7');
    dropWorkflow(dir);
    removeDir(join(dir, '.env.example'));
    const r = devstack(dir, ['synth', '--check', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    const config = join(dir, 'devstack.config.ts');
    const { app } = await loadApp(config);
    const expected = checkFiles(app.synth(), dir, { configFile: config });
    expect(doc).toEqual({
      version: 1,
      devstack: VERSION,
      command: 'synth --check',
      ok: false,
      exitCode: 1,
      summary: '✖ 3 files out of date: 1 missing, 1 changed, 1 stale',
      issues: JSON.parse(JSON.stringify([...app.synth().issues, ...expected.issues])),
      drift: JSON.parse(JSON.stringify(expected.drift)),
      files: null,
      error: null,
    });
    expect((doc.drift as { path: string; kind: string }[]).map((d) => [d.path, d.kind])).toEqual([
      ['compose.yaml', 'changed'],
      ['.env.example', 'missing'],
      ['.github/workflows/ci.yml', 'stale'],
    ]);
  });

  it('synth --json lists the files written; check --json lists every issue; a config that does not load is a JSON error with exit 2', async () => {
    const dir = temp(copyFixtureProject('backend-only'));
    editRetries(dir, '7');
    removeDir(join(dir, '.env.example'));
    const synth = devstack(dir, ['synth', '--json']);
    expect(synth.code, synth.stderr).toBe(0);
    expect(synth.stderr).toBe('');
    const doc = JSON.parse(synth.stdout) as { files: Record<string, string[]>; ok: boolean; summary: string; drift: unknown };
    expect(doc.ok).toBe(true);
    expect(doc.drift).toBeNull();
    expect(doc.files).toEqual({ created: ['.env.example'], updated: ['compose.yaml'], deleted: [], unchanged: ['backend/Dockerfile', '.github/workflows/ci.yml', 'backend/.dockerignore', '.gitignore'] });
    expect(doc.summary).toBe('✔ 6 files: 1 created, 1 updated, 0 deleted, 4 unchanged');

    const check = devstack(dir, ['check', '--json']);
    expect(check.code).toBe(0);
    const { app } = await loadApp(join(dir, 'devstack.config.ts'));
    expect((JSON.parse(check.stdout) as { issues: unknown }).issues).toEqual(JSON.parse(JSON.stringify(app.validate())));

    const empty = temp(repoTempDir('json-missing'));
    const missing = devstack(empty, ['diff', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('');
    expect(JSON.parse(missing.stdout)).toMatchObject({ version: 1, command: 'diff', ok: false, exitCode: 2, error: { message: expect.stringContaining('no devstack.config.ts in'), hint: expect.any(String) } });
    const unknown = devstack(empty, ['frobnicate', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ ok: false, exitCode: 2, error: { message: expect.stringContaining('frobnicate') } });
  });
});

describe('--quiet and the default summary', () => {
  it('synth prints a line per file it changed and one summary line, never a line per unchanged file; --quiet only the summary', () => {
    const dir = temp(copyFixtureProject('backend-only'));
    removeDir(join(dir, 'compose.yaml'));
    const r = devstack(dir, ['synth']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('created compose.yaml\n✔ 6 files: 1 created, 0 updated, 0 deleted, 5 unchanged\n');
    removeDir(join(dir, 'compose.yaml'));
    const q = devstack(dir, ['synth', '-q']);
    expect(q.stdout).toBe('✔ 6 files: 1 created, 0 updated, 0 deleted, 5 unchanged\n');
    expect(q.stderr).toBe('');
  });

  it('synth --check --quiet prints the problems and the summary, without patches or hints', () => {
    const dir = temp(copyFixtureProject('backend-only'));
    editRetries(dir, '7');
    const r = devstack(dir, ['synth', '--check', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('✖ compose.yaml: differs from the config\n✖ 1 file out of date: 0 missing, 1 changed, 0 stale\n');
    const loud = devstack(dir, ['synth', '--check']);
    expect(loud.stdout).toContain('+      retries: 7');
    expect(loud.stderr).toContain('fix: run npx devstack synth');
  });
});

describe('GITHUB_ACTIONS=true', () => {
  const badConfig = `import { App, Compose } from 'devstack-kit';
const app = new App();
app.compose('compose.yaml', Compose.parse(\`services:
  api:
    image: example/api:1.0
    healthcheck:
      test: ["CMD", "true"]
      interval: 10
\`));
export default app;
`;

  it('prints problems as workflow commands with the file relative to the workspace, escaped', () => {
    const workspace = temp(repoTempDir('gha'));
    const dir = join(workspace, 'infra');
    mkdirSync(dir);
    writeFileSync(join(dir, 'devstack.config.ts'), badConfig);
    const env = { ...plainEnv(), GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace };
    const r = devstack(dir, ['synth'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '::error file=infra/compose.yaml,title=compose/schema/invalid-duration::services.api.healthcheck.interval: expected a duration like "10s", received 10%0Afix: ',
    );
    expect(r.stderr).not.toMatch(/^✖ compose\.yaml → /m);
    expect(r.stderr).not.toMatch(ANSI);
    // content errors in JSON: exit 1, every issue, nothing written
    const json = devstack(dir, ['synth', '--json']);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      exitCode: 1,
      summary: '✖ 1 problem; nothing was written',
      issues: [{ code: 'compose/schema/invalid-duration', severity: 'error', file: 'compose.yaml', path: ['services', 'api', 'healthcheck', 'interval'] }],
      drift: null,
      files: null,
      error: null,
    });
    expect(existsSync(join(dir, 'compose.yaml'))).toBe(false);

    const seed = temp(copyFixtureProject('backend-only'));
    editRetries(seed, '7');
    const check = devstack(seed, ['synth', '--check', '--quiet'], { ...plainEnv(), GITHUB_ACTIONS: 'true' });
    expect(check.code).toBe(1);
    expect(check.stderr).toBe('::error file=compose.yaml,title=devstack drift::compose.yaml: differs from the config%0Afix: run npx devstack synth and commit the result\n✖ 1 file out of date: 0 missing, 1 changed, 0 stale\n');
    // a config that cannot be found: one annotation, with its fix
    const none = devstack(temp(repoTempDir('gha-none')), ['synth'], { ...plainEnv(), GITHUB_ACTIONS: 'true' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^::error title=devstack::no devstack\.config\.ts in .* or the folders above it%0Afix: create devstack\.config\.ts whose default export is an App, or pass --config <file>\n$/);
    // outside GitHub Actions: no workflow commands
    expect(devstack(seed, ['synth', '--check']).stderr).not.toContain('::');
  });
});

describe('colour', () => {
  it('is off when piped, even under CI (help included), and on with FORCE_COLOR unless NO_COLOR is set', () => {
    const dir = temp(copyFixtureProject('backend-only'));
    editRetries(dir, '7');
    const piped = devstack(dir, ['synth', '--check'], { ...plainEnv(), CI: 'true' });
    expect(piped.stdout + piped.stderr).not.toMatch(ANSI);
    expect(piped.stderr).toContain('✖ compose.yaml: differs from the config');
    for (const args of [['--help'], ['synth', '--help'], ['frobnicate']]) {
      const help = devstack(dir, args, plainEnv());
      expect(help.stdout + help.stderr, args.join(' ')).not.toMatch(ANSI);
    }
    expect(devstack(dir, ['--help'], plainEnv()).stdout).toContain('USAGE');
    const forced = devstack(dir, ['synth', '--check'], { ...plainEnv(), FORCE_COLOR: '1' });
    expect(forced.stderr).toMatch(/\u001b\[31m✖\u001b\[39m compose\.yaml: differs from the config/);
    const both = devstack(dir, ['synth', '--check'], { ...plainEnv(), FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(both.stdout + both.stderr).not.toMatch(ANSI);
  });
});

describe('--version', () => {
  it('prints the version of the package.json beside the CLI, for --version and -v', () => {
    expect(devstack(ROOT, ['--version']).stdout).toBe(`${VERSION}\n`);
    expect(devstack(ROOT, ['-v']).stdout).toBe(`${VERSION}\n`);
    // the same build beside another package.json prints that one's version
    const pkg = temp(repoTempDir('pkg'));
    // the CLI and the chunks it shares with the library (dist/*.js)
    cpSync(join(ROOT, 'dist'), join(pkg, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') && !f.endsWith('.cjs') && !f.endsWith('.ts') });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'devstack-kit', version: '9.8.7', type: 'module' }));
    const r = spawnSync(process.execPath, [join(pkg, 'dist/cli.js'), '-v'], { encoding: 'utf8', env: plainEnv() });
    expect(r.stdout).toBe('9.8.7\n');
  });
});

describe('diff is a pure patch', () => {
  it('applies with git apply --check and patch -p1 to the old tree, and the result is what synth writes', () => {
    const dir = temp(copyFixtureProject('backend-only'));
    git(dir, 'init', '-q');
    git(dir, 'config', 'core.autocrlf', 'false');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'old tree');
    editRetries(dir, '7');
    dropWorkflow(dir);
    const config = join(dir, 'devstack.config.ts');
    writeFileSync(config, `${readFileSync(config, 'utf8')}\napp.workflow('.github/workflows/new one.yml', Workflow.create('New').on('push').permissions({ contents: 'read' }).job('t', (j) => j.runsOn('ubuntu-24.04').timeout(5).step({ run: 'true' })));\n`);
    expect(readFileSync(config, 'utf8')).toMatch(/import \{[^}]*\bWorkflow\b/);
    const r = devstack(dir, ['diff']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^diff --git /);
    expect(r.stderr).toContain('3 files would change');
    const patch = join(dir, '..', `${dir.split('/').pop()}.patch`);
    dirs.push(patch);
    writeFileSync(patch, r.stdout);
    git(dir, 'apply', '--check', patch);
    execFileSync('patch', ['-p1', '--dry-run', '-i', patch], { cwd: dir, encoding: 'utf8' });
    git(dir, 'apply', patch);
    // the patched tree is exactly what synth writes
    const other = temp(copyFixtureProject('backend-only'));
    copyFileSync(config, join(other, 'devstack.config.ts'));
    expect(devstack(other, ['synth', '--force']).code).toBe(0);
    for (const f of ['compose.yaml', '.github/workflows/new one.yml']) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(other, f), 'utf8'));
    expect(existsSync(join(dir, '.github/workflows/ci.yml'))).toBe(false);
    const check = devstack(dir, ['synth', '--check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    rmSync(patch);
  });
});

describe('CRLF in a git checkout', () => {
  it('synth --check fails on CRLF nothing explains, and passes, saying why, when .gitattributes or core.autocrlf explains it', () => {
    const dir = temp(copyFixtureProject('backend-only'));
    git(dir, 'init', '-q');
    git(dir, 'config', 'core.autocrlf', 'false');
    git(dir, 'config', 'core.eol', 'lf');
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    const plain = devstack(dir, ['synth', '--check']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('⚠ compose.yaml: differs from the config only in its line endings: CRLF on disk, LF from the config, and neither .gitattributes (eol=crlf) nor git\'s core.autocrlf explains it [app/line-endings-differ]');
    expect(plain.stderr).toContain('✖ compose.yaml: differs from the config');
    // the patch turns CRLF into LF, and applies
    const diff = devstack(dir, ['diff']);
    expect(diff.stdout).toContain('\n-# Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.\r\n');
    expect(diff.stdout).toContain('\n+# Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.\n');
    const patch = `${dir}.patch`;
    dirs.push(patch);
    writeFileSync(patch, diff.stdout);
    git(dir, 'apply', '--check', patch);

    writeFileSync(join(dir, '.gitattributes'), '*.yaml text eol=crlf\n');
    const attributes = devstack(dir, ['synth', '--check']);
    expect(attributes.code, attributes.stderr).toBe(0);
    expect(attributes.stderr).toContain('ℹ compose.yaml: differs from the config only in its line endings (CRLF on disk); git checks it out that way here (.gitattributes (eol=crlf)), so it counts as unchanged [app/line-endings-from-git]');
    // --quiet leaves the note out
    expect(devstack(dir, ['synth', '--check', '-q']).stderr).toBe('✔ 6 generated files match the config\n');

    rmSync(join(dir, '.gitattributes'));
    git(dir, 'config', 'core.autocrlf', 'true');
    const autocrlf = devstack(dir, ['synth', '--check']);
    expect(autocrlf.code, autocrlf.stderr).toBe(0);
    expect(autocrlf.stderr).toContain('(core.autocrlf=true)');
  });
});
