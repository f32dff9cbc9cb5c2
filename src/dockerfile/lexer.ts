/**
 * The Dockerfile lexer: logical lines (continuations joined, comment and blank lines inside them
 * skipped, heredoc bodies collected), the token scanner over an instruction's raw text (words and
 * flags), and the word lexer for ENV, LABEL and ARG. The character rules themselves (what continues a
 * line, what a heredoc marker is) are BuildKit's, in ./lexical.ts, shared with the synthesizer.
 * @module
 */
import type { Issue } from '../core/issue.js';
import { continues, heredocMarkers, joinContinuations, looksLikeJson, skippedInContinuation, stripContinuation, unquoteFlag, type Escape } from './lexical.js';
import type { Heredoc } from './model.js';

export type { Escape };

/** One instruction as read from the file, before its keyword's parser looks at it. */
export interface Logical {
  /** The instruction's lines as written (continuations kept), without heredoc bodies. */
  readonly raw: string;
  /** The instruction with continuations joined (comment and empty lines inside it removed). */
  readonly logical: string;
  readonly line: number;
  readonly heredocs?: Heredoc[];
  /** Raw text including heredoc bodies (for pass-through). */
  readonly full: string;
}

/** Where the parser collects its issues, with the file and the escape character in force. */
export class Ctx {
  readonly issues: Issue[] = [];
  constructor(readonly file: string | undefined, readonly esc: Escape) {}
  issue(code: string, severity: Issue['severity'], message: string, line: number, path: (string | number)[], hint?: string): void {
    this.issues.push({ code, severity, message, path, line, ...(this.file !== undefined ? { file: this.file } : {}), ...(hint !== undefined ? { hint } : {}) });
  }
}

/** A comment line's text without the `#` and one following space. */
export function commentText(trimmed: string): string {
  const t = trimmed.slice(1);
  return t.startsWith(' ') ? t.slice(1) : t;
}

/** Reads the instruction that starts at `lines[start]`: its continuation lines and heredoc bodies. */
export function readLogical(lines: readonly string[], start: number, ctx: Ctx): { logical: Logical; next: number; unterminated: boolean } {
  const rawLines: string[] = [lines[start]!];
  let logical = stripContinuation(lines[start]!, ctx.esc);
  let cont = continues(lines[start]!, ctx.esc);
  let i = start + 1;
  while (cont && i < lines.length) {
    const line = lines[i]!;
    rawLines.push(line);
    i++;
    // BuildKit skips comment and blank lines inside a continuation
    if (skippedInContinuation(line)) continue;
    logical += stripContinuation(line, ctx.esc);
    cont = continues(line, ctx.esc);
  }
  const raw = rawLines.join('\n');
  const keyword = /^\s*(\S+)/.exec(logical)?.[1]?.toUpperCase();
  let heredocs: Heredoc[] | undefined;
  let unterminated = false;
  const fullLines = [...rawLines];
  const scan = keyword === 'ONBUILD' ? logical.replace(/^\s*\S+\s+/, '') : logical;
  const kw2 = keyword === 'ONBUILD' ? /^\s*(\S+)/.exec(scan)?.[1]?.toUpperCase() : keyword;
  // BuildKit reads heredocs in RUN, COPY and ADD (also after ONBUILD), never in the JSON form
  const args = scan.replace(/^\s*\S+/, '').replace(/^(\s+--\S+)*/, '');
  if ((kw2 === 'RUN' || kw2 === 'COPY' || kw2 === 'ADD') && !looksLikeJson(args)) {
    const markers = heredocMarkers(scan);
    if (markers.length > 0) {
      heredocs = [];
      for (const m of markers) {
        const strip = m.strip;
        const delimiter = m.name;
        const body: string[] = [];
        let found = false;
        while (i < lines.length) {
          const line = lines[i]!;
          fullLines.push(line);
          i++;
          if ((strip ? line.replace(/^\t+/, '') : line) === delimiter) {
            found = true;
            break;
          }
          body.push(line);
        }
        if (!found) {
          ctx.issue('docker/unterminated-heredoc', 'error', `expected a line "${delimiter}" closing the heredoc, reached the end of the file`, start + 1, [], `end the heredoc with a line holding only ${delimiter}`);
          unterminated = true;
          heredocs = undefined;
          break;
        }
        heredocs.push({ delimiter, body: body.join('\n') });
      }
    }
  }
  const l: Logical = { raw, logical: logical.trim(), line: start + 1, full: fullLines.join('\n'), ...(heredocs ? { heredocs } : {}) };
  return { logical: l, next: i, unterminated };
}

// BuildKit's continuation at `pos` of a raw instruction: the escape character, then spaces or tabs to
// the end of the line, not itself escaped.
function continuationAt(raw: string, pos: number, esc: Escape): RegExpExecArray | null {
  if (raw[pos] !== esc || (pos > 0 && raw[pos - 1] === esc)) return null;
  return /^.[ \t]*\n/.exec(raw.slice(pos));
}

// ------------------------------------------------------------------------------------------------
// Token scanning over the raw text (so a shell command keeps its continuations)

