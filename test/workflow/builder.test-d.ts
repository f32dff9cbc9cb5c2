import { describe, expectTypeOf, it } from 'vitest';
import { buildPush, checkout, dockerMetadata, setupPython } from '../../src/workflow/actions/index.js';
import { Action } from '../../src/workflow/action-builder.js';
import { Workflow } from '../../src/workflow/builder.js';
import type { JobBuilder } from '../../src/workflow/job.js';
import { expr } from '../../src/workflow/expressions.js';
import type { Expr } from '../../src/workflow/expressions.js';

describe('typed references', () => {
  const base = Workflow.create('CI')
    .on('push')
    .job('build', (j) =>
      j
        .runsOn('ubuntu-latest')
        .step('meta', dockerMetadata({ images: 'x' }))
        .outputs(({ steps }) => ({ tags: steps.meta.outputs.tags })),
    );

  it('a job fragment with step ids and outputs, generic as docs/workflow.md shows, fits any job and keeps needs typed', () => {
    const image = (name: string) =>
      <J extends Record<string, string>, I extends string, S extends string, V extends string>(j: JobBuilder<J, I, {}, never, never, S, V>) =>
        j.runsOn('ubuntu-24.04').timeout(30)
          .step('meta', dockerMetadata({ images: `ghcr.io/${expr.github.repository}/${name}` }))
          .step('push', ({ steps }) => buildPush({ context: name, push: true, tags: steps.meta.outputs.tags }))
          .outputs(({ steps }) => ({ digest: steps.push.outputs.digest }));
    Workflow.create('Release').job('api', image('api')).job('web', image('web'))
      .job('summary', (j) => j.runsOn('ubuntu-24.04').env(({ needs }) => ({ API: needs.api.outputs.digest })));
    Workflow.create('Release').job('api', image('api'))
      // @ts-expect-error the fragment declares only the output digest
      .job('summary', (j) => j.runsOn('ubuntu-24.04').env(({ needs }) => ({ API: needs.api.outputs.tags })));
    // inside a workflow with inputs too
    Workflow.create('Release').onDispatch({ level: { type: 'string' } }).job('api', image('api'));
  });

  it('needs accepts only jobs declared before', () => {
    base.job('deploy', (j) => j.runsOn('ubuntu-latest').needs('build').step({ run: 'true' }));
    // @ts-expect-error 'biuld' is not a job of this workflow
    base.job('deploy', (j) => j.runsOn('ubuntu-latest').needs('biuld'));
  });

  it('needs.<job>.outputs.<name> exists only for declared outputs', () => {
    base.job('deploy', (j) =>
      j.runsOn('ubuntu-latest').step(({ needs }) => {
        expectTypeOf(needs.build.outputs.tags).toEqualTypeOf<Expr>();
        // @ts-expect-error 'digest' is not an output of job build
        void needs.build.outputs.digest;
        // @ts-expect-error 'test' is not a job
        void needs.test;
        return { run: 'true' };
      }),
    );
  });

  it('matrix.<key> exists only for matrix keys (and include keys)', () => {
    Workflow.create('M').on('push').job('t', (j) =>
      j
        .runsOn('ubuntu-latest')
        .matrix({ python: ['3.12', '3.13'], include: [{ python: '3.13', experimental: true }] })
        .step(({ matrix }) => {
          expectTypeOf(matrix.python).toEqualTypeOf<Expr>();
          expectTypeOf(matrix.experimental).toEqualTypeOf<Expr>();
          // @ts-expect-error 'pyhton' is not a matrix key
          void matrix.pyhton;
          return setupPython({ 'python-version': matrix.python });
        }),
    );
  });

  it('steps.<id>.outputs.<name> exists only for declared step outputs', () => {
    Workflow.create('S').on('push').job('t', (j) =>
      j
        .runsOn('ubuntu-latest')
        .step('co', checkout())
        .step('v', { run: 'echo "v=1" >> "$GITHUB_OUTPUT"', outputs: ['v'] })
        .step(({ steps }) => {
          expectTypeOf(steps.co.outputs.commit).toEqualTypeOf<Expr>();
          expectTypeOf(steps.v.outputs.v).toEqualTypeOf<Expr>();
          // @ts-expect-error checkout has no output 'sha'
          void steps.co.outputs.sha;
          // @ts-expect-error no step has id 'nope'
          void steps.nope;
          return { run: 'true' };
        })
        // @ts-expect-error a job output from an unknown step output
        .outputs(({ steps }) => ({ x: steps.v.outputs.w })),
    );
  });

  it('typed inputs from workflow_dispatch and workflow_call', () => {
    Workflow.create('D')
      .onDispatch({ level: { type: 'choice', options: ['a', 'b'] } })
      .job('t', (j) =>
        j.runsOn('ubuntu-latest').step(({ inputs }) => {
          expectTypeOf(inputs.level).toEqualTypeOf<Expr>();
          // @ts-expect-error 'lvl' is not an input
          void inputs.lvl;
          return { run: 'true' };
        }),
      );
  });

  it('action inputs are typed', () => {
    // @ts-expect-error 'python_version' is not an input of setup-python
    setupPython({ python_version: '3.13' });
    // @ts-expect-error fetch-depth is a number
    checkout({ 'fetch-depth': 'zero' });
  });

  it('event activity types are typed', () => {
    Workflow.create('E').on({ pull_request: { types: ['opened', 'synchronize'] } });
    // @ts-expect-error 'merged' is not a pull_request activity type
    Workflow.create('E').on({ pull_request: { types: ['merged'] } });
    // @ts-expect-error 'pushh' is not an event
    Workflow.create('E').on('pushh');
  });

  it('composite action inputs and step outputs are typed', () => {
    Action.create('A', 'd')
      .input('version')
      .step('s', { run: 'true', outputs: ['out'] })
      .step(({ inputs, steps }) => {
        expectTypeOf(inputs.version).toEqualTypeOf<Expr>();
        expectTypeOf(steps.s.outputs.out).toEqualTypeOf<Expr>();
        // @ts-expect-error unknown input
        void inputs.other;
        return { run: 'true' };
      });
  });

  it('secrets and vars: open until declared, then only the declared names', () => {
    Workflow.create('O').on('push').job('t', (j) =>
      j.runsOn('x').step(({ secrets, vars }) => {
        expectTypeOf(secrets('ANYTHING')).toEqualTypeOf<Expr>();
        expectTypeOf(vars('REGION')).toEqualTypeOf<Expr>();
        return { run: 'true' };
      }),
    );
    Workflow.create('C')
      .on('push')
      .secrets('NPM_TOKEN')
      .vars('REGION')
      .onCall({ secrets: { deploy_key: { required: true } } })
      .job('t', (j) =>
        j.runsOn('x').step(({ secrets, vars }) => {
          expectTypeOf(secrets.NPM_TOKEN).toEqualTypeOf<Expr>();
          expectTypeOf(secrets.deploy_key).toEqualTypeOf<Expr>();
          expectTypeOf(secrets.GITHUB_TOKEN).toEqualTypeOf<Expr>();
          expectTypeOf(vars.REGION).toEqualTypeOf<Expr>();
          // @ts-expect-error NPM_TOKNE was never declared
          void secrets.NPM_TOKNE;
          // @ts-expect-error REGOIN was never declared
          void vars.REGOIN;
          return { run: 'true' };
        }),
      );
  });

  it('calls to a reusable workflow built here take only its inputs and expose its outputs', () => {
    const build = Workflow.create('Build')
      .onCall({ inputs: { image: { type: 'string', required: true } }, outputs: { digest: { value: '${{ jobs.b.outputs.digest }}' } } })
      .job('b', (j) => j.runsOn('x').step({ run: 'true' }));
    Workflow.create('Release')
      .on('push')
      .job('build', (j) => j.call('./.github/workflows/build.yml', build, { with: { image: 'api' } }))
      .job('after', (j) =>
        j.runsOn('x').step(({ needs }) => {
          expectTypeOf(needs.build.outputs.digest).toEqualTypeOf<Expr>();
          // @ts-expect-error the called workflow has no output 'tag'
          void needs.build.outputs.tag;
          return { run: 'true' };
        }),
      );
    // @ts-expect-error 'imag' is not an input of the called workflow
    Workflow.create('R').on('push').job('build', (j) => j.call('./b.yml', build, { with: { imag: 'api' } }));
  });
});

describe('the forms GitHub accepts (issue #11 item 5)', () => {
  it('takes a scalar filter, an expression for services and credentials, a null container and an input with no settings', () => {
    Workflow.create('CI').on({ push: { branches: 'main', tags: 'v*' }, pull_request: { 'paths-ignore': 'docs/**' }, workflow_run: { workflows: 'CI' } });
    Workflow.create('CI').on({ workflow_dispatch: { inputs: { logLevel: null } } });
    Workflow.create('CI').job('a', (j) => j.runsOn('x').services('${{ fromJSON(vars.SERVICES) }}').container({ image: 'i', credentials: '${{ fromJSON(secrets.C) }}' }));
    // @ts-expect-error services are a map of containers or one expression string, not a number
    Workflow.create('CI').job('a', (j) => j.runsOn('x').services(5));
    // @ts-expect-error a filter is a glob or a list of globs
    Workflow.create('CI').on({ push: { branches: 5 } });
  });
});
