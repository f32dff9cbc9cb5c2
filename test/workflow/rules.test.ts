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
const VALIDATOR_REJECTS_FAIL = new Set(['invalid-cron', 'unknown-needs', 'needs-cycle', 'script-injection', 'duplicate-step-id', 'unclosed-expression', 'empty-run', 'invalid-env-name']);

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n');
});

describe('workflow rules', () => {
  const rules = workflowRules.map((r) => r.code.replace('workflow/', ''));

  it('has a fixture pair for each rule', () => {
    expect(rules.length).toBe(16);
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
          ],
        },
        call: { uses: 'acme/workflows/.github/workflows/x.yml@main' },
      },
    };
    expect(codesOf(model).filter((c) => c === 'workflow/unpinned-action')).toEqual([]);
    const pinned = { ...model, $pinning: { policy: 'sha' as const, shas: { 'docker/setup-buildx-action@v3': 'f95db51fddba0c2d1ec667646a06c2ce06100226' } } };
    const found = runRules(workflowRules, pinned, {}).filter((i) => i.code === 'workflow/unpinned-action');
    expect(found.map((i) => i.path)).toEqual([
      ['jobs', 'a', 'steps', 1, 'uses'],
      ['jobs', 'call', 'uses'],
    ]);
  });

  it('script-injection: github.head_ref and event fields, not numbers', () => {
    const run = (script: string) => codesOf({ on: 'pull_request', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ run: script }] } } });
    expect(run('git checkout ${{ github.head_ref }}')).toContain('workflow/script-injection');
    expect(run('echo "${{ github.event.pull_request.body }}"')).toContain('workflow/script-injection');
    expect(run('echo "${{ github.event.commits[0].message }}"')).toContain('workflow/script-injection');
    expect(run('echo "${{ github.event.pull_request.number }} ${{ github.sha }}"')).toEqual([]);
  });

  it('secret-in-run: an echoed secret is an error, an interpolated one a warning', () => {
    const issues = (script: string) =>
      runRules(workflowRules, { on: 'push', permissions: {}, jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, steps: [{ run: script }] } } }, {}).filter((i) => i.code === 'workflow/secret-in-run');
    expect(issues('echo ${{ secrets.TOKEN }}')[0]?.severity).toBe('error');
    expect(issues('curl -H "auth: ${{ secrets.TOKEN }}" x')[0]?.severity).toBe('warning');
  });

  it('unset-job-output: an unknown step id, and an output a typed action does not have', () => {
    const model: WorkflowModel = {
      on: 'push', permissions: {},
      jobs: { a: { 'runs-on': 'x', 'timeout-minutes': 1, outputs: { x: '${{ steps.nope.outputs.v }}', y: '${{ steps.co.outputs.sha }}', z: '${{ steps.co.outputs.commit }}' }, steps: [{ id: 'co', uses: 'actions/checkout@v4' }] } },
    };
    const found = runRules(workflowRules, model, {}).filter((i) => i.code === 'workflow/unset-job-output');
    expect(found.map((i) => i.path[3])).toEqual(['x', 'y']);
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
    expect(actionKind.validate(model!, { file: 'action.yml' }).map((i) => [i.code, i.severity, i.file])).toEqual([['workflow/secret-in-run', 'error', 'action.yml']]);
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
