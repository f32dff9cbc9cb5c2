// The expression checks against their contexts (src/workflow/rules/contexts.ts): exact places and
// messages, what counts as certain, and what is left alone because it cannot be known.
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/rule.js';
import { expr } from '../../src/workflow/expressions.js';
import { actionKind, Workflow, workflowKind } from '../../src/workflow/index.js';
import type { ActionModel, JobModel, WorkflowModel } from '../../src/workflow/model.js';
import { parseAction, parseWorkflow } from '../../src/workflow/parse.js';
import { actionContextRules, contextRules } from '../../src/workflow/rules/contexts.js';

const found = (model: WorkflowModel) => runRules(contextRules, model, {}).map((i) => `${i.code.replace('workflow/', '')} ${i.path.join('.')}`);
const messages = (model: WorkflowModel) => runRules(contextRules, model, {}).map((i) => i.message);
const wf = (jobs: Record<string, unknown>, on: unknown = 'push'): WorkflowModel => ({ on, jobs } as WorkflowModel);
const job = (extra: Record<string, unknown> = {}): JobModel => ({ 'runs-on': 'ubuntu-latest', steps: [{ run: 'true' }], ...extra } as JobModel);
const yaml = (text: string): WorkflowModel => {
  const r = parseWorkflow(text);
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return r.model!;
};

describe('syntax and functions', () => {
  it('reports a syntax error, an unknown context, an empty ${{ }}, an unknown function and wrong argument counts, each at its string', () => {
    const model = wf({
      t: job({
        steps: [
          { if: "github.ref == 'x' &&", run: 'echo ${{ }}' },
          { run: 'echo ${{ github.sha }} ${{ gihtub.sha }}' },
          { run: "echo ${{ toLower(github.actor) }} ${{ startsWith('a') }} ${{ case(true, 'a') }}" },
          { run: "echo ${{ format('{0}-{1}', github.sha) }} ${{ format('{{0}}') }} ${{ format('{0}', 1) }}" },
          { if: 'always(1)', run: 'true' },
        ],
      }),
    });
    expect(found(model)).toEqual([
      'invalid-expression jobs.t.steps.0.if',
      'invalid-expression jobs.t.steps.0.run',
      'invalid-expression jobs.t.steps.1.run',
      'unknown-function jobs.t.steps.2.run',
      'function-arity jobs.t.steps.2.run',
      'function-arity jobs.t.steps.2.run',
      'function-arity jobs.t.steps.3.run',
      'function-arity jobs.t.steps.4.if',
    ].sort((a, b) => order(a) - order(b)));
    const text = messages(model).join('\n');
    expect(text).toContain('`github.ref == \'x\' &&` is not a valid expression: the expression ends too early');
    expect(text).toContain('`` is not a valid expression: the expression is empty');
    expect(text).toContain('reads "gihtub", which is not a context (Unrecognized named-value)');
    expect(text).toContain('calls toLower(), which is not a function');
    expect(text).toContain('calls startsWith() with 1 argument; it takes at least 2');
    expect(text).toContain('calls always() with 1 argument; it takes none');
    expect(text).toContain('calls case() with 2 arguments; it takes at least 3');
    expect(text).toContain('the format string reads {1}, but only 1 value follows it');
  });

  it('names are case-insensitive, and success()/failure() take job names only in a job\'s if:', () => {
    const model = wf({
      a: job(),
      b: job({ needs: 'a', if: 'failure(needs.a) || SUCCESS()', steps: [{ if: 'Success() && ToJson(GitHub.event) != \'\'', run: 'true' }, { if: 'failure(needs.a)', run: 'true' }] }),
    });
    expect(found(model)).toEqual(['function-arity jobs.b.steps.1.if']);
  });

  it('case() needs an odd number of arguments', () => {
    expect(found(wf({ t: job({ steps: [{ run: "echo ${{ case(true, 'a', false, 'b') }} ${{ case(true, 'a', 'b') }}" }] }) }))).toEqual(['function-arity jobs.t.steps.0.run']);
  });
});

