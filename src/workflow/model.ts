/**
 * The workflow model: plain data shaped like the YAML GitHub reads. The zod schemas are the truth;
 * their key order is the order keys are written in. Keys starting with `$` are devstack-kit's own
 * (pinning, raw pass-through) and are never written as such.
 * @module
 */
import { z } from 'zod';
import { lazy } from '../core/lazy.js';

// ─── shared pieces ──────────────────────────────────────────────────────────────────────────────

/** A scalar that may appear in `env` and `with` (an empty value reads as null). */
const Scalar = lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** `env:` (a map, or an expression string that yields one). */
const Env = lazy(() => z.union([z.record(z.string(), Scalar), z.string()]));
/** A value that may be written as an expression string: `${{ … }}`. */
const BoolOrExpr = lazy(() => z.union([z.boolean(), z.string()]));
const NumOrExpr = lazy(() => z.union([z.number(), z.string()]));
/** `if:` accepts a boolean, number or expression (with or without `${{ }}`). */
const Condition = lazy(() => z.union([z.string(), z.boolean(), z.number()]));
/** Branch, tag and path filters: a list of globs, or one glob written as a plain string (`branches: main`). */
const Globs = lazy(() => z.union([z.array(z.string()), z.string()]));
/** Raw pass-through: keys devstack-kit does not model, deep-merged into the output as written. */
const Raw = lazy(() => z.record(z.string(), z.unknown()));

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
const Types = lazy(() => z.union([z.array(z.string()), z.string()]));
/** An event that takes only `types`. */
const TypedEvent = lazy(() => z.union([z.null(), z.strictObject({ types: Types.optional() })]));
/** An event that takes no filters. */
const PlainEvent = lazy(() => z.union([z.null(), z.strictObject({})]));

/** Filters of `push`. */
export const PushEventSchema = lazy(() => z.strictObject({
  branches: Globs.optional(),
  'branches-ignore': Globs.optional(),
  tags: Globs.optional(),
  'tags-ignore': Globs.optional(),
  paths: Globs.optional(),
  'paths-ignore': Globs.optional(),
}));
/** Filters of `pull_request` and `pull_request_target`. */
export const PullRequestEventSchema = lazy(() => z.strictObject({
  types: Types.optional(),
  branches: Globs.optional(),
  'branches-ignore': Globs.optional(),
  tags: Globs.optional(),
  'tags-ignore': Globs.optional(),
  paths: Globs.optional(),
  'paths-ignore': Globs.optional(),
}));

/** One `schedule` entry. */
export const ScheduleSchema = lazy(() => z.strictObject({ cron: z.string(), timezone: z.string().optional() }));

/** A `workflow_dispatch` input. */
export const DispatchInputSchema = lazy(() => z.strictObject({
  description: z.string().optional(),
  deprecationMessage: z.string().optional(),
  required: z.boolean().optional(),
  type: z.enum(['string', 'choice', 'boolean', 'number', 'environment']).optional(),
  default: z.union([z.string(), z.boolean(), z.number()]).optional(),
  options: z.array(z.string()).optional(),
}));
/** A `workflow_call` input. */
export const CallInputSchema = lazy(() => z.strictObject({
  description: z.string().optional(),
  required: z.boolean().optional(),
  type: z.enum(['boolean', 'number', 'string']),
  default: z.union([z.string(), z.boolean(), z.number()]).optional(),
}));
/** A `workflow_call` output. */
export const CallOutputSchema = lazy(() => z.strictObject({ description: z.string().optional(), value: z.string() }));
/** A `workflow_call` secret. */
export const CallSecretSchema = lazy(() => z.union([z.null(), z.strictObject({ description: z.string().optional(), required: z.boolean().optional() })]));

