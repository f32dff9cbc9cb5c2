/**
 * Job fragments for common stacks, applied with `$call`: check out, set up the toolchain with a
 * dependency cache, install; build an image and hold it to a size budget.
 * @module
 */
import { posix } from 'node:path';
import { UsageError } from '../core/errors.js';
import { buildPush, ghaLayerCache, setupBuildx, type BuildPushInputs } from './actions/docker.js';
import { checkout, setupNode, setupPython } from './actions/github.js';
import { setupUv } from './actions/uv.js';
import type { JobBuilder } from './job.js';
import type { Expr } from './expressions.js';
import type { StepModel, WorkflowModel } from './model.js';
import type { StepSpec } from './steps.js';

/** Any job builder (the fragments only add steps, so they keep the builder's type). */
type AnyJob = { readonly step: unknown; readonly run: unknown };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = JobBuilder<any, any, {}, never, never, never, never>;

/**
 * Checks out the repository, installs Python and uv (with uv's cache keyed by `uv.lock`) and runs
 * `uv sync --frozen`. Pass a matrix value as the version to test several.
 *
 * @example
 * ```ts
 * w.job('test', (j) => j.runsOn('ubuntu-latest').matrix({ python: ['3.12', '3.13'] })
 *   .$call(uvProject({ python: expr.matrix('python') }))
 *   .run('uv run pytest'));
 * // steps:
 * //   - uses: actions/checkout@v4
 * //   - uses: actions/setup-python@v5
 * //     with:
 * //       python-version: ${{ matrix.python }}
 * //   - uses: astral-sh/setup-uv@v6
 * //     with:
 * //       enable-cache: true
 * //       cache-dependency-glob: uv.lock
 * //   - run: uv sync --frozen
 * //   - run: uv run pytest
 * ```
 */
export function uvProject(options: { readonly python?: string | Expr; readonly sync?: string; /** the lock file that keys uv's cache (default `uv.lock`) */ readonly lock?: string } = {}): <J extends AnyJob>(job: J) => J {
  return <J extends AnyJob>(job: J): J =>
    (job as unknown as Loose)
      .step(checkout())
      .step(setupPython({ 'python-version': options.python ?? '3.13' }))
      .step(setupUv({ 'enable-cache': true, 'cache-dependency-glob': options.lock ?? 'uv.lock' }))
      .run(options.sync ?? 'uv sync --frozen') as unknown as J;
}

/**
 * Checks out the repository, installs Node.js with npm's cache and runs `npm ci`.
 *
 * @example
 * ```ts
 * w.job('test', (j) => j.runsOn('ubuntu-latest').$call(npmProject({ node: '22' })).run('npm test'));
 * // steps:
 * //   - uses: actions/checkout@v4
 * //   - uses: actions/setup-node@v4
 * //     with:
 * //       node-version: '22'
 * //       cache: npm
 * //   - run: npm ci
 * //   - run: npm test
 * ```
 */
export function npmProject(
  options: {
    readonly node?: string | Expr;
    readonly install?: string;
    /**
     * The lock file that keys npm's cache (`cache-dependency-path`), from the repository root. Needed
     * when `package-lock.json` is not at the root (a project in a subfolder, a monorepo): setup-node
     * looks for it at the root only, and fails when it is not there — `defaults.run.working-directory`
     * does not apply to `uses:` steps.
     */
    readonly lock?: string;
  } = {},
): <J extends AnyJob>(job: J) => J {
  return <J extends AnyJob>(job: J): J =>
    (job as unknown as Loose)
      .step(checkout())
      .step(setupNode({ 'node-version': options.node ?? '22', cache: 'npm', ...(options.lock === undefined ? {} : { 'cache-dependency-path': options.lock }) }))
      .run(options.install ?? 'npm ci') as unknown as J;
}

// ─── image size budgets ─────────────────────────────────────────────────────────────────────────

/**
 * Options of {@link imageSizeCheckSteps}.
 *
 * @example
 * ```ts
 * imageSizeCheckSteps({ image: 'ghcr.io/acme/api:ci', budgetMB: 150, context: 'backend', target: 'runtime', id: 'api-size' });
 * // - id: api-size
 * //   name: Size of ghcr.io/acme/api:ci (budget 150 MB)
 * ```
 */
