/**
 * Writing a {@link SynthResult} to disk: the manifest, stale-file cleanup, atomic writes, drift checks.
 * This module and the ones it is made of (paths, manifest, plan, check) are the only ones (with the
 * CLI) that touch the file system.
 *
 * Every write, rename and delete lands on a regular file inside the output folder, checked after
 * resolving the symbolic links of every parent folder. Entries of `.devstack/manifest.json` are data
 * from a committed file, so they are not trusted: a path is deleted only when it is inside, a regular
 * file, carries the marker and still has the content hash the manifest recorded.
 * @module
 */
import { unlinkSync } from 'node:fs';
import type { SynthResult } from './app.js';
import type { Issue } from '../core/issue.js';
import { MANIFEST_PATH } from './manifest.js';
import { isReservedPath, locate, notWritable, notWritableIssue, readTarget, removeEmptyParents, rootOf, writeAtomic, type Target } from './paths.js';
import { plan } from './plan.js';
import { problem, WriteError, type WriteOptions, type WriteReport } from './write-inputs.js';

export { checkDrift, checkFiles } from './check.js';
export { contentHash, MANIFEST_PATH, readManifest, type Manifest, type ManifestEntry } from './manifest.js';
export { isReservedPath, isSafeRelativePath, RESERVED_DIR } from './paths.js';
export { WriteError, writeCodes, type Drift, type FileCheck, type WriteOptions, type WriteReport } from './write-inputs.js';

/**
 * Writes a synth result into `dir`: creates and updates files atomically, leaves unchanged files
 * untouched (their modification time stays), deletes files that an earlier synth generated and the
 * config no longer produces, and records everything in `.devstack/manifest.json`.
 *
 * Every target is checked before anything is written; if any is in the way, nothing is written and
 * a {@link WriteError} lists them all. A hand-written file, or a generated one whose marker was
 * removed or whose content was edited, is replaced only with `force`. No flag lets synth write
 * outside `dir` (a symbolic link to a folder outside is an error), replace anything but a regular
 * file, touch an immutable file, or write the config file. A manifest entry is deleted only when it
 * is a regular file inside `dir` that carries the marker and still has the recorded hash; any other
 * is reported and left alone. A replaced file keeps its mode.
 *
 * @example
 * ```ts
 * const report = write(app.synth(), process.cwd(), { configFile: 'devstack.config.ts' });
 * // report.created: ['backend/Dockerfile', 'compose.yaml'], report.deleted: ['.github/workflows/old.yml']
 * ```
 */
export function write(result: SynthResult, dir: string, options: WriteOptions = {}): WriteReport {
  const p = plan(result, dir, options);
  const conflicts = [...p.conflicts, ...(options.force === true ? [] : p.steps.flatMap((s) => (s.inTheWay ? [s.inTheWay] : [])))];
  if (conflicts.length > 0) throw new WriteError(conflicts);
  for (const leftover of p.leftovers) {
    try {
      unlinkSync(leftover);
    } catch {
      // a left-over temporary file that cannot be removed is harmless: its name is never reused
    }
  }
  const report = { created: [] as string[], updated: [] as string[], unchanged: p.unchanged, deleted: [] as string[], issues: p.warnings };
  for (const step of p.steps) {
    if (step.next === undefined) {
      unlinkSync(step.target.abs);
      removeEmptyParents(p.root, step.target.path);
      report.deleted.push(step.target.path);
    } else {
      writeAtomic(step.target, step.next);
      (step.current === undefined ? report.created : report.updated).push(step.target.path);
    }
  }
  if (p.manifest) writeAtomic(p.manifest.target, p.manifest.text);
  return report;
}

/**
 * Reads a file of the project (`package.json`, `.gitattributes`) with the checks synth applies to its
 * targets: inside `dir`, no symbolic link leading out, a regular file. Returns `undefined` when it is
 * absent; throws a {@link WriteError} when something else is in its place.
 *
 * @example
 * ```ts
 * readProjectFile(process.cwd(), 'package.json'); // '{\n  "name": "shop",\n …' or undefined
 * ```
 */
export function readProjectFile(dir: string, path: string): string | undefined {
  const located = locate(rootOf(dir), path);
  if ('issue' in located) throw new WriteError([located.issue]);
  try {
    return readTarget(located.target);
  } catch (e) {
    throw new WriteError([notWritableIssue(path, `cannot be read: ${(e as Error).message}`)]);
  }
}

/** One change of {@link writeProjectFiles}: the text a path gets, or `undefined` to delete it. */
export interface ProjectFileChange {
  readonly path: string;
  readonly text: string | undefined;
}

/**
 * Writes files a person owns or shares with devstack-kit (`devstack init` and `devstack eject`: the
 * config, `package.json`, `.gitattributes`, the files eject unmarks, the manifest it deletes) with the
 * primitives synth uses: every target is checked first (inside `dir`, no link leading out, a regular
 * file, writable; nothing in `.devstack/` but the manifest) and nothing is written when any fails (a
 * {@link WriteError} lists them all); then each is written atomically, keeping its mode, or deleted
 * (with the folders it leaves empty). Unchanged files are not touched. Returns what changed.
 *
 * @example
 * ```ts
 * writeProjectFiles(process.cwd(), [{ path: '.gitattributes', text: '/Dockerfile linguist-generated eol=lf\n' }]);
 * // { created: ['.gitattributes'], updated: [], deleted: [], unchanged: [] }
 * ```
 */
export function writeProjectFiles(dir: string, changes: readonly ProjectFileChange[]): { created: string[]; updated: string[]; deleted: string[]; unchanged: string[] } {
  const root = rootOf(dir);
  const conflicts: Issue[] = [];
  const steps: { target: Target; current: string | undefined; next: string | undefined }[] = [];
  const unchanged: string[] = [];
  for (const { path, text } of changes) {
    if (isReservedPath(path) && path !== MANIFEST_PATH) {
      conflicts.push(problem('app/reserved-path', 'error', path, 'expected a path outside .devstack/, which devstack-kit keeps for itself, received one inside it', 'place the file at another path'));
      continue;
    }
    const located = locate(root, path);
    if ('issue' in located) {
      conflicts.push(located.issue);
      continue;
    }
    const t = located.target;
    let current: string | undefined;
    try {
      current = readTarget(t);
    } catch (e) {
      conflicts.push(notWritableIssue(path, `cannot be read: ${(e as Error).message}`));
      continue;
    }
    if (current === text) {
      unchanged.push(path);
      continue;
    }
    const why = notWritable(t);
    if (why !== undefined) {
      conflicts.push(notWritableIssue(path, why));
      continue;
    }
    steps.push({ target: t, current, next: text });
  }
  if (conflicts.length > 0) throw new WriteError(conflicts);
  const report = { created: [] as string[], updated: [] as string[], deleted: [] as string[], unchanged };
  for (const step of steps) {
    if (step.next === undefined) {
      unlinkSync(step.target.abs);
      removeEmptyParents(root, step.target.path);
      report.deleted.push(step.target.path);
    } else {
      writeAtomic(step.target, step.next);
      (step.current === undefined ? report.created : report.updated).push(step.target.path);
    }
  }
  return report;
}
