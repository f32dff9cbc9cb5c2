// .env.example values read back identically by dotenv (how most tools read .env files), for any
// single-line value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envExampleKind, synthEnvExample } from '../../src/env/env.js';
import { envExampleProblems } from '../helpers/oracles/env.js';

describe('.env.example through dotenv', () => {
  it('any single-line value and comment read back as written (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/[\r\n\u2028\u2029]/.test(s)), fc.string().filter((s) => !/[\r\n]/.test(s)), (value, comment) => {
        const model = { entries: [{ name: 'A_VAR', value, comment }, { name: 'B', value: 'plain' }] };
        const codes = envExampleKind.validate(model, { file: '.env.example' }).map((i) => i.code);
        // a value no quoting can write for both readers is reported instead of written wrong
        if (value.includes("'") && /["\\$]/.test(value)) expect(codes).toEqual(['env/unportable-value']);
        else {
          expect(codes).toEqual([]);
          expect(envExampleProblems(synthEnvExample(model), { A_VAR: value, B: 'plain' })).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports env/unportable-value for the value dotenv misread (a \' with a ", \\ or $), and writes its neighbours right', () => {
    for (const value of [`'"`, `it's $HOME`, `a'b\\c`]) {
      expect(envExampleKind.validate({ entries: [{ name: 'A', value }] }, { file: '.env.example' }).map((i) => i.code), value).toEqual(['env/unportable-value']);
    }
    for (const value of [`it's`, `say "hi"`, `$HOME/x`, `a\\b`, `it's #1`]) {
      expect(envExampleKind.validate({ entries: [{ name: 'A', value }] }, { file: '.env.example' }), value).toEqual([]);
      expect(envExampleProblems(synthEnvExample({ entries: [{ name: 'A', value }] }), { A: value }), value).toEqual([]);
    }
  });
});
