import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCodesTable } from '../../scripts/codes-table.js';
import { allCodes } from '../../src/app/app.js';
import { App, Dockerfile, type AppCheck, type LintConfig } from '../../src/index.js';

const table = readFileSync(new URL('../../src/core/codes.generated.ts', import.meta.url), 'utf8');

describe('the type-level list of issue codes (src/core/codes.generated.ts)', () => {
  it('is exactly what the runtime registry gives (run `npm run codes` when a code is added)', () => {
    expect(table, 'src/core/codes.generated.ts is stale: run npm run codes').toBe(renderCodesTable(allCodes()));
  });

  it('lists every code of allCodes() as a key, and nothing else (docs/rules.md agrees: test/docs/rules.test.ts)', () => {
    const keys = [...table.matchAll(/^ {2}'([^']+)': true;$/gm)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(150);
    expect([...keys].sort()).toEqual([...new Set(allCodes().map((c) => c.code))].sort());
  });

  it('the renderer is not a constant: a new code changes the table', () => {
    expect(renderCodesTable([...allCodes(), { code: 'acme/new-rule' }])).toContain(`  'acme/new-rule': true;\n`);
    expect(renderCodesTable([...allCodes(), { code: 'acme/new-rule' }])).not.toBe(table);
  });
});

describe('codes a preset registers with app.check(check, codes)', () => {
  const rooted = () => Dockerfile.create().stage('app', 'python:3.13-slim', (s) => s.cmd(['python', '-m', 'app']));
  const preset: AppCheck = (entries) =>
    entries.some((e) => e.kind === 'dockerfile') ? [{ code: 'acme/has-dockerfile', severity: 'warning', message: 'a Dockerfile is placed', path: [] }] : [];
  const codes = [{ code: 'acme/has-dockerfile', severity: 'warning', summary: 'A Dockerfile is placed.', fix: 'Nothing to fix; this is a test.' }] as const;
  // from plain JavaScript (or before the preset augments IssueCodes) the key is not typed
  const lint = (severity: Record<string, 'off' | 'error'>): LintConfig => ({ severity: severity as NonNullable<LintConfig['severity']> });
  const found = (app: App) => app.validate().map((i) => `${i.severity}:${i.code}`);
  const placed = (app: App): App => {
    app.dockerfile('Dockerfile', rooted());
    return app;
  };

  it('are known to the lint options: a severity for one is applied, not reported as core/unknown-code', () => {
    const app = placed(new App({ lint: lint({ 'acme/has-dockerfile': 'error' }) })).check(preset, codes);
    expect(found(app)).toContain('error:acme/has-dockerfile');
    expect(found(app)).not.toContain('error:core/unknown-code');
    const off = placed(new App({ lint: lint({ 'acme/has-dockerfile': 'off' }) })).check(preset, codes);
    expect(found(off)).not.toContain('warning:acme/has-dockerfile');
    expect(found(off)).not.toContain('error:core/unknown-code');
  });

  it('a check that does not register its code leaves the lint option naming it an unknown code', () => {
    const app = placed(new App({ lint: lint({ 'acme/has-dockerfile': 'off' }) })).check(preset);
    expect(found(app)).toContain('error:core/unknown-code');
  });

  it('refuses a code that is not <domain>/<kebab-name>, or codes that are not a list, with a UsageError', () => {
    expect(() => new App().check(preset, [{ code: 'Acme Rule', severity: 'warning', summary: 's', fix: 'f' }])).toThrow(/app\/invalid-builder: app.check\(check, codes\): "Acme Rule" is not an issue code\n {2}fix: /);
    expect(() => new App().check(preset, 'acme/x' as never)).toThrow(/app\.check\(check, codes\) expects a list of codes, received string/);
  });
});
