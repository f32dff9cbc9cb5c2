/**
 * Security rules about what a workflow exposes: every secret at once, self-hosted runners to pull
 * requests, the checkout token in uploaded artifacts, and secrets written into the file.
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import { defineRule, type Finding } from '../../core/rule.js';
import { conditionSource, expressionSites } from '../expressions.js';
import { credentialInUrl, isSecretName, isSwitchValue, pointsAtSecret } from '../../core/secrets.js';
import type { WorkflowModel } from '../model.js';
import { normalizeAccess } from './security.js';
import { eventsOf, isNormalJob, jobsOf, stepsOfJob } from './walk.js';

/** `workflow/all-secrets-exposed` */
export const allSecretsExposed = defineRule<WorkflowModel>({
  code: 'workflow/all-secrets-exposed',
  severity: 'warning',
  summary: '`toJSON(secrets)`, or a secret picked by a computed name (`secrets[inputs.name]`), hands every secret of the repository to one step or job.',
  fix: 'Pass only the secrets the step needs, one by one: `env: { NPM_TOKEN: ${{ secrets.NPM_TOKEN }} }`.',
  *check(model) {
    for (const { source, path } of expressionSites(model)) {
      const e = normalizeAccess(source);
      if (/(?<![\w.])tojson\(\s*secrets\s*\)/.test(e)) {
        yield { path, message: 'toJSON(secrets) passes every secret of the repository here, not only the ones this needs', hint: 'pass the secrets it needs one by one: ${{ secrets.NAME }}' };
      } else if (/(?<![\w.])secrets\[/.test(e)) {
        // a computed name (secrets[inputs.name]) can reach any secret, so GitHub makes them all available to the job
        yield { path, message: `\`${e}\` picks a secret by a computed name, so every secret is made available to the job`, hint: 'name the secret: ${{ secrets.NAME }} (one step per secret if needed)' };
      }
    }
  },
});

/** The labels a `runs-on` asks for (expressions and groups give none). */
function runnerLabels(runsOn: unknown): string[] {
  if (typeof runsOn === 'string') return [runsOn];
  if (Array.isArray(runsOn)) return runsOn.filter((l): l is string => typeof l === 'string');
  if (typeof runsOn === 'object' && runsOn !== null) return runnerLabels((runsOn as { labels?: unknown }).labels);
  return [];
}

/** True when a job's `if:` keeps it off pull requests (`github.event_name == 'push'`, `github.event_name != 'pull_request'`). */
function skipsPullRequests(condition: unknown): boolean {
  const source = typeof condition === 'string' ? conditionSource(condition) : undefined;
  if (source === undefined) return false;
  const c = normalizeAccess(source);
  if (/\|\|/.test(c)) return false; // an alternative may let pull requests in
  return /github\.event_name\s*!=\s*'pull_request'/.test(c) || /github\.event_name\s*==\s*'(?!pull_request')[\w-]+'/.test(c);
}

/** `workflow/self-hosted-pull-request` */
export const selfHostedPullRequest = defineRule<WorkflowModel>({
  code: 'workflow/self-hosted-pull-request',
  severity: 'warning',
  summary: 'A job on a self-hosted runner runs on `pull_request`, so anyone who opens a pull request (from a fork, in a public repository) runs code on that machine.',
  fix: 'Run pull request jobs on GitHub-hosted runners (`runs-on: ubuntu-latest`), or use ephemeral, isolated self-hosted runners and require approval for fork PRs.',
  *check(model) {
    const events = eventsOf(model);
    if (!events.includes('pull_request')) return;
    for (const [id, job] of jobsOf(model)) {
      if (!isNormalJob(job) || skipsPullRequests(job.if)) continue;
      if (runnerLabels(job['runs-on']).some((l) => l.toLowerCase() === 'self-hosted')) {
        yield {
          path: ['jobs', id, 'runs-on'],
          message: `job "${id}" runs on a self-hosted runner and the workflow runs on pull_request: a pull request's code runs on that machine`,
          hint: 'use a GitHub-hosted runner for pull requests, or an ephemeral isolated one',
        };
      }
    }
  },
});

const CHECKOUT = /^actions\/checkout@/i;
// upload-pages-artifact leaves .git out of its archive; upload-artifact takes what `path:` names
const UPLOAD = /^actions\/upload-artifact@/i;

const WHOLE_WORKSPACE = new Set(['.', './*', '*', '**', './**', '/']);

