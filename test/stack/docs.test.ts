// docs/presets.md: its preset examples are test/stack/fixtures/presets-doc.ts verbatim, and they
// synthesize with no issues into files the outside validators accept.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postgres, Stack } from '../../src/stack/index.js';
import { outsideValidators, synthUnit } from '../../src/stack/testing.js';
import { docsSite, forgotten, mailpit, migrations, misspelledStage, withDocs } from './fixtures/presets-doc.js';

const doc = readFileSync(new URL('../../docs/presets.md', import.meta.url), 'utf8');
const fixture = readFileSync(new URL('./fixtures/presets-doc.ts', import.meta.url), 'utf8');

describe('docs/presets.md', () => {
  it('shows the fixture blocks verbatim', () => {
    const blocks = [...fixture.matchAll(/^\/\/ ---- block: \w+\n([\s\S]*?)(?=^\/\/ ---- )/gm)].map((m) => m[1]!);
    expect(blocks).toHaveLength(3);
    for (const b of blocks) expect(doc).toContain(b);
  });

  it('its presets synthesize cleanly and pass the outside validators', async () => {
    const mail = synthUnit(mailpit({ uiPort: 18025 }));
    expect(mail.errors).toEqual([]);
    expect(mail.issues).toEqual([]);
    expect(mail.files['.env.example']).toContain('SMTP_URL=smtp://localhost:1025');
    expect(mail.stack.unit('mailpit').env.url).toBe('SMTP_URL');
    const mig = synthUnit(migrations, { given: Stack.create().add(postgres()) });
    expect(mig.errors).toEqual([]);
    expect(mig.issues).toEqual([]);
    expect(mig.files['compose.yaml']).toContain('- postgresql://postgres:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/app');
    expect((await outsideValidators(mig)).problems).toEqual([]);
    // what does not compile also throws for untyped callers
    expect(forgotten).toThrow('unit "migrate" needs environment variable "DATABASE_URL", service "postgres"');
  });

  it('its preset that writes a Dockerfile hands back the stages, which a consumer service builds', async () => {
    const docs = synthUnit(docsSite());
    expect(docs.errors).toEqual([]);
    expect(docs.issues).toEqual([]);
    expect(docs.stack.unit('docs').dockerfile.stages).toEqual(['build', 'serve']);
    expect(Object.keys(docs.files).sort()).toEqual(['docs/.dockerignore', 'docs/Dockerfile']);
    expect((await outsideValidators(docs)).problems).toEqual([]);
    const app = withDocs.toApp().synth();
    expect(app.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(app.files['compose.yaml']).toContain('    build:\n      context: ./docs\n      dockerfile: Dockerfile\n      target: serve\n');
    expect(misspelledStage).toThrow('"site" is not a stage of docs/Dockerfile (stages: build, serve)');
  });
});