// the order rules report in: the context rules run one after another, each over the whole model
const ORDER = ['invalid-expression', 'unknown-function', 'function-arity', 'unknown-matrix-key', 'needs-not-listed', 'unknown-needs-output', 'unknown-step', 'unknown-step-output', 'unknown-input', 'unknown-job-output'];
const order = (line: string) => ORDER.indexOf(line.split(' ')[0]!);

describe('matrix', () => {
  it('knows the keys, include-only keys and bracket reads; a key the matrix lacks, or any key without a matrix, is reported', () => {
    const model = wf({
      test: job({
        strategy: { matrix: { os: ['ubuntu-latest'], python: ['3.12'], include: [{ python: '3.13', experimental: true }], exclude: [{ os: 'ubuntu-latest', python: '3.12' }] } },
        'runs-on': '${{ matrix.OS }}',
        'continue-on-error': '${{ matrix.experimental }}',
        steps: [{ run: "echo ${{ matrix['python'] }} ${{ matrix.pyhton }} ${{ toJSON(matrix) }} ${{ matrix[env.KEY] }}" }],
      }),
      lint: job({ steps: [{ run: 'echo ${{ matrix.python }}' }] }),
    });
    expect(found(model)).toEqual(['unknown-matrix-key jobs.test.steps.0.run', 'unknown-matrix-key jobs.lint.steps.0.run']);
    expect(messages(model)).toEqual([
      '`matrix.pyhton` reads matrix.pyhton, but the job\'s matrix has no key "pyhton" (it has "os", "python", "experimental")',
      '`matrix.python` reads matrix.python, but the job has no matrix',
    ]);
    expect(runRules(contextRules, model, {})[0]!.hint).toBe('did you mean "python"?');
  });

  it('a matrix, or its include, given as one expression has unknown keys: nothing is reported', () => {
    const steps = [{ run: 'echo ${{ matrix.anything }}' }];
    expect(found(wf({
      plan: job({ outputs: { matrix: '${{ steps.p.outputs.matrix }}' }, steps: [{ id: 'p', run: 'true' }] }),
      a: job({ needs: 'plan', strategy: { matrix: '${{ fromJSON(needs.plan.outputs.matrix) }}' }, steps }),
      b: job({ strategy: { matrix: { os: ['x'], include: '${{ fromJSON(vars.EXTRA) }}' } }, steps }),
    }))).toEqual([]);
  });

  it('in a job\'s if: and strategy:, where the matrix does not exist yet, matrix is an unavailable context, not a missing key', () => {
    expect(found(wf({ a: job({ if: "matrix.os != 'x'", strategy: { matrix: { os: ['x'] }, 'max-parallel': '${{ matrix.n }}' } }) }))).toEqual([
      'unavailable-context jobs.a.if', 'unavailable-context jobs.a.strategy.max-parallel',
    ]);
  });

  it('catches a misspelled key written through the untyped expr.matrix(…) in a builder', () => {
    const model = Workflow.create('CI')
      .on('push')
      .job('test', (j) => j.runsOn('ubuntu-latest').timeout(10).matrix({ python: ['3.12', '3.13'] }).run(`uv run --python ${expr.matrix('pyhton')} pytest`))
      .toModel();
    const issues = workflowKind.validate(model, { file: 'ci.yml' }).filter((i) => i.code === 'workflow/unknown-matrix-key');
    expect(issues.map((i) => [i.path.join('.'), i.severity, i.hint])).toEqual([['jobs.test.steps.0.run', 'error', 'did you mean "python"?']]);
  });
});

