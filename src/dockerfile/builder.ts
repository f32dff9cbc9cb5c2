/**
 * The typed, immutable Dockerfile builder. Stage names accumulate in the type: `COPY --from`,
 * `FROM <stage>` and `RUN --mount=from=` accept only stages declared before, or an explicit
 * {@link image} reference.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { commentText } from '../core/layout.js';
import { PList, PMap } from '../core/persistent.js';
import type { Issue } from '../core/issue.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { Dockerignore } from './dockerignore.js';
import { endsWithEscape, heredocLike, joinContinuations, LINE_BREAK, needsShellGuard, nonAscii, shellProblem } from './lexical.js';
import type {
  BindMountSchema, CacheMountSchema, Command, Directives, DockerfileModel, DockerignoreModel, Instruction, Mount,
  OnbuildTrigger, PreambleItem, SecretMountSchema, SshMountSchema, Stage, TmpfsMountSchema,
} from './model.js';
import { parseDockerfile } from './parse.js';

/**
 * The lines of a comment: split at `\n`, `\r\n` and a lone `\r` (which Docker keeps inside a line
 * but dockerfile-ast and our reader end it at). Throws `core/invalid-comment` for a non-string.
 */
function commentLines(text: string): string[] {
  commentText(text);
  return text.split(/\r\n|[\r\n]/);
}
import { synthDockerfile } from './synth.js';
import type { z } from 'zod';

const BRAND = Symbol.for('devstack-kit.Dockerfile');
const STAGE_BRAND = Symbol.for('devstack-kit.DockerfileStage');
const IMAGE = Symbol.for('devstack-kit.ImageRef');

type Escape = '\\' | '`';
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// ------------------------------------------------------------------------------------------------
// Image references

/** An explicit image reference, for places that otherwise accept only stage names. @example `s.copyFrom(image('busybox:1.36'), '/bin/busybox', '/bin/')` → `COPY --from=busybox:1.36 /bin/busybox /bin/` */
export interface ImageRef {
  readonly ref: string;
  readonly [IMAGE]: true;
}

/**
 * Marks a string as an image (not a stage): for `copyFrom`, mounts, and bases without a tag.
 *
 * @example
 * ```ts
 * s.copyFrom(image('nginx:1.27'), '/etc/nginx/nginx.conf', '/etc/nginx/'); // COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
 * ```
 */
