/**
 * What the workflow builders' callbacks see: the typed contexts (`inputs`, `matrix`, `needs`,
 * `steps`, …) and the type-only markers through which job outputs and `workflow_call` inputs and
 * outputs travel between `JobBuilder`, `Workflow` and `Action`.
 * @module
 */
import type {
  Expr,
  GithubContext,
  JobContext,
  NeedsRef,
  OpenContext,
  RunnerContext,
  StepRef,
  StrategyContext,
} from './expressions.js';
import { path } from './expressions.js';


export declare const JOB_OUTPUTS: unique symbol;
export declare const CALL_OUTPUTS: unique symbol;
export declare const WORKFLOW_INPUTS: unique symbol;
export declare const CALL_SIGNATURE: unique symbol;

/**
 * What a reusable workflow built here asks of its callers (type-only): its `workflow_call` inputs and
 * secrets, and which of them are required. `JobBuilder.call` reads it.
 *
 * @example
 * ```ts
 * type S = CallSignature<'image' | 'push', 'image', 'token', 'token'>;
 * ```
 */
export interface CallSignature<I extends string = string, RI extends string = string, S extends string = string, RS extends string = string> {
  readonly inputs: I;
  readonly requiredInputs: RI;
  readonly secrets: S;
  readonly requiredSecrets: RS;
}
/** The signature of a workflow with no `workflow_call` trigger. */
export type NoCall = CallSignature<never, never, never, never>;

/**
 * The `with:` a caller of a reusable workflow passes: only its inputs, the required ones required.
 *
 * @example
 * ```ts
 * type W = CallWith<CallSignature<'image' | 'push', 'image', never, never>, string>; // { image: string; push?: string }
 * ```
 */
export type CallWith<C extends CallSignature, V> = Simplify<{ readonly [K in C['requiredInputs']]: V } & { readonly [K in Exclude<C['inputs'], C['requiredInputs']>]?: V }>;

/**
 * The `secrets:` a caller of a reusable workflow passes: `'inherit'`, or a map of only its declared
 * secrets, the required ones required.
 *
 * @example
 * ```ts
 * type S = CallSecrets<CallSignature<never, never, 'token' | 'npm', 'token'>, string>; // 'inherit' | { token: string; npm?: string }
 * ```
 */
export type CallSecrets<C extends CallSignature, V> =
  | 'inherit'
  | ([C['secrets']] extends [never]
      ? { readonly [name: string]: never }
      : Simplify<{ readonly [K in C['requiredSecrets']]: V } & { readonly [K in Exclude<C['secrets'], C['requiredSecrets']>]?: V }>);

/**
 * `jobs.<id>.outputs.<name>` in the outputs of a reusable workflow (`Workflow.callOutputs`): the
 * workflow's jobs, each with its declared outputs.
 *
 * @example
 * ```ts
 * w.job('build', …).callOutputs(({ jobs }) => ({ digest: { value: jobs.biuld.outputs.digest } }));
 * // error TS2339: Property 'biuld' does not exist on type 'JobsOfThisWorkflow<{ build: "digest"; }>'. Did you mean 'build'?
 * ```
 */
export type JobsOfThisWorkflow<Jobs extends Record<string, string>> = { readonly [J in keyof Jobs & string]: NeedsRef<Jobs[J]> };

/** What a `callOutputs` callback sees: the workflow's jobs. */
export interface CallOutputsContext<Jobs extends Record<string, string>> {
  readonly jobs: string extends keyof Jobs ? ((job: string) => NeedsRef<string>) & { readonly [job: string]: NeedsRef<string> } : JobsOfThisWorkflow<Jobs>;
}

/**
 * The output names a job builder declared (what a `Workflow.job` callback's result adds to
 * `needs.<job>.outputs`), for code that wraps `Workflow.job` (the stack's `job`).
 *
 * @example
 * ```ts
 * type O = JobOutputsOf<ReturnType<typeof buildJob>>; // 'digest' | 'version'
 * ```
 */
export type JobOutputsOf<J> = J extends { readonly [JOB_OUTPUTS]?: infer O extends string } ? O : never;

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * What a step, output or condition callback sees: every context, with `inputs`, `matrix`,
 * `needs` and `steps` typed by what the builder declared so far.
 */
export interface Context<
  Jobs extends Record<string, string> = Record<string, string>,
  Steps extends Record<string, string> = Record<string, string>,
  Matrix extends string = string,
  Inputs extends string = string,
  Secrets extends string = never,
  Vars extends string = never,
