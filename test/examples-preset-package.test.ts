// examples/preset-package as a user meets it (issue 9, item 6): devstack-kit and the example preset
// package are packed with `npm pack`, installed from their tarballs into a fresh project outside the
// repository (only their runtime dependencies come from the registry), and there the consumer config
// type-checks with tsc, `devstack synth` writes exactly the committed example files, and each
// `@ts-expect-error` in type-tests.ts fails for the reason it names — across the package boundary.
// Needs dist/ (npm run build), like the CLI tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npm, pack } from './helpers/pack.js';
import { ROOT } from './helpers/tmp.js';

const EXAMPLE = join(ROOT, 'examples/preset-package');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const TSUP = join(ROOT, 'node_modules/tsup/dist/cli-default.js');

let tmp: string;
let app: string;
let presetFiles: string[];

const tsc = (cwd: string) => spawnSync(process.execPath, [TSC, '--noEmit', '-p', 'tsconfig.json'], { cwd, encoding: 'utf8' });

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/stack.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  tmp = mkdtempSync(join(tmpdir(), 'devstack-preset-package-'));
  const kit = pack(ROOT, tmp);

  // The preset package, built as its author would with its dev dependencies (devstack-kit, tsup,
  // typescript) in place: linked from this repository rather than installed from the registry.
  const preset = join(tmp, 'mailpit-preset');
  cpSync(join(EXAMPLE, 'mailpit-preset'), preset, { recursive: true, filter: (src) => !/(node_modules|dist)$/.test(src) });
  mkdirSync(join(preset, 'node_modules'));
  symlinkSync(ROOT, join(preset, 'node_modules/devstack-kit'), 'dir');
  for (const dep of ['tsup', 'typescript']) symlinkSync(join(ROOT, 'node_modules', dep), join(preset, 'node_modules', dep), 'dir');
  execFileSync(process.execPath, [TSUP], { cwd: preset, stdio: ['ignore', 'pipe', 'pipe'] });
  const packed = pack(preset, tmp);
  presetFiles = packed.files.map((f) => f.path).sort();

  // The consumer: a fresh project that installs both tarballs.
  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, skipLibCheck: true, types: [], noEmit: true }, include: ['*.ts'] }, null, 2),
  );
  for (const f of ['devstack.config.ts', 'type-tests.ts']) cpSync(join(EXAMPLE, f), join(app, f));
  npm(app, ['install', '--no-audit', '--no-fund', join(tmp, kit.filename), join(tmp, packed.filename)]);
}, 240_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('examples/preset-package, packed and installed', () => {
  it('the preset package ships its build and declarations, with devstack-kit a peer left external', () => {
    expect(presetFiles).toEqual(['dist/index.d.ts', 'dist/index.js', 'package.json']);
    const js = readFileSync(join(app, 'node_modules/devstack-preset-mailpit/dist/index.js'), 'utf8');
    expect(js).toMatch(/from ["']devstack-kit\/stack["']/);
    expect(js).not.toMatch(/function defineUnit/); // not bundled: the consumer's copy builds the files
    expect(js).toMatch(/from ["']devstack-kit["']/); // the Dockerfile builder of mailTemplates(), too
    expect(js).not.toMatch(/class Dockerfile\b/);
    // the preset's issue code joins devstack-kit's IssueCodes by declaration merging on the root entry
    const dts = readFileSync(join(app, 'node_modules/devstack-preset-mailpit/dist/index.d.ts'), 'utf8');
    expect(dts).toMatch(/declare module ['"]devstack-kit['"] \{\s*interface IssueCodes \{\s*'mailpit\/ui-published': true;/);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/devstack-preset-mailpit/package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    expect(manifest.peerDependencies).toEqual({ 'devstack-kit': '^0.1' });
    // one copy of devstack-kit: the consumer's
    expect(existsSync(join(app, 'node_modules/devstack-preset-mailpit/node_modules/devstack-kit'))).toBe(false);
  });

  it('tsc --noEmit accepts the consumer config and every @ts-expect-error in type-tests.ts is used', () => {
    const r = tsc(app);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('each @ts-expect-error fails for the reason it names', () => {
    // Without the directives, every marked line is an error whose message contains the text after the directive.
    const lines = readFileSync(join(app, 'type-tests.ts'), 'utf8').split('\n');
    const expected = new Map<number, string>();
    const stripped = lines.map((line, i) => {
      const m = /^\s*\/\/ @ts-expect-error (.+)$/.exec(line);
      if (!m) return line;
      expected.set(i + 2, m[1]!.trim()); // the next line, 1-based
      return '// (expected error below)';
    });
    expect(expected.size).toBeGreaterThanOrEqual(7);
    // the kinds of reference issue 9 names, each across the package boundary: a missing declaration,
    // a misspelled service, a misspelled job, and a misspelled stage of the Dockerfile a preset writes
    expect([...expected.values()]).toEqual(
      expect.arrayContaining(['✖ add to the stack first: environment variable "SMTP_URL"', '"mailpitt"', '"mail-chek"', "build: 'serv' is not a stage of this Dockerfile", "'mailpit/ui-publishd'", '"mailpit/ui-publishd"']),
    );
    writeFileSync(join(app, 'type-tests.ts'), stripped.join('\n'));
    const r = tsc(app);
    writeFileSync(join(app, 'type-tests.ts'), lines.join('\n'));
    expect(r.status).not.toBe(0);
    // tsc's output: "file(line,col): error TSxxxx: message" then indented elaborations
    const errors = new Map<number, string>();
    let current: number | undefined;
    for (const line of r.stdout.split('\n')) {
      const m = /^type-tests\.ts\((\d+),\d+\): error (.*)$/.exec(line);
      if (m) {
        current = Number(m[1]);
        errors.set(current, `${errors.get(current) ?? ''}\n${m[2]!}`);
      } else if (/^\S/.test(line)) current = undefined;
      else if (current !== undefined) errors.set(current, `${errors.get(current)!}\n${line}`);
    }
    expect([...errors.keys()].sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const [line, text] of expected) expect(errors.get(line)!.replace(/\\"/g, '"'), `type-tests.ts:${line}`).toContain(text);
  });

  it('devstack synth writes exactly the committed example files', () => {
    const r = spawnSync(join(app, 'node_modules/.bin/devstack'), ['synth'], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(app, '.devstack/manifest.json'), 'utf8')) as { files: { path: string }[] };
    const paths = manifest.files.map((f) => f.path).sort();
    expect(paths).toEqual(['.env.example', '.github/workflows/ci.yml', '.gitignore', 'compose.override.yaml', 'compose.yaml', 'mail-templates/.dockerignore', 'mail-templates/Dockerfile']);
    for (const path of [...paths, '.devstack/manifest.json']) expect(readFileSync(join(app, path), 'utf8'), path).toBe(readFileSync(join(EXAMPLE, path), 'utf8'));
  });
});

describe("devstack-preset-mailpit's own rule (source)", () => {
  it('mailpitLint reports mailpit/ui-published for a UI port on every interface, not on 127.0.0.1, and the App applies lint options to it', async () => {
    const { mailpit, mailpitCodes, mailpitLint } = await import('devstack-preset-mailpit');
    const { Stack } = await import('devstack-kit');
    const found = (app: import('devstack-kit').App) => app.validate().filter((i) => i.code.startsWith('mailpit/') || i.code === 'core/unknown-code').map((i) => `${i.severity}:${i.code}:${i.file}:${i.path.join('.')}`);
    expect(found(Stack.create().add(mailpit()).toApp().check(mailpitLint, mailpitCodes))).toEqual(['warning:mailpit/ui-published:compose.override.yaml:services.mailpit.ports.1']);
    // the check is what finds it: without it, nothing
    expect(found(Stack.create().add(mailpit()).toApp())).toEqual([]);
    const compose = (ports: unknown[], image = 'axllent/mailpit:v1.21') => [{ kind: 'compose' as const, path: 'compose.yaml', model: { services: { mail: { image, ports } } } as never }];
    const codesOf = (ports: unknown[], image?: string) => mailpitLint(compose(ports, image)).map((i) => `${i.code}:${i.path.join('.')}`);
    expect(codesOf(['127.0.0.1:8025:8025', '1025:1025', { target: 8025, published: 8025, host_ip: '127.0.0.1' }, '8025'])).toEqual([]);
    expect(codesOf(['0.0.0.0:8025:8025', { target: 8025, published: 9025 }, '9025:8025/tcp'])).toEqual(['mailpit/ui-published:services.mail.ports.0', 'mailpit/ui-published:services.mail.ports.1', 'mailpit/ui-published:services.mail.ports.2']);
    expect(codesOf(['8025:8025'], 'nginx:1.27')).toEqual([]);
    const lint = { severity: { 'mailpit/ui-published': 'error' as const } };
    expect(found(Stack.create().add(mailpit()).toApp({ lint }).check(mailpitLint, mailpitCodes))).toEqual(['error:mailpit/ui-published:compose.override.yaml:services.mailpit.ports.1']);
    // a lint option naming the code without the check that registers it is an unknown code at run time
    expect(found(Stack.create().add(mailpit()).toApp({ lint }))).toEqual(['error:core/unknown-code:undefined:severity.mailpit/ui-published']);
  });
});

describe('config locations through the packed package (issue 10, item 5)', () => {
  it("an issue from a builder call names the consumer's config line, not devstack-kit's dist/ in node_modules", () => {
    writeFileSync(
      join(app, 'locations.config.ts'),
      "import { App, Compose } from 'devstack-kit';\n\nconst app = new App();\napp.compose('compose.yaml', Compose.create().service('db', (s) =>\n  s.image('postgres:latest')));\nexport default app;\n",
    );
    const r = spawnSync(join(app, 'node_modules/.bin/devstack'), ['check', '--json', '--config', 'locations.config.ts'], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const doc = JSON.parse(r.stdout) as { issues: { code: string; source?: unknown }[] };
    expect(doc.issues.find((i) => i.code === 'compose/latest-tag')?.source).toEqual({ file: 'locations.config.ts', line: 5, column: 5 });
  });
});

describe('devstack-preset-mailpit options (source)', () => {
  it('refuses a bad port or name with a UsageError naming the option and a fix', async () => {
    const { mailpit, mailpitCheck } = await import('devstack-preset-mailpit');
    expect(() => mailpit({ uiPort: 0 })).toThrow(/stack\/invalid-option: mailpit uiPort must be a port number from 1 to 65535, received 0\n {2}fix: /);
    expect(() => mailpit({ smtpPort: 70000 })).toThrow(/mailpit smtpPort .* received 70000/);
    expect(() => mailpit({ name: 'Mail Pit' })).toThrow(/mailpit name must be a service name .* received "Mail Pit"/);
    expect(() => mailpitCheck({ service: '' })).toThrow(/mailpitCheck service must be a service name/);
  });

  it('mailTemplates refuses a privileged port, a bad budget or name, with a UsageError naming the option', async () => {
    const { mailTemplates } = await import('devstack-preset-mailpit');
    expect(() => mailTemplates({ port: 80 })).toThrow(/stack\/invalid-option: mailTemplates port must be above 1023: nginx runs as a user that is not root, received 80\n {2}fix: /);
    expect(() => mailTemplates({ port: 70000 })).toThrow(/mailTemplates port must be a port number from 1 to 65535, received 70000/);
    expect(() => mailTemplates({ budgetMB: 0 })).toThrow(/stack\/invalid-budget: mailTemplates budgetMB must be a positive number of decimal megabytes, received 0/);
    expect(() => mailTemplates({ name: 'Mail Templates' })).toThrow(/mailTemplates name must be a service name .* received "Mail Templates"/);
  });

  it("mailTemplates' handle carries its Dockerfile's stages; a stage it lacks is refused at run time too", async () => {
    const { mailTemplates } = await import('devstack-preset-mailpit');
    const { Stack } = await import('devstack-kit');
    const stack = Stack.create().add(mailTemplates({ name: 'mails', dir: 'emails', budgetMB: 70 }));
    const handle = stack.unit('mails');
    expect(handle.dockerfile.stages).toEqual(['render', 'serve']);
    expect([handle.dockerfile.path, handle.dockerfile.context, handle.jobs.image, handle.port]).toEqual(['emails/Dockerfile', 'emails', 'mails-image', 8080]);
    expect(stack.images()).toEqual([{ name: 'mails', dockerfile: 'emails/Dockerfile', context: 'emails', target: 'serve', budgetMB: 70, job: 'mails-image' }]);
    // an untyped caller (plain JavaScript) gets compose/unknown-stage instead of the compile error
    expect(() => stack.service('preview', (s) => s.build(handle.dockerfile, { target: 'serv' as 'serve' }))).toThrow(/compose\/unknown-stage: "serv" is not a stage of emails\/Dockerfile \(stages: render, serve\)/);
  });
});
