/**
 * Immutable, typed builders for workflows (`Workflow`) and composite actions (`Action`). Job ids,
 * step ids and their outputs, matrix keys and inputs accumulate in the builders' types, so `needs`,
 * `matrix.*`, `steps.<id>.outputs.*` and `needs.<job>.outputs.*` are checked at compile time.
 * @module
 */
import { SynthError, UsageError } from '../core/errors.js';
import { commentLayout, commentText, layoutOf, mergeLayouts, withLayout, type YamlLayout } from '../core/layout.js';
import { PList, PMap } from '../core/persistent.js';
import type { DevstackTypeError } from '../core/type-error.js';
import {
  expressionsIn,
  isExpr,
  path,
  type Expr,
  type GithubContext,
  type JobContext,
  type NeedsRef,
  type OpenContext,
  type RunnerContext,
  type StepRef,
  type StrategyContext,
} from './expressions.js';
import type {
  ActionModel,
  CallJobModel,
  EventMap,
  EVENT_TYPES,
  JobModel,
  MatrixValue,
  NormalJobModel,
  PermissionsModel,
  StepModel,
  WorkflowEvent,
  WorkflowModel,
} from './model.js';
import { parseAction, parseWorkflow } from './parse.js';
import { assertEnvNames, renderCondition, renderValue, toStepModel, type Condition, type InputValue, type StepSpec } from './steps.js';
import { synthAction, synthWorkflow } from './synth.js';

const WORKFLOW = Symbol.for('devstack-kit.Workflow');
const ACTION = Symbol.for('devstack-kit.Action');
declare const JOB_OUTPUTS: unique symbol;
declare const CALL_OUTPUTS: unique symbol;
declare const WORKFLOW_INPUTS: unique symbol;

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

type Simplify<T> = { [K in keyof T]: T[K] } & {};

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

const CONTEXT = Object.freeze({
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
}) as unknown as Context<never, never, never, never>;

/** A value, or a function of the context that gives it. */
export type OrContext<T, C> = T | ((ctx: C) => T);

function resolve<T, C>(value: OrContext<T, C>): T {
  return typeof value === 'function' ? (value as (ctx: C) => T)(CONTEXT as unknown as C) : value;
}

function freezeDeep<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeDeep(v);
  }
  return value;
}

/** A deep copy of plain data; an {@link Expr} anywhere inside becomes its `${{ … }}` string. */
function clone<T>(value: T): T {
  if (isExpr(value)) return value.toString() as T;
  if (Array.isArray(value)) return value.map((v) => clone(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = clone(v);
    return out as T;
  }
  return value;
}

function renderMap(map: Readonly<Record<string, InputValue | undefined>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(map)) if (v !== undefined) out[k] = renderValue(v);
  return out;
}

// ─── jobs ───────────────────────────────────────────────────────────────────────────────────────

/**
 * What `needs(…)` accepts: a job declared before this one (a key of `Jobs`). Another name asks for a
 * {@link DevstackTypeError} that says so. (`needs` takes the jobs as a type parameter defaulting to
 * the builder's own, so that a conditional type on the class parameter does not make a
 * `JobBuilder<{ build: … }>` unassignable to a `JobBuilder`.)
 *
 * @example
 * ```ts
 * type A = NeedsName<{ build: 'digest'; lint: never }, 'build'>; // 'build'
 * type B = NeedsName<{ build: 'digest'; lint: never }, 'biuld'>; // 'build' | 'lint' | DevstackTypeError<"needs: no job 'biuld' is declared before this one">
 * ```
 */
export type NeedsName<Jobs extends Record<string, string>, J extends string> = J extends keyof Jobs
  ? J
  : NoInfer<keyof Jobs & string> | DevstackTypeError<`needs: no job '${J}' is declared before this one`>;

/** A matrix as the job builder takes it: keys to value lists, `include`/`exclude` entries. */
export type MatrixSpec = {
  readonly [key: string]: readonly MatrixValue[] | readonly Readonly<Record<string, MatrixValue>>[] | string | Expr;
};
type IncludeKeys<I> = I extends readonly (infer E)[] ? (E extends unknown ? keyof E & string : never) : never;
/** The keys of a matrix: its own keys (not `include`/`exclude`) and the keys its `include` entries add. */
export type MatrixKeys<M> = Exclude<keyof M & string, 'include' | 'exclude'> | (M extends { readonly include: infer I } ? IncludeKeys<I> : never);

/** GitHub-hosted runner labels (offered by autocomplete; any other label is accepted too). */
export type RunnerLabel =
  | 'ubuntu-latest' | 'ubuntu-24.04' | 'ubuntu-22.04' | 'ubuntu-24.04-arm' | 'ubuntu-22.04-arm'
  | 'windows-latest' | 'windows-2025' | 'windows-2022'
  | 'macos-latest' | 'macos-15' | 'macos-14' | 'macos-13'
  | 'self-hosted' | 'linux' | 'windows' | 'macos' | 'x64' | 'arm64'
  | (string & {});
/** `runs-on:` as the builder takes it. */
export type RunsOn = RunnerLabel | readonly RunnerLabel[] | { readonly group?: string; readonly labels?: RunnerLabel | readonly RunnerLabel[] };

/**
 * The job's keys; its steps in a persistent list (adding one is O(1), not a copy of the others), the
 * job keeping `steps: null` in their place once it has any.
 */
interface JobState {
  readonly job: Readonly<Record<string, unknown>>;
  readonly steps: PList<StepModel>;
  readonly stepIds: PList<string>;
  /** Comments by path inside the job (`[]`: the job; `['steps', i]`: a step); not part of the model. */
  readonly comments?: readonly (readonly [readonly (string | number)[], string])[];
}

/** Replaces (or adds) the comment at `path` in a list of path comments. */
function setComment(
  list: readonly (readonly [readonly (string | number)[], string])[] | undefined,
  path: readonly (string | number)[],
  text: string,
): readonly (readonly [readonly (string | number)[], string])[] {
  commentText(text);
  const key = JSON.stringify(path);
  return [...(list ?? []).filter(([p]) => JSON.stringify(p) !== key), [path, text] as const];
}

