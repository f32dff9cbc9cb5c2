// Issue #11 item 5: `Workflow.parse` accepts the forms GitHub accepts that a linter's suite of valid
// workflows showed it rejecting, keeps them on round-trip, and names the innermost reason when a
// union (a filter deep inside `on:`) fails. Each case is checked against the outside validators; where
// the pinned validators disagree with each other, the disagreement is pinned here with its reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { Workflow } from '../../src/workflow/builder.js';
import { workflowKind } from '../../src/workflow/index.js';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { synthWorkflow } from '../../src/workflow/synth.js';
import { actionlint, workflowParser } from '../helpers/oracles/workflow.js';

const JOB = 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hello\n';

interface Case {
  readonly text: string;
  /** A validator (at its pinned version) that rejects this GitHub-accepted form: what it says, and why that is not ours to fix. */
  readonly actionlintSays?: RegExp;
  readonly workflowParserSays?: RegExp;
  /** The same for the text devstack-kit writes back (when it differs from the input's verdict). */
  readonly outputActionlintSays?: RegExp | null;
  /** Paths kept as raw content (the only issues parsing may give: `workflow/unmodeled-key`, info). */
  readonly keptRaw?: readonly string[];
}

const CASES: Record<string, Case> = {
  'a scalar where a list is usual (branches: main, tags: v*.*.*)': {
    text:
      'on:\n  push:\n    branches: main\n    tags: v*.*.*\n    paths-ignore: docs/**\n  pull_request:\n    branches-ignore: wip/*\n    paths: src/**\n' +
      '  workflow_run:\n    workflows: CI\n    types: completed\n    branches: main\n' + JOB,
  },
  'branch filters on merge_group': {
    text: 'on:\n  merge_group:\n    types: [checks_requested]\n    branches-ignore: wip/*\n' + JOB,
  },
  'an input with no settings (logLevel:)': {
    text: 'on:\n  workflow_dispatch:\n    inputs:\n      logLevel:\n      tags:\n        type: boolean\n' + JOB,
    // GitHub's parser (0.3.61) wants a mapping for each input; actionlint's suite of valid files has this form
    workflowParserSays: /NullToken.*input configuration|Unexpected value ''/,
  },
  'container: left empty': {
    text: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container:\n    steps:\n      - run: echo hello\n',
    // actionlint 1.7.7 reads an empty `container:` as an empty image name; `container: null` (what we write) passes
    actionlintSays: /string should not be empty/,
    outputActionlintSays: null,
  },
  'container: null': {
    text: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: null\n    steps:\n      - run: echo hello\n',
  },
  'services: given as one fromJSON expression': {
    text: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services: ${{ fromJSON(vars.SERVICES) }}\n    steps:\n      - run: echo hello\n',
    // GitHub's parser 0.3.61 wants a mapping here; actionlint accepts it (its issue #402)
    workflowParserSays: /BasicExpressionToken.*'services'|at least one job with no dependencies/,
  },
  'credentials: given as one fromJSON expression': {
    text:
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container:\n      image: ghcr.io/acme/ci\n      credentials: ${{ fromJSON(secrets.REGISTRY) }}\n' +
      '    services:\n      cache:\n        image: ghcr.io/acme/cache\n        credentials: ${{ fromJSON(secrets.REGISTRY) }}\n    steps:\n      - run: echo hello\n',
    // actionlint 1.7.7 wants a mapping; GitHub's parser accepts it, and so does later actionlint (its issue #590)
    actionlintSays: /"credentials" section|both "username" and "password"/,
  },
  'YAML anchors and aliases under on:': {
    text:
      'on:\n  label:\n    types: &types [created]\n  check_run:\n    types: *types\n  push: &filters\n    branches-ignore: test\n    paths-ignore: docs/**\n  pull_request: *filters\n  pull_request_target: *filters\n' +
      'env: &shared\n  A: one\njobs:\n  test:\n    runs-on: &runner ubuntu-latest\n    env: *shared\n    steps:\n      - &step\n        run: echo "$RUNNER"\n        env:\n          RUNNER: *runner\n      - *step\n',
    // actionlint 1.7.7 does not resolve aliases (later versions do: its testdata/ok/anchors.yaml); we write
    // the data out in full, with no aliases, which it accepts
    actionlintSays: /alias node|step must run script/,
    outputActionlintSays: null,
  },
  'an event newer than the schema, in a list of events (image_version)': {
    text: 'on:\n  - push\n  - image_version\n' + JOB,
    // actionlint 1.7.7 predates the event; GitHub's parser knows it
    actionlintSays: /unknown Webhook event "image_version"/,
  },
  'an event newer than the schema, with filters (image_version)': {
    text: 'on:\n  image_version:\n    names:\n      - ci-image\n    versions:\n      - 1.*\n' + JOB,
    actionlintSays: /unknown Webhook event "image_version"|unexpected key "(names|versions)" for "image_version"/,
    keptRaw: ['on.image_version'],
  },
};

