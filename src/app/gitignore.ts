/**
 * `.gitignore` entries, written as a managed block inside the project's own `.gitignore`: the lines
 * between the two marker comments belong to devstack-kit, everything else stays as the user wrote it.
 * @module
 */
import { z } from 'zod';
import type { KindHandler } from '../core/kind.js';
import { defineCodes } from '../core/rule.js';
import { schemaCodes, schemaThenRules } from '../core/schema.js';

/** The first line of a managed block. */
export const BLOCK_BEGIN = '# >>> devstack-kit: generated from devstack.config.ts; run npx devstack synth';
/** The last line of a managed block. */
export const BLOCK_END = '# <<< devstack-kit';

/**
 * The two marker lines around a managed block in a file the user owns. The `.gitignore` block synth
 * writes uses {@link GITIGNORE_MARKERS}; `devstack init` marks its `.gitattributes` block with its own.
 *
 * @example
 * ```ts
 * const markers: BlockMarkers = { begin: '# >>> devstack-kit: written by npx devstack init', end: '# <<< devstack-kit' };
 * withBlock('* text=auto\n', `${markers.begin}\n/Dockerfile linguist-generated\n${markers.end}\n`, markers);
 * ```
 */
export interface BlockMarkers {
  readonly begin: string;
  readonly end: string;
}

/** The markers of the `.gitignore` block synth writes ({@link BLOCK_BEGIN}, {@link BLOCK_END}). */
export const GITIGNORE_MARKERS: BlockMarkers = Object.freeze({ begin: BLOCK_BEGIN, end: BLOCK_END });

/** The model of the managed `.gitignore` block: its patterns, in order. */
export const GitignoreModelSchema = z
  .object({
    patterns: z.array(
      z.string().min(1)
        .refine((p) => !/[\r\n]/.test(p), { message: 'a pattern is one line' })
        .refine((p) => !/[ \t]$/.test(p), { message: 'expected a pattern without trailing white space (git ignores it)', params: { code: 'invalid-format', hint: 'remove the trailing white space' } }),
    ),
  })
  .strict();

/**
 * The managed `.gitignore` block.
 *
 * @example
 * ```ts
 * const m: GitignoreModel = { patterns: ['.env'] };
 * // # >>> devstack-kit: generated from devstack.config.ts; run npx devstack synth
 * // .env
 * // # <<< devstack-kit
 * ```
 */
export type GitignoreModel = z.infer<typeof GitignoreModelSchema>;

/** Codes of the `.gitignore` block. */
export const gitignoreCodes = defineCodes([
  ...schemaCodes('gitignore', 'the .gitignore block'),
  {
    code: 'gitignore/unclosed-block',
    severity: 'error',
    summary: 'A .gitignore has the devstack-kit begin marker without the end marker (or the other way round).',
    fix: 'Restore the missing `# <<< devstack-kit` (or begin) line, or delete both markers and the lines between them.',
  },
]);

/**
 * Writes one pattern as a literal line: a leading `#` would make it a comment and a leading `!` a
 * negation, so both are escaped with `\` (as git documents).
 *
 * @example `gitignoreLine('#notes')` → `'\\#notes'`
 */
