/**
 * One contract for every builder (issue 11, "One contract"): the same checks, run over Dockerfile,
 * Dockerignore, Compose, ComposeService, Workflow, Job, Action and Env.
 *  - immutability: a method returns a new builder and leaves the original's output unchanged;
 *  - fork safety: two variants of one base do not see each other;
 *  - no leaked mutable state: whatever a getter or `toModel()` returns can be tampered with (or is
 *    frozen) without changing the builder;
 *  - `$raw` accumulates (objects merge per key, the later call wins);
 *  - parse never throws on garbage (fast-check, 1,000 runs each) and toString/parse round-trips.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import { Compose, ComposeService, Env } from '../src/compose/index.js';
import { Dockerfile, Dockerignore } from '../src/dockerfile/index.js';
import { Action, JobBuilder, Workflow } from '../src/workflow/index.js';
import { App } from '../src/app/app.js';
import * as api from '../src/index.js';
import { Stack, postgres, redis } from '../src/stack/index.js';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Tries to change every value reachable from `value`; returns how many writes the runtime refused. */
function tamper(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) tamper((value as Record<PropertyKey, unknown>)[key], seen);
  for (const key of Reflect.ownKeys(value)) {
    try {
      (value as Record<PropertyKey, unknown>)[key] = '__tampered__';
    } catch {
      /* frozen: fine */
    }
  }
  if (Array.isArray(value)) {
    try {
      value.push('__tampered__');
    } catch {
      /* frozen */
    }
  }
}

function isDeepFrozen(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return true;
  seen.add(value);
  if (!Object.isFrozen(value)) return false;
  return Reflect.ownKeys(value).every((k) => isDeepFrozen((value as Record<PropertyKey, unknown>)[k], seen));
}

interface Subject {
  readonly name: string;
  readonly make: () => Any;
  /** Two different changes (for fork checks). */
  readonly left: (b: Any) => Any;
  readonly right: (b: Any) => Any;
  /** The builder's full output. */
  readonly text: (b: Any) => string;
  /** What the builder hands out: getters and model accessors. */
  readonly handedOut: (b: Any) => unknown[];
  /** Accessors documented as deeply frozen. */
  readonly frozen?: (b: Any) => unknown[];
}

function capturedService(fn: (s: ComposeService<Any, boolean>) => ComposeService<Any, boolean>): ComposeService<Any, boolean> {
  let out: ComposeService<Any, boolean> | undefined;
  Compose.create().service('api', (s) => (out = fn(s)) as never);
  return out!;
}
function capturedJob(fn: (j: Any) => Any): Any {
  let out: Any;
  Workflow.create('CI').on('push').job('t', (j) => (out = fn(j)));
  return out;
}
function capturedStage(fn: (s: Any) => Any): Any {
  let out: Any;
  Dockerfile.create().stage('app', 'python:3.13-slim', (s) => (out = fn(s)));
  return out;
}
const stageText = (st: Any) => Dockerfile.create().stage('app', 'python:3.13-slim', () => st).toString();
const serviceText = (s: ComposeService<Any, boolean>) => Compose.create().service('api', () => s as never).toString();
const jobText = (j: Any) => Workflow.create('CI').on('push').job('t', () => j).toString();