describe('needs', () => {
  const build = job({ outputs: { tag: '${{ steps.t.outputs.tag }}' }, steps: [{ id: 't', run: 'echo "tag=1" >> "$GITHUB_OUTPUT"' }] });
  it('a job not in needs (even one needed through another job), an output not declared, a property needs.<job> lacks', () => {
    const model = wf({
      build,
      test: job({ needs: 'build' }),
      call: { uses: './.github/workflows/reusable.yml' },
      deploy: job({
        needs: ['test', 'call', 'Build'],
        env: { TAG: '${{ needs.build.outputs.tag }}', BAD: '${{ needs.build.outputs.tags }}', R: '${{ needs.build.status }}' },
        steps: [{ run: 'echo ${{ needs.test.result }} ${{ needs.call.outputs.anything }} ${{ needs.lint.outputs.x }}' }],
      }),
      late: job({ needs: 'test', if: "needs.build.result == 'success'" }),
    });
    expect(found(model)).toEqual([
      'needs-not-listed jobs.deploy.steps.0.run',
      'needs-not-listed jobs.late.if',
      'unknown-needs-output jobs.deploy.env.BAD',
      'unknown-needs-output jobs.deploy.env.R',
    ]);
    expect(messages(model)).toContain('`needs.build.outputs.tags` reads needs.build.outputs.tags, but job "build" declares no output "tags" (it has "tag")');
    expect(messages(model)).toContain('`needs.build.status` reads needs.build.status, but needs.<job> has only "outputs" and "result"');
  });

  it('a needed job that does not exist is left to workflow/unknown-needs', () => {
    expect(found(wf({ a: job({ needs: 'ghost', steps: [{ run: 'echo ${{ needs.ghost.outputs.x }}' }] }) }))).toEqual([]);
  });
});

describe('steps', () => {
  it('a step sees only the steps before it: not itself, not a later one, not a missing one', () => {
    const model = wf({
      t: job({
        steps: [
          { id: 'first', if: "steps.first.outcome == 'success'", run: 'true' },
          { run: 'echo ${{ steps.later.outputs.x }} ${{ steps.First.outputs.any }} ${{ steps.nope.conclusion }}' },
          { id: 'later', run: 'true' },
        ],
        outputs: { x: '${{ steps.later.outputs.x }}' },
      }),
    });
    expect(found(model)).toEqual(['unknown-step jobs.t.steps.0.if', 'unknown-step jobs.t.steps.1.run', 'unknown-step jobs.t.steps.1.run']);
    expect(messages(model)).toEqual([
      '`steps.first.outcome == \'success\'` reads steps.first, but that step has not run yet here (steps.first is empty)',
      '`steps.later.outputs.x` reads steps.later, but that step has not run yet here (steps.later is empty)',
      '`steps.nope.conclusion` reads steps.nope, but no step before it has id "nope"',
    ]);
  });

  it('a parallel group sees the steps before it; a step in it is not judged on its siblings', () => {
    const model = wf({
      t: job({
        steps: [
          { id: 'a', run: 'true' },
          { parallel: [{ id: 'b', run: 'echo ${{ steps.a.outcome }}' }, { id: 'c', run: 'echo ${{ steps.b.outcome }} ${{ steps.d.outcome }}' }] },
          { id: 'd', run: 'echo ${{ steps.c.outcome }}' },
        ],
      }),
    });
    expect(found(model)).toEqual(['unknown-step jobs.t.steps.1.parallel.1.run']);
  });

  it('outputs of typed actions are known, of other actions and scripts never judged; steps.<id> has three properties', () => {
    const model = wf({
      t: job({
        steps: [
          { id: 'co', uses: 'actions/checkout@v4' },
          { id: 'uv', uses: 'astral-sh/setup-uv@v6' },
          { id: 'other', uses: 'acme/thing@v1' },
          { id: 'script', run: 'true' },
          { run: 'echo ${{ steps.co.outputs.commit }} ${{ steps.co.outputs.sha }} ${{ steps.uv.outputs.venv }} ${{ steps.other.outputs.x }} ${{ steps.script.outputs.y }} ${{ steps.co.result }}' },
        ],
      }),
    });
    expect(found(model)).toEqual(['unknown-step-output jobs.t.steps.4.run', 'unknown-step-output jobs.t.steps.4.run']);
    expect(messages(model)).toEqual([
      '`steps.co.outputs.sha` reads steps.co.outputs.sha, but actions/checkout@v4 has no output "sha" (it has "ref", "commit")',
      '`steps.co.result` reads steps.co.result, but steps.<id> has only "outputs", "outcome" and "conclusion"',
    ]);
  });
});

