import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JSON_VERSION, Reporter } from '../../src/cli/output.js';
import type { Drift } from '../../src/app/write.js';
import type { Issue } from '../../src/core/issue.js';

// Every key of the types, no more (tsc rejects a missing or an extra one), in the documented order.
const issueKeys: Record<keyof Issue, true> = { code: true, severity: true, message: true, file: true, path: true, line: true, hint: true, source: true };
const driftKeys: Record<keyof Drift, true> = { path: true, kind: true, diff: true, issue: true };

const text = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
/** The field names of the first table after a line that starts with `start`. */
const fields = (start: string): string[] => {
  const rest = text.slice(text.indexOf(start));
  const table = rest.slice(rest.indexOf('| field |'));
  const rows = table.slice(0, table.search(/\n\n/)).split('\n').slice(2);
  return rows.map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1] ?? `unparsed: ${row}`);
};

describe('docs/cli.md documents the --json shape', () => {
  it('lists every field of the document, in order, and nothing else', () => {
    const doc = new Reporter('check', { mode: 'json', github: false, color: { stdout: false, stderr: false }, workspace: '.' }).report(0);
    expect(fields('One document per run')).toEqual(Object.keys(doc));
    expect(doc.version).toBe(JSON_VERSION);
    expect(text).toContain(`| \`version\` | \`${JSON_VERSION}\` |`);
  });

  it('lists the fields of an Issue and a Drift', () => {
    expect(fields('An **Issue**')).toEqual(Object.keys(issueKeys));
    expect(fields('A **Drift**')).toEqual(Object.keys(driftKeys));
  });
});
