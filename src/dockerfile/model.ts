/**
 * The Dockerfile and `.dockerignore` models. The zod schemas are the truth: types are `z.infer`,
 * and each object's key order is the order the synthesizer writes its parts in.
 * @module
 */
import { z } from 'zod';
import { lazy, lazyObject } from '../core/lazy.js';
import { endsWithEscape, heredocNames, joinContinuations, LINE_BREAK, pathsNeedJson, shellProblem } from './lexical.js';

// ---------------------------------------------------------------------------------------------
// Shared pieces

const NO_NEWLINE = /^[^\r\n]*$/;

/** A string matching `re`; a mismatch reports `docker/schema/<code>` with the message and hint. */
function fmt(re: RegExp, message: string, code = 'invalid-format', hint?: string) {
  return z.string().refine((v) => re.test(v), { message, params: { code, ...(hint !== undefined ? { hint } : {}) } });
}

/** A value written on one line (ENV/LABEL/ARG values, paths): any text without a line break. */
const lineText = lazy(() => fmt(NO_NEWLINE, 'expected text without a line break (a Dockerfile value cannot hold a newline)', 'invalid-format', 'remove the line break; a Dockerfile ENV/LABEL/ARG value has no way to hold one'));

const nonEmptyLine = lazy(() => fmt(/^[^\r\n]+$/, 'expected non-empty text without a line break'));

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const duration = lazy(() => fmt(DURATION, 'expected a duration like "30s" or "1m30s"', 'invalid-duration', 'write a number with a unit: "30s", "5m", "1m30s"'));

/**
 * A shell-form command (a string, line continuations allowed) or an exec-form argument list.
 * @example
 * ```ts
 * const shell: Command = 'pip install uv';        // RUN pip install uv
 * const exec: Command = ['python', '-m', 'app'];  // CMD ["python", "-m", "app"]
 * ```
 */
export const CommandSchema = lazy(() => z.union([z.string().min(1), z.array(z.string()).min(1)]));
/** A shell-form command or exec-form list. @example `const c: Command = ['npm', 'start']` → `["npm", "start"]` */
export type Command = z.infer<typeof CommandSchema>;

/**
 * A heredoc body; its delimiter is named in the instruction's first line (`RUN <<EOF`).
 * @example
 * ```ts
 * { kind: 'run', command: '<<EOF', heredocs: [{ delimiter: 'EOF', body: 'apt-get update' }] }
 * // RUN <<EOF
 * // apt-get update
 * // EOF
 * ```
 */
export const HeredocSchema = lazy(() => z.strictObject({
  /** The delimiter word, without quotes or `-`: `EOF`. */
  delimiter: fmt(/^[A-Za-z_][A-Za-z0-9_./-]*$/, 'expected a word like EOF (or a file name for COPY <<name)', 'invalid-format'),
  /** The lines between the marker and the delimiter, joined with `\n` (no trailing newline). */
  body: z.string(),
}).superRefine((h, ctx) => {
  if (h.body.split('\n').includes(h.delimiter)) {
    ctx.addIssue({ code: 'custom', path: ['body'], input: h.delimiter, message: `expected a body without a line "${h.delimiter}" (it would end the heredoc early)`, params: { code: 'invalid-format', hint: 'choose another delimiter' } });
  }
}));

/**
 * Heredoc markers in an instruction's first line, as BuildKit finds them (whole words):
 * `<<EOF`, `<<-EOT`, `<<"EOF"`, `<<file.txt`. Group 3 is the delimiter.
 * @example `[...'cat <<EOF'.matchAll(HEREDOC_MARKER)].map((m) => m[3])` → `['EOF']`
 */
export const HEREDOC_MARKER = /(?<=^|[ \t])\d*<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_./-]*)\2(?=[ \t]|$)/g;
/** A heredoc body. @example `const h: Heredoc = { delimiter: 'EOF', body: 'echo hi' }` */
export type Heredoc = z.infer<typeof HeredocSchema>;

// ---------------------------------------------------------------------------------------------
// RUN --mount

const octal = lazy(() => fmt(/^0?[0-7]{3,4}$/, 'expected an octal mode like "0400"', 'invalid-format'));
const id = lazy(() => z.number().int().min(0));

