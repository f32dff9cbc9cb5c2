/**
 * `Action`: the immutable, typed builder of a composite action (`action.yml`). Its inputs and step
 * outputs accumulate in its type.
 * @module
 */
import { requireText, UsageError } from '../core/errors.js';
import type { Issue } from '../core/issue.js';
import { commentLayout, commentText, layoutOf, mergeLayouts, withLayout, type YamlLayout } from '../core/layout.js';
import { PList } from '../core/persistent.js';
import { resolve, type Context, type JOB_OUTPUTS, type OrContext, type Simplify } from './context.js';
import type { Expr } from './expressions.js';
import type { ActionModel, StepModel } from './model.js';
import { parseAction } from './parse.js';
import { toStepModel, type StepSpec } from './steps.js';
import { synthAction } from './synth.js';
import { clone, freezeDeep } from './values.js';
import { mergeRawPatch } from '../core/raw.js';

const ACTION = Symbol.for('devstack-kit.Action');


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
  readonly #state: { readonly model: ActionModel; readonly steps: PList<StepModel>; readonly layout: YamlLayout | undefined; readonly issues: readonly Issue[] };
  readonly [ACTION] = true as const;
  declare readonly [JOB_OUTPUTS]?: Outputs;

  private constructor(model: ActionModel, steps?: PList<StepModel>, layout?: YamlLayout, issues: readonly Issue[] = []) {
    const listed = (model.runs as { steps?: unknown } | undefined)?.steps;
    this.#state =
      steps === undefined && Array.isArray(listed) && listed.length > 0
        ? Object.freeze({ model: freezeDeep({ ...model, runs: { ...model.runs, steps: [] } as ActionModel['runs'] }), steps: PList.from((listed as StepModel[]).map((st) => freezeDeep(st))), layout, issues: freezeDeep([...issues]) })
        : Object.freeze({ model: freezeDeep(model), steps: steps ?? PList.empty(), layout, issues: freezeDeep([...issues]) });
  }

  /** A new composite action. */
  static create(name: string, description: string): Action {
    if (!name || !description) throw new UsageError('workflow/empty-name', 'an action needs a non-empty name and description');
    return new Action({ name, description, runs: { using: 'composite', steps: [] } });
  }
  /**
   * Reads an `action.yml`. Never throws for what the text says (like `Dockerfile.parse`): when it
   * cannot be read, the action is empty and {@link Action.parseIssues} lists the problems. Only a
   * non-string argument throws.
   *
   * @example
   * ```ts
   * Action.parse('name: [').parseIssues.map((i) => i.code); // ['core/yaml-syntax']
   * ```
   */
  static parse(text: string, file?: string): Action<string, Record<string, string>, string> {
    requireText(text, 'Action.parse');
    const { model, issues } = parseAction(text, file);
    if (model === undefined) return new Action({} as ActionModel, undefined, undefined, issues) as unknown as Action<string, Record<string, string>, string>;
    return new Action(clone(model), undefined, layoutOf(model), issues) as unknown as Action<string, Record<string, string>, string>;
  }

  /**
   * The problems {@link Action.parse} found in the text (empty for a built action).
   *
   * @example
   * ```ts
   * Action.parse('runs: [').parseIssues[0]?.code; // 'core/yaml-syntax'
   * ```
   */
  get parseIssues(): readonly Issue[] {
    return this.#state.issues;
  }
  /** True for an `Action` from any copy of devstack-kit. */
  static isAction(value: unknown): value is Action<string, Record<string, string>, string> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ACTION] === true;
  }

  #with(patch: Partial<ActionModel>, layout: YamlLayout | undefined = this.#state.layout): any {
    return new Action({ ...this.#state.model, ...patch }, this.#state.steps, layout, this.#state.issues);
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
    return new Action(this.#state.model, this.#state.steps.push(freezeDeep(model)), layout, this.#state.issues);
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
  /**
   * Raw keys the model does not know yet, deep-merged into the file as written. Calls accumulate by
   * the one `$raw` rule (`mergeRawPatch`): objects merge key by key, anything else (lists too)
   * is replaced, the later call wins per key.
   *
   * @example
   * ```ts
   * a.$raw({ env: { A: '1' } }).$raw({ env: { B: '2' } });
   * // env:
   * //   A: "1"
   * //   B: "2"
   * ```
   */
  $raw(raw: Readonly<Record<string, unknown>>): this {
    return this.#with({ $raw: mergeRawPatch(this.#state.model.$raw, clone(raw)) });
  }
  /** The action as model data. */
  toModel(): ActionModel {
    const model = clone(this.#state.model) as ActionModel;
    const runs = model.runs as { steps?: unknown } | undefined; // a parsed file may have no runs:
    if (runs && Array.isArray(runs.steps)) runs.steps = clone(this.#state.steps.toArray());
    return withLayout(model, this.#state.layout);
  }
  /** The YAML text (without the generated-file marker). */
  toString(): string {
    return synthAction(this.toModel());
  }
}
