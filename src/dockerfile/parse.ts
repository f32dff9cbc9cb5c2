/**
 * Reads Dockerfiles and `.dockerignore` files into their models. Never throws: what the model does
 * not understand is kept as raw text, with an info-level issue.
 * @module
 */
import type { ParseResult } from '../core/kind.js';
import { defineCodes } from '../core/rule.js';
import { MARKER } from '../core/yaml.js';
import { readInstruction } from './keywords.js';
import { commentText, Ctx, fail, readLogical, Scanner, readFlags, Unreadable, type Flag, type Logical } from './lexer.js';
import { InstructionSchema, meaningProblems, StageSchema } from './model.js';
import type { Directives, DockerfileModel, DockerignoreEntry, DockerignoreModel, Instruction, PreambleItem, Stage } from './model.js';

export { parseMount } from './keywords.js';

/** Codes the Dockerfile parser reports. */
export const dockerfileParseCodes = defineCodes([
  { code: 'docker/raw-instruction', severity: 'info', summary: 'An instruction the model does not understand is kept as written.', fix: 'Nothing to do: the text is written back unchanged. If it is a mistake, correct the instruction; the message says what could not be read.' },
  { code: 'docker/instruction-before-from', severity: 'error', summary: 'An instruction other than ARG stands before the first FROM.', fix: 'Move it into a stage (after a FROM line); only ARG may come before the first FROM.' },
  { code: 'docker/no-from', severity: 'error', summary: 'The Dockerfile has no FROM line.', fix: 'Start a stage with `FROM <image>`.' },
  { code: 'docker/unterminated-heredoc', severity: 'error', summary: 'A heredoc has no closing delimiter line.', fix: 'End the heredoc with a line holding only its delimiter (`EOF`).' },
  { code: 'docker/invalid-directive', severity: 'warning', summary: 'A parser directive has a value BuildKit does not accept.', fix: 'Use `# escape=\\` or `# escape=`` ` ``; the line is read as a comment otherwise.' },
]);

// BuildKit's directive syntax: `# name = value` at the very top (leading white space allowed).
const DIRECTIVE_RE = /^\s*#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.+?)\s*$/;

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
    const ins = readInstruction(l.raw, keyword, l, ctx);
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
