/**
 * Dockerfile and `.dockerignore` synthesis: model → text. Pure: the same model gives the same bytes.
 * @module
 */
import { csvField, encodeJsonLike, flagValue, pathsNeedJson } from './lexical.js';
import { MountSchema, type Command, type DockerfileModel, type DockerignoreModel, type Heredoc, type Instruction, type InstructionOf, type Mount, type PreambleItem, type Stage } from './model.js';
import { lazy } from '../core/lazy.js';

type Escape = '\\' | '`';

const BARE_VALUE = /^[A-Za-z0-9_./:@%+,${}-]+$/;

/**
 * Writes an ENV/LABEL/ARG value so that Docker (and `parseDockerfile`, and dockerfile-ast) read back
 * exactly `value`. Values are Dockerfile words before variable expansion: `$NAME` stays a reference
 * and `\$` a literal dollar, as BuildKit reads them.
 *
 * @example
 * ```ts
 * quoteValue('3.13');          // 3.13
 * quoteValue('say "hi" now');  // "say \"hi\" now"
 * quoteValue('C:\\dir');       // "C:\\dir"
 * ```
 */
export function quoteValue(value: string, escape: Escape = '\\'): string {
  if (BARE_VALUE.test(value) && !/\$(?![A-Za-z_{])/.test(value)) return value;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '"') out += `${escape}"`;
    else if (ch === escape) out += value[i + 1] === '$' ? escape : escape + escape;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * Writes a USER or WORKDIR value. BuildKit reads these words with quote and escape processing, so a
 * value with quotes, the escape character, or leading/trailing white space is double-quoted (as
 * {@link quoteValue} does); other values are written as they are. `$NAME` stays a variable reference.
 *
 * @example
 * ```ts
 * wordValue('app');        // app
 * wordValue('/srv/my app'); // /srv/my app
 * wordValue('C:\\data\\'); // "C:\\data\\"
 * ```
 */
export function wordValue(value: string, escape: Escape = '\\'): string {
  // a value starting with "--" would be read as a flag of the instruction; quoted it is a word
  if (value !== '' && !/["']/.test(value) && !value.includes(escape) && !/^\s|\s$/.test(value) && !value.startsWith('--')) return value;
  return quoteValueAlways(value, escape);
}

function quoteValueAlways(value: string, escape: Escape): string {
  const q = quoteValue(value, escape);
  return q.startsWith('"') ? q : `"${q}"`;
}

/** Writes a LABEL key, quoting it when it holds characters a bare word cannot. */
export function quoteKey(key: string, escape: Escape = '\\'): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(key) ? key : quoteValue(key, escape).replace(/^(?!")(.*)$/, '"$1"');
}

/**
 * Writes an exec-form list as JSON with `", "` separators.
 *
 * @example
 * ```ts
 * execForm(['/app/.venv/bin/uvicorn', 'app.main:app']); // ["/app/.venv/bin/uvicorn", "app.main:app"]
 * ```
 */
export function execForm(args: readonly string[]): string {
  // "<<" is written \u003c\u003c: the same JSON, and no reader takes it for a heredoc marker
  return `[${args.map((a) => JSON.stringify(a).replace(/<</g, '\\u003c\\u003c')).join(', ')}]`;
}

function command(c: Command, source: string | undefined, esc: Escape): string {
  // a shell-form command that reads as JSON would turn into the exec form (or an error): keep it a shell command
  if (typeof c === 'string') return encodeJsonLike(c, esc);
  if (source !== undefined && sameList(source, c)) return source;
  return execForm(c);
}

// A kept exec-form text is used only while it still reads as the model's list.
function sameList(source: string, list: readonly string[]): boolean {
  try {
    const v: unknown = JSON.parse(source);
    return Array.isArray(v) && v.length === list.length && v.every((x, i) => x === list[i]);
  } catch {
    return false;
  }
}

/**
 * Writes a `--mount` flag (`type=cache,target=/root/.cache/pip`), keys in schema order. BuildKit
 * reads the flag word first (quotes group) and then its value as CSV, so a field with a comma or a
 * quote is CSV-quoted and the whole value quoted as a flag when it needs it.
 *
 * @example
 * ```ts
 * mountFlag({ type: 'cache', target: '/root/.cache/uv', sharing: 'locked' }); // --mount=type=cache,target=/root/.cache/uv,sharing=locked
 * ```
 */
export function mountFlag(m: Mount): string {
  const parts: string[] = [];
  const fields = m as Record<string, unknown>;
  for (const k of MOUNT_ORDER[m.type] ?? Object.keys(m)) {
    const v = fields[k];
    if (v === undefined) continue;
    parts.push(csvField(`${k}=${String(v)}`));
  }
  return `--mount=${flagValue(parts.join(','))}`;
}

// Options in schema order, whatever order the object was written in.
// built on first use: reading the schema builds it (src/core/lazy.ts)
const MOUNT_ORDER: Record<string, readonly string[]> = lazy(() => Object.fromEntries(MountSchema.options.map((o) => [o.shape.type.value, Object.keys(o.shape)])));

function flag(name: string, value: string | boolean | undefined): string[] {
  if (value === undefined || value === false) return [];
  return value === true ? [`--${name}`] : [`--${name}=${flagValue(value)}`];
}

function heredocs(list: readonly Heredoc[] | undefined): string {
  if (!list || list.length === 0) return '';
  return list.map((h) => `\n${h.body}${h.body === '' ? '' : '\n'}${h.delimiter}`).join('');
}

function paths(sources: readonly string[], dest: string, json?: boolean): string {
  const all = [...sources, dest];
  if (json === false) return all.join(' ');
  return json || pathsNeedJson(all) ? execForm(all) : all.join(' ');
}

function fileFlags(i: InstructionOf<'copy'> | InstructionOf<'add'>): string[] {
  const out: string[] = [];
  if (i.kind === 'copy') out.push(...flag('from', i.from));
  out.push(...flag('chown', i.chown), ...flag('chmod', i.chmod), ...flag('link', i.link));
  if (i.kind === 'add') out.push(...flag('keep-git-dir', i.keepGitDir), ...flag('checksum', i.checksum));
  if (i.kind === 'copy') out.push(...flag('parents', i.parents));
  for (const e of i.exclude ?? []) out.push(`--exclude=${flagValue(e)}`);
  return out;
}

type Emitters = { [K in Instruction['kind']]: (i: InstructionOf<K>, esc: Escape) => string };

const EMIT: Emitters = {
  run(i, esc) {
    const flags = [...(i.mounts ?? []).map(mountFlag), ...flag('network', i.network), ...flag('security', i.security)];
    const body = command(i.command, i.execSource, esc);
    const text = flags.length === 0
      ? `RUN ${body}`
      : i.mounts && i.mounts.length > 0
        // a continuation line starting with "#" would be read as a comment, so such a command stays on the flag line
        ? `RUN ${flags.join(` ${esc}\n    `)}${body.startsWith('#') ? ' ' : ` ${esc}\n    `}${body}`
        : `RUN ${flags.join(' ')} ${body}`;
    return text + heredocs(i.heredocs);
  },
  cmd: (i, esc) => `CMD ${command(i.command, i.execSource, esc)}`,
  entrypoint: (i, esc) => `ENTRYPOINT ${command(i.command, i.execSource, esc)}`,
  shell: (i, esc) => `SHELL ${command(i.command, i.execSource, esc)}`,
  label: (i, esc) => `LABEL ${pairLines(Object.entries(i.labels).map(([k, v]) => `${quoteKey(k, esc)}=${quoteValue(v, esc)}`), esc)}`,
  expose: (i) => `EXPOSE ${i.ports.join(' ')}`,
  env(i, esc) {
    const pairs = Object.entries(i.vars);
    if (i.legacy && pairs.length === 1) {
      const [k, v] = pairs[0]!;
      return `ENV ${k} ${v === '' || /^\s|\s$|\n/.test(v) ? quoteValue(v, esc) : legacyValue(v, esc)}`;
    }
    return `ENV ${pairLines(pairs.map(([k, v]) => `${k}=${quoteValue(v, esc)}`), esc)}`;
  },
  add: (i) => `ADD ${[...fileFlags(i), paths(i.sources, i.dest, i.json)].join(' ')}${heredocs(i.heredocs)}`,
  copy: (i) => `COPY ${[...fileFlags(i), paths(i.sources, i.dest, i.json)].join(' ')}${heredocs(i.heredocs)}`,
  volume: (i) => `VOLUME ${i.json !== false && (i.json || pathsNeedJson(i.paths, false)) ? execForm(i.paths) : i.paths.join(' ')}`,
  user: (i, esc) => `USER ${wordValue(i.user, esc)}`,
  workdir: (i, esc) => `WORKDIR ${wordValue(i.path, esc)}`,
  arg: (i, esc) => `ARG ${i.args.map((a) => (a.default === undefined ? a.name : `${a.name}=${quoteValue(a.default, esc)}`)).join(' ')}`,
  stopsignal: (i) => `STOPSIGNAL ${i.signal}`,
  healthcheck(i, esc) {
    if (i.command === null) return 'HEALTHCHECK NONE';
    const flags = [
      ...flag('interval', i.interval), ...flag('timeout', i.timeout), ...flag('start-period', i.startPeriod),
      ...flag('start-interval', i.startInterval), ...flag('retries', i.retries === undefined ? undefined : String(i.retries)),
    ];
    return `HEALTHCHECK ${[...flags, 'CMD', command(i.command, i.execSource, esc)].join(' ')}`;
  },
  maintainer: (i) => `MAINTAINER ${i.name}`,
  onbuild: (i, esc) => `ONBUILD ${emitInstruction(i.instruction, esc)}`,
  comment: (i) => (i.text === '' ? '#' : `# ${i.text}`),
  blank: () => '',
  raw: (i) => i.text,
};

// Several key=value pairs that would make a long line go one per continuation line.
function pairLines(pairs: readonly string[], esc: Escape): string {
  const one = pairs.join(' ');
  return pairs.length > 1 && one.length > 80 ? pairs.join(` ${esc}\n    `) : one;
}

// In the legacy `ENV KEY value` form the rest of the line is the value; only escapes and quotes need care.
function legacyValue(v: string, esc: Escape): string {
  return /["'\\`]/.test(v) ? quoteValue(v, esc) : v;
}

/** Writes one instruction (or comment, blank or raw line) as text, heredoc bodies included. */
export function emitInstruction(i: Instruction, escape: Escape = '\\'): string {
  return (EMIT[i.kind] as (i: Instruction, esc: Escape) => string)(i, escape);
}

function fromLine(s: Stage): string {
  const parts = ['FROM'];
  if (s.platform !== undefined) parts.push(`--platform=${flagValue(s.platform)}`);
  parts.push(s.from);
  if (s.name !== undefined) parts.push(s.asKeyword ?? 'AS', s.name);
  return parts.join(' ');
}

function preambleItem(p: PreambleItem, esc: Escape): string {
  return emitInstruction(p, esc);
}

/**
 * Writes a Dockerfile. Parser directives come first, then global ARGs, then the stages with a blank
 * line between them. Pure; no marker (the App adds it after the directives).
 *
 * @example
 * ```ts
 * synthDockerfile({ stages: [{ from: 'python:3.13-slim', instructions: [{ kind: 'cmd', command: ['python'] }] }] });
 * // FROM python:3.13-slim
 * // CMD ["python"]
 * ```
 */
export function synthDockerfile(model: DockerfileModel): string {
  const esc: Escape = model.directives?.escape ?? '\\';
  const lines: string[] = [];
  const d = model.directives;
  if (d) {
    if (d.syntax !== undefined) lines.push(`# syntax=${d.syntax}`);
    if (d.escape !== undefined) lines.push(`# escape=${d.escape}`);
    if (d.check !== undefined) lines.push(`# check=${d.check}`);
  }
  for (const p of model.preamble ?? []) lines.push(preambleItem(p, esc));
  model.stages.forEach((s, idx) => {
    if (idx > 0 && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    for (const c of s.comments ?? []) lines.push(c === '' ? '#' : `# ${c}`);
    lines.push(fromLine(s));
    for (const i of s.instructions) lines.push(emitInstruction(i, esc));
  });
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return `${lines.join('\n')}\n`;
}

/**
 * Writes a `.dockerignore`.
 *
 * @example
 * ```ts
 * synthDockerignore({ entries: [{ kind: 'ignore', pattern: '.git' }, { kind: 'exception', pattern: 'README.md' }] });
 * // .git
 * // !README.md
 * ```
 */
export function synthDockerignore(model: DockerignoreModel): string {
  const lines = model.entries.map((e) => {
    switch (e.kind) {
      // a pattern starting with "#" would be a comment and one starting with "!" an exception: "\\" makes them literal
      case 'ignore': return /^[#!]/.test(e.pattern) ? `\\${e.pattern}` : e.pattern;
      case 'exception': return `!${e.pattern}`;
      case 'comment': return e.text === '' ? '#' : `# ${e.text}`;
      case 'blank': return '';
    }
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
