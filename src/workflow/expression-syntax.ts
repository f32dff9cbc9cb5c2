/**
 * The GitHub Actions expression language as GitHub reads it: finding `${{ … }}` in a string, and a
 * tokenizer and parser for what is inside (literals, contexts, `a.b`, `a['b']`, `a.*`, `a[*]`,
 * `!`, comparisons, `&&`, `||`, grouping and function calls). It follows GitHub's own lexer and
 * parser (`@actions/expressions`, which a test compares it with) so that what it rejects, GitHub
 * rejects too. Names are case-insensitive, as GitHub compares them.
 * @module
 */

/** One `${{ … }}` in a string: where it starts and ends (`end` is past the closing `}}`) and its body. */
export interface TemplatePart {
  readonly start: number;
  readonly end: number;
  /** The text between `${{` and `}}`, untrimmed. */
  readonly body: string;
}

/**
 * The `${{ … }}` parts of a string, read as GitHub's template reader reads them: a `}}` inside a
 * single-quoted string literal does not close. `unclosed` is where a `${{` without its `}}` starts.
 *
 * @example
 * ```ts
 * scanTemplate("echo ${{ '}}' }} ${{ github.sha");
 * // { parts: [{ start: 5, end: 16, body: " '}}' " }], unclosed: 17 }
 * ```
 */
export function scanTemplate(text: string): { parts: TemplatePart[]; unclosed?: number } {
  const parts: TemplatePart[] = [];
  let start = text.indexOf('${{');
  while (start !== -1) {
    let inString = false;
    let close = -1;
    for (let i = start + 3; i < text.length; i++) {
      if (text[i] === "'") inString = !inString; // '' (an escaped quote) toggles twice
      else if (!inString && text[i] === '}' && text[i - 1] === '}' && i - 1 >= start + 3) {
        close = i;
        break;
      }
    }
    if (close === -1) return { parts, unclosed: start };
    parts.push({ start, end: close + 1, body: text.slice(start + 3, close - 1) });
    start = text.indexOf('${{', close + 1);
  }
  return { parts };
}

/** An expression's syntax tree. Offsets are into the source given to {@link parseExpression}. */
export type ExprNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly at: number }
  | { readonly kind: 'context'; readonly name: string; readonly at: number }
  /** `a.b`, `a['b']` (key known), `a[x]` (key computed), `a.*` / `a[*]` (every element). */
  | { readonly kind: 'index'; readonly object: ExprNode; readonly key: ExprNode | '*'; readonly at: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ExprNode[]; readonly at: number }
  | { readonly kind: 'not'; readonly operand: ExprNode; readonly at: number }
  | { readonly kind: 'binary'; readonly op: string; readonly left: ExprNode; readonly right: ExprNode; readonly at: number }
  | { readonly kind: 'group'; readonly inner: ExprNode; readonly at: number };

/** A syntax error: what is wrong and where (an offset into the source). */
export interface ExprSyntaxError {
  readonly message: string;
  readonly at: number;
}

type TokenKind = '(' | ')' | '[' | ']' | ',' | '.' | '!' | '!=' | '==' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '*' | 'number' | 'string' | 'ident' | 'true' | 'false' | 'null' | 'eof';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
  readonly value?: string | number;
}

/** GitHub refuses longer expressions and deeper nesting. */
const MAX_LENGTH = 21000;
const MAX_DEPTH = 50;

class SyntaxFailure extends Error {
  constructor(readonly at: number, message: string) {
    super(message);
  }
}

