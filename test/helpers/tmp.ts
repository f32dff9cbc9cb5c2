import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/**
 * A temporary folder inside the repository (under .tmp/, git-ignored), so that a config's
 * `import … from 'devstack-kit'` resolves to this package by self-reference.
 */
export function repoTempDir(prefix: string): string {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  return mkdtempSync(join(ROOT, '.tmp', `${prefix}-`));
}

/** Copies an example into a fresh temporary folder and returns its path. */
export function copyExample(name: string): string {
  const dir = repoTempDir(`example-${name}`);
  cpSync(join(ROOT, 'examples', name), dir, { recursive: true });
  return dir;
}

/** Removes a temporary folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Copies a project under test/fixtures/projects into a fresh temporary folder: a config whose text tests
 * edit, kept still while the examples change (`backend-only` is the seed example before the presets).
 */
export function copyFixtureProject(name: string): string {
  const dir = repoTempDir(`project-${name}`);
  cpSync(join(ROOT, 'test/fixtures/projects', name), dir, { recursive: true });
  return dir;
}
