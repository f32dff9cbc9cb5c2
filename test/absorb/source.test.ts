import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configSources, findCalls, literalOccurrences, scanSource } from '../../src/absorb/source.js';
import { removeDir, repoTempDir } from '../helpers/tmp.js';

describe('scanSource and literalOccurrences', () => {
  it('finds a reference in strings and template text, not in comments, code or longer references', () => {
    const text = [
      "// s.image('postgres:16') in a comment",
      "/* 'postgres:16' */ const a = 'postgres:16';",
      'const b = `FROM postgres:16 AS db ${x ? `postgres:16` : "postgres:16.4"} mypostgres:16`;',
      "const c = \"it's postgres:16\\\"\";",
    ].join('\n');
    const scan = scanSource(text);
    const found = literalOccurrences(text, scan, 'postgres:16').map((at) => text.slice(at - 1, at + 12));
    expect(found).toEqual(["'postgres:16'", ' postgres:16 ', '`postgres:16`', ' postgres:16\\']);
  });

  it('finds an image after docker:// (a uses() step); after a bare / it is part of a longer name', () => {
    const text = "uses('docker://alpine:3.20'); const p = 'x/docker://alpine:3.20'; const q = '/alpine:3.20'";
    const found = literalOccurrences(text, scanSource(text), 'alpine:3.20');
    expect(found).toHaveLength(2);
    expect(found.map((at) => text.slice(at - 9, at))).toEqual(['docker://', 'docker://']);
  });

  it('findCalls gives the top-level arguments of a call, skipping methods, declarations and strings', () => {
    const text = "function checkout() {}\nj.checkout(1); const s = 'checkout(1)';\nj.step(checkout({ 'fetch-depth': 0, x: f(1, 2) }, { name: 'a,b', version: 'v5' }));\ncheckout()";
    const calls = findCalls(text, scanSource(text), 'checkout');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args.map((a) => text.slice(a.start, a.end))).toEqual(["{ 'fetch-depth': 0, x: f(1, 2) }", "{ name: 'a,b', version: 'v5' }"]);
    expect(calls[1]?.args).toEqual([]);
  });
});

describe('configSources', () => {
  const dir = repoTempDir('absorb-sources');
  afterAll(() => removeDir(dir));
  it('follows relative imports (.js written for .ts, index files, re-exports, dynamic imports) but not packages', () => {
    mkdirSync(join(dir, 'devstack', 'lib'), { recursive: true });
    writeFileSync(join(dir, 'devstack.config.ts'), "import { App } from 'devstack-kit';\nimport { a } from './devstack/images.js';\nimport './devstack/lib';\nexport default new App();\n");
    writeFileSync(join(dir, 'devstack', 'images.ts'), "export { b } from './more.js';\nexport const a = 'postgres:16';\nconst c = await import('./images.js');\n");
    writeFileSync(join(dir, 'devstack', 'more.ts'), "export const b = 'redis:7';\n");
    writeFileSync(join(dir, 'devstack', 'lib', 'index.ts'), "import 'node:fs';\n");
    expect(configSources(join(dir, 'devstack.config.ts')).map((f) => f.slice(dir.length + 1))).toEqual([
      'devstack.config.ts',
      'devstack/images.ts',
      'devstack/more.ts',
      'devstack/lib/index.ts',
    ]);
  });
});