const BOUNDARY = new Set(['(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|']);
const isBoundary = (c: string) => BOUNDARY.has(c) || /\s/.test(c);
const LEGAL_IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const previous = () => tokens[tokens.length - 1]?.kind;
  const add = (kind: TokenKind, start: number, value?: string | number) => tokens.push({ kind, text: source.slice(start, i), at: start, ...(value !== undefined ? { value } : {}) });
  const readWhile = (ok: (c: string) => boolean) => {
    while (i < source.length && ok(source[i]!)) i++;
  };
  const number = (start: number) => {
    readWhile((c) => !isBoundary(c) || c === '.');
    const text = source.slice(start, i);
    const value = Number(text);
    if (text.trim() === '' || Number.isNaN(value)) {
      throw new SyntaxFailure(start, /^\.[A-Za-z_*]/.test(text) ? `\`${text}\` cannot follow here: only a context, a function call or a parenthesized expression has properties` : `\`${text}\` is not a number`);
    }
    add('number', start, value);
  };
  while (i < source.length) {
    const start = i;
    const c = source[i++]!;
    const two = source.slice(start, start + 2);
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if ('()[],*'.includes(c)) add(c as TokenKind, start);
    else if (c === '.') {
      const p = previous();
      if (p === 'ident' || p === ']' || p === ')' || p === '*') add('.', start);
      else number(start);
    } else if (c === '-' || c === '+') number(start);
    else if (two === '!=' || two === '==' || two === '<=' || two === '>=' || two === '&&' || two === '||') (i++, add(two as TokenKind, start));
    else if (c === '!' || c === '<' || c === '>') add(c as TokenKind, start);
    else if (c === "'") {
      let value = '';
      for (;;) {
        if (i >= source.length) throw new SyntaxFailure(start, `the string ${source.slice(start, start + 20)}… has no closing quote`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") (value += "'", (i += 2));
          else break;
        } else value += source[i++];
      }
      i++;
      add('string', start, value);
    } else if (c >= '0' && c <= '9') number(start);
    else {
      // an identifier, a keyword, or an illegal symbol (a lone `=`, `&`, `|`, a `"`…): read up to a boundary
      readWhile((x) => !isBoundary(x));
      const text = source.slice(start, i);
      const afterDot = previous() === '.';
      if (!afterDot && (text === 'true' || text === 'false' || text === 'null')) add(text, start);
      else if (!afterDot && (text === 'NaN' || text === 'Infinity')) add('number', start, Number(text));
      else if (LEGAL_IDENT.test(text)) add('ident', start);
      else throw new SyntaxFailure(start, `unexpected symbol \`${text}\`${text.startsWith('"') ? ' (strings are written in single quotes)' : text === '=' ? ' (compare with ==)' : ''}`);
    }
  }
  tokens.push({ kind: 'eof', text: '', at: source.length });
  return tokens;
}

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): ExprNode {
    const node = this.expression();
    if (this.peek().kind !== 'eof') this.unexpected();
    return node;
  }
  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private match(...kinds: TokenKind[]): Token | undefined {
    return kinds.includes(this.peek().kind) ? this.next() : undefined;
  }
  private unexpected(): never {
    const t = this.peek();
    throw new SyntaxFailure(t.at, t.kind === 'eof' ? 'the expression ends too early' : `unexpected \`${t.text}\``);
  }
  private expect(kind: TokenKind): void {
    if (!this.match(kind)) this.unexpected();
  }
  private expression(): ExprNode {
    if (++this.depth > MAX_DEPTH) throw new SyntaxFailure(this.peek().at, `the expression is nested more than ${MAX_DEPTH} levels deep`);
    try {
      return this.binary(0);
    } finally {
      this.depth--;
    }
  }
  private static readonly LEVELS: readonly (readonly TokenKind[])[] = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>=']];
  private binary(level: number): ExprNode {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (let op = this.match(...Parser.LEVELS[level]!); op; op = this.match(...Parser.LEVELS[level]!)) {
      left = { kind: 'binary', op: op.kind, left, right: this.binary(level + 1), at: op.at };
    }
    return left;
  }
  private unary(): ExprNode {
    const bang = this.match('!');
    return bang ? { kind: 'not', operand: this.unary(), at: bang.at } : this.postfix();
  }
  private postfix(): ExprNode {
    let node = this.primary();
    // only a context, a call or a group can be indexed: `'a'.b` is an error
    if (node.kind !== 'context' && node.kind !== 'call' && node.kind !== 'group') return node;
    for (;;) {
      const open = this.match('[');
      if (open) {
        const key = this.match('*') ? '*' : this.expression();
        this.expect(']');
        node = { kind: 'index', object: node, key, at: open.at };
        continue;
      }
      const dot = this.match('.');
      if (!dot) return node;
      const name = this.match('ident');
      if (name) node = { kind: 'index', object: node, key: { kind: 'literal', value: name.text, at: name.at }, at: dot.at };
      else if (this.match('*')) node = { kind: 'index', object: node, key: '*', at: dot.at };
      else this.unexpected();
    }
  }
  private primary(): ExprNode {
    const t = this.next();
    switch (t.kind) {
      case 'true':
      case 'false':
        return { kind: 'literal', value: t.kind === 'true', at: t.at };
      case 'null':
        return { kind: 'literal', value: null, at: t.at };
      case 'number':
      case 'string':
        return { kind: 'literal', value: t.value!, at: t.at };
      case '(': {
        const inner = this.expression();
        this.expect(')');
        return { kind: 'group', inner, at: t.at };
      }
      case 'ident': {
        if (!this.match('(')) return { kind: 'context', name: t.text, at: t.at };
        const args: ExprNode[] = [];
        // as GitHub reads it, a trailing comma is allowed: `format('{0}', a,)`
        while (!this.match(')')) {
          args.push(this.expression());
          if (this.peek().kind !== ')') this.expect(',');
        }
        return { kind: 'call', name: t.text, args, at: t.at };
      }
      default:
        this.pos -= t.kind === 'eof' ? 0 : 1;
        return this.unexpected();
    }
  }
}

