/**
 * What GitHub's own parser or actionlint rejects although the model's schema accepts it: an unclosed
 * `${{`, an empty `run:`, an environment variable name with `=`, `&` or whitespace.
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import { defineRule } from '../../core/rule.js';
import { stringsIn, unclosedExpressionAt } from '../expressions.js';
import type { WorkflowModel } from '../model.js';
import { isNormalJob, jobsOf, stepsOf } from './walk.js';

/**
 * `workflow/unclosed-expression`: a `${{` with no closing `}}`.
 *
 * @example
 * ```ts
 * unclosedExpression.check({ on: 'push', jobs: { t: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo ${{ github.sha' }] } } }, {});
 * // yields jobs.t.steps[0].run
 * ```
 */
export const unclosedExpression = defineRule<WorkflowModel>({
  code: 'workflow/unclosed-expression',
  severity: 'error',
  summary: 'A value holds `${{` without its closing `}}`; GitHub rejects the whole workflow ("The expression is not closed").',
  fix: 'Close the expression: `${{ github.sha }}`. For a literal `${{` in a script, write `${{ \'${{\' }}`.',
  *check(model) {
    for (const [text, path] of stringsIn(model)) {
      const at = unclosedExpressionAt(text);
      if (at === undefined) continue;
      yield {
        path,
        message: `the expression ${JSON.stringify(text.slice(at, at + 40))} is not closed: no "}}" follows its "\${{"`,
        hint: 'add the closing }} (a }} inside a quoted string literal does not count)',
      };
    }
  },
});

/**
 * `workflow/empty-run`: a `run:` step with an empty (or blank) script.
 *
 * @example
 * ```ts
 * emptyRun.check({ on: 'push', jobs: { t: { 'runs-on': 'ubuntu-latest', steps: [{ run: '' }] } } }, {}); // yields jobs.t.steps[0].run
 * ```
 */
export const emptyRun = defineRule<WorkflowModel>({
  code: 'workflow/empty-run',
  severity: 'error',
  summary: 'A step has an empty `run:` script, which actionlint and GitHub reject.',
  fix: 'Write the command the step should run, or remove the step.',
  *check(model) {
    for (const { step, path } of stepsOf(model)) {
      if (typeof step.run === 'string' && step.run.trim() === '') {
        yield { path: [...path, 'run'], message: 'the step\'s run: script is empty', hint: 'write the command, or remove the step' };
      }
    }
  },
});

/** Every `env:` map of a workflow: top level, jobs, job containers and services, steps. */
function* envMaps(model: WorkflowModel): Generator<[unknown, IssuePath]> {
  yield [(model as { env?: unknown }).env, ['env']];
  for (const [id, job] of jobsOf(model)) {
    if (!isNormalJob(job)) continue;
    yield [job.env, ['jobs', id, 'env']];
    const container = job.container;
    if (typeof container === 'object' && container !== null) yield [(container as { env?: unknown }).env, ['jobs', id, 'container', 'env']];
    for (const [name, svc] of Object.entries(job.services ?? {})) {
      if (typeof svc === 'object' && svc !== null) yield [(svc as { env?: unknown }).env, ['jobs', id, 'services', name, 'env']];
    }
  }
  for (const { step, path } of stepsOf(model)) yield [step.env, [...path, 'env']];
}

/**
 * `workflow/invalid-env-name`: an `env:` key that is empty or holds `=`, `&`, whitespace or a control character.
 *
 * @example
 * ```ts
 * invalidEnvName.check({ on: 'push', env: { 'LOG LEVEL': 'debug' }, jobs: {} }, {}); // yields env['LOG LEVEL']
 * ```
 */
export const invalidEnvName = defineRule<WorkflowModel>({
  code: 'workflow/invalid-env-name',
  severity: 'error',
  summary: 'An `env:` key is empty or holds `=`, `&`, whitespace or a control character, which GitHub and actionlint reject.',
  fix: 'Name the variable with letters, digits and `_` (`LOG_LEVEL`).',
  *check(model) {
    for (const [env, base] of envMaps(model)) {
      if (typeof env !== 'object' || env === null || Array.isArray(env)) continue;
      for (const key of Object.keys(env)) {
        const reason = key === '' ? 'it is empty' : /[=&]/.test(key) ? `it holds "${/=/.test(key) ? '=' : '&'}"` : /[\s\p{Cc}]/u.test(key) ? 'it holds whitespace or a control character' : undefined;
        if (reason !== undefined) yield { path: [...base, key], message: `the environment variable name ${JSON.stringify(key)} is invalid: ${reason}`, hint: 'use a name such as LOG_LEVEL' };
      }
    }
  },
});
