/**
 * Units that span files. A {@link Stack} is one immutable, typed value that collects what every
 * service of a project writes — its Dockerfile(s) and `.dockerignore`, its compose service, its CI
 * jobs, its environment variables — and the names each contributes (services, healthy services,
 * variables, volumes, job ids, unit handles) in its type parameter. A {@link Unit} (made with
 * {@link defineUnit}) is a reusable piece added with one call, `stack.add(unit)`: what it requires
 * from its consumer is in its type, so a consumer that forgot a variable or a service gets a compile
 * error at that call. The stack ends in an `App` (`stack.toApp()`), which validates and writes.
 *
 * The stack imports the three domains; no domain imports it (docs/presets.md explains the design).
 * @module
 */
import { posix } from 'node:path';
import { App, type AppOptions, type FileEntry } from '../app/app.js';
import type { Issue } from '../core/issue.js';
import { UsageError } from '../core/errors.js';
import { Compose } from '../compose/builder.js';
import type { AnyNames } from '../compose/inputs.js';
import { ComposeService, serviceStateOf } from '../compose/service.js';
import type { SecretModel } from '../compose/model.js';
import { Env } from '../env/env.js';
import type { JobOutputsOf } from '../workflow/context.js';
import { Workflow } from '../workflow/builder.js';
import type { WorkflowModel } from '../workflow/model.js';
import { imageSizeChecks } from '../workflow/presets.js';
import { hasStackBrand, STACK, type ImageBudget, type EmptyStack, type Put, type Simplify, type StackDockerfile, type StackJob, type StackNames, type StackOptions, type StackService, type StackVarSpec } from './names.js';
import { isUnit, type AfterAdd, type AnyUnit, type CheckUnit, type Requirements, type UnitResult } from './unit.js';

export {
  dockerfileAt,
  type ComposeNamesOf, type EmptyStack, type ImageBudget, type StackDockerfile, type StackJob, type StackNames, type StackOptions, type StackService, type StackVarSpec,
} from './names.js';
export { defineUnit, isUnit, type AfterAdd, type CheckUnit, type Requirements, type Scope, type Unit, type UnitResult } from './unit.js';

// ─── the stack ──────────────────────────────────────────────────────────────────────────────────

interface StackState {
  readonly options: { readonly compose: string; readonly workflow: string | false; readonly workflowName: string };
  readonly env: Env<string>;
  /** per variable, its value inside the compose network, when it differs from the host's */
  readonly inCompose: Readonly<Record<string, string>>;
  readonly compose: Compose<AnyNames>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly workflow: Workflow<any, never, never, never, never>;
  readonly jobs: readonly string[];
  readonly volumes: readonly string[];
  readonly healthy: readonly string[];
  readonly dockerfiles: readonly StackDockerfile<string, never>[];
  readonly images: readonly ImageBudget[];
  readonly units: Readonly<Record<string, unknown>>;
}

const DEFAULT_ON: Parameters<Workflow['on']>[0] = { push: { branches: ['main'] }, pull_request: null };

/**
 * A project's development stack as one immutable, typed value: compose services, their Dockerfiles,
 * CI jobs and environment variables, added one unit at a time. Names accumulate in `N`: a service
 * may `dependsOn` only services added before it (`service_healthy` only healthy ones), pass only
 * declared variables, and a job `needs` only jobs added before it. `toApp()` gives the App that
 * writes every file.
 *
 * @example
 * ```ts
 * import { Stack } from 'devstack-kit';
 * import { postgres, pythonUv } from 'devstack-kit/stack';
 *
 * const stack = Stack.create()
 *   .add(postgres({ database: 'app' }))
 *   .add(pythonUv('api', { dir: 'backend', env: ['DATABASE_URL'], dependsOn: { postgres: 'healthy' } }));
 * export default stack.toApp();
 * // writes backend/Dockerfile, backend/.dockerignore, compose.yaml, compose.override.yaml,
 * // .env.example, .gitignore and .github/workflows/ci.yml
 * ```
 */
export class Stack<N extends StackNames = EmptyStack> {
  readonly #state: StackState;
  readonly [STACK] = true;
  /** Type-only: the names collected so far. */
  declare readonly __names: N;

  private constructor(state: StackState) {
    this.#state = Object.freeze(state);
    Object.freeze(this);
  }

