/**
 * A Dockerfile model (and its `.dockerignore`) as builder code: `Dockerfile.create().stage(…)`.
 * Comments become `comment(…)` calls where they stand (synth writes them back); an instruction the
 * builder would not write as parsed becomes a marked `$raw(…)`.
 * @module
 */
import { emitInstruction } from '../dockerfile/synth.js';
import { Dockerfile, image } from '../dockerfile/builder.js';
import { pickDelimiter } from '../dockerfile/lexical.js';
import type { DockerfileModel, DockerignoreModel, Instruction, Mount, PreambleItem, Stage } from '../dockerfile/model.js';
import { callback, code, data, fnCall, type Arg, type Call, type Chain } from './code.js';
import type { ImportContext } from './context.js';
import { commentLines, str } from './literal.js';

type Escape = '\\' | '`';

/** The builder code of one Dockerfile. */
export interface DockerfileCode {
  readonly chain: Chain;
  /** The stage names it declares, in order. */
  readonly stages: readonly string[];
  /** Stages whose last HEALTHCHECK is a check (compose may `dependsOn` them as healthy). */
  readonly healthchecked: readonly string[];
}

const s = (text: string): Arg => code(str(text));
const num = (n: number): Arg => code(String(n));

/** An argument as code and the value that code stands for (to try the call on a real builder). */
interface V {
  readonly arg: Arg;
  readonly value: unknown;
}

const sv = (text: string): V => ({ arg: s(text), value: text });
const nv = (n: number): V => ({ arg: num(n), value: n });
const dv = (value: unknown): V => ({ arg: data(value), value });

function defined(entries: Record<string, unknown>): Record<string, unknown> | undefined {
  const d = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  return Object.keys(d).length === 0 ? undefined : d;
}

function options(entries: Record<string, unknown>): V | undefined {
  const d = defined(entries);
  return d === undefined ? undefined : dv(d);
}

function args(...list: (V | undefined)[]): V[] {
  const out = [...list];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out.map((a) => a ?? { arg: code('undefined'), value: undefined });
}

/** A command as an argument: a string, or an exec-form list. */
function command(c: string | readonly string[]): V {
  return typeof c === 'string' ? sv(c) : dv(c);
}

interface Scope {
  readonly ctx: ImportContext;
  readonly file: string;
  readonly esc: Escape;
  /** Stage names declared before the current stage (case as written). */
  readonly earlier: readonly string[];
}

/** A `--from=` value: a declared stage (typed), a stage index, or an image. */
function fromArg(from: string, scope: Scope): V {
  if (scope.earlier.includes(from)) return sv(from);
  if (/^\d+$/.test(from)) return nv(Number(from));
  return { arg: fnCall(scope.ctx.use('devstack-kit/dockerfile', 'image'), [s(from)]), value: { image: from } };
}

/** `{ a: 1 }` plus `name: <code>` (a typed stage reference is code, not data). */
function mergeOption(o: V | undefined, name: string, value: V): V {
  const merged = { ...(o?.value as object | undefined), [name]: value.value };
  if (o !== undefined && o.arg.inline === undefined) {
    // an options object laid out over lines: the entry goes before its closing brace
    const oArg = o.arg;
    return {
      arg: {
        inline: undefined,
        block: (ind) => {
          const text = oArg.block(ind);
          const entry = `${name}: ${value.arg.inline ?? value.arg.block(ind + 2)}`;
          const close = `\n${' '.repeat(ind)}}`;
          return text.endsWith(close) ? `${text.slice(0, -close.length)}\n${' '.repeat(ind + 2)}${entry},${close}` : text.replace(/\s*\}$/, `, ${entry} }`);
        },
      },
      value: merged,
    };
  }
  const inner = o?.arg.inline;
  const body = inner === undefined || inner === '{}' ? '' : inner.slice(2, -2);
  const text = `{ ${body}${body ? ', ' : ''}${name}: ${value.arg.inline ?? value.arg.block(0)} }`;
  return { arg: code(text), value: merged };
}

