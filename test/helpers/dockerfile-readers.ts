/**
 * Test-side readers of Dockerfile text, written from BuildKit's parser (frontend/dockerfile/parser)
 * independently of src/, so the meaning tests compare the synthesizer against a second reading:
 * flag words (extractBuilderFlags), `--mount` CSV, and the word processing of USER/WORKDIR.
 */
import { DockerfileParser, type Instruction as AstInstruction } from 'dockerfile-ast';

/** BuildKit's extractBuilderFlags: `--flags` at the start of `line`, quotes removed, `\` escaping; returns flags and the rest. */
export function buildkitFlags(line: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let pos = 0;
  for (;;) {
    while (pos < line.length && /\s/.test(line[pos]!)) pos++;
    if (!line.startsWith('--', pos)) return { flags, rest: line.slice(pos) };
    let word = '';
    let quote: string | undefined;
    for (; pos < line.length; pos++) {
      const ch = line[pos]!;
      if (quote === undefined && /\s/.test(ch)) break;
      if (quote === undefined && (ch === '"' || ch === "'")) { quote = ch; continue; }
      if (quote !== undefined && ch === quote) { quote = undefined; continue; }
      if (ch === '\\') { pos++; if (pos < line.length) word += line[pos]!; continue; }
      word += ch;
    }
    if (word === '--') return { flags, rest: line.slice(pos) };
    flags.push(word.slice(2));
  }
}

/** Go's encoding/csv reading one record (what BuildKit does with a `--mount` value). Throws on a bare quote. */
export function csvRecord(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`csv: unterminated quote in ${JSON.stringify(text)}`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++]!;
      }
      if (i < text.length && text[i] !== ',') throw new Error(`csv: extraneous text after a quoted field in ${JSON.stringify(text)}`);
    } else {
      while (i < text.length && text[i] !== ',') {
        if (text[i] === '"') throw new Error(`csv: bare quote in ${JSON.stringify(text)}`);
        field += text[i++]!;
      }
    }
    out.push(field);
    if (i >= text.length) return out;
    i++; // the comma
  }
}

/**
 * BuildKit's word processing (shell lexer) of a USER/WORKDIR argument, keeping `$NAME` references and
 * `\$` as written (the model's convention): quotes removed, the escape character escaping the next one.
 */
export function processWord(text: string, esc: '\\' | '`'): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated single quote');
      out += text.slice(i + 1, end).replace(/\$/g, `${esc}$`);
      i = end;
    } else if (ch === '"') {
      i++;
      for (; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === esc && (text[i + 1] === '"' || text[i + 1] === esc)) { out += text[++i]!; continue; }
        if (text[i] === esc && text[i + 1] === '$') { out += esc + text[++i]!; continue; }
        out += text[i]!;
      }
      if (i >= text.length) throw new Error('unterminated double quote');
    } else if (ch === esc && i + 1 < text.length) {
      const n = text[++i]!;
      out += n === '$' ? esc + n : n;
    } else out += ch;
  }
  return out;
}

/** Whitespace runs outside quotes collapsed to one space (what a shell does not see). */
export function shellWords(text: string): string {
  let out = '';
  let quote: string | undefined;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === undefined && /\s/.test(ch)) { space = true; continue; }
    if (space && out !== '') out += ' ';
    space = false;
    out += ch;
    if (quote === undefined && ch === '\\' && i + 1 < text.length) { out += text[++i]!; continue; }
    if (quote === '"' && ch === '\\' && i + 1 < text.length) { out += text[++i]!; continue; }
    if (quote === undefined && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = undefined;
  }
  return out;
}

/** What dockerfile-ast reads: each instruction's keyword, flags (name, raw value) and argument text (continuations joined). */
export interface AstView {
  keyword: string;
  flags: [string, string | null][];
  content: string;
  ins: AstInstruction;
}

/** dockerfile-ast's reading of a whole file. */
export function astView(text: string): AstView[] {
  return DockerfileParser.parse(text).getInstructions().map((ins) => ({
    keyword: ins.getKeyword().toUpperCase(),
    flags: 'getFlags' in ins && typeof ins.getFlags === 'function'
      ? (ins.getFlags() as { getName(): string; getValue(): string | null }[]).map((f): [string, string | null] => [f.getName(), f.getValue()])
      : [],
    content: ins.getArgumentsContent() ?? '',
    ins,
  }));
}

/**
 * BuildKit's logical lines (parser.go): a line continues when it ends with an unescaped escape
 * character (spaces and tabs after it allowed); comment and blank lines inside a continuation are
 * skipped; comment lines and blank lines between instructions are dropped. No heredocs.
 */
export function buildkitLines(text: string, esc: '\\' | '`'): string[] {
  const e = esc === '\\' ? '\\\\' : '`';
  const cont = new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!.replace(/^\s+/, '');
    if (first === '' || first.startsWith('#')) continue;
    let line = first;
    let more = cont.test(line);
    line = line.replace(cont, '$1');
    while (more && i + 1 < lines.length) {
      const next = lines[++i]!;
      if (/^\s*#/.test(next) || next.trim() === '') continue;
      more = cont.test(next);
      line += next.replace(cont, '$1');
    }
    out.push(line.trim());
  }
  return out;
}
