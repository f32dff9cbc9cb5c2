/**
 * Security rules: script injection, `pull_request_target` checkouts, token permissions, unpinned
 * actions, secrets in scripts.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import { conditionSource, expressionsIn } from '../expressions.js';
import type { WorkflowModel } from '../model.js';
import { eventsOf, isNormalJob, jobsOf, stepsOf, stepsOfJob } from './walk.js';

// `github.event.*` values anyone who opens an issue or a PR controls; ids, numbers and SHAs are safe.
// A `login` is a GitHub account name: letters, digits and single hyphens, never shell syntax.
const SAFE_LAST = new Set(['login', 'number', 'id', 'node_id', 'sha', 'created_at', 'updated_at', 'merged', 'draft', 'state', 'action', 'before', 'after', 'private', 'fork', 'size', 'run_id', 'run_number', 'run_attempt', 'forced', 'deleted', 'created', 'commits_url', 'head_sha', 'workflow_id', 'check_suite_id', 'conclusion', 'status', 'event']);

/**
 * An expression as GitHub reads it for property access: context and property names are
 * case-insensitive, and `a['b']` is `a.b` — so `GitHub['EVENT'].Issue.Title` reads as
 * `github.event.issue.title`.
 *
 * @example
 * ```ts
 * normalizeAccess("GitHub['event'][\"issue\"].Title"); // 'github.event.issue.title'
 * ```
 */
export function normalizeAccess(source: string): string {
  // string literals other than bracket keys are kept as they are (a comparison with 'Main' stays 'Main')
  let out = '';
  const re = /\[\s*'((?:[^']|'')*)'\s*\]|\[\s*"([^"]*)"\s*\]|'(?:[^']|'')*'|[^'[]+|\[/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const key = m[1] ?? m[2];
    if (key !== undefined) out += /^[A-Za-z_][\w-]*$/.test(key) ? `.${key.toLowerCase()}` : `[${JSON.stringify(key)}]`;
    else if (m[0].startsWith("'")) out += m[0];
    else out += m[0].toLowerCase();
  }
  return out;
}

/**
 * The untrusted parts of an expression, or an empty list: `github.head_ref`, the text fields of
 * `github.event` (titles, bodies, branch names, commit messages), and the whole payload or context
 * (`toJSON(github.event)`, `toJSON(github)`). Names are matched case-insensitively and in bracket
 * form (`github['event']['issue']['title']`), as GitHub evaluates them.
 *
 * @example
 * ```ts
 * untrustedIn('github.event.issue.title');        // ['github.event.issue.title']
 * untrustedIn("toJSON(GitHub['event'])");         // ['github.event']
 * untrustedIn('github.event.pull_request.number'); // []
 * ```
 */
export function untrustedIn(source: string): string[] {
  // string literals are data: `github.repository_owner == 'github'` reads no context named github
  const norm = normalizeAccess(source).replace(/'(?:[^']|'')*'/g, "''");
  const out: string[] = [];
  if (/(?<![\w.])github\.head_ref\b/.test(norm)) out.push('github.head_ref');
  if (/(?<![\w.\]])github(?![\w.[-])/.test(norm)) out.push('github');
  const re = /(?<![\w.])github\.event((?:\.[\w-]+|\[[^\]]*\]|\.\*)*)(?![\w-])/g;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const tail = m[1] as string;
    const last = /([\w-]+)\W*$/.exec(tail)?.[1] ?? '';
    if (tail === '' || !SAFE_LAST.has(last)) out.push(`github.event${tail}`);
  }
  return out;
}

/**
 * The `workflow_dispatch` inputs (lower-cased) whose type keeps shell syntax out of their value:
 * `boolean`, `number`, and `choice` (GitHub accepts only one of the listed options).
 */
function typedInputs(model: WorkflowModel): Set<string> {
  const on = model.on as unknown;
  const dispatch = typeof on === 'object' && on !== null && !Array.isArray(on) ? (on as { workflow_dispatch?: unknown }).workflow_dispatch : undefined;
  const inputs = typeof dispatch === 'object' && dispatch !== null ? (dispatch as { inputs?: unknown }).inputs : undefined;
  const out = new Set<string>();
  if (typeof inputs !== 'object' || inputs === null) return out;
  for (const [name, input] of Object.entries(inputs)) {
    const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
    if (type === 'boolean' || type === 'number' || type === 'choice') out.add(name.toLowerCase());
  }
  return out;
}

/** {@link untrustedIn}, less `github.event.inputs.<name>` of the typed inputs. */
function untrustedOf(source: string, typed: ReadonlySet<string>): string[] {
  return untrustedIn(source).filter((v) => {
    const m = /^github\.event\.inputs(?:\.([\w-]+)|\["([^"]+)"\])$/.exec(v);
    return !(m && typed.has((m[1] ?? m[2])!.toLowerCase()));
  });
}

