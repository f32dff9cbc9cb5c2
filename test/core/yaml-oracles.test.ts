// Generated files with characters strict YAML readers refuse raw (U+2028/2029, NEL, C0/C1 controls,
// the BOM): written escaped through the YAML door, they read back identical and the outside
// validators (compose-spec schema with Ajv; actionlint and GitHub's workflow parser) accept them.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { Compose, composeLiteral, parseCompose } from '../../src/compose/index.js';
import type { WorkflowModel } from '../../src/workflow/model.js';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { synthWorkflow } from '../../src/workflow/synth.js';
import { composeProblems } from '../helpers/oracles/compose.js';
import { actionlint, checkWorkflow } from '../helpers/oracles/workflow.js';

const RAW_UNPRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
const VALUES = ['line\u2028separator', 'para\u2029graph', 'next\u0085line', 'bell\u0007', 'esc\u001b[0m', 'del\u007f', 'c1\u0090', '\ufeffbom', 'tab\tand "quotes"'];

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n');
});

describe('the YAML door on generated files', () => {
  it('a compose file with separators and controls in values passes the compose-spec schema and parses back identical', () => {
    const c = Compose.create().service('api', (s) =>
      s.image('api:1').environment(Object.fromEntries(VALUES.map((v, i) => [`V${i}`, composeLiteral(v)]))).labels({ 'com.example.note': 'a\u2028b' }),
    );
    const text = c.toString();
    expect(text).not.toMatch(RAW_UNPRINTABLE);
    expect(composeProblems(text)).toEqual([]);
    expect(parseYaml(text).data).toEqual(c.toModel());
    expect(parseCompose(text).model).toEqual(c.toModel());
  });

  it('a workflow with separators and controls in names and env passes actionlint and GitHub\'s parser and parses back identical', async () => {
    const model = {
      name: 'CI\u2028nightly',
      on: 'push',
      permissions: { contents: 'read' },
      env: Object.fromEntries(VALUES.map((v, i) => [`V${i}`, v])),
      jobs: { test: { 'runs-on': 'ubuntu-latest', 'timeout-minutes': 5, steps: [{ name: 'Say\u0085hi', run: 'echo "$V0"' }] } },
    } as WorkflowModel;
    const text = synthWorkflow(model);
    expect(text).not.toMatch(RAW_UNPRINTABLE);
    expect(await checkWorkflow(text)).toEqual([]);
    expect(parseWorkflow(text).model).toEqual(model);
  });
});
