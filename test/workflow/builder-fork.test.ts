// The workflow state is persistent (core/persistent.ts): jobs in a map, a job's steps in a list,
// shared between a base and its forks. Each fork must still see only its own additions.
import { describe, expect, it } from 'vitest';
import { Action } from '../../src/workflow/action-builder.js';
import { Workflow } from '../../src/workflow/builder.js';

const N = 1000;

describe('Workflow forks of a large base', () => {
  let base = Workflow.create('Big').on('push') as unknown as Workflow<Record<string, string>, string>;
  for (let i = 0; i < N; i++) base = base.job(`job-${i}`, (j) => j.runsOn('ubuntu-24.04').step({ run: `make ${i}` })) as never;
  const ids = Array.from({ length: N }, (_, i) => `job-${i}`);

  it('fork at 1,000 jobs, add to both forks: each sees only its own, the base neither', () => {
    const left = base.job('left', (j) => j.runsOn('ubuntu-24.04').needs('job-999').step({ run: 'left' }));
    const right = base.job('right', (j) => j.runsOn('ubuntu-24.04').step({ run: 'right' }));
    expect(Object.keys(left.toModel().jobs)).toEqual([...ids, 'left']);
    expect(Object.keys(right.toModel().jobs)).toEqual([...ids, 'right']);
    expect(Object.keys(base.toModel().jobs)).toEqual(ids);
    expect(left.toModel().jobs['left']).toEqual({ 'runs-on': 'ubuntu-24.04', needs: 'job-999', steps: [{ run: 'left' }] });
    // a job id taken in one fork is free in the other
    expect(() => right.job('left', (j) => j.runsOn('ubuntu-24.04').step({ run: 'x' }))).not.toThrow();
    expect(() => left.job('left', (j) => j.runsOn('ubuntu-24.04').step({ run: 'x' }))).toThrow(/already exists/);
    expect(() => left.job('job-0', (j) => j.runsOn('ubuntu-24.04').step({ run: 'x' }))).toThrow(/already exists/);
  });

  it('a job id that is a name on Object.prototype is a new job, not a duplicate', () => {
    expect(Object.keys(base.job('constructor', (j) => j.runsOn('ubuntu-24.04').step({ run: 'x' })).toModel().jobs).at(-1)).toBe('constructor');
  });

  it('a job read from a file keeps its place, and jobs added after it go last', () => {
    const parsed = Workflow.parse('name: P\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: a\n');
    const left = parsed.job('b', (j) => j.runsOn('ubuntu-24.04').needs('a').step({ run: 'b' }));
    expect(Object.keys(left.toModel().jobs)).toEqual(['a', 'b']);
    expect(Object.keys(parsed.toModel().jobs)).toEqual(['a']);
  });

  it('a job forked at 1,000 steps: each fork has its own last step, and the base has neither', () => {
    let left: unknown;
    let right: unknown;
    let shared: unknown;
    Workflow.create('Steps').on('push').job('j', (job) => {
      let b = job.runsOn('ubuntu-24.04') as unknown as typeof job;
      for (let i = 0; i < N; i++) b = b.step({ run: `step ${i}` }) as never;
      shared = b.toModel();
      left = b.step({ run: 'left' }).toModel();
      right = b.step('r', { run: 'right' }).toModel();
      return b;
    });
    const steps = (m: unknown) => (m as { steps: { run: string }[] }).steps.map((s) => s.run);
    expect(steps(shared)).toHaveLength(N);
    expect(steps(left)).toEqual([...steps(shared), 'left']);
    expect(steps(right)).toEqual([...steps(shared), 'right']);
  });
});

describe('Action forks of a large base', () => {
  it('a composite action forked at 1,000 steps: each fork has its own last step, and the base has neither', () => {
    let base = Action.create('Big', 'Many steps') as unknown as Action<string>;
    for (let i = 0; i < N; i++) base = base.step({ run: `step ${i}` });
    const left = base.step({ run: 'left' }).author('me');
    const right = base.step({ run: 'right' });
    const runs = (a: Action<string>) => ((a.toModel().runs as { steps: { run: string }[] }).steps).map((s) => s.run);
    expect(runs(base)).toHaveLength(N);
    expect(runs(left)).toEqual([...runs(base), 'left']);
    expect(runs(right)).toEqual([...runs(base), 'right']);
    expect(left.toModel().author).toBe('me');
    expect((left.toModel().runs as { steps: { shell?: string }[] }).steps[0]?.shell).toBe('bash');
  });

  it('an action read from a file keeps its steps, and steps added go after them', () => {
    const parsed = Action.parse('name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: one\n      shell: bash\n');
    const more = parsed.step({ run: 'two' });
    expect((more.toModel().runs as { steps: { run: string }[] }).steps.map((s) => s.run)).toEqual(['one', 'two']);
    expect((parsed.toModel().runs as { steps: unknown[] }).steps).toHaveLength(1);
  });
});
