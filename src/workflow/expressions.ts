/**
 * Typed GitHub Actions expressions. An {@link Expr} renders as `${{ … }}` inside strings (template
 * literals just work) and as its bare source in `if:`. Every context, function and operator of the
 * expression language has a typed entry here.
 * @module
 */

import type { IssuePath } from '../core/issue.js';
import { scanTemplate } from './expression-syntax.js';

export { parseExpression, referencesIn, scanTemplate, type ContextPath, type ExprNode, type ExprSyntaxError, type PathSegment, type TemplatePart } from './expression-syntax.js';

const EXPR = Symbol.for('devstack-kit.Expr');

/** A literal an expression can compare with. */
export type Literal = string | number | boolean | null;
/** Anything usable as an operand: an expression or a literal. */
export type Operand = Expr | Literal;

/**
 * One expression. `String(e)` is `${{ source }}`; `e.source` is the bare expression.
 *
 * @example
 * ```ts
 * const e = expr.github.ref.eq('refs/heads/main').and(expr.github.event_name.ne('pull_request'));
 * `${e}`;   // "${{ github.ref == 'refs/heads/main' && github.event_name != 'pull_request' }}"
 * e.source; // "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
 * ```
 */
export class Expr {
  /** The bare expression, without `${{ }}`. */
  readonly source: string;
  /** The precedence of the outermost operator (higher binds tighter); 100 for an atom. */
  readonly precedence: number;
  readonly [EXPR] = true as const;

  constructor(source: string, precedence = 100) {
    this.source = source;
    this.precedence = precedence;
    Object.freeze(this);
  }

  /** `${{ source }}` — how an expression is written inside a string. */
  toString(): string {
    return `\${{ ${this.source} }}`;
  }
  /** JSON is the rendered form too, so a model holding an `Expr` serializes as YAML would. */
  toJSON(): string {
    return this.toString();
  }
  /** `a && b` */
  and(...others: Operand[]): Expr {
    return and(this, ...others);
  }
  /** `a || b` */
  or(...others: Operand[]): Expr {
    return or(this, ...others);
  }
  /** `!a` */
  not(): Expr {
    return not(this);
  }
  /** `a == b` */
  eq(other: Operand): Expr {
    return binary('==', this, other);
  }
  /** `a != b` */
  ne(other: Operand): Expr {
    return binary('!=', this, other);
  }
  /** `a < b` */
  lt(other: Operand): Expr {
    return binary('<', this, other);
  }
  /** `a <= b` */
  le(other: Operand): Expr {
    return binary('<=', this, other);
  }
  /** `a > b` */
  gt(other: Operand): Expr {
    return binary('>', this, other);
  }
  /** `a >= b` */
  ge(other: Operand): Expr {
    return binary('>=', this, other);
  }
  /** `a[key]` — property access by a computed or unusual key. */
  at(key: Operand): Expr {
    return new Expr(`${operand(this, 99)}[${operand(key, 0)}]`, 99);
  }
  /** Property access: `a.name` (use {@link Expr.at} for names a property cannot spell). */
  prop(name: string): Expr {
    return new Expr(`${operand(this, 99)}.${name}`, 99);
  }
}

/**
 * True for an {@link Expr} from any copy of devstack-kit.
 *
 * @example
 * ```ts
 * isExpr(expr.github.sha); // true
 * isExpr('${{ github.sha }}'); // false (a string that contains an expression)
 * ```
 */
export function isExpr(value: unknown): value is Expr {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && (value as Record<symbol, unknown>)[EXPR] === true;
}

/** Writes a literal in expression syntax: strings in single quotes (`'` doubled). */
export function literal(value: Literal): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

function operand(value: Operand, precedence: number): string {
  if (isExpr(value)) return value.precedence < precedence ? `(${value.source})` : value.source;
  return literal(value);
}

// precedence (GitHub docs): () [] . > ! > < <= > >= > == != > && > ||
const PRECEDENCE: Record<string, number> = { '||': 10, '&&': 20, '==': 30, '!=': 30, '<': 40, '<=': 40, '>': 40, '>=': 40 };

function binary(op: string, a: Operand, b: Operand): Expr {
  const p = PRECEDENCE[op] as number;
  return new Expr(`${operand(a, p)} ${op} ${operand(b, p + 1)}`, p);
}

