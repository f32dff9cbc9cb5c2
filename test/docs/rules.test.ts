import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allCodes as appCodes } from '../../src/app/app.js';
import { graphCodes } from '../../src/graph/index.js';

// the App's codes, and the graph's (thrown by `devstack graph`; the App does not depend on src/graph)
const allCodes = () => [...appCodes(), ...graphCodes];

const text = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
const entries = [...text.matchAll(/^### `([^`]+)`\n\*\*(error|warning|info)\*\* — (.+)$/gm)].map((m) => ({ code: m[1]!, severity: m[2]!, summary: m[3]! }));

describe('docs/rules.md', () => {
  it('lists every code exactly once, and only codes that exist', () => {
    const documented = entries.map((e) => e.code);
    expect(new Set(documented).size).toBe(documented.length);
    const codes = allCodes().map((c) => c.code);
    expect([...documented].sort()).toEqual([...codes].sort());
  });

  it('gives each code its default severity', () => {
    const bySeverity = new Map(allCodes().map((c) => [c.code, c.severity]));
    for (const e of entries) expect([e.code, e.severity]).toEqual([e.code, bySeverity.get(e.code)]);
  });

  it('has no headings that do not follow the entry format', () => {
    const headings = [...text.matchAll(/^### (.+)$/gm)].length;
    expect(entries).toHaveLength(headings);
  });

  it('every code has a fix', () => {
    for (const c of allCodes()) expect(c.fix.length, c.code).toBeGreaterThan(10);
  });
});

describe('codes thrown in the source', () => {
  it('every UsageError code and every literal issue code in src/ is documented', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../../src', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(root);
    const documented = new Set(entries.map((e) => e.code));
    const used = new Set<string>();
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/new UsageError\(\s*'([^']+)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/\bcode: '([a-z]+\/[a-z0-9/-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((c) => !documented.has(c)).sort()).toEqual([]);
  });
});