/** True when an upload step's `path:` can take in the checkout's `.git` folder. */
function uploadsGitFolder(w: unknown): boolean {
  if (typeof w !== 'object' || w === null) return false;
  const rec = w as Record<string, unknown>;
  const path = rec['path'];
  if (typeof path !== 'string') return false;
  return path.split('\n').some((line) => {
    const raw = line.trim().replace(/^['"]|['"]$/g, '');
    if (raw === '' || raw.startsWith('!')) return false;
    // the workspace itself (`.`, `./`, `${{ github.workspace }}`, `*`, `**`), the file system root, or .git by name
    const p = raw.replace(/\$\{\{\s*github\.workspace\s*\}\}/gi, '.').replace(/\/+$/, '') || '/';
    return WHOLE_WORKSPACE.has(p) || /(^|\/)\.git(\/|$)/.test(p);
  });
}

/** `workflow/credentials-in-artifact` */
export const credentialsInArtifact = defineRule<WorkflowModel>({
  code: 'workflow/credentials-in-artifact',
  severity: 'warning',
  summary: 'A job uploads its workspace (`path: .`, `${{ github.workspace }}`, or `.git` itself) as an artifact after `actions/checkout` saved the token in `.git/config` (`persist-credentials` defaults to true).',
  fix: 'Add `persist-credentials: false` to the checkout step (`with: { persist-credentials: false }`), and upload only the build output folder (`path: dist/`).',
  *check(model) {
    for (const [id, job] of jobsOf(model)) {
      const steps = stepsOfJob(id, job);
      const upload = steps.find(({ step }) => typeof step.uses === 'string' && UPLOAD.test(step.uses) && uploadsGitFolder(step.with));
      if (!upload) continue;
      for (const { step, path } of steps) {
        if (typeof step.uses !== 'string' || !CHECKOUT.test(step.uses)) continue;
        const w = step.with;
        const persist = typeof w === 'object' && w !== null ? (w as Record<string, unknown>)['persist-credentials'] : undefined;
        if (persist === false || persist === 'false') continue;
        const hidden = (upload.step.with as Record<string, unknown>)['include-hidden-files'];
        const certain = hidden === true || hidden === 'true' ? ' (with include-hidden-files: true)' : ' (upload-artifact v4.4+ leaves hidden files out unless include-hidden-files is set; older versions do not)';
        yield {
          path,
          message: `job "${id}" checks out with the token saved in .git/config, then uploads the workspace as an artifact (${upload.step.uses} at ${upload.path.join('.')})${certain}: anyone who can download it can read the token`,
          hint: 'add with: { persist-credentials: false } to the checkout',
        };
      }
    }
  },
});

/** `workflow/hardcoded-secret` */
export const hardcodedSecret = defineRule<WorkflowModel>({
  code: 'workflow/hardcoded-secret',
  severity: 'warning',
  summary: 'A value whose name looks like a secret (`*_PASSWORD`, `*_TOKEN`, `*_PAT`…), a registry password, a `secrets:` entry of a reusable-workflow call, or a URL with a password is written into the workflow as a literal.',
  fix: 'Store it as a repository secret and reference it: `env: { API_TOKEN: ${{ secrets.API_TOKEN }} }`.',
  *check(model) {
    const literal = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && !v.includes('${{');
    // the passwords the job's own service containers are started with: a step that connects to them
    // (PGPASSWORD: postgres) repeats a throwaway value, not a secret
    let local = new Set<string>();
    const named = function* (map: unknown, path: IssuePath): Generator<Finding> {
      if (typeof map !== 'object' || map === null || Array.isArray(map)) return;
      for (const [name, value] of Object.entries(map)) {
        if (!literal(value) || local.has(value) || pointsAtSecret(value) || isSwitchValue(value)) continue;
        const found = credentialInUrl(value);
        const url = found && !local.has(found.password) ? found : undefined;
        if (isSecretName(name)) yield { path: [...path, name], message: `${name} is set to a literal value in the workflow, so everyone who can read the repository can read it`, hint: `store it as a secret: ${name}: \${{ secrets.${name} }}` };
        else if (url) yield { path: [...path, name], message: `${name} holds a URL with a password (${url.redacted})`, hint: 'keep the password in a secret and build the URL from it' };
      }
    };
    const credentials = function* (holder: unknown, path: IssuePath): Generator<Finding> {
      const c = typeof holder === 'object' && holder !== null ? (holder as { credentials?: { password?: unknown } }).credentials : undefined;
      if (c && literal(c.password)) yield { path: [...path, 'credentials', 'password'], message: 'the registry password is written into the workflow', hint: 'password: ${{ secrets.REGISTRY_PASSWORD }}' };
    };
    yield* named(model.env, ['env']);
    for (const [id, job] of jobsOf(model)) {
      const base: IssuePath = ['jobs', id];
      if (!isNormalJob(job)) {
        yield* named(job.with, [...base, 'with']);
        // whatever a call passes as `secrets:` is a secret, whatever its name
        if (typeof job.secrets === 'object' && job.secrets !== null) {
          for (const [name, value] of Object.entries(job.secrets)) {
            if (literal(value)) yield { path: [...base, 'secrets', name], message: `the secret ${name} passed to ${job.uses} is a literal value in the workflow`, hint: `pass a stored secret: ${name}: \${{ secrets.${name.toUpperCase().replace(/-/g, '_')} }}` };
          }
        }
        continue;
      }
      // `services:` may be one expression (`${{ fromJSON(vars.SERVICES) }}`): nothing to read then
      const services = typeof job.services === 'object' ? job.services : {};
      local = new Set(
        [job.container, ...Object.values(services)].flatMap((c) =>
          typeof c === 'object' && c !== null ? Object.values(c.env ?? {}).filter((v): v is string => typeof v === 'string') : [],
        ),
      );
      yield* named(job.env, [...base, 'env']);
      yield* credentials(job.container, [...base, 'container']);
      // a service container's own env (POSTGRES_PASSWORD: postgres) configures a throwaway database, not a secret
      for (const [name, svc] of Object.entries(services)) yield* credentials(svc, [...base, 'services', name]);
      for (const { step, path } of stepsOfJob(id, job)) {
        yield* named(step.env, [...path, 'env']);
        yield* named(step.with, [...path, 'with']);
      }
    }
  },
});
