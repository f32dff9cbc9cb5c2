/**
 * Version references in generated files (image refs in `FROM`, `# syntax=`, `COPY --from=`,
 * `image:`; action refs in `uses:`), and the version-only differences between a generated file and
 * the same file after a bot or a hand edited it. Pure: text in, data out.
 * @module
 */

/** A version reference found on one line of a generated file. */
export interface RefToken {
  /** `image` (a container image) or `action` (a GitHub Action in `uses:`). */
  readonly kind: 'image' | 'action';
  /** The image name (`postgres`, `ghcr.io/astral-sh/uv`) or the action (`actions/checkout`). */
  readonly name: string;
  /** The version part: an image's `tag[@digest]`, an action's ref (`v4`, a SHA). */
  readonly version: string;
  /** For an action pinned to a SHA: the tag written in the comment after it (`# v4`). */
  readonly tag?: string;
  /** Where the token starts and ends on its line (the comment included). */
  readonly start: number;
  readonly end: number;
}

/** One version that differs between the generated text and the file on disk. */
export interface VersionChange {
  /** The generated file (relative path). */
  readonly file: string;
  /** 1-based line in that file. */
  readonly line: number;
  readonly kind: 'image' | 'action';
  readonly name: string;
  /** The version the config produces (`16`, `v4`, a SHA). */
  readonly from: string;
  /** The version on disk (`17`, `v5`, a newer SHA). */
  readonly to: string;
  /** The comment tags of a SHA-pinned action (`# v4`), before and after. */
  readonly fromTag?: string;
  readonly toTag?: string;
}

/** The result of comparing one file: its version changes, or why the difference is more than versions. */
export type FileVersionDiff = { readonly changes: readonly VersionChange[] } | { readonly reason: string };

/** Splits an image reference into name and version (`tag`, `tag@digest` or `@digest`). */
export function splitImage(ref: string): { name: string; version: string } {
  const at = ref.indexOf('@');
  const base = at < 0 ? ref : ref.slice(0, at);
  const digest = at < 0 ? '' : ref.slice(at);
  const colon = base.lastIndexOf(':');
  if (colon > base.lastIndexOf('/')) return { name: base.slice(0, colon), version: base.slice(colon + 1) + digest };
  return { name: base, version: digest };
}

/** Joins a name and version back into the reference as it is written. */
export function joinRef(kind: 'image' | 'action', name: string, version: string): string {
  if (kind === 'action') return `${name}@${version}`;
  return version === '' ? name : version.startsWith('@') ? `${name}${version}` : `${name}:${version}`;
}