describe('inputs', () => {
  it('the inputs of workflow_call and workflow_dispatch together; none at all without those events', () => {
    const on = { workflow_call: { inputs: { image: { type: 'string' } } }, workflow_dispatch: { inputs: { Debug: { type: 'boolean' } } } };
    const steps = [{ run: 'echo ${{ inputs.image }} ${{ inputs.debug }} ${{ inputs.imgae }}' }];
    expect(found(wf({ t: job({ steps }) }, on))).toEqual(['unknown-input jobs.t.steps.0.run']);
    expect(messages(wf({ t: job({ steps }) }, on))).toEqual(['`inputs.imgae` reads inputs.imgae, but no input "imgae" is declared (the inputs are "image", "Debug")']);
    expect(found({ ...wf({ t: job() }, 'push'), 'run-name': 'Run ${{ inputs.image }}' } as WorkflowModel)).toEqual(['unknown-input run-name']);
    expect(found(wf({ t: job({ steps }) }, ['push', 'workflow_dispatch']))).toEqual(['unknown-input jobs.t.steps.0.run', 'unknown-input jobs.t.steps.0.run', 'unknown-input jobs.t.steps.0.run']);
  });

  it('inputs kept as raw content are unknown: nothing is reported', () => {
    expect(found({ ...wf({ t: job({ steps: [{ run: 'echo ${{ inputs.x }}' }] }) }, { push: null }), $raw: { on: { workflow_dispatch: { inputs: { x: 1 } } } } } as WorkflowModel)).toEqual([]);
  });
});

describe('jobs in workflow_call outputs', () => {
  it('the job must exist and declare the output; a reusable-workflow call\'s outputs are unknown', () => {
    const on = {
      workflow_call: {
        outputs: {
          image: { value: '${{ jobs.build.outputs.image }}' },
          digest: { value: '${{ jobs.build.outputs.digest }}' },
          missing: { value: '${{ jobs.buld.outputs.image }}' },
          called: { value: '${{ jobs.call.outputs.anything }}' },
          result: { value: '${{ jobs.build.result }}' },
        },
      },
    };
    const model = wf({ build: job({ outputs: { image: 'x' } }), call: { uses: 'acme/w/.github/workflows/x.yml@v1' } }, on);
    expect(found(model)).toEqual(['unknown-job-output on.workflow_call.outputs.digest.value', 'unknown-job-output on.workflow_call.outputs.missing.value']);
    expect(runRules(contextRules, model, {}).map((i) => i.hint)).toEqual(['the names are "image"', 'did you mean "build"?']);
  });
});

