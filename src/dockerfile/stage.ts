/**
 * The stage builder: the instructions of one stage of a Dockerfile, typed by the stages declared
 * before it. Created by {@link Dockerfile.stage} and {@link Dockerfile.from} (./builder.ts).
 * @module
 */
import { UsageError } from '../core/errors.js';
import { PList } from '../core/persistent.js';
import { recordSites, type SiteList } from '../core/source.js';
import { endsWithEscape, heredocLike, joinContinuations, LINE_BREAK, needsShellGuard, pickDelimiter, shellProblem, type Escape } from './lexical.js';
import type { Command, Instruction, OnbuildTrigger } from './model.js';
import {
  commentLines, flagText, sourceText, toMount, usage,
  type AddOptions, type CheckedMounts, type CopyOptions, type HealthcheckOptions, type MountInput, type PortInput, type RunOptions, type StageSource, type StageSourceName,
} from './inputs.js';

const STAGE_BRAND = Symbol.for('devstack-kit.DockerfileStage');

/** The stage's instructions in a persistent list: adding one is O(1), not a copy of the others. */
export interface StageState {
  readonly esc: Escape;
  readonly instructions: PList<Instruction>;
  /** Where in the config each instruction was added (see `core/source.ts`); not part of the model. */
  readonly sites?: SiteList | undefined;
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

/** A value written on one line as it is (paths, USER, signals): no line break, no trailing escape character. */
function oneLine(value: string, what: string, esc: Escape): string {
  if (LINE_BREAK.test(value)) usage(`${what}: expected a value on one line, received ${JSON.stringify(value)} (a line break would start a new instruction)`, 'remove the line break');
  if (endsWithEscape(value, esc)) usage(`${what}: expected a value that does not end with the escape character ${esc}, received ${JSON.stringify(value)} (the next instruction would be read into this one)`, `remove the trailing ${esc}, or use a path without it`);
  return value;
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

  /** True for a stage builder from any copy of devstack-kit. @example `StageBuilder.isStageBuilder(s)` → `true` inside `.stage('app', 'alpine:3.20', (s) => …)` */
  static isStageBuilder(value: unknown): value is StageBuilder<string, boolean> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STAGE_BRAND] === true;
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
    const size = this.#state.instructions.size;
    const sites = recordSites(this.#state.sites, i.map((_, n) => ['instructions', size + n]));
    return new StageBuilder<S>({ ...this.#state, instructions: this.#state.instructions.push(...i), sites });
  }

  /** @internal Where in the config the stage's instructions were added (for `Dockerfile.stage`). */
  static sitesOf(stage: StageBuilder<any, any> | undefined): SiteList | undefined {
    return stage === undefined ? undefined : stage.#state.sites;
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
   * Calls accumulate like every `$raw` (see `mergeRawPatch`): each call adds one instruction, in order.
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
