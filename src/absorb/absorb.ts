/**
 * `devstack absorb`: moves version changes made in generated files (a Dependabot or Renovate pull
 * request, a hand edit) into the config source, so that `synth --check` passes again. A version the
 * config writes as a literal is rewritten where it is written; an action version that comes from a
 * typed helper's default gets an explicit `{ version: '…' }` option. Everything else is reported.
 * @module
 */
import { closeSync, fchmodSync, openSync, statSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { SynthResult } from '../app/app.js';
import { checkFiles, write, type Drift } from '../app/write.js';
import { buildPush, dockerLogin, dockerMetadata, setupBuildx } from '../workflow/actions/docker.js';
import { cache, checkout, downloadArtifact, setupNode, setupPython, uploadArtifact } from '../workflow/actions/github.js';
import { setupUv } from '../workflow/actions/uv.js';
import type { AbsorbCode } from './codes.js';
import { joinRef, textRefs, versionDiff, type VersionChange } from './refs.js';
import { configSources, findCalls, literalOccurrences, placeOf, scanSource, type Scan } from './source.js';

/**
 * The typed action helpers whose version option `absorb` can write: helper name → its action and
 * default version (read from the helpers themselves, so a new default moves with them).
 *
 * @example
 * ```ts
 * ACTION_HELPERS.checkout; // { action: 'actions/checkout', version: 'v4' }
 * ```
 */
export const ACTION_HELPERS: Readonly<Record<string, { readonly action: string; readonly version: string }>> = Object.freeze(
  Object.fromEntries(
    Object.entries({
      checkout: checkout(),
      setupNode: setupNode(),
      setupPython: setupPython(),
      cache: cache({ path: '', key: '' }),
      uploadArtifact: uploadArtifact({ path: '' }),
      downloadArtifact: downloadArtifact(),
      setupBuildx: setupBuildx(),
      dockerLogin: dockerLogin(),
      dockerMetadata: dockerMetadata({ images: '' }),
      buildPush: buildPush(),
      setupUv: setupUv(),
    }).map(([name, step]) => {
      const at = step.uses.lastIndexOf('@');
      return [name, Object.freeze({ action: step.uses.slice(0, at), version: step.uses.slice(at + 1) })];
    }),
  ),
);

/** A version change moved into the config, and the edits that did it. */
export interface Absorbed {
  readonly change: VersionChange;
  /** True when an option was added on a guess (a preset's default image), kept because synth then reproduced the files. */
  readonly guess?: boolean;
  /** Human-readable edits: `devstack.config.ts:12:18: 'postgres:16' → 'postgres:17'`. */
  readonly edits: readonly string[];
}

/** A version change that could not be moved into the config, and why. */
export interface NotAbsorbed {
  readonly change: VersionChange;
  readonly reason: string;
  /** Why, as a documented code (docs/rules.md). */
  readonly code: AbsorbCode;
}

/** What {@link absorb} found and did. */
export interface AbsorbReport {
  /** Every version change found in the generated files. */
  readonly changes: readonly VersionChange[];
  readonly absorbed: readonly Absorbed[];
  readonly notAbsorbed: readonly NotAbsorbed[];
  /** Drifted files whose difference is more than versions (left alone). */
  readonly notVersionOnly: readonly { readonly path: string; readonly reason: string; readonly code: 'absorb/not-version-only' }[];
  /** Config source files rewritten (absolute paths). */
  readonly rewritten: readonly string[];
  /** True when, after the rewrite, every generated file matches the config (`synth --check` passes). */
  readonly clean: boolean;
  /** Files that still differ after the rewrite (when it was undone). */
  readonly stillDiffering: readonly string[];
}

/** Options for {@link absorb}. */
export interface AbsorbOptions {
  /** The folder the files are generated into. */
  readonly dir: string;
  /** The config file; it and the local modules it imports are the sources searched and rewritten. */
  readonly configFile: string;
  /** Loads the config again and synthesizes it (called after the rewrite, to check it). */
  readonly resynth: () => Promise<SynthResult>;
}

/**
 * The version changes in the drift: from the generated files edited since synth wrote them (their
 * hash differs from the manifest's) whose only differences are versions; every other drifted file
 * with why. A file synth wrote unchanged while the config moved on (Renovate updated the config) is
 * never read as an edit, so absorb cannot turn a config update back.
 *
 * @example
 * ```ts
 * const { drift } = checkFiles(result, dir);
 * versionDrift(result, dir, drift).changes; // [{ file: 'compose.yaml', line: 4, kind: 'image', name: 'postgres', from: '16', to: '17' }]
 * ```
 */
export function versionDrift(result: SynthResult, dir: string, drift: readonly Drift[]): { changes: VersionChange[]; notVersionOnly: { path: string; reason: string; code: 'absorb/not-version-only' }[] } {
  const changes: VersionChange[] = [];
  const notVersionOnly: { path: string; reason: string; code: 'absorb/not-version-only' }[] = [];
  const code = 'absorb/not-version-only' as const;
  for (const d of drift) {
    const expected = result.files[d.path];
    if (d.kind !== 'changed' || expected === undefined || (result.blocks ?? []).includes(d.path)) {
      notVersionOnly.push({ code, path: d.path, reason: d.kind === 'missing' ? 'missing on disk; run npx devstack synth' : d.kind === 'stale' ? 'no longer produced by the config; run npx devstack synth' : 'a managed block, not a whole generated file' });
      continue;
    }
    if (d.issue === undefined) {
      // the file is what synth last wrote (its manifest hash matches): the config changed, not the file
      notVersionOnly.push({ code, path: d.path, reason: 'the file is as synth last wrote it (its manifest hash matches): the config changed, not the file; run npx devstack synth' });
      continue;
    }
    if (d.issue.code !== 'app/edited-generated-file') {
      notVersionOnly.push({ code, path: d.path, reason: `${d.issue.message} [${d.issue.code}]` });
      continue;
    }
    let actual: string;
    try {
      actual = readFileSync(join(dir, d.path), 'utf8');
    } catch (e) {
      notVersionOnly.push({ code, path: d.path, reason: `cannot be read: ${(e as Error).message}` });
      continue;
    }
    const diff = versionDiff(d.path, expected, actual);
    if ('reason' in diff) notVersionOnly.push({ code, path: d.path, reason: `not only versions changed: ${diff.reason}; put the change into the config and run npx devstack synth --force` });
    else changes.push(...diff.changes);
  }
  return { changes, notVersionOnly };
}

/**
 * One line describing a change: `compose.yaml:5 postgres:16 → postgres:17`.
 *
 * @example
 * ```ts
 * describeChange({ file: 'ci.yml', line: 9, kind: 'action', name: 'actions/checkout', from: 'v4', to: 'v5' });
 * // 'ci.yml:9 actions/checkout@v4 → actions/checkout@v5'
 * ```
 */
export function describeChange(c: VersionChange): string {
  const tag = (t: string | undefined): string => (t === undefined ? '' : ` # ${t}`);
  return `${c.file}:${c.line} ${joinRef(c.kind, c.name, c.from)}${tag(c.fromTag)} → ${joinRef(c.kind, c.name, c.to)}${tag(c.toTag)}`;
}

interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly scan: Scan;
}

