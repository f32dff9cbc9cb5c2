import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaIssues, schemaThenRules } from '../../src/core/schema.js';
import { defineRule } from '../../src/core/rule.js';
import { composeKind } from '../../src/compose/index.js';
import { dockerfileKind, dockerignoreKind } from '../../src/dockerfile/index.js';
import { workflowKind } from '../../src/workflow/index.js';

// One validation path for every kind: unions report their innermost reason, unknown keys get a
// "did you mean" hint, in all three domains.
describe('schemaThenRules: one path for every kind', () => {
  it('flattens a failed union to the innermost reason in compose', () => {
    const issues = composeKind.validate(
      { services: { api: { image: 'api:1', depends_on: { db: { condition: 'service_heathy' } } }, db: { image: 'postgres:16' } } } as never,
      { file: 'compose.yaml' },
    );
    const schema = issues.filter((i) => i.code.startsWith('compose/schema/'));
    expect(schema).toHaveLength(1);
    expect(schema[0]!.path).toEqual(['services', 'api', 'depends_on', 'db', 'condition']);
    expect(schema[0]!.message).toContain('"service_healthy"');
    expect(schema[0]!.message).toContain('received "service_heathy"');
  });

  it('gives a "did you mean" hint for a misspelled compose key', () => {
    const issues = composeKind.validate({ services: { api: { image: 'api:1', healtcheck: { test: ['CMD', 'true'] } } } } as never, { file: 'compose.yaml' });
    const unknown = issues.find((i) => i.code === 'compose/schema/unknown-key');
    expect(unknown?.path).toEqual(['services', 'api', 'healtcheck']);
    expect(unknown?.hint).toMatch(/^did you mean "healthcheck"\?/);
  });

  it('gives a "did you mean" hint for a misspelled Dockerfile model key', () => {
    const issues = dockerfileKind.validate({ stages: [{ from: 'python:3.13', instructions: [{ kind: 'run', command: 'true', mounst: [] }] }] } as never, { file: 'Dockerfile' });
    const unknown = issues.find((i) => i.code === 'docker/schema/unknown-key');
    expect(unknown?.hint).toBe('"mounst": did you mean "mounts"?');
  });

  it('says a required key is missing in the Dockerfile and .dockerignore domains', () => {
    const d = dockerfileKind.validate({ stages: [{ instructions: [] }] } as never, { file: 'Dockerfile' });
    expect(d).toContainEqual(expect.objectContaining({ code: 'docker/schema/invalid-type', path: ['stages', 0, 'from'], message: 'the required key "from" is missing, received nothing', hint: 'add from:' }));
    const i = dockerignoreKind.validate({ entries: [{ kind: 'ignore' }] } as never, { file: '.dockerignore' });
    expect(i[0]?.message).toBe('the required key "pattern" is missing, received nothing');
  });

  it('keeps the workflow behaviour (innermost union reason, did you mean, missing on:)', () => {
    const issues = workflowKind.validate({ jobs: { t: { 'runs-on': 'ubuntu-latest', stpes: [] } } } as never, { file: '.github/workflows/ci.yml' });
    expect(issues).toContainEqual(expect.objectContaining({ path: ['on'], hint: "say when the workflow runs: .on('push') or on: push" }));
  });

  it('a generic schema: union flattening, hints from its own keys, rules only on a valid model unless asked', () => {
    const schema = z.object({ name: z.string(), port: z.union([z.number(), z.object({ target: z.number() }).strict()]) }).strict();
    const issues = schemaIssues(schema, { name: 'x', port: { target: 'a' }, nmae: 1 }, 'demo');
    expect(issues.map((i) => [i.code, i.path.join('.'), i.hint])).toEqual([
      ['demo/schema/invalid-type', 'port.target', undefined],
      ['demo/schema/unknown-key', '', '"nmae": did you mean "name"?'],
    ]);
    const rule = defineRule<unknown>({ code: 'demo/always', severity: 'warning', summary: 's', fix: 'f', *check() { yield { path: [], message: 'ran' }; } });
    expect(schemaThenRules(schema, 'demo', [rule])({ name: 1, port: 1 }, {}).map((i) => i.code)).toEqual(['demo/schema/invalid-type']);
    expect(schemaThenRules(schema, 'demo', [rule], { rulesOnInvalid: true })({ name: 1, port: 1 }, {}).map((i) => i.code)).toEqual(['demo/schema/invalid-type', 'demo/always']);
  });
});
