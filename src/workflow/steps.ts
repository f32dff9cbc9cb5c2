/**
 * Steps as the builders take them: like {@link StepModel}, but values may be {@link Expr}s, and a
 * step may declare its outputs (typed actions do), so `steps.<id>.outputs.<name>` type-checks.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { isExpr, type Expr } from './expressions.js';
import type { StepModel } from './model.js';

/** A value in `with:`/`env:`: a scalar or an expression. */
export type InputValue = string | number | boolean | Expr;
/** A condition for `if:`: an expression (written bare), a string, or a boolean. */
export type Condition = Expr | string | boolean;

/**
 * A step as the builders accept it. `outputs` declares output names (not written to the file) so
 * later steps can reference them with types.
 *
 * @example
 * ```ts
 * const version: StepSpec<'version'> = {
 *   name: 'Read version',
 *   run: 'echo "version=$(cat VERSION)" >> "$GITHUB_OUTPUT"',
 *   outputs: ['version'],
 * };
 * // - name: Read version
 * //   run: echo "version=$(cat VERSION)" >> "$GITHUB_OUTPUT"
 * ```
 */
export interface StepSpec<O extends string = never> {
  readonly id?: string;
  readonly if?: Condition;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly 'working-directory'?: string;
  /** `bash`, `pwsh`, `python`, `sh`, `cmd`, `powershell`, or a custom command with `{0}`. */
  readonly shell?: 'bash' | 'pwsh' | 'python' | 'sh' | 'cmd' | 'powershell' | (string & {});
  readonly with?: Readonly<Record<string, InputValue | undefined>>;
  readonly env?: Readonly<Record<string, InputValue | undefined>>;
  readonly 'continue-on-error'?: boolean | Expr;
  readonly 'timeout-minutes'?: number | Expr;
  readonly background?: boolean;
  readonly wait?: string | readonly string[];
  readonly 'wait-all'?: boolean;
  readonly cancel?: string;
  readonly parallel?: readonly StepSpec<string>[];
  /** Output names this step sets (not written; they type `steps.<id>.outputs`). */
  readonly outputs?: readonly O[];
  /** Keys devstack-kit does not model, written as given. */
  readonly $raw?: Readonly<Record<string, unknown>>;
  /**
   * A comment written above the step (`# …`; each line of the text a `#` line). Not part of the
   * model: it rides beside it (see `withLayout`). Taken by `JobBuilder.step` and `Action.step`.
   */
  readonly comment?: string;
}

/** Renders a value: an {@link Expr} becomes `${{ … }}`. */
export function renderValue(value: InputValue): string | number | boolean {
  return isExpr(value) ? value.toString() : value;
}

/** Renders a condition: an {@link Expr} is written bare, as GitHub shows `if:` conditions. */
export function renderCondition(value: Condition): string | boolean {
  return isExpr(value) ? value.source : value;
}

function renderMap(map: Readonly<Record<string, InputValue | undefined>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(map)) if (v !== undefined) out[k] = renderValue(v);
  return out;
}

/**
 * Throws `workflow/invalid-env-name` for an `env:` key GitHub or actionlint rejects: empty, or
 * holding `=`, `&`, whitespace or a control character.
 *
 * @example
 * ```ts
 * assertEnvNames({ LOG_LEVEL: 'debug' }); // fine
 * assertEnvNames({ 'LOG LEVEL': 'debug' }); // throws UsageError workflow/invalid-env-name
 * ```
 */
export function assertEnvNames(env: object): void {
  for (const key of Object.keys(env)) {
    if (key === '' || /[=&\s\p{Cc}]/u.test(key)) {
      throw new UsageError('workflow/invalid-env-name', `${JSON.stringify(key)} is not a valid environment variable name`, 'use letters, digits and "_" (LOG_LEVEL); no "=", "&" or spaces');
    }
  }
}

