/**
 * The typed, immutable Dockerfile builder. Stage names accumulate in the type: `COPY --from`,
 * `FROM <stage>` and `RUN --mount=from=` accept only stages declared before, or an explicit
 * {@link image} reference.
 * @module
 */
import { requireText, UsageError } from '../core/errors.js';
import { PList, PMap } from '../core/persistent.js';
import { nestSites, recordSite, withSources, type SiteList } from '../core/source.js';
import type { Issue } from '../core/issue.js';
import type { DevstackTypeError } from '../core/type-error.js';
import { Dockerignore } from './dockerignore.js';
import { LINE_BREAK } from './lexical.js';
import type { Directives, DockerfileModel, DockerignoreModel, Instruction, PreambleItem, Stage } from './model.js';
import { parseDockerfile } from './parse.js';
import { synthDockerfile } from './synth.js';
import { commentLines, deepFreeze, flagText, sourceText, usage, type Mutable, type StageBase, type StageBaseName, type StageOptions } from './inputs.js';
import { StageBuilder } from './stage.js';

export {
  image, isImageRef, cacheMount, bindMount, tmpfsMount, secretMount, sshMount,
  type ImageRef, type ImageString, type StageBase, type StageSource, type StageSourceName, type CheckedMounts, type StageBaseName,
  type BindMountInput, type CacheMountInput, type MountInput,
  type RunOptions, type CopyOptions, type AddOptions, type HealthcheckOptions, type PortInput, type StageOptions,
} from './inputs.js';
export { StageBuilder } from './stage.js';

const BRAND = Symbol.for('devstack-kit.Dockerfile');

/**
 * Persistent lists (adding a stage or a global ARG is O(1), not a copy of the others) and the stage
 * names, lower-cased, for the duplicate check.
 */
interface State {
  readonly directives: Directives;
  readonly preamble: PList<PreambleItem>;
  readonly stages: PList<Stage>;
  readonly stageNames: PMap<true>;
  readonly pending: readonly string[];
  readonly dockerignore: DockerignoreModel | undefined;
  readonly issues: readonly Issue[];
  /** Where in the config each stage and instruction was added (see `core/source.ts`); not part of the model. */
  readonly sites?: SiteList | undefined;
}

/** A stage name the builder accepts: new (not already declared). Parsed Dockerfiles (`S = string`) accept any. @example `df.stage('builder', …)` twice is a compile error */
export type NewStageName<N extends string, S extends string> = string extends S
  ? N
  : N extends S
    ? DevstackTypeError<`stage: '${N}' is already declared in this Dockerfile`>
    : N;

/**
 * An immutable, typed Dockerfile. Stage names accumulate in `S`.
 *
 * @example
 * ```ts
 * const df = Dockerfile.create()
 *   .stage('builder', 'python:3.13-slim', (s) => s.workdir('/app').run('pip install uv'))
 *   .from('python:3.13-slim', (s) => s.copyFrom('builder', '/app/.venv', '/app/.venv').cmd(['python']));
 * df.toString();
 * // FROM python:3.13-slim AS builder
 * // WORKDIR /app
 * // RUN pip install uv
 * //
 * // FROM python:3.13-slim
 * // COPY --from=builder /app/.venv /app/.venv
 * // CMD ["python"]
 * ```
 */
export class Dockerfile<S extends string = never, H extends string = never> {
  readonly #state: State;
  readonly [BRAND] = true;
  /** @internal phantom: the stages whose last HEALTHCHECK is a check; `app.dockerfile()` carries them into its `DockerfileRef` */
  declare readonly _healthchecked?: (stage: H) => void;

  private constructor(state: State) {
    this.#state = Object.freeze(state);
  }

  /** An empty Dockerfile. @example `Dockerfile.create().from('alpine:3.20').toString()` → `FROM alpine:3.20\n` */
  static create(): Dockerfile<never> {
    return new Dockerfile<never>({ directives: {}, preamble: PList.empty(), stages: PList.empty(), stageNames: PMap.empty(), pending: [], dockerignore: undefined, issues: [] });
  }

