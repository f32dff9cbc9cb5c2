/**
 * Errors. Content problems are {@link Issue}s collected and thrown once as a {@link SynthError};
 * misuse of the API throws a {@link UsageError} at once.
 * @module
 */
import { describeValue, errorsOf, formatIssue, type Issue } from './issue.js';

const SYNTH_ERROR = Symbol.for('devstack-kit.SynthError');
const USAGE_ERROR = Symbol.for('devstack-kit.UsageError');

/**
 * Thrown by `App.synth()` when any file has an error-severity issue. Lists every problem at once.
 *
 * @example
 * ```ts
 * try { app.synth(); } catch (e) {
 *   if (SynthError.isSynthError(e)) console.error(e.message);
 *   // 2 problems stop synth:
 *   // ✖ compose.yaml → services.api.depends_on.cache: "cache" is not a service in this file [compose/unknown-service]
 *   // ✖ compose.yaml → services.api.healthcheck.interval: expected a duration like "10s", received 10 [compose/schema/invalid-duration]
 * }
 * ```
 */
export class SynthError extends Error {
  /** Every issue found (warnings included); the message lists the errors. */
  readonly issues: readonly Issue[];
  readonly [SYNTH_ERROR] = true;

  constructor(issues: readonly Issue[]) {
    const errors = errorsOf(issues);
    super(
      `${errors.length} problem${errors.length === 1 ? '' : 's'} stop${errors.length === 1 ? 's' : ''} synth:\n` +
        errors.map(formatIssue).join('\n'),
    );
    this.name = 'SynthError';
    this.issues = issues;
  }

  /** True for a `SynthError` from any copy of devstack-kit. */
  static isSynthError(value: unknown): value is SynthError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SYNTH_ERROR] === true;
  }
}

/**
 * Thrown at once when the API is misused (an empty name, a duplicate file path, a value of the
 * wrong kind passed from untyped code). Carries a code like any issue.
 *
 * @example
 * ```ts
 * app.file('Dockerfile', a); app.file('Dockerfile', b);
 * // UsageError: app/duplicate-path: two files are placed at "Dockerfile"
 * ```
 */
export class UsageError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly [USAGE_ERROR] = true;

  constructor(code: string, message: string, hint?: string) {
    super(`${code}: ${message}${hint ? `\n  fix: ${hint}` : ''}`);
    this.name = 'UsageError';
    this.code = code;
    this.hint = hint;
  }

  /** True for a `UsageError` from any copy of devstack-kit. */
  static isUsageError(value: unknown): value is UsageError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[USAGE_ERROR] === true;
  }
}

/**
 * Throws `core/invalid-argument` unless `value` is a string: the one programmer error a `parse`
 * reports by throwing (content problems in the text are issues, never thrown).
 *
 * @example
 * ```ts
 * requireText(5 as never, 'Compose.parse');
 * // UsageError: core/invalid-argument: Compose.parse expects the file's text as a string, received 5
 * ```
 * @internal
 */
export function requireText(value: unknown, where: string): asserts value is string {
  if (typeof value !== 'string') throw new UsageError('core/invalid-argument', `${where} expects the file's text as a string, received ${describeValue(value)}`, 'pass the text, e.g. readFileSync(path, "utf8")');
}
