import { describe, expect, it } from 'vitest';
import { envExampleProblems, gitignoreProblems } from './oracles/env.js';

describe('the .env.example reader (dotenv)', () => {
  it('accepts a well-formed file with the expected values', () => {
    expect(envExampleProblems('# Postgres\nDATABASE_URL=postgresql://localhost/app\n\n# secret\nTOKEN=\n', { DATABASE_URL: 'postgresql://localhost/app', TOKEN: '' })).toEqual([]);
  });
  it('still rejects a broken sample: a line dotenv cannot read, and a value read differently', () => {
    expect(envExampleProblems('DATABASE URL=x\n')).not.toEqual([]);
    expect(envExampleProblems('A=x # not a comment in compose\n', { A: 'x # not a comment in compose' })).not.toEqual([]);
  });
});

describe('the .gitignore reader (git check-ignore)', () => {
  it('accepts a block that ignores .env and keeps .env.example', () => {
    expect(gitignoreProblems('# >>> devstack-kit\n.env\n# <<< devstack-kit\n')).toEqual([]);
  });
  it('still rejects a broken sample: a pattern that also ignores .env.example', () => {
    expect(gitignoreProblems('.env*\n')).toEqual(['git ignores .env.example']);
  });
});
