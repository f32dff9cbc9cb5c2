import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './tmp.js';

/** The built CLI (`npm run build` writes it). */
export const CLI = join(ROOT, 'dist/cli.js');

/** What one `devstack` run gave: exit code and both streams. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI in `cwd` with `env` (default: this process's, without colour). */
export function runDevstack(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `devstack <args…>` in `cwd`, without colour. */
export function devstack(cwd: string, ...args: string[]): CliRun {
  return runDevstack(cwd, args);
}