/** Turns a {@link StepSpec} into model data (expressions rendered, declared outputs dropped). */
export function toStepModel(spec: StepSpec<string>, id?: string): StepModel {
  if (typeof spec !== 'object' || spec === null) throw new UsageError('workflow/invalid-step', `a step must be an object, received ${typeof spec}`);
  const out: StepModel = {};
  const stepId = id ?? spec.id;
  if (stepId !== undefined) out.id = stepId;
  if (spec.if !== undefined) out.if = renderCondition(spec.if);
  if (spec.name !== undefined) out.name = spec.name;
  if (spec.uses !== undefined) out.uses = spec.uses;
  if (spec.run !== undefined) {
    if (typeof spec.run === 'string' && spec.run.trim() === '') throw new UsageError('workflow/empty-run', 'a run: step needs a script', 'write the command the step should run, or remove the step');
    out.run = spec.run;
  }
  if (spec['working-directory'] !== undefined) out['working-directory'] = spec['working-directory'];
  if (spec.shell !== undefined) out.shell = spec.shell;
  if (spec.with !== undefined) out.with = renderMap(spec.with);
  if (spec.env !== undefined) {
    assertEnvNames(spec.env);
    out.env = renderMap(spec.env);
  }
  if (spec['continue-on-error'] !== undefined) out['continue-on-error'] = renderValue(spec['continue-on-error']) as boolean | string;
  if (spec['timeout-minutes'] !== undefined) out['timeout-minutes'] = renderValue(spec['timeout-minutes']) as number | string;
  if (spec.background !== undefined) out.background = spec.background;
  if (spec.wait !== undefined) out.wait = typeof spec.wait === 'string' ? spec.wait : [...spec.wait];
  if (spec['wait-all'] !== undefined) out['wait-all'] = spec['wait-all'];
  if (spec.cancel !== undefined) out.cancel = spec.cancel;
  if (spec.parallel !== undefined) out.parallel = spec.parallel.map((s) => toStepModel(s));
  if (spec.$raw !== undefined) out.$raw = JSON.parse(JSON.stringify(spec.$raw)) as Record<string, unknown>; // a copy: the builder freezes its state
  return out;
}

/**
 * A step that uses an action with typed inputs and declared outputs: what the helpers in
 * `actions/` return.
 */
export type ActionStep<O extends string = never> = StepSpec<O> & { readonly uses: string };

/** Options every typed action helper takes besides its inputs. */
export interface ActionOptions {
  /** The step's display name. */
  readonly name?: string;
  /** Run the step only when this holds. */
  readonly if?: Condition;
  /** The ref to use instead of the helper's default major version (`v4`, a tag, or a SHA). */
  readonly version?: string;
  /** Step environment. */
  readonly env?: Readonly<Record<string, InputValue | undefined>>;
  readonly 'continue-on-error'?: boolean | Expr;
  readonly 'timeout-minutes'?: number | Expr;
  /**
   * A comment written above the step (as a step spec's `comment`). @example `checkout({}, { comment: 'full history for tags' })` →
   * `# full history for tags` above `- uses: actions/checkout@v4`
   */
  readonly comment?: string;
}

/** Builds a typed action step (used by the helpers in `actions/`). */
export function actionStep<O extends string>(
  action: string,
  defaultVersion: string,
  inputs: Readonly<Record<string, InputValue | undefined>> | undefined,
  outputs: readonly O[],
  options: ActionOptions = {},
): ActionStep<O> {
  const { version, ...rest } = options;
  const withMap = inputs === undefined ? undefined : Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined));
  return Object.freeze({
    ...(rest.name !== undefined ? { name: rest.name } : {}),
    ...(rest.if !== undefined ? { if: rest.if } : {}),
    uses: `${action}@${version ?? defaultVersion}`,
    ...(withMap !== undefined && Object.keys(withMap).length > 0 ? { with: withMap } : {}),
    ...(rest.env !== undefined ? { env: rest.env } : {}),
    ...(rest['continue-on-error'] !== undefined ? { 'continue-on-error': rest['continue-on-error'] } : {}),
    ...(rest['timeout-minutes'] !== undefined ? { 'timeout-minutes': rest['timeout-minutes'] } : {}),
    ...(rest.comment !== undefined ? { comment: rest.comment } : {}),
    outputs,
  });
}

/**
 * A step that uses any action, untyped: its inputs are free-form and any output name is accepted.
 * Name the outputs as a type argument to have them checked.
 *
 * @example
 * ```ts
 * uses('softprops/action-gh-release@v2', { files: 'dist/*' })
 * // - uses: softprops/action-gh-release@v2
 * //   with:
 * //     files: dist/*
 * ```
 */
export function uses<O extends string = string>(
  action: string,
  inputs?: Readonly<Record<string, InputValue | undefined>>,
  options: Omit<ActionOptions, 'version'> = {},
): ActionStep<O> {
  const local = action.startsWith('./') || action.startsWith('docker://');
  if (!local && action.lastIndexOf('@') <= 0) throw new UsageError('workflow/unversioned-action', `"${action}" names no version`, 'write owner/repo@v1 (a tag, branch or SHA)');
  return Object.freeze({ ...actionStep(action, '', inputs, [] as O[], options), uses: action });
}