const subjects: Subject[] = [
  {
    name: 'Dockerfile',
    make: () => Dockerfile.create().stage('app', 'python:3.13-slim', (s) => s.workdir('/app').run('pip install uv')),
    left: (b) => b.stage('left', 'alpine:3.20', (s: Any) => s.run('echo left')),
    right: (b) => b.dockerignore((d: Dockerignore) => d.ignore('.git')),
    text: (b) => b.toString() + JSON.stringify(b.dockerignoreModel() ?? null),
    handedOut: (b) => [b.toModel(), b.stageNames, b.parseIssues, b.dockerignoreModel()],
    frozen: (b) => [b.toModel(), b.stageNames, b.dockerignoreModel()],
  },
  {
    name: 'Dockerignore',
    make: () => Dockerignore.create().comment('VCS').ignore('.git'),
    left: (b) => b.ignore('node_modules'),
    right: (b) => b.except('README.md'),
    text: (b) => b.toString(),
    handedOut: (b) => [b.toModel(), b.parseIssues],
    frozen: (b) => [b.toModel(), b.parseIssues],
  },
  {
    name: 'Compose',
    make: () => Compose.create('shop').service('db', (s) => s.image('postgres:16')),
    left: (b) => b.service('cache', (s: Any) => s.image('redis:7')),
    right: (b) => b.volume('data', {}),
    text: (b) => b.toString(),
    handedOut: (b) => [b.toModel(), b.parseIssues],
  },
  {
    name: 'ComposeService',
    make: () => capturedService((s) => s.image('api:1').environment({ A: '1' })),
    left: (b) => b.ports('8000:8000'),
    right: (b) => b.labels({ team: 'core' }),
    text: serviceText,
    handedOut: () => [],
  },
  {
    name: 'Workflow',
    make: () => Workflow.create('CI').on('push').job('lint', (j) => j.runsOn('ubuntu-latest').step({ run: 'make lint' })),
    left: (b) => b.job('test', (j: Any) => j.runsOn('ubuntu-latest').step({ run: 'make test' })),
    right: (b) => b.$raw({ env: { A: '1' } }),
    text: (b) => b.toString(),
    handedOut: (b) => [b.toModel(), b.parseIssues],
  },
  {
    name: 'Job',
    make: () => capturedJob((j) => j.runsOn('ubuntu-latest').step({ run: 'make lint' })),
    left: (b) => b.step({ run: 'make test' }),
    right: (b) => b.$raw({ 'timeout-minutes': 5 }),
    text: jobText,
    handedOut: (b) => [b.toModel()],
  },
  {
    name: 'Action',
    make: () => Action.create('Setup', 'Install deps').step({ run: 'uv sync' }),
    left: (b) => b.step({ run: 'uv run pytest' }),
    right: (b) => b.input('python-version', { description: 'Python version' }),
    text: (b) => b.toString(),
    handedOut: (b) => [b.toModel(), b.parseIssues],
  },
  {
    name: 'StageBuilder',
    make: () => capturedStage((s) => s.workdir('/app').run('pip install uv')),
    left: (b) => b.run('echo left'),
    right: (b) => b.user('nobody'),
    text: stageText,
    handedOut: () => [],
  },
  {
    name: 'Stack',
    make: () => Stack.create().add(postgres()),
    left: (b) => b.add(redis()),
    right: (b) => b.service('app', (s: Any) => s.image('app:1')),
    text: (b) => JSON.stringify(b.toApp().synth().files),
    handedOut: (b) => [b.toApp().synth().files],
  },
  {
    name: 'Env',
    make: () => Env.create().var('API_URL', { default: 'http://localhost:8000' }),
    left: (b) => b.var('LEFT'),
    right: (b) => b.var('RIGHT', { secret: true }),
    text: (b) => JSON.stringify([b.toModel(), b.exampleModel(), b.names()]),
    handedOut: (b) => [b.toModel(), b.exampleModel(), b.names(), ...b.names().map((n: string) => b.get(n))],
  },
];

describe.each(subjects)('$name: the builder contract', (subject) => {
  it('every method returns a new builder and leaves the original unchanged', () => {
    const base = subject.make();
    const before = subject.text(base);
    const left = subject.left(base);
    expect(left).not.toBe(base);
    expect(subject.text(left)).not.toBe(before);
    expect(subject.text(base)).toBe(before);
  });

  it('forks of one base do not see each other', () => {
    const base = subject.make();
    const before = subject.text(base);
    const left = subject.left(base);
    const right = subject.right(base);
    const leftText = subject.text(left);
    expect(subject.text(subject.left(base))).toBe(leftText); // the same change twice gives the same output
    expect(subject.text(right)).not.toBe(leftText);
    expect(subject.text(subject.right(left))).not.toBe(leftText);
    expect(subject.text(left)).toBe(leftText); // building on left did not change left
    expect(subject.text(base)).toBe(before);
  });

  it('leaks no mutable state: tampering with what it hands out changes nothing', () => {
    const base = subject.left(subject.make());
    const before = subject.text(base);
    for (const value of subject.handedOut(base)) tamper(value);
    expect(subject.text(base)).toBe(before);
    for (const value of subject.frozen?.(base) ?? []) expect(isDeepFrozen(value)).toBe(true);
  });
});

