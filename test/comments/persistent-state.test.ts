import { describe, expect, it } from 'vitest';
import { Compose } from '../../src/compose/builder.js';
import { Action } from '../../src/workflow/action-builder.js';
import { Workflow } from '../../src/workflow/builder.js';

// comments ride beside the persistent builder state (PMap/PList): forks keep their own comments, and a
// parsed file's comments stay on the right keys and list items when the state is split into sections,
// jobs and steps
describe('comments on persistent builder state', () => {
  it('forks of a job keep their own step comments', () => {
    const base = Workflow.create('CI').on('push');
    const job = (w: typeof base, comment: string) =>
      w.job('test', (j) => j.runsOn('ubuntu-latest').step({ run: 'make' }).step({ run: `echo ${comment}`, comment }));
    const a = job(base, 'a').toString();
    const b = job(base, 'b').toString();
    expect(a).toContain('      - run: make\n      # a\n      - run: echo a\n');
    expect(a).not.toContain('# b');
    expect(b).toContain('      - run: make\n      # b\n      - run: echo b\n');
    expect(b).not.toContain('# a');
  });

  it('forks of one job builder do not see each other’s comments', () => {
    let a = '';
    let b = '';
    Workflow.create('CI').on('push').job('t', (j) => {
      const common = j.runsOn('ubuntu-latest').step({ run: 'one', comment: 'first' });
      a = Workflow.create('A').on('push').job('t', () => common.comment('fork a').step({ run: 'two', comment: 'second a' })).toString();
      b = Workflow.create('B').on('push').job('t', () => common.step({ run: 'two', comment: 'second b' })).toString();
      return common;
    });
    expect(a).toBe('name: A\non: push\njobs:\n  # fork a\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      # first\n      - run: one\n      # second a\n      - run: two\n');
    expect(b).toBe('name: B\non: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      # first\n      - run: one\n      # second b\n      - run: two\n');
  });

  it('a parsed workflow keeps its comments when jobs are added, in each fork', () => {
    const parsed = Workflow.parse('# ci\non: push\njobs:\n  # builds\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make # compile\n');
    const a = parsed.job('lint', (j) => j.comment('lint job').runsOn('ubuntu-latest').step({ run: 'lint' })).toString();
    const b = parsed.comment('top').toString();
    expect(a).toBe('# ci\non: push\njobs:\n  # builds\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make # compile\n  # lint job\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: lint\n');
    expect(b).toContain('# top\n');
    expect(b).not.toContain('lint');
    expect(parsed.toString()).toBe('# ci\non: push\njobs:\n  # builds\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make # compile\n');
  });

  it('a parsed composite action numbers a new step’s comment after its listed steps', () => {
    const parsed = Action.parse('name: a\ndescription: d\nruns:\n  using: composite\n  steps:\n    # one\n    - run: one\n      shell: bash\n');
    const text = parsed.step({ run: 'two', comment: 'two' }).toString();
    expect(text).toContain('    # one\n    - run: one\n      shell: bash\n    # two\n    - run: two\n      shell: bash\n');
    expect(parsed.toString()).not.toContain('two');
  });

  it('a parsed compose file keeps comments on its sections (held in persistent maps) when entries are added', () => {
    const text = 'services:\n  # db\n  db:\n    image: postgres:16\nvolumes:\n  # data\n  data: {}\n';
    const parsed = Compose.parse(text);
    const out = parsed.volume('cache', {}).service('api', (s) => s.comment('api').image('api:1')).toString();
    expect(out).toContain('  # db\n  db:\n');
    expect(out).toContain('  # api\n  api:\n');
    expect(out).toContain('  # data\n  data: {}\n');
    expect(out).toContain('  cache: {}\n');
    expect(parsed.toString()).toBe(text);
  });
});
