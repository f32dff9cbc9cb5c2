/**
 * TypeScript literals for `devstack import`: strings (quoted or template), identifiers, property
 * keys and plain data (the values a parsed YAML file holds), formatted as a person would write them.
 * @module
 */

/** The column a line should not pass (as prettier's default `printWidth` of 100 in this repository). */
export const WIDTH = 100;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Escapes what no string literal may hold raw: control characters, line separators, lone surrogates. */
function escapeSpecial(ch: string, code: number): string | undefined {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  if (ch === '\b') return '\\b';
  if (ch === '\f') return '\\f';
  if (ch === '\v') return '\\v';
  if (code === 0) return '\\x00';
  if (code < 0x20 || code === 0x7f) return `\\x${hex(code, 2)}`;
  if (code === 0x2028 || code === 0x2029) return `\\u${hex(code, 4)}`;
  if (code >= 0xd800 && code <= 0xdfff) return `\\u${hex(code, 4)}`;
  return undefined;
}

/** Iterates UTF-16 code units, keeping valid surrogate pairs together and lone surrogates alone. */
function* units(s: string): Generator<[string, number]> {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        yield [s.slice(i, i + 2), -1];
        i++;
        continue;
      }
    }
    yield [s[i] as string, code];
  }
}

/**
 * A single-quoted TypeScript string literal that evaluates to `s`.
 *
 * @example
 * ```ts
 * quote("it's"); // 'it\'s'
 * ```
 */
export function quote(s: string): string {
  let out = "'";
  for (const [ch, code] of units(s)) {
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else out += (code >= 0 ? escapeSpecial(ch, code) : undefined) ?? ch;
  }
  return `${out}'`;
}

/**
 * A template literal that evaluates to `s` (line breaks kept as line breaks; `` ` ``, `\` and `${`
 * escaped), for multi-line text such as shell scripts.
 *
 * @example
 * ```ts
 * template('echo a\necho ${{ x }}'); // `echo a
 *                                     // echo \${{ x }}`
 * ```
 */
export function template(s: string): string {
  let out = '`';
  let prev = '';
  for (const [ch, code] of units(s)) {
    if (ch === '`') out += '\\`';
    else if (ch === '\\') out += '\\\\';
    // `${` would start a placeholder: the `$` (written last, raw) becomes `\$`
    else if (ch === '{' && prev === '$') out = `${out.slice(0, -1)}\\\${`;
    else if (ch === '\n' || ch === '\t') out += ch;
    else out += (code >= 0 ? escapeSpecial(ch, code) : undefined) ?? ch;
    prev = ch;
  }
  return `${out}\``;
}

/**
 * The literal a person would write for `s`: single quotes for one line, a template literal for
 * several lines.
 *
 * @example
 * ```ts
 * str('x'); // 'x'
 * ```
 */
export function str(s: string): string {
  const lines = s.split('\n');
  if (lines.length > 2 || (lines.length === 2 && lines[1] !== '')) return template(s);
  return quote(s);
}

const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with'.split(' '),
);

/** True when `name` can stand as a bare identifier (a variable name). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !RESERVED.has(name);
}

/**
 * A property key: bare when it is an identifier-like name, quoted otherwise (`'runs-on'`).
 *
 * @example
 * ```ts
 * key('runs-on'); // 'runs-on' (quoted)
 * ```
 */
export function key(name: string): string {
  // `__proto__: x` (bare or quoted) sets the prototype in an object literal; a computed key does not
  if (name === '__proto__') return "['__proto__']";
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

/** A TypeScript variable name made from `text` (`backend/Dockerfile` → `backendDockerfile`), avoiding `taken`. */
export function variableName(text: string, taken: Set<string>, fallback = 'file'): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  let name = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (!/^[A-Za-z_]/.test(name)) name = name === '' ? fallback : `_${name}`;
  if (!isIdentifier(name)) name = `${name}_`;
  let out = name;
  for (let n = 2; taken.has(out); n++) out = `${name}${n}`;
  taken.add(out);
  return out;
}

/** Comments (by data path, `a.b.0.c`) to write above the keys or items they describe. */
export type CommentMap = ReadonlyMap<string, string>;

/**
 * A {@link CommentMap} that remembers which comments were read, so the importer can place the ones
 * no code took (at the end of the service or job they belong to) instead of losing them.
 */
export class CommentTracker extends Map<string, string> {
  readonly used = new Set<string>();

