/**
 * The keyword table: how each Dockerfile instruction keyword is read, one entry per keyword, in the
 * order of the emitter's `EMIT` table (./synth.ts) that writes it back. The compiler checks that every
 * instruction kind the emitter writes has its keyword here. A keyword's parser throws
 * {@link Unreadable} (via `fail`) for text it cannot read; the caller keeps such an instruction raw.
 * @module
 */
import { decodeJsonLike, looksLikeJson, pathsNeedJson } from './lexical.js';
import { fail, joined, jsonArray, lexWords, readFlags, Scanner, type Ctx, type Escape, type Flag, type Logical, type Unreadable } from './lexer.js';
import type { Command, Instruction, InstructionOf, Mount, OnbuildTrigger } from './model.js';
import { execForm } from './synth.js';

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

/** What a keyword's parser reads: the instruction's flags and its text after them. */
interface Args {
  /** The keyword as written, upper-cased (also the name in messages). */
  readonly keyword: string;
  readonly flags: Flag[];
  /** The text after the keyword and flags, continuations kept. */
  readonly rest: string;
  /** `rest` with its continuations joined. */
  readonly text: string;
  readonly esc: Escape;
  readonly l: Logical;
  readonly ctx: Ctx;
}

type KeywordParser = (a: Args) => Instruction;

// Every kind the emitter writes as an instruction (not the comment, blank and raw lines) has its keyword.
type Keyword = Uppercase<Exclude<Instruction['kind'], 'comment' | 'blank' | 'raw'>>;

function commandInstruction({ keyword, flags, rest, esc, l }: Args): Instruction {
  noFlags(flags, keyword);
  if (l.heredocs) fail(`${keyword}: heredocs are only read in RUN, COPY and ADD`);
  return { kind: keyword === 'CMD' ? 'cmd' : 'entrypoint', ...commandWithSource(rest, esc, keyword) };
}

