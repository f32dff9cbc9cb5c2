/**
 * What the Dockerfile builder accepts: image references, stage names as types, mounts, the option
 * types of the stage methods, and the checks on values both builders share. Imported by the stage
 * builder (./stage.ts) and the Dockerfile builder (./builder.ts); imports neither.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { commentText } from '../core/layout.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { LINE_BREAK, nonAscii } from './lexical.js';
import type { BindMountSchema, CacheMountSchema, Mount, SecretMountSchema, SshMountSchema, TmpfsMountSchema } from './model.js';
import type { z } from 'zod';

/**
 * The lines of a comment: split at `\n`, `\r\n` and a lone `\r` (which Docker keeps inside a line
 * but dockerfile-ast and our reader end it at). Throws `core/invalid-comment` for a non-string.
 */
export function commentLines(text: string): string[] {
  commentText(text);
  return text.split(/\r\n|[\r\n]/);
}

const IMAGE = Symbol.for('devstack-kit.ImageRef');

/** A copy of `T` whose properties can be assigned. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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

/** The text of a stage, image or index reference as written in FROM, `--from` and `from=`. */
export function sourceText(from: string | ImageRef | number): string {
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
/** A builder mount as the model's {@link Mount} (`from` written as text). */
export function toMount(m: MountInput<string>): Mount {
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
// Checks both builders make

/** Throws a `docker/schema/invalid-format` usage error. */
export function usage(message: string, hint?: string): never {
  throw new UsageError('docker/schema/invalid-format', message, hint);
}

/** A flag value (`--chown`, `--chmod`, mount options…): one line, ASCII only (BuildKit reads flags byte by byte). */
export function flagText(value: string | undefined, what: string): void {
  if (value === undefined) return;
  if (LINE_BREAK.test(value)) usage(`${what}: expected a flag value on one line, received ${JSON.stringify(value)}`, 'remove the line break');
  // dockerfile-ast splits a flag at white space even inside quotes: a "<<" after white space would read as a heredoc marker
  if (/\s[\\`"']*<</.test(value)) usage(`${what}: expected a flag value without " <<" (Dockerfile readers would take the word for a heredoc marker), received ${JSON.stringify(value)}`);
  if (nonAscii(value)) usage(`${what}: expected an ASCII flag value, received ${JSON.stringify(value)} (BuildKit reads flag values byte by byte and would garble other characters)`, 'use an ASCII value');
}

/** Freezes `value` and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
