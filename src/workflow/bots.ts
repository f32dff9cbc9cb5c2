/**
 * A workflow for dependency bots' pull requests: Dependabot edits the generated files, so
 * `devstack absorb` moves its version changes into the config; Renovate (with devstack-kit's preset)
 * edits the config, so `devstack synth` writes the generated files. Either way the pull request
 * ends with the config and the files in step, and `synth --check` passes.
 * @module
 */
import { checkout, setupNode } from './actions/github.js';
import { Workflow } from './builder.js';
import { expr, type Expr } from './expressions.js';

/**
 * Options of {@link botUpdatesWorkflow}.
 *
 * @example
 * ```ts
 * botUpdatesWorkflow({ dir: 'infra', token: expr.secrets.BOT_TOKEN! });
 * // defaults: { working-directory: infra }; checkout with token: ${{ secrets.BOT_TOKEN }}
 * ```
 */
export interface BotUpdatesOptions {
  /** The bots whose pull requests get `devstack absorb` (they edit generated files). Default `['dependabot[bot]']`. */
  readonly absorbFor?: readonly string[];
  /** The bots whose pull requests get `devstack synth` only (they edit the config). Default `['renovate[bot]']`. */
  readonly synthFor?: readonly string[];
  /** The Node.js version. Default `22`. */
  readonly node?: string;
  /** The install command. Default `npm ci`. */
  readonly install?: string;
  /** The folder of `devstack.config.ts`, from the repository root. Default the root. */
  readonly dir?: string;
  /**
   * The token that checks out and pushes. Default the workflow's `GITHUB_TOKEN` — a push with it does
   * not start other workflows, so CI does not run again on the new commit; pass a GitHub App's or a
   * personal token (`expr.secrets.BOT_TOKEN`) to have it run.
   */
  readonly token?: Expr;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const anyOf = (bots: readonly string[]): string => bots.map((b) => `github.event.pull_request.user.login == ${quote(b)}`).join(' || ');

/**
 * The script of the commit step: commits what absorb and synth changed, if anything, and pushes it.
 *
 * @example
 * ```ts
 * botUpdatesWorkflow().toString().includes(BOT_COMMIT_SCRIPT.split('\n')[0]); // true
 * ```
 */
export const BOT_COMMIT_SCRIPT = [
  "git config user.name 'github-actions[bot]'",
  "git config user.email '41898282+github-actions[bot]@users.noreply.github.com'",
  'git add -A',
  'if git diff --cached --quiet; then',
  "  echo 'the config and the generated files are already in step'",
  '  exit 0',
  'fi',
  "git commit -m 'devstack: move version updates into the config and regenerate'",
  'git push',
].join('\n');

/**
 * A workflow (`.github/workflows/devstack-bots.yml`) that runs on the pull requests of dependency
 * bots from this repository: `devstack absorb` for those that edit generated files (Dependabot),
 * `devstack synth` for all of them, then commits and pushes the result to the pull request's branch.
 * Only this job may write (`contents: write`); pull requests from forks never run it.
 *
 * @example
 * ```ts
 * app.workflow('.github/workflows/devstack-bots.yml', botUpdatesWorkflow());
 * // on:
 * //   pull_request: …
 * // jobs:
 * //   update:
 * //     if: (github.event.pull_request.user.login == 'dependabot[bot]' || …) && github.event.pull_request.head.repo.full_name == github.repository
 * //     steps:
 * //       - uses: actions/checkout@v4  (ref: the pull request's branch)
 * //       - run: npx devstack absorb    (Dependabot only)
 * //       - run: npx devstack synth
 * ```
 */
export function botUpdatesWorkflow(options: BotUpdatesOptions = {}) {
  const absorbFor = options.absorbFor ?? ['dependabot[bot]'];
  const synthFor = options.synthFor ?? ['renovate[bot]'];
  const all = [...new Set([...absorbFor, ...synthFor])];
  const dir = options.dir ?? '.';
  return Workflow.create('devstack: bot updates')
    .on({ pull_request: { types: ['opened', 'synchronize', 'reopened'] } })
    .permissions({})
    .concurrency({ group: `devstack-bots-${expr.github.head_ref}`, 'cancel-in-progress': true })
    .job('update', (j) =>
      j
        .if(expr.raw(`(${anyOf(all)}) && github.event.pull_request.head.repo.full_name == github.repository`))
        .runsOn('ubuntu-24.04')
        .timeout(15)
        .permissions({ contents: 'write' })
        .defaults({ 'working-directory': dir })
        .step(checkout({ ref: expr.github.head_ref, ...(options.token !== undefined ? { token: options.token } : {}) }))
        .step(setupNode({ 'node-version': options.node ?? '22', cache: 'npm', ...(dir === '.' ? {} : { 'cache-dependency-path': `${dir}/package-lock.json` }) }))
        .step({ name: 'Install', run: options.install ?? 'npm ci' })
        .step({ name: 'Absorb version changes in generated files', if: expr.raw(anyOf(absorbFor)), run: 'npx devstack absorb' })
        .step({ name: 'Regenerate the files from the config', run: 'npx devstack synth' })
        .step({ name: 'Commit and push', run: BOT_COMMIT_SCRIPT }),
    );
}
