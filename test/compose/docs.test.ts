import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeCodes, composeKind, envExampleKind } from '../../src/compose/index.js';

const rules = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/rules.md'), 'utf8');

function section(name: string): string {
  const start = rules.indexOf(`\n## ${name}\n`);
  const end = rules.indexOf('\n## ', start + 1);
  return rules.slice(start, end === -1 ? undefined : end);
}

describe('docs/rules.md, compose section', () => {
  const entries = [...section('compose').matchAll(/^### `([^`]+)`\n\*\*(error|warning|info)\*\* — (.+)\n\nWhy: (.+) Fix: (.+)$/gm)].map((m) => ({
    code: m[1]!,
    severity: m[2]!,
    summary: m[3]!,
    why: m[4]!,
    fix: m[5]!,
  }));

  it('lists every compose code once, with its severity, summary and fix', () => {
    expect(entries.map((e) => e.code)).toEqual(composeCodes.map((c) => c.code));
    for (const c of composeCodes) {
      const e = entries.find((x) => x.code === c.code)!;
      expect(e.severity, c.code).toBe(c.severity);
      expect(e.summary, c.code).toBe(c.summary);
      expect(e.fix, c.code).toBe(c.fix);
      expect(e.why.length, c.code).toBeGreaterThan(20);
    }
  });

  it('covers every code the compose kinds declare', () => {
    const documented = new Set(entries.map((e) => e.code));
    const kindCodes = [...composeKind.codes, ...envExampleKind.codes].map((c) => c.code).filter((c) => !c.startsWith('core/'));
    expect(kindCodes.filter((c) => !documented.has(c))).toEqual([]);
  });
});
