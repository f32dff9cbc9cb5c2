// Not timed (timing is in bench/, W3): the work of adding one more entry is counted instead, as the
// calls to Object.freeze and Object.isFrozen it makes. The builders freeze what they hold, so a
// builder that copies (and re-freezes, or re-checks) its whole state on every add makes a number of
// calls that grows with the entries already there; a persistent state makes about the same number
// per entry at any size.
import { afterEach, describe, expect, it } from 'vitest';
import { Compose, Env } from '../src/compose/index.js';
import { Workflow } from '../src/workflow/builder.js';

const freeze = Object.freeze;
const isFrozen = Object.isFrozen;
afterEach(() => {
  Object.freeze = freeze;
  Object.isFrozen = isFrozen;
});

/** The calls to Object.freeze and Object.isFrozen `fn` makes. */
function counted(fn: () => void): number {
  let calls = 0;
  Object.freeze = ((o: unknown) => (calls++, freeze(o))) as typeof Object.freeze;
  Object.isFrozen = ((o: unknown) => (calls++, isFrozen(o))) as typeof Object.isFrozen;
  try {
    fn();
  } finally {
    Object.freeze = freeze;
    Object.isFrozen = isFrozen;
  }
  return calls;
}

/** The calls per entry when building `n` entries, and when building 4n. */
function perEntry(build: (n: number) => void, n: number): [number, number] {
  return [counted(() => build(n)) / n, counted(() => build(4 * n)) / (4 * n)];
}

describe('adding one more entry costs about the same at 250 entries as at 1,000', () => {
  it('compose services, volumes and Env variables', () => {
    const [small, large] = perEntry((n) => {
      let env = Env.create() as Env<string>;
      for (let i = 0; i < n; i++) env = env.var(`V_${i}`);
      let c = Compose.create().env(env) as Compose<any>;
      for (let i = 0; i < n; i++) c = c.volume(`vol-${i}`).service(`svc-${i}`, (s: any) => s.image('img:1').envVar(`V_${i}`));
    }, 250);
    expect(large / small).toBeLessThan(1.5);
  });

  it('workflow jobs', () => {
    const [small, large] = perEntry((n) => {
      let w = Workflow.create('W').on('push') as unknown as Workflow<Record<string, string>, string>;
      for (let i = 0; i < n; i++) w = w.job(`job-${i}`, (j) => j.runsOn('ubuntu-24.04').step({ run: 'make' })) as never;
    }, 250);
    expect(large / small).toBeLessThan(1.5);
  });
});
