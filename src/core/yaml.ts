/**
 * The one YAML door. Every YAML file devstack-kit writes or reads goes through here, with pinned
 * options: no line folding, no anchors or aliases, strings quoted wherever a YAML 1.1 or 1.2
 * reader would read them as something else (`22:22`, `on`, `yes`, `3.10`, `0o14`, `~`), and
 * strings with characters strict readers refuse raw (U+2028/2029, NEL, C0/C1 controls, the BOM)
 * double-quoted with those characters escaped. Reading resolves `<<` merges, reports duplicate keys
 * and refuses recursive aliases, as issues.
 *
 * Comments: `parseYaml(text, file, { layout: true })` also returns the file's {@link YamlLayout}
 * (comments by data path, key order, scalar and flow styles, indentation), and
 * `stringifyYaml(data, { layout })` writes it back onto the new document's nodes. Every comment is
 * written through {@link printableComment} (one `#` line per line; control characters and foreign
 * line breaks as `\uXXXX`), so a comment never becomes data, and a layout's styles never override
 * the quoting above.
 *
 * Reading is here; writing and quoting are in ./yaml-write.ts, re-exported here: other modules
 * import YAML only through this module.
 * @module
 */
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Scalar } from 'yaml';
import type { Issue } from './issue.js';
import { layoutKey, type EntryLayout, type NodeLayout, type YamlLayout } from './layout.js';
import { defineCodes } from './rule.js';
import { MARKER } from './text.js';

export { misreadAsPlain, stringifyYaml, type StringifyYamlOptions } from './yaml-write.js';

/** The first line (after parser directives) of every file devstack-kit generates, without the comment sign. */
export { MARKER };

