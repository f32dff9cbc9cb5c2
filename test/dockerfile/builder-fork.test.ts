// The Dockerfile state is persistent (core/persistent.ts): stages, global ARGs and each stage's
// instructions in lists shared between a base and its forks. Each fork must see only its own.
import { describe, expect, it } from 'vitest';
import { Dockerfile, type StageBuilder } from '../../src/dockerfile/index.js';

const N = 1000;

describe('Dockerfile forks of a large base', () => {
  let base = Dockerfile.create() as unknown as Dockerfile<string>;
  for (let i = 0; i < N; i++) base = base.arg(`A${i}`, `${i}`);
  for (let i = 0; i < N; i++) base = base.stage(`s${i}`, 'alpine:3.20', (s) => s.run(`echo ${i}`)) as never;
  const names = Array.from({ length: N }, (_, i) => `s${i}`);

  it('fork at 1,000 stages, add to both forks: each sees only its own, the base neither', () => {
    const left = base.stage('left', 's999', (s) => s.run('left'));
    const right = base.stage('right', 's0', (s) => s.run('right'));
    expect(left.stageNames).toEqual([...names, 'left']);
    expect(right.stageNames).toEqual([...names, 'right']);
    expect(base.stageNames).toEqual(names);
    expect(left.toModel().preamble).toHaveLength(N);
    // a stage name taken in one fork is free in the other (compared without case, as Docker does)
    expect(() => right.stage('LEFT', 's0')).not.toThrow();
    expect(() => left.stage('LEFT', 's0')).toThrow(/already exists/);
    expect(() => left.stage('S5', 's0')).toThrow(/already exists/);
  });

  it('a stage forked at 1,000 instructions: each fork has its own last instruction', () => {
    let shared: StageBuilder<string> | undefined;
    const build = (extra: string) =>
      Dockerfile.create().stage('big', 'alpine:3.20', (s) => {
        let b = s as StageBuilder<never>;
        for (let i = 0; i < N; i++) b = b.run(`step ${i}`);
        shared = b as never;
        return b.run(extra);
      });
    const left = build('left').toModel().stages[0]!.instructions;
    expect(left).toHaveLength(N + 1);
    expect(left.at(-1)).toMatchObject({ kind: 'run', command: 'left' });
    const forkLeft = shared!.run('fork-left').instructions;
    const forkRight = shared!.run('fork-right').instructions;
    expect(shared!.instructions).toHaveLength(N);
    expect(forkLeft.at(-1)).toMatchObject({ command: 'fork-left' });
    expect(forkRight.at(-1)).toMatchObject({ command: 'fork-right' });
    expect(forkLeft.slice(0, N)).toEqual(forkRight.slice(0, N));
  });

  it('a global ARG added to one fork is not in the other', () => {
    const small = Dockerfile.create().arg('BASE', '1');
    const left = small.arg('LEFT').stage('a', 'alpine:3.20');
    const right = small.arg('RIGHT').stage('a', 'alpine:3.20');
    expect(left.toString()).toContain('ARG LEFT');
    expect(left.toString()).not.toContain('ARG RIGHT');
    expect(right.toString()).toContain('ARG RIGHT');
    expect(small.stage('a', 'alpine:3.20').toString()).not.toMatch(/ARG (LEFT|RIGHT)/);
  });
});