describe('$raw accumulates everywhere (objects merge per key, the later call wins)', () => {
  const twice = { first: { env: { A: '1' }, keep: { x: 1, list: [1] } }, second: { env: { B: '2' }, keep: { list: [2] } } };
  const expectMerged = (data: Any) => {
    expect(data.env).toEqual({ A: '1', B: '2' });
    expect(data.keep).toEqual({ x: 1, list: [2] });
  };
  it('Workflow', () => {
    const w = Workflow.create('CI').on('push').$raw(twice.first).$raw(twice.second);
    expectMerged(parseYamlText(w.toString()));
  });
  it('Job', () => {
    const w = Workflow.create('CI').on('push').job('t', (j) => j.runsOn('ubuntu-latest').step({ run: 'true' }).$raw(twice.first).$raw(twice.second));
    expectMerged(parseYamlText(w.toString()).jobs.t);
  });
  it('Action', () => {
    const a = Action.create('Setup', 'Install').step({ run: 'true' }).$raw({ runs: { env: { A: '1' } } }).$raw({ runs: { env: { B: '2' } } });
    expect(parseYamlText(a.toString()).runs.env).toEqual({ A: '1', B: '2' });
  });
  it('Compose', () => {
    const c = Compose.create().$raw({ 'x-meta': twice.first }).$raw({ 'x-meta': twice.second });
    expectMerged(parseYamlText(c.toString())['x-meta']);
  });
  it('ComposeService', () => {
    const c = Compose.create().service('api', (s) => s.image('api:1').$raw({ 'x-meta': twice.first }).$raw({ 'x-meta': twice.second }));
    expectMerged(parseYamlText(c.toString()).services.api['x-meta']);
  });
  it('Dockerfile stage (each call adds an instruction)', () => {
    const d = Dockerfile.create().stage('app', 'alpine:3.20', (s) => s.$raw('RUN echo one').$raw('RUN echo two'));
    expect(d.toString()).toBe('FROM alpine:3.20 AS app\nRUN echo one\nRUN echo two\n');
  });
  it('does not change the patches it was given', () => {
    const patch = { env: { A: '1' } };
    Workflow.create('CI').on('push').$raw(patch).$raw({ env: { B: '2' } });
    expect(patch).toEqual({ env: { A: '1' } });
  });
});

const parsers: { name: string; parse: (text: string) => Any; text: (b: Any) => string; sample: () => Any }[] = [
  { name: 'Dockerfile', parse: (t) => Dockerfile.parse(t), text: (b) => b.toString(), sample: () => subjects[0]!.make() },
  { name: 'Dockerignore', parse: (t) => Dockerignore.parse(t), text: (b) => b.toString(), sample: () => subjects[1]!.make() },
  { name: 'Compose', parse: (t) => Compose.parse(t), text: (b) => b.toString(), sample: () => subjects[2]!.make() },
  { name: 'Workflow', parse: (t) => Workflow.parse(t), text: (b) => b.toString(), sample: () => subjects[4]!.make() },
  { name: 'Action', parse: (t) => Action.parse(t), text: (b) => b.toString(), sample: () => subjects[6]!.make() },
];

// garbage: any text, YAML of any JSON value, and near-misses built from real keywords
const garbage = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.array(fc.constantFrom('on:', 'jobs:', 'services:', '  - ', 'FROM ', 'RUN ', '&a ', '*a', '{', '[', ']', ':', '"', '\\', '\n', '\t', '#', 'runs:', 'steps:', 'image: x', '<<: *a'), { maxLength: 30 }).map((p) => p.join('')),
);

describe.each(parsers)('$name.parse', ({ parse, text, sample }) => {
  it('never throws on garbage; the issues it found are on the builder (1,000 runs)', () => {
    fc.assert(
      fc.property(garbage, (input) => {
        const built = parse(input);
        expect(Array.isArray(built.parseIssues)).toBe(true);
        expect(typeof text(built)).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });

  it('throws only for a programmer error (not a string)', () => {
    expect(() => parse(42 as never)).toThrow(/core\/invalid-argument/);
  });

  it('round-trips toString → parse → toString', () => {
    const first = text(sample());
    const again = parse(first);
    expect(again.parseIssues.filter((i: Any) => i.severity === 'error')).toEqual([]);
    expect(text(again)).toBe(first);
  });
});

describe('internals stay internal', () => {
  it('the package entry exports no builder state or service constructor access', () => {
    expect(Object.keys(api)).not.toContain('ServiceState');
    expect(Object.keys(api)).not.toContain('serviceStateOf');
    expect('stateOf' in ComposeService).toBe(false);
  });

  it('a stage, service or job callback that returns nothing throws at once', () => {
    expect(() => Dockerfile.create().stage('app', 'alpine:3.20', (() => undefined) as never)).toThrow(/docker\/invalid-stage/);
    expect(() => Compose.create().service('api', (() => undefined) as never)).toThrow(/compose\/invalid-service/);
    expect(() => Workflow.create('CI').on('push').job('t', (() => undefined) as never)).toThrow(/workflow\/invalid-job/);
    expect(JobBuilder).toBeTypeOf('function');
  });

  it('the App is locked after synth()', () => {
    const app = new App();
    app.dockerfile('Dockerfile', Dockerfile.create().from('alpine:3.20').dockerignore((d) => d.ignore('.git')));
    app.synth();
    expect(() => app.compose('compose.yaml', Compose.create().service('db', (s) => s.image('postgres:16')))).toThrow(/app\/locked/);
    expect(() => app.add('dockerignore', 'x/.dockerignore', { entries: [] })).toThrow(/app\/locked/);
    expect(() => app.check(() => [])).toThrow(/app\/locked/);
    expect(Object.keys(app.synth().files)).toEqual(expect.arrayContaining(['Dockerfile']));
  });
});
