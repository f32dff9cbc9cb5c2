/**
 * The wording of compile errors: every fixture in test/fixtures/type-errors is compiled in one
 * TypeScript program, and each error must carry the readable message its `// expect-error:` line
 * names (`@ts-expect-error` sees that there is an error, not what it says).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, 'test/fixtures/type-errors');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => join(dir, f));

interface Found {
  readonly line: number;
  readonly message: string;
}
interface Expected {
  readonly line: number;
  readonly text: string;
}

/** `// expect-error: <text>` expects an error on the next line whose message contains <text>. */
function expectations(text: string): Expected[] {
  const out: Expected[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^\s*\/\/ expect-error: (.+)$/.exec(l);
    if (m) out.push({ line: i + 2, text: m[1] as string });
  });
  return out;
}

let found: Map<string, Found[]>;

beforeAll(() => {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  found = new Map();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    found.set(
      file,
      diagnostics.map((d) => ({
        line: source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
        message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      })),
    );
  }
}, 120_000);

describe('readable compile errors', () => {
  it('has fixtures, each with expectations (and valid.ts without)', () => {
    const names = files.map((f) => f.slice(dir.length + 1));
    expect(names).toContain('valid.ts');
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const f of files) expect(expectations(readFileSync(f, 'utf8')).length > 0, f).toBe(!f.endsWith('valid.ts'));
  });

  it('valid.ts, the correct counterpart of the misuses, compiles cleanly', () => {
    expect(found.get(join(dir, 'valid.ts'))).toEqual([]);
  });

  for (const file of files.filter((f) => !f.endsWith('valid.ts'))) {
    const name = file.slice(dir.length + 1);
    it(`${name}: each misuse gets its readable message, and nothing else errs`, () => {
      const expected = expectations(readFileSync(file, 'utf8'));
      const errors = found.get(file) ?? [];
      // one error per expectation, on the expected line
      expect(errors.map((e) => e.line)).toEqual(expected.map((e) => e.line));
      for (const [i, e] of expected.entries()) {
        const message = (errors[i] as Found).message;
        expect(message).toContain(e.text);
        // not the overload wall of the old signatures, nor the builder's internal name types
        expect(message).not.toMatch(/No overload matches this call|Add<|Set_<|NoNames|Named</);
      }
    });
  }
});

describe('the names are still offered as completions', () => {
  it('at each completion point of test/fixtures/completions/names.ts, exactly the accepted names', () => {
    const file = join(root, 'test/fixtures/completions/names.ts');
    const text = readFileSync(file, 'utf8');
    const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (!config) throw new Error('tsconfig.json could not be read');
    const service = ts.createLanguageService({
      getScriptFileNames: () => [file],
      getScriptVersion: () => '1',
      getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f) ?? '') : undefined),
      getCurrentDirectory: () => root,
      getCompilationSettings: () => config.options,
      getDefaultLibFileName: ts.getDefaultLibFilePath,
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
    });
    const points = [...text.matchAll(/''\/\*> ([^*]+) \*\//g)];
    expect(points.length).toBe(6);
    for (const p of points) {
      const at = (p.index ?? 0) + 1; // inside the quotes
      const offered = service.getCompletionsAtPosition(file, at, {})?.entries.map((e) => e.name).sort();
      expect(offered, text.slice(text.lastIndexOf('\n', at) + 1, at + 1)).toEqual((p[1] as string).split(', ').sort());
    }
  }, 120_000);
});