interface Edit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly note: string;
  /** An edit that may not be what made the version (checked by synthesizing again). */
  readonly guess?: boolean;
}

interface Group {
  readonly kind: 'image' | 'action';
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly changes: VersionChange[];
}

/** Where the generated files use `name` at version `from` (for SHA pins: the SHA), as `file:line`. */
function usesOf(result: SynthResult, kind: 'image' | 'action', name: string, version: string, byTag: boolean): string[] {
  const places: string[] = [];
  for (const [path, text] of Object.entries(result.files)) {
    for (const t of textRefs(text)) {
      const sameName = kind === 'action' ? t.name.toLowerCase() === name.toLowerCase() : t.name === name;
      if (t.kind === kind && sameName && (byTag ? t.tag === version : t.version === version)) places.push(`${path}:${t.line}`);
    }
  }
  return places;
}

/**
 * Moves the version-only drift of the generated files into the config source. Rewrites the source
 * files atomically, synthesizes again with `resynth`, and keeps the rewrite only if every file that
 * had only version changes now matches; otherwise it puts the sources back. When nothing else
 * differs, the manifest is brought up to date too, so `synth --check` passes.
 *
 * @example
 * ```ts
 * const report = await absorb({ dir, configFile, resynth: async () => (await loadApp(configFile)).app.synth() });
 * report.absorbed.map((a) => a.edits); // [["devstack.config.ts:12:18: 'postgres:16' → 'postgres:17'"]]
 * ```
 */