/** `--mount=type=bind`: a read-only view of the context or another stage. */
export const BindMountSchema = lazy(() => z.strictObject({
  type: z.literal('bind'),
  target: nonEmptyLine,
  source: lineText.optional(),
  from: nonEmptyLine.optional(),
  readwrite: z.boolean().optional(),
}));
/** `--mount=type=cache`: a persistent cache directory for compilers and package managers. */
export const CacheMountSchema = lazy(() => z.strictObject({
  type: z.literal('cache'),
  target: nonEmptyLine,
  id: nonEmptyLine.optional(),
  readonly: z.boolean().optional(),
  sharing: z.enum(['shared', 'private', 'locked']).optional(),
  from: nonEmptyLine.optional(),
  source: lineText.optional(),
  mode: octal.optional(),
  uid: id.optional(),
  gid: id.optional(),
}));
/** `--mount=type=tmpfs`. */
export const TmpfsMountSchema = lazy(() => z.strictObject({
  type: z.literal('tmpfs'),
  target: nonEmptyLine,
  size: z.union([z.number().int().min(0), z.string().regex(/^\d+[kmgKMG]?[bB]?$/)]).optional(),
}));
/** `--mount=type=secret`: a secret for one RUN, never stored in a layer. */
export const SecretMountSchema = lazy(() => z.strictObject({
  type: z.literal('secret'),
  id: nonEmptyLine.optional(),
  target: nonEmptyLine.optional(),
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  required: z.boolean().optional(),
  mode: octal.optional(),
  uid: id.optional(),
  gid: id.optional(),
}));
/** `--mount=type=ssh`: the builder's SSH agent socket. */
export const SshMountSchema = lazy(() => z.strictObject({
  type: z.literal('ssh'),
  id: nonEmptyLine.optional(),
  target: nonEmptyLine.optional(),
  required: z.boolean().optional(),
  mode: octal.optional(),
  uid: id.optional(),
  gid: id.optional(),
}));
/**
 * Any `RUN --mount`: bind, cache, tmpfs, secret or ssh, with all their options.
 * @example
 * ```ts
 * const m: Mount = { type: 'cache', target: '/root/.cache/uv', sharing: 'locked' };
 * // --mount=type=cache,target=/root/.cache/uv,sharing=locked
 * ```
 */
export const MountSchema = lazy(() => z.discriminatedUnion('type', [BindMountSchema, CacheMountSchema, TmpfsMountSchema, SecretMountSchema, SshMountSchema]));
/** Any `RUN --mount`. @example `const m: Mount = { type: 'secret', id: 'npmrc', target: '/root/.npmrc' }` → `--mount=type=secret,id=npmrc,target=/root/.npmrc` */
export type Mount = z.infer<typeof MountSchema>;

// ---------------------------------------------------------------------------------------------
// Instructions

/**
 * An exec-form list exactly as an existing file wrote it (`[ "npm", "start" ]`), kept so adoption
 * writes the file back unchanged. Used only while it still reads as `command`; builders never set it.
 */
const execSource = lazy(() => z.string().optional());

