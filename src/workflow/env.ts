/**
 * One environment declaration for compose, `.env.example` and CI: the variables declared with `Env`
 * reach a workflow's `env:` as GitHub expressions.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { expr, type Expr } from './expressions.js';

/** What {@link workflowEnv} reads: an `Env` (from `devstack-kit/compose`) or anything with its shape. */
export interface EnvSource<V extends string> {
  names(): V[];
  toModel(): { readonly vars: readonly { readonly name: string; readonly default?: string | undefined; readonly secret?: boolean | undefined }[] };
}

/**
 * The `env:` of a workflow or job for declared variables: a secret becomes `${{ secrets.NAME }}`; any
 * other variable becomes `${{ vars.NAME || '<default>' }}` (a repository variable overrides the
 * declared default), or `${{ vars.NAME }}` when it has no default. Pass names to take only some.
 *
 * @example
 * ```ts
 * const env = Env.create()
 *   .var('REDIS_URL', { default: 'redis://localhost:6379' })
 *   .var('API_TOKEN', { secret: true });
 * Workflow.create('CI').env(workflowEnv(env));
 * // env:
 * //   REDIS_URL: ${{ vars.REDIS_URL || 'redis://localhost:6379' }}
 * //   API_TOKEN: ${{ secrets.API_TOKEN }}
 * ```
 */
export function workflowEnv<V extends string>(env: EnvSource<V>, only?: readonly NoInfer<V>[]): Record<V, string> {
  const vars = env.toModel().vars;
  const wanted = only ?? env.names();
  const out = {} as Record<V, string>;
  for (const name of wanted) {
    const v = vars.find((x) => x.name === name);
    if (!v) throw new UsageError('env/unknown-name', `"${name}" is not declared`, 'declare it with .var(name, …)');
    let value: Expr;
    if (v.secret === true) value = expr.secrets[name] as Expr;
    else if (v.default !== undefined) value = (expr.vars[name] as Expr).or(v.default);
    else value = expr.vars[name] as Expr;
    out[name] = value.toString();
  }
  return out;
}
