// The README's first command: synthesize the bundled example with the built CLI, check it, and show
// what was written.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const example = resolve('examples/seed');
const cli = resolve('dist/cli.js');
const run = (args) => execFileSync(process.execPath, [cli, ...args], { cwd: example, stdio: 'inherit' });

console.log(`$ cd examples/seed && npx devstack synth`);
run(['synth']);
console.log(`\n$ npx devstack synth --check`);
run(['synth', '--check']);
const manifest = JSON.parse(readFileSync(join(example, '.devstack/manifest.json'), 'utf8'));
for (const { path } of manifest.files) {
  console.log(`\n──── examples/seed/${path} ────`);
  process.stdout.write(readFileSync(join(example, path), 'utf8'));
}
