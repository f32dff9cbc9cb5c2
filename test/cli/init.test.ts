import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMarker, removeMarker } from '../../src/core/text.js';
import { INIT_HEADER } from '../../src/init/init.js';
import { RENOVATE_PRESET, RENOVATE_SNIPPET } from '../../src/init/renovate.js';
import { removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';
import { CLI, runDevstack } from '../helpers/cli.js';
import { sameContent } from '../import/corpus-harness.js';

const CORPUS = join(ROOT, '../shared/corpus');

function devstack(cwd: string, ...args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_ACTIONS;
  return runDevstack(cwd, args, env);
}

const dirs: string[] = [];
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => dirs.forEach(removeDir));

/** A project folder: its own package.json scope, with devstack-kit installed (a link to this package). */
function project(files: Record<string, string> = {}): string {
  const dir = repoTempDir('init');
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'devstack-kit'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Every file (outside node_modules and .git) with its content and modification time. */
function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const path = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.name === 'node_modules' || e.name === '.git') continue;
    if (e.isDirectory()) Object.assign(out, tree(dir, path));
    else out[path] = `${createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')} ${statSync(join(dir, path)).mtimeMs}`;
  }
  return out;
}

const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');
const corpus = (path: string): string => readFileSync(join(CORPUS, path), 'utf8');

// a package.json as a person formats it: four spaces, an array on one line, fields in their order
const PACKAGE = `{
    "name": "shop",
    "version": "1.2.3",
    "files": ["dist", "README.md"],
    "scripts": {
        "test": "vitest"
    },
    "devDependencies": { "devstack-kit": "^0.1.0" }
}
`;

