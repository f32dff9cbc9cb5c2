/**
 * The one output layer of the CLI. Every command reports what it found to a {@link Reporter}, which
 * prints it in the mode the flags and the environment ask for:
 *
 * - `human` (default): problems, one line per file written, patches, a summary line;
 * - `quiet` (`--quiet`): only problems (errors, warnings, drift) and the summary line;
 * - `json` (`--json`): nothing but one JSON document on stdout ({@link JsonReport}, docs/cli.md);
 * - `github` (`GITHUB_ACTIONS=true`, with any of the above): problems also become workflow commands
 *   (`::error file=…,line=…,title=…::…`) that GitHub shows as annotations.
 *
 * Colour only when the stream is a terminal or `FORCE_COLOR` is set, never with `NO_COLOR`.
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { formatIssue, formatPath, type Issue } from '../core/issue.js';
import type { Drift, WriteReport } from '../app/write.js';
import { refineColumns } from './columns.js';

/** The version of the `--json` document's shape; a change that could break a reader bumps it. */
export const JSON_VERSION = 1;

/** Exit codes: 0 ok, 1 drift or content errors, 2 usage or config-load errors. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/**
 * The package's version, read from its package.json (the nearest one above this file named
 * `devstack-kit`).
 *
 * @example
 * ```ts
 * packageVersion(); // "0.1.0"
 * ```
 */
export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'devstack-kit' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here: look further up
    }
    if (dirname(dir) === dir) return '0.0.0-unknown';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether to colour a stream: never when `NO_COLOR` is set to anything but the empty string; always
 * when `FORCE_COLOR` is set (unless to `0` or `false`); otherwise only when the stream is a terminal
 * (and `TERM` is not `dumb`).
 *
 * @example
 * ```ts
 * useColor({ isTTY: false }, { FORCE_COLOR: '1' }); // true
 * useColor({ isTTY: true }, { NO_COLOR: '1' });     // false
 * ```
 */