/** Reads words and flags over an instruction's raw text (continuations kept). */
export class Scanner {
  pos = 0;
  constructor(readonly raw: string, readonly esc: Escape) {}
  skipSpace(): void {
    for (;;) {
      const rest = this.raw.slice(this.pos);
      const m = /^[ \t]+/.exec(rest);
      if (m) { this.pos += m[0].length; continue; }
      {
        const c = continuationAt(this.raw, this.pos, this.esc);
        if (c) {
          this.pos += c[0].length;
          // comment and empty lines inside a continuation are skipped
          for (;;) {
            const r = this.raw.slice(this.pos);
            const skip = /^[ \t]*(#[^\n]*)?\n/.exec(r);
            if (skip && (skip[1] !== undefined || /^[ \t]*\n/.test(r))) { this.pos += skip[0].length; continue; }
            break;
          }
          continue;
        }
      }
      return;
    }
  }
  /** Reads one whitespace-delimited word (double quotes group). */
  word(): string {
    this.skipSpace();
    let out = '';
    let quote = false;
    while (this.pos < this.raw.length) {
      const ch = this.raw[this.pos]!;
      if (!quote && (ch === ' ' || ch === '\t' || ch === '\n')) break;
      if (!quote && continuationAt(this.raw, this.pos, this.esc)) break;
      if (ch === '"') quote = !quote;
      out += ch;
      this.pos++;
    }
    return out;
  }
  /** Reads one flag word as BuildKit does: single and double quotes group, `\\` escapes the next character. */
  flagWord(): string {
    this.skipSpace();
    let out = '';
    let quote: string | undefined;
    while (this.pos < this.raw.length) {
      const ch = this.raw[this.pos]!;
      if (quote === undefined && (ch === ' ' || ch === '\t' || ch === '\n')) break;
      if (quote === undefined && continuationAt(this.raw, this.pos, this.esc)) break;
      if (ch === '\\' && this.pos + 1 < this.raw.length && this.raw[this.pos + 1] !== '\n') {
        out += ch + this.raw[this.pos + 1]!;
        this.pos += 2;
        continue;
      }
      if (quote === undefined && (ch === '"' || ch === "'")) quote = ch;
      else if (ch === quote) quote = undefined;
      out += ch;
      this.pos++;
    }
    return out;
  }
  peekFlag(): boolean {
    this.skipSpace();
    return this.raw.startsWith('--', this.pos);
  }
  rest(): string {
    this.skipSpace();
    return this.raw.slice(this.pos).replace(/\s+$/, '');
  }
}

/** One `--name[=value]` flag. */
export interface Flag { readonly name: string; readonly value: string | undefined; }

/** Reads the flags at the scanner's position (BuildKit's quoting rules). */
export function readFlags(s: Scanner): Flag[] {
  const flags: Flag[] = [];
  while (s.peekFlag()) {
    const word = s.flagWord().slice(2);
    const w = unquoteFlag(word);
    if (w === undefined) fail(`expected a closing quote in the flag --${word}`);
    const eq = w!.indexOf('=');
    flags.push(eq < 0 ? { name: w!, value: undefined } : { name: w!.slice(0, eq), value: w!.slice(eq + 1) });
  }
  return flags;
}

/** What a keyword parser throws when it cannot read an instruction (the instruction is kept raw). */
export class Unreadable extends Error {}
/** Throws an {@link Unreadable} with `message`. */
export const fail = (message: string): never => { throw new Unreadable(message); };

/** A JSON list of strings, or undefined when `text` is not one. */
export function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The text with its continuations joined. */
export function joined(raw: string, esc: Escape): string {
  return joinContinuations(raw, esc);
}

// ------------------------------------------------------------------------------------------------
// The word lexer for ENV, LABEL and ARG (BuildKit's rules; `$NAME` and `\$` are kept as written)

/** A word and the position of its first `=` (-1 when it has none). */
export interface Word { readonly value: string; readonly eq: number; }

/** Splits `text` into words (spaces separate them unless `splitSpaces` is false), quotes and escapes removed. */
export function lexWords(text: string, esc: Escape, splitSpaces = true): Word[] {
  const words: Word[] = [];
  let cur = '';
  let eq = -1;
  let started = false;
  const push = (): void => {
    if (started) words.push({ value: cur, eq });
    cur = '';
    eq = -1;
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (splitSpaces && (ch === ' ' || ch === '\t')) { push(); continue; }
    started = true;
    if (ch === esc) {
      const next = text[i + 1];
      if (next === undefined) continue;
      cur += next === '$' ? esc + next : next;
      i++;
    } else if (ch === '"') {
      i++;
      for (; i < text.length && text[i] !== '"'; i++) {
        const c = text[i]!;
        if (c === esc) {
          const n = text[i + 1];
          if (n === '"' || n === esc) { cur += n; i++; continue; }
          if (n === '$') { cur += esc + n; i++; continue; }
        }
        cur += c;
      }
      if (i >= text.length) fail('expected a closing double quote');
    } else if (ch === "'") {
      i++;
      for (; i < text.length && text[i] !== "'"; i++) cur += text[i] === '$' ? `${esc}$` : text[i]!;
      if (i >= text.length) fail('expected a closing single quote');
    } else {
      if (ch === '=' && eq < 0) eq = cur.length;
      cur += ch;
    }
  }
  push();
  return words;
}