/** `a && b && …` */
export function and(...values: Operand[]): Expr {
  return new Expr(values.map((v) => operand(v, 20)).join(' && '), 20);
}
/** `a || b || …` */
export function or(...values: Operand[]): Expr {
  return new Expr(values.map((v) => operand(v, 10)).join(' || '), 10);
}
/** `!a` */
export function not(value: Operand): Expr {
  return new Expr(`!${operand(value, 50)}`, 50);
}

function call(name: string, args: Operand[]): Expr {
  return new Expr(`${name}(${args.map((a) => operand(a, 0)).join(', ')})`);
}

/**
 * A deep path: every property is another path (`github.event.pull_request.title`), and calling it
 * with a name is the same as a property (`env('MY_VAR')`), for names a property cannot spell and
 * so the result is never `undefined` under `noUncheckedIndexedAccess`.
 */
export type DeepExpr = Expr & ((key: string) => DeepExpr) & { readonly [K in PayloadKey]: DeepExpr };

/**
 * Property names {@link DeepExpr} offers as properties (webhook payload fields and the like); any
 * other name is reached by calling the path: `expr.github.event('custom_field')`.
 */
export type PayloadKey =
  | 'action' | 'after' | 'answer' | 'assignee' | 'assignees' | 'author' | 'base' | 'before' | 'body' | 'branch' | 'check_run'
  | 'check_suite' | 'client_payload' | 'comment' | 'commits' | 'compare' | 'conclusion' | 'created' | 'default_branch' | 'deleted'
  | 'deployment' | 'deployment_status' | 'description' | 'discussion' | 'draft' | 'email' | 'environment' | 'event' | 'forced'
  | 'forkee' | 'full_name' | 'head' | 'head_branch' | 'head_commit' | 'head_sha' | 'html_url' | 'id' | 'inputs' | 'issue'
  | 'label' | 'labels' | 'login' | 'merge_group' | 'merged' | 'merged_by' | 'message' | 'milestone' | 'name' | 'network' | 'node_id'
  | 'number' | 'owner' | 'pages' | 'page_name' | 'ports' | 'prerelease' | 'private' | 'pull_request' | 'pull_requests' | 'pusher'
  | 'ref' | 'ref_type' | 'release' | 'repo' | 'repository' | 'requested_reviewer' | 'review' | 'schedule' | 'sender' | 'sha'
  | 'state' | 'tag_name' | 'target_url' | 'title' | 'type' | 'url' | 'user' | 'workflow' | 'workflow_run' | 'workflow_job';

const EXPR_MEMBERS = new Set<PropertyKey>(['source', 'precedence', 'toString', 'toJSON', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'at', 'prop', 'constructor', 'valueOf']);

function child(source: string, key: string): DeepExpr {
  return /^[A-Za-z_][\w-]*$/.test(key) ? path(`${source}.${key}`) : path(`${source}[${literal(key)}]`);
}

/** A path expression whose properties are paths below it (a Proxy; `then` is never a property, so it is not a thenable). */
export function path(source: string): DeepExpr {
  const target = new Expr(source, 99);
  return new Proxy(() => undefined, {
    apply(_fn, _this, args: unknown[]) {
      return child(source, String(args[0]));
    },
    get(_fn, key) {
      if (typeof key === 'symbol' || EXPR_MEMBERS.has(key)) {
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      }
      if (key === 'then') return undefined;
      return child(source, key);
    },
  }) as unknown as DeepExpr;
}

/** Properties of the `github` context. */
export const GITHUB_PROPERTIES = [
  'action', 'action_path', 'action_ref', 'action_repository', 'action_status', 'actor', 'actor_id', 'api_url', 'base_ref',
  'env', 'event_name', 'event_path', 'graphql_url', 'head_ref', 'job', 'path', 'ref', 'ref_name', 'ref_protected', 'ref_type',
  'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'repositoryUrl', 'retention_days', 'run_id',
  'run_number', 'run_attempt', 'secret_source', 'server_url', 'sha', 'token', 'triggering_actor', 'workflow', 'workflow_ref',
  'workflow_sha', 'workspace',
] as const;