/**
 * Parses one expression (the text inside `${{ }}`, or an `if:` condition), never throwing: the
 * syntax tree, or what is wrong and where.
 *
 * @example
 * ```ts
 * parseExpression("startsWith(github.ref, 'refs/tags/')").node?.kind; // 'call'
 * parseExpression('github.ref = "main"').error?.message;              // 'unexpected symbol `=` (compare with ==)'
 * ```
 */
export function parseExpression(source: string): { node: ExprNode; error?: undefined } | { node?: undefined; error: ExprSyntaxError } {
  if (source.length > MAX_LENGTH) return { error: { message: `the expression is longer than ${MAX_LENGTH} characters`, at: 0 } };
  if (source.trim() === '') return { error: { message: 'the expression is empty', at: 0 } };
  try {
    return { node: new Parser(tokenize(source)).parse() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { error: { message: e.message, at: e.at } };
    throw e;
  }
}

/** One step of a property path: a known name, a computed key, or `*`. */
export type PathSegment = { readonly name: string } | { readonly computed: true } | { readonly star: true };

/** A context read with the property path after it: `needs.build.outputs['tags']` is `needs` with `build`, `outputs`, `tags`. */
export interface ContextPath {
  readonly context: string;
  readonly segments: readonly PathSegment[];
  readonly at: number;
}

/** The key of an index node as a path segment. */
function segmentOf(key: ExprNode | '*'): PathSegment {
  if (key === '*') return { star: true };
  if (key.kind === 'literal' && typeof key.value === 'string') return { name: key.value };
  return { computed: true };
}

/**
 * Every context read in a tree, each with the longest property path after it, and every function
 * call — the facts the context checks work on.
 *
 * @example
 * ```ts
 * const { paths, calls } = referencesIn(parseExpression("contains(needs.build.outputs['tags'], matrix.os)").node!);
 * paths.map((p) => [p.context, ...p.segments.map((s) => ('name' in s ? s.name : '?'))]);
 * // [['needs', 'build', 'outputs', 'tags'], ['matrix', 'os']]
 * calls.map((c) => c.name); // ['contains']
 * ```
 */
export function referencesIn(root: ExprNode): { paths: ContextPath[]; calls: Extract<ExprNode, { kind: 'call' }>[] } {
  const paths: ContextPath[] = [];
  const calls: Extract<ExprNode, { kind: 'call' }>[] = [];
  const visit = (node: ExprNode): void => {
    switch (node.kind) {
      case 'literal':
        return;
      case 'context':
        paths.push({ context: node.name, segments: [], at: node.at });
        return;
      case 'index': {
        // walk down to the base of the chain, keeping the keys in order
        const segments: PathSegment[] = [];
        let base: ExprNode = node;
        while (base.kind === 'index') {
          segments.unshift(segmentOf(base.key));
          if (base.key !== '*') visit(base.key);
          base = base.object;
        }
        if (base.kind === 'context') paths.push({ context: base.name, segments, at: base.at });
        else visit(base);
        return;
      }
      case 'call':
        calls.push(node);
        node.args.forEach(visit);
        return;
      case 'not':
        return visit(node.operand);
      case 'binary':
        visit(node.left);
        return visit(node.right);
      case 'group':
        return visit(node.inner);
    }
  };
  visit(root);
  return { paths, calls };
}