/** The env names (upper-cased) whose values hold an untrusted expression, with the value each holds. */
function taintedEnv(typed: ReadonlySet<string>, ...envs: unknown[]): Map<string, { name: string; origin: string }> {
  const out = new Map<string, { name: string; origin: string }>();
  for (const env of envs) {
    if (typeof env !== 'object' || env === null || Array.isArray(env)) continue;
    for (const [name, value] of Object.entries(env)) {
      if (typeof value !== 'string') continue;
      const found = expressionsIn(value).flatMap((e) => untrustedOf(e, typed));
      if (found.length > 0) out.set(name.toUpperCase(), { name, origin: found[0]! });
      else out.delete(name.toUpperCase());
    }
  }
  return out;
}

const GITHUB_SCRIPT = /^actions\/github-script@/i;

/** `workflow/script-injection` */
export const scriptInjection = defineRule<WorkflowModel>({
  code: 'workflow/script-injection',
  severity: 'error',
  summary: 'An untrusted value is interpolated into a `run:` script or an `actions/github-script` `script:`, directly or through `${{ env.X }}`.',
  fix: 'Pass the value through `env:` (`env: { TITLE: ${{ github.event.issue.title }} }`) and read `"$TITLE"` in the script (`process.env.TITLE` in github-script).',
  *check(model) {
    const typed = typedInputs(model);
    for (const [jobId, job] of jobsOf(model)) {
      for (const { step, path } of stepsOfJob(jobId, job)) {
        const w = step.with;
        const target =
          typeof step.run === 'string' ? { text: step.run, at: [...path, 'run'], js: false }
          : typeof step.uses === 'string' && GITHUB_SCRIPT.test(step.uses) && typeof w === 'object' && w !== null && typeof w.script === 'string' ? { text: w.script, at: [...path, 'with', 'script'], js: true }
          : undefined;
        if (!target) continue;
        const tainted = taintedEnv(typed, model.env, (job as { env?: unknown }).env, step.env);
        const read = (v: string) => (target.js ? `process.env.${v}` : `"$${v}"`);
        for (const source of expressionsIn(target.text)) {
          for (const value of untrustedOf(source, typed)) {
            yield {
              path: target.at,
              message: `\`${value}\` is written into the script: anyone who can set it can run ${target.js ? 'code' : 'commands'}`,
              hint: `add env: { VALUE: \${{ ${value} }} } to the step and use ${read('VALUE')} in the script`,
            };
          }
          const norm = normalizeAccess(source).replace(/'(?:[^']|'')*'/g, "''");
          for (const m of norm.matchAll(/(?<![\w.])env\.([\w-]+)/g)) {
            const held = tainted.get(m[1]!.toUpperCase());
            if (held === undefined) continue;
            const { name, origin } = held;
            yield {
              path: target.at,
              message: `\`env.${name}\` holds \`${origin}\`, and \`\${{ env.${name} }}\` writes it into the script: anyone who can set it can run ${target.js ? 'code' : 'commands'}`,
              hint: `read the variable at run time instead: ${read(name)}`,
            };
          }
        }
      }
    }
  },
});

const HEAD_REF = /github\.event\.pull_request\.head\.|github\.head_ref|refs\/pull\/|merge_commit_sha|github\.event\.workflow_run\.(head_sha|head_branch|head_repository|head_commit|pull_requests)/;

/**
 * True when a `workflow_run` job's `if:` admits only runs that did not come from a pull request
 * (`github.event.workflow_run.event == 'push'`, `… != 'pull_request'`) or only runs of this
 * repository's own branches (`….head_repository.full_name == github.repository`).
 */
function sameRepoOnly(condition: unknown): boolean {
  const source = typeof condition === 'string' ? conditionSource(condition) : undefined;
  if (source === undefined) return false;
  const c = normalizeAccess(source);
  if (/\|\|/.test(c)) return false;
  return (
    /github\.event\.workflow_run\.event\s*(!=\s*'pull_request(_target)?'|==\s*'(?!pull_request)[\w-]+')/.test(c) ||
    /github\.event\.workflow_run\.head_repository\.full_name\s*==\s*github\.repository(?![\w.])|github\.repository\s*==\s*github\.event\.workflow_run\.head_repository\.full_name/.test(c)
  );
}

