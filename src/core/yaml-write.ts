/**
 * Writing YAML through the door (./yaml.ts): pinned options, quoting of every string a YAML 1.1 or
 * 1.2 reader would misread, escaping of characters strict readers refuse, and a {@link YamlLayout}
 * (comments, key order, styles) put back onto the new document's nodes. Import it through
 * ./yaml.ts, the one YAML door.
 * @module
 */
import { Document, isCollection, isMap, isPair, isScalar, isSeq, parse, type Node, type Scalar, type ScalarTag, type Tags } from 'yaml';
import { stringTag } from 'yaml/util';
import { layoutKey, type NodeLayout, type YamlLayout } from './layout.js';

/**
 * Characters a strict YAML reader rejects in a plain scalar or reads as a line break: C0 controls
 * but tab and line feed, DEL and the C1 controls (U+0085 NEL among them), U+2028 and U+2029 (line
 * and paragraph separators, the only characters of their Unicode categories), the byte order mark,
 * U+FFFE/U+FFFF and lone surrogates. A string holding one is always written double-quoted with every
 * such character escaped (`\x01`, `\N`, `\L`, `\P`, `\uFEFF`), so the file stays printable.
 */
const NON_PRINTABLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e',
  '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

/**
 * A string as one double-quoted YAML scalar with every non-printable character escaped (see
 * {@link NON_PRINTABLE}); printable characters, astral ones included, are kept as they are.
 */
function escapedDoubleQuoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) out += named;
    else if (ch.length === 1 && NON_PRINTABLE.test(ch)) {
      const code = ch.charCodeAt(0);
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * A multi-line string with a line of only spaces or tabs: yaml writes it as a block scalar whose
 * reader takes that line for an empty one (`' \n'` read back as `'\n'`), so it is double-quoted.
 */
const BLANK_LINE_OF_SPACES = /(^|\n)[ \t]+(\n|$)/;

/** yaml's string tag, writing strings with non-printable characters (or a line of only white space) through {@link escapedDoubleQuoted}. */
const printableString: ScalarTag = {
  ...stringTag,
  stringify(item, ctx, onComment, onChompKeep) {
    const value = (item as Scalar).value;
    if (typeof value === 'string' && (NON_PRINTABLE.test(value) || (value.includes('\n') && BLANK_LINE_OF_SPACES.test(value)))) return escapedDoubleQuoted(value);
    return stringTag.stringify!(item, ctx, onComment, onChompKeep);
  },
};
const withPrintableString = (tags: Tags): Tags => tags.map((t) => (t === stringTag ? printableString : t));

/** Options for {@link stringifyYaml}. */
export interface StringifyYamlOptions {
  /** A comment put before the document, one `#` line per line of text (the marker, usually). */
  readonly header?: string;
  /** Keys never quoted even when a YAML 1.1 reader would misread them (a workflow's `on`). */
  readonly plainKeys?: readonly string[];
  /**
   * Comments (and, for a parsed file, the author's key order and styles) to write, by data path
   * (see {@link YamlLayout}). Styles never override the quoting rules: a string a reader would
   * misread is quoted whatever style it was read with.
   */
  readonly layout?: YamlLayout;
  /**
   * Keys whose `null` value is written as `null` rather than left empty (a workflow job's
   * `container:`, which actionlint reads as an empty string when nothing follows the colon).
   */
  readonly explicitNullKeys?: readonly string[];
}

// Strings that could possibly resolve to a non-string in YAML 1.1 or 1.2; only these pay for a real check.
const CANDIDATE = /^(?:[-+.]?[0-9]|[-+]?\.(?:inf|nan)$|(?:y|n|yes|no|on|off|true|false|null)$|~$|<<$|=$|[-+._0-9e]+$)/i;
const verdicts = new Map<string, boolean>();

/**
 * True when `value`, written as a plain scalar, would not read back as the same string under YAML 1.1
 * or YAML 1.2 (the core schema).
 *
 * @example
 * ```ts
 * misreadAsPlain('22:22'); // true  (YAML 1.1 sexagesimal: 1342)
 * misreadAsPlain('on');    // true  (YAML 1.1 boolean)
 * misreadAsPlain('3.10');  // true  (a float, 3.1)
 * misreadAsPlain('api');   // false
 * ```
 */
export function misreadAsPlain(value: string): boolean {
  if (!CANDIDATE.test(value)) return false;
  const cached = verdicts.get(value);
  if (cached !== undefined) return cached;
  let bad = false;
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if (parse(value, { version }) !== value) bad = true;
    } catch {
      bad = true;
    }
  }
  if (verdicts.size > 10_000) verdicts.clear();
  verdicts.set(value, bad);
  return bad;
}

