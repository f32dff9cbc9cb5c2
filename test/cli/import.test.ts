import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';
import { CLI, devstack } from '../helpers/cli.js';
import { instructionView } from '../import/corpus-harness.js';
import { COMPOSE, DOCKERFILE, OVERRIDE, PROJECT, WORKFLOW } from '../import/fixture-project.js';


const dirs: string[] = [];
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => dirs.forEach(removeDir));

function project(): string {
  const dir = repoTempDir('cli-import');
  dirs.push(dir);
  for (const [p, text] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('devstack import', () => {
  it('import, then synth --force, then synth --check exits 0, and the files keep their content', () => {
    const dir = project();
    const imported = devstack(dir, 'import');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/created\s+devstack\.config\.ts\s+\(from 5 files\)/);
    expect(imported.stdout).toMatch(/imported\s+api\/Dockerfile\s+\(dockerfile\)/);
    expect(imported.stdout).toMatch(/✔ devstack import: devstack\.config\.ts written from 5 files; next: npx devstack synth --force/);
    const config = readFileSync(join(dir, 'devstack.config.ts'), 'utf8');
    // typed stage reference, typed service reference, typed action, Env, comments carried over
    expect(config).toContain(".build(api, { target: 'build' })");
    expect(config).toContain(".dependsOn('db', { condition: 'service_healthy' })");
    expect(config).toContain("setupNode({ 'node-version': 22 })");
    expect(config).toContain(".envVar('POSTGRES_PASSWORD', { required: 'set it in .env' })");
    expect(config).toContain('.dev((d) => d.ports(');
    expect(config).toContain(".comment('the database')");
    expect(config).toContain(".comment('build the app')");
    expect(config).toContain("comment: 'run the tests'");
    const synth = devstack(dir, 'synth', '--force');
    expect(synth.code, synth.stderr).toBe(0);
    const check = devstack(dir, 'synth', '--check');
    expect(check.code, check.stderr + check.stdout).toBe(0);
    expect(parseYaml(readFileSync(join(dir, 'compose.yaml'), 'utf8')).data).toEqual(parseYaml(COMPOSE).data);
    expect(parseYaml(readFileSync(join(dir, 'compose.override.yaml'), 'utf8')).data).toEqual(parseYaml(OVERRIDE).data);
    expect(parseYaml(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8')).data).toEqual(parseYaml(WORKFLOW).data);
    expect(instructionView(readFileSync(join(dir, 'api/Dockerfile'), 'utf8'))).toEqual(instructionView(DOCKERFILE));
    // the comments come back in the files synth wrote
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toContain('# the database\n');
    expect(readFileSync(join(dir, 'api/Dockerfile'), 'utf8')).toContain('# build the app\n');
    expect(readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8')).toContain('# run the tests\n');
    // the .dockerignore comes back byte for byte, comment included (after the marker)
    expect(readFileSync(join(dir, 'api/.dockerignore'), 'utf8')).toMatch(/node_modules\n# logs\n\*\.log\n$/);
  });

  it('imports only the files named, into --out', () => {
    const dir = project();
    const r = devstack(dir, 'import', '.github/workflows/ci.yml', '--out', 'ci.config.ts');
    expect(r.code, r.stderr).toBe(0);
    const config = readFileSync(join(dir, 'ci.config.ts'), 'utf8');
    expect(config).toContain("app.workflow(\n  '.github/workflows/ci.yml',");
    expect(config).not.toContain('Dockerfile');
  });

  it('refuses to overwrite an existing config without --force, and leaves it as it was', () => {
    const dir = project();
    writeFileSync(join(dir, 'devstack.config.ts'), '// mine\n');
    const r = devstack(dir, 'import');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/devstack\.config\.ts already exists; pass --force to overwrite it/);
    expect(readFileSync(join(dir, 'devstack.config.ts'), 'utf8')).toBe('// mine\n');
    const forced = devstack(dir, 'import', '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'devstack.config.ts'), 'utf8')).toContain('export default app;');
  });

  it('an invalid file: exit 1, the file and the reason, and nothing written', () => {
    const dir = project();
    writeFileSync(join(dir, 'compose.yaml'), 'services: [oops\n');
    const r = devstack(dir, 'import');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/compose\.yaml/);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(existsSync(join(dir, 'devstack.config.ts'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an unreadable or unknown file named on the command line: exit 2 with the file and the reason', () => {
    const dir = project();
    const missing = devstack(dir, 'import', 'nope/Dockerfile');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read nope\/Dockerfile: no such file/);
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const unknown = devstack(dir, 'import', 'notes.txt');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/notes\.txt.*not a Dockerfile, \.dockerignore, compose file/);
    const outside = devstack(dir, 'import', '../x/Dockerfile');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/outside/);
    expect(existsSync(join(dir, 'devstack.config.ts'))).toBe(false);
  });

  it('--json: one document with what was written and imported; --quiet: only the summary line', () => {
    const dir = project();
    const r = devstack(dir, 'import', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { command: string; ok: boolean; exitCode: number; summary: string; actions: { action: string; path: string; detail?: string }[] };
    expect(doc).toMatchObject({ command: 'import', ok: true, exitCode: 0 });
    expect(doc.summary).toMatch(/^✔ devstack import: devstack\.config\.ts written from 5 files/);
    expect(doc.actions[0]).toEqual({ action: 'created', path: 'devstack.config.ts', detail: 'from 5 files' });
    expect(doc.actions.filter((x) => x.action === 'imported').map((x) => x.path).sort()).toEqual(['.github/workflows/ci.yml', 'api/.dockerignore', 'api/Dockerfile', 'compose.override.yaml', 'compose.yaml']);
    const quiet = devstack(project(), 'import', '--quiet');
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout.trim().split('\n')).toHaveLength(1);
    expect(quiet.stdout).toMatch(/^✔ devstack import:/);
  });

  it('--json on failure: the error (exit 2) or the issues with their codes (exit 1), nothing written', () => {
    const dir = project();
    writeFileSync(join(dir, 'devstack.config.ts'), '// mine\n');
    const exists = devstack(dir, 'import', '--json');
    expect(exists.code).toBe(2);
    expect(JSON.parse(exists.stdout)).toMatchObject({ command: 'import', ok: false, exitCode: 2, error: { message: 'devstack.config.ts already exists; pass --force to overwrite it' } });
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const unknown = devstack(dir, 'import', 'notes.txt', '--json', '--force');
    expect(unknown.code).toBe(1);
    const doc = JSON.parse(unknown.stdout) as { issues: { code: string; file: string }[] };
    expect(doc.issues.map((i) => [i.code, i.file])).toEqual([['import/unknown-kind', 'notes.txt']]);
    expect(readFileSync(join(dir, 'devstack.config.ts'), 'utf8')).toBe('// mine\n');
  });

  it('--help lists import', () => {
    expect(devstack(ROOT, '--help').stdout + devstack(ROOT, '--help').stderr).toMatch(/import/);
  });
});
