/**
 * The schema of `on:`: the events a workflow runs on and their filters and inputs.
 * @module
 */
import { z } from 'zod';
import { Globs } from './model-parts.js';

// ─── triggers ───────────────────────────────────────────────────────────────────────────────────

/**
 * Every event a workflow can be triggered by, in the order they are written.
 *
 * @example
 * ```ts
 * WORKFLOW_EVENTS.includes('push'); // true
 * // on: push
 * ```
 */
export const WORKFLOW_EVENTS = [
  'branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'deployment_status',
  'discussion', 'discussion_comment', 'fork', 'gollum', 'issue_comment', 'issues', 'label', 'merge_group',
  'milestone', 'page_build', 'project', 'project_card', 'project_column', 'public', 'pull_request',
  'pull_request_review', 'pull_request_review_comment', 'pull_request_target', 'push', 'registry_package',
  'release', 'repository_dispatch', 'schedule', 'status', 'watch', 'workflow_call', 'workflow_dispatch', 'workflow_run',
] as const;
/** The name of an event: `push`, `pull_request`, … */
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

/**
 * Activity types per event (`on.<event>.types`); the builder accepts only these.
 *
 * @example
 * ```ts
 * EVENT_TYPES.release; // ['published', 'unpublished', 'created', 'edited', 'deleted', 'prereleased', 'released']
 * // on:
 * //   release:
 * //     types: [published]
 * ```
 */
export const EVENT_TYPES = {
  branch_protection_rule: ['created', 'edited', 'deleted'],
  check_run: ['created', 'rerequested', 'completed', 'requested_action'],
  check_suite: ['completed', 'requested', 'rerequested'],
  discussion: ['created', 'edited', 'deleted', 'transferred', 'pinned', 'unpinned', 'labeled', 'unlabeled', 'locked', 'unlocked', 'category_changed', 'answered', 'unanswered'],
  discussion_comment: ['created', 'edited', 'deleted'],
  issue_comment: ['created', 'edited', 'deleted'],
  issues: ['opened', 'edited', 'deleted', 'transferred', 'pinned', 'unpinned', 'closed', 'reopened', 'assigned', 'unassigned', 'labeled', 'unlabeled', 'locked', 'unlocked', 'milestoned', 'demilestoned'],
  label: ['created', 'edited', 'deleted'],
  merge_group: ['checks_requested'],
  milestone: ['created', 'closed', 'opened', 'edited', 'deleted'],
  project: ['created', 'updated', 'closed', 'reopened', 'edited', 'deleted'],
  project_card: ['created', 'moved', 'converted', 'edited', 'deleted'],
  project_column: ['created', 'updated', 'moved', 'deleted'],
  pull_request: ['assigned', 'unassigned', 'labeled', 'unlabeled', 'opened', 'edited', 'closed', 'reopened', 'synchronize', 'converted_to_draft', 'ready_for_review', 'locked', 'unlocked', 'review_requested', 'review_request_removed', 'auto_merge_enabled', 'auto_merge_disabled', 'milestoned', 'demilestoned', 'enqueued', 'dequeued'],
  pull_request_review: ['submitted', 'edited', 'dismissed'],
  pull_request_review_comment: ['created', 'edited', 'deleted'],
  registry_package: ['published', 'updated'],
  release: ['published', 'unpublished', 'created', 'edited', 'deleted', 'prereleased', 'released'],
  workflow_run: ['requested', 'completed', 'in_progress'],
} as const;

/** `types:` — a list (or a single string) of activity types. Unknown types are left to actionlint. */
const Types = z.union([z.array(z.string()), z.string()]);
/** An event that takes only `types`. */
const TypedEvent = z.union([z.null(), z.strictObject({ types: Types.optional() })]);
/** An event that takes no filters. */
const PlainEvent = z.union([z.null(), z.strictObject({})]);

/** Filters of `push`. */
export const PushEventSchema = z.strictObject({
  branches: Globs.optional(),
  'branches-ignore': Globs.optional(),
  tags: Globs.optional(),
  'tags-ignore': Globs.optional(),
  paths: Globs.optional(),
  'paths-ignore': Globs.optional(),
});
/** Filters of `pull_request` and `pull_request_target`. */
export const PullRequestEventSchema = z.strictObject({
  types: Types.optional(),
  branches: Globs.optional(),
  'branches-ignore': Globs.optional(),
  tags: Globs.optional(),
  'tags-ignore': Globs.optional(),
  paths: Globs.optional(),
  'paths-ignore': Globs.optional(),
});

/** One `schedule` entry. */
export const ScheduleSchema = z.strictObject({ cron: z.string(), timezone: z.string().optional() });