export function useColor(stream: { readonly isTTY?: boolean }, env: Env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Removes ANSI escape sequences (colours) from text. */
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

/**
 * Escapes the message of a GitHub workflow command: `%`, `\r`, `\n` (as the runner expects).
 *
 * @example
 * ```ts
 * escapeData('50%\ndone'); // "50%25%0Adone"
 * ```
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Escapes a property value of a GitHub workflow command: as {@link escapeData}, and `:` and `,`.
 *
 * @example
 * ```ts
 * escapeProperty('a: b, c'); // "a%3A b%2C c"
 * ```
 */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One GitHub workflow command line, `::<command> key=value,…::<message>`, with every value escaped.
 * Properties that are `undefined` are left out.
 *
 * @example
 * ```ts
 * workflowCommand('error', { file: 'compose.yaml', line: 4, title: 'compose/schema/invalid-duration' }, 'expected a duration');
 * // "::error file=compose.yaml,line=4,title=compose/schema/invalid-duration::expected a duration"
 * ```
 */
export function workflowCommand(command: 'error' | 'warning' | 'notice', properties: Readonly<Record<string, string | number | undefined>>, message: string): string {
  const props = Object.entries(properties)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

/** How a {@link Reporter} prints. */
export interface OutputOptions {
  readonly mode: 'human' | 'quiet' | 'json';
  /** Also print problems as GitHub workflow commands (on stderr, so stdout stays a patch or JSON). */
  readonly github: boolean;
  readonly color: { readonly stdout: boolean; readonly stderr: boolean };
  /** Folder annotation paths are relative to (GitHub's workspace); default: the current folder. */
  readonly workspace: string;
}

/**
 * The output options the flags and the environment ask for.
 *
 * @example
 * ```ts
 * outputOptions({ json: true }); // { mode: 'json', github: false, color: { stdout: false, … }, … } outside GitHub Actions
 * ```
 */
export function outputOptions(flags: { readonly json?: boolean; readonly quiet?: boolean }, env: Env = process.env): OutputOptions {
  return {
    mode: flags.json === true ? 'json' : flags.quiet === true ? 'quiet' : 'human',
    github: env.GITHUB_ACTIONS === 'true',
    color: { stdout: useColor(process.stdout, env), stderr: useColor(process.stderr, env) },
    workspace: env.GITHUB_WORKSPACE !== undefined && env.GITHUB_WORKSPACE !== '' ? env.GITHUB_WORKSPACE : process.cwd(),
  };
}

/** What a JSON issue looks like: an {@link Issue}, with `file` relative to the config's folder. */
export type JsonIssue = Issue;

/**
 * The document `--json` prints: one per run, on stdout. Documented field by field in docs/cli.md;
 * `version` is {@link JSON_VERSION}.
 */
export interface JsonReport {
  readonly version: typeof JSON_VERSION;
  /** The devstack-kit version that printed it. */
  readonly devstack: string;
  /** `synth`, `synth --check`, `check`, `diff`, `graph`, `import`, `init` or `eject` (with `--dry-run` when given). */
  readonly command: string;
  /** True when the exit code is 0. */
  readonly ok: boolean;
  readonly exitCode: number;
  /** The summary line the human output ends with (without colour). */
  readonly summary: string;
  /** Every issue found, all severities, in the order found. */
  readonly issues: readonly JsonIssue[];
  /** What synth would change (`synth --check`, `diff`); `null` for the commands that do not compare. */
  readonly drift: readonly Drift[] | null;
  /** What synth wrote (`synth`); `null` for the others, and when nothing was written. */
  readonly files: { readonly created: readonly string[]; readonly updated: readonly string[]; readonly deleted: readonly string[]; readonly unchanged: readonly string[] } | null;
  /** Why the command could not run (config not found or not loadable, a usage mistake, an unexpected error); `null` otherwise. */
  readonly error: { readonly message: string; readonly hint?: string } | null;
  /** What `import`, `init` and `eject` did, one entry per file (see {@link Action}); absent for the other commands. */
  readonly actions?: readonly Action[];
}

/**
 * One thing `devstack import`, `init` or `eject` did (or, with `--dry-run`, would do) to a file.
 *
 * @example
 * ```ts
 * const a: Action = { action: 'took over', path: 'Dockerfile', detail: 'gains the marker; content unchanged' };
 * ```
 */
export interface Action {
  /** `created`, `updated`, `imported`, `took over`, `unmarked`, `deleted`, `unchanged`, `left alone`… */
  readonly action: string;
  readonly path: string;
  readonly detail?: string;
}

/**
 * Collects what a command finds and prints it in the chosen mode. Commands never print directly.
 *
 * @example
 * ```ts
 * const r = new Reporter('check', outputOptions(args));
 * r.issues(app.validate());
 * r.summary('✔ 5 files, 0 errors, 0 warnings', true);
 * r.finish(0);
 * ```
 */
export class Reporter {
  private readonly found: Issue[] = [];
  private driftFound: Drift[] | null = null;
  private written: JsonReport['files'] = null;
  private summaryLine = '';
  private failure: JsonReport['error'] = null;
  private done: Action[] | null = null;
  private dir: string | undefined;
  /** Colours for stdout and stderr (no-ops when colour is off). */
  readonly c: { readonly out: ReturnType<typeof pc.createColors>; readonly err: ReturnType<typeof pc.createColors> };

  /**
   * @param command The command's name as the user typed it (`synth --check`).
   * @param patchOnStdout True for commands whose stdout is a patch (`diff`, `synth --check`): every message goes to stderr.
   */
  constructor(
    readonly command: string,
    readonly options: OutputOptions,
    private readonly patchOnStdout = false,
  ) {
    this.c = { out: pc.createColors(options.color.stdout), err: pc.createColors(options.color.stderr) };
  }

  /** Writes a line to stdout (colour removed when stdout gets none). Nothing in JSON mode. */
  out(line = ''): void {
    if (this.options.mode === 'json') return;
    process.stdout.write(`${this.options.color.stdout ? line : stripAnsi(line)}\n`);
  }

  /** Writes a line to stderr (colour removed when stderr gets none). Nothing in JSON mode. */
  err(line = ''): void {
    if (this.options.mode === 'json') return;
    process.stderr.write(`${this.options.color.stderr ? line : stripAnsi(line)}\n`);
  }

  /** Writes a message line: to stdout, or to stderr when stdout carries a patch. */
  private say(line: string): void {
    if (this.patchOnStdout) this.err(line);
    else this.out(line);
  }

  /** The folder issue and drift paths are relative to (the config's), for annotation paths. */
  setDir(dir: string): void {
    this.dir = dir;
  }

  /** A path relative to the output folder, relative to the workspace instead (for GitHub annotations). */
  private annotationPath(file: string): string {
    if (this.dir === undefined) return file;
    const rel = relative(resolve(this.options.workspace), join(this.dir, file));
    const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
    return (inside ? rel : join(this.dir, file)).split(sep).join('/');
  }

  private annotate(command: 'error' | 'warning' | 'notice', file: string | undefined, line: number | undefined, title: string, message: string, col?: number): void {
    const text = workflowCommand(command, { file: file === undefined || file === '' ? undefined : this.annotationPath(file), line, col, title }, message);
    process.stderr.write(`${text}\n`);
  }

  /** An absolute source path relative to `base`, with `/` separators (as is when outside it). */
  private static relativeTo(base: string, file: string): string {
    const rel = relative(resolve(base), file);
    return (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file).split(sep).join('/');
  }

  /** The issue with its `source` file relative to `base` (the current folder, or the config's for JSON). */
  private static sourceRelative(issue: Issue, base: string | undefined): Issue {
    if (issue.source === undefined || base === undefined || !isAbsolute(issue.source.file)) return issue;
    return { ...issue, source: { ...issue.source, file: Reporter.relativeTo(base, issue.source.file) } };
  }

  /**
   * Reports issues. Errors and warnings print in every mode but JSON; `info` ones only in human mode
   * and only with `showInfo` (lint notes stay quiet; notes about files, like line endings git explains, do not).
   */
  issues(found: readonly Issue[], showInfo = false): void {
    const list = refineColumns(found);
    this.found.push(...list);
    for (const issue of list) {
      const shown = issue.severity !== 'info' || (showInfo && this.options.mode === 'human');
      if (!shown) continue;
      if (this.options.github) {
        const command = issue.severity === 'error' ? 'error' : issue.severity === 'warning' ? 'warning' : 'notice';
        const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
        const fix = issue.hint ? `\nfix: ${issue.hint}` : '';
        if (issue.source !== undefined && issue.line === undefined) {
          // the annotation goes on the config's line that wrote the value; the generated file leads the message
          const file = Reporter.relativeTo(this.options.workspace, resolve(issue.source.file));
          const generated = issue.file === undefined ? where : `${issue.file}${where === '' ? ': ' : ` → ${where}`}`;
          process.stderr.write(`${workflowCommand(command, { file, line: issue.source.line, col: issue.source.column, title: issue.code }, `${generated}${issue.message}${fix}`)}\n`);
        } else this.annotate(command, issue.file, issue.line, issue.code, `${where}${issue.message}${fix}`);
        continue;
      }
      const text = formatIssue(Reporter.sourceRelative(issue, process.cwd()));
      this.err(issue.severity === 'error' ? this.c.err.red(text) : issue.severity === 'warning' ? this.c.err.yellow(text) : this.c.err.dim(text));
    }
  }

  /** Records issues for the JSON document only (the human output says the same in its own lines). */
  record(list: readonly Issue[]): void {
    this.found.push(...list);
  }

  /**
   * Reports drift: the patches on stdout (human mode), a line per file on stderr, and, when the drift
   * fails the command (`synth --check`), an error annotation per file under GitHub Actions.
   */
  drift(list: readonly Drift[], fails: boolean): void {
    this.driftFound = [...list];
    if (this.options.mode === 'human') for (const d of list) if (d.diff !== '') process.stdout.write(d.diff);
    for (const d of list) {
      const what = d.kind === 'missing' ? 'missing; synth creates it' : d.kind === 'stale' ? 'no longer produced by the config, but still on disk; synth deletes it' : 'differs from the config';
      if (this.options.github && fails) this.annotate('error', d.path, undefined, 'devstack drift', `${d.path}: ${what}${d.issue ? `\n${d.issue.message} [${d.issue.code}]` : ''}\nfix: ${d.issue?.hint ?? 'run npx devstack synth and commit the result'}`);
      else {
        this.err(`${this.c.err.red('✖')} ${d.path}: ${what}`);
        if (d.issue) this.err(this.c.err.red(`  ${formatIssue(d.issue).replace(/\n/g, '\n  ')}`));
      }
    }
  }

  /** Reports what synth wrote: a line per created, updated and deleted file (human mode only; unchanged files are counted, not listed). */
  wrote(report: WriteReport): void {
    this.written = { created: report.created, updated: report.updated, deleted: report.deleted, unchanged: report.unchanged };
    if (this.options.mode !== 'human') return;
    for (const p of report.created) this.out(`${this.c.out.green('created')} ${p}`);
    for (const p of report.updated) this.out(`${this.c.out.yellow('updated')} ${p}`);
    for (const p of report.deleted) this.out(`${this.c.out.red('deleted')} ${p}`);
  }

  /**
   * Reports what `import`/`init`/`eject` did to a file: a line on stdout (human mode; in quiet mode only
   * files left alone, which may need a person), and an entry of `actions` in the JSON document.
   */
  did(action: Action): void {
    (this.done ??= []).push(action);
    if (this.options.mode === 'human' || (this.options.mode === 'quiet' && action.action === 'left alone')) {
      const colour = action.action === 'deleted' ? this.c.out.red : action.action === 'unchanged' ? this.c.out.dim : action.action === 'left alone' ? this.c.out.yellow : this.c.out.green;
      this.out(`${colour(action.action.padEnd(10))} ${action.path}${action.detail ? this.c.out.dim(`  (${action.detail})`) : ''}`);
    }
  }

  /** A block of text for a person to read (a snippet to paste, a patch), on stdout in human mode only. */
  text(block: string): void {
    if (this.options.mode === 'human') process.stdout.write(block.endsWith('\n') ? block : `${block}\n`);
  }

  /** A hint line (human mode only). */
  hint(line: string): void {
    if (this.options.mode === 'human') this.err(line);
  }

  /** The one summary line: on stdout, or stderr when the command failed or stdout carries a patch. */
  summary(line: string, ok: boolean): void {
    this.summaryLine = stripAnsi(line);
    if (ok) this.say(line);
    else this.err(line);
  }

  /** Reports why the command could not run (exit code 2), with a `fix:` line. */
  fail(message: string, hint?: string, stack?: string): void {
    this.failure = hint === undefined ? { message } : { message, hint };
    this.summaryLine = `✖ ${message}`;
    if (this.options.github) this.annotate('error', undefined, undefined, 'devstack', `${message}${hint ? `\nfix: ${hint}` : ''}`);
    else {
      this.err(this.c.err.red(`✖ ${message}`));
      if (hint) this.err(`  fix: ${hint}`);
    }
    if (stack) this.err(stack);
  }

  /** The JSON document for this run. */
  report(exitCode: number): JsonReport {
    return {
      version: JSON_VERSION,
      devstack: packageVersion(),
      command: this.command,
      ok: exitCode === 0,
      exitCode,
      summary: this.summaryLine,
      issues: this.found.map((i) => Reporter.sourceRelative(i, this.dir)),
      drift: this.driftFound,
      files: this.written,
      error: this.failure,
      ...(this.done === null ? {} : { actions: this.done }),
    };
  }

  /** Ends the run: prints the JSON document in JSON mode. Returns the exit code. */
  finish(exitCode: number): number {
    if (this.options.mode === 'json') process.stdout.write(`${JSON.stringify(this.report(exitCode), null, 2)}\n`);
    return exitCode;
  }
}

/** Prints citty's usage text to stdout, without colour unless stdout gets colour. */
export function printUsage(text: string, env: Env = process.env): void {
  process.stdout.write(`${useColor(process.stdout, env) ? text : stripAnsi(text)}\n\n`);
}

/** Prints a usage mistake found before any command ran (unknown command, bad flag) to stderr. */
export function printUsageError(message: string, rawArgs: readonly string[], env: Env = process.env): void {
  const r = new Reporter(rawArgs[0] ?? '', outputOptions({ json: rawArgs.includes('--json'), quiet: rawArgs.includes('--quiet') }, env));
  r.fail(stripAnsi(message), 'run `devstack --help` for the commands');
  r.finish(EXIT.usage);
}