function mountArg(m: Mount, scope: Scope): V {
  const { ctx } = scope;
  const helper = (name: string, list: (V | undefined)[], value: unknown): V => ({ arg: fnCall(ctx.use('devstack-kit', name), args(...list).map((a) => a.arg)), value });
  switch (m.type) {
    case 'cache':
    case 'bind': {
      const { type, target, from, ...rest } = m;
      const o = options(rest);
      const merged = from !== undefined ? mergeOption(o, 'from', fromArg(from, scope)) : o;
      return helper(type === 'cache' ? 'cacheMount' : 'bindMount', [sv(target), merged], { type, target, ...(merged?.value as object | undefined) });
    }
    case 'tmpfs': {
      const { type: _t, target, ...rest } = m;
      return helper('tmpfsMount', [sv(target), options(rest)], m);
    }
    case 'secret': {
      if (m.id === undefined) return dv(m);
      const { type: _t, id, ...rest } = m;
      return helper('secretMount', [sv(id), options(rest)], m);
    }
    case 'ssh': {
      const { type: _t, ...rest } = m;
      return helper('sshMount', [options(rest)], m);
    }
  }
}

const HEREDOC_ONLY = /^<<([A-Za-z_][A-Za-z0-9_./-]*)(?: (.+))?$/;

/** A call of a stage builder: its name and arguments (code and value); `inner` for ONBUILD's trigger. */
interface StageCall {
  readonly name: string;
  readonly args: readonly V[];
  readonly inner?: StageCall;
}

/** The call for one instruction, or `undefined` when no method stands for it (→ `$raw`). */
function instructionCall(i: Instruction, scope: Scope): StageCall | undefined {
  const call = (name: string, ...a: (V | undefined)[]): StageCall => ({ name, args: args(...a) });
  switch (i.kind) {
    case 'run': {
      const mounts = i.mounts && i.mounts.length > 0 ? i.mounts.map((m) => mountArg(m, scope)) : undefined;
      const optArg = (): V | undefined => {
        const o = options({ network: i.network, security: i.security });
        if (!mounts) return o;
        const list = mounts.map((m) => m.arg.inline);
        const listText = list.every((x) => x !== undefined) ? `[${list.join(', ')}]` : undefined;
        const mountsArg: V = {
          arg: listText !== undefined ? code(listText) : { inline: undefined, block: (ind) => `[\n${mounts.map((m) => `${' '.repeat(ind + 2)}${m.arg.block(ind + 2)},`).join('\n')}\n${' '.repeat(ind)}]` },
          value: mounts.map((m) => m.value),
        };
        if (o === undefined && mountsArg.arg.inline === undefined) {
          return { arg: { inline: undefined, block: (ind) => `{ mounts: ${mountsArg.arg.block(ind)} }` }, value: { mounts: mountsArg.value } };
        }
        return mergeOption(o, 'mounts', mountsArg);
      };
      if (i.heredocs && i.heredocs.length > 0) {
        const m = typeof i.command === 'string' ? HEREDOC_ONLY.exec(i.command) : null;
        const h = i.heredocs[0];
        if (!m || i.heredocs.length !== 1 || !h || h.delimiter !== m[1] || h.body.endsWith('\n')) return undefined;
        const extra = defined({ interpreter: m[2], delimiter: h.delimiter === pickDelimiter(h.body) ? undefined : h.delimiter });
        const o = optArg();
        let merged: V | undefined = o;
        if (extra !== undefined) merged = o === undefined ? dv(extra) : Object.entries(extra).reduce((acc, [k, v]) => mergeOption(acc, k, sv(v as string)), o);
        return call('runScript', sv(h.body), merged);
      }
      return call('run', command(i.command), optArg());
    }
    case 'cmd':
    case 'entrypoint':
      return call(i.kind, command(i.command));
    case 'shell':
      return call('shell', dv(i.command));
    case 'label':
      return call('label', dv(i.labels));
    case 'env': {
      const entries = Object.entries(i.vars);
      if (entries.length === 1) return call('env', sv(entries[0]![0]), sv(entries[0]![1]));
      return call('env', dv(i.vars));
    }
    case 'arg': {
      const a = i.args[0];
      if (i.args.length !== 1 || !a) return undefined;
      return call('arg', sv(a.name), a.default !== undefined ? sv(a.default) : undefined);
    }
    case 'expose':
      return { name: 'expose', args: i.ports.map((p) => (/^[1-9]\d{0,4}$/.test(p) ? nv(Number(p)) : sv(p))) };
    case 'copy': {
      if (i.heredocs && i.heredocs.length > 1) {
        // COPY <<a.txt <<b.txt /etc/: copyFiles(dest, { 'a.txt': …, 'b.txt': … })
        const hs = i.heredocs;
        const fits = i.from === undefined && i.parents === undefined && i.exclude === undefined && i.dest.endsWith('/') && i.sources.length === hs.length
          && hs.every((h, n) => i.sources[n] === `<<${h.delimiter}` && !h.body.endsWith('\n')) && new Set(hs.map((h) => h.delimiter)).size === hs.length;
        if (!fits) return undefined;
        return call('copyFiles', sv(i.dest), dv(Object.fromEntries(hs.map((h) => [h.delimiter, h.body]))), options({ chown: i.chown, chmod: i.chmod, link: i.link }));
      }
      if (i.heredocs && i.heredocs.length > 0) {
        const h = i.heredocs[0];
        if (i.from !== undefined || i.parents !== undefined || i.exclude !== undefined || i.heredocs.length !== 1 || !h) return undefined;
        if (i.sources.length !== 1 || i.sources[0] !== `<<${h.delimiter}` || h.body.endsWith('\n')) return undefined;
        const o = options({ chown: i.chown, chmod: i.chmod, link: i.link, delimiter: h.delimiter === pickDelimiter(h.body) ? undefined : h.delimiter });
        return call('copyContent', sv(i.dest), sv(h.body), o);
      }
      const sources = i.sources.length === 1 ? sv(i.sources[0]!) : dv(i.sources);
      const o = options({ chown: i.chown, chmod: i.chmod, link: i.link, parents: i.parents, exclude: i.exclude });
      if (i.from !== undefined) return call('copyFrom', fromArg(i.from, scope), sources, sv(i.dest), o);
      return call('copy', sources, sv(i.dest), o);
    }
    case 'add': {
      if (i.heredocs && i.heredocs.length > 0) return undefined;
      const sources = i.sources.length === 1 ? sv(i.sources[0]!) : dv(i.sources);
      return call('add', sources, sv(i.dest), options({ chown: i.chown, chmod: i.chmod, link: i.link, keepGitDir: i.keepGitDir, checksum: i.checksum, exclude: i.exclude }));
    }
    case 'volume':
      return { name: 'volume', args: i.paths.map(sv) };
    case 'user':
      return call('user', sv(i.user));
    case 'workdir':
      return call('workdir', sv(i.path));
    case 'stopsignal':
      return call('stopsignal', sv(i.signal));
    case 'healthcheck':
      if (i.command === null) return call('healthcheckNone');
      return call('healthcheck', command(i.command), options({ interval: i.interval, timeout: i.timeout, startPeriod: i.startPeriod, startInterval: i.startInterval, retries: i.retries }));
    case 'maintainer':
      return call('maintainer', sv(i.name));
    case 'onbuild': {
      const inner = instructionCall(i.instruction, scope);
      if (!inner) return undefined;
      return { name: 'onbuild', args: [], inner };
    }
    case 'comment':
    case 'blank':
    case 'raw':
      return undefined;
  }
}

