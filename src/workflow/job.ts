/**
 * `JobBuilder`: the builder of one job of a workflow. Immutable; the jobs declared before it, its
 * step ids and their outputs, matrix keys and outputs accumulate in its type, so `needs`,
 * `matrix.*` and `steps.<id>.outputs.*` are checked at compile time.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { commentText } from '../core/layout.js';
import { PList } from '../core/persistent.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { resolve, type CALL_OUTPUTS, type CALL_SIGNATURE, type CallSecrets, type CallSignature, type CallWith, type Context, type JOB_OUTPUTS, type OrContext, type Simplify } from './context.js';
import { isExpr, type Expr, type MATRIX_KEY } from './expressions.js';
import type { JobModel, MatrixValue, NormalJobModel, PermissionsModel, StepModel } from './model.js';
import { recordSite, recordSites, type SiteList } from '../core/source.js';
import { assertEnvNames, renderCondition, renderValue, toStepModel, type Condition, type InputValue, type StepSpec } from './steps.js';
import { clone, freezeDeep, renderMap } from './values.js';
import { mergeRawPatch } from '../core/raw.js';


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
export interface JobState {
  readonly job: Readonly<Record<string, unknown>>;
  readonly steps: PList<StepModel>;
  readonly stepIds: PList<string>;
  /** Comments by path inside the job (`[]`: the job; `['steps', i]`: a step); not part of the model. */
  readonly comments?: readonly (readonly [readonly (string | number)[], string])[];
  /** Where in the config each key and step was set (see `core/source.ts`); not part of the model. */
  readonly sites?: SiteList | undefined;
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
    const sites = recordSites(this.#state.sites, Object.keys(patch).map((key) => [key]));
    return new JobBuilder({ ...this.#state, job: { ...this.#state.job, ...patch }, sites });
  }

  /** @internal Where in the config the job's keys and steps were set (for `Workflow.job`). */
  static sitesOf(job: JobBuilder<any, any, any, any, any, any, any>): SiteList | undefined {
    return job.#state.sites;
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
  runsOn<const V extends RunsOn | Expr>(runsOn: MatrixChecked<V, Matrix>): this;
  // the signature above checks matrix keys; `any` here because that check's conditional type does not reduce
  runsOn(runsOn: any): this {
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
  if<const V extends OrContext<Condition, Context<Jobs, {}, Matrix, Inputs, Secrets, Vars>>>(condition: MatrixChecked<V, Matrix>): this;
  if(condition: any): this {
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
  timeout<const V extends number | Expr>(minutes: MatrixChecked<V, Matrix>): this;
  timeout(minutes: any): this {
    return this.#with({ 'timeout-minutes': renderValue(minutes) });
  }
  /** `continue-on-error:` */
  continueOnError<const V extends boolean | Expr>(value: MatrixChecked<V, Matrix>): this;
  continueOnError(value: any): this {
    return this.#with({ 'continue-on-error': renderValue(value) });
  }
  /** `env:` for every step of the job (merged with earlier calls). */
  env<const V extends OrContext<Readonly<Record<string, InputValue>>, Context<Jobs, {}, Matrix, Inputs, Secrets, Vars>>>(env: MatrixChecked<V, Matrix>): this;
  env(env: any): this {
    const prev = this.#state.job.env;
    const map = resolve(env);
    assertEnvNames(map);
    return this.#with({ env: { ...(typeof prev === 'object' ? prev : {}), ...renderMap(map) } });
  }
  /**
   * `defaults.run:` — the shell and working directory of `run:` steps (not of `uses:` steps). Either
   * may be an expression, e.g. `j.defaults({ 'working-directory': expr.matrix('app') })`.
   */
  defaults<const V extends { readonly shell?: string | Expr; readonly 'working-directory'?: string | Expr }>(run: MatrixChecked<V, Matrix>): this;
  defaults(run: any): this {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(run as Record<string, string | Expr | undefined>)) if (v !== undefined) out[k] = isExpr(v) ? v.toString() : v;
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
      sites: recordSite(this.#state.sites, ['steps', steps.size]),
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
   * Calls a reusable workflow built here: `with:` accepts only its `workflow_call` inputs and must
   * give the required ones; `secrets:` is `'inherit'` or a map of only its declared secrets, the
   * required ones included. Its `workflow_call` outputs become this job's outputs for
   * `needs.<job>.outputs.*`. The same checks run when the call is made, for untyped code.
   *
   * @example
   * ```ts
   * const build = Workflow.create('Build').onCall({ inputs: { image: { type: 'string', required: true } }, secrets: { token: { required: true } } })…;
   * w.job('build', (j) => j.call('./.github/workflows/build.yml', build, { with: { image: 'api' }, secrets: { token: expr.secrets.REGISTRY_TOKEN } }))
   * // build:
   * //   uses: ./.github/workflows/build.yml
   * //   with:
   * //     image: api
   * //   secrets:
   * //     token: ${{ secrets.REGISTRY_TOKEN }}
   * ```
   */
  call<C extends CallSignature, CO extends string>(
    path: string,
    workflow: { readonly [CALL_OUTPUTS]?: CO; readonly [CALL_SIGNATURE]?: C; toModel(): unknown },
    ...options: [C['requiredInputs'] | C['requiredSecrets']] extends [never] ? [options?: CallOptions<C>] : [options: CallOptions<C>]
  ): JobBuilder<Jobs, Inputs, Steps, Matrix, Outputs | CO, Secrets, Vars> {
    const opts = (options[0] ?? {}) as { readonly with?: Readonly<Record<string, InputValue>>; readonly secrets?: 'inherit' | Readonly<Record<string, InputValue>> };
    checkCall(path, workflow.toModel(), opts);
    return this.uses<CO>(path, opts);
  }

  /** Applies `fn` when `condition` holds (kysely's `$if`). */
  $if(condition: boolean, fn: (j: this) => this): this {
    return condition ? fn(this) : this;
  }
  /** Passes the builder through `fn` (kysely's `$call`): reusable fragments. */
  $call<R>(fn: (j: this) => R): R {
    return fn(this);
  }
  /**
   * Raw keys the model does not know yet, deep-merged into the job as written. Calls accumulate by
   * the one `$raw` rule (`mergeRawPatch`): objects merge key by key, anything else (lists too)
   * is replaced, the later call wins per key.
   *
   * @example
   * ```ts
   * j.$raw({ env: { A: '1' } }).$raw({ env: { B: '2' } });
   * // env:
   * //   A: "1"
   * //   B: "2"
   * ```
   */
  $raw(raw: Readonly<Record<string, unknown>>): this {
    return this.#with({ $raw: mergeRawPatch(this.#state.job.$raw as Record<string, unknown> | undefined, clone(raw)) });
  }

  /** The job as model data. */
  toModel(): JobModel {
    const job = clone(this.#state.job) as Record<string, unknown>;
    if (job.steps !== undefined) job.steps = clone(this.#state.steps.toArray());
    return job as JobModel;
  }
}

/**
 * The options of `JobBuilder.call`: `with` limited to the called workflow's inputs (the required ones
 * required), `secrets` to its declared secrets or `'inherit'`.
 *
 * @example
 * ```ts
 * type O = CallOptions<CallSignature<'image', 'image', 'token', never>>; // { with: { image: InputValue }; secrets?: 'inherit' | { token?: InputValue } }
 * ```
 */
export type CallOptions<C extends CallSignature> = ([C['requiredInputs']] extends [never] ? { readonly with?: CallWith<C, InputValue> } : { readonly with: CallWith<C, InputValue> }) &
  ([C['requiredSecrets']] extends [never] ? { readonly secrets?: CallSecrets<C, InputValue> } : { readonly secrets: CallSecrets<C, InputValue> });

/** Throws when `with`/`secrets` do not fit the called workflow's `on.workflow_call` (for calls the types did not check). */
function checkCall(path: string, model: unknown, options: { readonly with?: Readonly<Record<string, unknown>>; readonly secrets?: 'inherit' | Readonly<Record<string, unknown>> }): void {
  const on = (model as { on?: unknown } | null)?.on;
  const call = on !== null && typeof on === 'object' && !Array.isArray(on) ? ((on as Record<string, unknown>)['workflow_call'] as Record<string, unknown> | null | undefined) : undefined;
  const map = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const inputs = map(call?.['inputs']);
  const given = map(options.with);
  const missing = Object.entries(inputs).filter(([k, v]) => map(v)['required'] === true && !(k in given)).map(([k]) => k);
  if (missing.length > 0) {
    throw new UsageError('workflow/call-missing-input', `call("${path}"): the called workflow requires input${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}, which \`with:\` does not give`, `add them: { with: { ${missing.map((m) => `${m}: …`).join(', ')} } }`);
  }
  if (options.secrets === undefined || options.secrets === 'inherit') {
    const secrets = map(call?.['secrets']);
    const required = Object.entries(secrets).filter(([, v]) => map(v)['required'] === true).map(([k]) => k);
    if (options.secrets === undefined && required.length > 0) {
      throw new UsageError('workflow/call-secrets', `call("${path}"): the called workflow requires secret${required.length > 1 ? 's' : ''} ${required.map((m) => `"${m}"`).join(', ')}, and no \`secrets:\` are passed`, `pass them: { secrets: { ${required.map((m) => `${m}: …`).join(', ')} } } or { secrets: 'inherit' }`);
    }
    return;
  }
  const declared = map(call?.['secrets']);
  const unknown = Object.keys(options.secrets).filter((k) => !(k in declared));
  const missingSecrets = Object.entries(declared).filter(([k, v]) => map(v)['required'] === true && !(k in map(options.secrets))).map(([k]) => k);
  if (unknown.length > 0 || missingSecrets.length > 0) {
    const parts = [
      ...(unknown.length > 0 ? [`passes undeclared secret${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `"${m}"`).join(', ')} (declared: ${Object.keys(declared).map((m) => `"${m}"`).join(', ') || 'none'})`] : []),
      ...(missingSecrets.length > 0 ? [`leaves out required secret${missingSecrets.length > 1 ? 's' : ''} ${missingSecrets.map((m) => `"${m}"`).join(', ')}`] : []),
    ];
    throw new UsageError('workflow/call-secrets', `call("${path}"): ${parts.join(' and ')}`, 'pass only the secrets the called workflow declares under on.workflow_call.secrets, the required ones included, or secrets: \'inherit\'');
  }
}

/** The `expr.matrix('<key>')` keys in `V` (a value, or the values of a plain object) that are not in `M`. */
type StrayMatrixKeys<V, M extends string> = V extends { readonly [MATRIX_KEY]: infer K extends string }
  ? Exclude<K, M>
  : V extends Expr | ((...args: never[]) => unknown) | string | number | boolean | null | undefined
    ? never
    : V extends object
      ? { [P in keyof V]: StrayMatrixKeys<V[P], M> }[keyof V]
      : never;

/**
 * `V` when every `expr.matrix('<key>')` in it names a key of the job's matrix `M`; otherwise a
 * {@link DevstackTypeError} that names the stray key. An open matrix (`string`) accepts any key.
 *
 * @example
 * ```ts
 * j.matrix({ python: ['3.12'] }).defaults({ 'working-directory': expr.matrix('pyhton') });
 * // error TS2345: … not assignable to parameter of type 'DevstackTypeError<"matrix: 'pyhton' is not a key of this job's matrix">'
 * ```
 */
export type MatrixChecked<V, M extends string> = string extends M
  ? V
  : [StrayMatrixKeys<V, M>] extends [never]
    ? V
    : DevstackTypeError<`matrix: '${StrayMatrixKeys<V, M>}' is not a key of this job's matrix`>;