/** The `github` context: typed properties, and `event` as a deep path into the webhook payload. */
export type GithubContext = Expr & { readonly [K in (typeof GITHUB_PROPERTIES)[number]]: Expr } & { readonly event: DeepExpr };
/** The `runner` context. */
export interface RunnerContext extends Expr {
  readonly name: Expr; readonly os: Expr; readonly arch: Expr; readonly temp: Expr; readonly tool_cache: Expr; readonly debug: Expr; readonly environment: Expr;
}
/** The `strategy` context. */
export interface StrategyContext extends Expr {
  readonly 'fail-fast': Expr; readonly 'job-index': Expr; readonly 'job-total': Expr; readonly 'max-parallel': Expr;
}
/** The `job` context. */
export interface JobContext extends Expr {
  readonly status: Expr; readonly container: { readonly id: Expr; readonly network: Expr }; readonly services: DeepExpr;
  readonly check_run_id: Expr; readonly workflow_ref: Expr; readonly workflow_sha: Expr; readonly workflow_repository: Expr; readonly workflow_file_path: Expr;
}
/**
 * Named expressions: exactly the declared names, or any name (callable too) when the names are
 * not known (`string`).
 */
export type Named<K extends string> = string extends K ? OpenContext : { readonly [P in K]: Expr };

/**
 * The outputs a step declares (`steps.<id>.outputs.<name>`). Its name is what the compiler prints
 * for an unknown output: `Property 'w' does not exist on type 'DeclaredStepOutputs<"v">'`.
 *
 * @example
 * ```ts
 * j.step('version', { run: '…', outputs: ['v'] }).step(({ steps }) => ({ run: `echo ${steps.version.outputs.v}` }));
 * // run: echo ${{ steps.version.outputs.v }}
 * ```
 */
export type DeclaredStepOutputs<O extends string> = { readonly [P in O]: Expr };
/**
 * The outputs a job declares (`needs.<job>.outputs.<name>`). Its name is what the compiler prints
 * for an unknown output: `Property 'digest' does not exist on type 'DeclaredJobOutputs<"tags">'`.
 *
 * @example
 * ```ts
 * w.job('deploy', (j) => j.step(({ needs }) => ({ run: `deploy ${needs.build.outputs.tags}` })));
 * // run: deploy ${{ needs.build.outputs.tags }}
 * ```
 */
export type DeclaredJobOutputs<O extends string> = { readonly [P in O]: Expr };

/** `steps.<id>` with the step's declared outputs. */
export interface StepRef<O extends string> {
  readonly outputs: string extends O ? OpenContext : DeclaredStepOutputs<O>;
  readonly outcome: Expr;
  readonly conclusion: Expr;
}
/** `needs.<job>` with the job's declared outputs. */
export interface NeedsRef<O extends string> {
  readonly outputs: string extends O ? OpenContext : DeclaredJobOutputs<O>;
  readonly result: Expr;
}
export declare const MATRIX_KEY: unique symbol;
/**
 * `expr.matrix('<key>')`: an expression that names its matrix key in its type (type-only), so a job
 * builder can check the key against its matrix.
 *
 * @example
 * ```ts
 * const os: MatrixExpr<'os'> = expr.matrix('os');
 * j.matrix({ os: ['ubuntu-latest'] }).runsOn(expr.matrix('os')); // runs-on: ${{ matrix.os }}
 * ```
 */
export type MatrixExpr<K extends string> = Expr & { readonly [MATRIX_KEY]: K };
/** `expr.matrix`: `expr.matrix('key')` (typed by its key) or `expr.matrix.key` / `expr.matrix['key']` (untyped). */
export type MatrixAccessor = Expr & (<const K extends string>(key: K) => MatrixExpr<K>) & { readonly [name: string]: Expr };

/** A context with any names: `env.X` or `env('X')`, `vars.X`, `secrets.X`. */
export type OpenContext = Expr & ((name: string) => Expr) & { readonly [name: string]: Expr };

/**
 * The expression API: every context, function and operator.
 *
 * @example
 * ```ts
 * import { expr } from 'devstack-kit/workflow';
 * `key: ${expr.runner.os}-uv-${expr.hashFiles('uv.lock')}`;
 * // key: ${{ runner.os }}-uv-${{ hashFiles('uv.lock') }}
 * expr.and(expr.success(), expr.github.ref.eq('refs/heads/main')).source;
 * // success() && github.ref == 'refs/heads/main'
 * ```
 */
