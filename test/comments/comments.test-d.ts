import { describe, expectTypeOf, it } from 'vitest';
import { Compose } from '../../src/compose/index.js';
import { Workflow } from '../../src/workflow/index.js';

describe('comment(…) keeps what the builders have typed', () => {
  it('a commented service still counts as healthy, and the file keeps its names', () => {
    const c = Compose.create()
      .comment('stack')
      .service('db', (s) => s.comment('the db').image('postgres:16').healthcheck({ test: ['CMD', 'pg_isready'] }).comment('again'));
    c.service('api', (s) => s.dependsOn('db', { condition: 'service_healthy' }));
    expectTypeOf(c.serviceNames()).toEqualTypeOf<'db'[]>();
    // @ts-expect-error a comment is text
    Compose.create().comment(42);
  });

  it('job and step comments keep step outputs typed', () => {
    Workflow.create('CI').on('push').job('t', (j) =>
      j.comment('job').runsOn('ubuntu-latest')
        .step('v', { run: 'echo "v=1" >> "$GITHUB_OUTPUT"', outputs: ['v'], comment: 'version' })
        .step(({ steps }) => ({ run: `echo ${steps.v.outputs.v}`, comment: 'use it' })));
    // @ts-expect-error a step comment is text
    Workflow.create('CI').on('push').job('t', (j) => j.runsOn('x').step({ run: 'make', comment: ['no'] }));
  });
});
