/**
 * Comments and layout carried next to a model. Models are plain data validated by zod, so a
 * comment has no place in them; instead a {@link YamlLayout} (a side table keyed by data path) rides
 * beside the model in a `WeakMap` keyed by the model object: parsers attach the layout they read,
 * builders attach their `comment('…')` texts, and the synthesizers look the layout up and hand it to
 * the one YAML door, which writes the comments with the yaml Document API. A model copied by hand
 * (`{ ...model }`, `structuredClone`) loses its layout: attach it again with {@link withLayout}.
 * @module
 */
import { UsageError } from './errors.js';

/** The comments and style of one YAML node, as the yaml library keeps them. */
export interface NodeLayout {
  /** Comment lines above the node (without `#`; lines joined by `\n`, an empty line is a blank line). */
  readonly commentBefore?: string;
  /** The comment after the node (on its line for a scalar). */
  readonly comment?: string;
  /** Spaces between a scalar and its same-line comment, when more than one (`value   # why`). */
  readonly commentGap?: number;
  /** A blank line before the node. */
  readonly spaceBefore?: boolean;
  /** The scalar style read (`PLAIN`, `QUOTE_DOUBLE`, `QUOTE_SINGLE`, `BLOCK_LITERAL`, `BLOCK_FOLDED`). */
  readonly type?: string;
  /** A collection written in flow style (`[a, b]`, `{ a: 1 }`). */
  readonly flow?: boolean;
}

/** The layout of one entry: a map entry's key and value, or a list item (value only). */
export interface EntryLayout {
  readonly key?: NodeLayout;
  readonly value?: NodeLayout;
  /** For a mapping: its keys in the order the author wrote them. */
  readonly keys?: readonly string[];
}

/**
 * The comments (and, for parsed files, the author's style) of a YAML file, keyed by data path:
 * `JSON.stringify(path)`, `[]` for the whole document's value, `["services","db"]` for the `db:` entry,
 * `["jobs","test","steps",0]` for a list item.
 *
 * @example
 * ```ts
 * const layout: YamlLayout = { nodes: { '["services","db"]': { key: { commentBefore: ' the database' } } } };
 * // services:
 * //   # the database
 * //   db: …
 * ```
 */
export interface YamlLayout {
  /** Comment lines at the top of the document. */
  readonly commentBefore?: string;
  /** Comment lines at the end of the document. */
  readonly comment?: string;
  /** Whether a blank line separates the end comment from the data (yes when absent). */
  readonly commentGap?: boolean;
  /** Flow collections are written with inner spaces (`[ a, b ]`) rather than `[a, b]`. */
  readonly flowPadding?: boolean;
  /** The text does not end with a line break. */
  readonly noFinalNewline?: boolean;
  /** Indentation width the author used (2 when absent). */
  readonly indent?: number;
  /** Whether list items are indented under their key (`key:\n  - a`, the default) or not (`key:\n- a`). */
  readonly indentSeq?: boolean;
  readonly nodes: Readonly<Record<string, EntryLayout>>;
}

/** The path key of a data path in {@link YamlLayout.nodes}. */
export const layoutKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

const layouts = new WeakMap<object, YamlLayout>();

/**
 * Attaches a layout to a model object (returned unchanged); synthesizers read it with {@link layoutOf}.
 *
 * @example
 * ```ts
 * const model = withLayout({ services: { db: { image: 'postgres:16' } } }, commentLayout([[['services', 'db'], 'the database']]));
 * synthCompose(model); // "services:\n  # the database\n  db:\n    image: postgres:16\n"
 * ```
 */
export function withLayout<T>(model: T, layout: YamlLayout | undefined): T {
  if (layout !== undefined && typeof model === 'object' && model !== null) layouts.set(model, layout);
  return model;
}

/**
 * The layout attached to a model by {@link withLayout}, if any.
 *
 * @example
 * ```ts
 * layoutOf(parseCompose('# hi\nservices: {}\n').model!)?.commentBefore; // ' hi'
 * ```
 */
export function layoutOf(model: unknown): YamlLayout | undefined {
  return typeof model === 'object' && model !== null ? layouts.get(model) : undefined;
}

/**
 * Checks a builder comment and turns it into comment lines: every line break (`\n`, `\r\n`, `\r`,
 * U+0085, U+2028, U+2029) starts a new `#` line, so no text can end the comment and become data
 * (other control characters are escaped when the file is written). Throws a `UsageError`
 * (`core/invalid-comment`) for a non-string.
 *
 * @example
 * ```ts
 * commentText('first\nsecond'); // ' first\n second' → "# first" and "# second"
 * ```
 */
export function commentText(text: string): string {
  if (typeof text !== 'string') throw new UsageError('core/invalid-comment', `comment(…) expects a string, received ${text === null ? 'null' : typeof text}`, "pass the text: comment('why this is here')");
  return text
    .split(/\r\n|[\r\n\x85\u2028\u2029]/)
    .map((line) => (line === '' ? '' : ` ${line}`))
    .join('\n');
}

/**
 * A layout holding builder comments: each `[path, text]` puts `# text` above the entry at `path`.
 *
 * @example
 * ```ts
 * commentLayout([[['services', 'db'], 'the database']]).nodes['["services","db"]']?.key?.commentBefore; // ' the database'
 * ```
 */
export function commentLayout(comments: readonly (readonly [readonly (string | number)[], string])[]): YamlLayout {
  const nodes: Record<string, EntryLayout> = {};
  for (const [path, text] of comments) {
    const at = path[path.length - 1];
    const lines = commentText(text);
    nodes[layoutKey(path)] = typeof at === 'number' ? { value: { commentBefore: lines } } : { key: { commentBefore: lines } };
  }
  return { nodes };
}

/**
 * Lays `over` over `base`: entries of `over` replace the comments above (and styles of) the same
 * entries of `base`; document-level fields of `over` win when set.
 *
 * @example
 * ```ts
 * mergeLayouts(parsedLayout, commentLayout([[['services', 'db'], 'new text']]));
 * ```
 */
export function mergeLayouts(base: YamlLayout | undefined, over: YamlLayout | undefined): YamlLayout | undefined {
  if (base === undefined) return over;
  if (over === undefined) return base;
  const nodes: Record<string, EntryLayout> = { ...base.nodes };
  for (const [k, e] of Object.entries(over.nodes)) {
    const b = nodes[k];
    nodes[k] = b === undefined ? e : {
      ...b,
      ...(e.key ? { key: { ...b.key, ...e.key } } : {}),
      ...(e.value ? { value: { ...b.value, ...e.value } } : {}),
      ...(e.keys ? { keys: e.keys } : {}),
    };
  }
  return { ...base, ...over, nodes };
}
