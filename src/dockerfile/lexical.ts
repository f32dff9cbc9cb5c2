/**
 * How BuildKit reads Dockerfile text (frontend/dockerfile/parser): line continuations, heredoc
 * markers, flag words, shell-form versus JSON-form arguments. The synthesizer writes with these
 * rules and the parser reads with them, so a string the builder was given means the same in the file.
 * @module
 */

/** The escape character of a Dockerfile (`# escape=`). */
export type Escape = '\\' | '`';

const RE_CACHE = new Map<Escape, RegExp>();

/**
 * BuildKit's line-continuation rule: a line continues when its last character before trailing spaces
 * and tabs is the escape character and the character before that is not the escape character (an
 * escaped escape is a literal), or when the line holds only the escape character.
 *
 * @example
 * ```ts
 * continues('RUN a \\', '\\');     // true
 * continues('ENV C=a\\\\', '\\');  // false: an escaped backslash
 * ```
 */
export function continues(line: string, esc: Escape): boolean {
  let re = RE_CACHE.get(esc);
  if (!re) {
    const e = esc === '\\' ? '\\\\' : '`';
    re = new RegExp(`(?:[^${e}]${e}|^${e})[ \\t]*$`);
    RE_CACHE.set(esc, re);
  }
  return re.test(line);
}

/** The line without its continuation escape (and the spaces after it); the line itself when it does not continue. @example `stripContinuation('RUN a \\', '\\')` → `'RUN a '` */
export function stripContinuation(line: string, esc: Escape): string {
  return continues(line, esc) ? line.replace(/[ \t]*$/, '').slice(0, -1) : line;
}

/**
 * True when `value` ends with the escape character, even escaped or followed by spaces or tabs.
 * BuildKit reads an escaped one as a literal, but older readers (dockerfile-ast, classic builders)
 * take any trailing escape for a continuation, so such a value is never left at the end of a line.
 *
 * @example `endsWithEscape('app\\\\ ', '\\')` → `true`
 */
export function endsWithEscape(value: string, esc: Escape): boolean {
  return value.replace(/[ \t]+$/, '').endsWith(esc);
}

/** A line break as any Dockerfile reader sees one (Go's bufio.ScanLines splits at `\n`; `\r` is trimmed). @example `LINE_BREAK.test('a\rb')` → `true` */
export const LINE_BREAK = /[\r\n]/;

/**
 * A comment or blank line inside a continuation: BuildKit skips it and keeps reading the instruction.
 * @example `skippedInContinuation('  # note')` → `true`
 */
export function skippedInContinuation(line: string): boolean {
  const t = line.replace(/^\s+/, '');
  return t === '' || t.startsWith('#');
}

/**
 * Checks a shell-form command that may hold line continuations (as the parser keeps them): every line
 * but the last must continue, comment and blank lines may stand inside, and the last line must end
 * the instruction. Returns what is wrong, or `undefined`.
 *
 * @example
 * ```ts
 * shellProblem('apt-get update \\\n    && apt-get install -y git', '\\'); // undefined
 * shellProblem('echo a\nUSER root', '\\');   // 'a line break that is not a line continuation …'
 * ```
 */