export function gitignoreLine(pattern: string): string {
  return /^[#!]/.test(pattern) ? `\\${pattern}` : pattern;
}

/** The block's lines, markers excluded (`mark` adds them). */
function render(model: GitignoreModel): string {
  return `${[...new Set(model.patterns)].map(gitignoreLine).join('\n')}\n`;
}

/**
 * The kind handler of the managed `.gitignore` block. Its "text" is the block itself; `write()`
 * puts it into the existing file (or a new one) between the markers.
 */
export const gitignoreKind: KindHandler<GitignoreModel> = Object.freeze({
  kind: 'gitignore',
  codes: gitignoreCodes,
  validate: schemaThenRules<GitignoreModel>(GitignoreModelSchema, 'gitignore', []),
  render,
  mark: (text: string) => `${BLOCK_BEGIN}\n${text}${BLOCK_END}\n`,
  parse(text: string, file?: string) {
    const located = findBlock(text);
    if (located === 'unclosed') {
      return { model: undefined, issues: [{ code: 'gitignore/unclosed-block', severity: 'error' as const, message: 'the devstack-kit markers are not paired', path: [], ...(file ? { file } : {}) }] };
    }
    const body = located ? text.slice(located.start, located.end).replace(/\r\n?/g, '\n').split('\n').slice(1, -2) : [];
    return { model: { patterns: body.filter((l) => l !== '').map((l) => (/^\\[#!]/.test(l) ? l.slice(1) : l)) }, issues: [] };
  },
});

/** Where the block is in a text: `[start, end)` spans the marker lines and their line endings (`\n` or `\r\n`). */
export function findBlock(text: string, markers: BlockMarkers = GITIGNORE_MARKERS): { start: number; end: number } | undefined | 'unclosed' {
  const lines = text.split('\n');
  const bare = lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const b = bare.indexOf(markers.begin);
  const e = bare.indexOf(markers.end);
  if (b === -1 && e === -1) return undefined;
  if (b === -1 || e === -1 || e < b) return 'unclosed';
  const offset = (i: number): number => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  return { start: offset(b), end: Math.min(text.length, offset(e + 1)) };
}

/** The line ending a text uses: `\r\n` when its first line ends with one, else `\n`. */
function eolOf(text: string): string {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * Puts a block into a file's text: replaces the existing block, or appends it (after a blank line).
 * A file with CRLF line endings gets the block with CRLF line endings too. Returns `undefined` when
 * the file's markers are not paired.
 *
 * @example
 * ```ts
 * withBlock('node_modules\n', '# >>> devstack-kit…\n.env\n# <<< devstack-kit\n');
 * // 'node_modules\n\n# >>> devstack-kit…\n.env\n# <<< devstack-kit\n'
 * ```
 */
export function withBlock(existing: string | undefined, block: string, markers: BlockMarkers = GITIGNORE_MARKERS): string | undefined {
  if (existing === undefined || existing === '') return block;
  const at = findBlock(existing, markers);
  if (at === 'unclosed') return undefined;
  const eol = eolOf(existing);
  const text = eol === '\n' ? block : block.replace(/\n/g, eol);
  if (at) return existing.slice(0, at.start) + text + existing.slice(at.end);
  return `${existing}${existing.endsWith('\n') ? '' : eol}${eol}${text}`;
}

/**
 * The block's text in a file (markers included, line endings normalised to `\n`), if it has one.
 *
 * @example
 * ```ts
 * blockOf('mine\r\n\r\n# >>> devstack-kit…\r\n.env\r\n# <<< devstack-kit\r\n');
 * // '# >>> devstack-kit…\n.env\n# <<< devstack-kit\n'
 * ```
 */
export function blockOf(existing: string, markers: BlockMarkers = GITIGNORE_MARKERS): string | undefined {
  const at = findBlock(existing, markers);
  if (at === 'unclosed' || at === undefined) return undefined;
  return existing.slice(at.start, at.end).replace(/\r\n?/g, '\n');
}

/**
 * Removes the block (and the blank line before it that `withBlock` added); `undefined` when the
 * markers are not paired.
 *
 * @example
 * ```ts
 * withoutBlock('node_modules\n\n# >>> devstack-kit…\n.env\n# <<< devstack-kit\n'); // 'node_modules\n'
 * ```
 */
export function withoutBlock(existing: string, markers: BlockMarkers = GITIGNORE_MARKERS): string | undefined {
  const at = findBlock(existing, markers);
  if (at === 'unclosed') return undefined;
  if (!at) return existing;
  const before = existing.slice(0, at.start);
  return before.replace(/(\r?\n)\r?\n$/, '$1') + existing.slice(at.end);
}

/**
 * Removes the block's two marker lines and keeps the lines between them, so the file is plain again
 * (`devstack eject`); `undefined` when the markers are not paired.
 *
 * @example
 * ```ts
 * withoutMarkers('node_modules\n\n# >>> devstack-kit…\n.env\n# <<< devstack-kit\n'); // 'node_modules\n\n.env\n'
 * ```
 */
export function withoutMarkers(existing: string, markers: BlockMarkers = GITIGNORE_MARKERS): string | undefined {
  const at = findBlock(existing, markers);
  if (at === 'unclosed') return undefined;
  if (!at) return existing;
  const lines = existing.slice(at.start, at.end).split(/(?<=\n)/);
  return existing.slice(0, at.start) + lines.slice(1, -1).join('') + existing.slice(at.end);
}
