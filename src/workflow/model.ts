/**
 * The workflow model: plain data shaped like the YAML GitHub reads. The zod schemas are the truth;
 * their key order is the order keys are written in. Keys starting with `$` are devstack-kit's own
 * (pinning, raw pass-through) and are never written as such.
 * @module
 */
import { z } from 'zod';
import { Env, PinningSchema, Raw } from './model-parts.js';
import { ConcurrencySchema, DefaultsSchema, JobSchema, PermissionsSchema } from './job-model.js';
import { OnSchema } from './trigger-model.js';

// the parts, so `./model.js` stays the one door to the whole model
export { PinningSchema, type Pinning } from './model-parts.js';
export {
  WORKFLOW_EVENTS,
  type WorkflowEvent,
  EVENT_TYPES,
  PushEventSchema,
  PullRequestEventSchema,
  ScheduleSchema,
  DispatchInputSchema,
  CallInputSchema,
  CallOutputSchema,
  CallSecretSchema,
  WorkflowCallSchema,
  WorkflowDispatchSchema,
  WorkflowRunSchema,
  EventMapSchema,
  OnSchema,
  type EventMap,
  type OnModel,
} from './trigger-model.js';
export {
  PermissionScopesSchema,
  PermissionsSchema,
  DefaultsSchema,
  ConcurrencySchema,
  type StepModel,
  StepSchema,
  RunsOnSchema,
  EnvironmentSchema,
  type MatrixValue,
  MatrixSchema,
  StrategySchema,
  ContainerSchema,
  ServiceSchema,
  SnapshotSchema,
  NormalJobSchema,
  CallJobSchema,
  JobSchema,
  type JobModel,
  type NormalJobModel,
  type CallJobModel,
  type PermissionsModel,
  type MatrixModel,
} from './job-model.js';
export {
  ActionInputSchema,
  ActionOutputSchema,
  CompositeRunsSchema,
  NodeRunsSchema,
  DockerRunsSchema,
  ActionModelSchema,
  type ActionModel,
} from './action-model.js';

// ─── the workflow ───────────────────────────────────────────────────────────────────────────────

/**
 * A whole workflow file. Key order here is the order keys are written in.
 *
 * @example
 * ```ts
 * const model: WorkflowModel = { name: 'CI', on: ['push'], jobs: { test: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'make test' }] } } };
 * synthWorkflow(model);
 * // name: CI
 * // on:
 * //   - push
 * // jobs:
 * //   test:
 * //     runs-on: ubuntu-latest
 * //     steps:
 * //       - run: make test
 * ```
 */
export const WorkflowModelSchema = z.strictObject({
  name: z.string().optional(),
  'run-name': z.string().optional(),
  on: OnSchema,
  permissions: PermissionsSchema.optional(),
  env: Env.optional(),
  defaults: DefaultsSchema.optional(),
  concurrency: ConcurrencySchema.optional(),
  jobs: z.record(z.string(), JobSchema),
  /** How `uses:` references are pinned (not written as a key). */
  $pinning: PinningSchema.optional(),
  /** Keys devstack-kit does not model, deep-merged into the output (not written as a key). */
  $raw: Raw.optional(),
});
/** A whole workflow file. */
export type WorkflowModel = z.infer<typeof WorkflowModelSchema>;
