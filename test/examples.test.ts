// Every example: its config re-synthesizes to exactly the committed files, every file passes the
// outside validators for its kind, and every file parses back to the model it was written from.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../src/app/app.js';
import type { EnvExampleModel } from '../src/compose/index.js';
import { kinds } from '../src/app/files.js';
import { checkDrift, MANIFEST_PATH } from '../src/app/write.js';
import { composeProblems } from './helpers/oracles/compose.js';
import { dockerfileProblems, dockerignoreProblems } from './helpers/oracles/dockerfile.js';
import { envExampleProblems, gitignoreProblems } from './helpers/oracles/env.js';
import { checkAction, checkWorkflow } from './helpers/oracles/workflow.js';
import { ROOT } from './helpers/tmp.js';

const examples = readdirSync(join(ROOT, 'examples')).filter((d) => existsSync(join(ROOT, 'examples', d, 'devstack.config.ts')));

async function oracle(kind: string, text: string, model: unknown): Promise<string[]> {
  switch (kind) {
    case 'dockerfile':
      return dockerfileProblems(text);
    case 'dockerignore':
      return dockerignoreProblems(text);
    case 'compose':
      return composeProblems(text);
    case 'workflow':
      return checkWorkflow(text);
    case 'action':
      return checkAction(text);
    case 'gitignore':
      return gitignoreProblems(text);
    case 'env-example':
      return envExampleProblems(text, Object.fromEntries((model as EnvExampleModel).entries.map((e) => [e.name, e.value])));
    default:
      return [`no oracle for kind ${kind}`];
  }
}

describe.each(examples)('examples/%s', (name) => {
  const dir = join(ROOT, 'examples', name);
  const load = async (): Promise<App> => {
    const mod = (await import(join(dir, 'devstack.config.ts'))) as { default: App };
    expect(App.isApp(mod.default)).toBe(true);
    return mod.default;
  };

  it('re-synthesizes to exactly the committed files and manifest', async () => {
    const result = (await load()).synth();
    expect(checkDrift(result, dir)).toEqual([]);
    for (const [path, text] of Object.entries(result.files)) if (!result.blocks?.includes(path)) expect(readFileSync(join(dir, path), 'utf8'), path).toBe(text);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_PATH), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(Object.keys(result.files).sort());
    expect(result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('every file passes the outside validators for its kind', async () => {
    const app = await load();
    const { files } = app.synth();
    const kindsSeen = new Set<string>();
    for (const entry of app.entries()) {
      kindsSeen.add(entry.kind);
      expect(await oracle(entry.kind, files[entry.path]!, entry.model), `${entry.path} (${entry.kind})`).toEqual([]);
    }
    if (name === 'seed') expect([...kindsSeen].sort()).toEqual(['compose', 'dockerfile', 'dockerignore', 'env-example', 'gitignore', 'workflow']);
  });

  it('every file parses back to the model it was written from', async () => {
    const app = await load();
    const { files } = app.synth();
    for (const entry of app.entries()) {
      const parsed = kinds[entry.kind].parse(files[entry.path]!, entry.path);
      expect(parsed.issues.filter((i) => i.severity === 'error'), entry.path).toEqual([]);
      // A Dockerfile model carries its .dockerignore, which is a file of its own: not in the text.
      const expected = entry.kind === 'dockerfile' ? { ...(entry.model as object), dockerignore: undefined } : entry.model;
      expect(JSON.parse(JSON.stringify(parsed.model)), entry.path).toEqual(JSON.parse(JSON.stringify(expected)));
    }
  });
});