describe('composite actions', () => {
  it('inputs against the action\'s inputs, steps in its steps and outputs; reported at runs.steps paths', () => {
    const action = parseAction(`name: A
description: d
inputs:
  version:
    description: v
outputs:
  path:
    description: p
    value: \${{ steps.install.outputs.path }}
  bad:
    description: b
    value: \${{ steps.instal.outputs.path }}
runs:
  using: composite
  steps:
    - run: echo "\${{ inputs.version }} \${{ inputs.verison }} \${{ steps.install.outputs.path }}"
      shell: bash
    - id: install
      run: echo "path=/x" >> "$GITHUB_OUTPUT"
      shell: bash
`).model!;
    expect(runRules(actionContextRules, action, {}).map((i) => `${i.code} ${i.path.join('.')}`)).toEqual([
      'workflow/unknown-step runs.steps.0.run',
      'workflow/unknown-step outputs.bad.value',
      'workflow/unknown-input runs.steps.0.run',
    ]);
    expect(actionKind.validate(action, {}).filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['workflow/unknown-step', 'workflow/unknown-step', 'workflow/unknown-input']);
  });

  it('a node action\'s runs: reads its inputs too', () => {
    const action = { name: 'A', description: 'd', inputs: { token: { description: 't' } }, runs: { using: 'docker', image: 'Dockerfile', args: ['${{ inputs.tokn }}'] } } as unknown as ActionModel;
    expect(runRules(actionContextRules, action, {}).map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(['workflow/unknown-input runs.args.0']);
  });
});

describe('a model validated twice', () => {
  it('is read afresh each time: a caller may fix it in place between two validations', () => {
    const model = wf({ t: job({ strategy: { matrix: { os: ['x'] } }, steps: [{ run: 'echo ${{ matrix.sos }}' }] }) });
    expect(found(model)).toEqual(['unknown-matrix-key jobs.t.steps.0.run']);
    ((model.jobs.t as { steps: { run: string }[] }).steps[0]!).run = 'echo ${{ matrix.os }}';
    expect(found(model)).toEqual([]);
  });
});

describe('where expressions are not read', () => {
  it('the workflow name, and on: outside workflow_call outputs', () => {
    expect(found(yaml('name: ${{ nonsense(\non: { push: { branches: ["${{ x"] } }\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: "true"\n'))).toEqual([]);
  });

  it('raw content is checked for syntax and functions only', () => {
    const model = { ...wf({ t: job({ $raw: { 'x-note': '${{ matrix.nope }} ${{ lower(github.sha) }} ${{ a = b }}' } }) }) } as WorkflowModel;
    expect(found(model)).toEqual(['invalid-expression jobs.t.$raw.x-note', 'unknown-function jobs.t.$raw.x-note']);
  });
});

describe('which contexts and functions each place offers, against GitHub\'s own parser (@actions/workflow-parser)', () => {
  const job = (lines: string) => `on:\n  push:\n  workflow_dispatch:\n    inputs:\n      x:\n        type: string\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n  t:\n    needs: a\n${lines}`;
  const step = (lines: string) => job(`    runs-on: ubuntu-latest\n    steps:\n${lines}`);
  // each place, written with X where the expression goes
  const PLACES: Record<string, string> = {
    'run-name': 'run-name: X\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    'workflow env': 'on: push\nenv:\n  A: X\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    'workflow concurrency': 'on: push\nconcurrency: X\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    'workflow_call output': 'on:\n  workflow_call:\n    outputs:\n      o:\n        value: X\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    'workflow_call input default': 'on:\n  workflow_call:\n    inputs:\n      i:\n        type: string\n        default: X\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n',
    'job if': job('    if: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'strategy': job('    strategy:\n      max-parallel: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'job name': job('    name: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'runs-on': job('    runs-on: X\n    steps:\n      - run: echo\n'),
    'timeout-minutes': job('    timeout-minutes: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'job concurrency': job('    concurrency: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'container image': job('    container:\n      image: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'container credentials': job('    container:\n      image: alpine\n      credentials:\n        username: u\n        password: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'container env': job('    container:\n      image: alpine\n      env:\n        A: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'service env': job('    services:\n      db:\n        image: postgres\n        env:\n          A: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'job env': job('    env:\n      A: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'environment': job('    environment: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'environment url': job('    environment:\n      name: prod\n      url: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'job outputs': job('    outputs:\n      o: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'job defaults': job('    defaults:\n      run:\n        working-directory: X\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'),
    'call with': job('    uses: ./.github/workflows/w.yml\n    with:\n      a: X\n'),
    'call secrets': job('    uses: ./.github/workflows/w.yml\n    secrets:\n      a: X\n'),
    'step if': step('      - if: X\n        run: echo\n'),
    'step name': step('      - name: X\n        run: echo\n'),
    'step run': step('      - run: echo X\n'),
    'step working-directory': step('      - run: echo\n        working-directory: X\n'),
    'step env': step('      - run: echo\n        env:\n          A: X\n'),
    'step with': step('      - uses: acme/x@v1\n        with:\n          a: X\n'),
    'step continue-on-error': step('      - run: echo\n        continue-on-error: X\n'),
  };
  const READS = [...['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs'].map((c) => `${c}.x`), 'success()', 'always()', 'cancelled()', 'failure()', "hashFiles('x')"];

  it.each(Object.keys(PLACES))('%s', async (name) => {
    const { workflowParser } = await import('../helpers/oracles/workflow.js');
    const disagreements: string[] = [];
    for (const read of READS) {
      const text = PLACES[name]!.replace('X', `"\${{ ${read} }}"`);
      const github = (await workflowParser(text)).some((e) => /Unrecognized (named-value|function)/.test(e));
      const model = parseWorkflow(text).model!;
      const ours = runRules(contextRules, model, {}).some((i) => i.code === 'workflow/unavailable-context');
      if (github !== ours) disagreements.push(`${read}: GitHub ${github ? 'rejects' : 'accepts'}, we ${ours ? 'report' : 'do not'}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('which contexts and functions an action offers, against GitHub\'s own action parser', () => {
  const composite = (step: string) => `name: A\ndescription: d\ninputs:\n  x:\n    description: x\nruns:\n  using: composite\n  steps:\n    - id: x\n      run: echo\n      shell: bash\n${step}`;
  const PLACES: Record<string, string> = {
    'step if': composite('    - if: X\n      run: echo\n      shell: bash\n'),
    'step run': composite('    - run: echo X\n      shell: bash\n'),
    'step name': composite('    - name: X\n      run: echo\n      shell: bash\n'),
    'step env': composite('    - run: echo\n      shell: bash\n      env:\n        A: X\n'),
    'step with': composite('    - uses: acme/x@v1\n      with:\n        a: X\n'),
    'step working-directory': composite('    - run: echo\n      shell: bash\n      working-directory: X\n'),
    'output value': 'name: A\ndescription: d\noutputs:\n  o:\n    description: o\n    value: X\nruns:\n  using: composite\n  steps:\n    - id: x\n      run: echo\n      shell: bash\n',
    'docker env': 'name: A\ndescription: d\ninputs:\n  x:\n    description: x\nruns:\n  using: docker\n  image: Dockerfile\n  env:\n    A: X\n',
    'docker args': 'name: A\ndescription: d\ninputs:\n  x:\n    description: x\nruns:\n  using: docker\n  image: Dockerfile\n  args:\n    - X\n',
  };
  const READS = [...['github', 'env', 'vars', 'job', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs'].map((c) => `${c}.x`), 'success()', 'always()', "hashFiles('x')"];

  it.each(Object.keys(PLACES))('%s', async (name) => {
    const { parseAction: githubParseAction } = await import('@actions/workflow-parser/actions/action-parser');
    const { NoOperationTraceWriter } = await import('@actions/workflow-parser');
    const disagreements: string[] = [];
    for (const read of READS) {
      const text = PLACES[name]!.replace('X', `"\${{ ${read} }}"`);
      const result = githubParseAction({ name: 'action.yml', content: text }, new NoOperationTraceWriter());
      const errors = result.context.errors.getErrors().map((e: { message: string }) => e.message);
      const github = errors.some((e: string) => /Unrecognized (named-value|function)/.test(e));
      const model = parseAction(text).model!;
      const ours = runRules(actionContextRules, model, {}).some((i) => i.code === 'workflow/unavailable-context');
      if (github !== ours) disagreements.push(`${read}: GitHub ${github ? 'rejects' : 'accepts'}, we ${ours ? 'report' : 'do not'} (${errors.join('; ')})`);
    }
    expect(disagreements).toEqual([]);
  });
});
