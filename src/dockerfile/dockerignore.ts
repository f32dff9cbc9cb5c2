/**
 * The `.dockerignore` builder and presets.
 * @module
 */
import { requireText, UsageError } from '../core/errors.js';
import type { Issue } from '../core/issue.js';
import type { DockerignoreEntry, DockerignoreModel } from './model.js';
import { parseDockerignore } from './parse.js';
import { synthDockerignore } from './synth.js';

const BRAND = Symbol.for('devstack-kit.Dockerignore');

/**
 * An immutable `.dockerignore` builder: patterns, `!` exceptions and comments, in order.
 *
 * @example
 * ```ts
 * Dockerignore.create().comment('VCS').ignore('.git').ignore('**\/__pycache__').except('README.md').toString();
 * // # VCS
 * // .git
 * // **\/__pycache__
 * // !README.md
 * ```
 */
export class Dockerignore {
  readonly #entries: readonly DockerignoreEntry[];
  readonly [BRAND] = true;

  readonly #issues: readonly Issue[];

  private constructor(entries: readonly DockerignoreEntry[], issues: readonly Issue[] = []) {
    this.#entries = Object.freeze(entries.map((e) => (Object.isFrozen(e) ? e : Object.freeze({ ...e }))));
    this.#issues = Object.freeze([...issues]);
  }

  /** An empty `.dockerignore`. @example `Dockerignore.create().ignore('.git')` → `.git` */
  static create(): Dockerignore {
    return new Dockerignore([]);
  }

  /** Wraps a model. @example `Dockerignore.fromModel({ entries: [{ kind: 'ignore', pattern: '.git' }] })` → `.git` */
  static fromModel(model: DockerignoreModel): Dockerignore {
    return new Dockerignore(model.entries);
  }

  /**
   * Reads a `.dockerignore` text. Never throws for what the text says (every line is a pattern, an
   * exception, a comment or a blank); problems, if any, are in {@link Dockerignore.parseIssues}.
   * Only a non-string argument throws (`core/invalid-argument`).
   * @example `Dockerignore.parse('.git\n!keep\n').toModel().entries.length` → `2`
   */
  static parse(text: string, file?: string): Dockerignore {
    requireText(text, 'Dockerignore.parse');
    const { model, issues } = parseDockerignore(text, file);
    return new Dockerignore(model?.entries ?? [], issues);
  }

  /** The problems {@link Dockerignore.parse} found (empty for a built file). @example `Dockerignore.parse('.git\n').parseIssues` → `[]` */
  get parseIssues(): readonly Issue[] {
    return this.#issues;
  }

