/**
 * The App: a thin tree of file scopes. Files are placed at paths; `synth()` validates every file,
 * then renders every file, and never touches the disk.
 * @module
 */
import { posix } from 'node:path';
import { SynthError, UsageError } from '../core/errors.js';
import { errorsOf, inFile, type Issue } from '../core/issue.js';
import { dockerfileRef, type DockerfileRef } from '../core/refs.js';
import { applyLintConfig, defineCodes, isCode, type CodeInfo, type LintConfig } from '../core/rule.js';
import { importCodes } from '../core/import-codes.js';
import { withParseMemo } from '../core/schema.js';
import { absorbCodes } from '../absorb/codes.js';
import { sourceAt } from '../core/source.js';
import type { ComposeModel, EnvExampleModel } from '../compose/index.js';
import type { DockerfileModel, DockerignoreModel } from '../dockerfile/index.js';
import type { ActionModel, WorkflowModel } from '../workflow/index.js';
import { kindCodes, kinds, type FileKind, type FileModels } from './files.js';
import { isReservedPath, isSafeRelativePath, RESERVED_DIR, writeCodes } from './write.js';
import type { FileFacts } from '../core/facts.js';

const APP = Symbol.for('devstack-kit.App');

/** Codes the App reports (as {@link UsageError}s, at once). */
export const appCodes = defineCodes([
  { code: 'app/invalid-path', severity: 'error', summary: 'A file path is absolute, uses `\\`, or leaves the output folder with `..`.', fix: 'Give a relative path with `/` separators inside the project: `backend/Dockerfile`.' },
  { code: 'app/duplicate-path', severity: 'error', summary: 'Two files are placed at the same path.', fix: 'Give each file its own path.' },
  { code: 'app/locked', severity: 'error', summary: 'A file or check was added to an App after its `synth()` (thrown at once).', fix: 'Place every file before calling `synth()`, or build a new App.' },
  { code: 'app/invalid-builder', severity: 'error', summary: 'A value passed to the App is not a devstack-kit builder of the expected kind.', fix: 'Pass a `Dockerfile`, `Compose` or `Workflow` builder (or use `app.add(kind, path, model)` with a plain model).' },
  // thrown by src/stack (units and presets, which place files in an App); listed here, where allCodes lives
  { code: 'stack/invalid-unit', severity: 'error', summary: 'A value passed to `stack.add` is not a unit, or a unit\'s build function did not return the stack.', fix: 'Pass a preset (`postgres()`) or a unit made with `defineUnit(name, requires, (s) => s.service(…))`, and return the stack from the build function.' },
  { code: 'stack/missing-requirement', severity: 'error', summary: 'A unit needs a variable, service, healthcheck, volume or CI job the stack does not have yet.', fix: 'Add what it needs first (the unit that declares it, or `stack.env`/`service`/`job`), then the unit.' },
  { code: 'stack/duplicate-name', severity: 'error', summary: 'A unit adds a service, volume or unit name the stack already has.', fix: 'Give the second one its own name (presets take it as their first argument or a `name` option).' },
  { code: 'stack/invalid-option', severity: 'error', summary: 'A preset option has a value it cannot use (a port out of range, an invalid name or folder).', fix: 'Give the value the option\'s documentation asks for; the message names the option.' },
  { code: 'stack/invalid-budget', severity: 'error', summary: 'An image size budget is not a positive number of megabytes.', fix: 'Give decimal megabytes as a number: `budgetMB: 300`.' },
  // reported at validate/synth by the check a stack registers with `app.check` (stack.addTo)
  { code: 'stack/unchecked-budget', severity: 'warning', summary: 'An image has a size budget, but no workflow job of the App builds that image and checks it against the budget.', fix: 'Keep the stack\'s CI workflow (not `workflow: false`), or add a job with `imageSizeCheckSteps({ image, budgetMB, context, file, target })` for the image.' },
]);

/** Every documented issue code: core, App, writing, and each file kind's. */
export function allCodes(): readonly CodeInfo[] {
  const seen = new Map<string, CodeInfo>();
  for (const c of [...kindCodes(), ...appCodes, ...writeCodes, ...importCodes, ...absorbCodes]) if (!seen.has(c.code)) seen.set(c.code, c);
  return [...seen.values()];
}

/** A file the App will write: its kind, path and model. */
export interface FileEntry<K extends FileKind = FileKind> {
  readonly kind: K;
  readonly path: string;
  readonly model: FileModels[K];
}