/** `on.workflow_call`. */
export const WorkflowCallSchema = lazy(() => z.union([
  z.null(),
  z.strictObject({
    inputs: z.record(z.string(), CallInputSchema).optional(),
    outputs: z.record(z.string(), CallOutputSchema).optional(),
    secrets: z.record(z.string(), CallSecretSchema).optional(),
  }),
]));
/** `on.workflow_dispatch`. */
export const WorkflowDispatchSchema = lazy(() => z.union([
  z.null(),
  // an input with no settings (`logLevel:`) is a string input with no description
  z.strictObject({ inputs: z.record(z.string(), z.union([z.null(), DispatchInputSchema])).optional() }),
]));
/** `on.workflow_run`. */
export const WorkflowRunSchema = lazy(() => z.union([
  z.null(),
  z.strictObject({
    workflows: Globs.optional(),
    types: Types.optional(),
    branches: Globs.optional(),
    'branches-ignore': Globs.optional(),
  }),
]));

/** The map form of `on:`: one key per event. */
export const EventMapSchema = lazy(() => z.strictObject({
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
}));

/**
 * An event name in the string and list forms of `on:`. Events newer than {@link WORKFLOW_EVENTS}
 * (`image_version`) are accepted; the `workflow/unknown-event` rule reports a name close to a known
 * one (`pushh`), which is most likely a typo.
 */
const EventName = lazy(() => z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'expected an event name such as "push" or "pull_request"' }));
/** `on:` in its three forms: one event, a list of events, or a map of events to filters. */
export const OnSchema = lazy(() => z.union([EventName, z.array(EventName), EventMapSchema]));

// ─── permissions, defaults, concurrency ──────────────────────────────────────────────────────────

const Level = lazy(() => z.enum(['read', 'write', 'none']));
/** Every `GITHUB_TOKEN` scope. */
export const PermissionScopesSchema = lazy(() => z.strictObject({
  actions: Level.optional(),
  'artifact-metadata': Level.optional(),
  attestations: Level.optional(),
  checks: Level.optional(),
  'code-quality': Level.optional(),
  contents: Level.optional(),
  deployments: Level.optional(),
  discussions: Level.optional(),
  'id-token': Level.optional(),
  issues: Level.optional(),
  models: z.enum(['read', 'none']).optional(),
  packages: Level.optional(),
  pages: Level.optional(),
  'pull-requests': Level.optional(),
  'repository-projects': Level.optional(),
  'security-events': Level.optional(),
  statuses: Level.optional(),
}));
/** `permissions:` — `read-all`, `write-all`, or per scope (`{}` grants nothing). */
export const PermissionsSchema = lazy(() => z.union([z.enum(['read-all', 'write-all']), PermissionScopesSchema]));

/** `defaults:` */
export const DefaultsSchema = lazy(() => z.strictObject({
  run: z.strictObject({ shell: z.string().optional(), 'working-directory': z.string().optional() }).optional(),
}));

/** `concurrency:` — a group name, or a group with cancel/queue behaviour. */
export const ConcurrencySchema = lazy(() => z.union([
  z.string(),
  z.strictObject({ group: z.string(), 'cancel-in-progress': BoolOrExpr.optional(), queue: z.enum(['single', 'max']).optional() }),
]));

// ─── steps ──────────────────────────────────────────────────────────────────────────────────────

/** One step. Exactly one of `uses`, `run`, `wait`, `wait-all`, `cancel`, `parallel` says what it does. */
export interface StepModel {
  id?: string | undefined;
  if?: string | boolean | number | undefined;
  name?: string | undefined;
  uses?: string | undefined;
  run?: string | undefined;
  'working-directory'?: string | undefined;
  shell?: string | undefined;
  with?: Record<string, string | number | boolean | null> | string | undefined;
  env?: Record<string, string | number | boolean | null> | string | undefined;
  'continue-on-error'?: boolean | string | undefined;
  'timeout-minutes'?: number | string | undefined;
  background?: boolean | undefined;
  wait?: string | string[] | undefined;
  'wait-all'?: boolean | null | undefined;
  cancel?: string | undefined;
  parallel?: StepModel[] | undefined;
  /** Keys devstack-kit does not model, written as given. */
  $raw?: Record<string, unknown> | undefined;
}