/**
 * Builds one job. Created by {@link Workflow.job}; every method returns a new builder.
 *
 * @example
 * ```ts
 * Workflow.create('CI').on('push').job('test', (j) => j
 *   .runsOn('ubuntu-latest')
 *   .matrix({ python: ['3.12', '3.13'] })
 *   .step(({ matrix }) => ({ run: `echo ${matrix.python}` })));
 * // jobs:
 * //   test:
 * //     runs-on: ubuntu-latest
 * //     strategy:
 * //       matrix:
 * //         python:
 * //           - '3.12'
 * //           - '3.13'
 * //     steps:
 * //       - run: echo ${{ matrix.python }}
 * ```
 */
export class JobBuilder<
  Jobs extends Record<string, string> = Record<string, string>,
  Inputs extends string = string,
  Steps extends Record<string, string> = {},
  Matrix extends string = never,
  Outputs extends string = never,
  Secrets extends string = never,
  Vars extends string = never,
> {
  readonly #state: JobState;
  declare readonly [JOB_OUTPUTS]?: Outputs;

  /** @internal Use {@link Workflow.job}. */
  constructor(state: JobState) {
    this.#state = freezeDeep(state);
  }

  #with(patch: Record<string, unknown>): any {
    return new JobBuilder({ ...this.#state, job: { ...this.#state.job, ...patch } });
  }

  /** @internal The job's comments by path inside the job (for `Workflow.job`). */
  static commentsOf(job: JobBuilder<any, any, any, any, any, any, any>): readonly (readonly [readonly (string | number)[], string])[] {
    return job.#state.comments ?? [];
  }

  /**
   * A comment written above the job in the generated file. Each line of the text becomes a `#` line
   * (a line break can never end the comment and start data); a second call replaces the first. A
   * step takes its comment as `comment` in its spec.
   *
   * @example
   * ```ts
   * j.comment('runs on every push').runsOn('ubuntu-latest').step({ run: 'make test', comment: 'the whole suite' })
   * // # runs on every push
   * // test:
   * //   runs-on: ubuntu-latest
   * //   steps:
   * //     # the whole suite
   * //     - run: make test
   * ```
   */
  comment(text: string): this {
    return new JobBuilder({ ...this.#state, comments: setComment(this.#state.comments, [], text) }) as this;
  }

  /** `name:` — the job's display name. */
  name(name: string): this {
    return this.#with({ name });
  }
  /** `runs-on:` — a label, labels, or a runner group. @example `j.runsOn('ubuntu-latest')` → `runs-on: ubuntu-latest` */
  runsOn(runsOn: RunsOn | Expr): this {
    return this.#with({ 'runs-on': isExpr(runsOn) ? runsOn.toString() : clone(runsOn) });
  }
  /**
   * `needs:` — only jobs declared before this one are accepted; another name is a compile error
   * that says so.
   *
   * @example
   * ```ts
   * j.needs('build')
   * // needs: build
   * j.needs('biuld')
   * // error TS2345: Argument of type '"biuld"' is not assignable to parameter of type
   * //   '"build" | DevstackTypeError<"needs: no job 'biuld' is declared before this one">'.
   * ```
   */
  needs<const J extends string, Known extends Record<string, string> = Jobs>(...jobs: NeedsName<Known, J>[]): this;
  needs(...jobs: (keyof Jobs & string)[]): this {
    const prev = this.#state.job.needs;
    const list = [...(prev === undefined ? [] : typeof prev === 'string' ? [prev] : (prev as string[])), ...jobs];
    const unique = [...new Set(list)];
    return this.#with({ needs: unique.length === 1 ? unique[0] : unique });
  }
  /** `if:` — an expression (written bare), a string or a boolean. */
  if(condition: OrContext<Condition, Context<Jobs, {}, Matrix, Inputs, Secrets, Vars>>): this {
    return this.#with({ if: renderCondition(resolve(condition)) });
  }
  /** `permissions:` for this job. @example `j.permissions({ contents: 'read' })` */
  permissions(permissions: PermissionsModel): this {
    return this.#with({ permissions: clone(permissions) });
  }
  /** `environment:` — a name, or `{ name, url }`. */
  environment(environment: string | { readonly name: string; readonly url?: string | Expr; readonly deployment?: boolean }): this {
    if (typeof environment === 'string') return this.#with({ environment });
    const { url, ...rest } = environment;
    return this.#with({ environment: { ...rest, ...(url !== undefined ? { url: renderValue(url) } : {}) } });
  }
  /** `concurrency:` for this job. */
  concurrency(concurrency: string | Expr | { readonly group: string | Expr; readonly 'cancel-in-progress'?: boolean | Expr; readonly queue?: 'single' | 'max' }): this {
    if (typeof concurrency === 'string' || isExpr(concurrency)) return this.#with({ concurrency: String(concurrency) });
    const c: Record<string, unknown> = { group: String(concurrency.group) };
    if (concurrency['cancel-in-progress'] !== undefined) c['cancel-in-progress'] = renderValue(concurrency['cancel-in-progress']);
    if (concurrency.queue !== undefined) c.queue = concurrency.queue;
    return this.#with({ concurrency: c });
  }
  /** `timeout-minutes:` @example `j.timeout(15)` → `timeout-minutes: 15` */
  timeout(minutes: number | Expr): this {
    return this.#with({ 'timeout-minutes': renderValue(minutes) });
  }
  /** `continue-on-error:` */
  continueOnError(value: boolean | Expr): this {
    return this.#with({ 'continue-on-error': renderValue(value) });
  }
  /** `env:` for every step of the job (merged with earlier calls). */
  env(env: OrContext<Readonly<Record<string, InputValue>>, Context<Jobs, {}, Matrix, Inputs, Secrets, Vars>>): this {
    const prev = this.#state.job.env;
    const map = resolve(env);
    assertEnvNames(map);
    return this.#with({ env: { ...(typeof prev === 'object' ? prev : {}), ...renderMap(map) } });
  }
  /**
   * `defaults.run:` — the shell and working directory of `run:` steps (not of `uses:` steps). Either
   * may be an expression, e.g. `j.defaults({ 'working-directory': expr.matrix('app') })`.
   */
  defaults(run: { readonly shell?: string | Expr; readonly 'working-directory'?: string | Expr }): this {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(run)) if (v !== undefined) out[k] = isExpr(v) ? v.toString() : v;
    return this.#with({ defaults: { run: out } });
  }
  /** `container:` — run the steps in a container. */
  container(container: string | NonNullable<Exclude<NormalJobModel['container'], string>>): this {
    return this.#with({ container: clone(container) });
  }
  /**
   * `services:` — service containers (merged with earlier calls), or one expression that yields
   * them, which replaces any earlier ones.
   *
   * @example
   * ```ts
   * j.services({ db: { image: 'postgres:17' } }) // services: { db: { image: postgres:17 } }
   * j.services('${{ fromJSON(vars.SERVICES) }}') // services: ${{ fromJSON(vars.SERVICES) }}
   * ```
   */
  services(services: NonNullable<NormalJobModel['services']>): this {
    if (typeof services === 'string') return this.#with({ services });
    const prev = this.#state.job.services;
    return this.#with({ services: { ...(typeof prev === 'object' ? prev : {}), ...clone(services) } });
  }
  /** `snapshot:` — build a custom runner image from this job. */
  snapshot(snapshot: NonNullable<NormalJobModel['snapshot']>): this {
    return this.#with({ snapshot: clone(snapshot) });
  }
  /** `strategy:` settings besides the matrix. */
  strategy(strategy: { readonly 'fail-fast'?: boolean | Expr; readonly 'max-parallel'?: number | Expr }): this {
    const prev = (this.#state.job.strategy ?? {}) as Record<string, unknown>;
    const s: Record<string, unknown> = { ...prev };
    if (strategy['fail-fast'] !== undefined) s['fail-fast'] = renderValue(strategy['fail-fast']);
    if (strategy['max-parallel'] !== undefined) s['max-parallel'] = renderValue(strategy['max-parallel']);
    return this.#with({ strategy: s });
  }
  /**
   * `strategy.matrix:` — its keys (and those its `include` entries add) become `matrix.*` in the
   * context. A `fromJSON(…)` matrix names its keys as a type argument.
   *
   * @example
   * ```ts
   * j.matrix({ os: ['ubuntu-latest', 'windows-latest'], python: ['3.12', '3.13'], include: [{ os: 'ubuntu-latest', coverage: true }] })
   * j.matrix<'target'>(({ needs }) => expr.fromJSON(needs.plan.outputs.targets))
   * // strategy:
   * //   matrix: ${{ fromJSON(needs.plan.outputs.targets) }}
   * ```
   */
  // `& string` makes the keys a plain union, so a compiler message lists them (not `MatrixKeys<{ … }>`)
  matrix<const M extends MatrixSpec>(matrix: M): JobBuilder<Jobs, Inputs, Steps, Matrix | (MatrixKeys<M> & string), Outputs, Secrets, Vars>;
  matrix<K extends string>(matrix: OrContext<Expr | string, Context<Jobs, {}, never, Inputs, Secrets, Vars>>): JobBuilder<Jobs, Inputs, Steps, Matrix | K, Outputs, Secrets, Vars>;
  matrix(spec: MatrixSpec | Expr | string | ((ctx: any) => Expr | string)): any {
    const matrix = typeof spec === 'function' && !isExpr(spec) ? resolve(spec as (ctx: unknown) => Expr | string) : spec;
    const prev = (this.#state.job.strategy ?? {}) as Record<string, unknown>;
    let m: unknown;
    if (typeof matrix === 'string' || isExpr(matrix)) m = String(matrix);
    else m = Object.fromEntries(Object.entries(matrix).map(([k, v]) => [k, isExpr(v) ? v.toString() : clone(v)]));
    return this.#with({ strategy: { matrix: m, ...Object.fromEntries(Object.entries(prev).filter(([k]) => k !== 'matrix')) } });
  }

  /**
   * Adds a step. With an id first, the step's declared outputs become `steps.<id>.outputs.*`
   * for the steps after it and for job outputs.
   *
   * @example
   * ```ts
   * j.step(checkout())
   *  .step('version', { run: 'echo "v=1.2.3" >> "$GITHUB_OUTPUT"', outputs: ['v'] })
   *  .step(({ steps }) => ({ run: `echo ${steps.version.outputs.v}` }))
   * // - uses: actions/checkout@v4
   * // - id: version
   * //   run: echo "v=1.2.3" >> "$GITHUB_OUTPUT"
   * // - run: echo ${{ steps.version.outputs.v }}
   * ```
   */
  step<O extends string = never>(spec: OrContext<StepSpec<O>, Context<Jobs, Steps, Matrix, Inputs, Secrets, Vars>>): this;
  step<const Id extends string, O extends string = never>(
    id: Id,
    spec: OrContext<StepSpec<O>, Context<Jobs, Steps, Matrix, Inputs, Secrets, Vars>>,
  ): JobBuilder<Jobs, Inputs, Simplify<Steps & { [K in Id]: O }>, Matrix, Outputs, Secrets, Vars>;
  step(a: unknown, b?: unknown): any {
    const id = typeof a === 'string' ? a : undefined;
    const spec = resolve((id === undefined ? a : b) as OrContext<StepSpec<string>, unknown>);
    const model = toStepModel(spec, id);
    if (this.#state.job.uses !== undefined) throw new UsageError('workflow/steps-in-call-job', 'a job that calls a reusable workflow (`uses:`) cannot have steps');
    const { job, steps, stepIds } = this.#state;
    const comment = (spec as { comment?: unknown }).comment;
    const comments = comment === undefined ? this.#state.comments : setComment(this.#state.comments, ['steps', steps.size], comment as string);
    return new JobBuilder({
      job: job.steps === undefined ? { ...job, steps: null } : job,
      steps: steps.push(freezeDeep(model)),
      stepIds: model.id !== undefined ? stepIds.push(model.id) : stepIds,
      ...(comments ? { comments } : {}),
    });
  }

  /**
   * Adds a `run:` step — shorthand for `.step({ run: script, ...options })`.
   *
   * @example
   * ```ts
   * j.run('make test', { name: 'Test' })
   * // - name: Test
   * //   run: make test
   * ```
   */
  run(script: string, options: Omit<StepSpec, 'run' | 'uses' | 'outputs'> = {}): this {
    return this.step({ ...options, run: script });
  }

  /**
   * `outputs:` — the job's outputs, typed for `needs.<job>.outputs.*` in later jobs.
   *
   * @example
   * ```ts
   * j.outputs(({ steps }) => ({ tags: steps.meta.outputs.tags }))
   * // outputs:
   * //   tags: ${{ steps.meta.outputs.tags }}
   * ```
   */
  outputs<const O extends Record<string, Expr | string>>(
    outputs: OrContext<O, Context<Jobs, Steps, Matrix, Inputs, Secrets, Vars>>,
  ): JobBuilder<Jobs, Inputs, Steps, Matrix, Outputs | (keyof O & string), Secrets, Vars> {
    const prev = (this.#state.job.outputs ?? {}) as Record<string, string>;
    return this.#with({ outputs: { ...prev, ...Object.fromEntries(Object.entries(resolve(outputs)).map(([k, v]) => [k, String(v)])) } });
  }

  /**
   * Makes this job call a reusable workflow (`uses:`, `with:`, `secrets:`). Name the called
   * workflow's outputs as a type argument to reference them from later jobs.
   *
   * @example
   * ```ts
   * j.uses<'image'>('./.github/workflows/build.yml', { with: { push: true }, secrets: 'inherit' })
   * // uses: ./.github/workflows/build.yml
   * // with:
   * //   push: true
   * // secrets: inherit
   * ```
   */
  uses<O extends string = never>(
    workflow: string,
    options: { readonly with?: Readonly<Record<string, InputValue>>; readonly secrets?: 'inherit' | Readonly<Record<string, InputValue>> } = {},
  ): JobBuilder<Jobs, Inputs, Steps, Matrix, Outputs | O, Secrets, Vars> {
    if (this.#state.job.steps !== undefined) throw new UsageError('workflow/steps-in-call-job', 'a job that calls a reusable workflow (`uses:`) cannot have steps');
    const patch: Record<string, unknown> = { uses: workflow };
    if (options.with !== undefined) patch.with = renderMap(options.with);
    if (options.secrets !== undefined) patch.secrets = options.secrets === 'inherit' ? 'inherit' : renderMap(options.secrets);
    return this.#with(patch);
  }

  /**
   * Calls a reusable workflow built here: `with:` accepts only its inputs, and its
   * `workflow_call` outputs become this job's outputs for `needs.<job>.outputs.*`.
   *
   * @example
   * ```ts
   * const build = Workflow.create('Build').onCall({ inputs: { image: { type: 'string' } }, outputs: { digest: { value: '${{ jobs.b.outputs.digest }}' } } })…;
   * w.job('build', (j) => j.call('./.github/workflows/build.yml', build, { with: { image: 'api' } }))
   * // build:
   * //   uses: ./.github/workflows/build.yml
   * //   with:
   * //     image: api
   * ```
   */
  call<I extends string, CO extends string>(
    path: string,
    _workflow: { readonly [WORKFLOW_INPUTS]?: I; readonly [CALL_OUTPUTS]?: CO },
    options: { readonly with?: { readonly [K in I]?: InputValue }; readonly secrets?: 'inherit' | Readonly<Record<string, InputValue>> } = {},
  ): JobBuilder<Jobs, Inputs, Steps, Matrix, Outputs | CO, Secrets, Vars> {
    return this.uses<CO>(path, options as { readonly with?: Readonly<Record<string, InputValue>> });
  }

  /** Applies `fn` when `condition` holds (kysely's `$if`). */
  $if(condition: boolean, fn: (j: this) => this): this {
    return condition ? fn(this) : this;
  }
  /** Passes the builder through `fn` (kysely's `$call`): reusable fragments. */
  $call<R>(fn: (j: this) => R): R {
    return fn(this);
  }
  /** Raw keys the model does not know yet, deep-merged into the job as written. */
  $raw(raw: Readonly<Record<string, unknown>>): this {
    const prev = (this.#state.job.$raw ?? {}) as Record<string, unknown>;
    return this.#with({ $raw: { ...prev, ...clone(raw) } });
  }

  /** The job as model data. */
  toModel(): JobModel {
    const job = clone(this.#state.job) as Record<string, unknown>;
    if (job.steps !== undefined) job.steps = clone(this.#state.steps.toArray());
    return job as JobModel;
  }
}

// ─── triggers ───────────────────────────────────────────────────────────────────────────────────

type EventObject<E extends keyof EventMap> = Exclude<NonNullable<EventMap[E]>, null>;
/** Filters of each event as the builder takes them; `types` lists only that event's activity types. */
export type EventFilters = {
  readonly [E in keyof EventMap]?:
    | null
    | (E extends keyof typeof EVENT_TYPES
        ? Omit<EventObject<E>, 'types'> & { types?: (typeof EVENT_TYPES)[E][number][] }
        : EventObject<E>);
};

/** A `workflow_dispatch` input as the builder takes it. */
export type DispatchInput = NonNullable<NonNullable<Exclude<NonNullable<EventMap['workflow_dispatch']>, null>['inputs']>[string]>;
/** `workflow_call` as the builder takes it. */
export interface CallTrigger<I extends string, S extends string, O extends string = string> {
  readonly inputs?: { readonly [K in I]: NonNullable<Exclude<NonNullable<EventMap['workflow_call']>, null>['inputs']>[string] };
  readonly secrets?: { readonly [K in S]: { readonly description?: string; readonly required?: boolean } | null };
  readonly outputs?: { readonly [K in O]: { readonly description?: string; readonly value: string | Expr } };
}

function mergeOn(prev: WorkflowModel['on'] | undefined, next: WorkflowEvent | readonly WorkflowEvent[] | EventFilters): WorkflowModel['on'] {
  const asList = (v: unknown): WorkflowEvent[] | undefined =>
    typeof v === 'string' ? [v as WorkflowEvent] : Array.isArray(v) ? [...(v as WorkflowEvent[])] : undefined;
  if (prev === undefined) return clone(Array.isArray(next) ? [...next] : next) as WorkflowModel['on']; // the form given is the form written
  const prevList = asList(prev);
  const nextList = asList(next);
  if (prevList && nextList) return [...new Set([...prevList, ...nextList])];
  const toMap = (v: unknown): Record<string, unknown> =>
    asList(v)?.reduce<Record<string, unknown>>((m, e) => ((m[e] = null), m), {}) ?? { ...(v as Record<string, unknown>) };
  return { ...toMap(prev ?? []), ...clone(toMap(next)) } as WorkflowModel['on'];
}

// ─── the workflow ───────────────────────────────────────────────────────────────────────────────

/**
 * The workflow's keys; its jobs in a persistent map (adding one is O(log n), not a copy of the
 * others, and forks never see each other's jobs). `model.jobs` keeps the key's place: `{}` when the
 * jobs are in `jobs`, or a `jobs:` read from a file that is not a map, kept as written until a job is added.
 */
interface WorkflowState {
  readonly model: Omit<WorkflowModel, 'on'> & { on?: WorkflowModel['on'] };
  readonly jobs: PMap<JobModel>;
  /** Comments, key order and styles (a parsed file's, with the builder's comments over them). */
  readonly layout?: YamlLayout;
}

function isJobMap(jobs: unknown): jobs is Record<string, JobModel> {
  return typeof jobs === 'object' && jobs !== null && !Array.isArray(jobs);
}

/** The state of a model read from a file or given as data (cloned by the caller). */
function stateOf(model: WorkflowModel, layout: YamlLayout | undefined): WorkflowState {
  const keep = layout ? { layout } : {};
  const jobs = model.jobs as unknown;
  if (!isJobMap(jobs)) return { model, jobs: PMap.empty(), ...keep };
  return { model: { ...model, jobs: {} }, jobs: PMap.from(Object.entries(jobs)), ...keep };
}

/** Every expression source in a job: `${{ … }}` bodies of its strings and its `if:` conditions. */
function jobExpressions(job: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      out.push(...expressionsIn(v));
      if (key === 'if') out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(job);
  return out;
}

/** Job ids referenced as `needs.<id>` in a job's expressions. */
export function referencedNeeds(job: unknown): string[] {
  const ids = new Set<string>();
  for (const source of jobExpressions(job)) {
    const re = /(?<![\w.-])needs\.([A-Za-z_][\w-]*)/g;
    for (let m = re.exec(source); m; m = re.exec(source)) ids.add(m[1] as string);
  }
  return [...ids];
}

/**
 * An immutable, typed workflow. Job ids and their outputs accumulate in `Jobs`; inputs of
 * `workflow_dispatch`/`workflow_call` in `Inputs`.
 *
 * @example
 * ```ts
 * const ci = Workflow.create('CI')
 *   .on(['push', 'pull_request'])
 *   .job('test', (j) => j.runsOn('ubuntu-latest').step(checkout()).step({ run: 'make test' }));
 * ci.toString();
 * // name: CI
 * // on:
 * //   - push
 * //   - pull_request
 * // jobs:
 * //   test:
 * //     runs-on: ubuntu-latest
 * //     steps:
 * //       - uses: actions/checkout@v4
 * //       - run: make test
 * ```
 */
export class Workflow<
  Jobs extends Record<string, string> = {},
  Inputs extends string = never,
  Secrets extends string = never,
  Vars extends string = never,
  CallOutputs extends string = never,
> {
  declare readonly [CALL_OUTPUTS]?: CallOutputs;
  declare readonly [WORKFLOW_INPUTS]?: Inputs;
  readonly #state: WorkflowState;
  readonly [WORKFLOW] = true as const;

  private constructor(state: WorkflowState) {
    this.#state = freezeDeep(state);
  }

  /** A new workflow with a `name:` (omit it for an unnamed workflow). @example `Workflow.create('CI')` → `name: CI` */
  static create(name?: string): Workflow {
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) throw new UsageError('workflow/empty-name', 'a workflow name must be a non-empty string');
    return new Workflow({ model: { ...(name !== undefined ? { name } : {}), jobs: {} }, jobs: PMap.empty() });
  }

  /**
   * Reads a workflow file into a builder (unknown keys kept raw). Throws a `SynthError` listing the
   * problems when the text cannot be read; use `parseWorkflow` to get issues without throwing.
   *
   * @example
   * ```ts
   * Workflow.parse(readFileSync('.github/workflows/ci.yml', 'utf8')).job('lint', (j) => j.runsOn('ubuntu-latest').step({ run: 'make lint' }));
   * ```
   */
  static parse(text: string, file?: string): Workflow<Record<string, string>, string> {
    const { model, issues } = parseWorkflow(text, file);
    if (model === undefined) throw new SynthError(issues);
    return Workflow.fromModel(model);
  }

  /** Wraps a model (from anywhere) in a builder; comments attached to it (`parseWorkflow`) come along. */
  static fromModel(model: WorkflowModel): Workflow<Record<string, string>, string> {
    return new Workflow(stateOf(clone(model), layoutOf(model))) as unknown as Workflow<Record<string, string>, string>;
  }

  /** True for a `Workflow` from any copy of devstack-kit. */
  static isWorkflow(value: unknown): value is Workflow<Record<string, string>, string> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WORKFLOW] === true;
  }

  #with(patch: Partial<WorkflowState['model']>, layout: YamlLayout | undefined = this.#state.layout): any {
    const { layout: _old, ...rest } = this.#state;
    return new Workflow({ ...rest, model: { ...this.#state.model, ...patch }, ...(layout ? { layout } : {}) });
  }

  /**
   * A comment at the top of the file (after the generated-file marker). Each line of the text becomes
   * a `#` line; a second call replaces the first.
   *
   * @example
   * ```ts
   * Workflow.create('CI').comment('tests every push').on('push');
   * // # tests every push
   * // name: CI
   * // on: push
   * ```
   */
  comment(text: string): this {
    return this.#with({}, mergeLayouts(this.#state.layout, { commentBefore: commentText(text), nodes: {} }));
  }

  /** `name:` */
  name(name: string): this {
    return this.#with({ name });
  }
  /** `run-name:` — the name of each run. @example `w.runName(\`Deploy ${expr.github.ref_name}\`)` → `run-name: Deploy ${{ github.ref_name }}` */
  runName(runName: string): this {
    return this.#with({ 'run-name': runName });
  }
  /**
   * `on:` — events as a name, a list, or a map with filters. Calls merge: lists stay lists;
   * adding a map turns the list into a map.
   *
   * @example
   * ```ts
   * w.on(['push', 'pull_request'])                                  // on: [push, pull_request]
   * w.on({ push: { branches: ['main'] }, pull_request: { types: ['opened'] } })
   * ```
   */
  on(events: WorkflowEvent | readonly WorkflowEvent[] | EventFilters): this {
    return this.#with({ on: mergeOn(this.#state.model.on, events) });
  }
  /** `on.schedule:` — one entry per cron line. @example `w.onSchedule('0 6 * * 1')` */
  onSchedule(...crons: (string | { readonly cron: string; readonly timezone?: string })[]): this {
    const prev = this.#state.model.on;
    const existing = prev && typeof prev === 'object' && !Array.isArray(prev) ? ((prev as EventMap).schedule ?? []) : [];
    const schedule = [...existing, ...crons.map((c) => (typeof c === 'string' ? { cron: c } : { ...c }))];
    return this.#with({ on: mergeOn(prev, { schedule } as EventFilters) });
  }
  /**
   * `on.workflow_dispatch:` with typed inputs (`inputs.<name>` in the context).
   *
   * @example
   * ```ts
   * w.onDispatch({ environment: { type: 'environment', required: true }, dry_run: { type: 'boolean', default: false } })
   * ```
   */
  onDispatch<const I extends Record<string, DispatchInput>>(inputs?: I): Workflow<Jobs, Inputs | (keyof I & string), Secrets, Vars, CallOutputs> {
    return this.#with({ on: mergeOn(this.#state.model.on, { workflow_dispatch: inputs === undefined ? null : { inputs: clone(inputs) } } as EventFilters) });
  }
  /**
   * `on.workflow_call:` — makes this a reusable workflow, with typed inputs.
   *
   * @example
   * ```ts
   * w.onCall({ inputs: { image: { type: 'string', required: true } }, secrets: { token: { required: true } } })
   * ```
   */
  onCall<const I extends string = never, const S extends string = never, const O extends string = never>(
    trigger: CallTrigger<I, S, O> = {},
  ): Workflow<Jobs, Inputs | I, Secrets | S, Vars, CallOutputs | O> {
    const t: Record<string, unknown> = {};
    if (trigger.inputs) t.inputs = clone(trigger.inputs);
    if (trigger.outputs) {
      const outputs = trigger.outputs as Readonly<Record<string, { readonly description?: string; readonly value: string | Expr }>>;
      t.outputs = Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, { ...o, value: String(o.value) }]));
    }
    if (trigger.secrets) t.secrets = clone(trigger.secrets);
    return this.#with({ on: mergeOn(this.#state.model.on, { workflow_call: Object.keys(t).length > 0 ? t : null } as EventFilters) });
  }
  /**
   * Declares the repository secrets the workflow uses. Once any are declared, `secrets.<name>` in a
   * context accepts only those (and `GITHUB_TOKEN`). Writes nothing.
   *
   * @example
   * ```ts
   * w.secrets('NPM_TOKEN').job('publish', (j) => j.runsOn('ubuntu-latest').step(({ secrets }) => ({ run: 'npm publish', env: { NODE_AUTH_TOKEN: secrets.NPM_TOKEN } })))
   * // env:
   * //   NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
   * ```
   */
  secrets<const S extends string>(..._names: S[]): Workflow<Jobs, Inputs, Secrets | S, Vars, CallOutputs> {
    return this as unknown as Workflow<Jobs, Inputs, Secrets | S, Vars, CallOutputs>;
  }
  /**
   * Declares the configuration variables the workflow uses; then `vars.<name>` accepts only those.
   * Writes nothing.
   *
   * @example
   * ```ts
   * w.vars('REGION').job('deploy', (j) => j.runsOn('ubuntu-latest').step(({ vars }) => ({ run: `deploy --region ${vars.REGION}` })))
   * // run: deploy --region ${{ vars.REGION }}
   * ```
   */
  vars<const V extends string>(..._names: V[]): Workflow<Jobs, Inputs, Secrets, Vars | V, CallOutputs> {
    return this as unknown as Workflow<Jobs, Inputs, Secrets, Vars | V, CallOutputs>;
  }
  /** `permissions:` — per scope, `read-all` or `write-all`. @example `w.permissions({ contents: 'read' })` */
  permissions(permissions: PermissionsModel): this {
    return this.#with({ permissions: clone(permissions) });
  }
  /** `env:` for every job (merged with earlier calls). */
  env(env: Readonly<Record<string, InputValue>>): this {
    const prev = this.#state.model.env;
    assertEnvNames(env);
    return this.#with({ env: { ...(typeof prev === 'object' ? prev : {}), ...renderMap(env) } });
  }
  /** `defaults.run:` for every job. */
  defaults(run: { readonly shell?: string; readonly 'working-directory'?: string }): this {
    return this.#with({ defaults: { run: { ...run } } });
  }
  /** `concurrency:` @example `w.concurrency({ group: \`ci-${expr.github.ref}\`, 'cancel-in-progress': true })` */
  concurrency(concurrency: string | { readonly group: string; readonly 'cancel-in-progress'?: boolean | Expr; readonly queue?: 'single' | 'max' }): this {
    if (typeof concurrency === 'string') return this.#with({ concurrency });
    const { 'cancel-in-progress': cancel, ...rest } = concurrency;
    return this.#with({ concurrency: { ...rest, ...(cancel !== undefined ? { 'cancel-in-progress': renderValue(cancel) as boolean | string } : {}) } });
  }
  /**
   * The pinning policy: `tag` (default) writes `uses:` as given; `sha` writes
   * `owner/repo@<sha> # <tag>` for every reference in `shas`, and the `workflow/unpinned-action`
   * rule reports the rest.
   *
   * @example
   * ```ts
   * w.pin('sha', { 'actions/checkout@v4': '11bd71901bbe5b1630ceea73d27597364c9af683' })
   * // - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4
   * ```
   */
  pin(policy: 'tag' | 'sha', shas: Readonly<Record<string, string>> = {}): this {
    const prev = this.#state.model.$pinning?.shas ?? {};
    const all = { ...prev, ...shas };
    return this.#with({ $pinning: { policy, ...(Object.keys(all).length > 0 ? { shas: all } : {}) } });
  }

  /**
   * Adds a job. The callback builds it; its outputs become `needs.<id>.outputs.*` for later jobs.
   * Referencing `needs.<job>.outputs.*` adds `<job>` to `needs:` by itself.
   *
   * @example
   * ```ts
   * w.job('build', (j) => j.runsOn('ubuntu-latest').step('meta', dockerMetadata({ images: 'ghcr.io/acme/api' })).outputs(({ steps }) => ({ tags: steps.meta.outputs.tags })))
   *  .job('deploy', (j) => j.runsOn('ubuntu-latest').step(({ needs }) => ({ run: `deploy ${needs.build.outputs.tags}` })));
   * // deploy:
   * //   needs: build
   * //   runs-on: ubuntu-latest
   * //   steps:
   * //     - run: deploy ${{ needs.build.outputs.tags }}
   * ```
   */
  job<const Id extends string, O extends string = never>(
    id: Id,
    build: (job: JobBuilder<Jobs, Inputs, {}, never, never, Secrets, Vars>) => { readonly [JOB_OUTPUTS]?: O },
  ): Workflow<Simplify<Jobs & { [K in Id]: O }>, Inputs, Secrets, Vars, CallOutputs> {
    if (typeof id !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) {
      throw new UsageError('workflow/invalid-job-id', `job id ${JSON.stringify(id)} is not valid`, 'start with a letter or `_`; use letters, digits, `-` and `_`');
    }
    // a `jobs:` read from a file that is not a map becomes one (as spreading it into an object would)
    const raw = this.#state.model.jobs as unknown;
    const jobs = isJobMap(raw) ? this.#state.jobs : PMap.from(Object.entries({ ...(raw as object) }) as [string, JobModel][]);
    if (jobs.has(id)) throw new UsageError('workflow/duplicate-job', `a job "${id}" already exists in this workflow`);
    const built = build(new JobBuilder<Jobs, Inputs, {}, never, never, Secrets, Vars>({ job: {}, steps: PList.empty(), stepIds: PList.empty() }));
    if (!(built instanceof JobBuilder)) throw new UsageError('workflow/invalid-job', `the callback for job "${id}" must return the job builder`);
    const job = built.toModel() as Record<string, unknown>;
    // referencing needs.<job>.outputs.* adds the edge
    const explicit = job.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : (job.needs as string[]);
    const auto = referencedNeeds(job).filter((n) => jobs.has(n) && !explicit.includes(n));
    if (auto.length > 0) {
      const all = [...explicit, ...auto];
      job.needs = all.length === 1 ? all[0] : all;
    }
    const comments = JobBuilder.commentsOf(built).map(([p, text]) => [['jobs', id, ...p], text] as const);
    const layout = comments.length > 0 ? mergeLayouts(this.#state.layout, commentLayout(comments)) : this.#state.layout;
    const model = isJobMap(raw) ? this.#state.model : { ...this.#state.model, jobs: {} };
    return new Workflow({ model, jobs: jobs.set(id, freezeDeep(job as JobModel)), ...(layout ? { layout } : {}) });
  }

  /** Applies `fn` when `condition` holds. */
  $if(condition: boolean, fn: (w: this) => this): this {
    return condition ? fn(this) : this;
  }
  /** Passes the builder through `fn`: reusable fragments (`w.$call(addLintJob)`). */
  $call<R>(fn: (w: this) => R): R {
    return fn(this);
  }
  /** Raw keys the model does not know yet, deep-merged into the file as written. */
  $raw(raw: Readonly<Record<string, unknown>>): this {
    const prev = this.#state.model.$raw ?? {};
    return this.#with({ $raw: { ...prev, ...clone(raw) } });
  }

  /** The workflow as model data (a fresh copy). */
  toModel(): WorkflowModel {
    // without `.on(…)`, `on` stays absent and validation reports it (workflow/schema/invalid-type at `on`)
    const model = clone(this.#state.model) as WorkflowModel;
    const { jobs } = this.#state;
    if (jobs.size > 0 || isJobMap(model.jobs)) model.jobs = clone(jobs.toObject());
    return withLayout(model, this.#state.layout);
  }
  /** The YAML text (without the generated-file marker). */
  toString(): string {
    return synthWorkflow(this.toModel());
  }
}

// ─── composite actions ──────────────────────────────────────────────────────────────────────────

/** An input of a composite action as the builder takes it. */
export interface ActionInput {
  readonly description?: string;
  readonly required?: boolean;
  readonly default?: string | number | boolean;
  readonly deprecationMessage?: string;
}

/**
 * An immutable, typed composite action (`action.yml`). Inputs and step outputs accumulate in the
 * type; `run:` steps get `shell: bash` unless they name a shell (composite actions require one).
 *
 * @example
 * ```ts
 * Action.create('Setup Python project', 'Install uv and sync dependencies')
 *   .input('python-version', { description: 'Python version', default: '3.13' })
 *   .step(({ inputs }) => setupPython({ 'python-version': inputs['python-version'] }))
 *   .step({ run: 'pip install uv && uv sync' })
 *   .toString();
 * // name: Setup Python project
 * // description: Install uv and sync dependencies
 * // inputs:
 * //   python-version:
 * //     description: Python version
 * //     default: '3.13'
 * // runs:
 * //   using: composite
 * //   steps:
 * //     - uses: actions/setup-python@v5
 * //       with:
 * //         python-version: ${{ inputs.python-version }}
 * //     - run: pip install uv && uv sync
 * //       shell: bash
 * ```
 */
export class Action<Inputs extends string = never, Steps extends Record<string, string> = {}, Outputs extends string = never> {
  // a composite action's steps are in a persistent list (adding one is O(1), not a copy of the
  // others); `model.runs.steps` is then an empty placeholder
  readonly #state: { readonly model: ActionModel; readonly steps: PList<StepModel>; readonly layout: YamlLayout | undefined };
  readonly [ACTION] = true as const;
  declare readonly [JOB_OUTPUTS]?: Outputs;

  private constructor(model: ActionModel, steps?: PList<StepModel>, layout?: YamlLayout) {
    const listed = (model.runs as { steps?: unknown } | undefined)?.steps;
    this.#state =
      steps === undefined && Array.isArray(listed) && listed.length > 0
        ? Object.freeze({ model: freezeDeep({ ...model, runs: { ...model.runs, steps: [] } as ActionModel['runs'] }), steps: PList.from((listed as StepModel[]).map((st) => freezeDeep(st))), layout })
        : Object.freeze({ model: freezeDeep(model), steps: steps ?? PList.empty(), layout });
  }

  /** A new composite action. */
  static create(name: string, description: string): Action {
    if (!name || !description) throw new UsageError('workflow/empty-name', 'an action needs a non-empty name and description');
    return new Action({ name, description, runs: { using: 'composite', steps: [] } });
  }
  /** Reads an `action.yml`; throws a `SynthError` listing the problems when it cannot. */
  static parse(text: string, file?: string): Action<string, Record<string, string>, string> {
    const { model, issues } = parseAction(text, file);
    if (model === undefined) throw new SynthError(issues);
    return new Action(clone(model), undefined, layoutOf(model)) as unknown as Action<string, Record<string, string>, string>;
  }
  /** True for an `Action` from any copy of devstack-kit. */
  static isAction(value: unknown): value is Action<string, Record<string, string>, string> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ACTION] === true;
  }

  #with(patch: Partial<ActionModel>, layout: YamlLayout | undefined = this.#state.layout): any {
    return new Action({ ...this.#state.model, ...patch }, this.#state.steps, layout);
  }

  /**
   * A comment at the top of the file (after the generated-file marker); each line becomes a `#` line.
   * A step takes its comment as `comment` in its spec.
   *
   * @example
   * ```ts
   * Action.create('Setup', 'Install deps').comment('used by ci.yml').step({ run: 'uv sync', comment: 'locked versions' });
   * // # used by ci.yml
   * // name: Setup
   * // …
   * //     # locked versions
   * //     - run: uv sync
   * ```
   */
  comment(text: string): this {
    return this.#with({}, mergeLayouts(this.#state.layout, { commentBefore: commentText(text), nodes: {} }));
  }

  /** `author:` */
  author(author: string): this {
    return this.#with({ author });
  }
  /** Adds an input (typed as `inputs.<name>` for later steps). */
  input<const N extends string>(name: N, input: ActionInput = {}): Action<Inputs | N, Steps, Outputs> {
    return this.#with({ inputs: { ...(this.#state.model.inputs ?? {}), [name]: { ...input } } });
  }
  /** Adds a step (`shell: bash` is added to `run:` steps without a shell). */
  step<O extends string = never>(spec: OrContext<StepSpec<O>, Context<{}, Steps, never, Inputs>>): this;
  step<const Id extends string, O extends string = never>(
    id: Id,
    spec: OrContext<StepSpec<O>, Context<{}, Steps, never, Inputs>>,
  ): Action<Inputs, Simplify<Steps & { [K in Id]: O }>, Outputs>;
  step(a: unknown, b?: unknown): any {
    const id = typeof a === 'string' ? a : undefined;
    const model = toStepModel(resolve((id === undefined ? a : b) as OrContext<StepSpec<string>, unknown>), id);
    if (model.run !== undefined && model.shell === undefined) model.shell = 'bash';
    const runs = this.#state.model.runs;
    if (runs.using !== 'composite' || !('steps' in runs)) throw new UsageError('workflow/not-composite', 'steps can only be added to a composite action');
    const comment = ((id === undefined ? a : b) as { comment?: unknown } | undefined)?.comment;
    const layout = comment !== undefined
      ? mergeLayouts(this.#state.layout, commentLayout([[['runs', 'steps', this.#state.steps.size], comment as string]]))
      : this.#state.layout;
    return new Action(this.#state.model, this.#state.steps.push(freezeDeep(model)), layout);
  }
  /** Adds outputs (composite outputs need a `value`). */
  outputs<const O extends Record<string, { readonly description?: string; readonly value: string | Expr }>>(
    outputs: OrContext<O, Context<{}, Steps, never, Inputs>>,
  ): Action<Inputs, Steps, Outputs | (keyof O & string)> {
    const resolved = resolve(outputs);
    const rendered = Object.fromEntries(Object.entries(resolved).map(([k, o]) => [k, { ...o, value: String(o.value) }]));
    return this.#with({ outputs: { ...(this.#state.model.outputs ?? {}), ...rendered } });
  }
  /**
   * The pinning policy for the action's `uses:` steps (see {@link Workflow.pin}).
   *
   * @example
   * ```ts
   * a.pin('sha', { 'astral-sh/setup-uv@v6': '<sha>' })
   * // - uses: astral-sh/setup-uv@<sha> # v6
   * ```
   */
  pin(policy: 'tag' | 'sha', shas: Readonly<Record<string, string>> = {}): this {
    const all = { ...(this.#state.model.$pinning?.shas ?? {}), ...shas };
    return this.#with({ $pinning: { policy, ...(Object.keys(all).length > 0 ? { shas: all } : {}) } });
  }
  /** `branding:` for the Marketplace. */
  branding(branding: { readonly color?: string; readonly icon?: string }): this {
    return this.#with({ branding: { ...branding } });
  }
  /** Applies `fn` when `condition` holds. */
  $if(condition: boolean, fn: (a: this) => this): this {
    return condition ? fn(this) : this;
  }
  /** Passes the builder through `fn`. */
  $call<R>(fn: (a: this) => R): R {
    return fn(this);
  }
  /** Raw keys the model does not know yet, deep-merged into the file as written. */
  $raw(raw: Readonly<Record<string, unknown>>): this {
    return this.#with({ $raw: { ...(this.#state.model.$raw ?? {}), ...clone(raw) } });
  }
  /** The action as model data. */
  toModel(): ActionModel {
    const model = clone(this.#state.model) as ActionModel;
    const runs = model.runs as { steps?: unknown };
    if (Array.isArray(runs.steps)) runs.steps = clone(this.#state.steps.toArray());
    return withLayout(model, this.#state.layout);
  }
  /** The YAML text (without the generated-file marker). */
  toString(): string {
    return synthAction(this.toModel());
  }
}

export type { CallJobModel, NormalJobModel };
