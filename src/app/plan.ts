/**
 * The plan of a write: what each path needs (create, update, delete, leave) and what stands in the
 * way, decided without writing anything and with every target checked first. The single source of
 * truth of {@link write} and {@link checkFiles}.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Issue } from '../core/issue.js';
import { hasMarker, normalizeNewlines } from '../core/text.js';
import type { SynthResult } from './app.js';
import { crlfReasons } from './eol.js';
import { blockOf, withBlock, withoutBlock } from './gitignore.js';
import { contentHash, MANIFEST_PATH, manifestText, readManifest, type ManifestEntry } from './manifest.js';
import { configIdentities, identity, inside, isReservedPath, locate, lstatOrAbsent, notWritable, notWritableIssue, readTarget, RESERVED_DIR, rootOf, TEMP, type Target } from './paths.js';
import { problem, type WriteOptions } from './write-inputs.js';

const unclosed = (path: string): Issue => ({
  code: 'gitignore/unclosed-block',
  severity: 'error',
  file: path,
  path: [],
  message: 'the devstack-kit begin and end markers are not paired, so the managed block cannot be found',
  hint: 'restore the missing marker line, or delete both markers and the lines between them',
});

/**
 * The full text a path should have on disk: the synthesized text, or for a managed block the current
 * file with the block put in (`undefined` when the current file's markers are broken).
 */
function expectedText(result: SynthResult, path: string, current: string | undefined): string | undefined {
  const text = result.files[path] as string;
  return result.blocks?.includes(path) ? withBlock(current, text) : text;
}

/** What one path needs: its text now (`undefined`: absent) and the text it should have (`undefined`: delete). */
export interface Step {
  readonly target: Target;
  readonly current: string | undefined;
  readonly next: string | undefined;
  /** Generated earlier and no longer produced by the config (a file to delete or a block to remove). */
  readonly stale: boolean;
  /** Why the file is in the way: written only with `force`. */
  readonly inTheWay?: Issue;
}

export interface Plan {
  readonly root: string;
  /** Paths whose text changes (created, updated, deleted), in result order, then stale ones. */
  readonly steps: Step[];
  readonly unchanged: string[];
  /** Problems no flag overrides: paths outside, links, folders, immutable files, the config, broken block markers. */
  readonly conflicts: Issue[];
  readonly warnings: Issue[];
  /** The manifest's target and text, when it must be written. */
  readonly manifest: { readonly target: Target; readonly text: string } | undefined;
  /** Temporary files an interrupted synth left beside the targets. */
  readonly leftovers: string[];
}

/**
 * Decides, without writing, what each path needs, and checks every target before anything is
 * written. The single source of truth of write and checkDrift.
 */