/**
 * Writes data as YAML with the pinned options. Pure: the same data gives the same text.
 *
 * @example
 * ```ts
 * stringifyYaml({ services: { db: { image: 'postgres:16', ports: ['5432:5432'] } } });
 * // services:
 * //   db:
 * //     image: postgres:16
 * //     ports:
 * //       - '5432:5432'
 * ```
 */
export function stringifyYaml(data: unknown, options: StringifyYamlOptions = {}): string {
  const doc = new Document(data, { aliasDuplicateObjects: false, keepUndefined: false, version: '1.2', customTags: withPrintableString });
  const plainKeys = new Set(options.plainKeys ?? []);
  const layout = options.layout;
  if (layout !== undefined) applyLayout(doc, layout);
  quoteAmbiguous(doc.contents, plainKeys, new Set(options.explicitNullKeys ?? []));
  if (isScalar(doc.contents)) quoteIfNeeded(doc.contents);
  if (options.header) {
    const header = printableComment(options.header).split('\n').map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
    doc.commentBefore = doc.commentBefore ? `${header}\n\n${doc.commentBefore}` : header;
  }
  if (isMap(doc.contents) && doc.contents.items.length === 0 && !doc.commentBefore && !doc.comment && !doc.contents.commentBefore && !doc.contents.comment) return '{}\n';
  // `directives: false`: a new document has no directives to write (no `%YAML`, no `---`, only the
  // default `!!` tag handle, which is never written), and without it yaml walks the whole tree
  // again looking for tags whose `%TAG` lines it would never print
  let text = doc.toString({
    lineWidth: 0,
    minContentWidth: 0,
    indent: layout?.indent ?? 2,
    indentSeq: layout?.indentSeq ?? true,
    nullStr: '',
    directives: false,
    flowCollectionPadding: layout === undefined || layout.flowPadding === true,
  });
  if (layout === undefined) return text;
  // a marker yaml did not write right after ` #` (a comment it moved to its own line) is dropped
  text = text.replace(GAP_RE, (_m, n: string) => `${' '.repeat(Number(n))}#`).replace(/\u0000\d+\u0000/g, '');
  // the end comment is written here: yaml always puts a blank line before it
  const end = safeComment(layout.comment);
  const withEnd = end === undefined ? text : `${text}${layout.commentGap === false ? '' : '\n'}${end.split('\n').map((l) => (l === '' ? '' : `#${l}`)).join('\n')}\n`;
  return layout.noFinalNewline ? withEnd.replace(/\n$/, '') : withEnd;
}

