/**
 * The rule framework: documented codes, configurable severities, and suppressions that need a reason.
 * Rules take models, never builders.
 * @module
 */
import type { IssueCode } from './codes.js';
import { formatPath, type Issue, type IssuePath, type Severity } from './issue.js';
import type { FileFacts } from './facts.js';

/**
 * A documented issue code. Every code any part of devstack-kit can report is declared once as a
 * `CodeInfo` and listed in docs/rules.md (a test keeps the two in step).
 *
 * @example
 * ```ts
 * const info: CodeInfo = {
 *   code: 'docker/root-user',
 *   severity: 'warning',
 *   summary: 'The final stage runs as root.',
 *   fix: 'Add `USER <name>` to the final stage.',
 * };
 * ```
 */
export interface CodeInfo {
  /** `<domain>/<kebab-name>` (a sub-part is allowed: `compose/schema/invalid-duration`). */
  readonly code: string;
  /** Default severity. */
  readonly severity: Severity;
  /** One sentence: what is wrong. */
  readonly summary: string;
  /** How to fix it. */
  readonly fix: string;
}

/** One thing a rule found; the framework turns it into an {@link Issue}. */
export interface Finding {
  readonly path: IssuePath;
  readonly message: string;
  readonly hint?: string;
  /** Overrides the rule's default severity for this finding. */
  readonly severity?: Severity;
}

/** What a rule sees besides the model. */
export interface RuleContext {
  /** The file the model will be written to, when known. */
  readonly file?: string;
  /** Other files of the same App, by path, for cross-file checks (a compose watch path against a `.dockerignore`). */
  readonly siblings?: ReadonlyMap<string, { readonly kind: string; readonly model: unknown; /** Typed facts for other files' rules (see core/facts.ts). */ readonly facts?: FileFacts }>;
}

/**
 * A lint rule over a model `M`.
 *
 * @example
 * ```ts
 * const noLatest = defineRule<DockerfileModel>({
 *   code: 'docker/latest-tag', severity: 'warning',
 *   summary: 'A base image uses `latest` or no tag.', fix: 'Pin a version: `python:3.13-slim`.',
 *   *check(model) { ... yield { path: ['stages', 0, 'from'], message: 'image "python" has no tag' }; },
 * });
 * ```
 */
export interface Rule<M> extends CodeInfo {
  check(model: M, context: RuleContext): Iterable<Finding>;
}

/** Declares a rule (an identity function that checks the code's form). */
export function defineRule<M>(rule: Rule<M>): Rule<M> {
  assertCode(rule.code);
  return Object.freeze(rule);
}

/** Declares a list of codes that are not rules (schema and parser codes). */
export function defineCodes(codes: readonly CodeInfo[]): readonly CodeInfo[] {
  for (const c of codes) assertCode(c.code);
  return Object.freeze(codes.map((c) => Object.freeze({ ...c })));
}

const CODE_RE = /^[a-z][a-z0-9]*(\/[a-z0-9]+(-[a-z0-9]+)*)+$/;

/** Whether `code` has the form of an issue code: `<domain>/<kebab-name>`. @internal */
export function isCode(code: string): boolean {
  return CODE_RE.test(code);
}

function assertCode(code: string): void {
  if (!isCode(code)) throw new TypeError(`invalid issue code "${code}": expected <domain>/<kebab-name>`);
}

/** A severity, or `off` to disable a rule. */
export type RuleSeverity = Severity | 'off';

/**
 * Turns off a code at a place, with a reason (a suppression without a reason is itself an error).
 * The code is an {@link IssueCode}: a misspelled one does not compile.
 *
 * @example
 * ```ts
 * const s: Suppression = { code: 'docker/root-user', reason: 'the base image drops privileges in its entrypoint', file: 'Dockerfile' };
 * ```
 */
export interface Suppression {
  readonly code: IssueCode;
  /** Why this is fine here. Required and non-empty. */
  readonly reason: string;
  /** Only in this file (default: every file). */
  readonly file?: string;
  /** Only at this path or below it, written as `formatPath` writes it: `services.api` (default: the whole file). */
  readonly path?: string;
}

