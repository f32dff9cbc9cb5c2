import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allCodes } from '../../src/app/app.js';

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
