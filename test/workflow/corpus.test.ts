import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { synthWorkflow } from '../../src/workflow/synth.js';
import { Workflow } from '../../src/workflow/builder.js';
import { workflowKind } from '../../src/workflow/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(here, '../../../shared/corpus/workflows');
const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('the starter-workflows corpus round-trips', () => {
  it('has files to read', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  it.each(files)('%s', (name) => {
    const text = readFileSync(join(corpus, name), 'utf8');
    const original = parseYaml(text).data;
    const { model, issues } = parseWorkflow(text, name);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(model).toBeDefined();
    const out = synthWorkflow(model!);
    expect(parseYaml(out).data).toEqual(original);
    // a second round is stable: the same bytes
    const again = parseWorkflow(out, name);
    expect(synthWorkflow(again.model!)).toBe(out);
    // the builder path writes the same text, and validation runs the rules without throwing
    expect(Workflow.parse(text, name).toString()).toBe(out);
    const issues2 = workflowKind.validate(model!, { file: name });
    expect(issues2.filter((i) => i.code.startsWith('workflow/schema/'))).toEqual([]);
  });
});
