import { describe, expectTypeOf, it } from 'vitest';
import { Workflow } from '../../src/workflow/builder.js';
import { expr, type Expr } from '../../src/workflow/expressions.js';

const build = Workflow.create('Build')
  .onCall({
    inputs: { image: { type: 'string', required: true }, push: { type: 'boolean' } },
    secrets: { token: { required: true }, npm: { required: false } },
  })
  .job('b', (j) => j.runsOn('ubuntu-latest').step({ run: 'true' }).outputs({ digest: 'sha256:0' }));

describe('calling a reusable workflow built here', () => {
  it('requires the required inputs', () => {
    Workflow.create('R').on('push').job('c', (j) => j.call('./b.yml', build, { with: { image: 'api' }, secrets: 'inherit' }));
    Workflow.create('R').on('push').job('c', (j) => j.call('./b.yml', build, { with: { image: 'api', push: true }, secrets: { token: expr.secrets('T') } }));
    // @ts-expect-error the required input 'image' is left out
    Workflow.create('R').on('push').job('c', (j) => j.call('./b.yml', build, { with: { push: true }, secrets: 'inherit' }));
    // @ts-expect-error no options at all: 'image' and the secrets are required
    Workflow.create('R').on('push').job('c', (j) => j.call('./b.yml', build));
  });

  it('takes only the declared secrets, the required ones required, or inherit', () => {
    // @ts-expect-error 'tokn' is not a secret of the called workflow
    Workflow.create('R').on('push').job('c', (j) => j.call('./b.yml', build, { with: { image: 'api' }, secrets: { token: 'x', tokn: 'y' } }));
    // @ts-expect-error the required secret 'token' is left out
    Workflow.create('R').on('push').job('c', (j) => j.call('./b.yml', build, { with: { image: 'api' }, secrets: { npm: 'x' } }));
    // @ts-expect-error secrets are required when the called workflow requires one
    Workflow.create('R').on('push').job('c', (j) => j.call('./b.yml', build, { with: { image: 'api' } }));
  });

  it('needs no options when nothing is required', () => {
    const open = Workflow.create('O').onCall({ inputs: { tag: { type: 'string' } } }).job('b', (j) => j.runsOn('x').step({ run: 'true' }));
    Workflow.create('R').on('push').job('c', (j) => j.call('./o.yml', open));
    // @ts-expect-error a workflow that declares no secrets takes none by name
    Workflow.create('R').on('push').job('c', (j) => j.call('./o.yml', open, { secrets: { any: 'x' } }));
  });
});

describe('typed jobs context for workflow_call outputs', () => {
  it('accepts only jobs defined before and their declared outputs', () => {
    const w = build.callOutputs(({ jobs }) => {
      expectTypeOf(jobs.b.outputs.digest).toEqualTypeOf<Expr>();
      return { digest: { description: 'the digest', value: jobs.b.outputs.digest } };
    });
    // the output is then a call output: a caller sees it in needs.<job>.outputs
    Workflow.create('R')
      .on('push')
      .job('c', (j) => j.call('./b.yml', w, { with: { image: 'api' }, secrets: 'inherit' }))
      .job('d', (j) => j.runsOn('x').step(({ needs }) => ({ run: `echo ${needs.c.outputs.digest}` })));
    // @ts-expect-error 'bb' is not a job of this workflow
    build.callOutputs(({ jobs }) => ({ digest: { value: jobs.bb.outputs.digest } }));
    // @ts-expect-error job 'b' declares no output 'tag'
    build.callOutputs(({ jobs }) => ({ tag: { value: jobs.b.outputs.tag } }));
  });
});

describe('expr.matrix is checked against the job matrix', () => {
  it('accepts the matrix keys and rejects others', () => {
    Workflow.create('CI').on('push').job('t', (j) =>
      j
        .matrix({ os: ['ubuntu-latest'], app: ['api'] })
        .runsOn(expr.matrix('os'))
        .defaults({ 'working-directory': expr.matrix('app') })
        .env({ APP: expr.matrix('app') })
        .step({ run: 'true' }),
    );
    // @ts-expect-error 'pyhton' is not a key of the matrix
    Workflow.create('CI').on('push').job('t', (j) => j.matrix({ python: ['3.12'] }).defaults({ 'working-directory': expr.matrix('pyhton') }));
    // @ts-expect-error the job has no matrix
    Workflow.create('CI').on('push').job('t', (j) => j.runsOn(expr.matrix('os')));
    // @ts-expect-error nested in env
    Workflow.create('CI').on('push').job('t', (j) => j.matrix({ os: ['a'] }).env({ X: expr.matrix('so') }));
    // an open matrix (fromJSON with no keys named) accepts any key
    Workflow.create('CI').on('push').job('t', (j) => j.matrix<string>('${{ fromJSON(vars.M) }}').runsOn(expr.matrix('anything')));
    expectTypeOf(expr.matrix('os').source).toEqualTypeOf<string>();
  });
});
