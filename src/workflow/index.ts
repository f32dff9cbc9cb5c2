/**
 * GitHub Actions workflows and composite actions: model, builders, expressions, typed actions,
 * rules, and the kind handlers the App uses.
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { KindHandler } from '../core/kind.js';
import { defineCodes, type CodeInfo } from '../core/rule.js';
import { schemaCodes, schemaThenRules } from '../core/schema.js';
import { markerComment } from '../core/text.js';
import { ActionModelSchema, WorkflowModelSchema, type ActionModel, type WorkflowModel } from './model.js';
import { parseAction, parseWorkflow, workflowParseCodes } from './parse.js';
import { actionRules, workflowRules } from './rules/index.js';
import { synthAction, synthWorkflow } from './synth.js';
import { workflowSchemaOptions } from './validate.js';

// model
export {
  ActionModelSchema,
  EVENT_TYPES,
  JobSchema,
  StepSchema,
  WORKFLOW_EVENTS,
  WorkflowModelSchema,
  type ActionModel,
  type CallJobModel,
  type EventMap,
  type JobModel,
  type MatrixModel,
  type MatrixValue,
  type NormalJobModel,
  type OnModel,
  type PermissionsModel,
  type Pinning,
  type StepModel,
  type WorkflowEvent,
  type WorkflowModel,
} from './model.js';
// builders
export { Workflow, type CallTrigger, type DispatchInput, type EventFilters } from './builder.js';
export { Action, type ActionInput } from './action-builder.js';
export { JobBuilder, type CallOptions, type MatrixKeys, type MatrixSpec, type NeedsName, type RunnerLabel, type RunsOn } from './job.js';
export {
  type JobOutputsOf,
  type Context,
  type MatrixKeysOfThisJob,
  type StepsWithIdBefore,
  type JobsDeclaredBefore,
  type DeclaredInputs,
  type DeclaredVars,
  type DeclaredSecrets,
  type OrContext,
  type CallOutputsContext,
} from './context.js';
export { uses, type ActionOptions, type ActionStep, type Condition, type InputValue, type StepSpec } from './steps.js';
// expressions
export {
  expr,
  Expr,
  isExpr,
  type DeepExpr,
  type GithubContext,
  type JobContext,
  type Literal,
  type Named,
  type DeclaredJobOutputs,
  type DeclaredStepOutputs,
  type NeedsRef,
  type OpenContext,
  type Operand,
  type RunnerContext,
  type StepRef,
  type StrategyContext,
  type MatrixAccessor,
} from './expressions.js';
// typed actions and caching
export {
  buildPush,
  cache,
  checkout,
  dependencyCache,
  dockerLogin,
  dockerMetadata,
  downloadArtifact,
  ghaLayerCache,
  knownActionOutputs,
  setupBuildx,
  setupNode,
  setupPython,
  setupUv,
  uploadArtifact,
  type BuildPushInputs,
  type CacheInputs,
  type CheckoutInputs,
  type DockerLoginInputs,
  type DockerMetadataInputs,
  type DownloadArtifactInputs,
  type PackageManager,
  type SetupBuildxInputs,
  type SetupNodeInputs,
  type SetupPythonInputs,
  type SetupUvInputs,
  type UploadArtifactInputs,
} from './actions/index.js';
// one environment declaration for compose, .env.example and CI
export { workflowEnv, type EnvSource } from './env.js';
// presets
export { imageSizeCheck, imageSizeCheckSteps, imageSizeChecks, npmProject, uvProject, type FoundImageSizeCheck, type ImageSizeCheckOptions } from './presets.js';
export { BOT_COMMIT_SCRIPT, botUpdatesWorkflow, type BotUpdatesOptions } from './bots.js';
// synth, parse, rules
export { synthAction, synthWorkflow } from './synth.js';
export { parseAction, parseWorkflow } from './parse.js';
export { actionRules, cronProblem, workflowRules } from './rules/index.js';

/**
 * Every code the workflow domain can report: schema, parser and rule codes.
 *
 * @example
 * ```ts
 * workflowCodes.find((c) => c.code === 'workflow/script-injection')?.severity; // 'error'
 * ```
 */
