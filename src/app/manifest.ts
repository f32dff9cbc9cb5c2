/**
 * `.devstack/manifest.json`: the record of every file devstack-kit generated in a folder, read
 * without trusting it (an entry is only data from a committed file), and written from a synth result.
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Issue } from '../core/issue.js';
import { normalizeNewlines } from '../core/text.js';
import type { SynthResult } from './app.js';
import { isSafeRelativePath, locate, rootOf } from './paths.js';
import { problem } from './write-inputs.js';

/** Where the manifest of generated files lives, relative to the output folder. */
export const MANIFEST_PATH = '.devstack/manifest.json';

/** One entry of `.devstack/manifest.json`. */
export interface ManifestEntry {
  readonly path: string;
  /** sha256 of the text devstack-kit wrote (for a block, of the block). */
  readonly sha256: string;
  /** True when devstack-kit owns only a marked block of the file (`.gitignore`), not the whole file. */
  readonly block?: boolean;
}

/** The manifest: every file devstack-kit generated in this folder. Only these are ever deleted. */
export interface Manifest {
  readonly generator: 'devstack-kit';
  readonly version: 1;
  readonly files: readonly ManifestEntry[];
}

/**
 * The hash the manifest records: sha256 of the text with line endings normalised to `\n`, so a
 * checkout with CRLF line endings is not an edit.
 *
 * @example
 * ```ts
 * contentHash('a: 1\r\n') === contentHash('a: 1\n'); // true
 * ```
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeNewlines(text)).digest('hex');
}

const SHA256 = /^[0-9a-f]{64}$/;
/** Reads the manifest in `dir`, or an empty one (with a warning when it exists but is unreadable). */
export function readManifest(dir: string): { manifest: Manifest; issues: Issue[] } {
  const empty: Manifest = { generator: 'devstack-kit', version: 1, files: [] };
  const invalid = (message: string) => ({ manifest: empty, issues: [problem('app/invalid-manifest', 'warning', MANIFEST_PATH, `cannot read the manifest: ${message}`, 'the next synth rewrites it')] });
  const located = locate(rootOf(dir), MANIFEST_PATH);
  if ('issue' in located) return invalid(located.issue.message);
  if (located.target.stat === undefined) return { manifest: empty, issues: [] };
  let data: Partial<Manifest>;
  try {
    data = JSON.parse(readFileSync(located.target.abs, 'utf8')) as Partial<Manifest>;
    if (data?.generator !== 'devstack-kit' || !Array.isArray(data.files)) throw new Error('not a devstack-kit manifest');
  } catch (e) {
    return invalid((e as Error).message);
  }
  const files: ManifestEntry[] = [];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  data.files.forEach((f: unknown, i) => {
    const entry = f as Partial<ManifestEntry> | null;
    const path = typeof entry?.path === 'string' ? entry.path : undefined;
    const label = path === undefined ? `${MANIFEST_PATH} entry ${i}` : path;
    if (path === undefined || typeof entry?.sha256 !== 'string' || !SHA256.test(entry.sha256) || (entry.block !== undefined && typeof entry.block !== 'boolean')) {
      issues.push(problem('app/unsafe-manifest-entry', 'warning', label, `expected an entry { path, sha256 (64 hex digits), block? }, received ${JSON.stringify(f)?.slice(0, 200)}; it is ignored`, 'the next synth rewrites the manifest'));
    } else if (!isSafeRelativePath(path)) {
      issues.push(problem('app/unsafe-manifest-entry', 'warning', JSON.stringify(path), 'expected a relative path inside the project, received one that is absolute, uses \\ or .., or has control characters; it is left alone', 'check who edited .devstack/manifest.json'));
    } else if (!seen.has(path)) {
      seen.add(path);
      files.push(entry.block === true ? { path, sha256: entry.sha256, block: true } : { path, sha256: entry.sha256 });
    }
  });
  return { manifest: { generator: 'devstack-kit', version: 1, files }, issues };
}

/** The manifest a synth result records, as written to disk. */
export function manifestText(result: SynthResult): string {
  const files = Object.entries(result.files)
    .map(([path, text]) => (result.blocks?.includes(path) ? { path, sha256: contentHash(text), block: true } : { path, sha256: contentHash(text) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifest: Manifest = { generator: 'devstack-kit', version: 1, files };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