  /**
   * An empty stack.
   *
   * @example
   * ```ts
   * Stack.create({ compose: 'compose.yaml', workflow: '.github/workflows/ci.yml' });
   * ```
   */
  static create(options: StackOptions = {}): Stack<EmptyStack> {
    const resolved = { compose: options.compose ?? 'compose.yaml', workflow: options.workflow ?? '.github/workflows/ci.yml', workflowName: options.workflowName ?? 'CI' };
    const workflow = Workflow.create(resolved.workflowName)
      .on(options.on ?? DEFAULT_ON)
      .permissions({ contents: 'read' })
      .concurrency({ group: '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': true });
    return new Stack({
      options: resolved,
      env: Env.create() as unknown as Env<string>,
      inCompose: {},
      compose: (options.name === undefined ? Compose.create() : Compose.create(options.name)) as unknown as Compose<AnyNames>,
      workflow,
      jobs: [],
      volumes: [],
      healthy: [],
      dockerfiles: [],
      images: [],
      units: {},
    });
  }

  /** True for a `Stack` from any copy of devstack-kit. */
  static isStack(value: unknown): value is Stack<StackNames> {
    return hasStackBrand(value);
  }

  #with<M extends StackNames>(patch: Partial<StackState>): Stack<M> {
    return new Stack<M>({ ...this.#state, ...patch });
  }

  /**
   * Declares an environment variable once: it reaches `.env.example` (with its description), compose
   * (as `${VAR:-default}`, or `inCompose` inside the network) and CI (`workflowEnv`).
   *
   * @example
   * ```ts
   * stack.env('DATABASE_URL', {
   *   description: 'Postgres, as the app sees it',
   *   default: 'postgresql://postgres:postgres@localhost:5555/app',  // the host's value (.env.example)
   *   inCompose: 'postgresql://postgres:${POSTGRES_PASSWORD:?…}@postgres:5432/app', // inside the network
   * });
   * // .env.example:
   * // # Postgres, as the app sees it
   * // DATABASE_URL=postgresql://postgres:postgres@localhost:5555/app
   * ```
   */
  env<const V extends string>(name: V, spec: StackVarSpec = {}): Stack<Put<N, { env: N['env'] | V }>> {
    const { inCompose, ...envSpec } = spec;
    const env = this.#state.env.var(name, envSpec);
    return this.#with({ env, inCompose: inCompose === undefined ? this.#state.inCompose : { ...this.#state.inCompose, [name]: inCompose } });
  }

  /**
   * Declares a named compose volume.
   *
   * @example
   * ```ts
   * stack.volume('pgdata');
   * // volumes:
   * //   pgdata:
   * ```
   */
  volume<const V extends string>(name: V): Stack<Put<N, { volumes: N['volumes'] | V }>> {
    if (this.#state.volumes.includes(name)) throw new UsageError('stack/duplicate-name', `volume "${name}" is declared twice`, 'declare each volume once');
    return this.#with({ compose: this.#state.compose.volume(name) as unknown as Compose<AnyNames>, volumes: [...this.#state.volumes, name] });
  }

  /**
   * Declares a top-level compose secret (for a service's `secrets:` or a build's `build.secrets`).
   * Declaring the same name twice with the same source is allowed (two services of one image).
   *
   * @example
   * ```ts
   * stack.secret('uv-index-token', { environment: 'UV_INDEX_TOKEN' });
   * // secrets:
   * //   uv-index-token:
   * //     environment: UV_INDEX_TOKEN
   * ```
   */
  secret(name: string, config: SecretModel): Stack<N> {
    const existing = (this.#state.compose.toModel().secrets ?? {})[name];
    if (existing !== undefined) {
      if (JSON.stringify(existing) === JSON.stringify(config)) return this;
      throw new UsageError('stack/duplicate-name', `secret "${name}" is declared twice with different sources`, 'give each secret its own name');
    }
    return this.#with({ compose: this.#state.compose.secret(name, config) as unknown as Compose<AnyNames> });
  }

  /**
   * Places a Dockerfile (and its `.dockerignore`) made with {@link dockerfileAt}.
   *
   * @example
   * ```ts
   * const api = dockerfileAt('backend/Dockerfile', df);
   * stack.dockerfile(api);
   * // writes backend/Dockerfile and backend/.dockerignore
   * ```
   */
  dockerfile(dockerfile: StackDockerfile<string, never>): Stack<N> {
    if (typeof dockerfile !== 'object' || dockerfile === null || typeof dockerfile.source?.toModel !== 'function') {
      throw new UsageError('app/invalid-builder', 'stack.dockerfile(…) expects the result of dockerfileAt(path, Dockerfile…)', "wrap the builder: dockerfileAt('backend/Dockerfile', Dockerfile.create()…)");
    }
    if (this.#state.dockerfiles.some((d) => d.path === dockerfile.path)) return this; // the same Dockerfile, placed by two units of one service
    return this.#with({ dockerfiles: [...this.#state.dockerfiles, dockerfile] });
  }

  /**
   * Defines a compose service. The callback gets the service builder (which knows the stack's
   * services, healthy services, volumes and variables) and `vars`: each declared variable's value
   * inside the compose network (its `inCompose` value, else its `${VAR:-default}` interpolation).
   *
   * @example
   * ```ts
   * stack.service('api', (s, vars) => s.image('api:1').env('DATABASE_URL', vars.DATABASE_URL).dependsOn('postgres', { condition: 'service_healthy' }));
   * // api:
   * //   image: api:1
   * //   environment:
   * //     DATABASE_URL: postgresql://postgres:${POSTGRES_PASSWORD:?…}@postgres:5432/app
   * //   depends_on:
   * //     postgres:
   * //       condition: service_healthy
   * ```
   */
  service<const S extends string, H extends boolean>(
    name: S,
    fn: (service: StackService<N>, vars: Readonly<Record<N['env'], string>>) => StackService<N, H>,
  ): Stack<Put<N, { services: N['services'] | S; healthy: H extends true ? N['healthy'] | S : N['healthy'] }>> {
    if (this.#state.compose.serviceNames().includes(name)) throw new UsageError('stack/duplicate-name', `service "${name}" is defined twice`, 'give each service its own name (a unit option usually sets it)');
    const env = this.#state.env;
    const compose = env.names().length > 0 ? this.#state.compose.env(env) : this.#state.compose;
    const vars: Record<string, string> = {};
    for (const v of env.names()) vars[v] = this.#state.inCompose[v] ?? env.ref(v);
    let healthy = false;
    const next = compose.service(name, (s) => {
      const built = fn(s as unknown as StackService<N>, Object.freeze(vars) as Readonly<Record<N['env'], string>>);
      if (!ComposeService.isComposeService(built)) return built as never; // Compose reports it
      const state = serviceStateOf(built);
      const check = state.model.healthcheck as { disable?: boolean } | undefined;
      // a healthcheck of its own, or (not disabled) a Dockerfile target that may end with a HEALTHCHECK:
      // the types know which; the compose rule healthy-without-healthcheck checks the files at synth
      healthy = check !== undefined ? check.disable !== true : state.ref !== undefined;
      return built as never;
    });
    return this.#with({ compose: next as unknown as Compose<AnyNames>, healthy: healthy ? [...this.#state.healthy, name] : this.#state.healthy });
  }

  /**
   * Adds a job to the stack's CI workflow; `needs` accepts the jobs added before it.
   *
   * @example
   * ```ts
   * stack.job('test', (j) => j.runsOn('ubuntu-24.04').timeout(10).step(checkout()).run('make test'))
   *      .job('image', (j) => j.runsOn('ubuntu-24.04').timeout(20).needs('test').run('make image'));
   * // jobs:
   * //   test: …
   * //   image:
   * //     needs: test
   * ```
   */
  job<const Id extends string, J extends object>(
    id: Id,
    build: (job: StackJob<N>) => J,
  ): Stack<Put<N, { jobs: Simplify<N['jobs'] & { [K in Id]: JobOutputsOf<J> }> }>> {
    const workflow = this.#state.workflow.job(id, build as never);
    return this.#with({ workflow, jobs: [...this.#state.jobs, id] });
  }

  /**
   * Changes the CI workflow's top level (triggers, permissions, env, concurrency), never its jobs.
   *
   * @example
   * ```ts
   * stack.ci((w) => w.on({ schedule: [{ cron: '0 6 * * 1' }] }));
   * ```
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ci(fn: (workflow: Workflow<any, never, never, never, never>) => Workflow<any, never, never, never, never>): Stack<N> {
    const workflow = fn(this.#state.workflow);
    if (!Workflow.isWorkflow(workflow)) throw new UsageError('stack/invalid-unit', 'the callback of stack.ci(…) did not return the workflow', 'return it: (w) => w.on(…)');
    return this.#with({ workflow });
  }

  /**
   * Records an image a unit builds, with its size budget (decimal MB) and the CI job that builds it;
   * {@link Stack.images} lists them.
   *
   * @example
   * ```ts
   * stack.image({ name: 'backend', dockerfile: 'backend/Dockerfile', context: 'backend', target: 'runtime', budgetMB: 300, job: 'backend-image' });
   * ```
   */
  image(image: ImageBudget): Stack<N> {
    if (image.budgetMB !== undefined && (!Number.isFinite(image.budgetMB) || image.budgetMB <= 0)) {
      throw new UsageError('stack/invalid-budget', `the size budget of image "${image.name}" must be a positive number of MB, received ${String(image.budgetMB)}`, 'give megabytes as a number: budgetMB: 300');
    }
    return this.#with({ images: [...this.#state.images, { ...image }] });
  }

  /**
   * Adds a unit (a preset, or one made with {@link defineUnit}). A unit that requires a name the
   * stack lacks, or adds one it already has, is a compile error here, naming what is wrong.
   *
   * @example
   * ```ts
   * Stack.create().add(redis()).add(pythonUv('api', { env: ['REDIS_URL'], dependsOn: { redis: 'healthy' } }));
   * Stack.create().add(pythonUv('api', { dependsOn: { redis: 'healthy' } }));
   * // ✖ compile error: … missing the following properties …: "✖ add to the stack first: service \"redis\"", "✖ add to the stack first: service with a healthcheck \"redis\""
   * ```
   */
  add<U extends AnyUnit>(unit: U & CheckUnit<N, U>): Stack<AfterAdd<N, U>> {
    if (!isUnit(unit)) throw new UsageError('stack/invalid-unit', `stack.add(…) expects a unit, received ${unit === null ? 'null' : typeof unit}`, 'pass a preset (postgres()) or a unit made with defineUnit(…)');
    if (unit.name in this.#state.units) throw new UsageError('stack/duplicate-name', `a unit named "${unit.name}" is already in the stack`, 'give the second one its own name (most presets take it as their first argument or a `name` option)');
    const missing = this.#missing(unit.requires);
    if (missing.length > 0) {
      throw new UsageError('stack/missing-requirement', `unit "${unit.name}" needs ${missing.join(', ')}, which the stack does not have yet`, 'add what it needs first (the unit that declares it, or stack.env/service/job), then this unit');
    }
    const { stack, handle } = unit.apply(this as unknown as Stack<StackNames>);
    const state = stack.#state;
    return new Stack({ ...state, units: { ...state.units, [unit.name]: handle } });
  }

  #missing(r: Requirements): string[] {
    const out: string[] = [];
    const services = this.#state.compose.serviceNames();
    for (const v of r.env ?? []) if (!this.#state.env.names().includes(v)) out.push(`environment variable "${v}"`);
    for (const s of [...(r.services ?? []), ...(r.healthy ?? [])]) if (!services.includes(s)) out.push(`service "${s}"`);
    for (const s of r.healthy ?? []) if (services.includes(s) && !this.#state.healthy.includes(s)) out.push(`a healthcheck on service "${s}"`);
    for (const v of r.volumes ?? []) if (!this.#state.volumes.includes(v)) out.push(`volume "${v}"`);
    for (const j of r.jobs ?? []) if (!this.#state.jobs.includes(j)) out.push(`CI job "${j}"`);
    return [...new Set(out)];
  }

  /**
   * Ends a unit's build function with a handle (what the consumer gets from `stack.unit(name)`).
   *
   * @example
   * ```ts
   * defineUnit('cache', {}, (s) => s.service('cache', (c) => c.image('redis:7.4')).returns({ service: 'cache' as const }));
   * ```
   */
  returns<const H>(handle: H): UnitResult<N, H> {
    return Object.freeze({ stack: this, handle });
  }

  /**
   * The handle a unit returned: its service name, Dockerfile (with its stages), job ids, variables.
   *
   * @example
   * ```ts
   * const stack = Stack.create().add(pythonUv('api', {}));
   * stack.unit('api').dockerfile.stages; // ['builder', 'runtime']
   * stack.unit('api').jobs.test;         // 'api-test'
   * ```
   */
  unit<const K extends keyof N['units'] & string>(name: K): N['units'][K] {
    if (!(name in this.#state.units)) throw new UsageError('stack/missing-requirement', `no unit named "${name}" in the stack`, `add it first; units: ${Object.keys(this.#state.units).join(', ') || 'none'}`);
    return this.#state.units[name] as N['units'][K];
  }

  /**
   * The images units build, with their size budgets.
   *
   * @example
   * ```ts
   * stack.images(); // [{ name: 'backend', dockerfile: 'backend/Dockerfile', target: 'runtime', budgetMB: 300, job: 'backend-image' }]
   * ```
   */
  images(): readonly ImageBudget[] {
    return this.#state.images;
  }

  /**
   * The compose file's path from the project root (`Stack.create({ compose })`, default `compose.yaml`).
   *
   * @example
   * ```ts
   * Stack.create({ compose: 'deploy/compose.yaml' }).composeFile(); // 'deploy/compose.yaml'
   * ```
   */
  composeFile(): string {
    return this.#state.options.compose;
  }

  /**
   * A project path (from the repository root) as the compose file sees it, for `develop.watch` and
   * bind mounts: `./backend/app` beside a root `compose.yaml`, `../backend/app` from `deploy/compose.yaml`.
   *
   * @example
   * ```ts
   * Stack.create({ compose: 'deploy/compose.yaml' }).composePath('backend/app'); // '../backend/app'
   * ```
   */
  composePath(path: string): string {
    const file = this.#state.options.compose;
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
    const rel = posix.relative(posix.normalize(dir), posix.normalize(path));
    if (rel === '') return '.';
    return rel.startsWith('..') ? rel : `./${rel}`;
  }

  /**
   * The declared variables (the `Env`), for `workflowEnv(stack.envDeclaration(), […])` in a job.
   *
   * @example
   * ```ts
   * workflowEnv(stack.envDeclaration(), ['DATABASE_URL']);
   * // { DATABASE_URL: "${{ vars.DATABASE_URL || 'postgresql://…' }}" }
   * ```
   */
  envDeclaration(): Env<N['env']> {
    return this.#state.env as unknown as Env<N['env']>;
  }

  /**
   * Places every file of the stack in `app`: each Dockerfile (with its `.dockerignore`), the compose
   * file (with `.env.example` and `compose.override.yaml`) and, when a unit added jobs, the CI workflow.
   *
   * @example
   * ```ts
   * const app = new App();
   * stack.addTo(app);
   * app.workflow('.github/workflows/release.yml', release);
   * ```
   */
  addTo(app: App): App {
    for (const d of this.#state.dockerfiles) app.dockerfile(d.path, d.source, { context: d.context });
    const env = this.#state.env;
    const compose = env.names().length > 0 ? this.#state.compose.env(env) : this.#state.compose;
    if (compose.serviceNames().length > 0) app.compose(this.#state.options.compose, compose);
    const path = this.#state.options.workflow;
    if (path !== false && this.#state.jobs.length > 0) app.workflow(path, this.#state.workflow);
    const budgeted = this.#state.images.filter((i) => i.budgetMB !== undefined);
    if (budgeted.length > 0) app.check((entries) => uncheckedBudgets(budgeted, entries));
    return app;
  }

  /**
   * A new App with every file of the stack (see {@link Stack.addTo}): the default export of `devstack.config.ts`.
   *
   * @example
   * ```ts
   * export default stack.toApp({ lint: { severity: { 'workflow/missing-timeout': 'error' } } });
   * ```
   */
  toApp(options: AppOptions = {}): App {
    return this.addTo(new App(options));
  }
}

// ─── budgets ────────────────────────────────────────────────────────────────────────────────────

/** Whether some size check of `workflow` measures `image` (its Dockerfile, context and target) with a budget no larger than the image's. */
function checksBudget(workflow: WorkflowModel, image: ImageBudget & { budgetMB: number }): boolean {
  return imageSizeChecks(workflow).some(
    (c) => c.budgetMB <= image.budgetMB && c.context === posix.normalize(image.context) && c.file === posix.normalize(image.dockerfile) && c.target === image.target,
  );
}

/** `stack/unchecked-budget`: each budgeted image that no workflow of the App checks. */
function uncheckedBudgets(images: readonly ImageBudget[], entries: readonly FileEntry[]): Issue[] {
  const workflows = entries.filter((e): e is FileEntry<'workflow'> => e.kind === 'workflow');
  const issues: Issue[] = [];
  for (const image of images) {
    if (image.budgetMB === undefined) continue;
    const budgeted = image as ImageBudget & { budgetMB: number };
    if (workflows.some((w) => checksBudget(w.model, budgeted))) continue;
    const what = `${image.dockerfile}${image.target === undefined ? '' : ` (target ${image.target})`}`;
    issues.push({
      code: 'stack/unchecked-budget',
      severity: 'warning',
      file: image.dockerfile,
      path: [],
      message: `image "${image.name}" has a size budget of ${String(image.budgetMB)} MB, but no workflow job builds ${what} and checks its size against it (${workflows.length === 0 ? 'the App has no workflow' : `workflows: ${workflows.map((w) => w.path).join(', ')}`})`,
      hint: `keep the stack's CI workflow (not workflow: false), or add a job with imageSizeCheckSteps({ image: '${image.name.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}:ci', budgetMB: ${String(image.budgetMB)}, context: '${image.context}', file: '${image.dockerfile}'${image.target === undefined ? '' : `, target: '${image.target}'`} })`,
    });
  }
  return issues;
}
