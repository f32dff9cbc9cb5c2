import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { parseCompose } from '../../src/compose/parse.js';
import { synthCompose } from '../../src/compose/synth.js';
import { Compose, composeKind } from '../../src/compose/index.js';
import { composeDataProblems, composeProblems, SHARED_DIR } from '../helpers/oracles/compose.js';

const dirs = ['corpus/compose', 'corpus/compose-e2e'].map((d) => resolve(SHARED_DIR, d));
const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => resolve(dir, f)));

describe('the compose corpus', () => {
  it('has files', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  for (const path of files) {
    const name = path.slice(SHARED_DIR.length + 1);
    it(`round-trips ${name}`, () => {
      const text = readFileSync(path, 'utf8');
      const original = parseYaml(text).data;
      const accepted = original !== undefined && composeDataProblems(original).length === 0;
      const { model, issues } = parseCompose(text, name);
      if (!accepted) {
        // A file the schema rejects yields issues with paths, not a crash.
        expect(issues.length).toBeGreaterThan(0);
        return;
      }
      expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(model).toBeDefined();
      const out = synthCompose(model!);
      expect(parseYaml(out).data).toEqual(original);
      expect(composeProblems(out)).toEqual([]);
      // through the builder too (adoption): Compose.parse(text).toString() keeps the data
      expect(parseYaml(Compose.parse(text).toString()).data).toEqual(original);
      // real files the schema accepts raise no error-level rule issue (warnings such as latest-tag are fine)
      expect(composeKind.validate(model!, { file: name }).filter((i) => i.severity === 'error')).toEqual([]);
    });
  }
});
