import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/rule.js';
import { actionKind, workflowCodes, workflowKind } from '../../src/workflow/index.js';
import { parseAction, parseWorkflow } from '../../src/workflow/parse.js';
import { actionRules, cronProblem, workflowRules } from '../../src/workflow/rules/index.js';
import type { WorkflowModel } from '../../src/workflow/model.js';
import { actionlint, checkWorkflow, workflowParser } from '../helpers/oracles/workflow.js';
import { unclosedExpressionAt } from '../../src/workflow/expressions.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (rule: string, kind: 'fail' | 'pass') => readFileSync(resolve(here, '../fixtures/workflow/rules', rule, `${kind}.yml`), 'utf8');
const modelOf = (text: string): WorkflowModel => {
  const r = parseWorkflow(text);
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return r.model!;
};
const codesOf = (model: WorkflowModel) => runRules(workflowRules, model, { file: 'ci.yml' }).map((i) => i.code);

// fixtures whose failing form the outside validators also reject (so they cannot be fed to them)
const VALIDATOR_REJECTS_FAIL = new Set([
  'invalid-cron', 'unknown-needs', 'needs-cycle', 'script-injection', 'duplicate-step-id', 'unclosed-expression', 'empty-run', 'invalid-env-name', 'unknown-event',
  // the expression checks: actionlint's typed expressions reject each failing fixture too
  'invalid-expression', 'unknown-function', 'function-arity', 'unknown-matrix-key', 'needs-not-listed', 'unknown-needs-output', 'unknown-step',
  'unknown-step-output', 'unknown-input', 'unknown-job-output', 'unavailable-context',
]);

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n');
});

