import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKER } from '../../src/core/yaml.js';
import { hasMarker } from '../../src/core/text.js';
import { composeCodes, composeKind, envExampleKind } from '../../src/compose/index.js';
import { composeProblems } from '../helpers/oracles/compose.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/compose/rules');

describe('composeKind', () => {
  it('marks, renders and parses', () => {
    const text = composeKind.mark(composeKind.render({ services: { db: { image: 'postgres:16' } } }));
    expect(text).toBe(`# ${MARKER}\nservices:\n  db:\n    image: postgres:16\n`);
    expect(hasMarker(text)).toBe(true);
    expect(composeProblems(text)).toEqual([]);
    expect(composeKind.parse(text).model).toEqual({ services: { db: { image: 'postgres:16' } } });
    expect(composeKind.kind).toBe('compose');
    expect(envExampleKind.kind).toBe('env-example');
  });

  it('reports only declared codes', () => {
    const known = new Set([...composeKind.codes, ...envExampleKind.codes].map((c) => c.code));
    const seen = new Set<string>();
    const inputs: unknown[] = [
      ...readdirSync(fixtures).map((f) => composeKind.parse(readFileSync(resolve(fixtures, f), 'utf8')).model),
      { services: { api: { image: 5, imagee: 'x', restart: 'sometimes', healthcheck: { interval: 10 }, ports: [{ published: 'x' }], depends_on: { db: { condition: 'whenever' } } } } },
      { services: { 'bad name': {} }, volumes: { v: 5 } },
      { services: { a: { oom_score_adj: 5000, cgroup: 'nope' } } },
    ];
    for (const input of inputs) for (const i of composeKind.validate(input as never, { file: 'compose.yaml' })) seen.add(i.code);
    for (const text of ['services: [', '- a', 'services:\n  a:\n    foo: 1\n']) for (const i of composeKind.parse(text).issues) seen.add(i.code);
    expect([...seen].filter((c) => !known.has(c))).toEqual([]);
    expect(seen.size).toBeGreaterThan(15);
  });

  it('reports a repeated item of a unique list at its index', () => {
    const issues = composeKind.validate({ services: { api: { image: 'api:1', profiles: ['dev', 'dev'], cap_add: ['NET_ADMIN'] } } }, { file: 'compose.yaml' });
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([['compose/schema/duplicate-item', ['services', 'api', 'profiles', 1], 'this item is listed twice, received "dev"']]);
  });

  it('never throws, whatever the data', () => {
    const anyService = fc.dictionary(
      fc.constantFrom('image', 'build', 'depends_on', 'healthcheck', 'develop', 'ports', 'volumes', 'networks', 'secrets', 'configs', 'environment', 'restart', 'x-a'),
      fc.anything({ maxDepth: 3 }),
    );
    const siblings = new Map([['backend/.dockerignore', { kind: 'dockerignore', model: { entries: [{ kind: 'ignore', pattern: 'app' }] } }]]);
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(anyService, fc.anything({ maxDepth: 2 }))), fc.anything({ maxDepth: 2 }), (services, volumes) => {
        expect(() => composeKind.validate({ services, volumes } as never, { file: 'compose.yaml', siblings })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('warns that !reset and !override tags are not kept', () => {
    const { model, issues } = composeKind.parse('services:\n  a:\n    image: a:1 # !reset in a comment\n    ports: !reset []\n    environment: !override\n      A: "1"\n', 'compose.override.yaml');
    expect(model).toEqual({ services: { a: { image: 'a:1', ports: [], environment: { A: '1' } } } });
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ['compose/parse/dropped-tag', 4],
      ['compose/parse/dropped-tag', 5],
    ]);
  });

  it('has one entry per code', () => {
    expect(new Set(composeCodes.map((c) => c.code)).size).toBe(composeCodes.length);
  });

  it('turns parse problems into issues with paths, never a crash', () => {
    const { model, issues } = composeKind.parse('services:\n  api:\n    image: [1]\n    ports: 8080\n', 'compose.yaml');
    expect(model).toBeDefined();
    expect(issues.map((i) => [i.code, i.path, i.file])).toEqual([
      ['compose/schema/invalid-type', ['services', 'api', 'image'], 'compose.yaml'],
      ['compose/schema/invalid-type', ['services', 'api', 'ports'], 'compose.yaml'],
    ]);
    expect(composeKind.parse('a: [', 'compose.yaml').issues[0]).toMatchObject({ code: 'core/yaml-syntax', file: 'compose.yaml' });
    expect(composeKind.parse('', 'compose.yaml')).toEqual({ model: {}, issues: [] });
  });
});