/** The result of `app.synth()`: every file's text (with the marker), keyed by path, and the non-error issues. */
export interface SynthResult {
  readonly files: Readonly<Record<string, string>>;
  /** Paths in `files` whose text is a managed block inside a file the user owns (`.gitignore`), not a whole file. */
  readonly blocks?: readonly string[];
  readonly issues: readonly Issue[];
}

/** Options for an {@link App}. */
export interface AppOptions {
  /** Severities and suppressions (see docs/rules.md). */
  readonly lint?: LintConfig;
}

/**
 * A check across the App's files, run by `validate()` (and so by `synth()`) after every file's own
 * rules: it gets every file the App will write and returns issues, which the App's lint options
 * (severities, suppressions) apply to like any other. Each code it reports must be documented.
 *
 * @example
 * ```ts
 * const noWorkflow: AppCheck = (entries) =>
 *   entries.some((e) => e.kind === 'workflow') ? [] : [{ code: 'stack/unchecked-budget', severity: 'warning', message: 'no workflow', path: [] }];
 * ```
 */
export type AppCheck = (entries: readonly FileEntry[]) => readonly Issue[];

/** What `app.dockerfile()` accepts: a `Dockerfile` builder (its stage names are inferred). */
export interface DockerfileSource<S extends string, H extends string = never> {
  readonly stageNames: readonly S[];
  /** @internal phantom: the stages that end with a `HEALTHCHECK` (see `DockerfileRef`) */
  readonly _healthchecked?: (stage: H) => void;
  toModel(): DockerfileModel;
  dockerignoreModel(): DockerignoreModel | undefined;
}

/** What `app.compose()` accepts: a `Compose` builder. */
export interface ComposeSource {
  toModel(options?: { dir?: string }): ComposeModel;
  envExampleModel(): EnvExampleModel | undefined;
  overrideModel?(options?: { dir?: string }): ComposeModel | undefined;
}

/** What `app.workflow()` accepts: a `Workflow` builder. */
export interface WorkflowSource {
  toModel(): WorkflowModel;
}

/** What `app.action()` accepts: an `Action` builder. */
export interface ActionSource {
  toModel(): ActionModel;
}

interface PlacedDockerfile {
  readonly path: string;
  readonly context: string;
  readonly ignore: DockerignoreModel | undefined;
}

function checkPath(path: string): string {
  if (typeof path !== 'string' || !isSafeRelativePath(path)) {
    throw new UsageError('app/invalid-path', `"${String(path)}" is not a relative path inside the project`, 'use a relative path with / separators, without .. : "backend/Dockerfile"');
  }
  if (isReservedPath(path)) {
    throw new UsageError('app/reserved-path', `"${path}" is inside ${RESERVED_DIR}/, which devstack-kit keeps for its manifest`, `place the file outside ${RESERVED_DIR}/`);
  }
  return path;
}

/** A path as a case-insensitive file system (macOS, Windows) sees it. */
const folded = (path: string): string => path.normalize('NFC').toLowerCase();

/**
 * Throws when `path` and one of `taken` would be the same file on some file system (equal under case
 * folding), or one would be a folder of the other (a file where a folder goes).
 */
function checkClash(path: string, taken: Iterable<string>): void {
  const mine = folded(path);
  for (const other of taken) {
    const theirs = folded(other);
    if (theirs === mine) {
      throw new UsageError('app/duplicate-path', other === path ? `two files are placed at "${path}"` : `"${path}" and "${other}" differ only in case: they are the same file on macOS and Windows`, 'give each file its own path');
    }
    if (mine.startsWith(`${theirs}/`) || theirs.startsWith(`${mine}/`)) {
      const [file, inner] = mine.startsWith(`${theirs}/`) ? [other, path] : [path, other];
      throw new UsageError('app/duplicate-path', `"${inner}" is placed inside "${file}", which is placed as a file`, 'give each file its own path, not inside another file');
    }
  }
}

/**
 * Gives each issue from a builder call the config's location of that call (`source`), read from the
 * call sites the builders attached to its file's model (`core/source.ts`): the site recorded at the
 * longest prefix of the issue's path.
 */