export interface ImageSizeCheckOptions {
  /** The image to build and measure, `name[:tag]` as Docker writes it (`api:ci`, `ghcr.io/acme/api:ci`). */
  readonly image: string;
  /** The budget in decimal MB (1 MB = 1,000,000 bytes), as `docker image inspect --format '{{.Size}}'` counts. */
  readonly budgetMB: number;
  /** The build context (default `.`). */
  readonly context?: string;
  /** The Dockerfile (`file:`), when it is not `<context>/Dockerfile`. */
  readonly file?: string;
  /** The stage to build (`target:`). */
  readonly target?: string;
  /** More inputs of `docker/build-push-action` (build args, secrets, platforms …). */
  readonly build?: Omit<BuildPushInputs, 'load' | 'push' | 'tags' | 'context' | 'file' | 'target' | 'cache-from' | 'cache-to'>;
  /** The GitHub Actions cache scope of the layers (default: the image name without its tag). */
  readonly cacheScope?: string;
  /** The id of the check step; the start and build steps get `<id>-start` and `<id>-build` (default `image-size`). */
  readonly id?: string;
  /** Add `docker/setup-buildx-action` first, which the GHA layer cache needs (default `true`; `false` when the job sets it up already). */
  readonly setupBuildx?: boolean;
}

/** `name[:tag]` as Docker reads it: an optional registry host (with port), lower-case path components, a tag. No digest (a build makes a tag). */
const IMAGE_RE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?)\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;
const STEP_ID_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const MAX_BUDGET_MB = 1_000_000;

/**
 * The check step's script. Constant: the image, the budget and the start time reach it only through
 * `env:` (`IMAGE`, `BUDGET_MB`, `STARTED`), never inside the script text, so no value can change
 * what it runs.
 *
 * @example
 * ```ts
 * imageSizeCheckSteps({ image: 'api:ci', budgetMB: 150 }).at(-1)?.run === IMAGE_SIZE_CHECK_SCRIPT; // true
 * ```
 */
export const IMAGE_SIZE_CHECK_SCRIPT = `finished=$(date +%s)
seconds=$((finished - STARTED))
if ! bytes=$(docker image inspect --format '{{.Size}}' "$IMAGE"); then
  echo "::error::docker image inspect could not read the size of $IMAGE"
  exit 1
fi
case "$bytes" in
  '' | *[!0-9]*)
    echo "::error::docker image inspect gave $IMAGE a size that is not a number of bytes: $bytes"
    exit 1
    ;;
esac
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1000000 }')
over=$(awk -v b="$bytes" -v m="$BUDGET_MB" 'BEGIN { print (b > m * 1000000) ? 1 : 0 }')
{
  echo "bytes=$bytes"
  echo "mb=$mb"
  echo "seconds=$seconds"
} >> "$GITHUB_OUTPUT"
if [ "$over" = 1 ]; then
  echo "- ❌ \\\`$IMAGE\\\`: $mb MB ($bytes bytes), over its budget of $BUDGET_MB MB; built in $seconds s" >> "$GITHUB_STEP_SUMMARY"
  echo "::error::image $IMAGE is $mb MB ($bytes bytes), over its budget of $BUDGET_MB MB"
  exit 1
fi
echo "- ✅ \\\`$IMAGE\\\`: $mb MB ($bytes bytes) of its $BUDGET_MB MB budget; built in $seconds s" >> "$GITHUB_STEP_SUMMARY"
`;

/** A size check found in a workflow: which job, the image built and the budget it is held to. */
export interface FoundImageSizeCheck {
  readonly job: string;
  /** The check step's id (`image-size` by default). */
  readonly step: string | undefined;
  /** The tag measured (`IMAGE`). */
  readonly image: string;
  readonly budgetMB: number;
  /** What the job's `docker/build-push-action` step that tags `image` builds (normalized; `file` defaults to `<context>/Dockerfile`). */
  readonly context: string;
  readonly file: string;
  readonly target: string | undefined;
}

type Inputs = Readonly<Record<string, string | number | boolean | null>>;
const inputsOf = (step: StepModel, key: 'with' | 'env'): Inputs => {
  const v = step[key];
  return typeof v === 'object' && v !== null ? v : {};
};
const flatSteps = (steps: readonly StepModel[]): StepModel[] => steps.flatMap((s) => [s, ...(Array.isArray(s.parallel) ? flatSteps(s.parallel) : [])]);