/**
 * How issues are reported: per-code severities and suppressions. Both take {@link IssueCode}s, so a
 * misspelled code is a compile error (and, from plain JavaScript, `core/unknown-code` at synth).
 *
 * @example
 * ```ts
 * const lint: LintConfig = {
 *   severity: { 'workflow/missing-timeout': 'off', 'docker/latest-tag': 'error' },
 *   suppress: [{ code: 'docker/root-user', reason: 'dev-only image', file: 'tools/Dockerfile' }],
 * };
 * const typo: LintConfig = { severity: { 'workflow/missing-timout': 'off' } }; // ✖ compile error
 * ```
 */
export interface LintConfig {
  readonly severity?: { readonly [C in IssueCode]?: RuleSeverity };
  readonly suppress?: readonly Suppression[];
}

/** Core codes: mistakes in the lint configuration itself. */
export const coreCodes = defineCodes([
  {
    code: 'core/suppression-without-reason',
    severity: 'error',
    summary: 'A suppression has no reason.',
    fix: 'Say why the suppressed problem is acceptable here: `{ code, reason: "…" }`.',
  },
  {
    code: 'core/unknown-code',
    severity: 'error',
    summary: 'The lint configuration names a code that does not exist.',
    fix: 'Use a code from docs/rules.md; check its spelling.',
  },
]);

/** Runs rules over a model and returns their issues (before severities and suppressions apply). */
export function runRules<M>(rules: readonly Rule<M>[], model: M, context: RuleContext): Issue[] {
  const issues: Issue[] = [];
  for (const rule of rules) {
    for (const f of rule.check(model, context)) {
      issues.push({
        code: rule.code,
        severity: f.severity ?? rule.severity,
        message: f.message,
        path: f.path,
        ...(context.file !== undefined ? { file: context.file } : {}),
        ...(f.hint !== undefined ? { hint: f.hint } : rule.fix ? { hint: rule.fix } : {}),
      });
    }
  }
  return issues;
}

/**
 * Applies a {@link LintConfig} to issues: changes severities, drops `off` codes and suppressed
 * issues, and reports mistakes in the configuration itself (unknown codes, missing reasons).
 */
export function applyLintConfig(issues: readonly Issue[], config: LintConfig | undefined, known: ReadonlySet<string>): Issue[] {
  if (!config) return [...issues];
  const out: Issue[] = [];
  // read as plain data: a config from plain JavaScript may hold any key
  const severity = (config.severity ?? {}) as Readonly<Record<string, RuleSeverity | undefined>>;
  for (const code of Object.keys(severity)) {
    if (!known.has(code)) {
      out.push({ code: 'core/unknown-code', severity: 'error', path: ['severity', code], message: `no issue code "${code}" exists`, hint: 'see docs/rules.md for the codes' });
    }
  }
  const suppressions = config.suppress ?? [];
  suppressions.forEach((s, i) => {
    if (!known.has(s.code)) {
      out.push({ code: 'core/unknown-code', severity: 'error', path: ['suppress', i, 'code'], message: `no issue code "${s.code}" exists`, hint: 'see docs/rules.md for the codes' });
    }
    if (typeof s.reason !== 'string' || s.reason.trim() === '') {
      out.push({ code: 'core/suppression-without-reason', severity: 'error', path: ['suppress', i, 'reason'], message: `the suppression of ${s.code} has no reason`, hint: 'add reason: "why this is fine here"' });
    }
  });
  for (const issue of issues) {
    const level = severity[issue.code];
    if (level === 'off') continue;
    const suppressed = suppressions.some(
      (s) =>
        s.code === issue.code &&
        typeof s.reason === 'string' &&
        s.reason.trim() !== '' &&
        (s.file === undefined || s.file === issue.file) &&
        (s.path === undefined || isUnder(formatPath(issue.path), s.path)),
    );
    if (suppressed) continue;
    out.push(level ? { ...issue, severity: level } : issue);
  }
  return out;
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
