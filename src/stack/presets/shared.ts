/**
 * Pieces the first-party presets share: dependencies given as a record, the image job, budgets.
 * @module
 */
import { UsageError } from '../../core/errors.js';
import type { AnyNames } from '../../compose/inputs.js';
import type { ComposeService } from '../../compose/service.js';
import { buildPush, checkout, ghaLayerCache, setupBuildx } from '../../workflow/actions/index.js';
import type { JobBuilder } from '../../workflow/job.js';
import { imageSizeCheckSteps } from '../../workflow/presets.js';
import type { StackDockerfile } from '../stack.js';

export type { DurationString, WatchSpec } from '../../compose/inputs.js';

/**
 * The services a preset's service waits for, by name: `'healthy'` (`condition: service_healthy`,
 * only for services with a healthcheck — a compile error otherwise, at `stack.add`), `'started'` or
 * `'completed'` (`service_completed_successfully`, for one-shot jobs such as migrations).
 *
 * @example
 * ```ts
 * pythonUv('api', { dependsOn: { postgres: 'healthy', nats: 'started' } });
 * // depends_on:
 * //   postgres:
 * //     condition: service_healthy
 * //   nats:
 * //     condition: service_started
 * ```
 */
export type Dependencies = Readonly<Record<string, 'healthy' | 'started' | 'completed'>>;

/** The names in `D` that must be healthy. */
export type HealthyOf<D extends Dependencies> = { [K in keyof D & string]: D[K] extends 'healthy' ? K : never }[keyof D & string];

/** @internal A service builder with every name open (inside presets, after the unit's requirements were checked). */
export type StackServiceAny = ComposeService<AnyNames, boolean>;

const CONDITION = { healthy: 'service_healthy', started: 'service_started', completed: 'service_completed_successfully' } as const;

/**
 * @internal Writes `depends_on` from a {@link Dependencies} record. The names are the unit's
 * requirements, which `stack.add` checked (types and run time), so the open builder is safe here.
 */
export function applyDependencies(service: StackServiceAny, deps: Dependencies): StackServiceAny {
  let x = service;
  for (const [dep, condition] of Object.entries(deps)) {
    const c = CONDITION[condition];
    if (c === undefined) throw new UsageError('stack/invalid-option', `dependsOn.${dep} must be 'healthy', 'started' or 'completed', received ${JSON.stringify(condition)}`, "dependsOn: { postgres: 'healthy' }");
    x = x.dependsOn(dep, { condition: c } as never) as StackServiceAny;
  }
  return x;
}

/** @internal Throws for a budget that is not a positive number of MB. */
export function checkBudget(unit: string, budgetMB: number | undefined): void {
  if (budgetMB !== undefined && (typeof budgetMB !== 'number' || !Number.isFinite(budgetMB) || budgetMB <= 0)) {
    throw new UsageError('stack/invalid-budget', `${unit}: budgetMB must be a positive number of decimal megabytes, received ${String(budgetMB)}`, 'budgetMB: 300');
  }
}

/** @internal What {@link imageJob} builds. */
export interface ImageJobOptions {
  readonly name: string;
  readonly dockerfile: StackDockerfile<string>;
  readonly target: string;
  readonly budgetMB?: number;
  readonly platforms?: readonly string[];
  /** BuildKit secrets: the build's secret id and the repository secret holding it. */
  readonly secrets?: readonly { readonly id: string; readonly ciSecret: string }[];
  readonly runsOn?: string;
  readonly needs?: readonly string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJob = JobBuilder<any, any, any, any, any, any, any>;

/**
 * @internal The CI job that builds a unit's image with buildx and the GitHub Actions layer cache
 * (scoped by build context and target), for the target platforms, with BuildKit secrets from repository secrets.
 * With `budgetMB`, the workflow domain's `imageSizeCheckSteps` builds and loads the image, writes its size, budget and
 * build time to the job summary, and fails the job over budget.
 */
export function imageJob(options: ImageJobOptions): <J extends { readonly step: unknown }>(job: J) => J {
  const { dockerfile: df } = options;
  // scoped by what is built, so images of one Dockerfile and target (an API and its worker) share the layer cache
  const cacheScope = `${df.context === '.' ? 'root' : df.context.replace(/[^A-Za-z0-9_.-]/g, '-')}-${options.target}`;
  const secrets = options.secrets === undefined ? {} : { secrets: options.secrets.map((s) => `${s.id}=\${{ secrets.${s.ciSecret} }}`) };
  const platforms = options.platforms === undefined ? {} : { platforms: [...options.platforms] };
  const buildAll = {
    ...buildPush({ context: df.context, file: df.path, target: options.target, push: false, ...platforms, ...secrets, ...ghaLayerCache({ scope: cacheScope }) }),
    name: `Build ${options.name} (${options.target})`,
  };
  // With a budget, the image is built for this runner's platform and loaded, so its size can be read
  // (a multi-platform build cannot be loaded: the other platforms are built after it, from the same cache).
  const steps =
    options.budgetMB === undefined
      ? [buildAll]
      : [
          ...imageSizeCheckSteps({
            image: `${options.name.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}:ci`,
            budgetMB: options.budgetMB,
            context: df.context,
            file: df.path,
            target: options.target,
            cacheScope,
            setupBuildx: false,
            ...(options.secrets === undefined ? {} : { build: secrets }),
          }),
          ...(options.platforms === undefined ? [] : [buildAll]),
        ];
  return <J extends { readonly step: unknown }>(job: J): J =>
    steps.reduce(
      (j: AnyJob, step) => j.step(step),
      (job as unknown as AnyJob)
        .runsOn(options.runsOn ?? 'ubuntu-24.04')
        .timeout(20)
        .$if((options.needs ?? []).length > 0, (x: AnyJob) => x.needs(...(options.needs ?? [])))
        .step(checkout())
        .step(setupBuildx()),
    ) as unknown as J;
}
