/**
 * The typed, immutable Dockerfile builder. Stage names accumulate in the type: `COPY --from`,
 * `FROM <stage>` and `RUN --mount=from=` accept only stages declared before, or an explicit
 * {@link image} reference.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { commentText } from '../core/layout.js';
import type { Issue } from '../core/issue.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { Dockerignore } from './dockerignore.js';
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

interface StageState {
  readonly esc: Escape;
  readonly instructions: readonly Instruction[];
}

const LONG = 100;

// Lays a long one-line shell command out with one `&&` step per continuation line.
function layout(cmd: string, esc: Escape): string {
  if (cmd.includes('\n') || cmd.length <= LONG || !cmd.includes(' && ')) return cmd;
  return cmd.split(' && ').join(` ${esc}\n    && `);
}

function cmdOf(c: string | readonly string[], esc: Escape): Command {
  if (typeof c === 'string') {
    if (c.trim() === '') throw new UsageError('docker/schema/out-of-range', 'expected a command, received an empty string');
    return layout(c, esc);
  }
  if (c.length === 0) throw new UsageError('docker/schema/out-of-range', 'expected a command, received an empty list');
  return [...c];
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
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
    this.#state = Object.freeze({ ...state, instructions: Object.freeze([...state.instructions]) });
  }

  /** @internal */
  get instructions(): readonly Instruction[] {
    return this.#state.instructions;
  }

  #add(...i: Instruction[]): any {
    return new StageBuilder<S>({ ...this.#state, instructions: [...this.#state.instructions, ...i] });
  }

  /**
   * `RUN`: a shell command (long `&&` chains are laid out with continuations) or an exec-form list.
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
    return this.#add(defined({
      kind: 'run' as const,
      mounts: options.mounts && options.mounts.length > 0 ? options.mounts.map((m) => toMount(m as MountInput<string>)) : undefined,
      network: options.network,
      security: options.security,
      command: cmdOf(command, this.#state.esc),
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
    return this.#add(defined({
      kind: 'run' as const,
      mounts: options.mounts && options.mounts.length > 0 ? options.mounts.map((m) => toMount(m as MountInput<string>)) : undefined,
      network: options.network,
      security: options.security,
      command: `<<${delimiter}${options.interpreter ? ` ${options.interpreter}` : ''}`,
      heredocs: [{ delimiter, body: script.replace(/\n$/, '') }],
    }));
  }

  /** `CMD`, exec form (a list) recommended. @example `s.cmd(['/app/.venv/bin/uvicorn', 'app.main:app'])` → `CMD ["/app/.venv/bin/uvicorn", "app.main:app"]` */
  cmd(command: string | readonly string[]): StageBuilder<S, H> {
    return this.#add({ kind: 'cmd', command: cmdOf(command, this.#state.esc) });
  }

  /** `ENTRYPOINT`. @example `s.entrypoint(['python3'])` → `ENTRYPOINT ["python3"]` */
  entrypoint(command: string | readonly string[]): StageBuilder<S, H> {
    return this.#add({ kind: 'entrypoint', command: cmdOf(command, this.#state.esc) });
  }

  /** `SHELL`. @example `s.shell(['/bin/bash', '-o', 'pipefail', '-c'])` → `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` */
  shell(command: readonly string[]): StageBuilder<S, H> {
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
    return this.#add({ kind: 'expose', ports: ports.map((p) => (typeof p === 'object' ? `${p.port}${p.protocol ? `/${p.protocol}` : ''}` : String(p))) });
  }

  /** `COPY` from the build context. @example `s.copy(['pyproject.toml', 'uv.lock'], './')` → `COPY pyproject.toml uv.lock ./` */
  copy(sources: string | readonly string[], dest: string, options: CopyOptions = {}): StageBuilder<S, H> {
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
    return this.#add(defined({
      kind: 'copy' as const, from: sourceText(from), chown: options.chown, chmod: options.chmod, link: options.link, parents: options.parents,
      exclude: options.exclude ? [...options.exclude] : undefined, sources: typeof sources === 'string' ? [sources] : [...sources], dest,
    }));
  }

  /**
   * `COPY <<EOF <dest>`: writes a file from inline text.
   *
   * @example
   * ```ts
   * s.copyContent('/etc/app.conf', 'port=8000');
   * // COPY <<EOF /etc/app.conf
   * // port=8000
   * // EOF
   * ```
   */
  copyContent(dest: string, content: string, options: CopyOptions & { readonly delimiter?: string } = {}): StageBuilder<S, H> {
    const delimiter = options.delimiter ?? pickDelimiter(content);
    return this.#add(defined({
      kind: 'copy' as const, chown: options.chown, chmod: options.chmod, link: options.link, sources: [`<<${delimiter}`], dest,
      heredocs: [{ delimiter, body: content.replace(/\n$/, '') }],
    }));
  }

  /**
   * `COPY <<name …`: several files from inline text in one instruction (each heredoc is named after its file).
   *
   * @example
   * ```ts
   * s.copyFiles('/etc/app/', { 'app.conf': 'port=8000', 'log.conf': 'level=info' });
   * // COPY <<app.conf <<log.conf /etc/app/
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
    return this.#add(defined({
      kind: 'copy' as const, chown: options.chown, chmod: options.chmod, link: options.link, sources: names.map((n) => `<<${n}`),
      dest: names.length > 1 && !dest.endsWith('/') ? `${dest}/` : dest, heredocs: names.map((n) => ({ delimiter: n, body: files[n]!.replace(/\n$/, '') })),
    }));
  }

  /** `ADD`: URLs, git sources and archives (use `copy` for local files). @example `s.add('https://example.com/a.tgz', '/opt/', { checksum: 'sha256:…' })` → `ADD --checksum=sha256:… https://example.com/a.tgz /opt/` */
  add(sources: string | readonly string[], dest: string, options: AddOptions = {}): StageBuilder<S, H> {
    return this.#add(defined({
      kind: 'add' as const, chown: options.chown, chmod: options.chmod, link: options.link, keepGitDir: options.keepGitDir, checksum: options.checksum,
      exclude: options.exclude ? [...options.exclude] : undefined, sources: typeof sources === 'string' ? [sources] : [...sources], dest,
    }));
  }

  /** `VOLUME`. @example `s.volume('/data')` → `VOLUME /data` */
  volume(...paths: string[]): StageBuilder<S, H> {
    return this.#add({ kind: 'volume', paths });
  }

  /** `USER`. @example `s.user('app')` → `USER app` */
  user(user: string): StageBuilder<S, H> {
    return this.#add({ kind: 'user', user });
  }

  /** `WORKDIR` (absolute paths recommended). @example `s.workdir('/app')` → `WORKDIR /app` */
  workdir(path: string): StageBuilder<S, H> {
    return this.#add({ kind: 'workdir', path });
  }

  /** `STOPSIGNAL`. @example `s.stopsignal('SIGINT')` → `STOPSIGNAL SIGINT` */
  stopsignal(signal: string): StageBuilder<S, H> {
    return this.#add({ kind: 'stopsignal', signal });
  }

  /** `HEALTHCHECK … CMD …`. @example `s.healthcheck(['curl', '-f', 'http://localhost/'], { interval: '30s', retries: 3 })` → `HEALTHCHECK --interval=30s --retries=3 CMD ["curl", "-f", "http://localhost/"]` */
  healthcheck(command: string | readonly string[], options: HealthcheckOptions = {}): StageBuilder<S, true> {
    return this.#add(defined({
      kind: 'healthcheck' as const, interval: options.interval, timeout: options.timeout, startPeriod: options.startPeriod,
      startInterval: options.startInterval, retries: options.retries, command: cmdOf(command, this.#state.esc),
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
    const inner = fn(new StageBuilder<S>({ esc: this.#state.esc, instructions: [] })).instructions;
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
    return this.#add({ kind: 'maintainer', name });
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

  /** Escape hatch: an instruction written as raw text (kept as is; rules do not see into it). @example `s.$raw('RUN --device=nvidia.com/gpu=all nvidia-smi')` */
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

interface State {
  readonly directives: Directives;
  readonly preamble: readonly PreambleItem[];
  readonly stages: readonly Stage[];
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
    return new Dockerfile<never>({ directives: {}, preamble: [], stages: [], pending: [], dockerignore: undefined, issues: [] });
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
      preamble: structuredClone([...(model.preamble ?? [])]),
      stages: structuredClone(model.stages) as Stage[],
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
    return this.#state.stages.flatMap((s) => (s.name !== undefined ? [s.name as S] : []));
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
    return this.#with({ directives: { ...this.#state.directives, syntax: frontend } });
  }

  /** `# escape=…`: the escape character (`\` or a backtick). Set it before adding stages. @example ``.escape('`')`` → ``# escape=` `` */
  escape(char: '\\' | '`'): Dockerfile<S, H> {
    if (this.#state.stages.length > 0) throw new UsageError('docker/schema/invalid-value', 'set escape() before adding stages');
    return this.#with({ directives: { ...this.#state.directives, escape: char } });
  }

  /** `# check=…`: BuildKit build checks. @example `.check('error=true')` → `# check=error=true` */
  check(value: string): Dockerfile<S, H> {
    return this.#with({ directives: { ...this.#state.directives, check: value } });
  }

  /** A global `ARG` (before the first FROM; usable in FROM lines). @example `.arg('PYTHON_VERSION', '3.13')` → `ARG PYTHON_VERSION=3.13` */
  arg(name: string, defaultValue?: string): Dockerfile<S, H> {
    if (this.#state.stages.length > 0) throw new UsageError('docker/instruction-before-from', `a global ARG ${name} must come before the first stage`, 'call arg() before stage(), or use arg() inside the stage');
    const item: PreambleItem = { kind: 'arg', args: [defaultValue === undefined ? { name } : { name, default: defaultValue }] };
    const comments = this.#state.pending.map((t): PreambleItem => ({ kind: 'comment', text: t }));
    return this.#with({ preamble: [...this.#state.preamble, ...comments, item], pending: [] });
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
    if (this.#state.stages.some((s) => s.name?.toLowerCase() === name.toLowerCase())) throw new UsageError('docker/duplicate-stage', `a stage named "${name}" already exists`, 'give each stage its own name');
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
    const built = fn ? fn(new StageBuilder<S>({ esc, instructions: [] })) : undefined;
    const stage: Mutable<Stage> = {
      ...(this.#state.pending.length > 0 ? { comments: [...this.#state.pending] } : {}),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
      from: sourceText(base),
      ...(name !== undefined ? { name } : {}),
      instructions: built ? [...built.instructions] : [],
    };
    return this.#with({ stages: [...this.#state.stages, stage], pending: [] });
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
    const stages = s.stages.map((st) => ({ ...st, instructions: [...st.instructions] }));
    const last = stages[stages.length - 1];
    if (last && s.pending.length > 0) last.instructions.push(...s.pending.map((t): Instruction => ({ kind: 'comment', text: t })));
    return deepFreeze({
      ...(Object.keys(s.directives).length > 0 ? { directives: { ...s.directives } } : {}),
      ...(s.preamble.length > 0 ? { preamble: [...s.preamble] } : {}),
      stages,
      ...(s.dockerignore ? { dockerignore: s.dockerignore } : {}),
    });
  }

  /** The Dockerfile's text, without the generated-file marker. @example `Dockerfile.create().from('alpine:3.20').toString()` → `"FROM alpine:3.20\n"` */
  toString(): string {
    return synthDockerfile(this.toModel());
  }
}