function fileInstruction({ keyword, flags, rest, esc, l }: Args): Instruction {
  const what = keyword;
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

function valueInstruction({ keyword, flags, text, esc }: Args): Instruction {
  const what = keyword;
  noFlags(flags, what);
  if (text === '') fail(`${what}: expected a value`);
  // USER and WORKDIR are words: BuildKit removes their quotes and escapes (`$NAME` stays a reference)
  if (keyword === 'USER') return { kind: 'user', user: lexWords(text, esc, false)[0]?.value ?? '' };
  if (keyword === 'WORKDIR') return { kind: 'workdir', path: lexWords(text, esc, false)[0]?.value ?? '' };
  if (keyword === 'MAINTAINER') return { kind: 'maintainer', name: text };
  if (!/^(SIG[A-Z0-9+-]+|[A-Z0-9+-]+|\d+|\$\{?\w+\}?)$/.test(text)) fail(`STOPSIGNAL: expected a signal like SIGTERM, received ${JSON.stringify(text)}`);
  return { kind: 'stopsignal', signal: text };
}

const PARSE: Record<Keyword, KeywordParser> = {
  RUN({ flags, rest, esc, l }) {
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
      ...commandWithSource(rest, esc, 'RUN'),
      ...(l.heredocs ? { heredocs: l.heredocs } : {}),
    };
  },
  CMD: commandInstruction,
  ENTRYPOINT: commandInstruction,
  SHELL({ flags, rest, text }) {
    noFlags(flags, 'SHELL');
    const list = jsonArray(text);
    if (!list || list.length === 0) fail('SHELL: expected a JSON list like ["/bin/bash", "-c"]');
    return { kind: 'shell', command: list!, ...(text === execForm(list!) ? {} : { execSource: rest }) };
  },
  LABEL({ flags, text, esc }) {
    noFlags(flags, 'LABEL');
    return { kind: 'label', labels: Object.fromEntries(pairs(text, esc, 'LABEL')) };
  },
  EXPOSE({ flags, text }) {
    noFlags(flags, 'EXPOSE');
    const ports = text.split(/\s+/).filter((p) => p !== '');
    if (ports.length === 0) fail('EXPOSE: expected a port');
    return { kind: 'expose', ports };
  },
  ENV({ flags, text, esc }) {
    noFlags(flags, 'ENV');
    const first = lexWords(text, esc)[0];
    if (first && first.eq < 0) {
      const m = /^(\S+)\s+([\s\S]*)$/.exec(text);
      if (!m) fail('ENV: expected KEY=value');
      const words = lexWords(m![2]!, esc, false);
      return { kind: 'env', vars: { [envName(m![1]!)]: words[0]?.value ?? '' }, legacy: true };
    }
    const vars = pairs(text, esc, 'ENV');
    for (const [k] of vars) envName(k);
    return { kind: 'env', vars: Object.fromEntries(vars) };
  },
  ADD: fileInstruction,
  COPY: fileInstruction,
  VOLUME({ flags, text }) {
    noFlags(flags, 'VOLUME');
    const list = jsonArray(text);
    if (list) {
      if (list.length === 0) fail('VOLUME: expected a path');
      return { kind: 'volume', paths: list, ...(pathsNeedJson(list, false) ? {} : { json: true as const }) };
    }
    const paths = text.split(/\s+/).filter((p) => p !== '');
    if (paths.length === 0) fail('VOLUME: expected a path');
    return { kind: 'volume', paths, ...(pathsNeedJson(paths, false) ? { json: false } : {}) };
  },
  USER: valueInstruction,
  WORKDIR: valueInstruction,
  ARG({ flags, text, esc }) {
    noFlags(flags, 'ARG');
    const args = lexWords(text, esc).map((w) => (w.eq < 0 ? { name: w.value } : { name: w.value.slice(0, w.eq), default: w.value.slice(w.eq + 1) }));
    if (args.length === 0) fail('ARG: expected a name');
    for (const a of args) if (!/^[^\s="'\\$`]+$/.test(a.name)) fail(`ARG: expected a name, received ${JSON.stringify(a.name)}`);
    return { kind: 'arg', args };
  },
  STOPSIGNAL: valueInstruction,
  HEALTHCHECK({ flags, rest, text, esc }) {
    if (/^NONE$/i.test(text)) {
      noFlags(flags, 'HEALTHCHECK');
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
    const c = commandWithSource(cmd, esc, 'HEALTHCHECK');
    ordered.command = c.command;
    if (c.execSource !== undefined) ordered.execSource = c.execSource;
    return ordered as Instruction;
  },
  MAINTAINER: valueInstruction,
  ONBUILD({ rest, l, ctx }) {
    const sub = /^(\S+)/.exec(rest)?.[1]?.toUpperCase() ?? '';
    if (sub === 'ONBUILD' || sub === 'FROM' || sub === 'MAINTAINER' || sub === '') fail(`ONBUILD: ${sub || 'nothing'} cannot follow ONBUILD`);
    const inner = readInstruction(rest, sub, l, ctx);
    return { kind: 'onbuild', instruction: inner as OnbuildTrigger };
  },
};

/**
 * Reads one instruction (not FROM) from its raw text with its keyword's entry in the table; throws
 * {@link Unreadable} when the text cannot be read (an unknown keyword, a bad flag, a bad value).
 */
export function readInstruction(raw: string, keyword: string, l: Logical, ctx: Ctx): Instruction {
  const esc = ctx.esc;
  const s = new Scanner(raw, esc);
  s.word();
  const flags = keyword === 'ONBUILD' ? [] : readFlags(s);
  const rest = s.rest();
  const text = joined(rest, esc);
  const parse = Object.hasOwn(PARSE, keyword) ? PARSE[keyword as Keyword] : undefined;
  if (!parse) return fail(`unknown instruction ${JSON.stringify(keyword)}`);
  return parse({ keyword, flags, rest, text, esc, l, ctx });
}
