/**
 * What the CLI commands share: common flags, loading, printing, exit codes.
 * @module
 */
import type { ArgsDef } from 'citty';
import { SynthError, UsageError } from '../../core/errors.js';
import type { Issue } from '../../core/issue.js';
import type { App, SynthResult } from '../../app/app.js';
import { ConfigError } from '../config-error.js';
import { EXIT, outputOptions, Reporter } from '../output.js';

export { EXIT };

/** Flags every command takes. */
export const commonArgs = {
  config: { type: 'string', description: 'Path to the config file (default: devstack.config.ts here or in the nearest folder above)', valueHint: 'file' },
  verbose: { type: 'boolean', description: 'Print stack traces of unexpected errors', default: false },
  json: { type: 'boolean', description: 'Print one JSON document (issues, drift, files written) on stdout and nothing else; see docs/cli.md', default: false },
  quiet: { type: 'boolean', alias: 'q', description: 'Print only problems and a one-line summary', default: false },
} as const satisfies ArgsDef;

/** A usage mistake on the command line (exit code 2). */
export class CliUsageError extends Error {}

/** Rejects flags a command does not know (citty accepts anything). */
export function rejectUnknown(args: Record<string, unknown>, def: ArgsDef): void {
  const known = new Set<string>(['_', 'help', 'h']);
  for (const [name, d] of Object.entries(def)) {
    known.add(name);
    for (const a of [(d as { alias?: string | string[] }).alias ?? []].flat()) known.add(a);
    known.add(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    // citty gives a flag written `--dry-run` under its camel-case name too
    known.add(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
  }
  for (const key of Object.keys(args)) {
    if (!known.has(key)) throw new CliUsageError(`unknown option --${key}`);
  }
  const positional = (args._ as unknown[] | undefined) ?? [];
  if (positional.length > 0) throw new CliUsageError(`unexpected argument "${String(positional[0])}"`);
}

/** Writes a line to stderr (for what happens before a command runs; commands use their {@link Reporter}). */
export const err = (line = ''): void => {
  process.stderr.write(`${line}\n`);
};

/** Writes a line to stdout, colour removed unless stdout gets colour (prefer a {@link Reporter}). */
export const out = (line = ''): void => {
  new Reporter('', outputOptions({})).out(line);
};

/** Prints issues to stderr as the human output does (prefer {@link Reporter.issues}). */
export function printIssues(issues: readonly Issue[]): void {
  new Reporter('', outputOptions({})).issues(issues);
}

/** A reporter for a command, in the mode its flags and the environment ask for. */
export function reporter(command: string, args: { json?: boolean; quiet?: boolean }, patchOnStdout = false): Reporter {
  return new Reporter(command, outputOptions(args), patchOnStdout);
}

/** Loads the config from the flags; `config` is the file loaded (never written or deleted by synth). */
export async function load(args: { config?: string | undefined }): Promise<{ app: App; dir: string; config: string }> {
  // loaded here, not at the top: `devstack --help` loads the command modules, never the library
  const { findConfig, loadApp } = await import('../load.js');
  const config = findConfig(process.cwd(), args.config);
  return { ...(await loadApp(config)), config };
}

/** Synthesizes; content errors propagate as SynthError. */
export function synthOf(app: App): SynthResult {
  return app.synth();
}

/**
 * Runs a command body and turns what it throws into the documented exit codes and messages
 * (no stack trace unless --verbose), reported through `r`; ends the run (the JSON document).
 */
export async function guard(r: Reporter | boolean, verbose: boolean | (() => Promise<number>), body?: () => Promise<number>): Promise<number> {
  // guard(verbose, body): the form commands used before the Reporter, printing as `human`
  if (typeof r === 'boolean') return guard(new Reporter('', outputOptions({})), r, verbose as () => Promise<number>);
  return r.finish(await guarded(r, verbose as boolean, body as () => Promise<number>));
}

async function guarded(r: Reporter, verbose: boolean, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (SynthError.isSynthError(e)) {
      r.issues(e.issues);
      const n = e.issues.filter((i) => i.severity === 'error').length;
      r.summary(r.c.err.red(`✖ ${n} problem${n === 1 ? '' : 's'}; nothing was written`), false);
      return EXIT.problems;
    }
    const { WriteError } = await import('../../app/write.js');
    if (e instanceof WriteError) {
      r.issues(e.issues);
      r.summary(r.c.err.red(`✖ ${e.issues.length} file${e.issues.length === 1 ? '' : 's'} in the way; nothing was written`), false);
      return EXIT.problems;
    }
    if (e instanceof ConfigError) {
      const cause = (e.cause as { stack?: unknown } | null | undefined)?.stack;
      const trace = verbose && e.stack ? (typeof cause === 'string' ? `${e.stack}\ncaused by: ${cause}` : e.stack) : undefined;
      r.fail(e.message, e.hint, trace);
      return EXIT.usage;
    }
    if (UsageError.isUsageError(e) || e instanceof CliUsageError) {
      r.fail(e.message, undefined, verbose ? e.stack : undefined);
      return EXIT.usage;
    }
    const error = e as Error;
    r.fail(`unexpected error: ${error?.message ?? String(e)}`, verbose ? undefined : 'run with --verbose for the stack trace, and report it if it is a bug', verbose ? error?.stack : undefined);
    return EXIT.usage;
  }
}
