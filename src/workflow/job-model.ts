/**
 * The schemas of a job and what is inside it: permissions, defaults, concurrency, steps, the
 * runner, matrix, container and services. Key order is the order keys are written in.
 * @module
 */
import { z } from 'zod';
import { BoolOrExpr, Condition, Env, NumOrExpr, Raw } from './model-parts.js';

// ─── permissions, defaults, concurrency ──────────────────────────────────────────────────────────

const Level = z.enum(['read', 'write', 'none']);
/** Every `GITHUB_TOKEN` scope. */
export const PermissionScopesSchema = z.strictObject({
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
});
/** `permissions:` — `read-all`, `write-all`, or per scope (`{}` grants nothing). */
export const PermissionsSchema = z.union([z.enum(['read-all', 'write-all']), PermissionScopesSchema]);

/** `defaults:` */
export const DefaultsSchema = z.strictObject({
  run: z.strictObject({ shell: z.string().optional(), 'working-directory': z.string().optional() }).optional(),
});

/** `concurrency:` — a group name, or a group with cancel/queue behaviour. */
export const ConcurrencySchema = z.union([
  z.string(),
  z.strictObject({ group: z.string(), 'cancel-in-progress': BoolOrExpr.optional(), queue: z.enum(['single', 'max']).optional() }),
]);

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
export const StepSchema: z.ZodType<StepModel> = z
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
  }) as unknown as z.ZodType<StepModel>;

// ─── jobs ───────────────────────────────────────────────────────────────────────────────────────

/** `runs-on:` — a label, a list of labels, or a runner group with labels. */
export const RunsOnSchema = z.union([
  z.string(),
  z.array(z.string()),
  z.strictObject({ group: z.string().optional(), labels: z.union([z.string(), z.array(z.string())]).optional() }),
]);

/** `environment:` — a name, or a name with a URL. */
export const EnvironmentSchema = z.union([
  z.string(),
  z.strictObject({ name: z.string(), url: z.string().optional(), deployment: BoolOrExpr.optional() }),
]);

/** A matrix value: any scalar, object or list. */
export type MatrixValue = string | number | boolean | null | MatrixValue[] | { [key: string]: MatrixValue };
const MatrixValueSchema: z.ZodType<MatrixValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(MatrixValueSchema), z.record(z.string(), MatrixValueSchema)]),
);
/** `strategy.matrix:` — keys to lists of values, with `include`/`exclude`; or a `fromJSON(…)` expression. */
export const MatrixSchema = z.union([z.string(), z.record(z.string(), z.union([z.array(MatrixValueSchema), z.string()]))]);

/** `strategy:` */
export const StrategySchema = z.strictObject({
  matrix: MatrixSchema.optional(),
  'fail-fast': BoolOrExpr.optional(),
  'max-parallel': NumOrExpr.optional(),
});

/** Registry credentials, or one expression that yields them (`${{ fromJSON(secrets.CREDS) }}`). */
const Credentials = z.union([z.strictObject({ username: z.string().optional(), password: z.string().optional() }), z.string()]);
/** `container:` — an image, or an image with options; `null` (left empty) runs on the runner itself. */
export const ContainerSchema = z.union([
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
]);
/** One of `services:`. */
export const ServiceSchema = z.strictObject({
  image: z.string(),
  credentials: Credentials.optional(),
  env: Env.optional(),
  ports: z.array(z.union([z.number(), z.string()])).optional(),
  volumes: z.array(z.string()).optional(),
  options: z.string().optional(),
  command: z.string().optional(),
  entrypoint: z.string().optional(),
});

/** `snapshot:` — a custom image name, or a name with a version. */
export const SnapshotSchema = z.union([z.string(), z.strictObject({ 'image-name': z.string(), version: z.string().optional() })]);

const Needs = z.union([z.string(), z.array(z.string())]);

/** A job that runs steps on a runner. */
export const NormalJobSchema = z.strictObject({
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
});
/** A job that calls a reusable workflow (`uses: owner/repo/.github/workflows/x.yml@ref`). */
export const CallJobSchema = z.strictObject({
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
});
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
export const JobSchema = z.union([CallJobSchema, NormalJobSchema]);
/** A job in the model. */
export type JobModel = z.infer<typeof JobSchema>;
/** A job that runs steps. */
export type NormalJobModel = z.infer<typeof NormalJobSchema>;
/** A job that calls a reusable workflow. */
export type CallJobModel = z.infer<typeof CallJobSchema>;

/** `permissions:`. */
export type PermissionsModel = z.infer<typeof PermissionsSchema>;
/** `strategy.matrix:`. */
export type MatrixModel = z.infer<typeof MatrixSchema>;