/** The value an argument stands for, as the builder takes it (`image(…)` for an image reference). */
function liveValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(liveValue);
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'image' && typeof (value as { image: unknown }).image === 'string') return image((value as { image: string }).image);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, liveValue(v)]));
  }
  return value;
}

type AnyStage = Record<string, (...a: unknown[]) => AnyStage>;

function applyCall(st: AnyStage, c: StageCall): AnyStage {
  if (c.inner) {
    const inner = c.inner;
    return st.onbuild!((o: unknown) => applyCall(o as AnyStage, inner));
  }
  return st[c.name]!(...c.args.map((a) => liveValue(a.value)));
}

/**
 * Whether the real builder accepts `c` and writes the instruction `i` back as the parsed model
 * writes it (the same text, so the same instructions, flags and arguments). The builder refuses
 * text whose meaning it cannot keep (a trailing escape, a line break, shell text that reads as a
 * flag) and may choose another form (JSON for a shell-form `VOLUME "`); either way the importer
 * falls back to `$raw`.
 */
function builderWrites(i: Instruction, c: StageCall, scope: Scope): boolean {
  try {
    let df = Dockerfile.create() as unknown as { escape(e: Escape): unknown; stage(...a: unknown[]): unknown };
    if (scope.esc !== '\\') df = df.escape(scope.esc) as typeof df;
    for (const name of scope.earlier) df = df.stage(name, 'scratch') as typeof df;
    let probe = 'import_probe';
    while (scope.earlier.some((n) => n.toLowerCase() === probe)) probe += '_';
    const built = (df.stage(probe, 'scratch', (st: unknown) => applyCall(st as AnyStage, c)) as { toModel(): DockerfileModel }).toModel();
    const got = built.stages[built.stages.length - 1]!.instructions.filter((x) => x.kind !== 'comment' && x.kind !== 'blank');
    return got.length === 1 && emitInstruction(got[0]!, scope.esc) === emitInstruction(i, scope.esc);
  } catch {
    return false;
  }
}


