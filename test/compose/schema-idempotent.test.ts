import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { schemaIssues } from '../../src/core/schema.js';
import { Compose, ComposeModelSchema, synthCompose, validateCompose } from '../../src/compose/index.js';
import { SHARED_DIR } from '../helpers/oracles/compose.js';

// A compose builder's model is recorded as its own parse (validation and synthesis then skip parsing
// it again). That holds only while parsing the schema's output gives that output back unchanged,
// key order included: no transforms, no defaults. Check it on every corpus file the schema accepts.
const dirs = ['corpus/compose', 'corpus/compose-e2e'].map((d) => resolve(SHARED_DIR, d));
const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => resolve(dir, f)));

describe('ComposeModelSchema', () => {
  it('parses its own output to the same data, in the same key order', () => {
    let accepted = 0;
    for (const path of files) {
      const data = parseYaml(readFileSync(path, 'utf8')).data;
      const once = ComposeModelSchema.safeParse(data);
      if (!once.success) continue;
      accepted++;
      const twice = ComposeModelSchema.safeParse(once.data);
      expect(twice.success, path).toBe(true);
      expect(JSON.stringify(twice.data), path).toBe(JSON.stringify(once.data));
    }
    expect(accepted).toBeGreaterThan(20);
  });

  it('a builder model gives the same issues and text as a fresh copy of it', () => {
    for (const path of files) {
      const data = parseYaml(readFileSync(path, 'utf8')).data;
      if (!ComposeModelSchema.safeParse(data).success) continue;
      const model = Compose.fromModel(data as never).toModel();
      const copy = structuredClone(model);
      expect(validateCompose(model, { file: 'compose.yaml' }), path).toEqual(validateCompose(copy, { file: 'compose.yaml' }));
      expect(schemaIssues(ComposeModelSchema, model, 'compose'), path).toEqual([]);
      expect(synthCompose(model), path).toBe(synthCompose(copy));
    }
  });
});
