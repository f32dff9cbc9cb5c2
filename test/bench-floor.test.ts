// The bench's floor (bench/floor.mjs) writes the same files as `devstack synth` of each workload, so
// that the ratio `npm run bench` prints compares equal work: the same paths, the same YAML documents
// (parsed), the same Dockerfiles, .dockerignore, .env.example and .gitignore text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { App } from '../src/app/app.js';
// @ts-expect-error -- a plain .mjs script without declarations
import { floorFiles, writeFloor } from '../bench/floor.mjs';

type Files = Record<string, string>;
const floor = floorFiles as { w1: () => Files; w2: () => Files };

function expectSameFiles(mine: Files, synthesized: Readonly<Record<string, string>>): void {
  expect(Object.keys(mine).sort()).toEqual(Object.keys(synthesized).sort());
  for (const [path, text] of Object.entries(synthesized)) {
    if (/\.ya?ml$/.test(path)) {
      expect(parse(mine[path]!), path).toEqual(parse(text));
      expect(mine[path]!.split('\n')[0], path).toBe(text.split('\n')[0]); // the marker
    } else expect(mine[path], path).toBe(text);
  }
}

describe('bench floor', () => {
  it('W1: the same files as the seed stack synthesizes', async () => {
    const w1 = (await import('../bench/workloads/w1.config.js')) as { default: () => App };
    expectSameFiles(floor.w1(), w1.default().synth().files);
  });

  it('W2: the same 451 files as the scale workload synthesizes', async () => {
    const w2 = (await import('../bench/workloads/w2.config.js')) as { default: () => App };
    const files = floor.w2();
    expect(Object.keys(files)).toHaveLength(451);
    expectSameFiles(files, w2.default().synth().files);
  });

  it('writes every file and a manifest listing them with their hashes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devstack-floor-'));
    try {
      const files = floor.w1();
      (writeFloor as (f: Files, d: string) => void)(files, dir);
      for (const [path, text] of Object.entries(files)) expect(readFileSync(join(dir, path), 'utf8')).toBe(text);
      const manifest = JSON.parse(readFileSync(join(dir, '.devstack/manifest.json'), 'utf8')) as { files: { path: string }[] };
      expect(manifest.files.map((f) => f.path)).toEqual(Object.keys(files).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
