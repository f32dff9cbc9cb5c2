/**
 * Security rules: script injection, `pull_request_target` checkouts, token permissions, unpinned
 * actions, secrets in scripts.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import { expressionsIn } from '../expressions.js';
import type { WorkflowModel } from '../model.js';
import { eventsOf, isNormalJob, jobsOf, stepsOf } from './walk.js';

// `github.event.*` values anyone who opens an issue or a PR controls; ids, numbers and SHAs are safe.
const SAFE_LAST = new Set(['number', 'id', 'node_id', 'sha', 'created_at', 'updated_at', 'merged', 'draft', 'state', 'action', 'before', 'after', 'private', 'fork', 'size', 'run_id', 'run_number', 'run_attempt', 'forced', 'deleted', 'created', 'commits_url']);

/** The untrusted parts of an expression, or an empty list. */
export function untrustedIn(source: string): string[] {
  const out: string[] = [];
  if (/(?<![\w.])github\.head_ref\b/.test(source)) out.push('github.head_ref');
  const re = /(?<![\w.])github\.event((?:\.[\w-]+|\[[^\]]*\]|\.\*)+)/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const tail = m[1] as string;
    const last = /([\w-]+)\W*$/.exec(tail)?.[1] ?? '';
    if (!SAFE_LAST.has(last)) out.push(`github.event${tail}`);
  }
  return out;
}

/** `workflow/script-injection` */
export const scriptInjection = defineRule<WorkflowModel>({
  code: 'workflow/script-injection',
  severity: 'error',
  summary: 'An untrusted value is interpolated into a `run:` script.',
  fix: 'Pass the value through `env:` (`env: { TITLE: ${{ github.event.issue.title }} }`) and use `"$TITLE"` in the script.',
  *check(model) {
    for (const { step, path } of stepsOf(model)) {
      if (typeof step.run !== 'string') continue;
      for (const source of expressionsIn(step.run)) {
        for (const value of untrustedIn(source)) {
          yield {
            path: [...path, 'run'],
            message: `\`${value}\` is written into the script: anyone who can set it can run commands`,
            hint: `add env: { VALUE: \${{ ${value} }} } to the step and use "$VALUE" in the script`,
          };
        }
      }
    }
  },
});

/** `workflow/pull-request-target-checkout` */
export const pullRequestTargetCheckout = defineRule<WorkflowModel>({
  code: 'workflow/pull-request-target-checkout',
  severity: 'error',
  summary: 'A `pull_request_target` workflow checks out the pull request\'s head.',
  fix: 'Use `pull_request` for builds of untrusted code, or check out the base branch only; never run PR code with the target\'s secrets and write token.',
  *check(model) {
    if (!eventsOf(model).includes('pull_request_target')) return;
    for (const { step, path } of stepsOf(model)) {
      if (typeof step.uses !== 'string' || !/^actions\/checkout@/i.test(step.uses)) continue;
      const w = step.with;
      const fields = typeof w === 'object' && w !== null ? [w.ref, w.repository] : [];
      const head = fields.some(
        (v) => typeof v === 'string' && /github\.event\.pull_request\.head\.|github\.head_ref|refs\/pull\/|merge_commit_sha/.test(v),
      );
      if (head) {
        yield {
          path: [...path, 'with', 'ref'],
          message: 'the workflow runs on pull_request_target (with secrets and a write token) and checks out the pull request\'s code',
          hint: 'move the build to a `pull_request` workflow; keep pull_request_target for labeling and comments',
        };
      }
    }
  },
});

/** `workflow/missing-permissions` */
export const missingPermissions = defineRule<WorkflowModel>({
  code: 'workflow/missing-permissions',
  severity: 'warning',
  summary: 'The workflow does not set `permissions:`, so its token gets the repository\'s default (often write) access.',
  fix: 'Add `permissions: { contents: read }` at the top (or per job) and grant more only where needed.',
  *check(model) {
    if (model.permissions !== undefined) return;
    const without = jobsOf(model).filter(([, job]) => (job as { permissions?: unknown }).permissions === undefined);
    if (without.length === 0) return;
    yield {
      path: ['permissions'],
      message: `no \`permissions:\` at the top, and job${without.length > 1 ? 's' : ''} ${without.map(([id]) => `"${id}"`).join(', ')} set none either`,
      hint: 'add permissions: { contents: read }',
    };
  },
});

