/**
 * The workflow rules, and the subset that applies to composite actions.
 * @module
 */
import type { Rule } from '../../core/rule.js';
import type { ActionModel, StepModel, WorkflowModel } from '../model.js';
import { duplicateStepId, invalidCron, missingTimeout, needsCycle, unknownEvent, unknownNeeds, unsetJobOutput, unusedMatrixKey } from './jobs.js';
import { allSecretsExposed, credentialsInArtifact, hardcodedSecret, selfHostedPullRequest } from './exposure.js';
import { missingPermissions, pullRequestTargetCheckout, scriptInjection, secretInRun, unpinnedAction, writeAllPermissions } from './security.js';
import { emptyRun, invalidEnvName, unclosedExpression } from './syntax.js';
import { actionContextRules, contextRules } from './contexts.js';

export {
  functionArity, invalidExpression, needsNotListed, unavailableContext, unknownFunction, unknownInput, unknownJobOutput, unknownMatrixKey,
  unknownNeedsOutput, unknownStep, unknownStepOutput,
} from './contexts.js';

export { cronProblem } from './jobs.js';
export { normalizeAccess, untrustedIn } from './security.js';
export { emptyRun, invalidEnvName, unclosedExpression };
export {
  allSecretsExposed, credentialsInArtifact, hardcodedSecret, selfHostedPullRequest,
  duplicateStepId, invalidCron, missingPermissions, missingTimeout, needsCycle, pullRequestTargetCheckout, scriptInjection,
  secretInRun, unknownEvent, unknownNeeds, unpinnedAction, unsetJobOutput, unusedMatrixKey, writeAllPermissions,
};

/**
 * Every workflow rule, at its default severity.
 *
 * @example
 * ```ts
 * runRules(workflowRules, model, { file: '.github/workflows/ci.yml' });
 * // [{ code: 'workflow/missing-timeout', severity: 'warning', path: ['jobs', 'test'], … }]
 * ```
 */
export const workflowRules: readonly Rule<WorkflowModel>[] = Object.freeze([
  scriptInjection,
  pullRequestTargetCheckout,
  missingPermissions,
  writeAllPermissions,
  unpinnedAction,
  secretInRun,
  allSecretsExposed,
  hardcodedSecret,
  selfHostedPullRequest,
  credentialsInArtifact,
  missingTimeout,
  unusedMatrixKey,
  unsetJobOutput,
  duplicateStepId,
  invalidCron,
  unknownEvent,
  unknownNeeds,
  needsCycle,
  unclosedExpression,
  emptyRun,
  invalidEnvName,
  ...contextRules,
]);

/** Runs a step rule over a composite action's steps (as if they were one job), with action paths. */
function forAction(rule: Rule<WorkflowModel>): Rule<ActionModel> {
  return {
    code: rule.code,
    severity: rule.severity,
    summary: rule.summary,
    fix: rule.fix,
    *check(model, context) {
      const steps: StepModel[] = model.runs && 'steps' in model.runs && Array.isArray(model.runs.steps) ? model.runs.steps : [];
      const asWorkflow = { on: 'push', jobs: { action: { 'runs-on': 'action', steps } }, ...(model.$pinning ? { $pinning: model.$pinning } : {}) } as WorkflowModel;
      for (const f of rule.check(asWorkflow, context)) {
        yield { ...f, path: f.path[0] === 'jobs' && f.path[1] === 'action' ? ['runs', ...f.path.slice(2)] : f.path };
      }
    },
  };
}

/**
 * The rules that apply to a composite action's steps (script injection, secrets in scripts,
 * unpinned actions, `toJSON(secrets)`, literal secrets, duplicate step ids, unclosed `${{`, empty `run:`,
 * invalid `env:` names), reported at `runs.steps[i]` paths; and the expression checks (syntax,
 * functions, `inputs.<name>` against the action's inputs, `steps.<id>` in its steps and outputs).
 *
 * @example
 * ```ts
 * runRules(actionRules, actionModel, { file: 'action.yml' });
 * // [{ code: 'workflow/script-injection', path: ['runs', 'steps', 0, 'run'], … }]
 * ```
 */
export const actionRules: readonly Rule<ActionModel>[] = Object.freeze([
  ...[scriptInjection, secretInRun, unpinnedAction, allSecretsExposed, hardcodedSecret, duplicateStepId, unclosedExpression, emptyRun, invalidEnvName].map(forAction),
  ...actionContextRules,
]);
