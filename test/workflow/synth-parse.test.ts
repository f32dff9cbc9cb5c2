import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import type { WorkflowModel } from '../../src/workflow/model.js';
import { parseAction, parseWorkflow } from '../../src/workflow/parse.js';
import { mergeRaw, synthAction, synthWorkflow } from '../../src/workflow/synth.js';
import { actionlint, checkAction, checkWorkflow, workflowSchemaCheck } from '../helpers/oracles/workflow.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(resolve(here, '../fixtures/workflow', name), 'utf8');

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n');
});

describe('synthWorkflow', () => {
  it('writes keys in schema order whatever order the model has', async () => {
    const model = {
      jobs: { t: { steps: [{ run: 'make', name: 'Make', id: 'm' }], 'timeout-minutes': 5, 'runs-on': 'ubuntu-latest', if: 'success()', name: 'T' } },
      concurrency: 'ci',
      permissions: { contents: 'read' },
      on: 'push',
      name: 'CI',
    } as unknown as WorkflowModel;
    expect(synthWorkflow(model)).toBe(`name: CI
on: push
permissions:
  contents: read
concurrency: ci
jobs:
  t:
    name: T
    if: success()
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - id: m
        name: Make
        run: make
`);
    expect(await checkWorkflow(synthWorkflow(model))).toEqual([]);
  });

  it('keeps `on` plain, quotes YAML 1.1 lookalikes, writes null events bare and scripts as blocks', async () => {
    const model: WorkflowModel = {
      on: { push: { branches: ['main'] }, workflow_dispatch: null },
      jobs: { t: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo one\necho two\n', env: { V: '3.10', FLAG: 'yes', T: '22:22' } }] } },
    };
    const text = synthWorkflow(model);
    expect(text.startsWith('on:\n')).toBe(true);
    expect(text).toContain('  workflow_dispatch:\n');
    expect(text).toContain("V: '3.10'");
    expect(text).toContain("FLAG: 'yes'");
    expect(text).toContain("T: '22:22'");
    expect(text).toContain('      - run: |\n          echo one\n          echo two\n');
    expect(parseYaml(text).data).toEqual(JSON.parse(JSON.stringify(model)));
    expect(await checkWorkflow(text)).toEqual([]);
  });

  it('merges $raw at the workflow, job and step level, lists by index', async () => {
    expect(mergeRaw({ a: [1, { b: 2 }] }, { a: { 1: { c: 3 } }, d: 4 })).toEqual({ a: [1, { b: 2, c: 3 }], d: 4 });
    const text = synthWorkflow({
      on: 'push',
      jobs: { t: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo a' }], $raw: { 'timeout-minutes': 3 } } },
      $raw: { jobs: { t: { steps: { 0: { name: 'From raw' } } } } },
    });
    expect(parseYaml(text).data).toEqual({ on: 'push', jobs: { t: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo a', name: 'From raw' }], 'timeout-minutes': 3 } } });
    expect(await checkWorkflow(text)).toEqual([]);
  });
});

describe('parseWorkflow', () => {
  it('reads every part of the syntax (a large reusable workflow) and writes it back as the same data', async () => {
    const text = fixture('reusable.yml');
    const { model, issues } = parseWorkflow(text, 'reusable.yml');
    expect(issues).toEqual([]);
    const out = synthWorkflow(model!);
    expect(parseYaml(out).data).toEqual(parseYaml(text).data);
    expect(workflowSchemaCheck(out)).toEqual([]);
    // actionlint 1.7.7 predates `schedule[].timezone` (2025); everything else must be clean
    const problems = (await checkWorkflow(out)).filter((p) => !/element of "schedule" section must be mapping and must contain one key "cron"/.test(p));
    expect(problems).toEqual([]);
  });

  it('reads a composite action and writes it back as the same data', async () => {
    const text = fixture('composite-action.yml');
    const { model, issues } = parseAction(text, 'action.yml');
    expect(issues).toEqual([]);
    const out = synthAction(model!);
    expect(parseYaml(out).data).toEqual(parseYaml(text).data);
    expect(await checkAction(out)).toEqual([]);
  });

  it('keeps unknown keys as raw content with an info issue, at any depth', () => {
    const text = 'on: push\nx-top: 1\njobs:\n  t:\n    runs-on: x\n    future: {a: 1}\n    container:\n      image: i\n      newopt: 2\n    steps:\n      - run: a\n        later: b\n';
    const { model, issues } = parseWorkflow(text, 'w.yml');
    const sorted = (x: unknown[]) => x.map((i) => JSON.stringify(i)).sort();
    expect(sorted(issues.map((i) => [i.code, i.severity, i.path]))).toEqual(sorted([
      ['workflow/unmodeled-key', 'info', ['x-top']],
      ['workflow/unmodeled-key', 'info', ['jobs', 't', 'future']],
      ['workflow/unmodeled-key', 'info', ['jobs', 't', 'container', 'newopt']],
      ['workflow/unmodeled-key', 'info', ['jobs', 't', 'steps', 0, 'later']],
    ]));
    expect(model!.$raw).toEqual({ 'x-top': 1 });
    expect(parseYaml(synthWorkflow(model!)).data).toEqual(parseYaml(text).data);
  });

  it('reports bad input as issues with file, path, expected and received', () => {
    const wrong = parseWorkflow('on: push\njobs:\n  t:\n    runs-on: 5\n    steps:\n      - run: a\n', 'ci.yml');
    expect(wrong.model).toBeUndefined();
    expect(wrong.issues).toEqual([
      { code: 'workflow/schema/invalid-type', severity: 'error', path: ['jobs', 't', 'runs-on'], file: 'ci.yml', line: 4, message: 'expected string or array or object, received 5' },
    ]);
    expect(parseWorkflow('- a\n- b\n', 'ci.yml').issues[0]).toMatchObject({ code: 'workflow/not-a-mapping', file: 'ci.yml' });
    expect(parseWorkflow('on: [push\n', 'ci.yml').issues[0]).toMatchObject({ code: 'core/yaml-syntax', file: 'ci.yml' });
    // an event name must look like one; a new event (or a typo, which workflow/unknown-event reports) is read
    expect(parseWorkflow('on: Push-It\njobs: {}\n').issues[0]).toMatchObject({ code: 'workflow/schema/invalid-format', path: ['on'], message: expect.stringMatching(/event name.*received "Push-It"/) });
    const both = parseWorkflow('on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: a\n        uses: b@v1\n');
    expect(both.issues[0]).toMatchObject({ code: 'workflow/schema/invalid-step', path: ['jobs', 't', 'steps', 0], hint: expect.any(String) });
    const shellOnUses = parseWorkflow('on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        shell: bash\n');
    expect(shellOnUses.issues[0]).toMatchObject({ code: 'workflow/schema/invalid-step', path: ['jobs', 't', 'steps', 0, 'shell'], line: 7 });
  });

  it('keeps a non-scalar action input with a warning that says what it received', () => {
    const { model, issues } = parseWorkflow('on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        with:\n          id: {{ groupId }}\n', 'ci.yml');
    expect(issues).toEqual([
      expect.objectContaining({ code: 'workflow/unmodeled-value', severity: 'warning', path: ['jobs', 't', 'steps', 0, 'with', 'id'], message: expect.stringMatching(/received an object/), line: 8 }),
    ]);
    expect(model).toBeDefined();
  });

  it('suggests the key a typo meant, with its line', () => {
    const { issues } = parseWorkflow('on: push\njobs:\n  t:\n    runs-onn: ubuntu-latest\n    runs-on: x\n    steps:\n      - run: a\n        timeout-minute: 5\n', 'ci.yml');
    expect(issues).toEqual([
      expect.objectContaining({ code: 'workflow/unmodeled-key', path: ['jobs', 't', 'runs-onn'], line: 4, hint: expect.stringMatching(/did you mean "runs-on"/) }),
      expect.objectContaining({ code: 'workflow/unmodeled-key', path: ['jobs', 't', 'steps', 0, 'timeout-minute'], line: 8, hint: expect.stringMatching(/did you mean "timeout-minutes"/) }),
    ]);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseWorkflow(s);
        expect(Array.isArray(r.issues)).toBe(true);
        parseAction(s);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        parseWorkflow(JSON.stringify({ on: 'push', jobs: { t: v } }));
        parseWorkflow(JSON.stringify({ on: v, jobs: {} }));
      }),
      { numRuns: 300 },
    );
  });
});
