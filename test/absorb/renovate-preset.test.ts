// The Renovate preset's regexes, checked with JavaScript's RegExp (Renovate without re2 uses it too;
// the syntax used is also RE2's: no lookarounds, no backreferences). test/integration/renovate.test.ts
// runs Renovate itself on the examples.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_HELPERS } from '../../src/absorb/absorb.js';
import { ROOT } from '../helpers/tmp.js';

interface Manager {
  readonly customType: string;
  readonly fileMatch: readonly string[];
  readonly matchStrings: readonly string[];
  readonly depNameTemplate?: string;
  readonly datasourceTemplate?: string;
}
const preset = JSON.parse(readFileSync(join(ROOT, 'renovate.json'), 'utf8')) as { ignorePaths: string[]; customManagers: Manager[] };

/** What the preset extracts from a source text: `depName value[@digest]` per match. */
function extract(text: string, file = 'devstack.config.ts'): string[] {
  const found: string[] = [];
  for (const m of preset.customManagers) {
    if (!m.fileMatch.some((f) => new RegExp(f).test(file))) continue;
    for (const s of m.matchStrings) {
      for (const hit of text.matchAll(new RegExp(s, 'g'))) {
        const g = hit.groups ?? {};
        found.push(`${g.depName ?? m.depNameTemplate} ${g.currentValue ?? ''}${g.currentDigest ? `@${g.currentDigest}` : ''}`);
      }
    }
  }
  return found.sort();
}

describe('renovate.json (the Renovate preset)', () => {
  it('has a manager for every typed action helper, with the helper’s action as depName', () => {
    const templated = new Map(preset.customManagers.filter((m) => m.depNameTemplate).map((m) => [m.depNameTemplate, m.matchStrings.join(' ')]));
    for (const [helper, { action }] of Object.entries(ACTION_HELPERS)) {
      expect(templated.get(action), action).toContain(`\\b${helper}\\(`);
    }
  });

  it('finds versions in the config and devstack/ modules, never in other TypeScript files', () => {
    const text = "s.image('postgres:16')";
    expect(extract(text)).toEqual(['postgres 16']);
    expect(extract(text, 'devstack/services.ts')).toEqual(['postgres 16']);
    expect(extract(text, 'apps/web/devstack.config.mts')).toEqual(['postgres 16']);
    expect(extract(text, 'src/server.ts')).toEqual([]);
  });

  it('a typed helper’s version is read inside its own call only, not from the next call', () => {
    const text = "j.step(checkout({ ref: f('x') })).step(setupNode({}, { name: 'n', version: 'v3' }))";
    expect(extract(text)).toEqual(['actions/setup-node v3']);
  });

  it('ports, URLs, user:group and module:attribute strings are not images', () => {
    const text = "s.ports('5432:5432').ports('127.0.0.1:6379:6379').env('U', 'localhost:4222'); copy('a', 'b', { chown: 'nginx:nginx' }); cmd(['uvicorn', 'app.main:app']);";
    expect(extract(text)).toEqual([]);
  });

  it('ignores the generated files, so Renovate changes the config and synth writes them', () => {
    for (const p of ['**/Dockerfile', '**/compose.yaml', '.github/workflows/**']) expect(preset.ignorePaths).toContain(p);
  });

  it('is shipped in the package', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('renovate.json');
  });
});
