/**
 * `Workflow`: the immutable, typed builder of a workflow file. Job ids and their outputs, and the
 * inputs of `workflow_dispatch`/`workflow_call`, accumulate in its type, so `needs` and
 * `needs.<job>.outputs.*` are checked at compile time. Its jobs are `JobBuilder`s (job.ts).
 * @module
 */
import { requireText, UsageError } from '../core/errors.js';
import type { Issue } from '../core/issue.js';
import { commentLayout, commentText, layoutOf, mergeLayouts, withLayout, type YamlLayout } from '../core/layout.js';
import { nestSites, recordSite, recordSites, withSources, type SiteList } from '../core/source.js';
import { PList, PMap } from '../core/persistent.js';
import { resolve, type CALL_OUTPUTS, type CALL_SIGNATURE, type CallOutputsContext, type CallSignature, type JOB_OUTPUTS, type NoCall, type OrContext, type Simplify, type WORKFLOW_INPUTS } from './context.js';
import { expressionsIn, type Expr } from './expressions.js';
import { JobBuilder } from './job.js';
import type { CallJobModel, EventMap, EVENT_TYPES, JobModel, NormalJobModel, PermissionsModel, WorkflowEvent, WorkflowModel } from './model.js';
import { parseWorkflow } from './parse.js';
import { assertEnvNames, renderValue, type InputValue } from './steps.js';
import { synthWorkflow } from './synth.js';
import { clone, freezeDeep, renderMap } from './values.js';
import { mergeRawPatch } from '../core/raw.js';

const WORKFLOW = Symbol.for('devstack-kit.Workflow');


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

/** The keys of `map` whose value says `required: true`. */
type RequiredKeys<M> = M extends object ? { [K in keyof M]: M[K] extends { readonly required: true } ? K : never }[keyof M] & string : never;
/** `Call` with the inputs and secrets of one more `onCall(…)`. */
type AddCall<C extends CallSignature, I extends string, RI extends string, S extends string, RS extends string> = CallSignature<
  C['inputs'] | I,
  C['requiredInputs'] | RI,
  C['secrets'] | S,
  C['requiredSecrets'] | RS
>;
/** The call signature of a workflow read from a file: any input or secret, none known to be required. */
export type OpenCall = CallSignature<string, never, string, never>;

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
  /** What `Workflow.parse` found in the text (kept by every later method). */
  readonly issues?: readonly Issue[];
  /** Where in the config each key and job was set (see `core/source.ts`); not part of the model. */
  readonly sites?: SiteList | undefined;
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
  Call extends CallSignature = NoCall,
