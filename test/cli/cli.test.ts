import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER } from '../../src/core/yaml.js';
import { copyExample, removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';

const CLI = join(ROOT, 'dist/cli.js');

function devstack(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
    expect(check.stdout).toMatch(/generated files match the config/);
    const again = devstack(dir, 'synth');
    expect(again.stdout).not.toMatch(/created|updated|deleted/);
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

  it('a hand edit to a generated file makes --check exit 1 with a diff, and synth repairs it', () => {
    const dir = temp(copyExample('seed'));
    const file = join(dir, 'compose.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('retries: 5', 'retries: 9'));
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('-      retries: 9');
    expect(check.stdout).toContain('+      retries: 5');
    expect(check.stderr).toContain('compose.yaml: differs from the config');
    expect(devstack(dir, 'synth').code).toBe(0);
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
    expect(text).toMatch(/^app\.workflow\(.*\);$/m);
    writeFileSync(join(dir, '.github/workflows/hand-written.yml'), 'name: mine\non: push\njobs: {}\n');
    writeFileSync(config, text.replace(/^app\.workflow\(.*\);$/m, ''));
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
    writeFileSync(join(dir, 'compose.yaml'), `# ${MARKER}\nservices: {}\n`);
    const r = devstack(join(dir, 'backend', 'app'), 'synth');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/updated\s+compose\.yaml/);
    expect(existsSync(join(dir, 'backend', 'app', 'compose.yaml'))).toBe(false);
  });

  it('caches the transpiled config in node_modules/.cache, and an edited config is read again', () => {
    const dir = temp(copyExample('seed'));
    mkdirSync(join(dir, 'node_modules'));
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
    expect(readdirSync(join(dir, 'node_modules/.cache/devstack-kit/jiti')).length).toBeGreaterThan(0);
    const config = join(dir, 'devstack.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("timeout: '5s', retries: 5", "timeout: '5s', retries: 7"));
    const check = devstack(dir, 'synth', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('+      retries: 7');
  });

  it('diff shows what synth would change and writes nothing', () => {
    const dir = temp(copyExample('seed'));
    writeFileSync(join(dir, 'compose.yaml'), `# ${MARKER}\nservices: {}\n`);
    const diff = devstack(dir, 'diff');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('+++ compose.yaml (from config)');
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(`# ${MARKER}\nservices: {}\n`);
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
