/**
 * A Dockerfile model (and its `.dockerignore`) as builder code: `Dockerfile.create().stage(…)`.
 * Comments become `//` comments above the code they precede; an instruction no method writes
 * exactly becomes a marked `$raw(…)`.
 * @module
 */
import { emitInstruction } from '../dockerfile/synth.js';
import type { DockerfileModel, DockerignoreModel, Instruction, Mount, Stage } from '../dockerfile/model.js';
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

function options(entries: Record<string, unknown>): Arg | undefined {
  const defined = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  return Object.keys(defined).length === 0 ? undefined : data(defined);
}

function args(...list: (Arg | undefined)[]): Arg[] {
  const out = [...list];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out.map((a) => a ?? code('undefined'));
}

/** A command as an argument: a string, or an exec-form list. */
function command(c: string | readonly string[]): Arg {
  return typeof c === 'string' ? s(c) : data(c);
}

const LONG = 100;
/** True when the builder would write `command` as given (it lays long one-line `&&` chains out on several lines). */
function keepsCommand(c: string | readonly string[]): boolean {
  return typeof c !== 'string' || c.includes('\n') || c.length <= LONG || !c.includes(' && ');
}

interface Scope {
  readonly ctx: ImportContext;
  readonly file: string;
  readonly esc: Escape;
  /** Stage names declared before the current stage (case as written). */
  readonly earlier: readonly string[];
}

/** A `--from=` value: a declared stage (typed), a stage index, or an image. */
function fromArg(from: string, scope: Scope): Arg {
  if (scope.earlier.includes(from)) return s(from);
  if (/^\d+$/.test(from)) return num(Number(from));
  return fnCall(scope.ctx.use('devstack-kit/dockerfile', 'image'), [s(from)]);
}

function mountArg(m: Mount, scope: Scope): Arg {
  const { ctx } = scope;
  switch (m.type) {
    case 'cache': {
      const { type: _t, target, from, ...rest } = m;
      const opts = from !== undefined ? { ...rest, from: undefined } : rest;
      const o = options(opts);
      const fromOpt = from !== undefined ? fromArg(from, scope) : undefined;
      const merged = fromOpt ? mergeOption(o, 'from', fromOpt) : o;
      return fnCall(ctx.use('devstack-kit', 'cacheMount'), args(s(target), merged));
    }
    case 'bind': {
      const { type: _t, target, from, ...rest } = m;
      const o = options(rest);
      const fromOpt = from !== undefined ? fromArg(from, scope) : undefined;
      const merged = fromOpt ? mergeOption(o, 'from', fromOpt) : o;
      return fnCall(ctx.use('devstack-kit', 'bindMount'), args(s(target), merged));
    }
    case 'tmpfs': {
      const { type: _t, target, ...rest } = m;
      return fnCall(ctx.use('devstack-kit', 'tmpfsMount'), args(s(target), options(rest)));
    }
    case 'secret': {
      if (m.id === undefined) return data(m);
      const { type: _t, id, ...rest } = m;
      return fnCall(ctx.use('devstack-kit', 'secretMount'), args(s(id), options(rest)));
    }
    case 'ssh': {
      const { type: _t, ...rest } = m;
      return fnCall(ctx.use('devstack-kit', 'sshMount'), args(options(rest)));
    }
  }
}

/** `{ a: 1 }` plus `from: <code>` (a typed stage reference is code, not data). */
function mergeOption(o: Arg | undefined, name: string, value: Arg): Arg {
  const inner = o?.inline;
  const body = inner === undefined || inner === '{}' ? '' : inner.slice(2, -2);
  const text = `{ ${body}${body ? ', ' : ''}${name}: ${value.inline ?? value.block(0)} }`;
  return code(text);
}

const HEREDOC_ONLY = /^<<([A-Za-z_][A-Za-z0-9_./-]*)(?: (.+))?$/;