const STEP_ACTIONS = ['uses', 'run', 'wait', 'wait-all', 'cancel', 'parallel'] as const;

/**
 * The schema of one step.
 *
 * @example
 * ```ts
 * StepSchema.parse({ name: 'Test', run: 'make test' });
 * // - name: Test
 * //   run: make test
 * ```
 */
export const StepSchema: z.ZodType<StepModel> = lazy(() => z
  .strictObject({
    id: z.string().optional(),
    if: Condition.optional(),
    name: z.string().optional(),
    uses: z.string().optional(),
    run: z.string().optional(),
    'working-directory': z.string().optional(),
    shell: z.string().optional(),
    with: Env.optional(),
    env: Env.optional(),
    'continue-on-error': BoolOrExpr.optional(),
    'timeout-minutes': NumOrExpr.optional(),
    background: z.boolean().optional(),
    wait: z.union([z.string(), z.array(z.string())]).optional(),
    'wait-all': z.union([z.boolean(), z.null()]).optional(),
    cancel: z.string().optional(),
    get parallel() {
      return z.array(StepSchema).optional();
    },
    $raw: Raw.optional(),
  })
  .superRefine((step, ctx) => {
    const present = STEP_ACTIONS.filter((k) => step[k] !== undefined);
    if (present.length !== 1 && !(present.length === 0 && step.$raw !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: present.length === 0 ? 'a step needs one of `uses` or `run`' : `a step has both ${present.map((k) => `\`${k}\``).join(' and ')}`,
        input: step,
        params: { code: 'invalid-step', hint: 'give each step exactly one of `uses:` (an action) or `run:` (a script)' },
      });
    }
    for (const key of ['shell', 'working-directory'] as const) {
      if (step[key] !== undefined && step.run === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `\`${key}\` applies only to a \`run:\` step`,
          input: step[key],
          params: { code: 'invalid-step', hint: `remove \`${key}\`, or pass it to the action through \`with:\`` },
        });
      }
    }
  }) as unknown as z.ZodType<StepModel>);

// ─── jobs ───────────────────────────────────────────────────────────────────────────────────────

/** `runs-on:` — a label, a list of labels, or a runner group with labels. */
export const RunsOnSchema = lazy(() => z.union([
  z.string(),
  z.array(z.string()),
  z.strictObject({ group: z.string().optional(), labels: z.union([z.string(), z.array(z.string())]).optional() }),
]));

/** `environment:` — a name, or a name with a URL. */
export const EnvironmentSchema = lazy(() => z.union([
  z.string(),
  z.strictObject({ name: z.string(), url: z.string().optional(), deployment: BoolOrExpr.optional() }),
]));

/** A matrix value: any scalar, object or list. */
export type MatrixValue = string | number | boolean | null | MatrixValue[] | { [key: string]: MatrixValue };
const MatrixValueSchema: z.ZodType<MatrixValue> = lazy(() => z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(MatrixValueSchema), z.record(z.string(), MatrixValueSchema)]),
));
/** `strategy.matrix:` — keys to lists of values, with `include`/`exclude`; or a `fromJSON(…)` expression. */
export const MatrixSchema = lazy(() => z.union([z.string(), z.record(z.string(), z.union([z.array(MatrixValueSchema), z.string()]))]));

/** `strategy:` */
export const StrategySchema = lazy(() => z.strictObject({
  matrix: MatrixSchema.optional(),
  'fail-fast': BoolOrExpr.optional(),
  'max-parallel': NumOrExpr.optional(),
}));

/** Registry credentials, or one expression that yields them (`${{ fromJSON(secrets.CREDS) }}`). */
const Credentials = lazy(() => z.union([z.strictObject({ username: z.string().optional(), password: z.string().optional() }), z.string()]));
/** `container:` — an image, or an image with options; `null` (left empty) runs on the runner itself. */
export const ContainerSchema = lazy(() => z.union([
  z.null(),
  z.string(),
  z.strictObject({
    image: z.string(),
    credentials: Credentials.optional(),
    env: Env.optional(),
    ports: z.array(z.union([z.number(), z.string()])).optional(),
    volumes: z.array(z.string()).optional(),
    options: z.string().optional(),
  }),
]));
/** One of `services:`. */
export const ServiceSchema = lazy(() => z.strictObject({
  image: z.string(),
  credentials: Credentials.optional(),
  env: Env.optional(),
  ports: z.array(z.union([z.number(), z.string()])).optional(),
  volumes: z.array(z.string()).optional(),
  options: z.string().optional(),
  command: z.string().optional(),
  entrypoint: z.string().optional(),
}));