export const expr = Object.freeze({
  /** The `github` context. */
  github: path('github') as unknown as GithubContext,
  /** The `env` context. */
  env: path('env') as unknown as OpenContext,
  /** The `vars` context (configuration variables). */
  vars: path('vars') as unknown as OpenContext,
  /** The `secrets` context. */
  secrets: path('secrets') as unknown as OpenContext & { readonly GITHUB_TOKEN: Expr },
  /** The `inputs` context (untyped here; a builder's context types it). */
  inputs: path('inputs') as unknown as OpenContext,
  /**
   * The `matrix` context. `expr.matrix('python')` carries its key in its type, so the job methods it
   * is passed to directly (`runsOn`, `defaults`, `env`, `if`, `timeout`, `continueOnError`) accept only
   * the job's matrix keys; `expr.matrix['python']` and a key inside a template string are checked by
   * the workflow rules instead.
   */
  matrix: path('matrix') as unknown as MatrixAccessor,
  /** The `strategy` context. */
  strategy: path('strategy') as unknown as StrategyContext,
  /** The `needs` context (untyped here; a job builder's context types it). */
  needs: path('needs') as unknown as ((job: string) => NeedsRef<string>) & { readonly [job: string]: NeedsRef<string> },
  /** The `steps` context (untyped here; a job builder's context types it). */
  steps: path('steps') as unknown as ((id: string) => StepRef<string>) & { readonly [id: string]: StepRef<string> },
  /** The `job` context. */
  job: path('job') as unknown as JobContext,
  /** The `runner` context. */
  runner: path('runner') as unknown as RunnerContext,
  /** `contains(search, item)` */
  contains: (search: Operand, item: Operand) => call('contains', [search, item]),
  /** `startsWith(searchString, searchValue)` */
  startsWith: (s: Operand, v: Operand) => call('startsWith', [s, v]),
  /** `endsWith(searchString, searchValue)` */
  endsWith: (s: Operand, v: Operand) => call('endsWith', [s, v]),
  /** `format('{0} {1}', a, b)` */
  format: (template: string, ...args: Operand[]) => call('format', [template, ...args]),
  /** `join(array, separator?)` */
  join: (array: Operand, separator?: string) => call('join', separator === undefined ? [array] : [array, separator]),
  /** `toJSON(value)` */
  toJSON: (value: Operand) => call('toJSON', [value]),
  /** `fromJSON(value)` */
  fromJSON: (value: Operand) => call('fromJSON', [value]),
  /** `hashFiles(pattern, …)` */
  hashFiles: (...patterns: string[]) => call('hashFiles', patterns),
  /** `success()` */
  success: () => call('success', []),
  /** `always()` */
  always: () => call('always', []),
  /** `cancelled()` */
  cancelled: () => call('cancelled', []),
  /** `failure()` */
  failure: () => call('failure', []),
  /** `a && b && …` */
  and,
  /** `a || b || …` */
  or,
  /** `!a` */
  not,
  /** `a == b` */
  eq: (a: Operand, b: Operand) => binary('==', a, b),
  /** `a != b` */
  ne: (a: Operand, b: Operand) => binary('!=', a, b),
  /** `a < b` */
  lt: (a: Operand, b: Operand) => binary('<', a, b),
  /** `a <= b` */
  le: (a: Operand, b: Operand) => binary('<=', a, b),
  /** `a > b` */
  gt: (a: Operand, b: Operand) => binary('>', a, b),
  /** `a >= b` */
  ge: (a: Operand, b: Operand) => binary('>=', a, b),
  /** A literal as an expression: `expr.lit('main')` is `'main'`. */
  lit: (value: Literal) => new Expr(literal(value)),
  /** An expression written by hand (no checks): `expr.raw('github.event.inputs.x')`. */
  raw: (source: string) => new Expr(source, 0),
});

/** The bodies of every `${{ … }}` in a string, trimmed (a `}}` inside a quoted literal does not close one). */
export function expressionsIn(text: string): string[] {
  return scanTemplate(text).parts.map((p) => p.body.trim());
}

