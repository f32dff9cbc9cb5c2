/**
 * Reads Dockerfiles and `.dockerignore` files into their models. Never throws: what the model does
 * not understand is kept as raw text, with an info-level issue.
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { ParseResult } from '../core/kind.js';
import { defineCodes } from '../core/rule.js';
import { MARKER } from '../core/text.js';
import { execForm } from './synth.js';
import { continues, decodeJsonLike, heredocMarkers, joinContinuations, looksLikeJson, pathsNeedJson, skippedInContinuation, stripContinuation, unquoteFlag } from './lexical.js';
import { InstructionSchema, meaningProblems, StageSchema } from './model.js';
import type {
  Command, Directives, DockerfileModel, DockerignoreEntry, DockerignoreModel, Heredoc, Instruction, InstructionOf, Mount, OnbuildTrigger, PreambleItem, Stage,
} from './model.js';

type Escape = '\\' | '`';

/** Codes the Dockerfile parser reports. */
export const dockerfileParseCodes = defineCodes([
  { code: 'docker/raw-instruction', severity: 'info', summary: 'An instruction the model does not understand is kept as written.', fix: 'Nothing to do: the text is written back unchanged. If it is a mistake, correct the instruction; the message says what could not be read.' },
  { code: 'docker/instruction-before-from', severity: 'error', summary: 'An instruction other than ARG stands before the first FROM.', fix: 'Move it into a stage (after a FROM line); only ARG may come before the first FROM.' },
  { code: 'docker/no-from', severity: 'error', summary: 'The Dockerfile has no FROM line.', fix: 'Start a stage with `FROM <image>`.' },
  { code: 'docker/unterminated-heredoc', severity: 'error', summary: 'A heredoc has no closing delimiter line.', fix: 'End the heredoc with a line holding only its delimiter (`EOF`).' },
  { code: 'docker/invalid-directive', severity: 'warning', summary: 'A parser directive has a value BuildKit does not accept.', fix: 'Use `# escape=\\` or `# escape=`` ` ``; the line is read as a comment otherwise.' },
]);

interface Logical {
  /** The instruction's lines as written (continuations kept), without heredoc bodies. */
  readonly raw: string;
  /** The instruction with continuations joined (comment and empty lines inside it removed). */
  readonly logical: string;
  readonly line: number;
  readonly heredocs?: Heredoc[];
  /** Raw text including heredoc bodies (for pass-through). */
  readonly full: string;
}

// BuildKit's directive syntax: `# name = value` at the very top (leading white space allowed).
const DIRECTIVE_RE = /^\s*#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.+?)\s*$/;

class Ctx {
  readonly issues: Issue[] = [];
  constructor(readonly file: string | undefined, readonly esc: Escape) {}
  issue(code: string, severity: Issue['severity'], message: string, line: number, path: (string | number)[], hint?: string): void {
    this.issues.push({ code, severity, message, path, line, ...(this.file !== undefined ? { file: this.file } : {}), ...(hint !== undefined ? { hint } : {}) });
  }
}

/**
 * Reads a Dockerfile. Keeps directives, comments (where they stand), blank lines inside stages, the
 * spelling of `as`, flags and heredocs; content it does not understand becomes a `raw` item and an
 * info issue. Never throws.
 *
 * @example
 * ```ts
 * const { model } = parseDockerfile('FROM python:3.13-slim as builder\nRUN pip install uv\n');
 * model.stages[0]; // { from: 'python:3.13-slim', name: 'builder', asKeyword: 'as', instructions: [{ kind: 'run', command: 'pip install uv' }] }
 * ```
 */
