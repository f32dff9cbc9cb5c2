/**
 * Issues: the one shape every problem devstack-kit finds takes, whether it came from a schema,
 * a lint rule, a parser or the App.
 * @module
 */
import type { SourceLocation } from './source.js';

/** How bad an {@link Issue} is. `error` stops `synth`; `warning` and `info` are reported only. */
export type Severity = 'error' | 'warning' | 'info';

/** A path into a model, as keys and array indexes: `['services', 'api', 'healthcheck', 'interval']`. */
export type IssuePath = readonly (string | number)[];

/**
 * One problem found in a file's content.
 *
 * @example
 * ```ts
 * const issue: Issue = {
 *   code: 'compose/schema/invalid-duration',
 *   severity: 'error',
 *   message: 'expected a duration like "10s", received 10',
 *   file: 'compose.yaml',
 *   path: ['services', 'api', 'healthcheck', 'interval'],
 *   hint: 'write the interval as a string with a unit: "10s"',
 * };
 * formatIssue(issue);
 * // ✖ compose.yaml → services.api.healthcheck.interval: expected a duration like "10s", received 10 [compose/schema/invalid-duration]
 * //   fix: write the interval as a string with a unit: "10s"
 * ```
 */
export interface Issue {
  /** A documented code, `<domain>/<kebab-name>`; every code is listed in docs/rules.md. */
  readonly code: string;
  readonly severity: Severity;
  /** What was expected and what was received. */
  readonly message: string;
  /** The generated file's path (relative to the output folder), when known. */
  readonly file?: string;
  /** Where in the file's model. Empty for the whole file. */
  readonly path: IssuePath;
  /** How to fix it. */
  readonly hint?: string;
  /** 1-based line in the source text, for issues found while parsing. */
  readonly line?: number;
  /**
   * Where in the config the value was written: the builder call's file (absolute; the CLI prints it
   * relative), line and column. Set by `App.validate()` for models built by builders.
   */
  readonly source?: SourceLocation;
}

const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/**
 * Renders a path the way a user would write it: `services.api.ports[0]`.
 *
 * @example
 * ```ts
 * formatPath(['services', 'api', 'ports', 0]); // "services.api.ports[0]"
 * formatPath(['jobs', 'build.x']);            // 'jobs["build.x"]'
 * ```
 */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/**
 * Formats one issue as a line (and a `fix:` line when it has a hint).
 *
 * @example
 * ```ts
 * formatIssue({ code: 'docker/root-user', severity: 'warning', message: 'the final stage runs as root', file: 'Dockerfile', path: ['stages', 1] });
 * // ⚠ Dockerfile → stages[1]: the final stage runs as root [docker/root-user]
 * formatIssue({ code: 'compose/latest-tag', severity: 'warning', message: 'image "postgres:latest" uses the latest tag', file: 'compose.yaml', path: ['services', 'db', 'image'], source: { file: 'devstack.config.ts', line: 12, column: 6 } });
 * // ⚠ compose.yaml → services.db.image (devstack.config.ts:12:6): image "postgres:latest" uses the latest tag [compose/latest-tag]
 * ```
 */
export function formatIssue(issue: Issue): string {
  const where = [issue.file, issue.path.length > 0 ? formatPath(issue.path) : undefined]
    .filter((x): x is string => x !== undefined && x !== '')
    .join(' → ');
  const line = issue.line !== undefined ? ` (line ${issue.line})` : issue.source !== undefined ? ` (${formatSource(issue.source)})` : '';
  const head = `${SYMBOL[issue.severity]} ${where}${line}${where || line ? ': ' : ''}${issue.message} [${issue.code}]`;
  return issue.hint ? `${head}\n  fix: ${issue.hint}` : head;
}

/**
 * A source location as terminals and editors make clickable: `file:line:column`.
 *
 * @example
 * ```ts
 * formatSource({ file: 'devstack.config.ts', line: 12, column: 5 }); // "devstack.config.ts:12:5"
 * ```
 */
export function formatSource(source: SourceLocation): string {
  return `${source.file}:${source.line}:${source.column}`;
}

/** Issues of `error` severity. */
export function errorsOf(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.severity === 'error');
}

/** Returns a copy of each issue with `file` set (issues found before a model was placed in a file). */
export function inFile(issues: readonly Issue[], file: string): Issue[] {
  return issues.map((i) => (i.file === undefined ? { ...i, file } : i));
}

/** Describes a received value briefly for an issue message: `10`, `"abc"`, `an object`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}
