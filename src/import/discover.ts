/**
 * Finding the files `devstack import` reads in a project, and reading them.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { importKind, type ImportSource } from './index.js';

const SKIP = new Set(['node_modules', '.git', '.devstack', '.tmp', 'dist', 'build', '.venv', 'venv', 'target', 'vendor']);

/**
 * Every file under `dir` that `devstack import` can read (Dockerfiles and their `.dockerignore`,
 * compose files, `.github/workflows/*.yml`, `action.yml`), as paths from `dir` with `/`, sorted.
 * Skips `node_modules`, `.git`, build output and virtual environments.
 *
 * @example
 * ```ts
 * findImportable('/work/project'); // ['.github/workflows/ci.yml', 'Dockerfile', 'compose.yaml']
 * ```
 */
export function findImportable(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number): void => {
    if (depth > 8) return;
    let entries;
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = rel === '' ? e.name : posix.join(rel, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && (!e.name.startsWith('.') || e.name === '.github' || (rel === '.github' && (e.name === 'workflows' || e.name === 'actions')))) walk(path, depth + 1);
      } else if (e.isFile() && importKind(path) !== undefined) out.push(path);
    }
  };
  walk('', 0);
  return out.sort();
}

/** Reads files as {@link ImportSource}s; a file that cannot be read throws with its path and the reason. */
export function readSources(dir: string, paths: readonly string[]): ImportSource[] {
  return paths.map((path) => {
    try {
      return { path, text: readFileSync(join(dir, path), 'utf8') };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'a folder, not a file' : err.code === 'EACCES' ? 'permission denied' : err.message;
      throw new Error(`cannot read ${path}: ${reason}`);
    }
  });
}