/** `snapshot:` — a custom image name, or a name with a version. */
export const SnapshotSchema = lazy(() => z.union([z.string(), z.strictObject({ 'image-name': z.string(), version: z.string().optional() })]));

const Needs = lazy(() => z.union([z.string(), z.array(z.string())]));

/** A job that runs steps on a runner. */
export const NormalJobSchema = lazy(() => z.strictObject({
  name: z.string().optional(),
  needs: Needs.optional(),
  if: Condition.optional(),
  permissions: PermissionsSchema.optional(),
  'runs-on': RunsOnSchema,
  snapshot: SnapshotSchema.optional(),
  environment: EnvironmentSchema.optional(),
  concurrency: ConcurrencySchema.optional(),
  'timeout-minutes': NumOrExpr.optional(),
  'continue-on-error': BoolOrExpr.optional(),
  strategy: StrategySchema.optional(),
  outputs: z.record(z.string(), z.string()).optional(),
  env: Env.optional(),
  defaults: DefaultsSchema.optional(),
  container: ContainerSchema.optional(),
  /** Service containers by name, or one expression that yields them (`${{ fromJSON(vars.SERVICES) }}`). */
  services: z.union([z.record(z.string(), ServiceSchema), z.string()]).optional(),
  steps: z.array(StepSchema).optional(),
  $raw: Raw.optional(),
}));
/** A job that calls a reusable workflow (`uses: owner/repo/.github/workflows/x.yml@ref`). */
export const CallJobSchema = lazy(() => z.strictObject({
  name: z.string().optional(),
  needs: Needs.optional(),
  if: Condition.optional(),
  permissions: PermissionsSchema.optional(),
  concurrency: ConcurrencySchema.optional(),
  strategy: StrategySchema.optional(),
  uses: z.string(),
  with: Env.optional(),
  secrets: z.union([z.literal('inherit'), Env]).optional(),
  $raw: Raw.optional(),
}));
/**
 * A job: runs steps, or calls a reusable workflow.
 *
 * @example
 * ```ts
 * JobSchema.parse({ uses: './.github/workflows/build.yml', secrets: 'inherit' });
 * // build:
 * //   uses: ./.github/workflows/build.yml
 * //   secrets: inherit
 * ```
 */
export const JobSchema = lazy(() => z.union([CallJobSchema, NormalJobSchema]));
/** A job in the model. */
export type JobModel = z.infer<typeof JobSchema>;
/** A job that runs steps. */
export type NormalJobModel = z.infer<typeof NormalJobSchema>;
/** A job that calls a reusable workflow. */
export type CallJobModel = z.infer<typeof CallJobSchema>;

// ─── pinning ────────────────────────────────────────────────────────────────────────────────────

/**
 * How `uses:` references are written. `tag` (default) writes them as given; `sha` writes
 * `owner/repo@<sha> # <tag>` for every reference found in `shas`.
 */
export const PinningSchema = lazy(() => z.strictObject({
  policy: z.enum(['tag', 'sha']),
  /** `owner/repo@tag` → full commit SHA. */
  shas: z.record(z.string(), z.string().regex(/^[0-9a-f]{40}$/, { message: 'expected a full 40-character commit SHA' })).optional(),
}));
/** The pinning policy. */
export type Pinning = z.infer<typeof PinningSchema>;

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
export const WorkflowModelSchema = lazy(() => z.strictObject({
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
}));
/** A whole workflow file. */
export type WorkflowModel = z.infer<typeof WorkflowModelSchema>;
/** The map form of `on:`. */
export type EventMap = z.infer<typeof EventMapSchema>;
/** `on:` in any form. */
export type OnModel = z.infer<typeof OnSchema>;
/** `permissions:`. */
export type PermissionsModel = z.infer<typeof PermissionsSchema>;
/** `strategy.matrix:`. */
export type MatrixModel = z.infer<typeof MatrixSchema>;