function withSourceLocations(issues: readonly Issue[], entries: readonly FileEntry[]): Issue[] {
  const models = new Map(entries.map((e) => [e.path, e.model as unknown]));
  return issues.map((issue) => {
    if (issue.source !== undefined || issue.file === undefined) return issue;
    const source = sourceAt(models.get(issue.file), issue.path);
    return source === undefined ? issue : { ...issue, source };
  });
}

function requireMethod(value: unknown, method: string, what: string): void {
  if (typeof value !== 'object' || value === null || typeof (value as Record<string, unknown>)[method] !== 'function') {
    throw new UsageError('app/invalid-builder', `expected a ${what} builder, received ${value === null ? 'null' : typeof value}`, `pass a ${what} builder, e.g. ${what}.create()`);
  }
}

/**
 * The root of a devstack-kit project: place files, then `synth()`. The default export of
 * `devstack.config.ts` is an App.
 *
 * @example
 * ```ts
 * // devstack.config.ts
 * import { App, Compose, Dockerfile, Workflow } from 'devstack-kit';
 *
 * const app = new App();
 * const backend = app.dockerfile('backend/Dockerfile', Dockerfile.create().stage('runtime', 'python:3.13-slim', (s) => s.cmd(['python', '-m', 'app'])));
 * app.compose('compose.yaml', Compose.create().service('api', (s) => s.build(backend, { target: 'runtime' })));
 * export default app;
 * // npx devstack synth writes backend/Dockerfile, backend/.dockerignore (if any), compose.yaml
 * // and .devstack/manifest.json
 * ```
 */
export class App {
  readonly #options: AppOptions;
  readonly #entries: FileEntry[] = [];
  readonly #dockerfiles: PlacedDockerfile[] = [];
  readonly #paths = new Set<string>();
  readonly #gitignore = new Map<string, string[]>();
  readonly #checks: AppCheck[] = [];
  /** Codes registered with `check(check, codes)`, besides {@link allCodes}. */
  readonly #codes = new Set<string>();
  // set by synth(): what it wrote is final, so nothing is added afterwards
  #locked = false;
  readonly [APP] = true;

  constructor(options: AppOptions = {}) {
    this.#options = options;
  }

  /** True for an App from any copy of devstack-kit. */
  static isApp(value: unknown): value is App {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[APP] === true;
  }

  #open(method: string): void {
    if (this.#locked) throw new UsageError('app/locked', `app.${method}(…) was called after app.synth(); the App is locked once synthesized`, 'place every file before calling synth(), or build a new App');
  }

  #claim(path: string): void {
    checkPath(path);
    checkClash(path, this.#paths);
    this.#paths.add(path);
  }

  /**
   * Places a file of any kind from a plain model (for models that came from a parser or another tool).
   *
   * @example
   * ```ts
   * app.add('workflow', '.github/workflows/ci.yml', Workflow.parse(text).toModel());
   * ```
   */
  add<K extends FileKind>(kind: K, path: string, model: FileModels[K]): this {
    this.#open('add');
    if (!(kind in kinds)) throw new UsageError('app/invalid-builder', `"${String(kind)}" is not a file kind`, `use one of ${Object.keys(kinds).join(', ')}`);
    this.#claim(path);
    this.#entries.push({ kind, path, model } as FileEntry);
    return this;
  }

  /**
   * Places a Dockerfile (and its `.dockerignore`, if it has one) and returns a typed reference to it
   * for compose services to build. The build context defaults to the Dockerfile's folder.
   *
   * The `.dockerignore` goes to `<context>/.dockerignore`, or, when several Dockerfiles share a
   * context, to `<dockerfile path>.dockerignore` (which BuildKit reads for that Dockerfile only).
   *
   * @example
   * ```ts
   * const backend = app.dockerfile('backend/Dockerfile', df);
   * backend.context; // 'backend'
   * backend.stages;  // ['builder', 'runtime'] — typed as 'builder' | 'runtime'
   * ```
   */
  dockerfile<S extends string, H extends string = never>(path: string, dockerfile: DockerfileSource<S, H>, options: { context?: string } = {}): DockerfileRef<S, H> {
    this.#open('dockerfile');
    requireMethod(dockerfile, 'toModel', 'Dockerfile');
    const context = options.context === undefined ? posix.dirname(path) : options.context === '.' ? '.' : checkPath(options.context);
    this.#claim(path);
    this.#entries.push({ kind: 'dockerfile', path, model: dockerfile.toModel() });
    this.#dockerfiles.push({ path, context, ignore: dockerfile.dockerignoreModel() });
    return dockerfileRef<S, H>(path, context, dockerfile.stageNames);
  }