describe('devstack init on a real project (corpus files at their usual paths)', () => {
  const files: Record<string, string> = {
    'web/Dockerfile': corpus('dockerfile/nginx-nodejs-redis__web__Dockerfile'),
    'compose.yaml': corpus('compose/nginx-nodejs-redis__compose.yaml'),
    '.github/workflows/django.yml': corpus('workflows/ci__django.yml'),
    '.github/workflows/blank.yml': corpus('workflows/ci__blank.yml'),
    'package.json': PACKAGE,
    '.gitattributes': '* text=auto\n',
  };

  it('imports, takes the files over, passes synth --check; a second init changes nothing; eject leaves the plain files', () => {
    const dir = project(files);
    execFileSync('git', ['init', '-q', dir]);
    const before = tree(dir);

    const init = devstack(dir, 'init');
    expect(init.stderr).not.toContain('✖');
    expect(init.code).toBe(0);
    // it shows what changes: the patch of each file it takes over, then a line per file
    expect(init.stdout).toContain('diff --git a/compose.yaml b/compose.yaml');
    expect(init.stdout).toMatch(/^created\s+devstack\.config\.ts\s+\(imported from 4 files\)$/m);
    for (const path of ['web/Dockerfile', 'compose.yaml', '.github/workflows/django.yml', '.github/workflows/blank.yml']) {
      expect(init.stdout).toMatch(new RegExp(`^took over\\s+${path.replace(/[./]/g, '\\$&')}\\s+\\(gains the marker`, 'm'));
      expect(hasMarker(read(dir, path))).toBe(true);
    }
    expect(init.stdout).toMatch(/^created\s+\.github\/workflows\/devstack\.yml/m);
    expect(read(dir, 'devstack.config.ts').startsWith(`${INIT_HEADER}\n`)).toBe(true);
    // the CI workflow runs synth --check
    expect(read(dir, '.github/workflows/devstack.yml')).toContain('npx devstack synth --check');

    // package.json gains only the scripts, everything else byte for byte
    expect(read(dir, 'package.json')).toBe(`{
    "name": "shop",
    "version": "1.2.3",
    "files": ["dist", "README.md"],
    "scripts": {
        "test": "vitest",
        "devstack:synth": "devstack synth",
        "devstack:check": "devstack synth --check"
    },
    "devDependencies": { "devstack-kit": "^0.1.0" }
}
`);
    // .gitattributes keeps its line and gains a block that git reads as meant
    const attributes = read(dir, '.gitattributes');
    expect(attributes.startsWith('* text=auto\n\n# >>> devstack-kit')).toBe(true);
    const attr = execFileSync('git', ['-C', dir, 'check-attr', 'linguist-generated', 'eol', '--', 'web/Dockerfile', '.devstack/manifest.json', 'package.json', 'other/web/Dockerfile'], { encoding: 'utf8' });
    expect(attr).toContain('web/Dockerfile: linguist-generated: set\nweb/Dockerfile: eol: lf');
    expect(attr).toContain('.devstack/manifest.json: linguist-generated: set');
    expect(attr).toContain('package.json: linguist-generated: unspecified');
    expect(attr).toContain('other/web/Dockerfile: linguist-generated: unspecified');
    // devstack-kit's preset after config:recommended: by name when package.json names the GitHub
    // repository, else its managers and ignorePaths written in
    const renovate = JSON.parse(read(dir, 'renovate.json')) as Record<string, unknown>;
    const shipped = JSON.parse(readFileSync(join(ROOT, 'renovate.json'), 'utf8')) as Record<string, unknown>;
    expect(renovate.extends).toEqual(['config:recommended', ...(RENOVATE_PRESET !== undefined ? [RENOVATE_PRESET] : [])]);
    if (RENOVATE_PRESET === undefined) {
      expect(renovate.customManagers).toEqual(shipped.customManagers);
      expect(renovate.ignorePaths).toEqual(shipped.ignorePaths);
    }

    const check = devstack(dir, 'synth', '--check');
    expect(check.stderr).toContain('match the config');
    expect(check.code).toBe(0);

    const afterInit = tree(dir);
    const again = devstack(dir, 'init');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already set up, nothing changed');
    expect(tree(dir)).toEqual(afterInit);

    const generated = Object.fromEntries(Object.keys(files).map((p) => [p, read(dir, p)]));
    const eject = devstack(dir, 'eject');
    expect(eject.code).toBe(0);
    expect(eject.stdout).toMatch(/^unmarked\s+compose\.yaml$/m);
    expect(existsSync(join(dir, '.devstack/manifest.json'))).toBe(false);
    expect(read(dir, '.gitattributes')).toBe('* text=auto\n');
    for (const path of ['web/Dockerfile', 'compose.yaml', '.github/workflows/django.yml', '.github/workflows/blank.yml', '.github/workflows/devstack.yml']) {
      expect(hasMarker(read(dir, path))).toBe(false);
    }
    // plain files: what synth wrote without the marker line, the same content as before init
    for (const path of ['web/Dockerfile', 'compose.yaml', '.github/workflows/django.yml', '.github/workflows/blank.yml']) {
      expect(read(dir, path)).toBe(removeMarker(generated[path] as string));
    }
    // the same content as before init, by outside parsers (dockerfile-ast; YAML data)
    for (const path of ['web/Dockerfile', 'compose.yaml', '.github/workflows/django.yml', '.github/workflows/blank.yml']) {
      expect(sameContent(path, files[path] as string, read(dir, path)), path).toBeUndefined();
    }
    // the config and the scripts stay, listed for a person to delete
    expect(eject.stdout).toMatch(/^left alone\s+devstack\.config\.ts/m);
    expect(Object.keys(before).every((p) => existsSync(join(dir, p)))).toBe(true);

    // init again after eject takes the plain files back (they are exactly what synth writes but the marker)
    const back = devstack(dir, 'init');
    expect(back.stderr).not.toContain('✖');
    expect(back.code).toBe(0);
    expect(back.stdout).toMatch(/^took over\s+compose\.yaml\s+\(gains the marker; nothing else changes\)$/m);
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
  });

  it('init after eject refuses a plain file edited since: a person wrote it', () => {
    const dir = project({ Dockerfile: 'FROM node:22-slim\nUSER node\n' });
    expect(devstack(dir, 'init').code).toBe(0);
    expect(devstack(dir, 'eject').code).toBe(0);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22-slim\nUSER node\nCMD ["node"]\n');
    const before = tree(dir);
    const r = devstack(dir, 'init');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[app/hand-written-file]');
    expect(tree(dir)).toEqual(before);
  });

  it('a file already in the layout synth writes comes back from eject byte for byte', () => {
    const dockerfile = 'FROM node:22-slim\nUSER node\nCMD ["node", "server.js"]\n';
    const dir = project({ Dockerfile: dockerfile });
    expect(devstack(dir, 'init').code).toBe(0);
    expect(read(dir, 'Dockerfile')).not.toBe(dockerfile);
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
    expect(devstack(dir, 'eject').code).toBe(0);
    expect(read(dir, 'Dockerfile')).toBe(dockerfile);
    expect(existsSync(join(dir, '.devstack'))).toBe(false);
    expect(existsSync(join(dir, '.gitattributes'))).toBe(false);
  });

  it('--dry-run shows the patches and the plan and writes nothing', () => {
    const dir = project(files);
    const before = tree(dir);
    const r = devstack(dir, 'init', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('diff --git a/web/Dockerfile b/web/Dockerfile');
    expect(r.stdout).toContain('files would change');
    expect(tree(dir)).toEqual(before);
  });

  it('--quiet prints only the summary line when nothing needs a person', () => {
    const dir = project(files);
    const r = devstack(dir, 'init', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ devstack init: 9 files changed; next: review, then commit (CI runs npx devstack synth --check)\n');
  });

  it('--json prints one document with every action', () => {
    const dir = project(files);
    const r = devstack(dir, 'init', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { command: string; ok: boolean; actions: { action: string; path: string }[] };
    expect(doc.command).toBe('init');
    expect(doc.ok).toBe(true);
    expect(doc.actions.filter((a) => a.action === 'took over').map((a) => a.path).sort()).toEqual(['.github/workflows/blank.yml', '.github/workflows/django.yml', 'compose.yaml', 'web/Dockerfile']);
  });
});

describe('devstack init in an empty project', () => {
  it('writes the commented starter, package.json, .gitattributes and renovate.json; synth --check and check pass; the starter examples are valid', () => {
    const dir = project();
    const r = devstack(dir, 'init');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^created\s+devstack\.config\.ts\s+\(a commented starter\)$/m);
    const config = read(dir, 'devstack.config.ts');
    expect(config).toContain("// app.dockerfile('Dockerfile'");
    expect(JSON.parse(read(dir, 'package.json'))).toEqual({ private: true, scripts: { 'devstack:synth': 'devstack synth', 'devstack:check': 'devstack synth --check' } });
    expect(read(dir, 'renovate.json')).toBe(RENOVATE_SNIPPET);
    expect(read(dir, '.gitattributes')).toContain('/.github/workflows/devstack.yml linguist-generated eol=lf');
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
    expect(devstack(dir, 'check').code).toBe(0);
    const afterInit = tree(dir);
    expect(devstack(dir, 'init').code).toBe(0);
    expect(tree(dir)).toEqual(afterInit);

    // uncommenting the examples (and importing what they use) gives a config that checks and synthesizes
    const uncommented = config.replace(/^\/\/ (app\.(dockerfile|compose)\()/gm, '$1').replace("import { App, Workflow } from 'devstack-kit';", "import { App, Compose, Dockerfile, Workflow } from 'devstack-kit';");
    writeFileSync(join(dir, 'devstack.config.ts'), uncommented);
    const check = devstack(dir, 'check');
    expect(check.stderr).not.toContain('✖');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('3 files');
    expect(devstack(dir, 'synth').code).toBe(0);
  });
});

describe('devstack init never loses what a person wrote', () => {
  it('an existing devstack.config.ts: refused without --force (nothing written); --force keeps it and sets up the rest', () => {
    const mine = "import { App } from 'devstack-kit';\n// mine\nexport default new App();\n";
    const dir = project({ 'devstack.config.ts': mine, 'package.json': PACKAGE });
    const before = tree(dir);
    const r = devstack(dir, 'init');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('devstack.config.ts exists and was not written by devstack init');
    expect(r.stderr).toContain('fix: pass --force');
    expect(tree(dir)).toEqual(before);

    const forced = devstack(dir, 'init', '--force');
    expect(forced.code).toBe(0);
    // the config is not edited: the CI workflow to add is printed
    expect(forced.stdout).toMatch(/^left alone\s+devstack\.config\.ts\s+\(no workflow in it runs devstack synth --check/m);
    expect(forced.stdout).toContain("app.workflow('.github/workflows/devstack.yml', Workflow.create('devstack')");
    expect(read(dir, 'devstack.config.ts')).toBe(mine);
    expect(JSON.parse(read(dir, 'package.json')).scripts['devstack:check']).toBe('devstack synth --check');
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
  });

  it('eject turns the .gitignore block into plain lines and keeps the person\'s lines', () => {
    const config = "import { App } from 'devstack-kit';\nconst app = new App();\napp.gitignore(['.env', 'dist/']);\nexport default app;\n";
    const dir = project({ 'devstack.config.ts': config, '.gitignore': 'node_modules\n' });
    expect(devstack(dir, 'init', '--force').code).toBe(0);
    expect(read(dir, '.gitignore')).toContain('# >>> devstack-kit');
    // the .gitignore block is in a person's file: not listed in .gitattributes
    expect(read(dir, '.gitattributes')).not.toContain('.gitignore');
    const r = devstack(dir, 'eject');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^unmarked\s+\.gitignore\s+\(the devstack-kit block is plain lines now\)$/m);
    expect(read(dir, '.gitignore')).toBe('node_modules\n\n.env\ndist/\n');
    expect(existsSync(join(dir, '.devstack'))).toBe(false);
  });

  it('an existing Renovate config is left alone and the snippet printed; a script of the same name is kept', () => {
    const renovate = '{\n  // mine\n  "extends": ["config:recommended"]\n}\n';
    const pkg = '{\n  "name": "x",\n  "scripts": { "devstack:synth": "devstack synth --force" }\n}\n';
    const dir = project({ '.github/renovate.json5': renovate, 'package.json': pkg });
    const r = devstack(dir, 'init');
    expect(r.code).toBe(0);
    expect(read(dir, '.github/renovate.json5')).toBe(renovate);
    expect(existsSync(join(dir, 'renovate.json'))).toBe(false);
    expect(r.stdout).toMatch(/^left alone\s+\.github\/renovate\.json5/m);
    expect(r.stdout).toContain(RENOVATE_SNIPPET);
    const scripts = JSON.parse(read(dir, 'package.json')).scripts;
    expect(scripts).toEqual({ 'devstack:synth': 'devstack synth --force', 'devstack:check': 'devstack synth --check' });
    expect(r.stdout).toMatch(/^left alone\s+package\.json\s+\(script devstack:synth is "devstack synth --force"/m);
  });

  it('a renovate key in package.json counts as a Renovate config', () => {
    const dir = project({ 'package.json': '{ "name": "x", "renovate": { "extends": ["config:base"] } }\n' });
    const r = devstack(dir, 'init');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'renovate.json'))).toBe(false);
    expect(r.stdout).toMatch(/^left alone\s+package\.json\s+\(a Renovate configuration exists/m);
  });

  it('a hand-written file where the CI workflow would go is imported, and the workflow goes beside it', () => {
    const dir = project({ '.github/workflows/devstack.yml': corpus('workflows/ci__blank.yml') });
    expect(devstack(dir, 'init').code).toBe(0);
    expect(read(dir, '.github/workflows/devstack-kit.yml')).toContain('npx devstack synth --check');
    expect(devstack(dir, 'synth', '--check').code).toBe(0);
  });

  it('a package.json that is not JSON stops init with nothing written', () => {
    const dir = project({ 'package.json': '{ "name": ' });
    const before = tree(dir);
    const r = devstack(dir, 'init');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('package.json:');
    expect(tree(dir)).toEqual(before);
  });

  it('without devstack-kit installed, init says so and writes nothing', () => {
    const dir = project({ 'package.json': '{ "name": "x" }\n', Dockerfile: 'FROM node:22-slim\nUSER node\n' });
    rmSync(join(dir, 'node_modules'), { recursive: true });
    const before = tree(dir);
    const r = devstack(dir, 'init');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fix: is devstack-kit installed here (npm i -D devstack-kit)?');
    expect(tree(dir)).toEqual(before);
  });

  it('eject without a manifest is a usage error', () => {
    const dir = project();
    const r = devstack(dir, 'eject');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing devstack-kit generated to eject');
  });
});