> {
  declare readonly [CALL_OUTPUTS]?: CallOutputs;
  declare readonly [CALL_SIGNATURE]?: Call;
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
   * Reads a workflow file into a builder (unknown keys kept raw). Never throws for what the text
   * says (like `Dockerfile.parse`): when it cannot be read, the builder is empty and
   * {@link Workflow.parseIssues} lists the problems. Only a non-string argument throws.
   *
   * @example
   * ```ts
   * Workflow.parse(readFileSync('.github/workflows/ci.yml', 'utf8')).job('lint', (j) => j.runsOn('ubuntu-latest').step({ run: 'make lint' }));
   * ```
   */
  static parse(text: string, file?: string): Workflow<Record<string, string>, string, never, never, never, OpenCall> {
    requireText(text, 'Workflow.parse');
    const { model, issues } = parseWorkflow(text, file);
    const workflow = model === undefined ? (Workflow.create() as unknown as Workflow<Record<string, string>, string>) : Workflow.fromModel(model);
    return issues.length === 0 ? workflow : new Workflow({ ...workflow.#state, issues }) as unknown as Workflow<Record<string, string>, string>;
  }

  /**
   * The problems {@link Workflow.parse} found in the text (empty for a built workflow): errors, and
   * notes such as unknown keys kept raw.
   *
   * @example
   * ```ts
   * Workflow.parse('on: [push').parseIssues.map((i) => i.code); // ['core/yaml-syntax']
   * ```
   */
  get parseIssues(): readonly Issue[] {
    return this.#state.issues ?? [];
  }

  /** Wraps a model (from anywhere) in a builder; comments attached to it (`parseWorkflow`) come along. */
  static fromModel(model: WorkflowModel): Workflow<Record<string, string>, string, never, never, never, OpenCall> {
    return new Workflow(stateOf(clone(model), layoutOf(model))) as unknown as Workflow<Record<string, string>, string, never, never, never, OpenCall>;
  }

  /** True for a `Workflow` from any copy of devstack-kit. */
  static isWorkflow(value: unknown): value is Workflow<Record<string, string>, string, never, never, never, OpenCall> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WORKFLOW] === true;
  }

  #with(patch: Partial<WorkflowState['model']>, layout: YamlLayout | undefined = this.#state.layout): any {
    const { layout: _old, ...rest } = this.#state;
    const sites = recordSites(this.#state.sites, Object.keys(patch).map((key) => [key]));
    return new Workflow({ ...rest, model: { ...this.#state.model, ...patch }, ...(layout ? { layout } : {}), sites });
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
  onDispatch<const I extends Record<string, DispatchInput>>(inputs?: I): Workflow<Jobs, Inputs | (keyof I & string), Secrets, Vars, CallOutputs, Call> {
    return this.#with({ on: mergeOn(this.#state.model.on, { workflow_dispatch: inputs === undefined ? null : { inputs: clone(inputs) } } as EventFilters) });
  }
  /**
   * `on.workflow_call:` — makes this a reusable workflow, with typed inputs. A job that `call`s it
   * must pass its required inputs and may pass only its declared secrets.
   *
   * @example
   * ```ts
   * w.onCall({ inputs: { image: { type: 'string', required: true } }, secrets: { token: { required: true } } })
   * // on:
   * //   workflow_call:
   * //     inputs:
   * //       image:
   * //         type: string
   * //         required: true
   * //     secrets:
   * //       token:
   * //         required: true
   * ```
   */
  onCall<const I extends string = never, const S extends string = never, const O extends string = never, const T extends CallTrigger<I, S, O> = CallTrigger<I, S, O>>(
    trigger: T & CallTrigger<I, S, O> = {} as T & CallTrigger<I, S, O>,
  ): Workflow<Jobs, Inputs | I, Secrets | S, Vars, CallOutputs | O, AddCall<Call, I, RequiredKeys<T['inputs']>, S, RequiredKeys<T['secrets']>>> {
    const t: Record<string, unknown> = {};
    if (trigger.inputs) t.inputs = clone(trigger.inputs);
    if (trigger.outputs) {
      const outputs = trigger.outputs as Readonly<Record<string, { readonly description?: string; readonly value: string | Expr }>>;
      t.outputs = Object.fromEntries(Object.entries(outputs).map(([k, o]) => [k, { ...o, value: String(o.value) }]));
    }
    if (trigger.secrets) t.secrets = clone(trigger.secrets);
    return this.#with({ on: mergeOn(this.#state.model.on, { workflow_call: Object.keys(t).length > 0 ? t : null } as EventFilters) }) as never;
  }
  /**
   * Adds `on.workflow_call.outputs` whose values reference the workflow's jobs: `jobs.<id>.outputs.<name>`
   * accepts only jobs defined before and the outputs they declared. Call it after the jobs.
   *
   * @example
   * ```ts
   * w.onCall().job('build', (j) => j.runsOn('ubuntu-latest').run('make').outputs({ digest: '${{ steps.push.outputs.digest }}' }))
   *   .callOutputs(({ jobs }) => ({ digest: { description: 'the image digest', value: jobs.build.outputs.digest } }));
   * // on:
   * //   workflow_call:
   * //     outputs:
   * //       digest:
   * //         description: the image digest
   * //         value: ${{ jobs.build.outputs.digest }}
   * ```
   */
  callOutputs<const O extends string>(
    outputs: OrContext<{ readonly [K in O]: { readonly description?: string; readonly value: string | Expr } }, CallOutputsContext<Jobs>>,
  ): Workflow<Jobs, Inputs, Secrets, Vars, CallOutputs | O, Call> {
    const resolved = resolve(outputs) as Readonly<Record<string, { readonly description?: string; readonly value: string | Expr }>>;
    const on = this.#state.model.on;
    const prev = on !== null && typeof on === 'object' && !Array.isArray(on) ? ((on as Record<string, unknown>)['workflow_call'] as Record<string, unknown> | null | undefined) : undefined;
    const prevOutputs = (prev?.['outputs'] ?? {}) as Record<string, unknown>;
    const next = { ...(prev ?? {}), outputs: { ...prevOutputs, ...Object.fromEntries(Object.entries(resolved).map(([k, o]) => [k, { ...o, value: String(o.value) }])) } };
    return this.#with({ on: mergeOn(on, { workflow_call: next } as EventFilters) }) as never;
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
  secrets<const S extends string>(..._names: S[]): Workflow<Jobs, Inputs, Secrets | S, Vars, CallOutputs, Call> {
    return this as unknown as Workflow<Jobs, Inputs, Secrets | S, Vars, CallOutputs, Call>;
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
  vars<const V extends string>(..._names: V[]): Workflow<Jobs, Inputs, Secrets, Vars | V, CallOutputs, Call> {
    return this as unknown as Workflow<Jobs, Inputs, Secrets, Vars | V, CallOutputs, Call>;
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
  ): Workflow<Simplify<Jobs & { [K in Id]: O }>, Inputs, Secrets, Vars, CallOutputs, Call> {
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
    const sites = nestSites(recordSite(this.#state.sites, ['jobs', id]), ['jobs', id], JobBuilder.sitesOf(built));
    return new Workflow({ model, jobs: jobs.set(id, freezeDeep(job as JobModel)), ...(layout ? { layout } : {}), ...(this.#state.issues ? { issues: this.#state.issues } : {}), sites });
  }

  /** Applies `fn` when `condition` holds. */
  $if(condition: boolean, fn: (w: this) => this): this {
    return condition ? fn(this) : this;
  }
  /** Passes the builder through `fn`: reusable fragments (`w.$call(addLintJob)`). */
  $call<R>(fn: (w: this) => R): R {
    return fn(this);
  }
  /**
   * Raw keys the model does not know yet, deep-merged into the file as written. Calls accumulate by
   * the one `$raw` rule (`mergeRawPatch`): objects merge key by key, anything else (lists too)
   * is replaced, the later call wins per key.
   *
   * @example
   * ```ts
   * w.$raw({ env: { A: '1' } }).$raw({ env: { B: '2' } });
   * // env:
   * //   A: "1"
   * //   B: "2"
   * ```
   */
  $raw(raw: Readonly<Record<string, unknown>>): this {
    return this.#with({ $raw: mergeRawPatch(this.#state.model.$raw, clone(raw)) });
  }

  /** The workflow as model data (a fresh copy). */
  toModel(): WorkflowModel {
    // without `.on(…)`, `on` stays absent and validation reports it (workflow/schema/invalid-type at `on`)
    const model = clone(this.#state.model) as WorkflowModel;
    const { jobs } = this.#state;
    if (jobs.size > 0 || isJobMap(model.jobs)) model.jobs = clone(jobs.toObject());
    return withSources(withLayout(model, this.#state.layout), this.#state.sites);
  }
  /** The YAML text (without the generated-file marker). */
  toString(): string {
    return synthWorkflow(this.toModel());
  }
}

export type { CallJobModel, NormalJobModel };