  /**
   * Places a compose file. Beside it go its `.env.example` (when it declares environment variables)
   * and its `compose.override.yaml` (when services have `dev(…)` settings: published ports and
   * watch rules that `docker compose up` merges in, while CI runs `docker compose -f compose.yaml`).
   *
   * @example
   * ```ts
   * app.compose('compose.yaml', Compose.create().env(env).service('db', (s) => s.image('postgres:16')));
   * // writes compose.yaml and .env.example
   * ```
   */
  compose(path: string, compose: ComposeSource): this {
    this.#open('compose');
    requireMethod(compose, 'toModel', 'Compose');
    const dir = posix.dirname(path);
    const beside = (name: string): string => (dir === '.' ? name : `${dir}/${name}`);
    this.add('compose', path, compose.toModel({ dir }));
    const override = compose.overrideModel?.({ dir });
    if (override) this.add('compose', beside('compose.override.yaml'), override);
    const env = compose.envExampleModel();
    if (env) {
      this.add('env-example', beside('.env.example'), env);
      this.gitignore(['.env']);
    }
    return this;
  }

  /**
   * Adds patterns to the managed block of a `.gitignore` (default: the project's root one). Only the
   * lines between the devstack-kit markers are generated; the rest of the file stays as written. A
   * compose file with environment variables adds `.env` by itself.
   *
   * @example
   * ```ts
   * app.gitignore(['.env', '.devstack/cache/']);
   * // .gitignore:
   * // node_modules            ← yours, untouched
   * //
   * // # >>> devstack-kit: generated from devstack.config.ts; run npx devstack synth
   * // .env
   * // .devstack/cache/
   * // # <<< devstack-kit
   * ```
   */
  gitignore(patterns: readonly string[], path = '.gitignore'): this {
    this.#open('gitignore');
    const current = this.#gitignore.get(path);
    if (current === undefined) this.#claim(path);
    const next = [...(current ?? [])];
    for (const p of patterns) if (!next.includes(p)) next.push(p);
    this.#gitignore.set(path, next);
    return this;
  }

  /**
   * Places a GitHub Actions workflow.
   *
   * @example
   * ```ts
   * app.workflow('.github/workflows/ci.yml', Workflow.create('CI').on('push').job('test', (j) => j.runsOn('ubuntu-latest').run('make test')));
   * ```
   */
  workflow(path: string, workflow: WorkflowSource): this {
    this.#open('workflow');
    requireMethod(workflow, 'toModel', 'Workflow');
    return this.add('workflow', path, workflow.toModel());
  }

  /**
   * Places a composite action (`action.yml`).
   *
   * @example
   * ```ts
   * app.action('.github/actions/setup/action.yml', Action.create('Setup', 'Installs the toolchain'));
   * ```
   */
  action(path: string, action: ActionSource): this {
    this.#open('action');
    requireMethod(action, 'toModel', 'Action');
    return this.add('action', path, action.toModel());
  }

  /**
   * Registers a check across the App's files (see {@link AppCheck}); a stack registers one in
   * `addTo` (`stack/unchecked-budget`). Checks run at `validate()`, so files placed after the check
   * was registered count too. A check that reports codes devstack-kit does not define (a preset's own)
   * registers them here, with their documentation, so the App's `lint` options may name them (the
   * compiler learns them from the preset's `declare module 'devstack-kit' { interface IssueCodes … }`).
   *
   * @example
   * ```ts
   * app.check((entries) => (entries.length > 0 ? [] : [{ code: 'stack/unchecked-budget', severity: 'warning', message: 'nothing to check', path: [] }]));
   * // a preset's check, with the codes it reports (each a CodeInfo: code, severity, summary, fix)
   * app.check(mailpitLint, mailpitCodes);
   * ```
   */
  check(check: AppCheck, codes: readonly CodeInfo[] = []): this {
    this.#open('check');
    if (typeof check !== 'function') throw new UsageError('app/invalid-builder', `app.check(…) expects a function (entries) => issues, received ${check === null ? 'null' : typeof check}`, 'pass (entries) => [] or a list of issues');
    if (!Array.isArray(codes)) throw new UsageError('app/invalid-builder', `app.check(check, codes) expects a list of codes, received ${codes === null ? 'null' : typeof codes}`, "pass a list of { code, severity, summary, fix }, each code written '<domain>/<kebab-name>'");
    for (const c of codes) {
      const code = (c as Partial<CodeInfo> | null)?.code;
      if (typeof code !== 'string' || !isCode(code)) {
        throw new UsageError('app/invalid-builder', `app.check(check, codes): ${JSON.stringify(code)} is not an issue code`, "give each code as '<domain>/<kebab-name>': 'mailpit/ui-published'");
      }
      this.#codes.add(code);
    }
    this.#checks.push(check);
    return this;
  }

