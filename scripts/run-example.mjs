// The README's first command: synthesize the bundled example (examples/seed) with the built CLI into a
// fresh folder, show every file it wrote, and check that the committed example matches its config.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const cli = join(root, 'dist/cli.js');
const example = join(root, 'examples/seed');
mkdirSync(join(root, '.tmp'), { recursive: true });
const out = mkdtempSync(join(root, '.tmp', 'example-'));
const run = (cwd, args) => execFileSync(process.execPath, [cli, ...args], { cwd, stdio: 'inherit' });

try {
  // only the config and the app's own sources: everything else is generated
  cpSync(join(example, 'devstack.config.ts'), join(out, 'devstack.config.ts'));
  cpSync(join(example, 'backend/app'), join(out, 'backend/app'), { recursive: true });
  for (const f of ['pyproject.toml', 'uv.lock', 'logging.ini']) cpSync(join(example, 'backend', f), join(out, 'backend', f));
  cpSync(join(example, 'frontend'), join(out, 'frontend'), { recursive: true, filter: (src) => !/(Dockerfile|\.dockerignore|node_modules)$/.test(src) });

  console.log(`$ npx devstack synth        # examples/seed/devstack.config.ts, in a fresh folder`);
  run(out, ['synth']);
  const manifest = JSON.parse(readFileSync(join(out, '.devstack/manifest.json'), 'utf8'));
  for (const { path } of manifest.files) {
    console.log(`\n──── ${path} ────`);
    process.stdout.write(readFileSync(join(out, path), 'utf8'));
  }
  console.log(`\n$ npx devstack synth --check   # the committed examples/seed`);
  run(example, ['synth', '--check']);
} finally {
  rmSync(out, { recursive: true, force: true });
}