/** The calls for one instruction, or `undefined` when no method writes it exactly (→ `$raw`). */
function instructionCall(i: Instruction, scope: Scope): Call | undefined {
  const call = (name: string, ...a: (Arg | undefined)[]): Call => ({ name, args: args(...a) });
  switch (i.kind) {
    case 'run': {
      const opts = {
        mounts: undefined as unknown,
        network: i.network,
        security: i.security,
      };
      const mounts = i.mounts && i.mounts.length > 0 ? i.mounts.map((m) => mountArg(m, scope)) : undefined;
      const optArg = (): Arg | undefined => {
        const o = options({ network: opts.network, security: opts.security });
        if (!mounts) return o;
        const list = mounts.map((m) => m.inline);
        const listText = list.every((x) => x !== undefined) ? `[${list.join(', ')}]` : undefined;
        const mountsArg: Arg = listText !== undefined ? code(listText) : { inline: undefined, block: (ind) => `[\n${mounts.map((m) => `${' '.repeat(ind + 2)}${m.block(ind + 2)},`).join('\n')}\n${' '.repeat(ind)}]` };
        if (o === undefined && mountsArg.inline === undefined) {
          return { inline: undefined, block: (ind) => `{ mounts: ${mountsArg.block(ind)} }` };
        }
        return mergeOption(o, 'mounts', mountsArg);
      };
      if (i.heredocs && i.heredocs.length > 0) {
        const m = typeof i.command === 'string' ? HEREDOC_ONLY.exec(i.command) : null;
        const h = i.heredocs[0];
        if (!m || i.heredocs.length !== 1 || !h || h.delimiter !== m[1] || h.body.endsWith('\n')) return undefined;
        const extra = options({ interpreter: m[2], delimiter: h.delimiter === pickDelimiter(h.body) ? undefined : h.delimiter });
        const o = optArg();
        const merged = o === undefined ? extra : extra === undefined ? o : code(`{ ${o.inline?.slice(2, -2)}, ${extra.inline?.slice(2, -2)} }`);
        return call('runScript', s(h.body), merged);
      }
      if (!keepsCommand(i.command)) return undefined;
      return call('run', command(i.command), optArg());
    }
    case 'cmd':
    case 'entrypoint':
      if (!keepsCommand(i.command)) return undefined;
      return call(i.kind, command(i.command));
    case 'shell':
      return call('shell', data(i.command));
    case 'label':
      return call('label', data(i.labels));
    case 'env': {
      const entries = Object.entries(i.vars);
      if (entries.length === 1) return call('env', s(entries[0]![0]), s(entries[0]![1]));
      return call('env', data(i.vars));
    }
    case 'arg': {
      const a = i.args[0];
      if (i.args.length !== 1 || !a) return undefined;
      return call('arg', s(a.name), a.default !== undefined ? s(a.default) : undefined);
    }
    case 'expose':
      return { name: 'expose', args: i.ports.map((p) => (/^[1-9]\d{0,4}$/.test(p) ? num(Number(p)) : s(p))) };
    case 'copy': {
      if (i.heredocs && i.heredocs.length > 1) {
        // COPY <<a.txt <<b.txt /etc/: copyFiles(dest, { 'a.txt': …, 'b.txt': … })
        const hs = i.heredocs;
        const fits = i.from === undefined && i.parents === undefined && i.exclude === undefined && i.dest.endsWith('/') && i.sources.length === hs.length
          && hs.every((h, n) => i.sources[n] === `<<${h.delimiter}` && !h.body.endsWith('\n')) && new Set(hs.map((h) => h.delimiter)).size === hs.length;
        if (!fits) return undefined;
        return call('copyFiles', s(i.dest), data(Object.fromEntries(hs.map((h) => [h.delimiter, h.body]))), options({ chown: i.chown, chmod: i.chmod, link: i.link }));
      }
      if (i.heredocs && i.heredocs.length > 0) {
        const h = i.heredocs[0];
        if (i.from !== undefined || i.parents !== undefined || i.exclude !== undefined || i.heredocs.length !== 1 || !h) return undefined;
        if (i.sources.length !== 1 || i.sources[0] !== `<<${h.delimiter}` || h.body.endsWith('\n')) return undefined;
        const o = options({ chown: i.chown, chmod: i.chmod, link: i.link, delimiter: h.delimiter === pickDelimiter(h.body) ? undefined : h.delimiter });
        return call('copyContent', s(i.dest), s(h.body), o);
      }
      const sources = i.sources.length === 1 ? s(i.sources[0]!) : data(i.sources);
      const o = options({ chown: i.chown, chmod: i.chmod, link: i.link, parents: i.parents, exclude: i.exclude });
      if (i.from !== undefined) return call('copyFrom', fromArg(i.from, scope), sources, s(i.dest), o);
      return call('copy', sources, s(i.dest), o);
    }
    case 'add': {
      if (i.heredocs && i.heredocs.length > 0) return undefined;
      const sources = i.sources.length === 1 ? s(i.sources[0]!) : data(i.sources);
      return call('add', sources, s(i.dest), options({ chown: i.chown, chmod: i.chmod, link: i.link, keepGitDir: i.keepGitDir, checksum: i.checksum, exclude: i.exclude }));
    }
    case 'volume':
      return { name: 'volume', args: i.paths.map(s) };
    case 'user':
      return call('user', s(i.user));
    case 'workdir':
      return call('workdir', s(i.path));
    case 'stopsignal':
      return call('stopsignal', s(i.signal));
    case 'healthcheck':
      if (i.command === null) return call('healthcheckNone');
      if (!keepsCommand(i.command)) return undefined;
      return call('healthcheck', command(i.command), options({ interval: i.interval, timeout: i.timeout, startPeriod: i.startPeriod, startInterval: i.startInterval, retries: i.retries }));
    case 'maintainer':
      return call('maintainer', s(i.name));
    case 'onbuild': {
      const inner = instructionCall(i.instruction, scope);
      if (!inner) return undefined;
      return call('onbuild', callback('o', [inner]));
    }
    case 'comment':
    case 'blank':
    case 'raw':
      return undefined;
  }
}