  /**
   * Reads an existing Dockerfile (never throws; problems are in `parseIssues`). Its stage names are `string`.
   *
   * @example
   * ```ts
   * Dockerfile.parse('FROM python:3.13-slim AS app\nUSER app\n').stageNames; // ['app']
   * ```
   */
  static parse(text: string, file?: string): Dockerfile<string> {
    requireText(text, 'Dockerfile.parse');
    const { model, issues } = parseDockerfile(text, file);
    const df = Dockerfile.fromModel(model ?? { stages: [] });
    return new Dockerfile<string>({ ...df.#state, issues });
  }

  /** Wraps a model (from a file or plain data). @example `Dockerfile.fromModel({ stages: [{ from: 'alpine:3.20', instructions: [] }] })` → `FROM alpine:3.20` */
  static fromModel(model: DockerfileModel): Dockerfile<string> {
    return new Dockerfile<string>({
      directives: { ...model.directives },
      preamble: PList.from(structuredClone([...(model.preamble ?? [])])),
      stages: PList.from(structuredClone(model.stages) as Stage[]),
      stageNames: PMap.from((Array.isArray(model.stages) ? model.stages : []).flatMap((st) => (typeof st?.name === 'string' ? [[st.name.toLowerCase(), true] as const] : []))),
      pending: [],
      dockerignore: model.dockerignore === undefined ? undefined : deepFreeze(structuredClone(model.dockerignore)),
      issues: [],
    });
  }

  /** True for a `Dockerfile` from any copy of devstack-kit. @example `Dockerfile.isDockerfile(Dockerfile.create())` → `true` */
  static isDockerfile(value: unknown): value is Dockerfile<string> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /** The stage names, in order (unnamed stages are absent). @example `df.stageNames` → `['builder', 'runtime']` */
  get stageNames(): readonly S[] {
    return Object.freeze(this.#state.stages.toArray().flatMap((s) => (s.name !== undefined ? [s.name as S] : [])));
  }

  /** Issues found by {@link Dockerfile.parse} (empty for built Dockerfiles). @example `Dockerfile.parse('FROBNICATE\n').parseIssues[0].code` → `'docker/instruction-before-from'` */
  get parseIssues(): readonly Issue[] {
    return this.#state.issues;
  }

  #with(patch: Partial<State>): Dockerfile<S, H> {
    return new Dockerfile<S, H>({ ...this.#state, ...patch });
  }

  /** `# syntax=…` (the BuildKit frontend). @example `.syntax('docker/dockerfile:1')` → `# syntax=docker/dockerfile:1` */
  syntax(frontend: string): Dockerfile<S, H> {
    if (LINE_BREAK.test(frontend)) usage(`syntax: expected a frontend on one line, received ${JSON.stringify(frontend)}`);
    return this.#with({ directives: { ...this.#state.directives, syntax: frontend } });
  }

  /** `# escape=…`: the escape character (`\` or a backtick). Set it before adding stages. @example ``.escape('`')`` → ``# escape=` `` */
  escape(char: '\\' | '`'): Dockerfile<S, H> {
    if (this.#state.stages.size > 0) throw new UsageError('docker/schema/invalid-value', 'set escape() before adding stages');
    return this.#with({ directives: { ...this.#state.directives, escape: char } });
  }

  /** `# check=…`: BuildKit build checks. @example `.check('error=true')` → `# check=error=true` */
  check(value: string): Dockerfile<S, H> {
    if (LINE_BREAK.test(value)) usage(`check: expected a value on one line, received ${JSON.stringify(value)}`);
    return this.#with({ directives: { ...this.#state.directives, check: value } });
  }

  /** A global `ARG` (before the first FROM; usable in FROM lines). @example `.arg('PYTHON_VERSION', '3.13')` → `ARG PYTHON_VERSION=3.13` */
  arg(name: string, defaultValue?: string): Dockerfile<S, H> {
    if (this.#state.stages.size > 0) throw new UsageError('docker/instruction-before-from', `a global ARG ${name} must come before the first stage`, 'call arg() before stage(), or use arg() inside the stage');
    const item: PreambleItem = { kind: 'arg', args: [defaultValue === undefined ? { name } : { name, default: defaultValue }] };
    const comments = this.#state.pending.map((t): PreambleItem => ({ kind: 'comment', text: t }));
    return this.#with({ preamble: this.#state.preamble.push(...comments, item), pending: [] });
  }

  /** A comment just above the next stage's FROM (or the next global ARG). @example `.comment('Stage 2: Runtime')` → `# Stage 2: Runtime` */
  comment(text: string): Dockerfile<S, H> {
    return this.#with({ pending: [...this.#state.pending, ...commentLines(text)] });
  }

  /**
   * Adds a named stage. `base` is an earlier stage, a tagged image (`python:3.13-slim`) or {@link image};
   * inside `fn`, `copyFrom` accepts only the stages declared before this one.
   *
   * @example
   * ```ts
   * .stage('builder', 'python:3.13-slim', (s) => s.run('pip install uv'))
   * // FROM python:3.13-slim AS builder
   * // RUN pip install uv
   * ```
   */
  stage<const N extends string, const B extends StageBase<string>, C extends boolean = false, Stages extends string = S>(
    name: N & NewStageName<N, Stages>,
    base: StageBaseName<Stages, B>,
    fn?: (s: StageBuilder<S>) => StageBuilder<S, C>,
    options?: StageOptions,
  ): Dockerfile<S | N, H | ([C] extends [true] ? N : never)>;
  stage<const N extends string, C extends boolean = false>(
    name: N & NewStageName<N, S>,
    base: StageBase<S>,
    fn?: (s: StageBuilder<S>) => StageBuilder<S, C>,
    options: StageOptions = {},
  ): Dockerfile<S | N, H | ([C] extends [true] ? N : never)> {
    if (!/^[A-Za-z][A-Za-z0-9_.-]*$/.test(name)) throw new UsageError('docker/schema/invalid-stage-name', `expected a stage name (a letter, then letters, digits, "_", "." or "-"), received ${JSON.stringify(name)}`);
    if (this.#state.stageNames.has(name.toLowerCase())) throw new UsageError('docker/duplicate-stage', `a stage named "${name}" already exists`, 'give each stage its own name');
    return this.#stage(name, base, fn, options) as unknown as Dockerfile<S | N, H | ([C] extends [true] ? N : never)>;
  }

  /**
   * Adds an unnamed stage (usually the last one).
   *
   * @example
   * ```ts
   * .from('python:3.13-slim', (s) => s.cmd(['python']))
   * // FROM python:3.13-slim
   * // CMD ["python"]
   * ```
   */
  from<const B extends StageBase<string>, Stages extends string = S>(
    base: StageBaseName<Stages, B>,
    fn?: (s: StageBuilder<S>) => StageBuilder<S, boolean>,
    options?: StageOptions,
  ): Dockerfile<S, H>;
  from(base: StageBase<S>, fn?: (s: StageBuilder<S>) => StageBuilder<S, boolean>, options: StageOptions = {}): Dockerfile<S, H> {
    return this.#stage(undefined, base, fn, options);
  }

  #stage(name: string | undefined, base: StageBase<S>, fn: ((s: StageBuilder<S>) => StageBuilder<S, boolean>) | undefined, options: StageOptions): Dockerfile<S, H> {
    const esc = this.#state.directives.escape ?? '\\';
    flagText(options.platform, 'FROM --platform');
    const from = sourceText(base);
    if (!/^\S+$/.test(from) || /[\\`]$/.test(from) || from.startsWith('-')) usage(`FROM: expected an image or stage name without spaces, a trailing escape character or a leading "-", received ${JSON.stringify(from)}`);
    const built = fn ? fn(new StageBuilder<S>({ esc, instructions: PList.empty() })) : undefined;
    if (fn && !StageBuilder.isStageBuilder(built)) {
      throw new UsageError('docker/invalid-stage', `the callback for stage ${name !== undefined ? `"${name}"` : `FROM ${from}`} did not return the stage builder`, 'return the builder: s => s.run(…)');
    }
    const stage: Mutable<Stage> = {
      ...(this.#state.pending.length > 0 ? { comments: [...this.#state.pending] } : {}),
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
      from: sourceText(base),
      ...(name !== undefined ? { name } : {}),
      instructions: built ? [...built.instructions] : [],
    };
    const stageNames = name === undefined ? this.#state.stageNames : this.#state.stageNames.set(name.toLowerCase(), true);
    const at = ['stages', this.#state.stages.size] as const;
    const sites = nestSites(recordSite(this.#state.sites, at), at, StageBuilder.sitesOf(built));
    return this.#with({ stages: this.#state.stages.push(stage), stageNames, pending: [], sites });
  }

  /**
   * Gives the Dockerfile a `.dockerignore` (a builder, a model, or a function of an empty builder).
   * The App writes it beside the Dockerfile.
   *
   * @example
   * ```ts
   * .dockerignore(dockerignorePresets.python())
   * // .dockerignore:
   * // .git
   * // .env
   * // **\/__pycache__
   * ```
   */
  dockerignore(value: Dockerignore | DockerignoreModel | ((d: Dockerignore) => Dockerignore)): Dockerfile<S, H> {
    const model = typeof value === 'function' ? value(Dockerignore.create()).toModel() : Dockerignore.isDockerignore(value) ? value.toModel() : structuredClone(value);
    return this.#with({ dockerignore: deepFreeze(model) });
  }

  /** Applies `fn` when `condition` holds. @example `.$if(withDebug, (d) => d.stage('debug', 'builder'))` */
  $if(condition: boolean, fn: (d: Dockerfile<S, H>) => Dockerfile<S, H>): Dockerfile<S, H> {
    return condition ? fn(this) : this;
  }

  /** Applies `fn` (to share a fragment). @example `.$call(addTestStage)` */
  $call<R extends string, RH extends string = never>(fn: (d: Dockerfile<S, H>) => Dockerfile<R, RH>): Dockerfile<R, RH> {
    return fn(this);
  }

  /** The `.dockerignore` model, when one was given: deeply frozen, like `toModel()`. @example `df.dockerignoreModel()?.entries.length` → `4` */
  dockerignoreModel(): DockerignoreModel | undefined {
    return this.#state.dockerignore;
  }

  /** The model: plain, deeply frozen data (synthesizers and rules read this). @example `df.toModel().stages[0].from` → `'python:3.13-slim'` */
  toModel(): DockerfileModel {
    const s = this.#state;
    const stages = s.stages.toArray().map((st) => ({ ...st, instructions: [...st.instructions] }));
    const last = stages[stages.length - 1];
    if (last && s.pending.length > 0) last.instructions.push(...s.pending.map((t): Instruction => ({ kind: 'comment', text: t })));
    const model: DockerfileModel = deepFreeze({
      ...(Object.keys(s.directives).length > 0 ? { directives: { ...s.directives } } : {}),
      ...(s.preamble.size > 0 ? { preamble: s.preamble.toArray() } : {}),
      stages,
      ...(s.dockerignore ? { dockerignore: s.dockerignore } : {}),
    });
    return withSources(model, s.sites);
  }

  /** The Dockerfile's text, without the generated-file marker. @example `Dockerfile.create().from('alpine:3.20').toString()` → `"FROM alpine:3.20\n"` */
  toString(): string {
    return synthDockerfile(this.toModel());
  }
}