/**
 * The image size checks of a workflow model: every step that runs the size-check script of {@link imageSizeCheckSteps}
 * with an `IMAGE` and a positive `BUDGET_MB`, paired with the `docker/build-push-action` step of the
 * same job that tags that image (a check whose image no step of its job builds is left out).
 *
 * @example
 * ```ts
 * const w = Workflow.create('CI').on('push').job('image', (j) => j.runsOn('ubuntu-latest').$call(imageSizeCheck({ image: 'api:ci', budgetMB: 150, context: 'backend', target: 'runtime' })));
 * imageSizeChecks(w.toModel());
 * // [{ job: 'image', step: 'image-size', image: 'api:ci', budgetMB: 150, context: 'backend', file: 'backend/Dockerfile', target: 'runtime' }]
 * ```
 */
export function imageSizeChecks(workflow: WorkflowModel): FoundImageSizeCheck[] {
  const out: FoundImageSizeCheck[] = [];
  const jobs = typeof workflow === 'object' && workflow !== null && typeof workflow.jobs === 'object' && workflow.jobs !== null ? workflow.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    const raw = (job as { steps?: unknown }).steps;
    const steps = flatSteps(Array.isArray(raw) ? (raw as StepModel[]) : []);
    const builds = steps.flatMap((step) => {
      if (typeof step.uses !== 'string' || !/^docker\/build-push-action@/.test(step.uses)) return [];
      const w = inputsOf(step, 'with');
      const context = posix.normalize(typeof w['context'] === 'string' && w['context'] !== '' ? w['context'] : '.');
      const file = posix.normalize(typeof w['file'] === 'string' && w['file'] !== '' ? w['file'] : context === '.' ? 'Dockerfile' : `${context}/Dockerfile`);
      const tags = typeof w['tags'] === 'string' ? w['tags'].split(/[\n,]/).map((t) => t.trim()).filter((t) => t !== '') : [];
      const target = typeof w['target'] === 'string' && w['target'] !== '' ? w['target'] : undefined;
      return [{ tags, context, file, target }];
    });
    for (const check of steps) {
      if (check.run !== IMAGE_SIZE_CHECK_SCRIPT) continue;
      const env = inputsOf(check, 'env');
      const image = env['IMAGE'];
      const budgetMB = Number(env['BUDGET_MB']);
      if (typeof image !== 'string' || !Number.isFinite(budgetMB) || budgetMB <= 0) continue;
      for (const b of builds.filter((x) => x.tags.includes(image))) out.push({ job: id, step: check.id, image, budgetMB, context: b.context, file: b.file, target: b.target });
    }
  }
  return out;
}

function invalid(message: string, fix: string): UsageError {
  return new UsageError('workflow/invalid-image-size-check', message, fix);
}

/**
 * Steps that build an image and hold it to a size budget: set up Buildx, note the start time,
 * build with `docker/build-push-action` (`load: true`, `push: false`, layers cached in the GitHub
 * Actions cache), then read the size with `docker image inspect --format '{{.Size}}'` (decimal MB),
 * write a line with size, budget and build time to the job summary (`$GITHUB_STEP_SUMMARY`), and
 * fail the job with an `::error::` line when the image is over budget. The check step's outputs
 * `bytes`, `mb` and `seconds` are there for later steps. Values reach the script through `env:`
 * only; an image that is not `name[:tag]`, a budget that is not a positive number, an invalid id or
 * cache scope throws a `UsageError` (`workflow/invalid-image-size-check`).
 *
 * @example
 * ```ts
 * const steps = imageSizeCheckSteps({ image: 'api:ci', budgetMB: 150, context: 'backend' });
 * w.job('image', (j) => steps.reduce((job, s) => job.step(s), j.runsOn('ubuntu-latest').step(checkout())));
 * // (the same as .$call(imageSizeCheck({ image: 'api:ci', budgetMB: 150, context: 'backend' })))
 * // steps:
 * //   - uses: actions/checkout@v4
 * //   - uses: docker/setup-buildx-action@v3
 * //   - id: image-size-start
 * //     run: echo "started=$(date +%s)" >> "$GITHUB_OUTPUT"
 * //   - id: image-size-build
 * //     name: Build api:ci
 * //     uses: docker/build-push-action@v6
 * //     with:
 * //       context: backend
 * //       load: true
 * //       push: false
 * //       tags: api:ci
 * //       cache-from: type=gha,scope=api
 * //       cache-to: type=gha,mode=max,scope=api
 * //   - id: image-size
 * //     name: Size of api:ci (budget 150 MB)
 * //     run: |
 * //       finished=$(date +%s)
 * //       …
 * //     env:
 * //       IMAGE: api:ci
 * //       BUDGET_MB: '150'
 * //       STARTED: ${{ steps.image-size-start.outputs.started }}
 * // The job summary gets: - ✅ `api:ci`: 123.4 MB (123400000 bytes) of its 150 MB budget; built in 42 s
 * ```
 */