export async function absorb(options: AbsorbOptions): Promise<AbsorbReport> {
  const { dir, configFile } = options;
  const before = await options.resynth();
  const { drift } = checkFiles(before, dir, { configFile });
  const { changes, notVersionOnly } = versionDrift(before, dir, drift);
  const base = dir;
  const sources: SourceFile[] = configSources(configFile).map((path) => {
    const text = readFileSync(path, 'utf8');
    return { path, text, scan: scanSource(text) };
  });
  const where = (s: SourceFile, offset: number): string => placeOf(relative(base, s.path) || basename(s.path), s.text, offset);

  // group the same change seen in several places (one config line can produce many generated lines)
  const groups = new Map<string, Group>();
  const notAbsorbed: NotAbsorbed[] = [];
  for (const c of changes) {
    const key = `${c.kind}\u0000${c.name.toLowerCase()}\u0000${c.from}\u0000${c.fromTag ?? ''}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { kind: c.kind, name: c.name, from: c.from, to: c.to, changes: [c] });
    else if (g.to !== c.to || g.changes[0]?.toTag !== c.toTag) {
      notAbsorbed.push({ change: c, code: 'absorb/ambiguous', reason: `${joinRef(c.kind, c.name, c.from)} was changed to two different versions (${describeChange(g.changes[0] as VersionChange)}; ${describeChange(c)}); make them agree first` });
    } else g.changes.push(c);
  }

  const edits: Edit[] = [];
  const absorbed: Absorbed[] = [];
  const literalEdits = (needle: string, replacement: string): Edit[] =>
    sources.flatMap((s) =>
      literalOccurrences(s.text, s.scan, needle).map((at) => ({ file: s.path, start: at, end: at + needle.length, text: replacement, note: `${where(s, at)}: '${needle}' → '${replacement}'` })),
    );

  for (const g of groups.values()) {
    const first = g.changes[0] as VersionChange;
    const pinned = first.fromTag !== undefined;
    const used = usesOf(before, g.kind, g.name, g.from, false);
    const changed = new Set(g.changes.map((c) => `${c.file}:${c.line}`));
    const unchanged = used.filter((u) => !changed.has(u));
    const planned: Edit[] = [];
    let problem: string | undefined;
    let problemCode: AbsorbCode = 'absorb/literal-not-found';

    if (g.kind === 'image') {
      const from = joinRef('image', g.name, g.from);
      const to = joinRef('image', g.name, g.to);
      planned.push(...literalEdits(from, to));
      if (planned.length === 0) {
        // a preset's default image (postgres() → postgres:17-alpine): give the preset an explicit image option
        planned.push(...imageOptionEdits(g.name, to, sources, where));
        if (planned.length === 0) problem = `the config does not write '${from}' as a string (it comes from a default of devstack-kit or of a preset, or is computed); give the image explicitly where it is made, e.g. image: '${to}'`;
      }
    } else {
      if (pinned) {
        // a SHA pin: the SHA is written in .pin('sha', { 'owner/repo@tag': '<sha>' })
        const shaEdits = literalEdits(g.from, g.to);
        if (shaEdits.length === 0) problem = `the config does not write the SHA ${g.from} (pin it with .pin('sha', { '${g.name}@${first.fromTag}': '${g.to}' }))`;
        planned.push(...shaEdits);
      }
      const fromRef = pinned ? (first.fromTag as string) : g.from;
      const toRef = pinned ? (first.toTag as string) : g.to;
      if (problem === undefined && fromRef !== toRef) {
        const r = actionRefEdits(g.name, fromRef, toRef, literalEdits, sources, where);
        planned.push(...r.edits);
        if (r.edits.length === 0) problem = r.problem;
      }
    }

    if (problem === undefined && unchanged.length > 0) {
      problemCode = 'absorb/ambiguous';
      problem = `${joinRef(g.kind, g.name, g.from)} is also used unchanged at ${unchanged.join(', ')}; the config writes it at ${planned.map((e) => e.note.split(': ')[0]).join(', ')}, so absorb cannot tell which to change — change them all in the generated files, or edit the config by hand`;
    }
    if (problem === undefined) {
      const clash = planned.find((p) => edits.some((e) => e.file === p.file && e.start < p.end && p.start < e.end));
      if (clash) {
        problemCode = 'absorb/ambiguous';
        problem = `${clash.note.split(': ')[0]} is already rewritten for another change`;
      }
    }
    if (problem !== undefined) {
      for (const c of g.changes) notAbsorbed.push({ change: c, code: problemCode, reason: problem });
      continue;
    }
    const unique = planned.filter((p, i) => planned.findIndex((q) => q.file === p.file && q.start === p.start && q.end === p.end) === i);
    edits.push(...unique);
    absorbed.push({ change: first, edits: unique.map((e) => e.note), ...(unique.some((e) => e.guess) ? { guess: true } : {}) });
  }

  const attempt = await apply(edits, absorbed, notAbsorbed);
  if (attempt.ok || !absorbed.some((a) => a.guess)) return attempt.report;
  // a guessed option (a preset's image) did not reproduce the files: try again without the guesses
  const guessed = absorbed.filter((a) => a.guess);
  const kept = absorbed.filter((a) => !a.guess);
  const keptNotes = new Set(kept.flatMap((a) => a.edits));
  const without = [
    ...notAbsorbed,
    ...guessed.flatMap((a) => changes.filter((c) => sameGroup(c, a.change)).map((c) => ({ change: c, code: 'absorb/not-reproduced' as const, reason: `the config does not write '${joinRef(c.kind, c.name, c.from)}'; ${a.edits.join('; ')} did not reproduce the generated files, so it was not kept — give the image explicitly where it is made` }))),
  ];
  return (await apply(edits.filter((e) => keptNotes.has(e.note)), kept, without)).report;

  /** Applies edits, synthesizes again, and keeps them only if the files they were for now match. */
  async function apply(edits: readonly Edit[], absorbed: readonly Absorbed[], notAbsorbed: readonly NotAbsorbed[]): Promise<{ ok: boolean; report: AbsorbReport }> {
    if (edits.length === 0) {
      return { ok: true, report: { changes, absorbed: [], notAbsorbed, notVersionOnly, rewritten: [], clean: drift.length === 0, stillDiffering: drift.map((d) => d.path) } };
    }
    return applyEdits(edits, absorbed, notAbsorbed);
  }
  async function applyEdits(edits: readonly Edit[], absorbed: readonly Absorbed[], notAbsorbed: readonly NotAbsorbed[]): Promise<{ ok: boolean; report: AbsorbReport }> {

  // apply: each file's edits from the end, so earlier offsets stay valid
  const originals = new Map<string, string>();
  const next = new Map<string, string>();
  for (const s of sources) {
    const mine = edits.filter((e) => e.file === s.path).sort((a, b) => b.start - a.start);
    if (mine.length === 0) continue;
    let text = s.text;
    for (const e of mine) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    originals.set(s.path, s.text);
    next.set(s.path, text);
  }
  for (const [path, text] of next) writeAtomic(path, text);

  let after: SynthResult;
  try {
    after = await options.resynth();
  } catch (e) {
    for (const [path, text] of originals) writeAtomic(path, text);
    throw e;
  }
  const remaining = checkFiles(after, dir, { configFile }).drift;
  const touched = new Set(changes.map((c) => c.file));
  const partly = new Set(notAbsorbed.map((n) => n.change.file));
  const whole = [...touched].filter((f) => !partly.has(f));
  // every file whose changes were all absorbed must now match; no other file may change
  const collateral = [...new Set([...Object.keys(before.files), ...Object.keys(after.files)])].filter((p) => before.files[p] !== after.files[p] && !touched.has(p));
  const stillDiffering = [...remaining.filter((d) => whole.includes(d.path)).map((d) => d.path), ...collateral];
  if (stillDiffering.length > 0) {
    for (const [path, text] of originals) writeAtomic(path, text);
    return {
      ok: false,
      report: {
        changes,
        absorbed: [],
        notAbsorbed: [...notAbsorbed, ...absorbed.map((a) => ({ change: a.change, code: 'absorb/not-reproduced' as const, reason: `rewriting ${a.edits.join('; ')} did not reproduce the generated files (${stillDiffering.join(', ')} would differ); the config was put back` }))],
        notVersionOnly,
        rewritten: [],
        clean: false,
        stillDiffering,
      },
    };
  }
  // the files on disk now equal what synth writes: bring the manifest's hashes up to date
  if (remaining.length === 0) write(after, dir, { configFile });
  return { ok: true, report: { changes, absorbed, notAbsorbed, notVersionOnly, rewritten: [...next.keys()], clean: remaining.length === 0, stillDiffering: remaining.map((d) => d.path) } };
  }
}

function sameGroup(a: VersionChange, b: VersionChange): boolean {
  return a.kind === b.kind && a.name.toLowerCase() === b.name.toLowerCase() && a.from === b.from && a.fromTag === b.fromTag;
}

/**
 * A guess for an image that is a preset's default: calls of a function named after the image
 * (`postgres(…)` for `postgres`, `uv(…)` for `ghcr.io/astral-sh/uv`) whose options object has no
 * `image` get `image: '<new>'`. Checked by synthesizing again, and dropped if wrong.
 */
function imageOptionEdits(image: string, to: string, sources: readonly SourceFile[], where: (s: SourceFile, offset: number) => string): Edit[] {
  const fn = (image.split('/').pop() ?? image).replace(/[^A-Za-z0-9_$]/g, '');
  if (fn === '' || /^\d/.test(fn)) return [];
  const edits: Edit[] = [];
  for (const s of sources) {
    for (const call of findCalls(s.text, s.scan, fn)) {
      const option = `image: '${to}'`;
      const a = call.args[0];
      if (a === undefined) {
        edits.push({ file: s.path, start: call.open + 1, end: call.close, text: `{ ${option} }`, note: `${where(s, call.at)}: ${fn}() → ${fn}({ ${option} })`, guess: true });
        continue;
      }
      const text = s.text.slice(a.start, a.end);
      if (!/^\{[\s\S]*\}$/.test(text) || /(^|[{,\s])['"]?image['"]?\s*:/.test(text)) continue;
      const empty = /^\{\s*\}$/.test(text);
      edits.push({ file: s.path, start: a.start, end: empty ? a.end : a.start + 1, text: empty ? `{ ${option} }` : `{ ${option},`, note: `${where(s, call.at)}: added ${option} to ${fn}(…)`, guess: true });
    }
  }
  return edits;
}

/** The edits that move an action from `fromRef` to `toRef`: `uses('a/b@v4')` literals and typed helper calls. */
function actionRefEdits(
  action: string,
  fromRef: string,
  toRef: string,
  literalEdits: (needle: string, replacement: string) => Edit[],
  sources: readonly SourceFile[],
  where: (s: SourceFile, offset: number) => string,
): { edits: Edit[]; problem: string } {
  const edits = literalEdits(`${action}@${fromRef}`, `${action}@${toRef}`);
  const helpers = Object.entries(ACTION_HELPERS).filter(([, h]) => h.action.toLowerCase() === action.toLowerCase());
  const notes: string[] = [];
  for (const [name, helper] of helpers) {
    for (const s of sources) {
      for (const call of findCalls(s.text, s.scan, name)) {
        const options = call.args[1];
        const optText = options === undefined ? undefined : s.text.slice(options.start, options.end);
        const versionAt = optText === undefined ? null : /(^|[{,\s])version\s*:\s*(['"`])([^'"`]*)\2/.exec(optText);
        if (versionAt !== null && options !== undefined) {
          const value = versionAt[3] as string;
          if (value !== fromRef) continue;
          const start = options.start + versionAt.index + versionAt[0].length - 1 - value.length;
          edits.push({ file: s.path, start, end: start + value.length, text: toRef, note: `${where(s, start)}: ${name}(…, { version: '${fromRef}' }) → '${toRef}'` });
          continue;
        }
        if (helper.version !== fromRef) continue;
        // the version is the helper's default: add a typed override
        const override = `version: '${toRef}'`;
        if (call.args.length === 0) {
          edits.push({ file: s.path, start: call.open + 1, end: call.close, text: `{}, { ${override} }`, note: `${where(s, call.at)}: ${name}() → ${name}({}, { ${override} })` });
        } else if (call.args.length === 1) {
          const a = call.args[0] as { start: number; end: number };
          edits.push({ file: s.path, start: a.end, end: a.end, text: `, { ${override} }`, note: `${where(s, call.at)}: added { ${override} } to ${name}(…)` });
        } else if (options !== undefined && optText !== undefined && /^\{[\s\S]*\}$/.test(optText)) {
          const empty = /^\{\s*\}$/.test(optText);
          edits.push({ file: s.path, start: options.start, end: empty ? options.end : options.start + 1, text: empty ? `{ ${override} }` : `{ ${override},`, note: `${where(s, call.at)}: added ${override} to ${name}(…)'s options` });
        } else {
          notes.push(`${where(s, call.at)}: ${name}(…)'s options are not an object literal; add ${override} to them by hand`);
        }
      }
    }
  }
  const helperNames = helpers.map(([n]) => `${n}(`).join(', ');
  return {
    edits,
    problem:
      notes.length > 0
        ? notes.join('; ')
        : `the config writes neither '${action}@${fromRef}' nor a call of ${helperNames || 'a typed helper for it'}; the version comes from a devstack-kit default inside a preset (it moves with devstack-kit releases) — write that step yourself with ${helpers.length > 0 ? `${helpers[0]?.[0]}({ … }, { version: '${toRef}' })` : `uses('${action}@${toRef}')`}, or update devstack-kit`,
  };
}

/** Writes a file by a temporary file and a rename, keeping its mode. */
function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.absorb-${process.pid}.tmp`);
  const mode = statSync(path).mode & 0o7777;
  const fd = openSync(tmp, 'wx', mode);
  try {
    try {
      writeFileSync(fd, text);
      fchmodSync(fd, mode);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