describe('workflow rules', () => {
  const rules = workflowRules.map((r) => r.code.replace('workflow/', ''));

  it('has a fixture pair for each rule', () => {
    expect(rules.length).toBe(32);
  });

  describe.each(rules)('%s', (rule) => {
    it('reports the failing fixture', () => {
      const issues = runRules(workflowRules, modelOf(fixture(rule, 'fail')), { file: 'ci.yml' }).filter((i) => i.code === `workflow/${rule}`);
      expect(issues.length).toBeGreaterThan(0);
      for (const i of issues) {
        expect(i.file).toBe('ci.yml');
        expect(i.message.length).toBeGreaterThan(10);
        expect(i.path.length).toBeGreaterThan(0);
      }
    });
    it('passes the fixed fixture, which the outside validators accept and no rule reports', async () => {
      const text = fixture(rule, 'pass');
      expect(codesOf(modelOf(text))).toEqual([]);
      expect(await checkWorkflow(text)).toEqual([]);
    });
  });

  it.each([...VALIDATOR_REJECTS_FAIL])('%s agrees with actionlint, which also rejects the failing fixture', async (rule) => {
    expect((await actionlint(fixture(rule, 'fail'))).length).toBeGreaterThan(0);
  });

  it('unclosed-expression, empty-run and invalid-env-name name each place, as GitHub and actionlint do', async () => {
    const at = (rule: string) => runRules(workflowRules, modelOf(fixture(rule, 'fail')), {}).filter((i) => i.code === `workflow/${rule}`).map((i) => i.path.join('.'));
    expect(at('unclosed-expression')).toEqual(['jobs.build.steps.0.name']);
    expect(at('empty-run')).toEqual(['jobs.build.steps.0.run']);
    expect(at('invalid-env-name')).toEqual(['env.LOG LEVEL', 'jobs.build.env.A=B', 'jobs.build.steps.0.env.TOKEN&X']);
    // GitHub's own parser agrees on the unclosed expression and on an empty env key
    expect((await workflowParser(fixture('unclosed-expression', 'fail'))).join('\n')).toContain('The expression is not closed');
    const emptyKey = fixture('invalid-env-name', 'pass').replace('LOG_LEVEL: debug', '"": debug');
    expect(await workflowParser(emptyKey)).not.toEqual([]);
    expect(runRules(workflowRules, modelOf(emptyKey), {}).filter((i) => i.code === 'workflow/invalid-env-name').map((i) => i.path)).toEqual([['env', '']]);
    // a blank script is empty too; a }} inside a quoted literal does not close
    expect(runRules(workflowRules, { on: 'push', jobs: { t: { 'runs-on': 'ubuntu-latest', steps: [{ run: '  \n' }] } } } as WorkflowModel, {}).map((i) => i.code)).toContain('workflow/empty-run');
    expect(unclosedExpressionAt("echo ${{ '}}' }}")).toBeUndefined();
    expect(unclosedExpressionAt("echo ${{ 'it''s }}' ")).toBe(5);
    expect(unclosedExpressionAt('a ${{ x }} b ${{ y')).toBe(13);
  });

  it('composite actions get the same three checks on their steps', () => {
    const action = parseAction('name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: ""\n      shell: bash\n    - run: echo ${{ inputs.x\n      shell: bash\n      env:\n        "A B": x\n').model!;
    expect(runRules(actionRules, action, {}).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['workflow/unclosed-expression', 'runs.steps.1.run'],
      ['workflow/empty-run', 'runs.steps.0.run'],
      ['workflow/invalid-env-name', 'runs.steps.1.env.A B'],
    ]);
  });

  it('unpinned-action: reports tag references only under the sha policy, and not first-party or pinned ones', () => {
    const model: WorkflowModel = {
      on: 'push',
      permissions: {},
      jobs: {
        a: {
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 5,
          steps: [
            { uses: 'actions/checkout@v4' },
            { uses: 'docker/login-action@v3' },
            { uses: 'docker/setup-buildx-action@v3' },
            { uses: 'astral-sh/setup-uv@6b9c6063abd6010835644d4c2e1bef4cf5cd0fca' },
            { uses: './local-action' },
            { uses: 'docker://alpine:3.20' },
          ],
        },
        call: { uses: 'acme/workflows/.github/workflows/x.yml@v2' },
      },
    };
    expect(codesOf(model).filter((c) => c === 'workflow/unpinned-action')).toEqual([]);
    const pinned = { ...model, $pinning: { policy: 'sha' as const, shas: { 'docker/setup-buildx-action@v3': 'f95db51fddba0c2d1ec667646a06c2ce06100226' } } };
    const found = runRules(workflowRules, pinned, {}).filter((i) => i.code === 'workflow/unpinned-action');
    expect(found.map((i) => [i.path, i.severity])).toEqual([
      [['jobs', 'a', 'steps', 1, 'uses'], 'error'],
      [['jobs', 'call', 'uses'], 'error'],
    ]);
  });

  it('unpinned-action: a branch ref or an untagged docker:// image is a warning under any policy', () => {
    const steps = [
      { uses: 'acme/deploy@main' },
      { uses: 'actions/checkout@master' },
      { uses: 'docker://alpine' },
      { uses: 'docker://ghcr.io/acme/tool:latest' },
      { uses: 'docker://localhost:5000/tool' },
      { uses: 'acme/deploy@v1' },
      { uses: 'dtolnay/rust-toolchain@stable' },
      { uses: 'docker://alpine:3.20' },
      { uses: 'docker://alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d' },
    ];
    const model: WorkflowModel = { on: 'push', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 5, steps }, call: { uses: 'acme/workflows/.github/workflows/x.yml@main' } } };
    const found = runRules(workflowRules, model, {}).filter((i) => i.code === 'workflow/unpinned-action');
    expect(found.map((i) => [i.path.join('.'), i.severity])).toEqual([
      ['jobs.a.steps.0.uses', 'warning'],
      ['jobs.a.steps.1.uses', 'warning'],
      ['jobs.a.steps.2.uses', 'warning'],
      ['jobs.a.steps.3.uses', 'warning'],
      ['jobs.a.steps.4.uses', 'warning'],
      ['jobs.call.uses', 'warning'],
    ]);
    expect(found[0]!.message).toMatch(/follows the branch "main"/);
    expect(found[2]!.message).toMatch(/has no tag/);
  });

  it('script-injection: github.head_ref and event fields, not numbers', () => {
    const run = (script: string) => codesOf({ on: 'pull_request', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ run: script }] } } });
    expect(run('git checkout ${{ github.head_ref }}')).toContain('workflow/script-injection');
    expect(run('echo "${{ github.event.pull_request.body }}"')).toContain('workflow/script-injection');
    expect(run('echo "${{ github.event.commits[0].message }}"')).toContain('workflow/script-injection');
    expect(run('echo "${{ github.event.pull_request.number }} ${{ github.sha }}"')).toEqual([]);
  });

  it('script-injection: the failing fixture has one finding per form (direct, toJSON, brackets, env.X, github-script)', () => {
    const found = runRules(workflowRules, modelOf(fixture('script-injection', 'fail')), {}).filter((i) => i.code === 'workflow/script-injection');
    expect(found.map((i) => i.path.slice(3).join('.'))).toEqual(['0.run', '1.run', '2.run', '3.run', '4.with.script']);
  });

  it('script-injection: toJSON of the payload, bracket access and case-insensitive names', () => {
    const run = (script: string) => runRules(workflowRules, { on: 'issues', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ run: script }] } } }, {}).filter((i) => i.code === 'workflow/script-injection');
    expect(run("echo '${{ toJSON(github.event) }}' > event.json").map((i) => i.message)).toEqual([expect.stringContaining('`github.event`')]);
    expect(run("echo '${{ toJSON(github) }}'")).toHaveLength(1);
    expect(run("echo \"${{ github['event']['issue']['title'] }}\"").map((i) => i.message)).toEqual([expect.stringContaining('`github.event.issue.title`')]);
    expect(run('echo "${{ GitHub.Event.Issue.Body }}"')).toHaveLength(1);
    expect(run('echo "${{ GITHUB.HEAD_REF }}"')).toHaveLength(1);
    expect(run("echo \"${{ github.event['issue'].number }} ${{ github.event_name }} ${{ github.event.issue.id }}\"")).toEqual([]);
    expect(run("[ '${{ github.ref }}' = 'refs/heads/Main' ] && echo ok")).toEqual([]);
    expect(run("echo ${{ github.repository_owner == 'github' }} ${{ contains(github.event_name, 'github.event') }}")).toEqual([]);
  });

  it('script-injection: ${{ env.X }} where X holds an untrusted value; "$X" is the safe form', () => {
    const model = (script: string, where: 'workflow' | 'job' | 'step'): WorkflowModel => {
      const env = { TITLE: '${{ github.event.issue.title }}', NUMBER: '${{ github.event.issue.number }}' };
      return {
        on: 'issues', permissions: {}, ...(where === 'workflow' ? { env } : {}),
        jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, ...(where === 'job' ? { env } : {}), steps: [{ run: script, ...(where === 'step' ? { env } : {}) }] } },
      };
    };
    const found = (script: string, where: 'workflow' | 'job' | 'step') => runRules(workflowRules, model(script, where), {}).filter((i) => i.code === 'workflow/script-injection');
    for (const where of ['workflow', 'job', 'step'] as const) {
      const issues = found('echo "${{ env.TITLE }}"', where);
      expect(issues, where).toHaveLength(1);
      expect(issues[0]!.message).toContain('`env.TITLE` holds `github.event.issue.title`');
      expect(issues[0]!.hint).toBe('read the variable at run time instead: "$TITLE"');
      expect(found('echo "$TITLE"', where), where).toEqual([]);
      expect(found('echo "${{ env.NUMBER }}"', where), where).toEqual([]);
    }
    expect(found("echo \"${{ env['title'] }}\"", 'step')).toHaveLength(1);
    expect(found("echo \"${{ format('env.TITLE') }}\"", 'step')).toEqual([]);
    // a step's own env overrides a tainted job value with a safe one
    const overridden: WorkflowModel = { on: 'issues', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, env: { TITLE: '${{ github.event.issue.title }}' }, steps: [{ run: 'echo "${{ env.TITLE }}"', env: { TITLE: 'fixed' } }] } } };
    expect(runRules(workflowRules, overridden, {}).filter((i) => i.code === 'workflow/script-injection')).toEqual([]);
  });

  it('script-injection: actions/github-script script: is code too', () => {
    const step = (script: string, env?: Record<string, string>) => ({ uses: 'actions/github-script@v7', with: { script }, ...(env ? { env } : {}) });
    const found = (s: ReturnType<typeof step>) => runRules(workflowRules, { on: 'issues', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [s] } } }, {}).filter((i) => i.code === 'workflow/script-injection');
    const issues = found(step('const title = `${{ github.event.issue.title }}`;'));
    expect(issues.map((i) => i.path)).toEqual([['jobs', 'a', 'steps', 0, 'with', 'script']]);
    expect(issues[0]!.hint).toContain('process.env.VALUE');
    expect(found(step('const t = "${{ env.T }}"', { T: '${{ github.event.issue.title }}' }))).toHaveLength(1);
    expect(found(step('const title = process.env.TITLE;', { TITLE: '${{ github.event.issue.title }}' }))).toEqual([]);
    expect(found({ uses: 'acme/other-script@v1', with: { script: '${{ github.event.issue.title }}' } } as never)).toEqual([]);
  });

  it('pull-request-target-checkout: gh pr checkout, git fetch of pull/N/head, and workflow_run head checkouts', () => {
    const found = (on: string, steps: unknown[]) =>
      runRules(workflowRules, { on, permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps } } } as unknown as WorkflowModel, {}).filter((i) => i.code === 'workflow/pull-request-target-checkout');
    const prt = found('pull_request_target', [
      { run: 'gh pr checkout ${{ github.event.pull_request.number }}' },
      { run: 'git fetch origin pull/${{ github.event.pull_request.number }}/head:pr\nnpm test' },
      { run: 'git checkout ${{ github.event.pull_request.head.sha }}' },
      { uses: 'actions/checkout@v4', with: { ref: "${{ github.event['pull_request']['head']['sha'] }}" } },
    ]);
    expect(prt.map((i) => [i.path.join('.'), i.severity])).toEqual([
      ['jobs.a.steps.0.run', 'error'],
      ['jobs.a.steps.1.run', 'warning'],
      ['jobs.a.steps.2.run', 'error'],
      ['jobs.a.steps.3.with.ref', 'error'],
    ]);
    const wr = found('workflow_run', [{ uses: 'actions/checkout@v4', with: { ref: '${{ github.event.workflow_run.head_sha }}' } }]);
    expect(wr.map((i) => i.severity)).toEqual(['warning']);
    expect(wr[0]!.message).toMatch(/workflow_run/);
    // the same steps under pull_request, or a base-branch checkout under pull_request_target, are fine
    expect(found('pull_request', [{ run: 'gh pr checkout 1' }, { uses: 'actions/checkout@v4', with: { ref: '${{ github.event.pull_request.head.sha }}' } }])).toEqual([]);
    expect(found('workflow_run', [{ uses: 'actions/checkout@v4' }, { run: 'git fetch origin main' }])).toEqual([]);
    const wrIf = (cond: string) => runRules(workflowRules, { on: 'workflow_run', permissions: {}, jobs: { a: { if: cond, 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ uses: 'actions/checkout@v4', with: { ref: '${{ github.event.workflow_run.head_sha }}' } }] } } }, {}).filter((i) => i.code === 'workflow/pull-request-target-checkout').length;
    expect(wrIf("github.event.workflow_run.event == 'push'")).toBe(0);
    expect(wrIf("${{ github.event.workflow_run.event != 'pull_request' && github.event.workflow_run.conclusion == 'success' }}")).toBe(0);
    expect(wrIf('github.event.workflow_run.head_repository.full_name == github.repository')).toBe(0);
    expect(wrIf("github.event.workflow_run.conclusion == 'success'")).toBe(1);
    expect(wrIf("github.event.workflow_run.event == 'pull_request'")).toBe(1);
    expect(wrIf("github.event.workflow_run.event == 'push' || github.event.workflow_run.event == 'pull_request'")).toBe(1);
  });

  it('hardcoded-secret, all-secrets-exposed, credentials-in-artifact: the exact places', () => {
    const at = (rule: string) => runRules(workflowRules, modelOf(fixture(rule, 'fail')), {}).filter((i) => i.code === `workflow/${rule}`);
    const secrets = at('hardcoded-secret');
    expect(secrets.map((i) => i.path.join('.'))).toEqual(['env.NPM_TOKEN', 'jobs.test.container.credentials.password', 'jobs.test.steps.1.env.DATABASE_URL']);
    expect(secrets[2]!.message).toContain('postgres://app:***@db.acme.internal:5432/app');
    expect(secrets.every((i) => !i.message.includes('hunter2'))).toBe(true);
    expect(at('all-secrets-exposed').map((i) => i.path.join('.'))).toEqual(['jobs.deploy.steps.1.env.ALL_SECRETS']);
    const computed = (v: string) => runRules(workflowRules, { on: 'push', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ run: './x', env: { V: v } }] } } }, {}).filter((i) => i.code === 'workflow/all-secrets-exposed');
    expect(computed('${{ secrets[inputs.name] }}')).toHaveLength(1);
    expect(computed("${{ secrets[format('{0}_TOKEN', matrix.env)] }}")).toHaveLength(1);
    expect(computed("${{ secrets['NPM_TOKEN'] }} ${{ secrets.X }} ${{ ToJson(steps) }}")).toEqual([]);
    expect(computed('${{ TOJSON(Secrets) }}')).toHaveLength(1);
    expect(at('credentials-in-artifact').map((i) => i.path.join('.'))).toEqual(['jobs.build.steps.0']);
    const upload = (w: Record<string, unknown>) =>
      runRules(workflowRules, { on: 'push', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ uses: 'actions/checkout@v4' }, { uses: 'actions/upload-artifact@v4', with: { name: 'a', ...w } }] } } }, {}).filter((i) => i.code === 'workflow/credentials-in-artifact').length;
    for (const path of ['.', './', '${{ github.workspace }}', '${{ github.workspace }}/', 'dist/\n.git/config', '**']) expect(upload({ path }), path).toBe(1);
    for (const path of ['dist/', 'target/*.jar', '${{ github.workspace }}/target/*.jar', 'coverage\n!coverage/tmp', '.github/x']) expect(upload({ path }), path).toBe(0);
    expect(upload({ path: 'build', 'include-hidden-files': true })).toBe(0);
    expect(at('self-hosted-pull-request').map((i) => i.path.join('.'))).toEqual(['jobs.test.runs-on']);
    const guarded = (cond: string) => runRules(workflowRules, { on: ['pull_request', 'push'], permissions: {}, jobs: { a: { if: cond, 'runs-on': ['self-hosted'], 'timeout-minutes': 1, steps: [{ run: 'x' }] } } }, {}).filter((i) => i.code === 'workflow/self-hosted-pull-request').length;
    expect(guarded("github.event_name == 'push'")).toBe(0);
    expect(guarded("github.event_name == 'pull_request'")).toBe(1);
    expect(guarded("github.event_name == 'push' || github.event_name == 'pull_request'")).toBe(1);
    expect(guarded("contains(github.event.pull_request.labels.*.name, 'bench')")).toBe(1);
    // the condition read as GitHub reads it: one ${{ }} is its body; text around ${{ }} is a non-empty string, always true
    expect(guarded("${{ github.event_name == 'push' }}")).toBe(0);
    expect(guarded("${{ github.event_name == 'push' }} && ${{ true }}")).toBe(1);
    // switches and values computed at run time are not secrets
    const lits = runRules(workflowRules, { on: 'push', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ uses: 'acme/x@v1', with: { auth: 'none', 'skip-token': 'true', 'api-key': '${{ secrets.K }}', 'password-file': '/tmp/p', token: '/run/secrets/t' } }] } } }, {});
    expect(lits.filter((i) => i.code === 'workflow/hardcoded-secret')).toEqual([]);
    // a reusable-workflow call: every literal under secrets: is one, whatever its name
    const call = runRules(workflowRules, { on: 'push', permissions: {}, jobs: { c: { uses: 'acme/wf/.github/workflows/d.yml@v1', secrets: { deploy: 'abc123', token: '${{ secrets.T }}' } } } }, {});
    expect(call.filter((i) => i.code === 'workflow/hardcoded-secret').map((i) => i.path.join('.'))).toEqual(['jobs.c.secrets.deploy']);
    // a composite action's steps get the secret rules too (and GitHub offers no secrets context there at all)
    const { model } = parseAction('name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: ./x\n      shell: bash\n      env:\n        ALL: ${{ toJSON(secrets) }}\n        API_TOKEN: abc123\n');
    expect(runRules(actionRules, model!, {}).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['workflow/all-secrets-exposed', 'runs.steps.0.env.ALL'],
      ['workflow/hardcoded-secret', 'runs.steps.0.env.API_TOKEN'],
      ['workflow/unavailable-context', 'runs.steps.0.env.ALL'],
    ]);
  });

  it('secret-in-run: an echoed secret and an interpolated one are warnings (GitHub masks the value), and the message says which', () => {
    const issues = (script: string) =>
      runRules(workflowRules, { on: 'push', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ run: script }] } } }, {}).filter((i) => i.code === 'workflow/secret-in-run');
    expect(issues('echo ${{ secrets.TOKEN }}').map((i) => [i.severity, i.message])).toEqual([['warning', expect.stringMatching(/echoed/)]]);
    expect(issues('curl -H "auth: ${{ secrets.TOKEN }}" x').map((i) => [i.severity, i.message])).toEqual([['warning', expect.stringMatching(/written into the script/)]]);
  });

  it('script-injection: an account login and typed dispatch inputs (boolean, number, choice) cannot carry shell syntax', () => {
    const inputs = { flag: { type: 'boolean' }, count: { type: 'number' }, level: { type: 'choice', options: ['a', 'b'] }, note: { type: 'string' }, bare: null };
    const found = (script: string) =>
      runRules(workflowRules, { on: { workflow_dispatch: { inputs } }, permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ run: script }] } } } as unknown as WorkflowModel, {})
        .filter((i) => i.code === 'workflow/script-injection').map((i) => i.message.split('`')[1]);
    expect(found('echo "${{ github.event.sender.login }} ${{ github.event.pull_request.user.login }}"')).toEqual([]);
    expect(found('echo "${{ github.event.inputs.flag }} ${{ github.event.inputs.count }} ${{ github.event.inputs.LEVEL }} ${{ github.event.inputs[\'level\'] }}"')).toEqual([]);
    // a string input and an input with no settings (a string) still are injectable
    expect(found('echo "${{ github.event.inputs.note }} ${{ github.event.inputs.bare }}"')).toEqual(['github.event.inputs.note', 'github.event.inputs.bare']);
    expect(found('echo "${{ github.event.sender.name }}"')).toEqual(['github.event.sender.name']);
    // through env too
    const viaEnv = runRules(workflowRules, { on: { workflow_dispatch: { inputs } }, permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, env: { F: '${{ github.event.inputs.flag }}', N: '${{ github.event.inputs.note }}' }, steps: [{ run: 'echo ${{ env.F }} ${{ env.N }}' }] } } } as unknown as WorkflowModel, {});
    expect(viaEnv.filter((i) => i.code === 'workflow/script-injection').map((i) => i.message)).toEqual([expect.stringMatching(/^`env\.N` holds `github\.event\.inputs\.note`/)]);
  });

  it('unset-job-output: a run: script that does not write the output itself is a warning (it may run a program that does)', () => {
    const model: WorkflowModel = {
      on: 'push', permissions: {},
      jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, outputs: { v: '${{ steps.s.outputs.version }}', w: '${{ steps.t.outputs.version }}' }, steps: [{ id: 's', run: './scripts/version.sh' }, { id: 't', run: 'echo "version=1" >> "$GITHUB_OUTPUT"' }] } },
    };
    const found = runRules(workflowRules, model, {}).filter((i) => i.code === 'workflow/unset-job-output');
    expect(found.map((i) => [i.path[3], i.severity])).toEqual([['v', 'warning']]);
  });

  it('unset-job-output: an unknown step id, and an output a typed action does not have', () => {
    const model: WorkflowModel = {
      on: 'push', permissions: {},
      jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, outputs: { x: '${{ steps.nope.outputs.v }}', y: '${{ steps.co.outputs.sha }}', z: '${{ steps.co.outputs.commit }}' }, steps: [{ id: 'co', uses: 'actions/checkout@v4' }] } },
    };
    const found = runRules(workflowRules, model, {}).filter((i) => i.code === 'workflow/unset-job-output');
    expect(found.map((i) => [i.path[3], i.severity])).toEqual([['x', 'error'], ['y', 'error']]);
  });

  it('unset-job-output reads names as GitHub does: any case, bracket form; a wrong one in bracket form is still found', () => {
    const model: WorkflowModel = {
      on: 'push', permissions: {},
      jobs: {
        a: {
          'runs-on': 'x', 'timeout-minutes': 1,
          outputs: { v: '${{ Steps.Version.outputs.VALUE }}', w: "${{ steps['co'].outputs['Commit'] }}", x: "${{ steps['co'].outputs['sha'] }}", y: "${{ steps['gone'].outputs.v }}" },
          steps: [{ id: 'co', uses: 'actions/checkout@v4' }, { id: 'version', run: 'echo "value=1" >> "$GITHUB_OUTPUT"' }],
        },
      },
    };
    const found = runRules(workflowRules, model, {}).filter((i) => i.code === 'workflow/unset-job-output');
    expect(found.map((i) => [i.path[3], i.severity])).toEqual([['x', 'error'], ['y', 'error']]);
  });

  it('cron: ranges, names, steps and field counts', () => {
    expect(cronProblem('*/15 * * * *')).toBeUndefined();
    expect(cronProblem('0 0 * JAN-MAR MON-FRI')).toBeUndefined();
    expect(cronProblem('0 0 * *')).toMatch(/5 fields/);
    expect(cronProblem('61 * * * *')).toMatch(/minute: 61/);
    expect(cronProblem('0 0 0 * *')).toMatch(/day of month: 0/);
    expect(cronProblem('0 0 * * FUNDAY')).toMatch(/not a number or a name/);
    expect(cronProblem('$cron-daily')).toMatch(/5 fields/);
    expect(cronProblem('*/0 * * * *')).toMatch(/step of 0/);
  });

  it('composite actions get the step rules, with action paths', () => {
    const { model } = parseAction('name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: echo "${{ github.event.issue.title }}"\n      shell: bash\n');
    const issues = runRules(actionRules, model!, {});
    expect(issues.map((i) => [i.code, i.path])).toEqual([['workflow/script-injection', ['runs', 'steps', 0, 'run']]]);
  });
});

