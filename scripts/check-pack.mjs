// Packs the package and runs publint and @arethetypeswrong/cli on the tarball (npm run test:pack).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'devstack-pack-'));
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir]));
  const tarball = join(dir, packed[0].filename);
  console.log(`packed ${packed[0].filename}: ${packed[0].entryCount} files, ${(packed[0].size / 1024).toFixed(1)} KiB`);
  console.log(run('npx', ['--no-install', 'publint', 'run', '--strict', tarball]));
  console.log(run('npx', ['--no-install', 'attw', tarball, '--format', 'ascii']));
  console.log('publint and attw: ok');
} catch (e) {
  console.error(e.stdout ?? '');
  console.error('✖ the packed package has problems (see above)');
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