export function parseDockerfile(text: string, file?: string): ParseResult<DockerfileModel> {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  // Parser directives: only at the very top, before any comment, blank line or instruction.
  const directives: { -readonly [K in keyof Directives]: Directives[K] } = {};
  let i = 0;
  const pre = new Ctx(file, '\\');
  for (; i < lines.length; i++) {
    const m = DIRECTIVE_RE.exec(lines[i]!);
    if (!m) break;
    const name = m[1]!.toLowerCase();
    const value = m[2]!;
    if (name !== 'syntax' && name !== 'escape' && name !== 'check') break;
    if (directives[name] !== undefined) break;
    if (name === 'escape') {
      if (value !== '\\' && value !== '`') {
        pre.issue('docker/invalid-directive', 'warning', `expected "\\" or "\`" as the escape character, received ${JSON.stringify(value)}`, i + 1, ['directives', 'escape']);
        break;
      }
      directives.escape = value;
    } else directives[name] = value;
  }
  if (i < lines.length && lines[i]!.trim() === `# ${MARKER}`) i++;

  const ctx = new Ctx(file, directives.escape ?? '\\');
  ctx.issues.push(...pre.issues);
  const preamble: PreambleItem[] = [];
  const stages: Stage[] = [];
  let current: Stage | undefined;

  while (i < lines.length) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const items: (Instruction | PreambleItem)[] = current ? current.instructions : preamble;
    if (trimmed === '') {
      items.push({ kind: 'blank' });
      i++;
      continue;
    }
    if (trimmed.startsWith('#')) {
      items.push({ kind: 'comment', text: commentText(line.trimStart()) });
      i++;
      continue;
    }
    const read = readLogical(lines, i, ctx);
    i = read.next;
    const l = read.logical;
    const keyword = /^\S+/.exec(l.logical)?.[0]?.toUpperCase() ?? '';
    if (keyword === 'FROM') {
      const stage = parseFrom(l, ctx, stages.length);
      if (!stage) {
        items.push({ kind: 'raw', text: l.full });
        continue;
      }
      const container = current ? current.instructions : preamble;
      stage.comments = takeLeadingComments(container, current !== undefined);
      if (stage.comments.length === 0) delete stage.comments;
      stages.push(stage);
      current = stage;
      continue;
    }
    const path: (string | number)[] = current ? ['stages', stages.length - 1, 'instructions', items.length] : ['preamble', items.length];
    const parsed = l.heredocs === undefined && read.unterminated ? undefined : parseInstruction(l, keyword, ctx, path);
    if (!current) {
      if (parsed && parsed.kind === 'arg') preamble.push(parsed);
      else {
        ctx.issue('docker/instruction-before-from', 'error', `expected ARG or FROM before the first stage, received ${keyword || 'text'}`, l.line, path, 'move it after a FROM line');
        preamble.push({ kind: 'raw', text: l.full });
      }
      continue;
    }
    current.instructions.push(parsed ?? { kind: 'raw', text: l.full });
  }
  if (current) while (current.instructions.length > 0 && current.instructions[current.instructions.length - 1]!.kind === 'blank') current.instructions.pop();
  if (stages.length === 0) ctx.issue('docker/no-from', 'error', 'expected a FROM line, found none', 1, ['stages'], 'start a stage with FROM <image>');

  const model: { -readonly [K in keyof DockerfileModel]: DockerfileModel[K] } = { stages };
  const out: DockerfileModel = {
    ...(Object.keys(directives).length > 0 ? { directives } : {}),
    ...(preamble.length > 0 ? { preamble } : {}),
    ...model,
  };
  return { model: out, issues: ctx.issues };
}

function commentText(trimmed: string): string {
  const t = trimmed.slice(1);
  return t.startsWith(' ') ? t.slice(1) : t;
}

// Moves the comments that stand directly above a FROM line into that stage.
function takeLeadingComments(container: (Instruction | PreambleItem)[], isStage: boolean): string[] {
  let end = container.length;
  while (end > 0 && container[end - 1]!.kind === 'blank') end--;
  if (end < container.length) {
    if (isStage) container.length = end;
    return [];
  }
  let start = end;
  while (start > 0 && container[start - 1]!.kind === 'comment') start--;
  const comments = container.slice(start, end).map((c) => (c as { text: string }).text);
  container.length = start;
  if (isStage) while (container.length > 0 && container[container.length - 1]!.kind === 'blank') container.pop();
  return comments;
}

