// Packing and installing devstack-kit as a user gets it: `npm pack` of the repository, then
// `npm install <tarball>` into a fresh project outside it (only runtime dependencies come from the registry).
import { execFileSync } from 'node:child_process';

/** Runs npm in `cwd`; returns its stdout (throws with stderr on a non-zero exit). */
export const npm = (cwd: string, args: string[]): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** `npm pack` of the package in `cwd` into `dest`: the tarball's file name and the files it holds. */
export const pack = (cwd: string, dest: string): { filename: string; files: { path: string }[] } =>
  (JSON.parse(npm(cwd, ['pack', '--json', '--pack-destination', dest])) as { filename: string; files: { path: string }[] }[])[0]!;