const USES = /^(\s*(?:- )?uses:\s*)(['"]?)([^\s'"]+)\2(\s+#\s*(\S+))?\s*$/;
const FROM = /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)/i;
const SYNTAX = /^(#\s*syntax\s*=\s*)(\S+)/i;
const COPY_FROM = /^(\s*(?:COPY|ADD|RUN)\b.*?--(?:from|mount=[^\s]*?from)=)([^\s,]+)/i;
const IMAGE = /^(\s*(?:- )?(?:image|container):\s*)(['"]?)([^\s'"#]+)\2\s*$/;

function imageToken(ref: string, start: number): RefToken {
  const { name, version } = splitImage(ref);
  return { kind: 'image', name, version, start, end: start + ref.length };
}

/**
 * The version references on one line of a generated file.
 *
 * @example
 * ```ts
 * lineRefs('      - uses: actions/checkout@v4');
 * // [{ kind: 'action', name: 'actions/checkout', version: 'v4', start: 14, end: 33 }]
 * lineRefs('FROM postgres:16 AS db');
 * // [{ kind: 'image', name: 'postgres', version: '16', start: 5, end: 16 }]
 * ```
 */
export function lineRefs(line: string): RefToken[] {
  let m = USES.exec(line);
  if (m) {
    const value = m[3] as string;
    const start = (m[1] as string).length + (m[2] as string).length;
    if (value.startsWith('docker://')) return [imageToken(value.slice('docker://'.length), start + 'docker://'.length)];
    const at = value.lastIndexOf('@');
    if (value.startsWith('./') || at <= 0) return [];
    const end = m[4] !== undefined ? line.trimEnd().length : start + value.length;
    return [{ kind: 'action', name: value.slice(0, at), version: value.slice(at + 1), ...(m[5] !== undefined ? { tag: m[5] } : {}), start, end }];
  }
  for (const re of [FROM, SYNTAX, COPY_FROM]) {
    m = re.exec(line);
    if (m) return [imageToken(m[2] as string, (m[1] as string).length)];
  }
  m = IMAGE.exec(line);
  if (m) return [imageToken(m[3] as string, (m[1] as string).length + (m[2] as string).length)];
  return [];
}

function masked(line: string, tokens: readonly RefToken[]): string {
  let out = line;
  for (const t of [...tokens].sort((a, b) => b.start - a.start)) out = `${out.slice(0, t.start)}\u0000${out.slice(t.end)}`;
  return out;
}

/**
 * Compares a generated file's text (`expected`, what synth writes) with the file on disk
 * (`actual`): either every difference is a version (the same image or action with another tag,
 * digest, ref or SHA), or the reason it is not.
 *
 * @example
 * ```ts
 * versionDiff('compose.yaml', 'image: postgres:16\n', 'image: postgres:17\n');
 * // { changes: [{ file: 'compose.yaml', line: 1, kind: 'image', name: 'postgres', from: '16', to: '17' }] }
 * versionDiff('compose.yaml', 'image: postgres:16\n', 'image: mysql:8\n');
 * // { reason: 'line 1: the image changed (postgres → mysql), not only its version' }
 * ```
 */
export function versionDiff(file: string, expected: string, actual: string): FileVersionDiff {
  const want = expected.split('\n');
  const have = actual.replace(/\r\n/g, '\n').split('\n');
  if (want.length !== have.length) return { reason: `lines were added or removed (${want.length} lines expected, ${have.length} on disk)` };
  const changes: VersionChange[] = [];
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w === h) continue;
    const wt = lineRefs(w);
    const ht = lineRefs(h);
    if (wt.length === 0 || wt.length !== ht.length || masked(w, wt) !== masked(h, ht)) {
      return { reason: `line ${i + 1} differs in more than a version: ${JSON.stringify(h.trim())} (expected ${JSON.stringify(w.trim())})` };
    }
    for (let k = 0; k < wt.length; k++) {
      const a = wt[k] as RefToken;
      const b = ht[k] as RefToken;
      const same = a.kind === 'action' ? a.name.toLowerCase() === b.name.toLowerCase() : a.name === b.name;
      if (a.kind !== b.kind || !same) return { reason: `line ${i + 1}: the ${a.kind} changed (${a.name} → ${b.name}), not only its version` };
      if ((a.tag === undefined) !== (b.tag === undefined)) return { reason: `line ${i + 1}: the SHA pin comment of ${a.name} was added or removed` };
      if (a.version === b.version && a.tag === b.tag) continue;
      if (a.version === b.version) return { reason: `line ${i + 1}: only the comment after ${a.name}@${a.version} changed (# ${a.tag} → # ${b.tag}); a SHA pin's tag and SHA move together` };
      changes.push({
        file,
        line: i + 1,
        kind: a.kind,
        name: a.name,
        from: a.version,
        to: b.version,
        ...(a.tag !== undefined ? { fromTag: a.tag } : {}),
        ...(b.tag !== undefined ? { toTag: b.tag } : {}),
      });
    }
  }
  return { changes };
}

/** Every version reference in a text, with its 1-based line (to count where a version is used). */
export function textRefs(text: string): (RefToken & { line: number })[] {
  return text.split('\n').flatMap((l, i) => lineRefs(l).map((t) => ({ ...t, line: i + 1 })));
}