function readLogical(lines: readonly string[], start: number, ctx: Ctx): { logical: Logical; next: number; unterminated: boolean } {
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

class Scanner {
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

interface Flag { readonly name: string; readonly value: string | undefined; }

function readFlags(s: Scanner): Flag[] {
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

class Unreadable extends Error {}
const fail = (message: string): never => { throw new Unreadable(message); };

// ------------------------------------------------------------------------------------------------

function parseFrom(l: Logical, ctx: Ctx, index: number): Stage | undefined {
  const s = new Scanner(l.raw, ctx.esc);
  s.word();
  let flags: Flag[];
  try {
    flags = readFlags(s);
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    ctx.issue('docker/raw-instruction', 'info', `FROM: ${e.message}`, l.line, ['stages', index]);
    return undefined;
  }
  const words: string[] = [];
  for (let w = s.word(); w !== ''; w = s.word()) words.push(w);
  const path = ['stages', index];
  let platform: string | undefined;
  for (const f of flags) {
    if (f.name === 'platform' && f.value) platform = f.value;
    else {
      ctx.issue('docker/raw-instruction', 'info', `FROM: expected the flag --platform, received --${f.name}`, l.line, path);
      return undefined;
    }
  }
  if (!(words.length === 1 || (words.length === 3 && /^as$/i.test(words[1]!) && /^[A-Za-z][A-Za-z0-9_.-]*$/.test(words[2]!)))) {
    ctx.issue('docker/raw-instruction', 'info', `FROM: expected "FROM <image> [AS <name>]", received ${JSON.stringify(l.logical)}`, l.line, path);
    return undefined;
  }
  const stage: Stage = {
    ...(platform !== undefined ? { platform } : {}),
    from: words[0]!,
    ...(words.length === 3 ? { name: words[2]!, ...(words[1] !== 'AS' ? { asKeyword: words[1]! } : {}) } : {}),
    instructions: [],
  };
  const check = StageSchema.safeParse(stage);
  if (!check.success) {
    ctx.issue('docker/raw-instruction', 'info', `FROM: ${check.error.issues[0]!.message}`, l.line, path);
    return undefined;
  }
  return stage;
}

function parseInstruction(l: Logical, keyword: string, ctx: Ctx, path: (string | number)[]): Instruction | undefined {
  try {
    const ins = read(l.raw, keyword, l, ctx);
    // what the parser returns is always a model the schema accepts; anything else stays raw
    const problem = meaningProblems(ins, ctx.esc)[0];
    if (problem) fail(`${keyword}: ${JSON.stringify(problem.value)}: ${problem.message}`);
    const check = InstructionSchema.safeParse(ins);
    if (!check.success) {
      const zi = check.error.issues[0]!;
      fail(`${keyword}: ${zi.message}${zi.path.length > 0 ? ` (at ${zi.path.join('.')})` : ''}`);
    }
    return ins;
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    ctx.issue('docker/raw-instruction', 'info', `${e.message}; kept as written`, l.line, path, 'the text is written back unchanged');
    return undefined;
  }
}

function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

function joined(raw: string, esc: Escape): string {
  return joinContinuations(raw, esc);
}

function commandOf(rest: string, esc: Escape, what: string): Command {
  if (rest === '') fail(`${what}: expected a command, received nothing`);
  const exec = jsonArray(joined(rest, esc));
  if (exec && exec.length > 0) return exec;
  if (looksLikeJson(joined(rest, esc))) fail(`${what}: expected a JSON list of strings, received ${JSON.stringify(joined(rest, esc))}`);
  // the synthesizer's guard for a shell command that reads as JSON (see encodeJsonLike)
  return decodeJsonLike(rest, esc);
}

// The command, plus the exec-form text as written when it differs from the canonical `["a", "b"]`.
function commandWithSource(rest: string, esc: Escape, what: string): { command: Command; execSource?: string } {
  const command = commandOf(rest, esc, what);
  if (typeof command === 'string' || rest === execForm(command) || !jsonArray(rest)) return { command };
  return { command, execSource: rest };
}

function boolFlag(f: Flag, what: string): boolean {
  if (f.value === undefined || f.value === 'true') return true;
  if (f.value === 'false') return false;
  return fail(`${what}: expected --${f.name} or --${f.name}=true|false, received ${JSON.stringify(f.value)}`);
}

const MOUNT_KEYS: Record<string, Record<string, string>> = {
  bind: { target: 'target', dst: 'target', destination: 'target', source: 'source', src: 'source', from: 'from', readwrite: 'readwrite', rw: 'readwrite' },
  cache: { target: 'target', dst: 'target', destination: 'target', id: 'id', readonly: 'readonly', ro: 'readonly', sharing: 'sharing', from: 'from', source: 'source', src: 'source', mode: 'mode', uid: 'uid', gid: 'gid' },
  tmpfs: { target: 'target', dst: 'target', destination: 'target', size: 'size' },
  secret: { id: 'id', target: 'target', dst: 'target', destination: 'target', env: 'env', required: 'required', mode: 'mode', uid: 'uid', gid: 'gid' },
  ssh: { id: 'id', target: 'target', dst: 'target', destination: 'target', required: 'required', mode: 'mode', uid: 'uid', gid: 'gid' },
};
const MOUNT_ORDER: Record<string, string[]> = {
  bind: ['type', 'target', 'source', 'from', 'readwrite'],
  cache: ['type', 'target', 'id', 'readonly', 'sharing', 'from', 'source', 'mode', 'uid', 'gid'],
  tmpfs: ['type', 'target', 'size'],
  secret: ['type', 'id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['type', 'id', 'target', 'required', 'mode', 'uid', 'gid'],
};

function splitCsv(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      if (q && text[i + 1] === '"') { cur += '"'; i++; } else q = !q;
    } else if (ch === ',' && !q) { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Reads a `--mount` value (`type=cache,target=/root/.cache`) into a {@link Mount}; throws a message on
 * keys that do not belong to the mount type.
 */
export function parseMount(value: string): Mount {
  const fields: Record<string, string | boolean | number> = {};
  const parts = splitCsv(value);
  let type = 'bind';
  for (const p of parts) if (p.startsWith('type=')) type = p.slice(5);
  const keys = MOUNT_KEYS[type];
  if (!keys) return fail(`--mount: expected type bind, cache, tmpfs, secret or ssh, received ${JSON.stringify(type)}`);
  fields.type = type;
  for (const p of parts) {
    if (p.startsWith('type=')) continue;
    const eq = p.indexOf('=');
    const k = eq < 0 ? p : p.slice(0, eq);
    const v = eq < 0 ? undefined : p.slice(eq + 1);
    const key = keys[k];
    if (!key) return fail(`--mount: "${k}" is not an option of a ${type} mount`);
    if (key === 'readonly' || key === 'readwrite' || key === 'required') {
      if (v !== undefined && v !== 'true' && v !== 'false') fail(`--mount: expected ${k}=true|false, received ${JSON.stringify(v)}`);
      fields[key] = v !== 'false';
    } else if (key === 'uid' || key === 'gid') {
      if (!/^\d+$/.test(v ?? '')) fail(`--mount: expected ${k}=<number>, received ${JSON.stringify(v)}`);
      fields[key] = Number(v);
    } else if (key === 'size' && /^\d+$/.test(v ?? '')) fields[key] = Number(v);
    else {
      if (v === undefined) fail(`--mount: expected ${k}=<value>`);
      fields[key] = v!;
    }
  }
  if ((type === 'bind' || type === 'cache' || type === 'tmpfs') && fields.target === undefined) fail(`--mount: a ${type} mount needs target=<path>`);
  const ordered: Record<string, unknown> = {};
  for (const k of MOUNT_ORDER[type]!) if (fields[k] !== undefined) ordered[k] = fields[k];
  return ordered as Mount;
}

// ------------------------------------------------------------------------------------------------
// The word lexer for ENV, LABEL and ARG (BuildKit's rules; `$NAME` and `\$` are kept as written)

interface Word { readonly value: string; readonly eq: number; }

function lexWords(text: string, esc: Escape, splitSpaces = true): Word[] {
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

function pairs(text: string, esc: Escape, what: string): [string, string][] {
  const out: [string, string][] = [];
  for (const w of lexWords(text, esc)) {
    if (w.eq <= 0) fail(`${what}: expected key=value pairs, received ${JSON.stringify(w.value)}`);
    out.push([w.value.slice(0, w.eq), w.value.slice(w.eq + 1)]);
  }
  if (out.length === 0) fail(`${what}: expected at least one key=value pair`);
  return out;
}

function envName(name: string): string {
  if (!/^[^\s="'\\$`]+$/.test(name)) fail(`ENV: expected a variable name, received ${JSON.stringify(name)}`);
  return name;
}

function noFlags(flags: Flag[], what: string): void {
  if (flags.length > 0) fail(`${what}: unexpected flag --${flags[0]!.name}`);
}

function fileSources(rest: string, esc: Escape, what: string): { sources: string[]; dest: string; json?: boolean } {
  const text = joined(rest, esc);
  const json = jsonArray(text);
  const list = json ?? text.split(/[ \t]+/).filter((w) => w !== '');
  if (list.length < 2) fail(`${what}: expected a source and a destination, received ${JSON.stringify(text)}`);
  const needed = pathsNeedJson(list);
  // the form as written, where the canonical one would differ (a shell-form path with a quote stays in the shell form)
  const form = json && !needed ? { json: true } : !json && needed ? { json: false } : {};
  return { sources: list.slice(0, -1), dest: list[list.length - 1]!, ...form };
}

function read(raw: string, keyword: string, l: Logical, ctx: Ctx): Instruction {
  const esc = ctx.esc;
  const s = new Scanner(raw, esc);
  s.word();
  const flags = keyword === 'ONBUILD' ? [] : readFlags(s);
  const rest = s.rest();
  const text = joined(rest, esc);
  const what = keyword;
  switch (keyword) {
    case 'RUN': {
      const mounts: Mount[] = [];
      let network: InstructionOf<'run'>['network'];
      let security: InstructionOf<'run'>['security'];
      for (const f of flags) {
        if (f.name === 'mount' && f.value) mounts.push(parseMount(f.value));
        else if (f.name === 'network' && (f.value === 'default' || f.value === 'none' || f.value === 'host')) network = f.value;
        else if (f.name === 'security' && (f.value === 'insecure' || f.value === 'sandbox')) security = f.value;
        else fail(`RUN: expected --mount, --network=default|none|host or --security=insecure|sandbox, received --${f.name}${f.value !== undefined ? `=${f.value}` : ''}`);
      }
      return {
        kind: 'run',
        ...(mounts.length > 0 ? { mounts } : {}),
        ...(network ? { network } : {}),
        ...(security ? { security } : {}),
        ...commandWithSource(rest, esc, what),
        ...(l.heredocs ? { heredocs: l.heredocs } : {}),
      };
    }
    case 'CMD':
    case 'ENTRYPOINT':
      noFlags(flags, what);
      if (l.heredocs) fail(`${what}: heredocs are only read in RUN, COPY and ADD`);
      return { kind: keyword === 'CMD' ? 'cmd' : 'entrypoint', ...commandWithSource(rest, esc, what) };
    case 'SHELL': {
      noFlags(flags, what);
      const list = jsonArray(text);
      if (!list || list.length === 0) fail('SHELL: expected a JSON list like ["/bin/bash", "-c"]');
      return { kind: 'shell', command: list!, ...(text === execForm(list!) ? {} : { execSource: rest }) };
    }
    case 'LABEL':
      noFlags(flags, what);
      return { kind: 'label', labels: Object.fromEntries(pairs(text, esc, what)) };
    case 'EXPOSE': {
      noFlags(flags, what);
      const ports = text.split(/\s+/).filter((p) => p !== '');
      if (ports.length === 0) fail('EXPOSE: expected a port');
      return { kind: 'expose', ports };
    }
    case 'ENV': {
      noFlags(flags, what);
      const first = lexWords(text, esc)[0];
      if (first && first.eq < 0) {
        const m = /^(\S+)\s+([\s\S]*)$/.exec(text);
        if (!m) fail('ENV: expected KEY=value');
        const words = lexWords(m![2]!, esc, false);
        return { kind: 'env', vars: { [envName(m![1]!)]: words[0]?.value ?? '' }, legacy: true };
      }
      const vars = pairs(text, esc, what);
      for (const [k] of vars) envName(k);
      return { kind: 'env', vars: Object.fromEntries(vars) };
    }
    case 'ADD':
    case 'COPY': {
      const out: Record<string, unknown> = { kind: keyword === 'ADD' ? 'add' : 'copy' };
      const exclude: string[] = [];
      for (const f of flags) {
        const v = f.value;
        if (f.name === 'from' && keyword === 'COPY' && v) out.from = v;
        else if (f.name === 'chown' && v) out.chown = v;
        else if (f.name === 'chmod' && v) out.chmod = v;
        else if (f.name === 'link') out.link = boolFlag(f, what);
        else if (f.name === 'parents' && keyword === 'COPY') out.parents = boolFlag(f, what);
        else if (f.name === 'keep-git-dir' && keyword === 'ADD') out.keepGitDir = boolFlag(f, what);
        else if (f.name === 'checksum' && keyword === 'ADD' && v) out.checksum = v;
        else if (f.name === 'exclude' && v) exclude.push(v);
        else fail(`${what}: unexpected flag --${f.name}`);
      }
      const ordered: Record<string, unknown> = { kind: out.kind };
      const order = keyword === 'ADD' ? ['chown', 'chmod', 'link', 'keepGitDir', 'checksum'] : ['from', 'chown', 'chmod', 'link', 'parents'];
      for (const k of order) if (out[k] !== undefined) ordered[k] = out[k];
      if (exclude.length > 0) ordered.exclude = exclude;
      const { sources, dest, json } = fileSources(rest, esc, what);
      ordered.sources = sources;
      ordered.dest = dest;
      if (json !== undefined) ordered.json = json;
      if (l.heredocs) ordered.heredocs = l.heredocs;
      return ordered as Instruction;
    }
    case 'VOLUME': {
      noFlags(flags, what);
      const list = jsonArray(text);
      if (list) {
        if (list.length === 0) fail('VOLUME: expected a path');
        return { kind: 'volume', paths: list, ...(pathsNeedJson(list, false) ? {} : { json: true as const }) };
      }
      const paths = text.split(/\s+/).filter((p) => p !== '');
      if (paths.length === 0) fail('VOLUME: expected a path');
      return { kind: 'volume', paths, ...(pathsNeedJson(paths, false) ? { json: false } : {}) };
    }
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
    case 'MAINTAINER': {
      noFlags(flags, what);
      if (text === '') fail(`${what}: expected a value`);
      // USER and WORKDIR are words: BuildKit removes their quotes and escapes (`$NAME` stays a reference)
      if (keyword === 'USER') return { kind: 'user', user: lexWords(text, esc, false)[0]?.value ?? '' };
      if (keyword === 'WORKDIR') return { kind: 'workdir', path: lexWords(text, esc, false)[0]?.value ?? '' };
      if (keyword === 'MAINTAINER') return { kind: 'maintainer', name: text };
      if (!/^(SIG[A-Z0-9+-]+|[A-Z0-9+-]+|\d+|\$\{?\w+\}?)$/.test(text)) fail(`STOPSIGNAL: expected a signal like SIGTERM, received ${JSON.stringify(text)}`);
      return { kind: 'stopsignal', signal: text };
    }
    case 'ARG': {
      noFlags(flags, what);
      const args = lexWords(text, esc).map((w) => (w.eq < 0 ? { name: w.value } : { name: w.value.slice(0, w.eq), default: w.value.slice(w.eq + 1) }));
      if (args.length === 0) fail('ARG: expected a name');
      for (const a of args) if (!/^[^\s="'\\$`]+$/.test(a.name)) fail(`ARG: expected a name, received ${JSON.stringify(a.name)}`);
      return { kind: 'arg', args };
    }
    case 'HEALTHCHECK': {
      if (/^NONE$/i.test(text)) {
        noFlags(flags, what);
        return { kind: 'healthcheck', command: null };
      }
      const out: Record<string, unknown> = { kind: 'healthcheck' };
      const names: Record<string, string> = { interval: 'interval', timeout: 'timeout', 'start-period': 'startPeriod', 'start-interval': 'startInterval', retries: 'retries' };
      for (const f of flags) {
        const key = names[f.name];
        if (!key || f.value === undefined) fail(`HEALTHCHECK: unexpected flag --${f.name}`);
        if (key === 'retries') {
          if (!/^\d+$/.test(f.value!)) fail(`HEALTHCHECK: expected --retries=<number>, received ${JSON.stringify(f.value)}`);
          out.retries = Number(f.value);
        } else out[key!] = f.value;
      }
      const ordered: Record<string, unknown> = { kind: 'healthcheck' };
      for (const k of ['interval', 'timeout', 'startPeriod', 'startInterval', 'retries']) if (out[k] !== undefined) ordered[k] = out[k];
      const m = /^CMD(?=\s|\[)/i.exec(rest);
      if (!m) fail('HEALTHCHECK: expected CMD <command> or NONE');
      const cmd = rest.slice(m![0].length).replace(/^[ \t]+/, '');
      const c = commandWithSource(cmd, esc, what);
      ordered.command = c.command;
      if (c.execSource !== undefined) ordered.execSource = c.execSource;
      return ordered as Instruction;
    }
    case 'ONBUILD': {
      const sub = /^(\S+)/.exec(rest)?.[1]?.toUpperCase() ?? '';
      if (sub === 'ONBUILD' || sub === 'FROM' || sub === 'MAINTAINER' || sub === '') fail(`ONBUILD: ${sub || 'nothing'} cannot follow ONBUILD`);
      const inner = read(rest, sub, l, ctx);
      return { kind: 'onbuild', instruction: inner as OnbuildTrigger };
    }
    default:
      return fail(`unknown instruction ${JSON.stringify(keyword)}`);
  }
}

// ------------------------------------------------------------------------------------------------
// .dockerignore

/** Codes the `.dockerignore` parser reports. */
export const dockerignoreParseCodes = defineCodes([]);

/**
 * Reads a `.dockerignore`: patterns, `!` exceptions, comments and blank lines, in order. Never throws.
 *
 * @example
 * ```ts
 * parseDockerignore('# VCS\n.git\n!README.md\n').model;
 * // { entries: [{ kind: 'comment', text: 'VCS' }, { kind: 'ignore', pattern: '.git' }, { kind: 'exception', pattern: 'README.md' }] }
 * ```
 */
export function parseDockerignore(text: string, _file?: string): ParseResult<DockerignoreModel> {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const entries: DockerignoreEntry[] = [];
  let start = 0;
  if (lines[0]?.trim() === `# ${MARKER}`) start = 1;
  for (const line of lines.slice(start)) {
    const t = line.trim();
    if (t === '') entries.push({ kind: 'blank' });
    // Docker reads "#" as a comment only in the first column; " #x" is the pattern "#x"
    else if (line.startsWith('#')) entries.push({ kind: 'comment', text: commentText(line) });
    else if (t.startsWith('!')) entries.push({ kind: 'exception', pattern: t.slice(1).trim() || '.' });
    // "\#" and "\!" at the start are a literal "#" or "!" (how synthDockerignore writes them)
    else entries.push({ kind: 'ignore', pattern: /^\\[#!]/.test(t) ? t.slice(1) : t });
  }
  while (entries.length > 0 && entries[entries.length - 1]!.kind === 'blank') entries.pop();
  return { model: { entries }, issues: [] };
}