/** `workflow/pull-request-target-checkout` */
export const pullRequestTargetCheckout = defineRule<WorkflowModel>({
  code: 'workflow/pull-request-target-checkout',
  severity: 'error',
  summary: 'A `pull_request_target` or `workflow_run` workflow checks out or fetches the untrusted head of a pull request (an error under `pull_request_target`, a warning under `workflow_run`).',
  fix: 'Use `pull_request` for builds of untrusted code, or check out the base branch only; never run PR code with the target\'s secrets and write token.',
  *check(model) {
    const events = eventsOf(model);
    const trigger = events.includes('pull_request_target') ? 'pull_request_target' : events.includes('workflow_run') ? 'workflow_run' : undefined;
    if (!trigger) return;
    const severity = trigger === 'pull_request_target' ? ('error' as const) : ('warning' as const);
    const why = trigger === 'pull_request_target'
      ? 'the workflow runs on pull_request_target (with secrets and a write token)'
      : 'the workflow runs on workflow_run (with secrets and a write token, even when the run it follows came from a fork)';
    const hint = trigger === 'pull_request_target'
      ? 'move the build to a `pull_request` workflow; keep pull_request_target for labeling and comments'
      : 'build the PR in the `pull_request` workflow and pass results as artifacts; treat them as data, never run them';
    const guarded = new Set(trigger === 'workflow_run' ? jobsOf(model).filter(([, job]) => sameRepoOnly((job as { if?: unknown }).if)).map(([id]) => id) : []);
    for (const { jobId, step, path } of stepsOf(model)) {
      if (guarded.has(jobId)) continue;
      if (typeof step.uses === 'string' && /^actions\/checkout@/i.test(step.uses)) {
        const w = step.with;
        const fields = typeof w === 'object' && w !== null ? [w.ref, w.repository] : [];
        if (fields.some((v) => typeof v === 'string' && HEAD_REF.test(normalizeAccess(v)))) {
          yield { path: [...path, 'with', 'ref'], message: `${why} and checks out the pull request's code`, hint, severity };
        }
      }
      if (typeof step.run !== 'string') continue;
      for (const line of step.run.split('\n')) {
        const cmd = line.trim();
        if (/\bgh\s+pr\s+checkout\b/.test(cmd)) yield { path: [...path, 'run'], message: `${why} and checks out the pull request with "${cmd}"`, hint, severity };
        else if (/\bgit\s+(checkout|switch)\b/.test(cmd) && expressionsIn(cmd).some((e) => HEAD_REF.test(normalizeAccess(e)))) {
          yield { path: [...path, 'run'], message: `${why} and checks out the pull request's head with "${cmd}"`, hint, severity };
        } else if (/\bgit\s+fetch\b.*\bpull\/.+?\/(head|merge)\b/.test(cmd)) {
          yield { path: [...path, 'run'], message: `${why} and fetches the pull request's head with "${cmd}"`, hint, severity: 'warning' };
        }
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
// refs that name a branch: what they point at changes with every push
const BRANCH_REF = /^(main|master|develop|dev|trunk|head)$/i;

/** What is wrong with a `docker://` reference, or undefined when it names a tag or a digest. */
function dockerRefProblem(uses: string): string | undefined {
  const image = uses.slice('docker://'.length);
  if (image.includes('@sha256:') || image.includes('${{')) return undefined;
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  const tag = colon < 0 ? '' : image.slice(colon + 1);
  if (tag === '') return `"${uses}" has no tag, so it runs whatever "latest" is when the job starts`;
  if (tag === 'latest') return `"${uses}" uses the latest tag, so it runs whatever it is when the job starts`;
  return undefined;
}

/** `workflow/unpinned-action` */
export const unpinnedAction = defineRule<WorkflowModel>({
  code: 'workflow/unpinned-action',
  severity: 'error',
  summary: 'A third-party action is referenced by a tag or branch while the pinning policy asks for commit SHAs; under any policy, an action on a branch (`@main`) or a `docker://` image without a tag (or `latest`) is a warning.',
  fix: 'Add its SHA to the pinning table (`workflow.pin(\'sha\', { \'owner/repo@v1\': \'<40-hex sha>\' })`) or reference it by full SHA; use a release tag instead of a branch, and a version tag or digest for `docker://` images.',
  *check(model) {
    const sha = model.$pinning?.policy === 'sha';
    const shas = model.$pinning?.shas ?? {};
    const check = function* (uses: string, path: (string | number)[]) {
      if (uses.startsWith('./')) return;
      if (uses.startsWith('docker://')) {
        const problem = dockerRefProblem(uses);
        if (problem) yield { path, message: problem, hint: `pin a version tag or digest: ${uses.replace(/:latest$/, '')}:<version>`, severity: 'warning' as const };
        return;
      }
      const at = uses.lastIndexOf('@');
      const ref = at < 0 ? '' : uses.slice(at + 1);
      if (/^[0-9a-f]{40}$/.test(ref) || shas[uses] !== undefined) return;
      if (sha && !FIRST_PARTY.test(uses)) {
        yield { path, message: `"${uses}" is not pinned to a commit SHA`, hint: `pin it: workflow.pin('sha', { '${uses}': '<sha>' })` };
      } else if (BRANCH_REF.test(ref)) {
        yield { path, message: `"${uses}" follows the branch "${ref}": every push to it changes what this workflow runs`, hint: `use a release tag (${uses.slice(0, at)}@v1) or a commit SHA`, severity: 'warning' as const };
      }
    };
    for (const { step, path } of stepsOf(model)) if (typeof step.uses === 'string') yield* check(step.uses, [...path, 'uses']);
    for (const [id, job] of jobsOf(model)) if (!isNormalJob(job)) yield* check(job.uses, ['jobs', id, 'uses']);
  },
});

/** `workflow/secret-in-run` */
export const secretInRun = defineRule<WorkflowModel>({
  code: 'workflow/secret-in-run',
  severity: 'warning',
  summary: 'A secret is interpolated into a `run:` script (GitHub masks it in the log, so even a line that echoes it is a warning).',
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
          };
        }
      }
    }
  },
});