/** `workflow/write-all-permissions` */
export const writeAllPermissions = defineRule<WorkflowModel>({
  code: 'workflow/write-all-permissions',
  severity: 'warning',
  summary: '`permissions: write-all` gives the token write access to everything.',
  fix: 'Grant only the scopes the job needs: `permissions: { contents: read, packages: write }`.',
  *check(model) {
    if (model.permissions === 'write-all') yield { path: ['permissions'], message: 'the workflow grants write-all', hint: 'list the scopes it needs' };
    for (const [id, job] of jobsOf(model)) {
      if ((job as { permissions?: unknown }).permissions === 'write-all') {
        yield { path: ['jobs', id, 'permissions'], message: `job "${id}" grants write-all`, hint: 'list the scopes it needs' };
      }
    }
  },
});

const FIRST_PARTY = /^(actions|github)\//i;

/** `workflow/unpinned-action` */
export const unpinnedAction = defineRule<WorkflowModel>({
  code: 'workflow/unpinned-action',
  severity: 'error',
  summary: 'A third-party action is referenced by a tag or branch while the pinning policy asks for commit SHAs.',
  fix: 'Add its SHA to the pinning table (`workflow.pin(\'sha\', { \'owner/repo@v1\': \'<40-hex sha>\' })`) or reference it by full SHA.',
  *check(model) {
    if (model.$pinning?.policy !== 'sha') return;
    const shas = model.$pinning.shas ?? {};
    const check = function* (uses: string, path: (string | number)[]) {
      if (uses.startsWith('./') || uses.startsWith('docker://') || FIRST_PARTY.test(uses)) return;
      const at = uses.lastIndexOf('@');
      const ref = at < 0 ? '' : uses.slice(at + 1);
      if (/^[0-9a-f]{40}$/.test(ref) || shas[uses] !== undefined) return;
      yield { path, message: `"${uses}" is not pinned to a commit SHA`, hint: `pin it: workflow.pin('sha', { '${uses}': '<sha>' })` };
    };
    for (const { step, path } of stepsOf(model)) if (typeof step.uses === 'string') yield* check(step.uses, [...path, 'uses']);
    for (const [id, job] of jobsOf(model)) if (!isNormalJob(job)) yield* check(job.uses, ['jobs', id, 'uses']);
  },
});

/** `workflow/secret-in-run` */
export const secretInRun = defineRule<WorkflowModel>({
  code: 'workflow/secret-in-run',
  severity: 'warning',
  summary: 'A secret is interpolated into a `run:` script (an error when the line echoes it).',
  fix: 'Pass the secret through `env:` and never print it; a command that needs it reads `"$TOKEN"`.',
  *check(model) {
    for (const { step, path } of stepsOf(model)) {
      if (typeof step.run !== 'string') continue;
      for (const line of step.run.split('\n')) {
        for (const source of expressionsIn(line)) {
          const m = /(?<![\w.])secrets\.([\w-]+)|secrets\[['"]([^'"]+)['"]\]/.exec(source);
          if (!m) continue;
          const name = m[1] ?? m[2];
          const echoed = /^\s*(echo|printf|cat\s*<<|print)\b/.test(line) || /\|\s*tee\b/.test(line);
          yield {
            path: [...path, 'run'],
            message: echoed ? `secret ${name} is echoed by the script: "${line.trim()}"` : `secret ${name} is written into the script text`,
            hint: `add env: { ${name}: \${{ secrets.${name} }} } and use "$${name}"${echoed ? '; do not print it' : ''}`,
            ...(echoed ? { severity: 'error' as const } : {}),
          };
        }
      }
    }
  },
});