  /** Every file the App will write, `.dockerignore` files placed, in the order they were added. */
  entries(): readonly FileEntry[] {
    const out: FileEntry[] = [...this.#entries];
    const perContext = new Map<string, number>();
    for (const d of this.#dockerfiles) perContext.set(d.context, (perContext.get(d.context) ?? 0) + 1);
    for (const d of this.#dockerfiles) {
      if (!d.ignore) continue;
      const shared = (perContext.get(d.context) ?? 0) > 1;
      const path = shared ? `${d.path}.dockerignore` : d.context === '.' ? '.dockerignore' : `${d.context}/.dockerignore`;
      if (isReservedPath(path)) throw new UsageError('app/reserved-path', `the .dockerignore of ${d.path} would be written to "${path}", inside ${RESERVED_DIR}/`, 'give the Dockerfile a build context outside .devstack/');
      const taken = folded(path);
      if ([...this.#paths, ...out.map((e) => e.path)].some((p) => folded(p) === taken)) {
        throw new UsageError('app/duplicate-path', `the .dockerignore of ${d.path} would be written to "${path}", where another file is placed`, 'give the Dockerfile its own context, or drop one of the two files');
      }
      checkClash(path, [...this.#paths, ...out.map((e) => e.path)]);
      out.push({ kind: 'dockerignore', path, model: d.ignore });
    }
    for (const [path, patterns] of this.#gitignore) out.push({ kind: 'gitignore', path, model: { patterns } });
    return out;
  }

  /**
   * Checks every file (schema and rules, with the App's lint options) and returns all issues,
   * errors and warnings alike. Never throws for content problems.
   */
  validate(): Issue[] {
    const entries = this.entries();
    const siblings = new Map(
      entries.map((e) => {
        const facts = (kinds[e.kind] as { facts?: (model: unknown) => FileFacts }).facts?.(e.model);
        return [e.path, { kind: e.kind, model: e.model as unknown, ...(facts ? { facts } : {}) }] as const;
      }),
    );
    const issues: Issue[] = [];
    for (const entry of entries) {
      const handler = kinds[entry.kind] as (typeof kinds)[FileKind] & { validate(model: unknown, ctx: unknown): Issue[] };
      issues.push(...inFile(handler.validate(entry.model, { file: entry.path, siblings }), entry.path));
    }
    for (const check of this.#checks) issues.push(...check(entries));
    const known = new Set([...allCodes().map((c) => c.code), ...this.#codes]);
    return withSourceLocations(applyLintConfig(issues, this.#options.lint, known), entries);
  }

  /**
   * Validates every file, then renders every file. Pure: no disk, no clock, no environment; the same
   * App gives the same bytes. Throws one {@link SynthError} listing every error of every file. After
   * `synth()` the App is locked: placing another file or check throws `app/locked`.
   *
   * @example
   * ```ts
   * const { files } = app.synth();
   * files['compose.yaml'];
   * // # Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.
   * // services:
   * //   api: …
   * ```
   */
  synth(): SynthResult {
    this.#locked = true;
    // validation and rendering parse the same models with the same schemas: parse each once
    return withParseMemo(() => this.#synth());
  }

  #synth(): SynthResult {
    const issues = this.validate();
    if (errorsOf(issues).length > 0) throw new SynthError(issues);
    const rendered: [string, string][] = [];
    const blocks: string[] = [];
    for (const entry of this.entries()) {
      const handler = kinds[entry.kind] as unknown as { render(m: unknown): string; mark(t: string): string };
      rendered.push([entry.path, handler.mark(handler.render(entry.model))]);
      if (entry.kind === 'gitignore') blocks.push(entry.path);
    }
    // fromEntries defines own properties: a file named `__proto__` is a file, not the prototype
    return { files: Object.fromEntries(rendered), blocks, issues };
  }
}
