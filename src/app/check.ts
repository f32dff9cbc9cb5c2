/**
 * Checking a synth result against the files on disk without writing anything: the drift (missing,
 * changed and stale files, each with a git-style patch) and the warnings synth would print.
 * @module
 */
import type { Stats } from 'node:fs';
import { formatPatch, structuredPatch } from 'diff';
import type { SynthResult } from './app.js';
import { plan } from './plan.js';
import type { Drift, FileCheck, WriteOptions } from './write-inputs.js';

/**
 * A git-style patch from `from` (on disk; `undefined`: absent) to `to` (`undefined`: delete), with
 * paths `a/<path>` and `b/<path>`, so it applies with `git apply` and `patch -p1`.
 */
function gitPatch(path: string, from: string | undefined, to: string | undefined, stat: Stats | undefined): string {
  const p = structuredPatch(from === undefined ? '/dev/null' : `a/${path}`, to === undefined ? '/dev/null' : `b/${path}`, from ?? '', to ?? '', undefined, undefined, { context: 3 });
  const mode = stat !== undefined && (stat.mode & 0o111) !== 0 ? '100755' : '100644';
  return formatPatch({ ...p, isGit: true, ...(from === undefined ? { isCreate: true, newMode: '100644' } : {}), ...(to === undefined ? { isDelete: true, oldMode: mode } : {}) });
}

/**
 * Compares a synth result with the files in `dir` without writing anything, and returns the drift
 * with the warnings synth would print (`devstack synth --check`, `devstack diff`). The drift lists
 * every missing and changed file, every file synth would delete (`stale`), and every file in the
 * way, with the {@link Issue} that stops synth (with or without `--force`).
 *
 * @example
 * ```ts
 * const { drift, issues } = checkFiles(app.synth(), process.cwd(), { configFile: 'devstack.config.ts' });
 * // drift: [{ path: 'old.yml', kind: 'stale', diff: 'diff --git a/old.yml b/old.yml\ndeleted file mode 100644\n--- a/old.yml\n+++ /dev/null\n…' }]
 * // issues: [{ code: 'app/stale-file-kept', file: 'notes.yml', … }]
 * ```
 */
export function checkFiles(result: SynthResult, dir: string, options: Omit<WriteOptions, 'force'> = {}): FileCheck {
  const p = plan(result, dir, options);
  const drift: Drift[] = p.conflicts.map((c) => ({ path: c.file ?? '', kind: 'changed' as const, diff: '', issue: c }));
  for (const s of p.steps) {
    const path = s.target.path;
    const kind = s.stale ? 'stale' : s.current === undefined ? 'missing' : 'changed';
    drift.push({ path, kind, diff: gitPatch(path, s.current, s.next, s.target.stat), ...(s.inTheWay ? { issue: s.inTheWay } : {}) });
  }
  return { drift, issues: p.warnings };
}

/**
 * Compares a synth result with the files in `dir` without writing anything (`devstack synth --check`).
 * Returns every missing, changed and stale file with a unified diff; empty when all match. A file in
 * the way counts as changed. See {@link checkFiles} for the warnings too.
 *
 * @example
 * ```ts
 * checkDrift(app.synth(), process.cwd());
 * // [{ path: 'compose.yaml', kind: 'changed', diff: 'diff --git a/compose.yaml b/compose.yaml\n--- a/compose.yaml\n+++ b/compose.yaml\n@@ -3,7 +3,7 @@ …' }]
 * ```
 */
export function checkDrift(result: SynthResult, dir: string, options: Omit<WriteOptions, 'force'> = {}): Drift[] {
  return [...checkFiles(result, dir, options).drift];
}
