/**
 * What the CLI commands share: common flags, loading, printing, exit codes.
 * @module
 */
import pc from 'picocolors';
import type { ArgsDef } from 'citty';
import { SynthError, UsageError } from '../../core/errors.js';
import { formatIssue, type Issue } from '../../core/issue.js';
import { WriteError } from '../../app/write.js';
import { ConfigError, findConfig, loadApp } from '../load.js';
import type { App, SynthResult } from '../../app/app.js';

/** Exit codes: 0 ok, 1 drift or content errors, 2 usage or config-load errors. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Flags every command takes. */
export const commonArgs = {
  config: { type: 'string', description: 'Path to the config file (default: devstack.config.ts here or in the nearest folder above)', valueHint: 'file' },
  verbose: { type: 'boolean', description: 'Print stack traces of unexpected errors', default: false },
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
  }
  for (const key of Object.keys(args)) {
    if (!known.has(key)) throw new CliUsageError(`unknown option --${key}`);
  }
  const positional = (args._ as unknown[] | undefined) ?? [];
  if (positional.length > 0) throw new CliUsageError(`unexpected argument "${String(positional[0])}"`);
}

/** Writes a line to stdout. */
export const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
/** Writes a line to stderr. */
export const err = (line = ''): void => {
  process.stderr.write(`${line}\n`);
};

/** Prints issues, colored by severity, to stderr. */
export function printIssues(issues: readonly Issue[]): void {
  for (const issue of issues) {
    const text = formatIssue(issue);
    err(issue.severity === 'error' ? pc.red(text) : issue.severity === 'warning' ? pc.yellow(text) : pc.dim(text));
  }
}

/** Loads the config from the flags. */
export async function load(args: { config?: string | undefined }): Promise<{ app: App; dir: string }> {
  return loadApp(findConfig(process.cwd(), args.config));
}

/** Synthesizes; content errors propagate as SynthError. */
export function synthOf(app: App): SynthResult {
  return app.synth();
}

/**
 * Runs a command body and turns what it throws into the documented exit codes and messages
 * (no stack trace unless --verbose).
 */
export async function guard(verbose: boolean, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (SynthError.isSynthError(e)) {
      printIssues(e.issues.filter((i) => i.severity !== 'info'));
      const n = e.issues.filter((i) => i.severity === 'error').length;
      err(pc.red(`✖ ${n} problem${n === 1 ? '' : 's'}; nothing was written`));
      return EXIT.problems;
    }
    if (e instanceof WriteError) {
      printIssues(e.issues);
      err(pc.red('✖ nothing was written'));
      return EXIT.problems;
    }
    if (e instanceof ConfigError) {
      err(pc.red(`✖ ${e.message}`));
      if (e.hint) err(`  fix: ${e.hint}`);
      const cause = (e.cause as { stack?: unknown } | null | undefined)?.stack;
      if (verbose && e.stack) err(e.stack);
      if (verbose && typeof cause === 'string') err(`caused by: ${cause}`);
      return EXIT.usage;
    }
    if (UsageError.isUsageError(e) || e instanceof CliUsageError) {
      err(pc.red(`✖ ${e.message}`));
      if (verbose && e.stack) err(e.stack);
      return EXIT.usage;
    }
    const error = e as Error;
    err(pc.red(`✖ unexpected error: ${error?.message ?? String(e)}`));
    if (verbose && error?.stack) err(error.stack);
    else err('  run with --verbose for the stack trace, and report it if it is a bug');
    return EXIT.usage;
  }
}