/** Codes reported by the YAML reader. */
export const yamlCodes = defineCodes([
  {
    code: 'core/yaml-syntax',
    severity: 'error',
    summary: 'The text is not valid YAML (or has a duplicate key).',
    fix: 'Correct the YAML at the line the message names.',
  },
  {
    code: 'core/yaml-recursive-alias',
    severity: 'error',
    summary: 'An alias refers to a node that contains it (`a: &a [*a]`), so the data would be infinite.',
    fix: 'Replace the alias by the data it should hold, or point it at an anchor outside the node.',
  },
  {
    code: 'core/invalid-comment',
    severity: 'error',
    summary: 'A builder `comment(…)` was given something that is not a string (thrown at once).',
    fix: 'Pass the comment text as a string; line breaks in it become separate `#` lines.',
  },
  {
    code: 'core/invalid-argument',
    severity: 'error',
    summary: 'A `parse` was given something that is not text (thrown at once; problems in the text itself are issues).',
    fix: 'Pass the file\'s text as a string, e.g. `readFileSync(path, "utf8")`.',
  },
]);
function nodeLayout(node: unknown, text: string): NodeLayout | undefined {
  if (!isScalar(node) && !isCollection(node) && !isAlias(node)) return undefined;
  const n = node as Node;
  const out: { -readonly [K in keyof NodeLayout]: NodeLayout[K] } = {};
  if (n.commentBefore) out.commentBefore = n.commentBefore;
  if (n.comment) {
    out.comment = n.comment;
    // the spaces between a scalar and its comment on the same line (`key: value   # why`)
    const inline = isScalar(node) && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED';
    const gap = inline && n.range ? /^[ \t]*(?=#)/.exec(text.slice(n.range[1], n.range[1] + 200))?.[0] : undefined;
    if (gap !== undefined && /^ {2,}$/.test(gap)) out.commentGap = gap.length;
  }
  if (n.spaceBefore) out.spaceBefore = true;
  if (isScalar(node) && node.type) out.type = node.type;
  if (isCollection(node) && node.flow) out.flow = true;
  return Object.keys(out).length > 0 ? out : undefined;
}

function entryLayout(key: NodeLayout | undefined, value: NodeLayout | undefined, keys?: string[]): EntryLayout | undefined {
  if (!key && !value && !keys) return undefined;
  return { ...(key ? { key } : {}), ...(value ? { value } : {}), ...(keys ? { keys } : {}) };
}

/** Records the comments and styles of `node` (the value at `path`) and below into `nodes`. */
function captureLayout(node: unknown, path: (string | number)[], nodes: Record<string, EntryLayout>, text: string, key: NodeLayout | undefined, item = false, before?: string): void {
  const here = layoutKey(path);
  let own = nodeLayout(node, text);
  if (before !== undefined) {
    // the comment came from the list above this item: it stays on the item (written before its `-`)
    const ownBefore = own?.commentBefore;
    own = { ...own, commentBefore: ownBefore ? `${before}\n${ownBefore}` : before };
  }
  // a comment above the first entry of a block collection is the collection's to yaml; it belongs to
  // that first entry (the nearest key or item), so it stays with it when entries move or are added
  const first = isMap(node) || isSeq(node) ? node.items[0] : undefined;
  const firstNode = isPair(first) ? first.key : first;
  let moved: string | undefined;
  // (not for a list item: its comment is written before its `-`, where it already is)
  if (!item && own?.commentBefore && (isScalar(firstNode) || isCollection(firstNode)) && !(firstNode as Node).commentBefore && !(isMap(node) && node.flow)) {
    moved = own.commentBefore;
    const { commentBefore: _c, ...rest } = own;
    own = Object.keys(rest).length > 0 ? rest : undefined;
  }
  const withMoved = (layout: NodeLayout | undefined): NodeLayout | undefined => (moved === undefined ? layout : { ...layout, commentBefore: moved });
  if (isMap(node)) {
    const keys: string[] = [];
    node.items.forEach((pair, i) => {
      if (!isScalar(pair.key) || pair.key.value === '<<') return;
      const k = String(pair.key.value);
      keys.push(k);
      const keyLayout = nodeLayout(pair.key, text);
      captureLayout(pair.value, [...path, k], nodes, text, i === 0 ? withMoved(keyLayout) : keyLayout);
    });
    const e = entryLayout(key, own, keys);
    if (e) nodes[here] = e;
    return;
  }
  if (isSeq(node)) node.items.forEach((entry, i) => captureLayout(entry, [...path, i], nodes, text, undefined, true, i === 0 ? moved : undefined));
  const e = entryLayout(key, own);
  if (e) nodes[here] = e;
}

/** The indentation and list style of a file's text (the yaml Document does not keep them). */
function textStyle(text: string): { indent?: number; indentSeq?: boolean; flowPadding?: boolean } {
  const flow = /:[ \t]+[[{]( ?)[^\s\]}]/.exec(text);
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  for (let i = 1; i < lines.length && (indent === undefined || indentSeq === undefined); i++) {
    const prev = lines[i - 1] as string;
    const line = lines[i] as string;
    if (!/:\s*(?:#.*)?$/.test(prev) || /^\s*- /.test(prev)) continue;
    const p = prev.length - prev.trimStart().length;
    const c = line.length - line.trimStart().length;
    if (/^\s*- /.test(line)) indentSeq ??= c > p;
    else if (c > p) indent ??= c - p;
  }
  return {
    ...(indent !== undefined && indent !== 2 && indent <= 8 ? { indent } : {}),
    ...(indentSeq === false ? { indentSeq } : {}),
    ...(flow?.[1] === ' ' ? { flowPadding: true } : {}),
  };
}

/** Whether a blank line comes before the document's end comment (of `comment.split('\n').length` lines). */
function endCommentGap(text: string, comment: string): boolean {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  const before = lines[lines.length - comment.split('\n').length - 1];
  return before === undefined || before.trim() === '';
}

/**
 * A comment on the lines after an empty value (`a:\n  # why\n  b: 1`, or `- ` last in the file) is
 * read by yaml as the empty value's own; it belongs to the next key or item, or to the end of the
 * document when nothing follows.
 */
function emptyValueComment(doc: Document.Parsed, text: string, owner: unknown, value: unknown, next: unknown): void {
  if (!isScalar(owner) || !owner.range || !isScalar(value) || value.value !== null || !value.comment) return;
  const from = owner === value ? owner.range[0] : owner.range[1];
  const end = text.indexOf('\n', from);
  // a comment on the value's own line stays; the lines after it move
  const onLine = /#/.test(text.slice(from, end < 0 ? undefined : end));
  const lines = value.comment.split('\n');
  const moving = onLine ? lines.slice(1) : lines;
  const gap = moving[0] === '';
  while (moving[0] === '') moving.shift();
  if (moving.length === 0) {
    // only blank lines after the comment on the value's line (`b: # why` then a blank line): yaml
    // keeps them in the comment, which then no longer fits on the line
    if (onLine && lines.length > 1) {
      value.comment = lines[0] as string;
      if (isScalar(next) || isCollection(next)) (next as Node).spaceBefore = true;
    }
    return;
  }
  const comment = moving.join('\n');
  if (isScalar(next) || isCollection(next)) {
    const n = next as Node;
    n.commentBefore = n.commentBefore ? `${comment}\n${n.commentBefore}` : comment;
    // yaml marks the next entry as after a blank line then; keep that only when there is one
    if (n.range) n.spaceBefore = onLine ? gap : /\n[ \t]*\r?\n/.test(text.slice(from, n.range[0]));
  } else if (next === undefined && /^(?:\s*#[^\n]*)*\s*$/.test(text.slice(end < 0 ? text.length : end))) {
    doc.comment = doc.comment ? `${comment}\n${doc.comment}` : comment;
  } else return;
  value.comment = onLine ? (lines[0] as string) : null;
  // a blank line yaml saw before the comment is the next entry's (or the end comment's), not the empty value's
  if (!onLine) value.spaceBefore = false;
}

/**
 * yaml reads the comment in `key: # why` (a key whose value is a block collection) as the first
 * line of the comment above the collection; this gives it back to the key, so it is written on the
 * key's line again. Changes only comments of the document, which is read once and dropped.
 */
function keyLineComments(doc: Document.Parsed, text: string): void {
  // every key and list item in document order, with the empty value each one may hold
  const entries: { owner: unknown; value: unknown }[] = [];
  const walk = (node: unknown): void => {
    if (isMap(node)) for (const pair of node.items) {
      entries.push({ owner: pair.key, value: pair.value });
      walk(pair.value);
    } else if (isSeq(node)) for (const item of node.items) {
      entries.push({ owner: item, value: item });
      walk(item);
    }
  };
  walk(doc.contents);
  entries.forEach((e, i) => emptyValueComment(doc, text, e.owner, e.value, entries[i + 1]?.owner));
  visit(doc, {
    Pair(_k, pair) {
      const { key, value } = pair;
      const empty = isScalar(value) && value.value === null && !value.comment;
      if (!isScalar(key) || !(empty || (isCollection(value) && !value.flow)) || !value?.commentBefore || !key.range || key.comment) return;
      const end = text.indexOf('\n', key.range[1]);
      if (!/^[ \t]*:[ \t]+#/.test(text.slice(key.range[1], end < 0 ? undefined : end))) return;
      const [first, ...rest] = value.commentBefore.split('\n');
      if (empty) (value as Scalar).comment = first ?? '';
      else key.comment = first ?? '';
      value.commentBefore = rest.length > 0 ? rest.join('\n') : null;
      // an empty value last in the file: the comment lines after its line end the document
      if (empty && rest.length > 0 && /^(?:\s*#[^\n]*)*\s*$/.test(text.slice(end < 0 ? text.length : end))) {
        const tail = rest.join('\n').replace(/^\n+/, '');
        doc.comment = doc.comment ? `${tail}\n${doc.comment}` : tail;
        value.commentBefore = null;
        value.spaceBefore = false;
      }
    },
  });
}

/** A top comment without the generated-file marker line (and the blank line after it). */
function withoutMarker(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  const lines = comment.split('\n');
  const at = lines.findIndex((l) => l.trim() === MARKER);
  if (at < 0) return comment;
  lines.splice(at, lines[at + 1] === '' ? 2 : 1);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

/** The layout of a parsed document: its comments, key order and styles, by data path. */
function readLayout(doc: Document.Parsed, text: string): YamlLayout {
  const nodes: Record<string, EntryLayout> = {};
  keyLineComments(doc, text);
  captureLayout(doc.contents, [], nodes, text, undefined);
  // the generated-file marker is the kind's to write: a generated file read back must not get it twice
  const top = withoutMarker(doc.commentBefore);
  if (isMap(doc.contents) && isScalar(doc.contents.items[0]?.key)) {
    const first = layoutKey([String(doc.contents.items[0].key.value)]);
    const entry = nodes[first];
    if (entry?.key?.commentBefore) {
      const before = withoutMarker(entry.key.commentBefore);
      const { commentBefore: _c, ...key } = entry.key;
      nodes[first] = { ...entry, key: before === undefined ? key : { ...key, commentBefore: before } };
    }
  }
  return {
    ...(top ? { commentBefore: top } : {}),
    ...(doc.comment ? { comment: doc.comment, commentGap: endCommentGap(text, doc.comment) } : {}),
    ...(text.endsWith('\n') || text === '' ? {} : { noFinalNewline: true }),
    ...textStyle(text),
    nodes,
  };
}

/**
 * Every key of a map below `root` equal to an earlier key of the same map, as yaml's `uniqueKeys`
 * reports them (scalar keys with the same value; other keys only when they are the same node), in
 * one pass: O(keys). The message is yaml's.
 */
function duplicateKeys(root: unknown, lines: LineCounter): { offset: number; message: string; line: number }[] {
  const out: { offset: number; message: string; line: number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as unknown;
        // a scalar key is compared by value (`===`, so NaN never equals itself); any other by identity
        const id = isScalar(key) ? key.value : key;
        if (seen.has(id) && !(typeof id === 'number' && Number.isNaN(id))) {
          const offset = (isNode(key) ? key.range?.[0] : undefined) ?? (isNode(pair.value) ? pair.value.range?.[0] : undefined) ?? 0;
          const { line, col } = lines.linePos(offset);
          out.push({ offset, message: `Map keys must be unique at line ${line}, column ${col}:`, line });
        }
        seen.add(id);
        stack.push(key, pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return out;
}

/** What {@link parseYaml} returns: the data (with `<<` merge keys resolved) and any problems. */
export interface ParsedYaml {
  readonly data: unknown;
  readonly issues: Issue[];
  /** The file's comments, key order and styles, when asked for with `{ layout: true }`. */
  readonly layout?: YamlLayout;
}

/**
 * Reads YAML 1.2 (with `<<` merge keys resolved, as Compose does). Syntax errors and duplicate keys
 * become issues with a line number; it never throws.
 *
 * @example
 * ```ts
 * parseYaml('a: [1, 2').issues[0].code; // 'core/yaml-syntax'
 * ```
 */
export function parseYaml(text: string, file?: string, options: { readonly layout?: boolean } = {}): ParsedYaml {
  // yaml's own `uniqueKeys` check compares each key with every key before it in its map (quadratic
  // in the keys of a map); duplicateKeys finds the same keys with one Set per map
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', merge: true, uniqueKeys: false, prettyErrors: true, lineCounter });
  const found = [...doc.errors.map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0] ?? e.message, line: e.linePos?.[0]?.line })), ...duplicateKeys(doc.contents, lineCounter)];
  const issues: Issue[] = found
    .sort((a, b) => a.offset - b.offset)
    .map((e) => ({
      code: 'core/yaml-syntax',
      severity: 'error' as const,
      message: e.message,
      path: [],
      ...(file !== undefined ? { file } : {}),
      ...(e.line !== undefined ? { line: e.line } : {}),
    }));
  if (issues.length > 0) return { data: undefined, issues };
  const recursive = recursiveAlias(doc, text, file);
  if (recursive) return { data: undefined, issues: [recursive] };
  try {
    const data: unknown = doc.toJS({ maxAliasCount: 10_000 });
    return options.layout ? { data, issues, layout: readLayout(doc, text) } : { data, issues };
  } catch (e) {
    return { data: undefined, issues: [{ code: 'core/yaml-syntax', severity: 'error', message: (e as Error).message, path: [], ...(file !== undefined ? { file } : {}) }] };
  }
}

/**
 * The first alias that refers to a node containing it (`a: &a [*a]`, or `<<: *a` inside `&a`), as an
 * issue; such an alias makes the data infinite (yaml would return a cyclic object). An alias can only
 * name an anchor before it, so a cycle always runs through an ancestor of the alias: checking the
 * ancestors finds every one.
 */
function recursiveAlias(doc: ReturnType<typeof parseDocument>, text: string, file: string | undefined): Issue | undefined {
  let found: Issue | undefined;
  visit(doc, {
    Alias(_key, alias, ancestors) {
      const target = alias.resolve(doc);
      if (target === undefined || !ancestors.includes(target as never)) return undefined;
      const line = alias.range ? text.slice(0, alias.range[0]).split('\n').length : undefined;
      found = {
        code: 'core/yaml-recursive-alias',
        severity: 'error',
        message: `the alias *${alias.source} refers to the node &${alias.source} that contains it, so its data would never end`,
        path: [],
        ...(file !== undefined ? { file } : {}),
        ...(line !== undefined ? { line } : {}),
        hint: `replace *${alias.source} by the data it should hold, or point it at an anchor outside that node`,
      };
      return visit.BREAK;
    },
  });
  return found;
}
