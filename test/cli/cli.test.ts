import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER } from '../../src/core/yaml.js';
import { copyExample, removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';
import { CLI, devstack } from '../helpers/cli.js';


const dirs: string[] = [];
const temp = (d: string) => (dirs.push(d), d);
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => dirs.forEach(removeDir));

describe('devstack synth on a copy of examples/seed', () => {
  it('synth then synth --check exit 0, and a second synth changes nothing', () => {
    const dir = temp(copyExample('seed'));
    const synth = devstack(dir, 'synth');
    expect(synth.stderr).toBe('');
    expect(synth.code).toBe(0);
    const check = devstack(dir, 'synth', '--check');
    expect(check.code, check.stderr).toBe(0);
    // synth --check prints a patch on stdout (nothing here) and its messages on stderr
    expect(check.stdout).toBe('');
    expect(check.stderr).toMatch(/^✔ 9 generated files match the config\n$/);
    const again = devstack(dir, 'synth');
    expect(again.stdout).not.toMatch(/^(created|updated|deleted) /m);
    expect(again.stdout).toBe('✔ 9 files: 0 created, 0 updated, 0 deleted, 9 unchanged\n');
  });

  it('a reader that closes the pipe early (| head) does not crash it: no EPIPE stack, and the exit code is still 1 for drift', () => {
    const dir = temp(copyExample('seed'));
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('retries: 5', 'retries: 9'));
    // the reader closes its end at once, so every write of the diff meets a closed pipe
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" synth --check | (exec 0<&-; sleep 0.2); echo "status=\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(r.stderr).toMatch(/status=1\n/);
  });

  it('a hand edit to a generated file makes --check exit 1 with a diff; synth refuses it as in the way, and synth --force repairs it', () => {
    const dir = temp(copyExample('seed'));
    const file = join(dir, 'compose.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('retries: 5', 'retries: 9'));
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('-      retries: 9');
    expect(check.stdout).toContain('+      retries: 5');
    expect(check.stderr).toContain('compose.yaml: differs from the config');
    expect(check.stderr).toMatch(/compose\.yaml: expected the content synth wrote .*, received a hand edit .* \[app\/edited-generated-file\]/);
    const synth = devstack(dir, 'synth');
    expect(synth.code).toBe(1);
    expect(synth.stderr).toContain('[app/edited-generated-file]');
    expect(readFileSync(file, 'utf8')).toBe(original.replace('retries: 5', 'retries: 9'));
    expect(devstack(dir, 'synth', '--force').code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('a generated file deleted by hand is reported missing', () => {
    const dir = temp(copyExample('seed'));
    removeDir(join(dir, '.env.example'));
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('.env.example: missing');
  });

  it('removing the workflow from the config removes its file on the next synth and leaves hand-written files alone', () => {
    const dir = temp(copyExample('seed'));
    const config = join(dir, 'devstack.config.ts');
    const text = readFileSync(config, 'utf8');
    expect(text).toContain('Stack.create()');
    writeFileSync(join(dir, '.github/workflows/hand-written.yml'), 'name: mine\non: push\njobs: {}\n');
    writeFileSync(config, text.replace('Stack.create()', 'Stack.create({ workflow: false })'));
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('.github/workflows/ci.yml: no longer produced');
    const synth = devstack(dir, 'synth');
    expect(synth.code, synth.stderr).toBe(0);
    expect(synth.stdout).toMatch(/deleted\s+\.github\/workflows\/ci\.yml/);
    expect(existsSync(join(dir, '.github/workflows/ci.yml'))).toBe(false);
    expect(readFileSync(join(dir, '.github/workflows/hand-written.yml'), 'utf8')).toBe('name: mine\non: push\njobs: {}\n');
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
  });

  it('finds the config from a subfolder and writes beside the config', () => {
    const dir = temp(copyExample('seed'));
    removeDir(join(dir, 'compose.yaml'));
    const r = devstack(join(dir, 'backend', 'app'), 'synth');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/created\s+compose\.yaml/);
    expect(existsSync(join(dir, 'backend', 'app', 'compose.yaml'))).toBe(false);
  });

  it('caches the transpiled config in node_modules/.cache, and an edited config is read again', () => {
    const dir = temp(copyExample('seed'));
    mkdirSync(join(dir, 'node_modules'));
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
    expect(readdirSync(join(dir, 'node_modules/.cache/devstack-kit/jiti')).length).toBeGreaterThan(0);
    const config = join(dir, 'devstack.config.ts');
    const edited = readFileSync(config, 'utf8').replace('hostPort: 5555', 'hostPort: 5556');
    expect(edited).toContain('hostPort: 5556');
    writeFileSync(config, edited);
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('+      - 127.0.0.1:5556:5432');
  });

  it('diff shows what synth would change and writes nothing', () => {
    const dir = temp(copyExample('seed'));
    writeFileSync(join(dir, 'compose.yaml'), `# ${MARKER}\nservices: {}\n`);
    const diff = devstack(dir, 'diff');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('--- a/compose.yaml\n+++ b/compose.yaml\n');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(`# ${MARKER}\nservices: {}\n`);
  });
});

describe('devstack on an untrusted tree: symlinks and a hand-edited manifest', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  /** Adds entries to the committed manifest, each with the hash of the file as it is now. */
  const listInManifest = (dir: string, paths: string[]) => {
    const file = join(dir, '.devstack/manifest.json');
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { files: { path: string; sha256: string }[] };
    for (const path of paths) manifest.files.push({ path, sha256: sha256(readFileSync(join(dir, path), 'utf8')) });
    writeFileSync(file, JSON.stringify(manifest, null, 2));
  };
  const dropWorkflow = (dir: string) => {
    const config = join(dir, 'devstack.config.ts');
    const text = readFileSync(config, 'utf8');
    expect(text).toContain('Stack.create()');
    writeFileSync(config, text.replace('Stack.create()', 'Stack.create({ workflow: false })'));
  };
  const wouldDelete = (stderr: string) => [...stderr.matchAll(/✖ (\S+): no longer produced by the config, but still on disk; synth deletes it/g)].map((m) => m[1]);

  it('synth --force leaves alone what a hand-edited manifest lists: the config, a source file, a file outside through a symlinked folder', () => {
    const dir = temp(copyExample('seed'));
    const outside = temp(repoTempDir('outside'));
    writeFileSync(join(outside, 'secret.txt'), 'secret\n');
    symlinkSync(outside, join(dir, 'linked'));
    const config = readFileSync(join(dir, 'devstack.config.ts'), 'utf8');
    const source = readFileSync(join(dir, 'backend/pyproject.toml'), 'utf8');
    listInManifest(dir, ['devstack.config.ts', 'backend/pyproject.toml', 'linked/secret.txt']);
    const check = devstack(dir, 'synth', '--check');
    expect(wouldDelete(check.stderr)).toEqual([]);
    const r = devstack(dir, 'synth', '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^deleted/m);
    expect(r.stdout).toMatch(/ 0 deleted,/);
    expect(readFileSync(join(dir, 'devstack.config.ts'), 'utf8')).toBe(config);
    expect(readFileSync(join(dir, 'backend/pyproject.toml'), 'utf8')).toBe(source);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('secret\n');
    expect(r.stderr).toMatch(/⚠ devstack\.config\.ts: .*left alone \[app\/unsafe-manifest-entry\]/);
    expect(r.stderr).toMatch(/⚠ backend\/pyproject\.toml: .*kept because it no longer carries the marker \[app\/stale-file-kept\]/);
    expect(r.stderr).toMatch(/⚠ linked\/secret\.txt: expected "linked" to be a folder inside the project .*a symbolic link to .*, outside it; the manifest lists it, but it is left alone \[app\/unsafe-manifest-entry\]/);
    // the rewritten manifest no longer lists them
    expect(readFileSync(join(dir, '.devstack/manifest.json'), 'utf8')).not.toMatch(/devstack\.config\.ts|pyproject|secret/);
  });

  it('neither writes nor deletes through a symlinked output folder that leads outside, without --force', () => {
    const dir = temp(copyExample('seed'));
    const outside = temp(repoTempDir('outside'));
    removeDir(join(dir, '.github'));
    symlinkSync(outside, join(dir, '.github'));
    const r = devstack(dir, 'synth');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✖ \.github\/workflows\/ci\.yml: expected "\.github" to be a folder inside the project .*received a symbolic link to .*, outside it \[app\/path-outside-project\]/);
    expect(r.stderr).toContain('nothing was written');
    expect(readdirSync(outside)).toEqual([]);
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('[app/path-outside-project]');

    // a generated file (marked, with the recorded hash) outside, reached through the link: kept
    cpSync(join(ROOT, 'examples/seed/.github'), outside, { recursive: true });
    dropWorkflow(dir);
    const synth = devstack(dir, 'synth');
    expect(synth.code, synth.stderr).toBe(0);
    expect(existsSync(join(outside, 'workflows/ci.yml'))).toBe(true);
    expect(synth.stderr).toContain('.github/workflows/ci.yml: expected ".github" to be a folder inside the project');
  });

  it('synth --check and diff list every file that synth or synth --force would delete', () => {
    const dir = temp(copyExample('seed'));
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    listInManifest(dir, ['notes.md']);
    dropWorkflow(dir);
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    const diff = devstack(dir, 'diff');
    expect(diff.code).toBe(0);
    expect(wouldDelete(check.stderr)).toEqual(['.github/workflows/ci.yml']);
    expect(wouldDelete(diff.stderr)).toEqual(['.github/workflows/ci.yml']);
    expect(diff.stdout).toContain('diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\ndeleted file mode 100644\n--- a/.github/workflows/ci.yml\n+++ /dev/null\n');
    for (const r of [check, diff]) expect(r.stderr).toContain('⚠ notes.md: no longer produced by the config, kept because it no longer carries the marker [app/stale-file-kept]');
    const force = devstack(dir, 'synth', '--force');
    expect(force.code, force.stderr).toBe(0);
    expect([...force.stdout.matchAll(/^deleted\s+(\S+)/gm)].map((m) => m[1])).toEqual(wouldDelete(check.stderr));
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('mine\n');
  });

  it('never overwrites the config file, even with --force when the config places a file at its own path', () => {
    const dir = temp(repoTempDir('self'));
    const config = `import { App, Workflow } from 'devstack-kit';
const app = new App();
app.workflow('devstack.config.ts', Workflow.create('CI').on('push').permissions({ contents: 'read' }).job('test', (j) => j.runsOn('ubuntu-24.04').timeout(10).step({ run: 'npm test' })));
export default app;
`;
    writeFileSync(join(dir, 'devstack.config.ts'), config);
    const r = devstack(dir, 'synth', '--force');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('devstack.config.ts: expected a generated file, received the path of the config file itself, which synth never overwrites [app/reserved-path]');
    expect(readFileSync(join(dir, 'devstack.config.ts'), 'utf8')).toBe(config);
  });
});

describe('devstack errors', () => {
  const badConfig = `import { App, Compose } from 'devstack-kit';
const app = new App();
app.compose('compose.yaml', Compose.parse(\`services:
  api:
    image: example/api:1.0
    healthcheck:
      test: ["CMD", "true"]
      interval: 10
    depends_on:
      cache:
        condition: service_started
      db:
        condition: service_healthy
  db:
    image: postgres:16
\`));
export default app;
`;

  it('devstack check rejects first what Compose, BuildKit and GitHub reject: bad keys, empty image, FROM ${X}, unclosed ${{, empty run, bad env names', () => {
    const dir = temp(repoTempDir('reject'));
    writeFileSync(
      join(dir, 'devstack.config.ts'),
      `import { App, Compose, Dockerfile, Workflow } from 'devstack-kit';
const app = new App();
app.compose('compose.yaml', Compose.parse(\`services:
  api:
    image: ""
    environment:
      "LOG LEVEL": debug
      PASSWORD: pa$word
    labels:
      "a=b": c
  web:
    image: web:\\\${TAG
\`));
app.dockerfile('Dockerfile', Dockerfile.parse('FROM \${BASE}\\nUSER app\\n'));
app.workflow('.github/workflows/ci.yml', Workflow.parse(\`on: push
permissions: {}
env:
  "A=B": x
jobs:
  t:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: ""
      - run: echo \\\${{ github.sha
\`));
export default app;
`,
    );
    const r = devstack(dir, 'check');
    const text = r.stdout + r.stderr;
    expect(r.code, text).toBe(1);
    expect(text).toContain('8 errors');
    for (const code of [
      'compose/empty-image', 'compose/invalid-environment-key', 'compose/invalid-label-key', 'compose/invalid-interpolation', 'compose/undeclared-variable',
      'docker/undeclared-from-arg', 'workflow/invalid-env-name', 'workflow/empty-run', 'workflow/unclosed-expression',
    ]) expect(text, code).toContain(`[${code}]`);
    expect(text).toContain('"$word" in "pa$word" is interpolated by Compose');
    expect(text).not.toContain('[compose/latest-tag]'); // an empty image is empty-image's, not a missing tag
  });

  it('bad content fails listing every problem at once with file, path and code, and writes nothing', () => {
    const dir = temp(repoTempDir('bad'));
    writeFileSync(join(dir, 'devstack.config.ts'), badConfig);
    const r = devstack(dir, 'synth');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('✖ compose.yaml → services.api.healthcheck.interval: expected a duration like "10s", received 10 [compose/schema/invalid-duration]');
    expect(r.stderr).toMatch(/✖ compose\.yaml → services\.api\.depends_on\.cache: .*\[compose\/[a-z-]+\]/);
    expect(r.stderr).toMatch(/✖ compose\.yaml → services\.api\.depends_on\.db.*: .*healthcheck.*\[compose\/[a-z-]+\]/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'compose.yaml'))).toBe(false);
    expect(existsSync(join(dir, '.devstack'))).toBe(false);
    const check = devstack(dir, 'check');
    expect(check.code).toBe(1);
  });

  it('a hand-written file in the way stops synth (exit 1) until --force', () => {
    const dir = temp(copyExample('seed'));
    removeDir(join(dir, '.devstack'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  mine:\n    image: nginx:1.27\n');
    const r = devstack(dir, 'synth');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('compose.yaml: a hand-written file (no devstack-kit marker) is in the way [app/hand-written-file]');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe('services:\n  mine:\n    image: nginx:1.27\n');
    expect(devstack(dir, 'synth', '--force').code).toBe(0);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toContain(MARKER);
  });

  it('exit 2 for a missing config, a config that does not load, a wrong export, and unknown options', () => {
    const dir = temp(repoTempDir('usage'));
    const missing = devstack(dir, 'synth');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no devstack.config.ts in');
    writeFileSync(join(dir, 'devstack.config.ts'), 'export default {;\n');
    const broken = devstack(dir, 'synth');
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('cannot load');
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    expect(devstack(dir, 'synth', '--verbose').stderr).toMatch(/\n\s+at /);
    writeFileSync(join(dir, 'devstack.config.ts'), 'export default 42;\n');
    expect(devstack(dir, 'synth').stderr).toContain('is not a devstack-kit App');
    expect(devstack(dir, 'synth', '--chek').code).toBe(2);
    expect(devstack(dir, 'frobnicate').code).toBe(2);
    expect(devstack(dir, 'synth', '--config', 'nope.ts').code).toBe(2);
  });

  describe('a config that fails to load never shows an internal error: exit 2 with what went wrong', () => {
    const load = (config: string, ...args: string[]) => {
      const dir = temp(repoTempDir('load'));
      writeFileSync(join(dir, 'devstack.config.ts'), config);
      return { ...devstack(dir, 'synth', ...args), file: join(dir, 'devstack.config.ts'), dir };
    };
    const noInternals = (r: { stderr: string }) => {
      expect(r.stderr).not.toMatch(/unexpected error|Cannot read properties|\n\s+at /);
    };

    it('throws a string, null or undefined', () => {
      for (const [thrown, shown] of [["'x'", '"x" (a string), not an Error'], ['null', 'null, not an Error'], ['undefined', 'undefined, not an Error'], ['42', '42 (a number), not an Error']] as const) {
        const r = load(`const ok = true;\nif (ok) throw ${thrown};\nexport default 1;\n`);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toContain(`✖ cannot load ${r.file}: the config threw ${shown}`);
        expect(r.stderr).toContain('fix: throw an Error');
        noInternals(r);
      }
    });

    it('exports a function that throws: its message and the config\'s file:line', () => {
      const r = load(`import { App } from 'devstack-kit';\n\nexport default function build(): App {\n  const app = new App();\n  if (app) throw new Error('no registry configured');\n  return app;\n}\n`);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`✖ cannot load ${r.file}:5: its default export (a function) threw: no registry configured`);
      noInternals(r);
      // the function lives in a module the config imports: that module's file:line
      const dir = temp(repoTempDir('load'));
      writeFileSync(join(dir, 'build.ts'), `import { App } from 'devstack-kit';\n\nexport function build(): App {\n  throw new Error('from the helper');\n}\n`);
      writeFileSync(join(dir, 'devstack.config.ts'), `export { build as default } from './build';\n`);
      const helper = devstack(dir, 'synth');
      expect(helper.code, helper.stderr).toBe(2);
      expect(helper.stderr).toContain(`✖ cannot load ${join(dir, 'devstack.config.ts')}: its default export (a function) threw: from the helper (at ${join(dir, 'build.ts')}:4)`);
      noInternals(helper);
      const thrownNull = load('export default () => {\n  throw null;\n};\n');
      expect(thrownNull.code).toBe(2);
      expect(thrownNull.stderr).toContain(`its default export (a function) threw null, not an Error`);
      noInternals(thrownNull);
    });

    it('exports a promise that never settles (or awaits one, or returns one): exit 2 once the event loop is empty', () => {
      for (const config of ['export default new Promise(() => {});\n', 'await new Promise(() => {});\nexport default 1;\n', 'export default async () => new Promise(() => {});\n']) {
        const r = load(config);
        expect(r.code, `${config}\n${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(`✖ cannot load ${r.file}: the config is still waiting for a promise that never settles`);
        noInternals(r);
      }
    });

    it('calls process.exit, at the top, inside a caught try, or later from a timer: says so, exit 2, and writes nothing', () => {
      const cases = [
        ['const a = 1;\nprocess.exit(0);\nexport default a;\n', 'process.exit(0)', ':2'],
        ['try {\n  process.exit(3);\n} catch {}\nexport default 1;\n', 'process.exit(3)', ':2'],
        ['export default new Promise(() => {\n  setTimeout(() => process.exit(), 5);\n});\n', 'process.exit()', ':2'],
      ] as const;
      for (const [config, call, line] of cases) {
        const r = load(config);
        expect(r.code, `${config}\n${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(`✖ cannot load ${r.file}${line}: the config called ${call} while loading`);
        expect(readdirSync(r.dir)).toEqual(['devstack.config.ts']);
        noInternals(r);
      }
    });

    it('has a syntax error: file:line:col (1-based) and the line itself with a caret', () => {
      const r = load(`import { App } from 'devstack-kit';\nconst app = new App();\nconst x = {;\nexport default app;\n`);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`✖ cannot load ${r.file}:3:12: syntax error: Unexpected token`);
      // the caret sits under the `;`, the 12th character of the line
      expect(r.stderr).toContain(`  3 | const x = {;\n${' '.repeat('  3 | '.length + 11)}^\n`);
      noInternals(r);
      const verbose = load(`const x = {;\n`, '--verbose');
      expect(verbose.stderr).toMatch(/\n\s+at /);
    });

    it('--config without a value (at the end, empty, or followed by another option) is a usage error, not a search for the default config', () => {
      const dir = temp(copyExample('seed'));
      for (const args of [['--config'], ['--config='], ['--config', '--verbose']]) {
        const r = devstack(dir, 'synth', ...args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toContain('✖ --config needs a file path');
        expect(r.stdout).toBe('');
      }
      expect(devstack(dir, 'synth', '--config', 'devstack.config.ts').code).toBe(0);
    });
  });

  it('--help and --version exit 0', () => {
    expect(devstack(ROOT, '--help').code).toBe(0);
    expect(devstack(ROOT, 'synth', '--help').stdout).toContain('--check');
    expect(devstack(ROOT, '--version').stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