// ─── composite (and other) actions: action.yml ──────────────────────────────────────────────────

/** An input of an action. */
export const ActionInputSchema = lazy(() => z.strictObject({
  description: z.string().optional(),
  required: z.boolean().optional(),
  default: z.union([z.string(), z.boolean(), z.number()]).optional(),
  deprecationMessage: z.string().optional(),
}));
/** An output of an action (`value` is required for composite actions). */
export const ActionOutputSchema = lazy(() => z.strictObject({ description: z.string().optional(), value: z.string().optional() }));

/** `runs:` of a composite action. */
export const CompositeRunsSchema = lazy(() => z.strictObject({ using: z.literal('composite'), steps: z.array(StepSchema) }));
/** `runs:` of a JavaScript action. */
export const NodeRunsSchema = lazy(() => z.strictObject({
  using: z.string().regex(/^node\d+$/, { message: 'expected node20, node24, …' }),
  main: z.string(),
  pre: z.string().optional(),
  'pre-if': z.string().optional(),
  post: z.string().optional(),
  'post-if': z.string().optional(),
}));
/** `runs:` of a Docker action. */
export const DockerRunsSchema = lazy(() => z.strictObject({
  using: z.literal('docker'),
  image: z.string(),
  env: z.record(z.string(), Scalar).optional(),
  entrypoint: z.string().optional(),
  'pre-entrypoint': z.string().optional(),
  'pre-if': z.string().optional(),
  'post-entrypoint': z.string().optional(),
  'post-if': z.string().optional(),
  args: z.array(z.string()).optional(),
}));

/**
 * An `action.yml`. Composite actions are the ones devstack-kit builds; JavaScript and Docker
 * actions are read and written back.
 *
 * @example
 * ```ts
 * synthAction({ name: 'Setup', description: 'Install deps', runs: { using: 'composite', steps: [{ run: 'uv sync', shell: 'bash' }] } });
 * // name: Setup
 * // description: Install deps
 * // runs:
 * //   using: composite
 * //   steps:
 * //     - run: uv sync
 * //       shell: bash
 * ```
 */
export const ActionModelSchema = lazy(() => z
  .strictObject({
    name: z.string(),
    author: z.string().optional(),
    description: z.string(),
    inputs: z.record(z.string(), ActionInputSchema).optional(),
    outputs: z.record(z.string(), ActionOutputSchema).optional(),
    runs: z.union([CompositeRunsSchema, NodeRunsSchema, DockerRunsSchema]),
    branding: z.strictObject({ color: z.string().optional(), icon: z.string().optional() }).optional(),
    $pinning: PinningSchema.optional(),
    $raw: Raw.optional(),
  })
  .superRefine((action, ctx) => {
    if (action.runs.using !== 'composite' || !('steps' in action.runs)) return;
    action.runs.steps.forEach((step, i) => {
      if (step.run !== undefined && step.shell === undefined && step.$raw?.shell === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['runs', 'steps', i, 'shell'],
          message: 'a `run:` step of a composite action needs `shell:`',
          input: step,
          params: { code: 'missing-shell', hint: 'add shell: bash (the Action builder adds it for you)' },
        });
      }
    });
    for (const [name, output] of Object.entries(action.outputs ?? {})) {
      if (output.value === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['outputs', name, 'value'],
          message: `output "${name}" of a composite action needs a \`value\``,
          input: output,
          params: { code: 'missing-output-value', hint: 'set value: ${{ steps.<id>.outputs.<name> }}' },
        });
      }
    }
  }));
/** An `action.yml`. */
export type ActionModel = z.infer<typeof ActionModelSchema>;