describe('kind handlers', () => {
  it('workflowKind validates schema first, then rules', () => {
    const bad = workflowKind.validate({ on: 'push', jobs: { a: { 'runs-on': 5 } } } as unknown as WorkflowModel, { file: 'ci.yml' });
    expect(bad).toEqual([
      expect.objectContaining({ code: 'workflow/schema/invalid-type', path: ['jobs', 'a', 'runs-on'], message: expect.stringMatching(/received 5/), file: 'ci.yml' }),
    ]);
    const typo = workflowKind.validate({ on: 'push', jobs: { a: { 'runs-on': 'x', 'timeout-minute': 5 } } } as unknown as WorkflowModel, { file: 'ci.yml' });
    expect(typo).toEqual([expect.objectContaining({ code: 'workflow/schema/unknown-key', path: ['jobs', 'a'], hint: '"timeout-minute": did you mean "timeout-minutes"?' })]);
    const stepless = workflowKind.validate({ on: 'push', jobs: { a: { 'runs-on': 'x', steps: [{ name: 'nothing' }] } } }, {});
    expect(stepless.map((i) => i.code)).toEqual(['workflow/schema/invalid-step']);
    const ok = workflowKind.validate(modelOf(fixture('missing-timeout', 'fail')), { file: 'ci.yml' });
    expect(ok.map((i) => i.code)).toEqual(['workflow/missing-timeout']);
  });

  it('actionKind requires a shell on composite run steps and a value on composite outputs', () => {
    const bad = parseAction('name: A\ndescription: d\noutputs:\n  x:\n    description: nothing\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n', 'action.yml');
    expect(bad.model).toBeUndefined();
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['workflow/schema/missing-output-value', ['outputs', 'x', 'value']],
      ['workflow/schema/missing-shell', ['runs', 'steps', 0, 'shell']],
    ]);
    const { model } = parseAction('name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: echo "${{ secrets.T }}"\n      shell: bash\n');
    // GitHub offers no secrets context in a composite action: that is certain (an error); the secret in the script is the warning
    expect(actionKind.validate(model!, { file: 'action.yml' }).map((i) => [i.code, i.severity, i.file])).toEqual([
      ['workflow/secret-in-run', 'warning', 'action.yml'],
      ['workflow/unavailable-context', 'error', 'action.yml'],
    ]);
    expect(actionKind.validate(model!, {}).every((i) => i.path[0] === 'runs')).toBe(true);
  });

  it('marks, renders and parses', () => {
    const model = modelOf(fixture('missing-timeout', 'pass'));
    const text = workflowKind.mark(workflowKind.render(model));
    expect(text.split('\n')[0]).toBe('# Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.');
    expect(workflowKind.parse(text).model).toEqual(model);
    expect(actionKind.parse('name: A\ndescription: d\nruns:\n  using: node20\n  main: index.js\n').model?.runs).toEqual({ using: 'node20', main: 'index.js' });
  });

  it('every code is declared once, and every rule code is in workflowCodes', () => {
    const codes = workflowCodes.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of workflowRules) expect(codes).toContain(r.code);
    expect(codes).toContain('workflow/unmodeled-key');
    expect(codes).toContain('workflow/schema/unknown-key');
  });
});

describe('rules on real workflows (actions/starter-workflows)', () => {
  const corpus = resolve(here, '../../../shared/corpus/workflows');
  const issuesOf = (name: string) => workflowKind.validate(parseWorkflow(readFileSync(resolve(corpus, name), 'utf8'), name).model!, { file: name });

  it('finds the SLSA starter\'s job output that reads "digests" while the step writes "hashes"', () => {
    const found = issuesOf('ci__generator-generic-ossf-slsa3-publish.yml').filter((i) => i.code === 'workflow/unset-job-output');
    expect(found).toEqual([expect.objectContaining({ path: ['jobs', 'build', 'outputs', 'digests'], file: 'ci__generator-generic-ossf-slsa3-publish.yml' })]);
  });

  it('finds the pull_request_target workflow that checks out the PR head', () => {
    expect(issuesOf('code-scanning__frogbot-scan-pr.yml').map((i) => i.code)).toContain('workflow/pull-request-target-checkout');
  });

  it('reports placeholders such as $cron-daily as invalid cron until GitHub fills them in', () => {
    expect(issuesOf('ci__docker-publish.yml').filter((i) => i.code === 'workflow/invalid-cron')).toHaveLength(1);
  });
});