/** The code of a call (ONBUILD's trigger as `(o) => o.<trigger>`). */
function toCall(c: StageCall): Call {
  return c.inner ? { name: 'onbuild', args: [callback('o', [toCall(c.inner)])] } : { name: c.name, args: c.args.map((a) => a.arg) };
}

/**
 * The calls of a stage's instructions. Comment lines become `comment('…')` calls where they stand,
 * so synth writes them back; an instruction the builder would not write as parsed becomes a
 * marked `$raw`.
 */
function stageCalls(stage: Stage, index: number, scope: Scope): { calls: Call[]; healthy: boolean } {
  const calls: Call[] = [];
  let pending: string[] = [];
  let healthy = false;
  const flush = (): void => {
    if (pending.length > 0) calls.push({ name: 'comment', args: [s(pending.join('\n'))] });
    pending = [];
  };
  let onbuilds: Call[] | undefined;
  stage.instructions.forEach((ins, n) => {
    if (ins.kind === 'comment') {
      pending.push(ins.text);
      return;
    }
    if (ins.kind === 'blank') return;
    flush();
    if (ins.kind === 'healthcheck') healthy = ins.command !== null;
    const sc = instructionCall(ins, scope);
    if (sc === undefined || !builderWrites(ins, sc, scope)) {
      const why = ins.kind === 'raw'
        ? 'kept as written (the parser did not model this instruction)'
        : sc === undefined ? `no method writes this ${ins.kind.toUpperCase()} exactly; kept as written` : `the builder would not write this ${ins.kind.toUpperCase()} as it stands (it refuses or rewrites the text); kept as written`;
      const note = scope.ctx.escape(scope.file, `stage ${index + 1} instruction ${n + 1}`, '$raw', why);
      calls.push({ name: '$raw', args: [s(ins.kind === 'raw' ? ins.text : emitInstruction(ins, scope.esc))], comments: [note] });
      // a HEALTHCHECK written raw is not seen by the builder's types
      if (ins.kind === 'healthcheck') healthy = false;
      onbuilds = undefined;
      return;
    }
    // consecutive ONBUILD triggers go into one callback: .onbuild((o) => o.copy(…).run(…))
    if (sc.inner) {
      const inner = toCall(sc.inner);
      if (onbuilds && stage.instructions[n - 1]?.kind === 'onbuild') {
        onbuilds.push(inner);
        calls[calls.length - 1] = { name: 'onbuild', args: [callback('o', [...onbuilds])] };
        return;
      }
      onbuilds = [inner];
      calls.push({ name: 'onbuild', args: [callback('o', [inner])] });
      return;
    }
    onbuilds = undefined;
    calls.push(toCall(sc));
  });
  // comments after the last instruction stay at the end of the stage
  flush();
  return { calls, healthy };
}

const IMAGE_STRING = /^(?:[^:@]*[:@].*|scratch)$/;

/**
 * The builder code of a Dockerfile (and its `.dockerignore`, when the model carries one).
 *
 * @example
 * ```ts
 * renderChain(dockerfileCode(parseDockerfile('FROM node:22 AS app\nUSER node\n').model!, ctx, 'Dockerfile').chain, 0);
 * // Dockerfile.create().stage('app', 'node:22', (s) => s.user('node'))
 * ```
 */
