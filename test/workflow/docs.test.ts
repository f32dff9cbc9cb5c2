import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workflowCodes } from '../../src/workflow/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const rulesMd = readFileSync(resolve(here, '../../docs/rules.md'), 'utf8');

function workflowSection(): string {
  const start = rulesMd.indexOf('\n## workflow\n');
  expect(start).toBeGreaterThan(0);
  const next = rulesMd.indexOf('\n## ', start + 5);
  return rulesMd.slice(start, next < 0 ? undefined : next);
}

describe('docs/rules.md, workflow section', () => {
  const entries = [...workflowSection().matchAll(/^### `([^`]+)`\n\*\*(error|warning|info)\*\* — (.+)\n\nWhy: (.+) Fix: (.+)$/gm)].map((m) => ({
    code: m[1], severity: m[2], summary: m[3], why: m[4], fix: m[5],
  }));

  it('has exactly one entry per workflow code, in the documented format', () => {
    expect(entries.map((e) => e.code).sort()).toEqual(workflowCodes.map((c) => c.code).sort());
    expect(workflowSection().match(/^### /gm)?.length).toBe(workflowCodes.length);
  });

  it('each entry states the code\'s severity, summary and fix', () => {
    for (const c of workflowCodes) {
      const e = entries.find((x) => x.code === c.code)!;
      expect(e.severity).toBe(c.severity);
      expect(e.summary).toBe(c.summary);
      expect(e.fix).toBe(c.fix);
      expect(e.why!.length).toBeGreaterThan(20);
    }
  });
});
