/**
 * The schema of an action metadata file (`action.yml`): composite, node and docker actions.
 * @module
 */
import { z } from 'zod';
import { StepSchema } from './job-model.js';
import { PinningSchema, Raw, Scalar } from './model-parts.js';

// ─── composite (and other) actions: action.yml ──────────────────────────────────────────────────

/** An input of an action. */
export const ActionInputSchema = z.strictObject({
  description: z.string().optional(),
  required: z.boolean().optional(),
  default: z.union([z.string(), z.boolean(), z.number()]).optional(),
  deprecationMessage: z.string().optional(),
});
/** An output of an action (`value` is required for composite actions). */
export const ActionOutputSchema = z.strictObject({ description: z.string().optional(), value: z.string().optional() });

/** `runs:` of a composite action. */
export const CompositeRunsSchema = z.strictObject({ using: z.literal('composite'), steps: z.array(StepSchema) });
/** `runs:` of a JavaScript action. */
export const NodeRunsSchema = z.strictObject({
  using: z.string().regex(/^node\d+$/, { message: 'expected node20, node24, …' }),
  main: z.string(),
  pre: z.string().optional(),
  'pre-if': z.string().optional(),
  post: z.string().optional(),
  'post-if': z.string().optional(),
});
/** `runs:` of a Docker action. */
export const DockerRunsSchema = z.strictObject({
  using: z.literal('docker'),
  image: z.string(),
  env: z.record(z.string(), Scalar).optional(),
  entrypoint: z.string().optional(),
  'pre-entrypoint': z.string().optional(),
  'pre-if': z.string().optional(),
  'post-entrypoint': z.string().optional(),
  'post-if': z.string().optional(),
  args: z.array(z.string()).optional(),
});

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
export const ActionModelSchema = z
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
  });
/** An `action.yml`. */
export type ActionModel = z.infer<typeof ActionModelSchema>;