export function image(ref: string): ImageRef {
  if (!/^\S+$/.test(ref)) throw new UsageError('docker/schema/invalid-format', `expected an image reference without spaces, received ${JSON.stringify(ref)}`);
  // an escape character at the end would join the next line; a leading "-" would read as a flag
  if (/[\\`]$/.test(ref) || ref.startsWith('-')) throw new UsageError('docker/schema/invalid-format', `expected an image reference, received ${JSON.stringify(ref)} (it ends with an escape character or starts with "-")`);
  return Object.freeze({ ref, [IMAGE]: true as const });
}

/** True for an {@link ImageRef}. @example `isImageRef(image('nginx:1.27'))` → `true` */
export function isImageRef(value: unknown): value is ImageRef {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[IMAGE] === true;
}

/** An image written with a tag or digest (`python:3.13-slim`, `alpine@sha256:…`), or `scratch`. @example `.from('python:3.13-slim')` compiles; `.from('python')` needs `image('python')` */
export type ImageString = `${string}:${string}` | `${string}@${string}` | 'scratch';

/** What a stage may start from: an earlier stage, a tagged image string, or {@link image}. @example `.stage('test', 'builder')` → `FROM builder AS test` */
export type StageBase<S extends string> = S | ImageString | ImageRef;

/** What `COPY --from` and `RUN --mount=from=` accept: an earlier stage, its index, or {@link image}. @example `s.copyFrom(0, '/out', '/usr/bin/')` → `COPY --from=0 /out /usr/bin/` */
export type StageSource<S extends string> = S | ImageRef | number;

/**
 * What `copyFrom` accepts for `from` (`F`): a stage declared before (`S`), a stage index or an
 * {@link image}. Another string asks for a {@link DevstackTypeError} that says so.
 *
 * @example
 * ```ts
 * s.copyFrom('buidler', '/app', '/app');
 * // error TS2345: Argument of type '"buidler"' is not assignable to parameter of type
 * //   '"builder" | DevstackTypeError<"copyFrom: 'buidler' is not a stage declared before this one (an image needs image('buidler'))">'.
 * ```
 */
export type StageSourceName<S extends string, F> = F extends string
  ? F extends S
    ? F
    : NoInfer<S> | DevstackTypeError<`copyFrom: '${F}' is not a stage declared before this one (an image needs image('${F}'))`>
  : F;

/**
 * The mounts of a `RUN` as given (`M`), with the `from` of each bind or cache mount checked like
 * {@link StageSourceName}: a stage declared before (`S`), an index or an {@link image}.
 *
 * @example
 * ```ts
 * s.run('ls /x', { mounts: [bindMount('/x', { from: 'dpes' })] });
 * // error TS2322: … Type '"dpes"' is not assignable to type
 * //   '"deps" | DevstackTypeError<"mount: 'dpes' is not a stage declared before this one (an image needs image('dpes'))">'.
 * ```
 */
export type CheckedMounts<S extends string, M extends readonly unknown[]> = {
  readonly [I in keyof M]: M[I] extends { readonly from?: infer F }
    ? [F] extends [string]
      ? F extends S
        ? M[I]
        : Omit<M[I], 'from'> & { readonly from?: NoInfer<S> | DevstackTypeError<`mount: '${F}' is not a stage declared before this one (an image needs image('${F}'))`> }
      : M[I]
    : M[I];
};

/**
 * What `stage(name, base)` and `from(base)` accept for `base` (`B`): a stage declared before (`S`),
 * an image with a tag or digest, or {@link image}. Another string asks for a {@link DevstackTypeError}.
 *
 * @example
 * ```ts
 * df.stage('test', 'buidler');
 * // error TS2345: Argument of type '"buidler"' is not assignable to parameter of type
 * //   '"builder" | "scratch" | DevstackTypeError<"FROM: 'buidler' is neither a stage declared before this one nor an image with a tag (…)">'.
 * ```
 */
export type StageBaseName<S extends string, B> = B extends string
  ? B extends S | ImageString
    ? B
    : NoInfer<S> | 'scratch' | DevstackTypeError<`FROM: '${B}' is neither a stage declared before this one nor an image with a tag (untagged: image('${B}'))`>
  : B;

function sourceText(from: string | ImageRef | number): string {
  return isImageRef(from) ? from.ref : String(from);
}

// ------------------------------------------------------------------------------------------------
// Mounts

type WithFrom<M, F> = Omit<M, 'from'> & { readonly from?: F };
/** A bind mount whose `from` is typed. @example `bindMount('/src', { from: 'builder' })` → `--mount=type=bind,target=/src,from=builder` */
export type BindMountInput<F = never> = WithFrom<z.infer<typeof BindMountSchema>, F>;
/** A cache mount whose `from` is typed. @example `cacheMount('/go/pkg/mod')` → `--mount=type=cache,target=/go/pkg/mod` */
export type CacheMountInput<F = never> = WithFrom<z.infer<typeof CacheMountSchema>, F>;
/** A mount as the builder accepts it: `from` must be a stage of this Dockerfile or an {@link image}. @example `s.run('ls', { mounts: [{ type: 'bind', target: '/x', from: 'deps' }] })` → `RUN --mount=type=bind,target=/x,from=deps \ ls` */
export type MountInput<S extends string> =
  | BindMountInput<StageSource<S>>
  | CacheMountInput<StageSource<S>>
  | z.infer<typeof TmpfsMountSchema>
  | z.infer<typeof SecretMountSchema>
  | z.infer<typeof SshMountSchema>;

/**
 * `--mount=type=cache`: a package manager's cache that survives builds.
 *
 * @example
 * ```ts
 * s.run('uv sync --frozen', { mounts: [cacheMount('/root/.cache/uv')] });
 * // RUN --mount=type=cache,target=/root/.cache/uv \
 * //     uv sync --frozen
 * ```
 */
export function cacheMount<const F extends string | ImageRef | number = never>(target: string, options: Omit<CacheMountInput<F>, 'type' | 'target'> = {}): CacheMountInput<F> {
  return { type: 'cache', target, ...options };
}

/**
 * `--mount=type=bind`: files from the context or another stage, for one RUN.
 *
 * @example
 * ```ts
 * s.run('pip install -r /tmp/req.txt', { mounts: [bindMount('/tmp/req.txt', { source: 'requirements.txt' })] });
 * // RUN --mount=type=bind,target=/tmp/req.txt,source=requirements.txt \
 * //     pip install -r /tmp/req.txt
 * ```
 */
export function bindMount<const F extends string | ImageRef | number = never>(target: string, options: Omit<BindMountInput<F>, 'type' | 'target'> = {}): BindMountInput<F> {
  return { type: 'bind', target, ...options };
}

/** `--mount=type=tmpfs`. @example `tmpfsMount('/tmp', { size: '64m' })` → `--mount=type=tmpfs,target=/tmp,size=64m` */
export function tmpfsMount(target: string, options: { readonly size?: number | string } = {}): z.infer<typeof TmpfsMountSchema> {
  return { type: 'tmpfs', target, ...options };
}

/**
 * `--mount=type=secret`: a secret for one RUN that never lands in a layer (instead of `ENV`/`ARG`).
 *
 * @example
 * ```ts
 * s.run('pip install -r req.txt', { mounts: [secretMount('pip_token', { env: 'PIP_TOKEN' })] });
 * // RUN --mount=type=secret,id=pip_token,env=PIP_TOKEN \
 * //     pip install -r req.txt
 * ```
 */
export function secretMount(id: string, options: Omit<z.infer<typeof SecretMountSchema>, 'type' | 'id'> = {}): z.infer<typeof SecretMountSchema> {
  return { type: 'secret', id, ...options };
}

/** `--mount=type=ssh`: the SSH agent. @example `sshMount()` → `--mount=type=ssh` */
export function sshMount(options: Omit<z.infer<typeof SshMountSchema>, 'type'> = {}): z.infer<typeof SshMountSchema> {
  return { type: 'ssh', ...options };
}

function toMount(m: MountInput<string>): Mount {
  if ((m.type === 'bind' || m.type === 'cache') && m.from !== undefined) return { ...m, from: sourceText(m.from) } as Mount;
  const { ...rest } = m as Record<string, unknown>;
  delete rest.from;
  return rest as Mount;
}

// ------------------------------------------------------------------------------------------------
// Options

/** Options of {@link StageBuilder.run}. @example `s.run('curl -fsS https://x', { network: 'host' })` → `RUN --network=host curl -fsS https://x` */
export interface RunOptions<S extends string> {
  readonly mounts?: readonly MountInput<S>[];
  readonly network?: 'default' | 'none' | 'host';
  readonly security?: 'insecure' | 'sandbox';
}

/** Options of {@link StageBuilder.copy}. @example `s.copy('.', '/app', { chown: 'app:app', link: true })` → `COPY --chown=app:app --link . /app` */
export interface CopyOptions {
  readonly chown?: string;
  readonly chmod?: string;
  readonly link?: boolean;
  readonly parents?: boolean;
  readonly exclude?: readonly string[];
}

/** Options of {@link StageBuilder.add}. @example `s.add('https://x/a.tgz', '/opt/', { checksum: 'sha256:…' })` → `ADD --checksum=sha256:… https://x/a.tgz /opt/` */
export interface AddOptions {
  readonly chown?: string;
  readonly chmod?: string;
  readonly link?: boolean;
  readonly keepGitDir?: boolean;
  readonly checksum?: string;
  readonly exclude?: readonly string[];
}

/** Options of {@link StageBuilder.healthcheck}. @example `s.healthcheck(['pg_isready'], { interval: '10s', retries: 5 })` → `HEALTHCHECK --interval=10s --retries=5 CMD ["pg_isready"]` */
export interface HealthcheckOptions {
  readonly interval?: string;
  readonly timeout?: string;
  readonly startPeriod?: string;
  readonly startInterval?: string;
  readonly retries?: number;
}

/** A port for EXPOSE: `8000`, `"53/udp"`, `"8000-8010"` or `{ port: 53, protocol: 'udp' }`. @example `s.expose({ port: 53, protocol: 'udp' })` → `EXPOSE 53/udp` */
export type PortInput = number | string | { readonly port: number | string; readonly protocol?: 'tcp' | 'udp' | 'sctp' };

/** Options of {@link Dockerfile.stage}. @example `.stage('build', 'golang:1.23', fn, { platform: '$BUILDPLATFORM' })` → `FROM --platform=$BUILDPLATFORM golang:1.23 AS build` */
export interface StageOptions {
  /** `FROM --platform=…`. */
  readonly platform?: string;
}

// ------------------------------------------------------------------------------------------------
// Stage builder

/** The stage's instructions in a persistent list: adding one is O(1), not a copy of the others. */
interface StageState {
  readonly esc: Escape;
  readonly instructions: PList<Instruction>;
}

const LONG = 100;

// The white space BuildKit trims around an instruction's arguments (Go's unicode.IsSpace), and the BOM JavaScript trims.
const EDGE_SPACE = /^[\s\u0085\ufeff]+|[\s\u0085\ufeff]+$/g;

// Indexes of the ` && ` separators that stand outside quotes (and outside escapes): the only places a
// long command can be wrapped without changing what the shell is given, since BuildKit joins
// continuation lines before the shell sees them.
function topLevelAnds(cmd: string): number[] {
  const out: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < cmd.length; i++) {
    const ch = cmd[i]!;
    if (quote === "'") { if (ch === "'") quote = undefined; continue; }
    if (ch === '\\') { i++; continue; }
    if (quote === '"') { if (ch === '"') quote = undefined; continue; }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(cmd[i - 1]!))) return out; // the rest is a comment
    else if (cmd.startsWith(' && ', i)) out.push(i);
  }
  return quote === undefined ? out : [];
}