/** A `workflow_dispatch` input. */
export const DispatchInputSchema = z.strictObject({
  description: z.string().optional(),
  deprecationMessage: z.string().optional(),
  required: z.boolean().optional(),
  type: z.enum(['string', 'choice', 'boolean', 'number', 'environment']).optional(),
  default: z.union([z.string(), z.boolean(), z.number()]).optional(),
  options: z.array(z.string()).optional(),
});
/** A `workflow_call` input. */
export const CallInputSchema = z.strictObject({
  description: z.string().optional(),
  required: z.boolean().optional(),
  type: z.enum(['boolean', 'number', 'string']),
  default: z.union([z.string(), z.boolean(), z.number()]).optional(),
});
/** A `workflow_call` output. */
export const CallOutputSchema = z.strictObject({ description: z.string().optional(), value: z.string() });
/** A `workflow_call` secret. */
export const CallSecretSchema = z.union([z.null(), z.strictObject({ description: z.string().optional(), required: z.boolean().optional() })]);

/** `on.workflow_call`. */
export const WorkflowCallSchema = z.union([
  z.null(),
  z.strictObject({
    inputs: z.record(z.string(), CallInputSchema).optional(),
    outputs: z.record(z.string(), CallOutputSchema).optional(),
    secrets: z.record(z.string(), CallSecretSchema).optional(),
  }),
]);
/** `on.workflow_dispatch`. */
export const WorkflowDispatchSchema = z.union([
  z.null(),
  // an input with no settings (`logLevel:`) is a string input with no description
  z.strictObject({ inputs: z.record(z.string(), z.union([z.null(), DispatchInputSchema])).optional() }),
]);
/** `on.workflow_run`. */
export const WorkflowRunSchema = z.union([
  z.null(),
  z.strictObject({
    workflows: Globs.optional(),
    types: Types.optional(),
    branches: Globs.optional(),
    'branches-ignore': Globs.optional(),
  }),
]);

/** The map form of `on:`: one key per event. */
export const EventMapSchema = z.strictObject({
  branch_protection_rule: TypedEvent.optional(),
  check_run: TypedEvent.optional(),
  check_suite: TypedEvent.optional(),
  create: PlainEvent.optional(),
  delete: PlainEvent.optional(),
  deployment: PlainEvent.optional(),
  deployment_status: PlainEvent.optional(),
  discussion: TypedEvent.optional(),
  discussion_comment: TypedEvent.optional(),
  fork: PlainEvent.optional(),
  gollum: PlainEvent.optional(),
  issue_comment: TypedEvent.optional(),
  issues: TypedEvent.optional(),
  label: TypedEvent.optional(),
  merge_group: z.union([z.null(), z.strictObject({ types: Types.optional(), branches: Globs.optional(), 'branches-ignore': Globs.optional() })]).optional(),
  milestone: TypedEvent.optional(),
  page_build: PlainEvent.optional(),
  project: TypedEvent.optional(),
  project_card: TypedEvent.optional(),
  project_column: TypedEvent.optional(),
  public: PlainEvent.optional(),
  pull_request: z.union([z.null(), PullRequestEventSchema]).optional(),
  pull_request_review: TypedEvent.optional(),
  pull_request_review_comment: TypedEvent.optional(),
  pull_request_target: z.union([z.null(), PullRequestEventSchema]).optional(),
  push: z.union([z.null(), PushEventSchema]).optional(),
  registry_package: TypedEvent.optional(),
  release: TypedEvent.optional(),
  repository_dispatch: TypedEvent.optional(),
  schedule: z.array(ScheduleSchema).optional(),
  status: PlainEvent.optional(),
  watch: TypedEvent.optional(),
  workflow_call: WorkflowCallSchema.optional(),
  workflow_dispatch: WorkflowDispatchSchema.optional(),
  workflow_run: WorkflowRunSchema.optional(),
});

/**
 * An event name in the string and list forms of `on:`. Events newer than {@link WORKFLOW_EVENTS}
 * (`image_version`) are accepted; the `workflow/unknown-event` rule reports a name close to a known
 * one (`pushh`), which is most likely a typo.
 */
const EventName = z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'expected an event name such as "push" or "pull_request"' });
/** `on:` in its three forms: one event, a list of events, or a map of events to filters. */
export const OnSchema = z.union([EventName, z.array(EventName), EventMapSchema]);

/** The map form of `on:`. */
export type EventMap = z.infer<typeof EventMapSchema>;
/** `on:` in any form. */
export type OnModel = z.infer<typeof OnSchema>;