  /** True for a `Dockerignore` from any copy of devstack-kit. @example `Dockerignore.isDockerignore(Dockerignore.create())` → `true` */
  static isDockerignore(value: unknown): value is Dockerignore {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * Adds patterns whose matches leave the build context. A pattern starting with `#` or `!` is a
   * literal file name pattern, written escaped (`\#notes`); use {@link Dockerignore.except} for exceptions.
   * @example `.ignore('node_modules', '.env')` → `node_modules` / `.env`
   */
  ignore(...patterns: string[]): Dockerignore {
    return this.#with(patterns.map((p) => ({ kind: 'ignore', pattern: checked(p) })));
  }

  /** Adds `!` exceptions that put matches back. @example `.except('.env.example')` → `!.env.example` */
  except(...patterns: string[]): Dockerignore {
    return this.#with(patterns.map((p) => ({ kind: 'exception', pattern: checked(p.replace(/^!/, '')) })));
  }

  /** Adds a comment line. @example `.comment('Python')` → `# Python` */
  comment(text: string): Dockerignore {
    return this.#with(text.split('\n').map((t) => ({ kind: 'comment', text: t })));
  }

  /** Adds a blank line. @example `.blank()` → an empty line */
  blank(): Dockerignore {
    return this.#with([{ kind: 'blank' }]);
  }

  /** Appends another `.dockerignore`'s lines (patterns already present are skipped). @example `presets.python().merge(presets.node())` */
  merge(other: Dockerignore | DockerignoreModel): Dockerignore {
    const key = (e: DockerignoreEntry): string => ('pattern' in e ? `${e.kind}:${e.pattern}` : e.kind === 'comment' ? `comment:${e.text}` : '');
    const seen = new Set(this.#entries.map(key));
    // Skip patterns and comments already present; drop the trailing comments and blank lines that
    // would be left with no pattern after them.
    const add = (Dockerignore.isDockerignore(other) ? other.toModel() : other).entries.filter((e) => e.kind === 'blank' || !seen.has(key(e)));
    while (add.length > 0 && !('pattern' in add[add.length - 1]!)) add.pop();
    return this.#with(add);
  }

  /** Applies `fn` when `condition` holds. @example `.$if(isDev, (d) => d.except('.env'))` */
  $if(condition: boolean, fn: (d: Dockerignore) => Dockerignore): Dockerignore {
    return condition ? fn(this) : this;
  }

  /** Applies `fn` (to share a fragment). @example `.$call(addSecrets)` */
  $call(fn: (d: Dockerignore) => Dockerignore): Dockerignore {
    return fn(this);
  }

  /** The model: plain, deeply frozen data. @example `Dockerignore.create().ignore('.git').toModel()` → `{ entries: [{ kind: 'ignore', pattern: '.git' }] }` */
  toModel(): DockerignoreModel {
    return Object.freeze({ entries: this.#entries as DockerignoreEntry[] });
  }

  /** The file's text. @example `Dockerignore.create().ignore('.git').toString()` → `".git\n"` */
  toString(): string {
    return synthDockerignore(this.toModel());
  }

  #with(entries: DockerignoreEntry[]): Dockerignore {
    return new Dockerignore([...this.#entries, ...entries], this.#issues);
  }
}

// Docker trims white space around each line, so a pattern with leading or trailing white space
// cannot be written; "#" and "!" at the start are written escaped (synthDockerignore).
function checked(pattern: string): string {
  if (pattern.trim() === '' || /[\r\n]/.test(pattern)) throw new UsageError('dockerignore/schema/invalid-format', `expected a pattern on one line, received ${JSON.stringify(pattern)}`);
  if (pattern.trim() !== pattern) throw new UsageError('dockerignore/schema/invalid-format', `expected a pattern without leading or trailing white space, received ${JSON.stringify(pattern)} (Docker trims it)`, 'remove the white space; a file name that starts or ends with a space can be matched with "?"');
  return pattern;
}

const seed = (): Dockerignore =>
  Dockerignore.create().comment('Version control and local secrets').ignore('.git', '.env').blank().comment('Caches and dependencies rebuilt in the image').ignore('**/__pycache__', 'node_modules');

/**
 * Ready-made `.dockerignore` files. `seed` holds the brief's defaults (`__pycache__`, `.git`,
 * `node_modules`, `.env`); `python` and `node` add what those ecosystems leave around.
 *
 * @example
 * ```ts
 * dockerignorePresets.python().toString();
 * // # Version control and local secrets
 * // .git
 * // .env
 * // ...
 * // **\/__pycache__
 * // .venv
 * ```
 */
export const dockerignorePresets = Object.freeze({
  /** `.git`, `.env`, `**\/__pycache__`, `node_modules`. */
  seed,
  /** The seed plus Python virtualenvs, bytecode, test and type-check caches. */
  python: (): Dockerignore =>
    seed()
      .blank()
      .comment('Python')
      .ignore('**/*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.coverage', 'htmlcov', 'dist', 'build', '*.egg-info', '.env.*')
      .except('.env.example'),
  /** The seed plus Node build output, logs and caches. */
  node: (): Dockerignore =>
    seed()
      .blank()
      .comment('Node')
      .ignore('npm-debug.log*', 'yarn-error.log*', '.npm', 'coverage', 'dist', '.next', '.turbo', '.cache', '.env.*')
      .except('.env.example'),
});