export function dockerfileCode(model: DockerfileModel, ctx: ImportContext, file: string, ignore?: DockerignoreModel): DockerfileCode {
  const calls: Call[] = [];
  // a preamble no method writes (`ARG A B` on one line, raw text): start from a model holding it
  const preamble = model.preamble ?? [];
  const esc: Escape = model.directives?.escape ?? '\\';
  const rawPreamble = preamble.some((p) => p.kind === 'raw' || (p.kind === 'arg' && (p.args.length !== 1 || !preambleArgWrites(p, esc))));
  const name = ctx.use('devstack-kit', 'Dockerfile');
  let head = `${name}.create()`;
  if (rawPreamble) {
    const note = ctx.escape(file, 'before the first FROM', 'Dockerfile.fromModel', 'no method writes these lines before the first FROM as written; the builder starts from a model holding them');
    const text = fnCall(`${name}.fromModel`, [data({ preamble, stages: [] })]).block(0);
    head = `${commentLines(note, '').join('\n')}\n${text}`;
  }
  const d = model.directives;
  if (d?.syntax !== undefined) calls.push({ name: 'syntax', args: [s(d.syntax)] });
  if (d?.escape !== undefined) calls.push({ name: 'escape', args: [s(d.escape)] });
  if (d?.check !== undefined) calls.push({ name: 'check', args: [s(d.check)] });
  // comment lines become comment() calls, which write them above the next global ARG or FROM
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) calls.push({ name: 'comment', args: [s(pending.join('\n'))] });
    pending = [];
  };
  for (const p of rawPreamble ? [] : preamble) {
    if (p.kind === 'comment') pending.push(p.text);
    else if (p.kind === 'blank') continue;
    else if (p.kind === 'arg') {
      flush();
      for (const a of p.args) calls.push({ name: 'arg', args: args(sv(a.name), a.default !== undefined ? sv(a.default) : undefined).map((x) => x.arg) });
    } else {
      // raw text before the first FROM: the Dockerfile builder has no $raw; write it as a comment so nothing is silently lost
      const note = ctx.escape(file, 'before the first FROM', 'comment', 'this line before the first FROM has no method; it is kept as a comment only');
      calls.push({ name: 'comment', args: [s(p.text)], comments: [note] });
    }
  }
  const stages: string[] = [];
  const healthchecked: string[] = [];
  model.stages.forEach((stage, index) => {
    const scope: Scope = { ctx, file, esc, earlier: [...stages] };
    pending.push(...(stage.comments ?? []));
    flush();
    const { calls: body, healthy } = stageCalls(stage, index, scope);
    let base: Arg;
    if (stages.includes(stage.from)) base = s(stage.from);
    else if (IMAGE_STRING.test(stage.from)) base = s(stage.from);
    else base = fnCall(ctx.use('devstack-kit/dockerfile', 'image'), [s(stage.from)]);
    const fn = callback('s', body);
    const opts = stage.platform !== undefined ? data({ platform: stage.platform }) : undefined;
    const fnArg = body.length > 0 || opts ? fn : undefined;
    if (stage.name !== undefined && !stages.some((n) => n.toLowerCase() === stage.name!.toLowerCase())) {
      calls.push({ name: 'stage', args: [s(stage.name), base, ...(fnArg ? [fnArg] : []), ...(opts ? [opts] : [])] });
      stages.push(stage.name);
      if (healthy) healthchecked.push(stage.name);
    } else {
      calls.push({ name: 'from', args: [base, ...(fnArg ? [fnArg] : []), ...(opts ? [opts] : [])] });
    }
  });
  // comments after the last stage (none in a parsed model: they end its last stage)
  flush();
  if (ignore) calls.push({ name: 'dockerignore', args: [dockerignoreArg(ignore)] });
  return { chain: { head, calls }, stages, healthchecked };
}

/** A `.dockerignore` as `(d) => d.comment(…).ignore(…).except(…)`: comments written where they stand. */
function dockerignoreArg(model: DockerignoreModel): Arg {
  const calls: Call[] = [];
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) calls.push({ name: 'comment', args: [s(pending.join('\n'))] });
    pending = [];
  };
  for (const e of model.entries) {
    if (e.kind === 'comment') {
      pending.push(e.text);
      continue;
    }
    if (e.kind === 'blank') continue;
    const name = e.kind === 'ignore' ? 'ignore' : 'except';
    const prev = calls[calls.length - 1];
    if (prev && prev.name === name && pending.length === 0) {
      calls[calls.length - 1] = { ...prev, args: [...prev.args, s(e.pattern)] };
    } else {
      flush();
      calls.push({ name, args: [s(e.pattern)] });
    }
  }
  flush();
  return callback('d', calls);
}

/** Whether `Dockerfile.create().arg(…)` writes a global ARG as the parsed model writes it. */
function preambleArgWrites(p: Extract<PreambleItem, { kind: 'arg' }>, esc: Escape): boolean {
  const a = p.args[0];
  if (!a) return false;
  try {
    const df = Dockerfile.create();
    const built = (esc === '\\' ? df : df.escape(esc)).arg(a.name, a.default).toModel();
    const got = (built.preamble ?? []).filter((x) => x.kind === 'arg');
    return got.length === 1 && emitInstruction(got[0]!, esc) === emitInstruction(p, esc);
  } catch {
    return false;
  }
}
