/**
 * Where a write, rename or delete lands: relative paths checked for safety, resolved under the output
 * folder without trusting anything on disk (every parent a real folder inside, the file itself a
 * regular file or absent), and the atomic write and removal of such a target.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Issue } from '../core/issue.js';
import { problem } from './write-inputs.js';

/**
 * The folder devstack-kit keeps for itself; no generated file may be placed in it.
 *
 * @example
 * ```ts
 * app.workflow(`${RESERVED_DIR}/ci.yml`, wf); // UsageError: app/reserved-path
 * ```
 */
export const RESERVED_DIR = '.devstack';

/** True for a relative path with `/` separators that stays inside its folder (no control characters). */
export function isSafeRelativePath(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path) || /[\u0000-\u001f\u007f]/.test(path)) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/**
 * True for `.devstack` and every path under it.
 *
 * @example
 * ```ts
 * isReservedPath('.devstack/manifest.json'); // true
 * isReservedPath('.devstackrc');             // false
 * ```
 */
export function isReservedPath(path: string): boolean {
  return path === RESERVED_DIR || path.startsWith(`${RESERVED_DIR}/`);
}

/** A path on disk, its parents resolved: where a write, rename or delete of it lands. */
export interface Target {
  readonly path: string;
  /** The real path of the parent folder (its missing tail not created yet) joined with the name. */
  readonly abs: string;
  /** The parent folder (real up to the first missing folder). */
  readonly parent: string;
  /** `lstat` of the file; `undefined` when absent. */
  readonly stat: Stats | undefined;
}

export type Located = { readonly target: Target } | { readonly issue: Issue };

export function lstatOrAbsent(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export const inside = (root: string, path: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

function describeStat(st: Stats, abs: string): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) {
    let to = '?';
    try {
      to = readlinkSync(abs);
    } catch {
      // unreadable link: say so without its target
    }
    return `a symbolic link (to ${to})`;
  }
  if (st.isFile()) return 'a regular file';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  return 'a device file';
}

/** The real path of the output folder (or the folder as given while it does not exist yet). */
export function rootOf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/**
 * Resolves a relative path under `root` without trusting anything on disk: every existing parent must
 * be a folder (a symbolic link to a folder is followed only when it stays inside `root`), and the file
 * itself must be a regular file or absent.
 */
export function locate(root: string, path: string, severity: 'error' | 'warning' = 'error', code?: string): Located {
  const fail = (c: string, message: string, hint: string): Located => ({ issue: problem(code ?? c, severity, path, message, hint) });
  if (!isSafeRelativePath(path)) return fail('app/path-outside-project', `expected a relative path inside the project, received ${JSON.stringify(path)}`, 'give a relative path with / separators and no ..');
  try {
    const parts = path.split('/');
    const name = parts.pop() as string;
    let cur = root;
    let missing = false;
    for (let i = 0; i < parts.length; i++) {
      const here = parts.slice(0, i + 1).join('/');
      const next = join(cur, parts[i] as string);
      const st = missing ? undefined : lstatOrAbsent(next);
      if (st === undefined) {
        missing = true;
        cur = next;
      } else if (st.isSymbolicLink()) {
        let real: string;
        try {
          real = realpathSync(next);
        } catch {
          return fail('app/not-a-regular-file', `expected "${here}" to be a folder, received ${describeStat(st, next)} that leads nowhere`, `remove the broken link ${here}`);
        }
        if (!inside(root, real)) {
          return fail('app/path-outside-project', `expected "${here}" to be a folder inside the project (${root}), received a symbolic link to ${real}, outside it`, `replace the link ${here} with a real folder, or place the file at another path`);
        }
        if (!statSync(real).isDirectory()) return fail('app/not-a-regular-file', `expected "${here}" to be a folder, received a symbolic link to a file`, `move ${here} away, or place the file at another path`);
        cur = real;
      } else if (st.isDirectory()) {
        cur = next;
      } else {
        return fail('app/not-a-regular-file', `expected "${here}" to be a folder, received ${describeStat(st, next)}`, `move ${here} away, or place the file at another path`);
      }
    }
    const abs = join(cur, name);
    const stat = missing ? undefined : lstatOrAbsent(abs);
    if (stat !== undefined && !stat.isFile()) {
      return fail('app/not-a-regular-file', `expected a regular file (or nothing), received ${describeStat(stat, abs)}`, `move ${path} away, or place the file at another path`);
    }
    return { target: { path, abs, parent: cur, stat } };
  } catch (e) {
    return fail('app/target-not-writable', `cannot be inspected: ${(e as Error).message}`, 'check the permissions of the file and its folders');
  }
}

/** Why a target cannot be replaced or deleted (immutable, read-only file system, folder not writable), if it cannot. */
export function notWritable(t: Target): string | undefined {
  if (t.stat !== undefined) {
    try {
      accessSync(t.abs, constants.W_OK);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // EACCES: a read-only mode; the rename into a writable folder still replaces it
      if (code !== 'EACCES') return `expected a file synth can replace, received one that cannot be changed (${code}: immutable, or on a read-only file system)`;
    }
  }
  let folder = t.parent;
  try {
    while (lstatOrAbsent(folder) === undefined && dirname(folder) !== folder) folder = dirname(folder);
    accessSync(folder, constants.W_OK);
  } catch (e) {
    return `expected the folder ${folder} to be writable, received ${(e as NodeJS.ErrnoException).code} (immutable, read-only file system, or not permitted)`;
  }
  return undefined;
}

export const notWritableIssue = (path: string, why: string): Issue => problem('app/target-not-writable', 'error', path, why, 'make it writable (an immutable file: `chattr -i`), or remove the file from the config');

export const identity = (st: Stats): string => `${st.dev}:${st.ino}`;

/** The identities (device and inode) of the config file, the link and what it points to. */
export function configIdentities(dir: string, configFile: string | undefined): Set<string> {
  const ids = new Set<string>();
  if (configFile === undefined) return ids;
  const path = resolve(dir, configFile);
  for (const get of [lstatSync, statSync]) {
    try {
      ids.add(identity(get(path)));
    } catch {
      // no config file on disk: nothing to protect
    }
  }
  return ids;
}

export function readTarget(t: Target): string | undefined {
  return t.stat === undefined ? undefined : readFileSync(t.abs, 'utf8');
}

/** The name of a temporary file beside `name`: unpredictable, so nothing can be prepared in its place. */
const tempName = (name: string): string => `${name}.devstack-tmp-${randomBytes(8).toString('hex')}`;
/** A temporary file name left by an interrupted synth, and the name of its target. */
export const TEMP = /^(.+)\.devstack-tmp-[0-9a-f]+$/;

/**
 * Writes text atomically: a temporary file created exclusively (`wx`, so never through a link) beside
 * the target, then a rename over it. A replaced file keeps its mode.
 */
export function writeAtomic(t: Target, text: string): void {
  mkdirSync(t.parent, { recursive: true });
  const tmp = join(t.parent, tempName(basename(t.abs)));
  const mode = t.stat === undefined ? undefined : t.stat.mode & 0o7777;
  const fd = openSync(tmp, 'wx', mode ?? 0o666);
  try {
    try {
      writeFileSync(fd, text);
      if (mode !== undefined) fchmodSync(fd, mode);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, t.abs);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Removes the folders a deleted file leaves empty, walking up the path as written (never through a link). */
export function removeEmptyParents(root: string, file: string): void {
  const parts = file.split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    const folder = join(root, ...parts.slice(0, i));
    try {
      if (!lstatSync(folder).isDirectory() || readdirSync(folder).length > 0) return;
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}