/** A comment read from a file, made safe to write again (see {@link printableComment}). */
const safeComment = (text: string | null | undefined): string | undefined => (text ? printableComment(text) : undefined);
function setNode(node: unknown, layout: NodeLayout | undefined): void {
  if (layout === undefined || (!isScalar(node) && !isCollection(node))) return;
  const n = node as Node;
  const before = safeComment(layout.commentBefore);
  const after = safeComment(layout.comment);
  if (before !== undefined) n.commentBefore = before;
  // a wider gap before a same-line comment is marked here and spaced out after yaml writes the text
  if (after !== undefined) n.comment = layout.commentGap !== undefined && isScalar(node) && !after.includes('\n') ? `${GAP}${layout.commentGap}${GAP}${after}` : after;
  if (layout.spaceBefore) n.spaceBefore = true;
  // (a block style only for text with something in it: yaml writes an empty block scalar's comment as its content)
  const block = layout.type === 'BLOCK_LITERAL' || layout.type === 'BLOCK_FOLDED';
  if (isScalar(node) && layout.type !== undefined && SCALAR_TYPES.has(layout.type) && (!block || (typeof node.value === 'string' && /\S/.test(node.value)))) {
    node.type = layout.type as Scalar.Type;
  }
  if (isCollection(node) && layout.flow && node.items.length > 0) node.flow = true;
}
/** Marks a comment gap in yaml's output; a NUL never appears in written text (it is always escaped). */
const GAP = '\u0000';
const GAP_RE = / #\u0000(\d+)\u0000/g;
const SCALAR_TYPES = new Set(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED']);

/** Puts the layout's comments and styles on the nodes of a new document, by data path. */
function applyLayout(doc: Document, layout: YamlLayout): void {
  const before = safeComment(layout.commentBefore);
  if (before !== undefined) doc.commentBefore = before;
  const walk = (node: unknown, path: (string | number)[]): void => {
    const entry = layout.nodes[layoutKey(path)];
    setNode(node, entry?.value);
    if (isMap(node)) {
      if (entry?.keys && entry.keys.length > 1) {
        const rank = new Map(entry.keys.map((k, i) => [k, i]));
        const keyOf = (p: (typeof node.items)[number]) => (isScalar(p.key) ? String(p.key.value) : '');
        const known = node.items.filter((p) => rank.has(keyOf(p))).sort((a, b) => (rank.get(keyOf(a)) as number) - (rank.get(keyOf(b)) as number));
        node.items = [...known, ...node.items.filter((p) => !rank.has(keyOf(p)))];
      }
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const p = [...path, String(pair.key.value)];
        const e = layout.nodes[layoutKey(p)];
        // a key's style would only requote it: keys keep the quoting rules' choice
        if (e?.key) {
          const { type: _type, ...keyLayout } = e.key;
          setNode(pair.key, keyLayout);
        }
        walk(pair.value, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, [...path, i]);
        // a comment above the first entry of a list item's mapping or list is written above its `-`
        // (yaml would write `- # …`, which reads back as the item's comment)
        const first: unknown = isMap(item) ? item.items[0]?.key : isSeq(item) ? item.items[0] : undefined;
        const lifted = (isScalar(first) || isCollection(first)) && !(isMap(item) && item.flow) ? (first as Node).commentBefore : undefined;
        if ((isMap(item) || isSeq(item)) && lifted) {
          item.commentBefore = item.commentBefore ? `${item.commentBefore}\n${lifted}` : lifted;
          (first as Node).commentBefore = null;
        }
      });
    }
  };
  walk(doc.contents, []);
}

/**
 * Quotes, below `node`, every string key and value a reader would misread (see {@link misreadAsPlain}).
 * A direct walk of the node tree: the same nodes yaml's `visit` would reach (every pair's key and
 * value, every sequence's items), without the frozen ancestor path `visit` builds at each step.
 */
function quoteAmbiguous(node: unknown, plainKeys: ReadonlySet<string>, nullKeys: ReadonlySet<string>): void {
  if (isPair(node)) {
    const { key, value } = node;
    if (isScalar(key)) {
      // a plain `<<` key is a merge key to readers that resolve merges (Compose does)
      if (typeof key.value === 'string' && !plainKeys.has(key.value) && (key.value === '<<' || misreadAsPlain(key.value))) key.type = 'QUOTE_SINGLE';
    } else quoteAmbiguous(key, plainKeys, nullKeys);
    if (isScalar(value)) {
      quoteIfNeeded(value);
      // yaml writes a null whose source reads as null as that source, and any other as `nullStr` ('')
      if (value.value === null && isScalar(key) && typeof key.value === 'string' && nullKeys.has(key.value)) value.source = 'null';
    } else quoteAmbiguous(value, plainKeys, nullKeys);
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isScalar(item)) quoteIfNeeded(item);
      else quoteAmbiguous(item, plainKeys, nullKeys);
    }
  } else if (isMap(node)) {
    for (const item of node.items) quoteAmbiguous(item, plainKeys, nullKeys);
  }
}

/** A comment's text with line breaks other than `\n` and non-printable characters written as `\uXXXX`. */
function printableComment(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(new RegExp(NON_PRINTABLE.source, 'g'), (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function quoteIfNeeded(node: Scalar): void {
  // a style given by a layout is kept when it already quotes (quoted or block scalars are always strings)
  if (node.type !== undefined && node.type !== 'PLAIN') return;
  if (typeof node.value === 'string' && misreadAsPlain(node.value)) node.type = 'QUOTE_SINGLE';
}