export function imageSizeCheckSteps(options: ImageSizeCheckOptions): readonly StepSpec<string>[] {
  if (typeof options !== 'object' || options === null) throw invalid(`expected options { image, budgetMB }, received ${String(options)}`, 'pass { image: "api:ci", budgetMB: 150 }');
  const { image, budgetMB } = options;
  if (typeof image !== 'string' || !IMAGE_RE.test(image) || image.length > 255) {
    throw invalid(`expected an image as name[:tag] (like "api:ci" or "ghcr.io/acme/api:ci"), received ${JSON.stringify(image)}`, 'use lower-case path components, an optional registry host and an optional tag; no digest');
  }
  if (typeof budgetMB !== 'number' || !Number.isFinite(budgetMB) || budgetMB <= 0 || budgetMB > MAX_BUDGET_MB) {
    throw invalid(`expected budgetMB to be a number of MB above 0 and at most ${MAX_BUDGET_MB}, received ${String(budgetMB)}`, 'give the budget in decimal MB, e.g. budgetMB: 150');
  }
  const id = options.id ?? 'image-size';
  if (typeof id !== 'string' || !STEP_ID_RE.test(id)) throw invalid(`expected a step id, received ${JSON.stringify(id)}`, 'start with a letter or `_`; use letters, digits, `-` and `_`');
  const name = image.replace(/:[^:/]*$/, '');
  const scope = options.cacheScope ?? name;
  // the scope goes into buildx's comma-separated cache options: no commas, no spaces
  if (typeof scope !== 'string' || !/^[A-Za-z0-9._:/-]+$/.test(scope)) throw invalid(`expected a cache scope of letters, digits, ".", "_", ":", "/" and "-", received ${JSON.stringify(scope)}`, 'pass cacheScope like "api" or "api-runtime"');
  const steps: StepSpec<string>[] = [];
  if (options.setupBuildx !== false) steps.push(setupBuildx());
  steps.push({ id: `${id}-start`, run: 'echo "started=$(date +%s)" >> "$GITHUB_OUTPUT"', outputs: ['started'] });
  const inputs: BuildPushInputs = {
    ...options.build,
    context: options.context ?? '.',
    ...(options.file !== undefined ? { file: options.file } : {}),
    ...(options.target !== undefined ? { target: options.target } : {}),
    load: true,
    push: false,
    tags: image,
    ...ghaLayerCache({ scope }),
  };
  steps.push({ ...buildPush(inputs, { name: `Build ${image}` }), id: `${id}-build` });
  steps.push({
    id,
    name: `Size of ${image} (budget ${String(budgetMB)} MB)`,
    run: IMAGE_SIZE_CHECK_SCRIPT,
    env: { IMAGE: image, BUDGET_MB: String(budgetMB), STARTED: `\${{ steps.${id}-start.outputs.started }}` },
    outputs: ['bytes', 'mb', 'seconds'],
  });
  return Object.freeze(steps);
}

/**
 * {@link imageSizeCheckSteps} as a job fragment for `$call`.
 *
 * @example
 * ```ts
 * w.job('image', (j) => j.runsOn('ubuntu-latest').step(checkout()).$call(imageSizeCheck({ image: 'api:ci', budgetMB: 150 })));
 * // steps: checkout, setup-buildx, image-size-start, image-size-build, image-size (see imageSizeCheckSteps)
 * ```
 */
export function imageSizeCheck(options: ImageSizeCheckOptions): <J extends AnyJob>(job: J) => J {
  const steps = imageSizeCheckSteps(options);
  return <J extends AnyJob>(job: J): J => steps.reduce((j, s) => j.step(s), job as unknown as Loose) as unknown as J;
}