  override get(key: string): string | undefined {
    const v = super.get(key);
    if (v !== undefined) this.used.add(key);
    return v;
  }

  /** The comments under `prefix` (or all, for `''`) that nothing read yet, in file order; marks them read. */
  takeUnused(prefix: string): string[] {
    const out: string[] = [];
    for (const [k, v] of this) {
      if (this.used.has(k) || (prefix !== '' && k !== prefix && !k.startsWith(`${prefix}.`))) continue;
      this.used.add(k);
      out.push(v);
    }
    return out;
  }
}

/** Renders `// …` lines for a comment at `indent`. */
export function commentLines(text: string, indent: string): string[] {
  return text.split('\n').map((l) => (l.trim() === '' ? `${indent}//` : `${indent}// ${l.replace(/^ /, '')}`.trimEnd()));
}

interface LitOptions {
  readonly comments?: CommentMap;
  readonly path?: string;
  /** Lay the outer object or array out one entry a line even when it would fit on one. */
  readonly multiline?: boolean;
}

function pathOf(base: string | undefined, k: string | number): string {
  return base === undefined || base === '' ? String(k) : `${base}.${k}`;
}

/**
 * Plain data (strings, numbers, booleans, null, arrays, objects) as a TypeScript expression,
 * on one line when it fits in `WIDTH - indent` columns, else one entry a line. Comments found at
 * a key's path go above it.
 *
 * @example
 * ```ts
 * lit({ 'fetch-depth': 0 }, 0); // { 'fetch-depth': 0 }
 * ```
 */
export function lit(value: unknown, indent: number, options: LitOptions = {}): string {
  const one = inline(value);
  const hasComments = options.comments !== undefined && options.comments.size > 0 && commentsBelow(options.comments, options.path, value);
  const empty = (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);
  if (one !== undefined && !one.includes('\n') && (indent + one.length <= WIDTH || empty) && !hasComments && !(options.multiline && !empty)) return one;
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v, i) => {
      const p = pathOf(options.path, i);
      const c = options.comments?.get(p);
      const body = `${pad}${lit(v, indent + 2, { ...options, path: p, multiline: false })},`;
      return c === undefined ? body : [...commentLines(c, pad), body].join('\n');
    });
    return `[\n${[...items, ...endComments(options, pad)].join('\n')}\n${end}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const items = entries.map(([k, v]) => {
      const p = pathOf(options.path, k);
      const c = options.comments?.get(p);
      const head = `${pad}${key(k)}: `;
      const body = `${head}${lit(v, indent + 2, { ...options, path: p, multiline: false })},`;
      return c === undefined ? body : [...commentLines(c, pad), body].join('\n');
    });
    return `{\n${[...items, ...endComments(options, pad)].join('\n')}\n${end}}`;
  }
  return one ?? 'undefined';
}

function endComments(options: LitOptions, pad: string): string[] {
  const c = options.comments?.get(pathOf(options.path, '#end'));
  return c === undefined ? [] : commentLines(c, pad);
}

function commentsBelow(comments: CommentMap, path: string | undefined, value?: unknown): boolean {
  return commentsInside(comments, path, value).length > 0;
}

/** The comment paths below `path` that name a key or item inside `value`. */
export function commentsInside(comments: CommentMap, path: string | undefined, value: unknown): string[] {
  const prefix = path === undefined || path === '' ? '' : `${path}.`;
  const out: string[] = [];
  for (const k of comments.keys()) {
    if (!k.startsWith(prefix) || k === path) continue;
    let cur: unknown = value;
    let ok = true;
    const segs = k.slice(prefix.length).split('.');
    // `<block>.#end`: a comment after the block's last entry, written after it
    if (segs[segs.length - 1] === '#end') segs.pop();
    for (const seg of segs) {
      if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) {
        ok = false;
        break;
      }
      cur = (cur as Record<string, unknown>)[seg];
    }
    if (ok) out.push(k);
  }
  return out;
}

/** One-line form (or `undefined` for values that are not plain data). */
export function inline(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : value > 0 ? 'Infinity' : value < 0 ? '-Infinity' : 'NaN';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map(inline);
    if (items.some((i) => i === undefined)) return undefined;
    return `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const items = entries.map(([k, v]) => {
      const i = inline(v);
      return i === undefined ? undefined : `${key(k)}: ${i}`;
    });
    if (items.some((i) => i === undefined)) return undefined;
    return `{ ${items.join(', ')} }`;
  }
  return undefined;
}