const RunSchema = lazy(() => z.strictObject({
  kind: z.literal('run'),
  mounts: z.array(MountSchema).optional(),
  network: z.enum(['default', 'none', 'host']).optional(),
  security: z.enum(['insecure', 'sandbox']).optional(),
  command: CommandSchema,
  execSource,
  heredocs: z.array(HeredocSchema).optional(),
}));
const CmdSchema = lazy(() => z.strictObject({ kind: z.literal('cmd'), command: CommandSchema, execSource }));
const EntrypointSchema = lazy(() => z.strictObject({ kind: z.literal('entrypoint'), command: CommandSchema, execSource }));
const ShellSchema = lazy(() => z.strictObject({ kind: z.literal('shell'), command: z.array(z.string()).min(1), execSource }));
/** A record whose keys must match `re` (checked per key, so the issue names the key). */
function keyed(re: RegExp, message: string, code: string) {
  return z.record(z.string(), lineText).superRefine((rec, ctx) => {
    for (const k of Object.keys(rec)) if (!re.test(k)) ctx.addIssue({ code: 'custom', message, path: [k], input: k, params: { code } });
  });
}
const LabelSchema = lazy(() => z.strictObject({ kind: z.literal('label'), labels: keyed(/^[^\r\n]+$/, 'expected a label key: non-empty, on one line', 'invalid-name') }));
const EXPOSE = /^(\d+(-\d+)?|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)(\/(tcp|udp|sctp))?$/i;
const ExposeSchema = lazy(() => z.strictObject({
  kind: z.literal('expose'),
  ports: z.array(fmt(EXPOSE, 'expected a port like "80", "80/udp" or "8000-8010/tcp"', 'invalid-port')).min(1),
}));
// no escape character of either kind: a name is written as it is, and must not end a line with one
const ENV_KEY = /^[^\s="'\\$`]+$/;
const envKey = lazy(() => fmt(ENV_KEY, 'expected a name without spaces, quotes, "=", "$", "\\" or "`"', 'invalid-name'));
const EnvSchema = lazy(() => z.strictObject({
  kind: z.literal('env'),
  vars: keyed(ENV_KEY, 'expected a name without spaces, quotes, "=", "$", "\\" or "`"', 'invalid-name'),
  /** `ENV KEY value` (the legacy form, one pair) as read from an existing file. */
  legacy: z.literal(true).optional(),
}));
const fileFlags = lazyObject(() => ({
  chown: nonEmptyLine.optional(),
  chmod: nonEmptyLine.optional(),
  link: z.boolean().optional(),
}));
const AddSchema = lazy(() => z.strictObject({
  kind: z.literal('add'),
  ...fileFlags,
  keepGitDir: z.boolean().optional(),
  checksum: nonEmptyLine.optional(),
  exclude: z.array(nonEmptyLine).optional(),
  sources: z.array(nonEmptyLine).min(1),
  dest: nonEmptyLine,
  /**
   * The form as read from a file, where it differs from the canonical one: `true` writes the JSON form
   * (`COPY ["a", "b"]`) although no path needs it; `false` keeps the shell form although a path holds
   * a quote. Builders never set it.
   */
  json: z.boolean().optional(),
  heredocs: z.array(HeredocSchema).optional(),
}));
const CopySchema = lazy(() => z.strictObject({
  kind: z.literal('copy'),
  from: nonEmptyLine.optional(),
  ...fileFlags,
  parents: z.boolean().optional(),
  exclude: z.array(nonEmptyLine).optional(),
  sources: z.array(nonEmptyLine).min(1),
  dest: nonEmptyLine,
  /**
   * The form as read from a file, where it differs from the canonical one: `true` writes the JSON form
   * (`COPY ["a", "b"]`) although no path needs it; `false` keeps the shell form although a path holds
   * a quote. Builders never set it.
   */
  json: z.boolean().optional(),
  heredocs: z.array(HeredocSchema).optional(),
}));
const VolumeSchema = lazy(() => z.strictObject({ kind: z.literal('volume'), paths: z.array(nonEmptyLine).min(1), json: z.boolean().optional() }));
const UserSchema = lazy(() => z.strictObject({ kind: z.literal('user'), user: nonEmptyLine }));
const WorkdirSchema = lazy(() => z.strictObject({ kind: z.literal('workdir'), path: nonEmptyLine }));
const ArgSchema = lazy(() => z.strictObject({
  kind: z.literal('arg'),
  args: z.array(z.strictObject({ name: envKey, default: lineText.optional() })).min(1),
}));
const StopsignalSchema = lazy(() => z.strictObject({ kind: z.literal('stopsignal'), signal: fmt(/^(SIG[A-Z0-9+-]+|[A-Z0-9+-]+|\d+|\$\{?\w+\}?)$/, 'expected a signal like SIGTERM or 15', 'invalid-format') }));
const HealthcheckSchema = lazy(() => z.strictObject({
  kind: z.literal('healthcheck'),
  interval: duration.optional(),
  timeout: duration.optional(),
  startPeriod: duration.optional(),
  startInterval: duration.optional(),
  retries: z.number().int().min(0).optional(),
  /** The check command; `null` writes `HEALTHCHECK NONE` (turns off the base image's check). */
  command: z.union([CommandSchema, z.null()]),
  execSource,
}));
const MaintainerSchema = lazy(() => z.strictObject({ kind: z.literal('maintainer'), name: nonEmptyLine }));

/** An instruction that may follow `ONBUILD` (all but FROM, ONBUILD and MAINTAINER). */
export const OnbuildTriggerSchema = lazy(() => z.discriminatedUnion('kind', [
  RunSchema, CmdSchema, EntrypointSchema, ShellSchema, LabelSchema, ExposeSchema, EnvSchema, AddSchema, CopySchema,
  VolumeSchema, UserSchema, WorkdirSchema, ArgSchema, StopsignalSchema, HealthcheckSchema,
]));
const OnbuildSchema = lazy(() => z.strictObject({ kind: z.literal('onbuild'), instruction: OnbuildTriggerSchema }));
const CommentSchema = lazy(() => z.strictObject({ kind: z.literal('comment'), text: lineText }));
const BlankSchema = lazy(() => z.strictObject({ kind: z.literal('blank') }));
/** Text kept as written: an instruction the model does not understand yet (`$raw`, or read by the parser). */
const RawSchema = lazy(() => z.strictObject({ kind: z.literal('raw'), text: z.string().min(1) }));

/**
 * One line (or logical line) of a stage: an instruction, a comment, a blank line or raw text.
 * @example
 * ```ts
 * const i: Instruction = { kind: 'copy', from: 'builder', sources: ['/app/.venv'], dest: '/app/.venv' };
 * // COPY --from=builder /app/.venv /app/.venv
 * ```
 */
export const InstructionSchema = lazy(() => z.discriminatedUnion('kind', [
  RunSchema, CmdSchema, EntrypointSchema, ShellSchema, LabelSchema, ExposeSchema, EnvSchema, AddSchema, CopySchema,
  VolumeSchema, UserSchema, WorkdirSchema, ArgSchema, StopsignalSchema, HealthcheckSchema, MaintainerSchema,
  OnbuildSchema, CommentSchema, BlankSchema, RawSchema,
]));
/** One item of a stage. @example `const i: Instruction = { kind: 'user', user: 'app' }` → `USER app` */
export type Instruction = z.infer<typeof InstructionSchema>;
/** The instruction kinds. @example `const k: InstructionKind = 'healthcheck'` */
export type InstructionKind = Instruction['kind'];
/** The instruction of a given kind. @example `const w: InstructionOf<'workdir'> = { kind: 'workdir', path: '/app' }` → `WORKDIR /app` */
export type InstructionOf<K extends InstructionKind> = Extract<Instruction, { kind: K }>;
/** An instruction allowed after ONBUILD. @example `{ kind: 'onbuild', instruction: { kind: 'run', command: 'make' } }` → `ONBUILD RUN make` */
export type OnbuildTrigger = z.infer<typeof OnbuildTriggerSchema>;

/** What may stand before the first FROM: global ARGs, comments, blank lines. */
export const PreambleItemSchema = lazy(() => z.discriminatedUnion('kind', [ArgSchema, CommentSchema, BlankSchema, RawSchema]));
/** An item before the first FROM. @example `const p: PreambleItem = { kind: 'arg', args: [{ name: 'PY', default: '3.13' }] }` → `ARG PY=3.13` */
export type PreambleItem = z.infer<typeof PreambleItemSchema>;

/**
 * One build stage: `FROM [--platform=…] <base> [AS <name>]` and its instructions.
 * @example
 * ```ts
 * const s: Stage = { comments: ['Stage 1: Builder'], from: 'python:3.13-slim', name: 'builder', instructions: [{ kind: 'workdir', path: '/app' }] };
 * // # Stage 1: Builder
 * // FROM python:3.13-slim AS builder
 * // WORKDIR /app
 * ```
 */
export const StageSchema = lazy(() => z.strictObject({
  /** Comment lines written just above the FROM line (without `# `). */
  comments: z.array(lineText).optional(),
  platform: nonEmptyLine.optional(),
  /** An image reference (`python:3.13-slim`, `scratch`) or the name of an earlier stage. */
  from: fmt(/^\S+$/, 'expected an image or stage name without spaces'),
  name: fmt(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'expected a stage name: a letter, then letters, digits, "_", "." or "-"', 'invalid-stage-name').optional(),
  /** The spelling of the `AS` keyword as read from a file (`as`); canonical output writes `AS`. */
  asKeyword: z.string().regex(/^as$/i).optional(),
  instructions: z.array(InstructionSchema),
}));
/** One build stage. @example `const s: Stage = { from: 'alpine:3.20', instructions: [] }` → `FROM alpine:3.20` */
export type Stage = z.infer<typeof StageSchema>;

/**
 * Parser directives, written first: `# syntax=…`, `# escape=…`, `# check=…`.
 * @example
 * ```ts
 * const d: Directives = { syntax: 'docker/dockerfile:1', check: 'error=true' };
 * // # syntax=docker/dockerfile:1
 * // # check=error=true
 * ```
 */
export const DirectivesSchema = lazy(() => z.strictObject({
  syntax: nonEmptyLine.optional(),
  escape: z.enum(['\\', '`']).optional(),
  check: nonEmptyLine.optional(),
}));
/** Parser directives. @example `const d: Directives = { escape: '`' }` → ``# escape=` `` */
export type Directives = z.infer<typeof DirectivesSchema>;

// ---------------------------------------------------------------------------------------------
// .dockerignore

// Docker trims the white space around a line, so a pattern cannot start or end with it.
const ignorePattern = lazy(() => fmt(/^\S$|^\S[^\r\n]*\S$/, 'expected a pattern on one line without leading or trailing white space (Docker trims it)', 'invalid-format', 'remove the white space; match a leading or trailing space with "?"'));

/** One line of a `.dockerignore`. @example `{ kind: 'exception', pattern: 'README.md' }` → `!README.md` */
export const DockerignoreEntrySchema = lazy(() => z.discriminatedUnion('kind', [
  /** A pattern whose matches leave the build context (a leading `#` or `!` is written escaped: a literal). */
  z.strictObject({ kind: z.literal('ignore'), pattern: ignorePattern }),
  /** `!pattern`: an exception that puts matches back. */
  z.strictObject({ kind: z.literal('exception'), pattern: ignorePattern }),
  z.strictObject({ kind: z.literal('comment'), text: lineText }),
  z.strictObject({ kind: z.literal('blank') }),
]));
/** One line of a `.dockerignore`. @example `const e: DockerignoreEntry = { kind: 'ignore', pattern: '.git' }` → `.git` */
export type DockerignoreEntry = z.infer<typeof DockerignoreEntrySchema>;

/**
 * A `.dockerignore` file: its lines in order.
 * @example
 * ```ts
 * const m: DockerignoreModel = { entries: [{ kind: 'comment', text: 'VCS' }, { kind: 'ignore', pattern: '.git' }] };
 * // # VCS
 * // .git
 * ```
 */
export const DockerignoreModelSchema = lazy(() => z.strictObject({
  entries: z.array(DockerignoreEntrySchema),
}));
/** A `.dockerignore` file. @example `synthDockerignore({ entries: [{ kind: 'ignore', pattern: 'node_modules' }] })` → `node_modules` */
export type DockerignoreModel = z.infer<typeof DockerignoreModelSchema>;

// ---------------------------------------------------------------------------------------------
// The file


/** A value the synthesizer could not write so that the file says what the model says. @example `{ path: ['dest'], value: '/x\\', message: 'expected a value that does not end with the escape character …', hint: 'remove the trailing \\', code: 'invalid-format' }` */
export interface MeaningProblem {
  readonly path: (string | number)[];
  readonly value: string;
  readonly message: string;
  readonly hint: string;
  /** The schema code's last part: `invalid-format`, or `invalid` for heredocs that do not match their markers. */
  readonly code: 'invalid-format' | 'invalid';
}

/**
 * What in an instruction cannot be written so that Dockerfile readers take back the same value: a
 * value written as is that ends with the escape character (escaped or not, before spaces or tabs:
 * BuildKit or older readers would join the next line to it), a line break where the instruction
 * holds one line, a shell-form command whose line breaks are not continuations, and heredoc markers
 * (`<<EOF`) in a RUN/COPY/ADD line without heredoc bodies. ENV/LABEL/ARG values, USER and WORKDIR
 * are quoted by the synthesizer and exec-form lists are JSON, so they need no check here.
 *
 * @example
 * ```ts
 * meaningProblems({ kind: 'copy', sources: ['a\\'], dest: '/x' }, '\\')[0].path; // ['sources', 0]
 * ```
 */
export function meaningProblems(instruction: Instruction, escape: '\\' | '`'): MeaningProblem[] {
  const ins = instruction.kind === 'onbuild' ? instruction.instruction : instruction;
  const pre = instruction.kind === 'onbuild' ? ['instruction'] : [];
  const out: MeaningProblem[] = [];
  const add = (path: (string | number)[], value: string, message: string, hint: string, code: MeaningProblem['code'] = 'invalid-format'): void => {
    out.push({ path: [...pre, ...path], value, message, hint, code });
  };
  const raw = (value: string | undefined, path: (string | number)[]): void => {
    if (value === undefined) return;
    if (LINE_BREAK.test(value)) add(path, value, 'expected a value on one line (a line break would start a new instruction)', 'remove the line break');
    else if (endsWithEscape(value, escape)) add(path, value, `expected a value that does not end with the escape character ${escape} (it would continue the line into the next instruction)`, `remove the trailing ${escape}`);
  };
  const shell = (c: Command | null | undefined, path: (string | number)[]): void => {
    if (typeof c !== 'string') return;
    const problem = shellProblem(c, escape);
    if (problem !== undefined) add(path, c, `expected a shell command whose line breaks are continuations; found ${problem}`, 'join the lines with && or ;, or write a multi-line script with runScript() (a heredoc)');
  };
  const heredocs = (line: string, list: readonly Heredoc[] | undefined, path: (string | number)[]): void => {
    const names = heredocNames(line);
    const delimiters = (list ?? []).map((h) => h.delimiter);
    if (names.join('\n') !== delimiters.join('\n')) {
      add(path, delimiters.join(' '), `expected heredocs matching the markers ${names.length > 0 ? names.map((m) => `<<${m}`).join(' ') : '(none)'} in order (BuildKit reads the lines after a <<WORD marker as its body)`, 'name each heredoc in the command or sources (RUN <<EOF, COPY <<file.txt /dest/), or use runScript()/copyContent(); quote << when it is not a heredoc', 'invalid');
    }
  };
  switch (ins.kind) {
    case 'copy': case 'add': {
      ins.sources.forEach((p, i) => raw(p, ['sources', i]));
      raw(ins.dest, ['dest']);
      const all = [...ins.sources, ins.dest];
      // BuildKit reads heredocs only in the shell form (the form synth writes: see pathsNeedJson)
      if (ins.json === true || (ins.json !== false && pathsNeedJson(all))) {
        if (ins.heredocs && ins.heredocs.length > 0) add(['heredocs'], '', 'expected no heredocs in a COPY/ADD written in the JSON form (BuildKit reads heredocs only in the shell form)', 'keep heredoc sources and paths free of spaces and quotes', 'invalid');
      } else heredocs(all.join(' '), ins.heredocs, ['heredocs']);
      break;
    }
    case 'volume': ins.paths.forEach((p, i) => raw(p, ['paths', i])); break;
    case 'expose': ins.ports.forEach((p, i) => raw(p, ['ports', i])); break;
    case 'stopsignal': raw(ins.signal, ['signal']); break;
    case 'maintainer': raw(ins.name, ['name']); break;
    case 'run':
      shell(ins.command, ['command']);
      if (typeof ins.command === 'string' && shellProblem(ins.command, escape) === undefined) heredocs(joinContinuations(ins.command, escape), ins.heredocs, ['heredocs']);
      else if (ins.heredocs && ins.heredocs.length > 0) add(['heredocs'], '', 'expected no heredocs with an exec-form command (BuildKit reads heredocs only in the shell form)', 'write the command as a string: RUN <<EOF', 'invalid');
      break;
    case 'cmd': case 'entrypoint': case 'healthcheck': shell(ins.command, ['command']); break;
    default: break;
  }
  return out;
}

/**
 * A whole Dockerfile. Key order = output order (the `.dockerignore` is a separate file).
 * @example
 * ```ts
 * const m: DockerfileModel = { directives: { syntax: 'docker/dockerfile:1' }, stages: [{ from: 'alpine:3.20', instructions: [{ kind: 'user', user: 'nobody' }] }] };
 * synthDockerfile(m);
 * // # syntax=docker/dockerfile:1
 * // FROM alpine:3.20
 * // USER nobody
 * ```
 */
export const DockerfileModelSchema = lazy(() => z.strictObject({
  directives: DirectivesSchema.optional(),
  preamble: z.array(PreambleItemSchema).optional(),
  stages: z.array(StageSchema).min(1, { message: 'expected at least one stage (a FROM line)' }),
  /** The `.dockerignore` for this Dockerfile's build context, when the model carries one. */
  dockerignore: DockerignoreModelSchema.optional(),
}).superRefine((model, ctx) => {
  const esc = model.directives?.escape ?? '\\';
  model.stages.forEach((stage, s) => {
    stage.instructions.forEach((ins, i) => {
      for (const p of meaningProblems(ins, esc)) {
        ctx.addIssue({ code: 'custom', path: ['stages', s, 'instructions', i, ...p.path], input: p.value, message: p.message, params: { code: p.code, hint: p.hint } });
      }
    });
  });
}));
/** A whole Dockerfile. @example `DockerfileModelSchema.parse(json) satisfies DockerfileModel` */
export type DockerfileModel = z.infer<typeof DockerfileModelSchema>;
