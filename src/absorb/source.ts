/**
 * Reading a config's TypeScript source without a compiler: the string literals in it, the calls of
 * a function, and the local modules it imports. Enough to find where a version is written and to
 * rewrite it in place; never evaluates anything.
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The text inside one string literal (or one text chunk of a template literal). */
export interface Literal {
  /** Offset of the first character inside the quotes. */
  readonly start: number;
  /** Offset just after the last character inside the quotes. */
  readonly end: number;
  /** The quote: `'`, `"` or `` ` ``. */
  readonly quote: string;
}

/** The literals of a source and a mask of which offsets are code (not in a string or comment). */
export interface Scan {
  readonly literals: readonly Literal[];
  readonly code: readonly boolean[];
}

/**
 * Finds the string literals and comments of a TypeScript or JavaScript source.
 *
 * @example
 * ```ts
 * const { literals } = scanSource("s.image('postgres:16') // 'not this'");
 * literals.length; // 1
 * ```
 */
export function scanSource(text: string): Scan {
  const literals: Literal[] = [];
  const code: boolean[] = new Array<boolean>(text.length).fill(false);
  // a stack of open template literals' brace depths: `${` pushes, its `}` pops back into the template
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const readTemplate = (from: number): number => {
    // reads template text from `from` until the closing backtick or `${`; returns the next offset
    let j = from;
    while (j < text.length) {
      const c = text[j];
      if (c === '\\') j += 2;
      else if (c === '`') {
        literals.push({ start: from, end: j, quote: '`' });
        return j + 1;
      } else if (c === '$' && text[j + 1] === '{') {
        literals.push({ start: from, end: j, quote: '`' });
        templates.push(depth);
        depth++;
        return j + 2;
      } else j++;
    }
    literals.push({ start: from, end: text.length, quote: '`' });
    return text.length;
  };
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      literals.push({ start: i + 1, end: Math.min(j, text.length), quote: c });
      i = j + 1;
    } else if (c === '`') {
      i = readTemplate(i + 1);
    } else {
      code[i] = true;
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          code[i] = false;
          i = readTemplate(i + 1);
          continue;
        }
      }
      i++;
    }
  }
  return { literals, code };
}

/** A place in a source file. */
export interface Place {
  readonly file: string;
  readonly offset: number;
}

/** `file:line:column` of an offset (1-based). */
export function placeOf(file: string, text: string, offset: number, base?: string): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  const shown = base !== undefined && file.startsWith(`${base}/`) ? file.slice(base.length + 1) : file;
  return `${shown}:${line}:${col}`;
}

const REF_CHAR = /[A-Za-z0-9._/:@-]/;

/**
 * Where `needle` occurs inside string literals as a whole reference: not as part of a longer name
 * or version (`postgres:16` is not found in `postgres:16.4` or `mypostgres:16`).
 *
 * @example
 * ```ts
 * const text = "s.image('postgres:16'); const u = 'postgres:16.4'";
 * literalOccurrences(text, scanSource(text), 'postgres:16'); // [9]
 * ```
 */
export function literalOccurrences(text: string, scan: Scan, needle: string): number[] {
  const found: number[] = [];
  for (const lit of scan.literals) {
    let from = lit.start;
    for (;;) {
      const at = text.indexOf(needle, from);
      if (at < 0 || at + needle.length > lit.end) break;
      const before = at > lit.start ? text[at - 1] : '';
      const after = at + needle.length < lit.end ? text[at + needle.length] : '';
      // `docker://alpine:3.20` in a uses() step: the image starts after the scheme
      const boundedBefore = before === '' || !REF_CHAR.test(before as string) || (at - 9 >= lit.start && text.slice(at - 9, at) === 'docker://');
      // after the reference: the end of the literal, a space, a quote… but not more of a name or version
      const boundedAfter = after === '' || !/[A-Za-z0-9._:@/-]/.test(after as string);
      if (boundedBefore && boundedAfter) found.push(at);
      from = at + 1;
    }
  }
  return found;
}

/** A call of a function in code: the offsets of its `(` and matching `)`, and its top-level arguments. */
export interface Call {
  readonly name: string;
  /** Offset of the function name. */
  readonly at: number;
  readonly open: number;
  readonly close: number;
  /** The arguments as offset ranges (trimmed), in order. */
  readonly args: readonly { readonly start: number; readonly end: number }[];
}

/**
 * The calls of a function named `name` in code (not `obj.name(…)`, not `function name(`).
 *
 * @example
 * ```ts
 * const text = "j.step(checkout({ 'fetch-depth': 0 }, { version: 'v5' }))";
 * findCalls(text, scanSource(text), 'checkout')[0].args.length; // 2
 * ```
 */
export function findCalls(text: string, scan: Scan, name: string): Call[] {
  const calls: Call[] = [];
  const re = new RegExp(`(?<![\\w$.])${name.replace(/[$]/g, '\\$')}\\s*\\(`, 'g');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    if (!scan.code[at]) continue;
    if (/\bfunction\s*$/.test(text.slice(Math.max(0, at - 20), at))) continue;
    const open = at + m[0].length - 1;
    let depth = 0;
    let close = -1;
    const args: { start: number; end: number }[] = [];
    let argStart = open + 1;
    for (let j = open; j < text.length; j++) {
      if (!scan.code[j]) continue;
      const c = text[j];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth === 0) {
          close = j;
          break;
        }
      } else if (c === ',' && depth === 1) {
        args.push({ start: argStart, end: j });
        argStart = j + 1;
      }
    }
    if (close < 0) continue;
    args.push({ start: argStart, end: close });
    const trimmed = args
      .map((a) => {
        let s = a.start;
        let e = a.end;
        while (s < e && /\s/.test(text[s] as string)) s++;
        while (e > s && /\s/.test(text[e - 1] as string)) e--;
        return { start: s, end: e };
      })
      .filter((a) => a.end > a.start);
    calls.push({ name, at, open, close, args: trimmed });
  }
  return calls;
}

/**
 * The config file and the local modules it imports (relative `import … from './x'`, `export … from`,
 * `import('./x')`), followed recursively; packages (`devstack-kit`, `node:fs`) are not followed.
 *
 * @example
 * ```ts
 * configSources('/repo/devstack.config.ts'); // ['/repo/devstack.config.ts', '/repo/devstack/images.ts']
 * ```
 */
export function configSources(configFile: string): string[] {
  const seen: string[] = [];
  const visit = (file: string): void => {
    if (seen.includes(file)) return;
    seen.push(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return;
    }
    const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const found = resolveModule(dirname(file), m[2] as string);
      if (found !== undefined) visit(found);
    }
  };
  visit(resolve(configFile));
  return seen;
}

function resolveModule(dir: string, spec: string): string | undefined {
  const base = resolve(dir, spec);
  const stem = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.tsx`, `${stem}.js`, `${stem}.mjs`, `${base}/index.ts`, `${base}/index.js`];
  for (const c of candidates) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return undefined;
}