// Lays a long one-line shell command out with one `&&` step per continuation line, wrapping only
// outside quotes (a wrap inside quotes would put the indentation into the string).
function layout(cmd: string, esc: Escape): string {
  if (cmd.includes('\n') || cmd.length <= LONG || cmd.includes('<<')) return cmd;
  const at = topLevelAnds(cmd);
  if (at.length === 0) return cmd;
  let out = '';
  let from = 0;
  for (const i of at) {
    out += `${cmd.slice(from, i)} ${esc}\n    && `;
    from = i + 4;
  }
  return out + cmd.slice(from);
}

function usage(message: string, hint?: string): never {
  throw new UsageError('docker/schema/invalid-format', message, hint);
}

/** A value written on one line as it is (paths, USER, signals): no line break, no trailing escape character. */
function oneLine(value: string, what: string, esc: Escape): string {
  if (LINE_BREAK.test(value)) usage(`${what}: expected a value on one line, received ${JSON.stringify(value)} (a line break would start a new instruction)`, 'remove the line break');
  if (endsWithEscape(value, esc)) usage(`${what}: expected a value that does not end with the escape character ${esc}, received ${JSON.stringify(value)} (the next instruction would be read into this one)`, `remove the trailing ${esc}, or use a path without it`);
  return value;
}