> {
  readonly github: GithubContext;
  readonly env: OpenContext;
  /** Configuration variables: any name, or only the declared ones once `.vars(…)` names some. */
  readonly vars: [Vars] extends [never] ? OpenContext : DeclaredVars<Vars>;
  /** Secrets: any name, or only the declared ones (and `GITHUB_TOKEN`) once `.secrets(…)` or `onCall` names some. */
  readonly secrets: [Secrets] extends [never] ? OpenContext & { readonly GITHUB_TOKEN: Expr } : DeclaredSecrets<Secrets | 'GITHUB_TOKEN'>;
  readonly runner: RunnerContext;
  readonly job: JobContext;
  readonly strategy: StrategyContext;
  readonly inputs: string extends Inputs ? OpenContext : DeclaredInputs<Inputs>;
  readonly matrix: string extends Matrix ? OpenContext : MatrixKeysOfThisJob<Matrix>;
  readonly needs: string extends keyof Jobs ? ((job: string) => NeedsRef<string>) & { readonly [job: string]: NeedsRef<string> } : JobsDeclaredBefore<Jobs>;
  readonly steps: string extends keyof Steps ? ((id: string) => StepRef<string>) & { readonly [id: string]: StepRef<string> } : StepsWithIdBefore<Steps>;
}

// The typed contexts. Each has its own name because the name is what the compiler prints for a
// name that is not there: `Property 'pyhton' does not exist on type 'MatrixKeysOfThisJob<"python">'. Did you mean 'python'?`

/**
 * `matrix.<key>`: the keys of the job's matrix (and of its `include` entries).
 *
 * @example
 * ```ts
 * j.matrix({ python: ['3.12', '3.13'] }).step(({ matrix }) => ({ run: `echo ${matrix.pyhton}` }));
 * // error TS2339: Property 'pyhton' does not exist on type 'MatrixKeysOfThisJob<"python">'. Did you mean 'python'?
 * ```
 */
export type MatrixKeysOfThisJob<K extends string> = { readonly [P in K]: Expr };
/**
 * `steps.<id>`: the steps with an id before this one, each with its declared outputs.
 *
 * @example
 * ```ts
 * j.step('version', { run: '…', outputs: ['v'] }).step(({ steps }) => ({ run: `echo ${steps.verison.outputs.v}` }));
 * // error TS2339: Property 'verison' does not exist on type 'StepsWithIdBefore<{ version: "v"; }>'. Did you mean 'version'?
 * ```
 */
export type StepsWithIdBefore<Steps extends Record<string, string>> = { readonly [S in keyof Steps & string]: StepRef<Steps[S]> };
/**
 * `needs.<job>`: the jobs declared before this one, each with its declared outputs.
 *
 * @example
 * ```ts
 * w.job('build', …).job('deploy', (j) => j.step(({ needs }) => ({ run: `echo ${needs.biuld.result}` })));
 * // error TS2339: Property 'biuld' does not exist on type 'JobsDeclaredBefore<{ build: never; }>'. Did you mean 'build'?
 * ```
 */
export type JobsDeclaredBefore<Jobs extends Record<string, string>> = { readonly [J in keyof Jobs & string]: NeedsRef<Jobs[J]> };
/**
 * `inputs.<name>`: the inputs of `workflow_dispatch` / `workflow_call` (or of a composite action).
 *
 * @example
 * ```ts
 * w.onDispatch({ level: { type: 'string' } }).job('t', (j) => j.step(({ inputs }) => ({ run: `echo ${inputs.lvl}` })));
 * // error TS2339: Property 'lvl' does not exist on type 'DeclaredInputs<"level">'.
 * ```
 */
export type DeclaredInputs<K extends string> = { readonly [P in K]: Expr };
/**
 * `vars.<name>` once `.vars(…)` declares some.
 *
 * @example
 * ```ts
 * w.vars('REGION').job('t', (j) => j.step(({ vars }) => ({ run: `echo ${vars.REGOIN}` })));
 * // error TS2339: Property 'REGOIN' does not exist on type 'DeclaredVars<"REGION">'. Did you mean 'REGION'?
 * ```
 */
export type DeclaredVars<K extends string> = { readonly [P in K]: Expr };
/**
 * `secrets.<name>` once `.secrets(…)` or `onCall` declares some (`GITHUB_TOKEN` is always there).
 *
 * @example
 * ```ts
 * w.secrets('NPM_TOKEN').job('t', (j) => j.step(({ secrets }) => ({ run: 'npm publish', env: { T: secrets.NPM_TOKNE } })));
 * // error TS2339: Property 'NPM_TOKNE' does not exist on type 'DeclaredSecrets<"NPM_TOKEN" | "GITHUB_TOKEN">'. Did you mean 'NPM_TOKEN'?
 * ```
 */
export type DeclaredSecrets<K extends string> = { readonly [P in K]: Expr };

export const CONTEXT = Object.freeze({
  github: path('github'),
  env: path('env'),
  vars: path('vars'),
  secrets: path('secrets'),
  runner: path('runner'),
  job: path('job'),
  strategy: path('strategy'),
  inputs: path('inputs'),
  matrix: path('matrix'),
  needs: path('needs'),
  steps: path('steps'),
  jobs: path('jobs'),
}) as unknown as Context<never, never, never, never>;

/** A value, or a function of the context that gives it. */
export type OrContext<T, C> = T | ((ctx: C) => T);

export function resolve<T, C>(value: OrContext<T, C>): T {
  return typeof value === 'function' ? (value as (ctx: C) => T)(CONTEXT as unknown as C) : value;
}
