/**
 * Job fragments for common stacks, applied with `$call`: check out, set up the toolchain with a
 * dependency cache, install.
 * @module
 */
import { checkout, setupNode, setupPython } from './actions/github.js';
import { setupUv } from './actions/uv.js';
import type { JobBuilder } from './builder.js';
import type { Expr } from './expressions.js';

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
