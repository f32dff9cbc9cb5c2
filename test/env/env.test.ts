import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { MARKER } from '../../src/core/yaml.js';
import { Env, envExampleKind, parseEnvExample, synthEnvExample, type EnvExampleModel } from '../../src/env/env.js';

const env = Env.create()
  .var('DATABASE_URL', { description: 'Postgres for the API', default: 'postgresql://postgres:postgres@localhost:5432/app' })
  .var('API_TOKEN', { description: 'Token for the upstream API.\nAsk the team lead for one.', secret: true })
  .var('GREETING', { example: 'hello world # not a comment' })
  .var('REQUIRED_THING', { required: true });

describe('Env', () => {
  it('gives interpolations for compose', () => {
    expect(env.ref('DATABASE_URL')).toBe('${DATABASE_URL:-postgresql://postgres:postgres@localhost:5432/app}');
    expect(env.ref('API_TOKEN')).toBe('${API_TOKEN:?API_TOKEN is not set; copy .env.example to .env}');
    expect(env.ref('GREETING')).toBe('${GREETING}');
    expect(env.ref('REQUIRED_THING')).toBe('${REQUIRED_THING:?REQUIRED_THING is not set; copy .env.example to .env}');
    expect(env.ref('GREETING', { default: 'hi' })).toBe('${GREETING:-hi}');
    expect(env.ref('DATABASE_URL', { required: 'set DATABASE_URL' })).toBe('${DATABASE_URL:?set DATABASE_URL}');
    expect(env.names()).toEqual(['DATABASE_URL', 'API_TOKEN', 'GREETING', 'REQUIRED_THING']);
  });

  it('is immutable, and its model is plain data', () => {
    const a = Env.create();
    const b = a.var('X');
    expect(a.names()).toEqual([]);
    expect(b.toModel()).toEqual({ vars: [{ name: 'X' }] });
    expect(Env.fromModel(env.toModel()).toModel()).toEqual(env.toModel());
    expect(Env.isEnv(b)).toBe(true);
    expect(Env.isEnv({})).toBe(false);
  });

  it('rejects bad and duplicate names at once', () => {
    expect(() => Env.create().var('1X')).toThrow(UsageError);
    expect(() => Env.create().var('A-B')).toThrow(/env\/invalid-name/);
    expect(() => Env.create().var('A').var('A')).toThrow(/env\/duplicate-name/);
    expect(() => env.ref('NOPE' as never)).toThrow(/env\/unknown-name/);
    // a secret's default would be committed in compose.yaml as ${API_KEY:-abc}
    expect(() => Env.create().var('API_KEY', { secret: true, default: 'abc' })).toThrow(/env\/secret-default/);
    expect(Env.create().var('API_KEY', { secret: true }).ref('API_KEY')).toBe('${API_KEY:?API_KEY is not set; copy .env.example to .env}');
  });

  it('writes .env.example with comments and placeholders, never a secret value', () => {
    const text = synthEnvExample(env.exampleModel());
    expect(text).toBe(
      [
        '# Postgres for the API',
        'DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app',
        '',
        '# Token for the upstream API.',
        '# Ask the team lead for one.',
        '# secret: set the real value in .env (never commit it)',
        'API_TOKEN=',
        "GREETING='hello world # not a comment'",
        'REQUIRED_THING=',
        '',
      ].join('\n'),
    );
    expect(parseEnvExample(text).model).toEqual(env.exampleModel());
    expect(envExampleKind.parse(envExampleKind.mark(text)).model).toEqual(env.exampleModel());
    expect(envExampleKind.mark(text).split('\n')[0]).toBe(`# ${MARKER}`);
    expect(envExampleKind.validate(env.exampleModel(), { file: '.env.example' })).toEqual([]);
  });

  it('reports a secret with a value, duplicates, bad names, and unreadable lines', () => {
    const bad: EnvExampleModel = {
      entries: [
        { name: 'API_TOKEN', value: 'sk_live_123', secret: true },
        { name: 'A', value: '1' },
        { name: 'A', value: '2' },
        { name: '9BAD', value: '' },
      ],
    };
    const issues = envExampleKind.validate(bad, { file: '.env.example' });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['env/schema/invalid-format', ['entries', 3, 'name']],
      ['env/secret-value', ['entries', 0, 'value']],
      ['env/duplicate-name', ['entries', 2, 'name']],
    ]);
    const parsed = parseEnvExample('A=1\nthis is not a line\n', '.env.example');
    expect(parsed.issues.map((i) => [i.code, i.line])).toEqual([['env/parse/unreadable-line', 2]]);
    expect(() => envExampleKind.validate(null as never, {})).not.toThrow();
  });

  it('round-trips random values and descriptions', () => {
    const line = fc.string({ maxLength: 20 }).filter((s) => !/[\r\n]/.test(s) && s === s.trim() && s !== 'secret: set the real value in .env (never commit it)');
    const entry = fc.record(
      {
        name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/),
        value: fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes('\r')),
        comment: fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')),
      },
      { requiredKeys: ['name', 'value'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(entry, { selector: (e) => e.name, maxLength: 5 }), (entries) => {
        const model: EnvExampleModel = { entries };
        expect(parseEnvExample(synthEnvExample(model)).model).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });
});