export function plan(result: SynthResult, dir: string, options: WriteOptions): Plan {
  const root = rootOf(dir);
  const { manifest, issues: warnings } = readManifest(dir);
  const entries = new Map(manifest.files.map((f) => [f.path, f]));
  const config = configIdentities(dir, options.configFile);
  const p: Plan = { root, steps: [], unchanged: [], conflicts: [], warnings: [...warnings], manifest: undefined, leftovers: [] };
  const targets = new Set<string>();
  const folders = new Map<string, Set<string>>();
  const seenFolder = (t: Target): void => {
    const names = folders.get(t.parent) ?? new Set<string>();
    names.add(basename(t.abs));
    folders.set(t.parent, names);
  };
  const isConfig = (t: Target): boolean => t.stat !== undefined && config.has(identity(t.stat));
  // .devstack as it is on disk (a link to a folder inside is followed): nothing generated lands in it
  const manifestAt = locate(root, MANIFEST_PATH);
  const reservedDir = 'target' in manifestAt ? manifestAt.target.parent : join(root, RESERVED_DIR);
  const isReserved = (t: Target): boolean => inside(reservedDir, t.abs);
  const lineEndingsOnly: { target: Target; current: string; next: string }[] = [];

  for (const path of Object.keys(result.files)) {
    const block = result.blocks?.includes(path) === true;
    if (isReservedPath(path)) {
      p.conflicts.push(problem('app/reserved-path', 'error', path, 'expected a path outside .devstack/, which devstack-kit keeps for itself, received one inside it', 'place the file at another path'));
      continue;
    }
    const located = locate(root, path);
    if ('issue' in located) {
      p.conflicts.push(located.issue);
      continue;
    }
    const t = located.target;
    seenFolder(t);
    if (t.stat !== undefined) targets.add(identity(t.stat));
    if (isConfig(t)) {
      p.conflicts.push(problem('app/reserved-path', 'error', path, 'expected a generated file, received the path of the config file itself, which synth never overwrites', 'place the file at another path'));
      continue;
    }
    if (isReserved(t)) {
      p.conflicts.push(problem('app/reserved-path', 'error', path, `expected a path outside .devstack/, received one that leads into it through a symbolic link (${t.abs})`, 'place the file at another path'));
      continue;
    }
    let current: string | undefined;
    try {
      current = readTarget(t);
    } catch (e) {
      p.conflicts.push(notWritableIssue(path, `cannot be read: ${(e as Error).message}`));
      continue;
    }
    const next = expectedText(result, path, current);
    if (next === undefined) {
      p.conflicts.push(unclosed(path));
      continue;
    }
    if (current === next) {
      p.unchanged.push(path);
      continue;
    }
    if (!block && current !== undefined && normalizeNewlines(current) === next) {
      lineEndingsOnly.push({ target: t, current, next });
      continue;
    }
    const why = notWritable(t);
    if (why !== undefined) {
      p.conflicts.push(notWritableIssue(path, why));
      continue;
    }
    p.steps.push({ target: t, current, next, stale: false, ...inTheWay(path, current, block, entries.get(path)) });
  }

  // Only the line endings differ: unchanged when git explains them (it checks the file out with CRLF
  // and commits it with LF), changed otherwise. git is asked once, and only when there are such files.
  if (lineEndingsOnly.length > 0) {
    const reasons = crlfReasons(root, lineEndingsOnly.map((s) => s.target.path));
    for (const s of lineEndingsOnly) {
      const path = s.target.path;
      const reason = reasons.get(path);
      if (reason !== undefined) {
        p.unchanged.push(path);
        p.warnings.push({ code: 'app/line-endings-from-git', severity: 'info', file: path, path: [], message: `differs from the config only in its line endings (CRLF on disk); git checks it out that way here (${reason}), so it counts as unchanged`, hint: 'nothing to do: git commits it with LF' });
        continue;
      }
      p.warnings.push(problem('app/line-endings-differ', 'warning', path, 'differs from the config only in its line endings: CRLF on disk, LF from the config, and neither .gitattributes (eol=crlf) nor git\'s core.autocrlf explains it', `run \`devstack synth\` to write it with LF, or, if the repository wants CRLF, add "${path} text eol=crlf" to .gitattributes`));
      const why = notWritable(s.target);
      if (why !== undefined) p.conflicts.push(notWritableIssue(path, why));
      else p.steps.push({ ...s, stale: false, ...inTheWay(path, s.current, false, entries.get(path)) });
    }
    const order = new Map(Object.keys(result.files).map((path, i) => [path, i]));
    const byResult = (a: string, b: string): number => (order.get(a) ?? 0) - (order.get(b) ?? 0);
    p.steps.sort((a, b) => byResult(a.target.path, b.target.path));
    p.unchanged.sort(byResult);
  }

  for (const entry of entries.values()) {
    if (Object.hasOwn(result.files, entry.path)) continue;
    const unsafe = (message: string): void => {
      p.warnings.push(problem('app/unsafe-manifest-entry', 'warning', entry.path, `${message}; the manifest lists it, but it is left alone`, 'check who edited .devstack/manifest.json; delete the file by hand if it is not wanted'));
    };
    if (isReservedPath(entry.path)) {
      unsafe('expected a generated file, received a path inside .devstack/');
      continue;
    }
    const located = locate(root, entry.path);
    if ('issue' in located) {
      unsafe(located.issue.message);
      continue;
    }
    const t = located.target;
    if (t.stat === undefined) continue;
    if (isConfig(t)) {
      unsafe('expected a generated file, received the config file itself');
      continue;
    }
    if (isReserved(t)) {
      unsafe('expected a generated file, received a path that leads into .devstack/ through a symbolic link');
      continue;
    }
    if (targets.has(identity(t.stat))) {
      unsafe('expected a stale generated file, received a file the config still writes (under another name)');
      continue;
    }
    let current: string;
    try {
      current = readFileSync(t.abs, 'utf8');
    } catch (e) {
      unsafe(`cannot be read: ${(e as Error).message}`);
      continue;
    }
    const kept = (why: string): void => {
      p.warnings.push(problem('app/stale-file-kept', 'warning', entry.path, `no longer produced by the config, kept because ${why}`, 'delete it by hand if it is not wanted'));
    };
    let next: string | undefined;
    if (entry.block) {
      const rest = withoutBlock(current);
      if (rest === undefined) {
        p.conflicts.push(unclosed(entry.path));
        continue;
      }
      const found = blockOf(current);
      if (found === undefined) continue;
      if (contentHash(found) !== entry.sha256) {
        kept('its devstack-kit block was edited since synth wrote it');
        continue;
      }
      next = rest.trim() === '' ? undefined : rest;
    } else if (!hasMarker(current)) {
      kept('it no longer carries the marker');
      continue;
    } else if (contentHash(current) !== entry.sha256) {
      kept('it was edited since synth wrote it (its content hash differs from the manifest)');
      continue;
    }
    const why = notWritable(t);
    if (why !== undefined) {
      p.conflicts.push(notWritableIssue(entry.path, why));
      continue;
    }
    seenFolder(t);
    p.steps.push({ target: t, current, next, stale: true });
  }

  const text = manifestText(result);
  if ('issue' in manifestAt) p.conflicts.push(manifestAt.issue);
  else {
    const t = manifestAt.target;
    seenFolder(t);
    let current: string | undefined;
    try {
      current = readTarget(t);
    } catch {
      current = undefined;
    }
    if (current !== text) {
      const why = notWritable(t);
      if (why !== undefined) p.conflicts.push(notWritableIssue(MANIFEST_PATH, why));
      else (p as { manifest: Plan['manifest'] }).manifest = { target: t, text };
    }
  }

  for (const [folder, names] of folders) {
    let list: string[];
    try {
      list = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of list) {
      const m = TEMP.exec(name);
      if (m === null || !names.has(m[1] as string)) continue;
      const st = lstatOrAbsent(join(folder, name));
      if (st !== undefined && (st.isFile() || st.isSymbolicLink())) p.leftovers.push(join(folder, name));
    }
  }
  return p;
}