/** A flag value (`--chown`, `--chmod`, mount options…): one line, ASCII only (BuildKit reads flags byte by byte). */
function flagText(value: string | undefined, what: string): void {
  if (value === undefined) return;
  if (LINE_BREAK.test(value)) usage(`${what}: expected a flag value on one line, received ${JSON.stringify(value)}`, 'remove the line break');
  // dockerfile-ast splits a flag at white space even inside quotes: a "<<" after white space would read as a heredoc marker
  if (/\s[\\`"']*<</.test(value)) usage(`${what}: expected a flag value without " <<" (Dockerfile readers would take the word for a heredoc marker), received ${JSON.stringify(value)}`);
  if (nonAscii(value)) usage(`${what}: expected an ASCII flag value, received ${JSON.stringify(value)} (BuildKit reads flag values byte by byte and would garble other characters)`, 'use an ASCII value');
}

function checkMount(m: MountInput<string>): void {
  for (const [k, v] of Object.entries(m)) if (typeof v === 'string') flagText(v, `--mount ${k}`);
}

// A shell-form command: trimmed like BuildKit does; its line breaks must be continuations; no heredoc marker without a body.
function shellText(c: string, what: string, esc: Escape): string {
  let t = c.replace(EDGE_SPACE, '');
  if (t === '') throw new UsageError('docker/schema/out-of-range', `${what}: expected a command, received an empty string`);
  // `\[ "$X" ]` is already written the way the synthesizer guards `[ "$X" ]` (see encodeJsonLike): keep the canonical model
  if (/^\\(\[|--)/.test(t) && needsShellGuard(joinContinuations(t.slice(1), esc))) t = t.slice(1);
  // RUN/CMD/ENTRYPOINT: BuildKit would read a leading --x as a flag, and dockerfile-ast reads the guarded \--x as one too, so
  // no form means the same to both (HEALTHCHECK's flags stand before CMD: its command may start with --)
  if (t.startsWith('--') && !what.startsWith('HEALTHCHECK')) usage(`${what}: expected a command that starts with a program, received ${JSON.stringify(t)} (Dockerfile readers take a leading -- for a flag of the instruction)`, 'start with the program (e.g. `exec -- …` or `sh -c …`), or pass the exec form (a list)');
  const problem = shellProblem(t, esc, true);
  if (problem !== undefined) usage(`${what}: expected a shell command on one line (or with ${esc} line continuations), found ${problem}`, 'join the lines with && or ;, or pass a multi-line script to runScript() (a heredoc)');
  if (t.startsWith(esc) && /^.[ \t]/.test(t)) usage(`${what}: expected a command that does not start with the escape character and a space, received ${JSON.stringify(t)} (editors and dockerfile-ast read it as a line continuation)`, 'remove the leading escape character');
  if (heredocLike(joinContinuations(t, esc), esc)) usage(`${what}: the command has a word starting with << (a heredoc marker) but no heredoc body; Dockerfile readers would take the following lines of the file for its body`, 'use runScript() for a script, or the exec form (a list) when << is an argument');
  return t;
}

function cmdOf(c: string | readonly string[], esc: Escape, what: string, wrap = false): Command {
  if (typeof c === 'string') {
    const t = shellText(c, what, esc);
    return wrap ? layout(t, esc) : t;
  }
  if (c.length === 0) throw new UsageError('docker/schema/out-of-range', `${what}: expected a command, received an empty list`);
  return [...c];
}

// Drops absent options; a `false` switch (--link, --parents, --keep-git-dir) is not written either, so it is absent from the model too.
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== false)) as T;
}

/**
 * The instructions of one stage. Immutable: every method returns a new builder. `S` holds the
 * names of the stages declared before this one.
 *
 * @example
 * ```ts
 * Dockerfile.create().stage('app', 'python:3.13-slim', (s) => s.workdir('/app').user('app'));
 * // FROM python:3.13-slim AS app
 * // WORKDIR /app
 * // USER app
 * ```
 */
export class StageBuilder<S extends string = never, H extends boolean = boolean> {
  readonly #state: StageState;
  readonly [STAGE_BRAND] = true;
  /** @internal phantom: the stages this stage may reference */
  declare readonly _stages: S;
  /** @internal phantom: whether the stage's last HEALTHCHECK is a check (not NONE); `build(ref, { target })` in compose reads it */
  declare readonly _healthcheck: H;

  /** @internal */
  constructor(state: StageState) {
    this.#state = Object.freeze({ ...state });
  }

  /** @internal */
  get instructions(): readonly Instruction[] {
    return Object.freeze(this.#state.instructions.toArray());
  }

  // COPY/ADD sources, destination and flags: each path on one line without a trailing escape, flags ASCII on one line.
  #files(what: string, sources: string | readonly string[], dest: string | undefined, options: CopyOptions & AddOptions): void {
    const esc = this.#state.esc;
    for (const p of typeof sources === 'string' ? [sources] : sources) {
      oneLine(p, `${what} source`, esc);
      if (heredocLike(p, esc)) usage(`${what}: the source ${JSON.stringify(p)} reads as a heredoc marker without a body`, 'use copyContent() or copyFiles() to write a file from text');
    }
    if (dest !== undefined) {
      oneLine(dest, `${what} destination`, esc);
      if (heredocLike(dest, esc)) usage(`${what}: the destination ${JSON.stringify(dest)} reads as a heredoc marker`, 'choose a destination that does not start with <<');
    }
    flagText(options.chown, `${what} --chown`);
    flagText(options.chmod, `${what} --chmod`);
    flagText(options.checksum, `${what} --checksum`);
    for (const e of options.exclude ?? []) flagText(e, `${what} --exclude`);
  }

  #add(...i: Instruction[]): any {
    return new StageBuilder<S>({ ...this.#state, instructions: this.#state.instructions.push(...i) });
  }

  /**
   * `RUN`: a shell command (long `&&` chains are laid out with continuations, wrapped only outside
   * quotes) or an exec-form list. A line break must be a continuation and the command may not end
   * with the escape character or hold a heredoc marker (`<<EOF`): use {@link StageBuilder.runScript}
   * for scripts. A command that reads as JSON (`[ "$CI" ]`) is written `\[ "$CI" ]` to stay a shell command.
   *
   * @example
   * ```ts
   * s.run('pip install uv');                                  // RUN pip install uv
   * s.run(['pip', 'install', 'uv']);                          // RUN ["pip", "install", "uv"]
   * s.run('uv sync', { mounts: [cacheMount('/root/.cache/uv')] });
   * // RUN --mount=type=cache,target=/root/.cache/uv \
   * //     uv sync
   * ```
   */
  run<const M extends readonly MountInput<string>[] = readonly [], Stages extends string = S>(
    command: string | readonly string[],
    options?: Omit<RunOptions<S>, 'mounts'> & { readonly mounts?: CheckedMounts<Stages, M> },
  ): StageBuilder<S, H>;
  run(command: string | readonly string[], options: RunOptions<S> = {}): StageBuilder<S, H> {
    for (const m of options.mounts ?? []) checkMount(m as MountInput<string>);
    return this.#add(defined({
      kind: 'run' as const,
      mounts: options.mounts && options.mounts.length > 0 ? options.mounts.map((m) => toMount(m as MountInput<string>)) : undefined,
      network: options.network,
      security: options.security,
      command: cmdOf(command, this.#state.esc, 'RUN', true),
    }));
  }

  /**
   * `RUN <<EOF`: a script as a heredoc, optionally run by an interpreter.
   *
   * @example
   * ```ts
   * s.runScript('apt-get update\napt-get install -y git', { interpreter: 'bash' });
   * // RUN <<EOF bash
   * // apt-get update
   * // apt-get install -y git
   * // EOF
   * ```
   */
  runScript<const M extends readonly MountInput<string>[] = readonly [], Stages extends string = S>(
    script: string,
    options?: Omit<RunOptions<S>, 'mounts'> & { readonly mounts?: CheckedMounts<Stages, M>; readonly interpreter?: string; readonly delimiter?: string },
  ): StageBuilder<S, H>;
  runScript(script: string, options: RunOptions<S> & { readonly interpreter?: string; readonly delimiter?: string } = {}): StageBuilder<S, H> {
    const delimiter = options.delimiter ?? pickDelimiter(script);
    for (const m of options.mounts ?? []) checkMount(m as MountInput<string>);
    if (options.interpreter !== undefined) {
      if (LINE_BREAK.test(options.interpreter) || options.interpreter.includes('<<') || endsWithEscape(options.interpreter, this.#state.esc)) {
        usage(`runScript: expected an interpreter command on one line without << or a trailing ${this.#state.esc}, received ${JSON.stringify(options.interpreter)}`);
      }
    }
    return this.#add(defined({
      kind: 'run' as const,
      mounts: options.mounts && options.mounts.length > 0 ? options.mounts.map((m) => toMount(m as MountInput<string>)) : undefined,
      network: options.network,
      security: options.security,
      command: `<<${delimiter}${options.interpreter ? ` ${options.interpreter}` : ''}`,
      heredocs: [{ delimiter, body: script.replace(/\n$/, '') }],
    }));
  }

  /** `CMD`, exec form (a list) recommended; a shell-form string is checked like {@link StageBuilder.run}'s and never wrapped. @example `s.cmd(['/app/.venv/bin/uvicorn', 'app.main:app'])` → `CMD ["/app/.venv/bin/uvicorn", "app.main:app"]` */
  cmd(command: string | readonly string[]): StageBuilder<S, H> {
    return this.#add({ kind: 'cmd', command: cmdOf(command, this.#state.esc, 'CMD') });
  }

  /** `ENTRYPOINT`. @example `s.entrypoint(['python3'])` → `ENTRYPOINT ["python3"]` */
  entrypoint(command: string | readonly string[]): StageBuilder<S, H> {
    return this.#add({ kind: 'entrypoint', command: cmdOf(command, this.#state.esc, 'ENTRYPOINT') });
  }

  /** `SHELL`. @example `s.shell(['/bin/bash', '-o', 'pipefail', '-c'])` → `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` */
  shell(command: readonly string[]): StageBuilder<S, H> {
    if (command.length === 0) throw new UsageError('docker/schema/out-of-range', 'SHELL: expected a command, received an empty list');
    return this.#add({ kind: 'shell', command: [...command] });
  }

  /** `LABEL`, one pair or several. @example `s.label({ 'org.opencontainers.image.title': 'api' })` → `LABEL org.opencontainers.image.title=api` */
  label(labels: Readonly<Record<string, string>>): StageBuilder<S, H>;
  label(key: string, value: string): StageBuilder<S, H>;
  label(a: string | Readonly<Record<string, string>>, b?: string): StageBuilder<S, H> {
    return this.#add({ kind: 'label', labels: typeof a === 'string' ? { [a]: b ?? '' } : { ...a } });
  }

  /** `ENV`, one pair or several; values are quoted so they read back exactly. @example `s.env({ PYTHONUNBUFFERED: '1', GREETING: 'say "hi"' })` → `ENV PYTHONUNBUFFERED=1 GREETING="say \"hi\""` */
  env(vars: Readonly<Record<string, string>>): StageBuilder<S, H>;
  env(key: string, value: string): StageBuilder<S, H>;
  env(a: string | Readonly<Record<string, string>>, b?: string): StageBuilder<S, H> {
    return this.#add({ kind: 'env', vars: typeof a === 'string' ? { [a]: b ?? '' } : { ...a } });
  }

  /** `ARG` in this stage, with an optional default. @example `s.arg('VERSION', '1.0')` → `ARG VERSION=1.0` */
  arg(name: string, defaultValue?: string): StageBuilder<S, H> {
    return this.#add({ kind: 'arg', args: [defaultValue === undefined ? { name } : { name, default: defaultValue }] });
  }

  /** `EXPOSE`. @example `s.expose(8000, '53/udp', { port: 9000, protocol: 'tcp' })` → `EXPOSE 8000 53/udp 9000/tcp` */
  expose(...ports: PortInput[]): StageBuilder<S, H> {
    return this.#add({ kind: 'expose', ports: ports.map((p) => oneLine(typeof p === 'object' ? `${p.port}${p.protocol ? `/${p.protocol}` : ''}` : String(p).trim(), 'EXPOSE', this.#state.esc)) });
  }

  /** `COPY` from the build context. @example `s.copy(['pyproject.toml', 'uv.lock'], './')` → `COPY pyproject.toml uv.lock ./` */
  copy(sources: string | readonly string[], dest: string, options: CopyOptions = {}): StageBuilder<S, H> {
    this.#files('COPY', sources, dest, options);
    return this.#add(defined({
      kind: 'copy' as const, chown: options.chown, chmod: options.chmod, link: options.link, parents: options.parents,
      exclude: options.exclude ? [...options.exclude] : undefined, sources: typeof sources === 'string' ? [sources] : [...sources], dest,
    }));
  }

  /**
   * `COPY --from`: files from an earlier stage (only those compile), its index, or an {@link image}.
   *
   * @example
   * ```ts
   * s.copyFrom('builder', '/app/.venv', '/app/.venv'); // COPY --from=builder /app/.venv /app/.venv
   * ```
   */
  copyFrom<const F extends StageSource<string>, Stages extends string = S>(
    from: StageSourceName<Stages, F>,
    sources: string | readonly string[],
    dest: string,
    options?: CopyOptions,
  ): StageBuilder<S, H>;
  copyFrom(from: StageSource<S>, sources: string | readonly string[], dest: string, options: CopyOptions = {}): StageBuilder<S, H> {
    this.#files('COPY', sources, dest, options);
    flagText(sourceText(from), 'COPY --from');
    return this.#add(defined({
      kind: 'copy' as const, from: sourceText(from), chown: options.chown, chmod: options.chmod, link: options.link, parents: options.parents,
      exclude: options.exclude ? [...options.exclude] : undefined, sources: typeof sources === 'string' ? [sources] : [...sources], dest,
    }));
  }

  /**
   * `COPY <<"EOF" <dest>`: writes a file from inline text. The delimiter is quoted, so `$VAR` in the
   * content is written as it is, not expanded.
   *
   * @example
   * ```ts
   * s.copyContent('/etc/app.conf', 'port=8000');
   * // COPY <<"EOF" /etc/app.conf
   * // port=8000
   * // EOF
   * ```
   */
  copyContent(dest: string, content: string, options: CopyOptions & { readonly delimiter?: string } = {}): StageBuilder<S, H> {
    const delimiter = options.delimiter ?? pickDelimiter(content);
    this.#files('COPY', [], dest, options);
    // a quoted delimiter: BuildKit writes the content as given, without expanding $VAR in it
    return this.#add(defined({
      kind: 'copy' as const, chown: options.chown, chmod: options.chmod, link: options.link, sources: [`<<"${delimiter}"`], dest,
      heredocs: [{ delimiter, body: content.replace(/\n$/, '') }],
    }));
  }

  /**
   * `COPY <<"name" …`: several files from inline text in one instruction (each heredoc is named after its file, quoted: no expansion).
   *
   * @example
   * ```ts
   * s.copyFiles('/etc/app/', { 'app.conf': 'port=8000', 'log.conf': 'level=info' });
   * // COPY <<"app.conf" <<"log.conf" /etc/app/
   * // port=8000
   * // app.conf
   * // level=info
   * // log.conf
   * ```
   */
  copyFiles(dest: string, files: Readonly<Record<string, string>>, options: CopyOptions = {}): StageBuilder<S, H> {
    const names = Object.keys(files);
    if (names.length === 0) throw new UsageError('docker/schema/out-of-range', 'expected at least one file');
    for (const n of names) {
      if (!/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(n)) throw new UsageError('docker/schema/invalid-format', `expected a file name usable as a heredoc name (a letter or "_", then letters, digits, "_", ".", "/", "-"), received ${JSON.stringify(n)}`);
      if (files[n]!.split('\n').includes(n)) throw new UsageError('docker/schema/invalid-format', `the content of ${n} has a line "${n}", which would end its heredoc early`);
    }
    this.#files('COPY', [], dest, options);
    return this.#add(defined({
      kind: 'copy' as const, chown: options.chown, chmod: options.chmod, link: options.link, sources: names.map((n) => `<<"${n}"`),
      dest: names.length > 1 && !dest.endsWith('/') ? `${dest}/` : dest, heredocs: names.map((n) => ({ delimiter: n, body: files[n]!.replace(/\n$/, '') })),
    }));
  }

  /** `ADD`: URLs, git sources and archives (use `copy` for local files). @example `s.add('https://example.com/a.tgz', '/opt/', { checksum: 'sha256:…' })` → `ADD --checksum=sha256:… https://example.com/a.tgz /opt/` */
  add(sources: string | readonly string[], dest: string, options: AddOptions = {}): StageBuilder<S, H> {
    this.#files('ADD', sources, dest, options);
    return this.#add(defined({
      kind: 'add' as const, chown: options.chown, chmod: options.chmod, link: options.link, keepGitDir: options.keepGitDir, checksum: options.checksum,
      exclude: options.exclude ? [...options.exclude] : undefined, sources: typeof sources === 'string' ? [sources] : [...sources], dest,
    }));
  }

  /** `VOLUME`. @example `s.volume('/data')` → `VOLUME /data` */
  volume(...paths: string[]): StageBuilder<S, H> {
    for (const p of paths) oneLine(p, 'VOLUME', this.#state.esc);
    return this.#add({ kind: 'volume', paths });
  }

  /** `USER`: quoted when it holds quotes, the escape character or edge spaces, so BuildKit reads the same word. @example `s.user('app')` → `USER app` */
  user(user: string): StageBuilder<S, H> {
    if (LINE_BREAK.test(user)) usage(`USER: expected a user on one line, received ${JSON.stringify(user)} (a line break would start a new instruction)`, 'remove the line break');
    if (user === '') throw new UsageError('docker/schema/out-of-range', 'USER: expected a user, received an empty string');
    return this.#add({ kind: 'user', user });
  }

  /** `WORKDIR` (absolute paths recommended), quoted like USER when needed. @example `s.workdir('/app')` → `WORKDIR /app` */
  workdir(path: string): StageBuilder<S, H> {
    if (LINE_BREAK.test(path)) usage(`WORKDIR: expected a path on one line, received ${JSON.stringify(path)} (a line break would start a new instruction)`, 'remove the line break');
    if (path === '') throw new UsageError('docker/schema/out-of-range', 'WORKDIR: expected a path, received an empty string');
    return this.#add({ kind: 'workdir', path });
  }

  /** `STOPSIGNAL`. @example `s.stopsignal('SIGINT')` → `STOPSIGNAL SIGINT` */
  stopsignal(signal: string): StageBuilder<S, H> {
    oneLine(signal, 'STOPSIGNAL', this.#state.esc);
    return this.#add({ kind: 'stopsignal', signal: signal.trim() });
  }

  /** `HEALTHCHECK … CMD …`. @example `s.healthcheck(['curl', '-f', 'http://localhost/'], { interval: '30s', retries: 3 })` → `HEALTHCHECK --interval=30s --retries=3 CMD ["curl", "-f", "http://localhost/"]` */
  healthcheck(command: string | readonly string[], options: HealthcheckOptions = {}): StageBuilder<S, true> {
    for (const v of [options.interval, options.timeout, options.startPeriod, options.startInterval]) flagText(v, 'HEALTHCHECK');
    return this.#add(defined({
      kind: 'healthcheck' as const, interval: options.interval, timeout: options.timeout, startPeriod: options.startPeriod,
      startInterval: options.startInterval, retries: options.retries, command: cmdOf(command, this.#state.esc, 'HEALTHCHECK CMD'),
    }));
  }

  /** `HEALTHCHECK NONE`: turns off the base image's check. @example `s.healthcheckNone()` → `HEALTHCHECK NONE` */
  healthcheckNone(): StageBuilder<S, false> {
    return this.#add({ kind: 'healthcheck', command: null });
  }

  /**
   * `ONBUILD`: each instruction built by `fn` runs when this image is used as a base.
   *
   * @example
   * ```ts
   * s.onbuild((o) => o.copy('.', '/app').run('make'));
   * // ONBUILD COPY . /app
   * // ONBUILD RUN make
   * ```
   */
  onbuild(fn: (s: StageBuilder<S>) => StageBuilder<S, boolean>): StageBuilder<S, H> {
    const inner = fn(new StageBuilder<S>({ esc: this.#state.esc, instructions: PList.empty() })).instructions;
    const triggers = inner.map((i): Instruction => {
      if (i.kind === 'comment' || i.kind === 'blank' || i.kind === 'raw' || i.kind === 'onbuild' || i.kind === 'maintainer') {
        throw new UsageError('docker/schema/invalid-value', `ONBUILD cannot hold ${i.kind === 'onbuild' ? 'ONBUILD' : `a ${i.kind}`}`);
      }
      return { kind: 'onbuild', instruction: i as OnbuildTrigger };
    });
    return this.#add(...triggers);
  }

  /**
   * `MAINTAINER` (deprecated by Docker; reported by `docker/maintainer-deprecated`).
   * @deprecated use `label('org.opencontainers.image.authors', name)`.
   * @example `s.maintainer('a@b.c')` → `MAINTAINER a@b.c`
   */
  maintainer(name: string): StageBuilder<S, H> {
    if (name.trim().startsWith('--')) usage(`MAINTAINER: a name starting with "--" would be read as a flag, received ${JSON.stringify(name)}`);
    if (name.trim().startsWith(this.#state.esc) && /^.[ \t]/.test(name.trim())) usage(`MAINTAINER: expected a name that does not start with an escape character and a space, received ${JSON.stringify(name)}`);
    // BuildKit trims the white space around an instruction's arguments
    oneLine(name, 'MAINTAINER', this.#state.esc);
    if (name.trim() === '') throw new UsageError('docker/schema/out-of-range', 'MAINTAINER: expected a name, received an empty string');
    return this.#add({ kind: 'maintainer', name: oneLine(name.trim(), 'MAINTAINER', this.#state.esc) });
  }

  /**
   * A comment line (several for a multi-line text: every `\n`, `\r\n` or lone `\r` starts a new
   * `#` line, so no text can become an instruction). @example `s.comment('install deps')` → `# install deps`
   */
  comment(text: string): StageBuilder<S, H> {
    return this.#add(...commentLines(text).map((t): Instruction => ({ kind: 'comment', text: t })));
  }

  /** A blank line. @example `s.blank()` → an empty line */
  blank(): StageBuilder<S, H> {
    return this.#add({ kind: 'blank' });
  }

  /**
   * Escape hatch: an instruction written as raw text, kept exactly as given. Rules do not see into
   * it, and it is exempt from the checks that keep every other builder string meaning what it says
   * (trailing escape characters, line breaks, quoting, heredoc markers): the text is the Dockerfile.
   * @example `s.$raw('RUN --device=nvidia.com/gpu=all nvidia-smi')`
   */
  $raw(text: string): StageBuilder<S, H> {
    if (text.trim() === '') throw new UsageError('docker/schema/out-of-range', 'expected instruction text, received an empty string');
    return this.#add({ kind: 'raw', text: text.replace(/\n+$/, '') });
  }

  /** Applies `fn` when `condition` holds. @example `s.$if(dev, (s) => s.run('pip install debugpy'))` */
  $if<R extends boolean = H>(condition: boolean, fn: (s: StageBuilder<S, H>) => StageBuilder<S, R>): StageBuilder<S, H | R> {
    return condition ? fn(this) : this;
  }

  /** Applies `fn` (to share a fragment between stages). @example `s.$call(nonRootUser)` */
  $call<R extends boolean = H>(fn: (s: StageBuilder<S, H>) => StageBuilder<S, R>): StageBuilder<S, R> {
    return fn(this);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function pickDelimiter(body: string): string {
  const lines = new Set(body.split('\n'));
  for (const d of ['EOF', 'EOT', 'END', 'DOCKERFILE_EOF']) if (!lines.has(d)) return d;
  let n = 0;
  while (lines.has(`EOF${n}`)) n++;
  return `EOF${n}`;
}

// ------------------------------------------------------------------------------------------------
// Dockerfile builder

/**
 * Persistent lists (adding a stage or a global ARG is O(1), not a copy of the others) and the stage
 * names, lower-cased, for the duplicate check.
 */
interface State {
  readonly directives: Directives;
  readonly preamble: PList<PreambleItem>;
  readonly stages: PList<Stage>;
  readonly stageNames: PMap<true>;
  readonly pending: readonly string[];
  readonly dockerignore: DockerignoreModel | undefined;
  readonly issues: readonly Issue[];
}

/** A stage name the builder accepts: new (not already declared). Parsed Dockerfiles (`S = string`) accept any. @example `df.stage('builder', …)` twice is a compile error */
export type NewStageName<N extends string, S extends string> = string extends S
  ? N
  : N extends S
    ? DevstackTypeError<`stage: '${N}' is already declared in this Dockerfile`>
    : N;

/**
 * An immutable, typed Dockerfile. Stage names accumulate in `S`.
 *
 * @example
 * ```ts
 * const df = Dockerfile.create()
 *   .stage('builder', 'python:3.13-slim', (s) => s.workdir('/app').run('pip install uv'))
 *   .from('python:3.13-slim', (s) => s.copyFrom('builder', '/app/.venv', '/app/.venv').cmd(['python']));
 * df.toString();
 * // FROM python:3.13-slim AS builder
 * // WORKDIR /app
 * // RUN pip install uv
 * //
 * // FROM python:3.13-slim
 * // COPY --from=builder /app/.venv /app/.venv
 * // CMD ["python"]
 * ```
 */
export class Dockerfile<S extends string = never, H extends string = never> {
  readonly #state: State;
  readonly [BRAND] = true;
  /** @internal phantom: the stages whose last HEALTHCHECK is a check; `app.dockerfile()` carries them into its `DockerfileRef` */
  declare readonly _healthchecked?: (stage: H) => void;

  private constructor(state: State) {
    this.#state = Object.freeze(state);
  }

  /** An empty Dockerfile. @example `Dockerfile.create().from('alpine:3.20').toString()` → `FROM alpine:3.20\n` */
  static create(): Dockerfile<never> {
    return new Dockerfile<never>({ directives: {}, preamble: PList.empty(), stages: PList.empty(), stageNames: PMap.empty(), pending: [], dockerignore: undefined, issues: [] });
  }

  /**
   * Reads an existing Dockerfile (never throws; problems are in `parseIssues`). Its stage names are `string`.
   *
   * @example
   * ```ts
   * Dockerfile.parse('FROM python:3.13-slim AS app\nUSER app\n').stageNames; // ['app']
   * ```
   */
  static parse(text: string, file?: string): Dockerfile<string> {
    const { model, issues } = parseDockerfile(text, file);
    const df = Dockerfile.fromModel(model ?? { stages: [] });
    return new Dockerfile<string>({ ...df.#state, issues });
  }

  /** Wraps a model (from a file or plain data). @example `Dockerfile.fromModel({ stages: [{ from: 'alpine:3.20', instructions: [] }] })` → `FROM alpine:3.20` */
  static fromModel(model: DockerfileModel): Dockerfile<string> {
    return new Dockerfile<string>({
      directives: { ...model.directives },
      preamble: PList.from(structuredClone([...(model.preamble ?? [])])),
      stages: PList.from(structuredClone(model.stages) as Stage[]),
      stageNames: PMap.from((Array.isArray(model.stages) ? model.stages : []).flatMap((st) => (typeof st?.name === 'string' ? [[st.name.toLowerCase(), true] as const] : []))),
      pending: [],
      dockerignore: model.dockerignore === undefined ? undefined : structuredClone(model.dockerignore),
      issues: [],
    });
  }

  /** True for a `Dockerfile` from any copy of devstack-kit. @example `Dockerfile.isDockerfile(Dockerfile.create())` → `true` */
  static isDockerfile(value: unknown): value is Dockerfile<string> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The stage names, in order (unnamed stages are absent). @example `df.stageNames` → `['builder', 'runtime']` */
  get stageNames(): readonly S[] {
    return this.#state.stages.toArray().flatMap((s) => (s.name !== undefined ? [s.name as S] : []));
  }

  /** Issues found by {@link Dockerfile.parse} (empty for built Dockerfiles). @example `Dockerfile.parse('FROBNICATE\n').parseIssues[0].code` → `'docker/instruction-before-from'` */
  get parseIssues(): readonly Issue[] {
    return this.#state.issues;
  }

  #with(patch: Partial<State>): Dockerfile<S, H> {
    return new Dockerfile<S, H>({ ...this.#state, ...patch });
  }

  /** `# syntax=…` (the BuildKit frontend). @example `.syntax('docker/dockerfile:1')` → `# syntax=docker/dockerfile:1` */
  syntax(frontend: string): Dockerfile<S, H> {
    if (LINE_BREAK.test(frontend)) usage(`syntax: expected a frontend on one line, received ${JSON.stringify(frontend)}`);
    return this.#with({ directives: { ...this.#state.directives, syntax: frontend } });
  }

  /** `# escape=…`: the escape character (`\` or a backtick). Set it before adding stages. @example ``.escape('`')`` → ``# escape=` `` */
  escape(char: '\\' | '`'): Dockerfile<S, H> {
    if (this.#state.stages.size > 0) throw new UsageError('docker/schema/invalid-value', 'set escape() before adding stages');
    return this.#with({ directives: { ...this.#state.directives, escape: char } });
  }

  /** `# check=…`: BuildKit build checks. @example `.check('error=true')` → `# check=error=true` */
  check(value: string): Dockerfile<S, H> {
    if (LINE_BREAK.test(value)) usage(`check: expected a value on one line, received ${JSON.stringify(value)}`);
    return this.#with({ directives: { ...this.#state.directives, check: value } });
  }

  /** A global `ARG` (before the first FROM; usable in FROM lines). @example `.arg('PYTHON_VERSION', '3.13')` → `ARG PYTHON_VERSION=3.13` */
  arg(name: string, defaultValue?: string): Dockerfile<S, H> {
    if (this.#state.stages.size > 0) throw new UsageError('docker/instruction-before-from', `a global ARG ${name} must come before the first stage`, 'call arg() before stage(), or use arg() inside the stage');
    const item: PreambleItem = { kind: 'arg', args: [defaultValue === undefined ? { name } : { name, default: defaultValue }] };
    const comments = this.#state.pending.map((t): PreambleItem => ({ kind: 'comment', text: t }));
    return this.#with({ preamble: this.#state.preamble.push(...comments, item), pending: [] });
  }

  /** A comment just above the next stage's FROM (or the next global ARG). @example `.comment('Stage 2: Runtime')` → `# Stage 2: Runtime` */
  comment(text: string): Dockerfile<S, H> {
    return this.#with({ pending: [...this.#state.pending, ...commentLines(text)] });
  }

  /**
   * Adds a named stage. `base` is an earlier stage, a tagged image (`python:3.13-slim`) or {@link image};
   * inside `fn`, `copyFrom` accepts only the stages declared before this one.
   *
   * @example
   * ```ts
   * .stage('builder', 'python:3.13-slim', (s) => s.run('pip install uv'))
   * // FROM python:3.13-slim AS builder
   * // RUN pip install uv
   * ```
   */
  stage<const N extends string, const B extends StageBase<string>, C extends boolean = false, Stages extends string = S>(
    name: N & NewStageName<N, Stages>,
    base: StageBaseName<Stages, B>,
    fn?: (s: StageBuilder<S>) => StageBuilder<S, C>,
    options?: StageOptions,
  ): Dockerfile<S | N, H | ([C] extends [true] ? N : never)>;
  stage<const N extends string, C extends boolean = false>(
    name: N & NewStageName<N, S>,
    base: StageBase<S>,
    fn?: (s: StageBuilder<S>) => StageBuilder<S, C>,
    options: StageOptions = {},
  ): Dockerfile<S | N, H | ([C] extends [true] ? N : never)> {
    if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) throw new UsageError('docker/schema/invalid-stage-name', `expected a stage name (a letter, then letters, digits, "_", "." or "-"), received ${JSON.stringify(name)}`);
    if (this.#state.stageNames.has(name.toLowerCase())) throw new UsageError('docker/duplicate-stage', `a stage named "${name}" already exists`, 'give each stage its own name');
    return this.#stage(name, base, fn, options) as unknown as Dockerfile<S | N, H | ([C] extends [true] ? N : never)>;
  }

  /**
   * Adds an unnamed stage (usually the last one).
   *
   * @example
   * ```ts
   * .from('python:3.13-slim', (s) => s.cmd(['python']))
   * // FROM python:3.13-slim
   * // CMD ["python"]
   * ```
   */
  from<const B extends StageBase<string>, Stages extends string = S>(
    base: StageBaseName<Stages, B>,
    fn?: (s: StageBuilder<S>) => StageBuilder<S, boolean>,
    options?: StageOptions,
  ): Dockerfile<S, H>;
  from(base: StageBase<S>, fn?: (s: StageBuilder<S>) => StageBuilder<S, boolean>, options: StageOptions = {}): Dockerfile<S, H> {
    return this.#stage(undefined, base, fn, options);
  }

  #stage(name: string | undefined, base: StageBase<S>, fn: ((s: StageBuilder<S>) => StageBuilder<S, boolean>) | undefined, options: StageOptions): Dockerfile<S, H> {
    const esc = this.#state.directives.escape ?? '\\';
    flagText(options.platform, 'FROM --platform');
    const from = sourceText(base);
    if (!/^\S+$/.test(from) || /[\\`]$/.test(from) || from.startsWith('-')) usage(`FROM: expected an image or stage name without spaces, a trailing escape character or a leading "-", received ${JSON.stringify(from)}`);
    const built = fn ? fn(new StageBuilder<S>({ esc, instructions: PList.empty() })) : undefined;
    const stage: Mutable<Stage> = {
      ...(this.#state.pending.length > 0 ? { comments: [...this.#state.pending] } : {}),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
      from: sourceText(base),
      ...(name !== undefined ? { name } : {}),
      instructions: built ? [...built.instructions] : [],
    };
    const stageNames = name === undefined ? this.#state.stageNames : this.#state.stageNames.set(name.toLowerCase(), true);
    return this.#with({ stages: this.#state.stages.push(stage), stageNames, pending: [] });
  }

  /**
   * Gives the Dockerfile a `.dockerignore` (a builder, a model, or a function of an empty builder).
   * The App writes it beside the Dockerfile.
   *
   * @example
   * ```ts
   * .dockerignore(dockerignorePresets.python())
   * // .dockerignore:
   * // .git
   * // .env
   * // **\/__pycache__
   * ```
   */
  dockerignore(value: Dockerignore | DockerignoreModel | ((d: Dockerignore) => Dockerignore)): Dockerfile<S, H> {
    const model = typeof value === 'function' ? value(Dockerignore.create()).toModel() : Dockerignore.isDockerignore(value) ? value.toModel() : structuredClone(value);
    return this.#with({ dockerignore: model });
  }

  /** Applies `fn` when `condition` holds. @example `.$if(withDebug, (d) => d.stage('debug', 'builder'))` */
  $if(condition: boolean, fn: (d: Dockerfile<S, H>) => Dockerfile<S, H>): Dockerfile<S, H> {
    return condition ? fn(this) : this;
  }

  /** Applies `fn` (to share a fragment). @example `.$call(addTestStage)` */
  $call<R extends string, RH extends string = never>(fn: (d: Dockerfile<S, H>) => Dockerfile<R, RH>): Dockerfile<R, RH> {
    return fn(this);
  }

  /** The `.dockerignore` model, when one was given. @example `df.dockerignoreModel()?.entries.length` → `4` */
  dockerignoreModel(): DockerignoreModel | undefined {
    return this.#state.dockerignore;
  }

  /** The model: plain, deeply frozen data (synthesizers and rules read this). @example `df.toModel().stages[0].from` → `'python:3.13-slim'` */
  toModel(): DockerfileModel {
    const s = this.#state;
    const stages = s.stages.toArray().map((st) => ({ ...st, instructions: [...st.instructions] }));
    const last = stages[stages.length - 1];
    if (last && s.pending.length > 0) last.instructions.push(...s.pending.map((t): Instruction => ({ kind: 'comment', text: t })));
    return deepFreeze({
      ...(Object.keys(s.directives).length > 0 ? { directives: { ...s.directives } } : {}),
      ...(s.preamble.size > 0 ? { preamble: s.preamble.toArray() } : {}),
      stages,
      ...(s.dockerignore ? { dockerignore: s.dockerignore } : {}),
    });
  }

  /** The Dockerfile's text, without the generated-file marker. @example `Dockerfile.create().from('alpine:3.20').toString()` → `"FROM alpine:3.20\n"` */
  toString(): string {
    return synthDockerfile(this.toModel());
  }
}