/** Asserts the validator's verdict: no problems, or (when pinned) only problems the pin names. */
function expectVerdict(problems: string[], pinned: RegExp | undefined | null): void {
  if (!pinned) expect(problems).toEqual([]);
  else {
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(pinned);
  }
}

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n');
}, 60_000);

describe('Workflow.parse accepts what GitHub accepts', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const { model, issues } = parseWorkflow(c.text, 'ci.yml');
    expect(issues.map((i) => [i.code, i.severity, i.path.join('.')])).toEqual((c.keptRaw ?? []).map((p) => ['workflow/unmodeled-key', 'info', p]));
    expect(model).toBeDefined();
    // round-trip: the same data, and a second round gives the same bytes
    const out = synthWorkflow(model!);
    expect(parseYaml(out).data).toEqual(parseYaml(c.text).data);
    expect(synthWorkflow(parseWorkflow(out).model!)).toBe(out);
    expect(Workflow.parse(c.text, 'ci.yml').toString()).toBe(out);
    // no schema error and no error-severity rule finding on a valid file
    expect(workflowKind.validate(model!, { file: 'ci.yml' }).filter((i) => i.severity === 'error')).toEqual([]);
    // the outside validators, on the input and on what we write
    expectVerdict(await actionlint(c.text), c.actionlintSays);
    expectVerdict(await workflowParser(c.text), c.workflowParserSays);
    expectVerdict(await actionlint(out), c.outputActionlintSays === undefined ? c.actionlintSays : c.outputActionlintSays);
    expectVerdict(await workflowParser(out), c.workflowParserSays);
  }, 30_000);

  it('writes an empty container as `container: null`, which every validator reads as no container', () => {
    const out = synthWorkflow(parseWorkflow(CASES['container: left empty']!.text).model!);
    expect(out).toContain('    container: null\n');
  });

  it('gives each alias its own copy, so a key kept raw under one is kept under every one', () => {
    const text =
      'on:\n  push: &filters\n    branches: main\n    future-filter: x\n  pull_request: *filters\n' +
      'jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - &step\n        run: echo\n        future-key: 1\n      - *step\n';
    const { model, issues } = parseWorkflow(text);
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['workflow/unmodeled-key', 'on.push.future-filter'],
      ['workflow/unmodeled-key', 'on.pull_request.future-filter'],
      ['workflow/unmodeled-key', 'jobs.test.steps.0.future-key'],
      ['workflow/unmodeled-key', 'jobs.test.steps.1.future-key'],
    ]);
    expect(parseYaml(synthWorkflow(model!)).data).toEqual(parseYaml(text).data);
  });

  it('the builder takes the same forms: a scalar filter, an expression for services and credentials, an empty container', async () => {
    const w = Workflow.create('CI')
      .on({ push: { branches: 'main', tags: 'v*' }, workflow_dispatch: { inputs: { logLevel: null } } })
      .job('a', (j) => j.runsOn('ubuntu-latest').services('${{ fromJSON(vars.SERVICES) }}').step({ run: 'echo a' }))
      .job('b', (j) => j.runsOn('ubuntu-latest').container({ image: 'ghcr.io/acme/ci', credentials: '${{ fromJSON(secrets.REGISTRY) }}' }).services({ db: { image: 'postgres:17' } }).step({ run: 'echo b' }));
    const text = w.toString();
    expect(parseYaml(text).data).toMatchObject({
      on: { push: { branches: 'main', tags: 'v*' }, workflow_dispatch: { inputs: { logLevel: null } } },
      jobs: { a: { services: '${{ fromJSON(vars.SERVICES) }}' }, b: { container: { credentials: '${{ fromJSON(secrets.REGISTRY) }}' }, services: { db: { image: 'postgres:17' } } } },
    });
    expect(parseWorkflow(text).model).toEqual(w.toModel());
    // a map of services after an expression replaces it, and an expression after a map replaces that
    const j = (f: (b: any) => any) => (Workflow.create('X').on('push').job('a', (b) => f(b.runsOn('x')).step({ run: 'true' })).toModel().jobs.a as { services?: unknown }).services;
    expect(j((b) => b.services('${{ x }}').services({ db: { image: 'p' } }))).toEqual({ db: { image: 'p' } });
    expect(j((b) => b.services({ db: { image: 'p' } }).services('${{ x }}'))).toBe('${{ x }}');
  });
});

