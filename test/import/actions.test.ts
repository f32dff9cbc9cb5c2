import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as workflow from '../../src/workflow/index.js';
import { TYPED_ACTIONS } from '../../src/import/workflow.js';

const src = ['github', 'docker', 'uv'].map((f) => readFileSync(new URL(`../../src/workflow/actions/${f}.ts`, import.meta.url), 'utf8')).join('\n');

/** The input types of each helper, as its `…Inputs` interface declares them. */
function declaredInputs(iface: string): Record<string, string> {
  const body = new RegExp(`export interface ${iface} \\{([\\s\\S]*?)\\n\\}`).exec(src)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/readonly '?([\w-]+)'?(\??): ([^;]+);/g)) {
    const kinds = m[3]!.split('|').map((t) => t.trim()).map((t) => (t === 'Str' || t === 'Lines' || t === 'string' ? 's' : t === 'Bool' || t === 'boolean' ? 'b' : t === 'Num' || t === 'number' ? 'n' : /^'.*'$/.test(t) ? `=${t.slice(1, -1)}` : `?${t}`));
    out[m[1]!] = kinds.join('|') + (m[2] === '?' ? '' : '!');
  }
  return out;
}

describe('the typed actions the importer knows', () => {
  it.each([...TYPED_ACTIONS])('%s matches its helper (name, default version, input types)', (action, entry) => {
    const fn = (workflow as unknown as Record<string, (inputs?: object) => { uses: string }>)[entry.fn];
    expect(typeof fn).toBe('function');
    const required = Object.fromEntries(Object.entries(entry.inputs).filter(([, t]) => t.endsWith('!')).map(([k]) => [k, 'x']));
    expect(fn!(required).uses).toBe(`${action}@${entry.version}`);
    const iface = new RegExp(`export function ${entry.fn}\\(inputs\\??: (\\w+)`).exec(src)?.[1];
    expect(iface).toBeDefined();
    expect(entry.inputs).toEqual(declaredInputs(iface!));
  });
});