/** Why an existing file at a produced path needs `force` (hand-written, marker removed, edited), if it does. */
function inTheWay(path: string, current: string | undefined, block: boolean, entry: ManifestEntry | undefined): { inTheWay?: Issue } {
  if (current === undefined) return {};
  const edited = (): { inTheWay: Issue } => ({
    inTheWay: problem('app/edited-generated-file', 'error', path, `expected the content synth wrote (sha256 ${entry?.sha256.slice(0, 12)}…), received a hand edit (sha256 ${contentHash(block ? (blockOf(current) ?? '') : current).slice(0, 12)}…)`, 'put the change into devstack.config.ts, then run `devstack synth --force` to overwrite the edit'),
  });
  if (block) {
    const found = blockOf(current);
    return entry !== undefined && found !== undefined && contentHash(found) !== entry.sha256 ? edited() : {};
  }
  if (!hasMarker(current)) {
    return entry !== undefined
      ? { inTheWay: problem('app/marker-removed', 'error', path, 'the generated file no longer carries the devstack-kit marker, so it may have been taken over by hand', 'run `devstack synth --force` to overwrite it, or remove it from the config') }
      : { inTheWay: problem('app/hand-written-file', 'error', path, 'a hand-written file (no devstack-kit marker) is in the way', 'move it away, load it with parse() into your config, or run `devstack synth --force` to replace it') };
  }
  return entry !== undefined && contentHash(current) !== entry.sha256 ? edited() : {};
}
