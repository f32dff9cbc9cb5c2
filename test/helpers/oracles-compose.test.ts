import { describe, expect, it } from 'vitest';
import { composeProblems } from './oracles/compose.js';

describe('compose oracle (official compose-spec schema via Ajv)', () => {
  it('accepts a valid file', () => {
    expect(composeProblems('services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n      interval: 10s\n')).toEqual([]);
  });

  it('rejects a deliberately broken file', () => {
    const broken = [
      'services:',
      '  api:',
      '    image: 5',
      '    imagee: typo',
      '    depends_on:',
      '      db:',
      '        condition: whenever',
      '    develop:',
      '      watch:',
      '        - action: teleport',
      '          path: ./src',
      '    healthcheck:',
      '      interval: 10',
      '',
    ].join('\n');
    const problems = composeProblems(broken);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(problems.join('\n')).toMatch(/imagee/);
    expect(problems.join('\n')).toMatch(/\/services\/api\/healthcheck\/interval/);
  });

  it('rejects invalid YAML', () => {
    expect(composeProblems('services: [')).not.toEqual([]);
  });
});