/**
 * Where the first `${{` without its closing `}}` starts, or `undefined`. Reads as GitHub does: a
 * `}}` inside a single-quoted string literal (`${{ '}}' }}`, `''` escaping a quote) does not close.
 *
 * @example
 * ```ts
 * unclosedExpressionAt('echo ${{ github.sha'); // 5
 * unclosedExpressionAt("echo ${{ '}}' }}");    // undefined
 * ```
 */
export function unclosedExpressionAt(text: string): number | undefined {
  return scanTemplate(text).unclosed;
}

/**
 * The expression an `if:` condition evaluates: the text itself when it has no `${{ }}`, or the body
 * of the one `${{ … }}` that makes up the whole value. `undefined` for anything else — text around
 * an expression makes a non-empty string, which is always true, and an unclosed `${{` is an error.
 *
 * @example
 * ```ts
 * conditionSource("${{ github.event_name == 'push' }}"); // "github.event_name == 'push'"
 * conditionSource("github.event_name == 'push'");        // "github.event_name == 'push'"
 * conditionSource("${{ a }} == 'x'");                     // undefined (always true)
 * ```
 */
export function conditionSource(condition: string): string | undefined {
  const { parts, unclosed } = scanTemplate(condition);
  if (unclosed !== undefined) return undefined;
  if (parts.length === 0) return condition.trim();
  const [only] = parts;
  if (parts.length === 1 && only && condition.slice(0, only.start).trim() === '' && condition.slice(only.end).trim() === '') return only.body.trim();
  return undefined;
}

/** One expression found in a model: its source, the path of the string that holds it, and that string. */
export interface ExpressionSite {
  /** The bare expression, trimmed (no `${{ }}`). */
  readonly source: string;
  /** Where the string that holds it is in the model. */
  readonly path: IssuePath;
  /** The whole string it was found in. */
  readonly text: string;
  /** True for an `if:` condition written without `${{ }}`, which is an expression as a whole. */
  readonly bare: boolean;
}

/**
 * True for the `if:` of a job (`jobs.<id>.if`) or of a step (`….steps[i].if`), which may be written without `${{ }}`.
 *
 * @example
 * ```ts
 * isConditionPath(['jobs', 'test', 'steps', 0, 'if']); // true
 * isConditionPath(['jobs', 'test', 'env', 'if']);      // false (an env variable named "if")
 * ```
 */
export function isConditionPath(path: IssuePath): boolean {
  if (path[path.length - 1] !== 'if') return false;
  const parent = path[path.length - 2];
  return typeof parent === 'number' || (path.length === 3 && path[0] === 'jobs');
}

/**
 * Every expression in a value, depth first, in document order: the `${{ … }}` parts of each string
 * and each `if:` condition written without `${{ }}` (see {@link isConditionPath}); `$pinning`
 * (never written to the file) is skipped. The one walker every workflow rule that reads
 * expressions uses.
 *
 * @example
 * ```ts
 * [...expressionSites({ jobs: { t: { if: "github.ref == 'main'", steps: [{ run: 'echo ${{ matrix.os }}' }] } } })]
 *   .map((s) => [s.path.join('.'), s.source]);
 * // [['jobs.t.if', "github.ref == 'main'"], ['jobs.t.steps.0.run', 'matrix.os']]
 * ```
 */
export function* expressionSites(value: unknown, path: IssuePath = []): Generator<ExpressionSite> {
  for (const [text, at] of stringsIn(value, path)) {
    const { parts } = scanTemplate(text);
    if (parts.length === 0 && !text.includes('${{') && isConditionPath(at) && text.trim() !== '') {
      yield { source: text.trim(), path: at, text, bare: true };
      continue;
    }
    for (const p of parts) yield { source: p.body.trim(), path: at, text, bare: false };
  }
}

/**
 * Every string in a value with its path, depth first; an {@link Expr} counts as its `${{ … }}`
 * form, and `$pinning` (never written to the file) is skipped.
 *
 * @example
 * ```ts
 * [...stringsIn({ env: { A: 'x' }, steps: [{ run: 'y' }] })]; // [['x', ['env', 'A']], ['y', ['steps', 0, 'run']]]
 * ```
 */
export function* stringsIn(value: unknown, path: IssuePath = []): Generator<[string, IssuePath]> {
  if (typeof value === 'string') yield [value, path];
  else if (isExpr(value)) yield [String(value), path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, [...path, i]);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (k !== '$pinning') yield* stringsIn(v, [...path, k]);
  }
}