export function shellProblem(text: string, esc: Escape, strict = false): string | undefined {
  const lines = text.split('\n');
  if (/\r/.test(text)) return 'a carriage return (a Dockerfile reader ends the line there)';
  const last = lines[lines.length - 1]!;
  if (endsWithEscape(last, esc)) return `a trailing escape character ${esc} (it would join the next instruction to this one)`;
  if (lines.length > 1 && skippedInContinuation(last)) return 'a comment or blank last line (the instruction would go on into the next one)';
  if (lines.length > 1 && stripContinuation(lines[0]!, esc).trim() === '') return 'a first line that holds only a line continuation (write the command on it)';
  for (let i = 0; i < lines.length - 1; i++) {
    if (i > 0 && skippedInContinuation(lines[i]!)) {
      // readers disagree on comment and blank lines inside a continuation (dockerfile-ast within quotes): the builder writes none
      if (strict) return 'a comment or blank line inside the continuation';
      continue;
    }
    if (strict && continues(lines[i]!, esc) && !lines[i]!.endsWith(esc)) return 'spaces or tabs after a line continuation (readers disagree on them)';
    // dockerfile-ast reads an escaped blank right before the continuation as the continuation itself
    if (strict && /[ \t]$/.test(stripContinuation(lines[i]!, esc)) && endsWithEscape(stripContinuation(lines[i]!, esc), esc)) return `an escaped space or tab right before a line continuation (readers disagree on where the line ends)`;
    // dockerfile-ast reads `#…` on a continuation line that starts with a non-blank as a comment; BuildKit does not
    if (strict && /^[^\s#].*#/.test(lines[i + 1]!)) return `a "#" on a continuation line that does not start with a space (readers disagree on whether it starts a comment): indent the line`;
    if (!continues(lines[i]!, esc)) return `a line break that is not a line continuation (the next line would be read as its own instruction: ${JSON.stringify(lines[i + 1])})`;
  }
  return undefined;
}

/**
 * The text BuildKit runs for a shell-form command: continuations joined, comment and blank lines
 * inside them dropped, leading and trailing white space trimmed.
 *
 * @example `joinContinuations('a \\\n    && b', '\\')` → `'a     && b'`
 */
export function joinContinuations(text: string, esc: Escape): string {
  const lines = text.split('\n');
  let out = stripContinuation(lines[0]!, esc);
  for (let i = 1; i < lines.length; i++) {
    if (skippedInContinuation(lines[i]!)) continue;
    out += stripContinuation(lines[i]!, esc);
  }
  return out.trim();
}

/**
 * True when an argument would be read as JSON: BuildKit tries `json.Unmarshal` on any argument
 * starting with `[`, and older readers (buildah's) decode the first JSON value and ignore the text
 * after it. An array of strings becomes the exec form, any other array an error.
 *
 * @example `looksLikeJson('["npm", "start"]')` → `true`; `looksLikeJson('[ 1 ] && echo')` → `true`; `looksLikeJson('[ -f x ]')` → `false`
 */
export function looksLikeJson(text: string): boolean {
  const t = text.replace(/^[\s\u0085]+/, '');
  if (!t.startsWith('[')) return false;
  // the first balanced [...] (strings skipped), as a streaming JSON decoder reads it
  let depth = 0;
  let end = -1;
  for (let i = 0; i < t.length && end < 0; i++) {
    const ch = t[i]!;
    if (ch === '"') {
      for (i++; i < t.length && t[i] !== '"'; i++) if (t[i] === '\\') i++;
    } else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) end = i;
  }
  if (end < 0) return false;
  try {
    return Array.isArray(JSON.parse(t.slice(0, end + 1)));
  } catch {
    return false;
  }
}

/**
 * True when a shell-form command must be guarded: it would read as JSON ({@link looksLikeJson}), or
 * it starts with `--`, which BuildKit takes for a flag of the instruction.
 * @example `needsShellGuard('--version')` → `true`; `needsShellGuard('npm start')` → `false`
 */
export function needsShellGuard(joined: string): boolean {
  return looksLikeJson(joined) || /^[\s\u0085]*--/.test(joined);
}

/**
 * Writes a shell-form command so that every reader takes it for the shell command it is: a command
 * that would read as JSON (`[ "$CI" ]`, the shell's test command) or as a flag (`--x`) gets a `\`
 * before it. Dockerfile readers then see a shell command, and a POSIX shell reads `\[` as `[` and
 * `\-` as `-`. {@link decodeJsonLike} undoes it when a file is read.
 *
 * @example `encodeJsonLike('[ "$CI" ]', '\\')` → `'\\[ "$CI" ]'`
 */
export function encodeJsonLike(text: string, esc: Escape): string {
  return /^(\[|--)/.test(text) && needsShellGuard(joinContinuations(text, esc)) ? `\\${text}` : text;
}

/** Reads back a command written by {@link encodeJsonLike}. @example `decodeJsonLike('\\[ "a" ]', '\\')` → `'[ "a" ]'` */
export function decodeJsonLike(text: string, esc: Escape): string {
  return /^\\(\[|--)/.test(text) && needsShellGuard(joinContinuations(text.slice(1), esc)) ? text.slice(1) : text;
}

/**
 * True when a list of COPY/ADD/VOLUME paths must be written in the JSON form: a path holds white
 * space or a quote (heredoc markers aside), or the first path would read as a flag (`--x`) or as JSON.
 * @example `pathsNeedJson(['my file', '/x/'])` → `true`; `pathsNeedJson(['<<"EOF"', '/x'])` → `false`
 */
export function pathsNeedJson(paths: readonly string[], heredocs = true): boolean {
  const first = paths[0] ?? '';
  // a heredoc marker (`<<"EOF"`, quoted so its content is not expanded) stays a shell word
  const marker = (p: string): boolean => heredocs && /^<<-?(["']?)[A-Za-z0-9_./-]+\1$/.test(p);
  return paths.some((p) => /[\s"']/.test(p) && !marker(p)) || first.startsWith('--') || looksLikeJson(paths.join(' '));
}

/**
 * Splits text into shell words the way BuildKit finds heredoc markers (quotes kept, `\` escapes the
 * next character, white space separates).
 */
function rawWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let started = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      cur += ch;
      if (ch === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i]!;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (/\s/.test(ch)) {
      if (started) words.push(cur);
      cur = '';
      started = false;
      continue;
    }
    started = true;
    cur += ch;
    if (ch === '\\' && i + 1 < text.length) cur += text[++i]!;
    else if (ch === '"' || ch === "'") quote = ch;
  }
  if (started) words.push(cur);
  return words;
}

/**
 * The heredoc names BuildKit finds in an instruction's (joined) line: each word of the form
 * `[n]<<[-]name`, the name with its quotes removed.
 *
 * @example `heredocNames('cat <<EOF > /x')` → `['EOF']`; `heredocNames('echo "<<EOF"')` → `[]`
 */
export function heredocNames(line: string): string[] {
  return heredocMarkers(line).map((m) => m.name);
}

/** The heredoc markers of a line, with whether each strips leading tabs (`<<-`) and is quoted (no expansion). @example `heredocMarkers('cat <<-"EOF"')` → `[{ name: 'EOF', strip: true, quoted: true }]` */
export function heredocMarkers(line: string): { name: string; strip: boolean; quoted: boolean }[] {
  if (!line.includes('<<')) return [];
  const out: { name: string; strip: boolean; quoted: boolean }[] = [];
  for (const w of rawWords(line)) {
    const m = /^\d*<<(-?)([^<]+)$/.exec(w);
    if (!m) continue;
    const name = m[2]!.replace(/\\(.)/g, '$1').replace(/["']/g, '');
    if (name !== '') out.push({ name, strip: m[1] === '-', quoted: /["'\\]/.test(m[2]!) });
  }
  return out;
}

/**
 * True when some reader would take a word of `line` for a heredoc marker: BuildKit's (a shell word
 * `[n]<<[-]name`, quotes respected) or a simpler one's (dockerfile-ast: any white-space separated
 * token starting with `<<`, even inside quotes). The builder refuses such text outside the heredoc API.
 *
 * @example `heredocLike('echo "x <<EOF"')` → `true`; `heredocLike('echo $((1<<2))')` → `false`
 */
export function heredocLike(line: string, esc: Escape = '\\'): boolean {
  // dockerfile-ast reads a token's value with its escapes removed (`\<<EOF` is `<<EOF` to it)
  const unescape = esc === '\\' ? /\\(.)/g : /`(.)/g;
  return heredocNames(line).length > 0 || line.split(/\s+/).map((w) => w.replace(unescape, '$1')).some((w) => w.startsWith('<<') && w.length > 2);
}

/** True when `value` holds a character that is not ASCII. @example `nonAscii('josé')` → `true` */
export function nonAscii(value: string): boolean {
  return /[^\x00-\x7f]/.test(value);
}

/**
 * Writes a flag value (`--chown=…`, `--mount=…`) the way BuildKit's flag reader takes it back:
 * quotes group, `\` escapes the next character (whatever the escape directive). A value with spaces,
 * quotes or backslashes is double-quoted.
 *
 * @example `flagValue('a b')` → `'"a b"'`; `flagValue('1000:1000')` → `'1000:1000'`
 */
export function flagValue(value: string): string {
  if (value !== '' && !/[\s"'\\`<]/.test(value)) return value;
  // "<" is escaped too, so no reader takes a "<<word" inside the value for a heredoc marker
  return `"${value.replace(/["\\<]/g, '\\$&')}"`;
}

/**
 * Reads a flag word (without the leading `--`) as BuildKit does: quotes are removed, `\` escapes the
 * next character. Returns `undefined` for an unterminated quote.
 *
 * @example `unquoteFlag('chown="a b"')` → `'chown=a b'`
 */
export function unquoteFlag(word: string): string | undefined {
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < word.length; i++) {
    const ch = word[i]!;
    if (quote !== undefined && ch === quote) { quote = undefined; continue; }
    if (quote === undefined && (ch === '"' || ch === "'")) { quote = ch; continue; }
    if (ch === '\\') {
      if (i + 1 === word.length) continue;
      out += word[++i]!;
      continue;
    }
    out += ch;
  }
  return quote === undefined ? out : undefined;
}

/**
 * Writes one `key=value` field of a `--mount` value: BuildKit splits the value as CSV, so a field
 * with a comma or a double quote is CSV-quoted.
 *
 * @example `csvField('target=/a,b')` → `'"target=/a,b"'`
 */
export function csvField(field: string): string {
  return /[,"\r\n]/.test(field) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * A heredoc delimiter that no line of `body` equals (so the body cannot end the heredoc early).
 *
 * @example `pickDelimiter('echo hi\nEOF')` → `'EOT'`
 */
export function pickDelimiter(body: string): string {
  const lines = new Set(body.split('\n'));
  for (const d of ['EOF', 'EOT', 'END', 'DOCKERFILE_EOF']) if (!lines.has(d)) return d;
  let n = 0;
  while (lines.has(`EOF${n}`)) n++;
  return `EOF${n}`;
}
