// .env.example values read back identically by dotenv (how most tools read .env files), for any
// single-line value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { synthEnvExample } from '../../src/compose/index.js';
import { envExampleProblems } from '../helpers/oracles/env.js';

describe('.env.example through dotenv', () => {
  it('any single-line value and comment read back as written (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/[\r\n\u2028\u2029]/.test(s)), fc.string().filter((s) => !/[\r\n]/.test(s)), (value, comment) => {
        const text = synthEnvExample({ entries: [{ name: 'A_VAR', value, comment }, { name: 'B', value: 'plain' }] });
        expect(envExampleProblems(text, { A_VAR: value, B: 'plain' })).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
