import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { ComposeModelSchema } from '../../src/compose/index.js';
import { composeDataProblems, SHARED_DIR } from '../helpers/oracles/compose.js';

const dirs = ['corpus/compose', 'corpus/compose-e2e'].map((d) => resolve(SHARED_DIR, d));
const seeds = dirs
  .flatMap((dir) => readdirSync(dir).map((f) => parseYaml(readFileSync(resolve(dir, f), 'utf8')).data))
  .filter((d) => d !== undefined && composeDataProblems(d).length === 0);

type Path = (string | number)[];
function leaves(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((v, i) => leaves(v, [...path, i]))];
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return [path];
}
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const p of path.slice(0, -1)) node = node[p] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

/** Where devstack-kit is deliberately stricter than the official schema (documented as rules/codes). */
const STRICTER = /\/(interval|timeout|start_period|start_interval|stop_grace_period|delay|monitor|window)$/;

describe('the zod model accepts what the official schema accepts, and rejects what it rejects', () => {
  it('agrees on every leaf of every corpus file replaced by each of a set of values', () => {
    const values = [null, true, false, 0, -1, 1.5, 70000, '', 'x', '10s', [], ['a'], ['a', 'a'], [1], {}, { a: 1 }, { 'x-a': 1 }, { target: 1 }];
    const mismatches = new Set<string>();
    let checked = 0;
    for (const seed of seeds) {
      for (const path of leaves(seed)) {
        for (const value of values) {
          const mutated = setAt(seed, path, value);
          const official = composeDataProblems(mutated).length === 0;
          const ours = ComposeModelSchema.safeParse(mutated).success;
          const at = `/${path.join('/')}`;
          checked++;
          if (official !== ours && !(official && STRICTER.test(at))) mismatches.add(`${at} = ${JSON.stringify(value)}: official ${official ? 'accepts' : 'rejects'}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    expect([...mismatches]).toEqual([]);
  });


  it('agrees on one-value mutations of the corpus', () => {
    expect(seeds.length).toBeGreaterThan(40);
    const replacement = fc.oneof(
      fc.constantFrom(null, true, false, 0, -1, 1.5, 70000, '', 'x', '10s', 'service_healthy', [], ['a'], [1], {}, { a: 1 }, { 'x-a': 1 }, { target: 1 }),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.nat(), fc.nat(), replacement, (i, j, value) => {
        const seed = seeds[i % seeds.length];
        const paths = leaves(seed);
        const path = paths[j % paths.length]!;
        const mutated = setAt(seed, path, value);
        const official = composeDataProblems(mutated).length === 0;
        const ours = ComposeModelSchema.safeParse(mutated).success;
        const at = `/${path.join('/')}`;
        if (official && !ours && STRICTER.test(at)) return; // a duration the spec types as any string
        expect(ours, `${at} = ${JSON.stringify(value)}: official ${official ? 'accepts' : 'rejects'}`).toBe(official);
      }),
      { numRuns: 500 },
    );
  });
});