export const workflowCodes: readonly CodeInfo[] = Object.freeze([
  ...schemaCodes('workflow', 'a workflow'),
  ...defineCodes([
    {
      code: 'workflow/schema/invalid-step',
      severity: 'error',
      summary: 'A step has none, or more than one, of `uses`, `run`, `wait`, `wait-all`, `cancel` and `parallel` (or `shell`/`working-directory` without `run`).',
      fix: 'Give each step exactly one of `uses:` (an action) or `run:` (a script).',
    },
    {
      code: 'workflow/schema/missing-shell',
      severity: 'error',
      summary: 'A `run:` step of a composite action has no `shell:`.',
      fix: 'Add `shell: bash` to the step (the `Action` builder adds it to `run:` steps for you).',
    },
    {
      code: 'workflow/schema/missing-output-value',
      severity: 'error',
      summary: 'An output of a composite action has no `value`.',
      fix: 'Set `value: ${{ steps.<id>.outputs.<name> }}` to the step output it exposes.',
    },
  ]),
  ...workflowParseCodes,
  ...workflowRules.map(({ code, severity, summary, fix }) => Object.freeze({ code, severity, summary, fix })),
  // thrown at once by the builders (UsageError), from untyped code or dynamic names
  ...defineCodes([
    { code: 'workflow/duplicate-job', severity: 'error', summary: 'Two jobs of one workflow have the same id.', fix: 'Give each job its own id.' },
    { code: 'workflow/invalid-job-id', severity: 'error', summary: 'A job id is not valid.', fix: 'Start with a letter or `_`; use letters, digits, `-` and `_`.' },
    { code: 'workflow/invalid-job', severity: 'error', summary: 'A job callback did not return the job builder.', fix: 'Return the builder: `j => j.runsOn(…)…`.' },
    { code: 'workflow/empty-name', severity: 'error', summary: 'A workflow name, or an action name or description, is empty.', fix: 'Give a non-empty string.' },
    { code: 'workflow/invalid-step', severity: 'error', summary: 'A step is not an object.', fix: 'Pass `{ run: … }`, `{ uses: … }` or a typed action helper such as `checkout()`.' },
    { code: 'workflow/not-composite', severity: 'error', summary: 'Steps were added to an action that is not a composite action.', fix: 'Create it with `Action.create(name, description)` (composite), or do not add steps.' },
    { code: 'workflow/steps-in-call-job', severity: 'error', summary: 'A job that calls a reusable workflow (`uses:`) was given steps, or the other way round.', fix: 'Use a separate job for the steps.' },
    { code: 'workflow/call-missing-input', severity: 'error', summary: '`call(…)` leaves out an input the called workflow declares `required: true` (from untyped code).', fix: 'Give every required input in `with:`.' },
    { code: 'workflow/call-secrets', severity: 'error', summary: "`call(…)` passes a secret the called workflow does not declare, or leaves out a required one (from untyped code).", fix: "Pass only the secrets under the called workflow's `on.workflow_call.secrets`, the required ones included, or `secrets: 'inherit'`." },
    {
      code: 'workflow/invalid-image-size-check',
      severity: 'error',
      summary: '`imageSizeCheckSteps` was given an image that is not `name[:tag]`, a budget that is not a positive number of MB, or an invalid step id or cache scope.',
      fix: 'Pass an image like `api:ci` or `ghcr.io/acme/api:ci`, `budgetMB` above 0 (decimal MB), an id of letters, digits, `-` and `_`, and a cache scope without commas or spaces.',
    },
    { code: 'workflow/unversioned-action', severity: 'error', summary: 'An action reference names no version (`owner/repo` without `@…`).', fix: 'Write `owner/repo@v1` (a tag, a branch or a full commit SHA).' },
  ]),
]);

function withMarker(text: string): string {
  return `${markerComment()}\n${text}`;
}


/**
 * The App's handler for workflow files (`.github/workflows/*.yml`).
 *
 * @example
 * ```ts
 * workflowKind.mark(workflowKind.render(model));
 * // # Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.
 * // name: CI
 * // on: …
 * ```
 */
export const workflowKind: KindHandler<WorkflowModel> = Object.freeze({
  kind: 'workflow',
  codes: workflowCodes,
  validate: schemaThenRules<WorkflowModel>(WorkflowModelSchema, 'workflow', workflowRules, workflowSchemaOptions),
  render: synthWorkflow,
  mark: withMarker,
  parse: parseWorkflow,
});

/**
 * The App's handler for action metadata files (`action.yml`).
 *
 * @example
 * ```ts
 * actionKind.render(Action.create('Setup', 'Install deps').step({ run: 'uv sync' }).toModel());
 * // name: Setup
 * // description: Install deps
 * // runs:
 * //   using: composite
 * //   steps:
 * //     - run: uv sync
 * //       shell: bash
 * ```
 */
export const actionKind: KindHandler<ActionModel> = Object.freeze({
  kind: 'action',
  codes: workflowCodes,
  validate: schemaThenRules<ActionModel>(ActionModelSchema, 'workflow', actionRules, workflowSchemaOptions),
  render: synthAction,
  mark: withMarker,
  parse: parseAction,
});