function pickDelimiter(body: string): string {
  const lines = new Set(body.split('\n'));
  for (const d of ['EOF', 'EOT', 'END', 'DOCKERFILE_EOF']) if (!lines.has(d)) return d;
  let n = 0;
  while (lines.has(`EOF${n}`)) n++;
  return `EOF${n}`;
}

/** The calls of a stage's instructions, comments carried above the next call. */
function stageCalls(stage: Stage, index: number, scope: Scope): { calls: Call[]; healthy: boolean } {
  const calls: Call[] = [];
  let pending: string[] = [];
  let healthy = false;
  stage.instructions.forEach((ins, n) => {
    if (ins.kind === 'comment') {
      pending.push(ins.text);
      return;
    }
    if (ins.kind === 'blank') return;
    if (ins.kind === 'healthcheck') healthy = ins.command !== null;
    let call = instructionCall(ins, scope);
    if (call === undefined) {
      const why = ins.kind === 'raw' ? 'kept as written (the parser did not model this instruction)' : `no method writes this ${ins.kind.toUpperCase()} exactly; kept as written`;
      const note = scope.ctx.escape(scope.file, `stage ${index + 1} instruction ${n + 1}`, '$raw', why);
      call = { name: '$raw', args: [s(ins.kind === 'raw' ? ins.text : emitInstruction(ins, scope.esc))], comments: [note] };
      // a HEALTHCHECK written raw is not seen by the builder's types
      if (ins.kind === 'healthcheck') healthy = false;
    }
    // consecutive ONBUILD triggers go into one callback: .onbuild((o) => o.copy(…).run(…))
    if (ins.kind === 'onbuild' && call.name === 'onbuild') {
      const inner = instructionCall(ins.instruction, scope)!;
      const prev = calls[calls.length - 1] as (Call & { inner?: Call[] }) | undefined;
      if (prev?.inner && pending.length === 0 && stage.instructions[n - 1]?.kind === 'onbuild') {
        const all = [...prev.inner, inner];
        calls[calls.length - 1] = { ...prev, args: [callback('o', all)], inner: all } as Call;
        return;
      }
      call = { ...call, inner: [inner] } as Call;
    }
    calls.push(pending.length > 0 ? { ...call, comments: [pending.join('\n'), ...(call.comments ?? [])] } : call);
    pending = [];
  });
  if (pending.length > 0) {
    // comments after the last instruction: kept on a comment() call so they are not lost
    calls.push({ name: 'comment', args: [s(pending.join('\n'))] });
  }
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
  const rawPreamble = preamble.some((p) => p.kind === 'raw' || (p.kind === 'arg' && p.args.length !== 1));
  const name = ctx.use('devstack-kit', 'Dockerfile');
  let head = `${name}.create()`;
  if (rawPreamble) {
    const note = ctx.escape(file, 'before the first FROM', 'Dockerfile.fromModel', 'no method writes these lines before the first FROM as written; the builder starts from a model holding them');
    const text = fnCall(`${name}.fromModel`, [data({ preamble, stages: [] })]).block(0);
    head = `${commentLines(note, '').join('\n')}\n${text}`;
  }
  const esc: Escape = model.directives?.escape ?? '\\';
  const d = model.directives;
  if (d?.syntax !== undefined) calls.push({ name: 'syntax', args: [s(d.syntax)] });
  if (d?.escape !== undefined) calls.push({ name: 'escape', args: [s(d.escape)] });
  if (d?.check !== undefined) calls.push({ name: 'check', args: [s(d.check)] });
  let pending: string[] = [];
  for (const p of rawPreamble ? [] : preamble) {
    if (p.kind === 'comment') pending.push(p.text);
    else if (p.kind === 'blank') continue;
    else if (p.kind === 'arg') {
      for (const a of p.args) {
        calls.push({ name: 'arg', args: args(s(a.name), a.default !== undefined ? s(a.default) : undefined), ...(pending.length > 0 ? { comments: [pending.join('\n')] } : {}) });
        pending = [];
      }
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
    const comments = [...pending, ...(stage.comments ?? [])];
    pending = [];
    const { calls: body, healthy } = stageCalls(stage, index, scope);
    let base: Arg;
    if (stages.includes(stage.from)) base = s(stage.from);
    else if (IMAGE_STRING.test(stage.from)) base = s(stage.from);
    else base = fnCall(ctx.use('devstack-kit/dockerfile', 'image'), [s(stage.from)]);
    const fn = callback('s', body);
    const opts = stage.platform !== undefined ? data({ platform: stage.platform }) : undefined;
    const fnArg = body.length > 0 || opts ? fn : undefined;
    const withComments = comments.length > 0 ? { comments: [comments.join('\n')] } : {};
    if (stage.name !== undefined && !stages.some((n) => n.toLowerCase() === stage.name!.toLowerCase())) {
      calls.push({ name: 'stage', args: args(s(stage.name), base, fnArg, opts), ...withComments });
      stages.push(stage.name);
      if (healthy) healthchecked.push(stage.name);
    } else {
      calls.push({ name: 'from', args: args(base, fnArg, opts), ...withComments });
    }
  });
  if (ignore) calls.push({ name: 'dockerignore', args: [dockerignoreArg(ignore)] });
  return { chain: { head, calls }, stages, healthchecked };
}

/** A `.dockerignore` as `(d) => d.ignore(…).except(…)`. */
function dockerignoreArg(model: DockerignoreModel): Arg {
  const calls: Call[] = [];
  let pending: string[] = [];
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
      calls.push({ name, args: [s(e.pattern)], ...(pending.length > 0 ? { comments: [pending.join('\n')] } : {}) });
    }
    pending = [];
  }
  if (pending.length > 0) calls.push({ name: 'comment', args: [s(pending.join('\n'))] });
  return callback('d', calls);
}