describe('a failed union reports its innermost reason', () => {
  const first = (text: string) => parseWorkflow(text, 'ci.yml').issues.find((i) => i.severity === 'error');

  it('a bad filter deep inside on: names the filter, not the list of events', () => {
    expect(first('on:\n  push:\n    branches:\n      main: true\n' + JOB)).toMatchObject({
      code: 'workflow/schema/invalid-type',
      path: ['on', 'push', 'branches'],
      message: 'expected array or string, received an object',
      line: 4,
    });
    expect(first('on:\n  workflow_dispatch:\n    inputs:\n      level:\n        type: text\n' + JOB)).toMatchObject({
      code: 'workflow/schema/invalid-value',
      path: ['on', 'workflow_dispatch', 'inputs', 'level', 'type'],
      message: expect.stringMatching(/^expected one of "string", "choice", .*received "text"$/),
    });
  });

  it('a bad scope inside permissions: names the scope', () => {
    expect(first('on: push\npermissions:\n  contents: wirte\n' + JOB)).toMatchObject({ path: ['permissions', 'contents'], message: expect.stringMatching(/received "wirte"/) });
  });

  it('a value of no option\'s type still lists every option', () => {
    expect(first('on: push\npermissions: reed-all\n' + JOB)).toMatchObject({ path: ['permissions'], message: 'expected "read-all" or "write-all" or object, received "reed-all"' });
    expect(first('on: 5\n' + JOB)).toMatchObject({ path: ['on'], message: expect.stringMatching(/^expected string or array or object, received 5$/) });
  });
});

describe('workflow/unknown-event', () => {
  const codes = (text: string) => workflowKind.validate(parseWorkflow(text).model!, {}).filter((i) => i.code === 'workflow/unknown-event');
  it('reports a likely misspelling in each form of on:, with the event it probably meant', () => {
    expect(codes('on: pushh\n' + JOB).map((i) => [i.path.join('.'), i.severity, i.hint])).toEqual([['on', 'warning', 'did you mean "push"?']]);
    expect(codes('on: [push, pull_requests]\n' + JOB).map((i) => [i.path.join('.'), i.hint])).toEqual([['on.1', 'did you mean "pull_request"?']]);
    expect(codes('on:\n  workflow_dispach:\n' + JOB).map((i) => [i.path.join('.'), i.hint])).toEqual([['on.workflow_dispach', 'did you mean "workflow_dispatch"?']]);
  });
  it('leaves an event it does not know alone when it looks like no known one', () => {
    expect(codes('on: [push, image_version]\n' + JOB)).toEqual([]);
    expect(codes('on:\n  image_version:\n    names: [a]\n' + JOB)).toEqual([]);
  });
});
