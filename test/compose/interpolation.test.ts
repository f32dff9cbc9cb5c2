import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { Compose, composeKind, composeLiteral, Env, interpolate, parseEnvExample, scanInterpolation, synthEnvExample } from '../../src/compose/index.js';
import { composeProblems } from '../helpers/oracles/compose.js';

// `docker compose config` semantics, as the compose specification's interpolation section documents
// them (and as compose-go's template tests pin them): FOO is set, BAR is set but empty, the rest unset.
const ENV = { FOO: 'first', BAR: '' };

describe('interpolate: the compose specification, interpolation section', () => {
  const cases: [string, string][] = [
    // direct substitution, braced and unbraced
    ['This $FOO var', 'This first var'],
    ['This ${FOO} var', 'This first var'],
    ['This ${missing} var', 'This  var'],
    ['This ${BAR} var', 'This  var'],
    ['$FOO-bar', 'first-bar'],
    // ${VAR:-default}: unset or empty; ${VAR-default}: unset only
    ['ok ${missing:-def}', 'ok def'],
    ['ok ${missing-def}', 'ok def'],
    ['ok ${BAR:-def}', 'ok def'],
    ['ok ${BAR-def}', 'ok '],
    ['ok ${FOO:-def}', 'ok first'],
    ['ok ${BAR:-/non:-alphanumeric}', 'ok /non:-alphanumeric'],
    // ${VAR:+alt} / ${VAR+alt}
    ['ok ${FOO:+presence}', 'ok presence'],
    ['ok ${BAR:+presence}', 'ok '],
    ['ok ${BAR+presence}', 'ok presence'],
    ['ok ${missing+presence}', 'ok '],
    // required, when set
    ['ok ${FOO:?err}', 'ok first'],
    ['ok ${BAR?err}', 'ok '],
    // nested
    ['${VARIABLE:-${FOO}}', 'first'],
    ['${VARIABLE:-${FOO:-default}}', 'first'],
    ['${VARIABLE:-${missing:-default}}', 'default'],
    ['ok ${missing-${FOO} ${FOO}}', 'ok first first'],
    ['ok ${BAR+$FOO ${FOO:+second}}', 'ok first second'],
    ['${missing-myerror?msg}', 'myerror?msg'],
    // $$ is a literal $; a $ before anything but a name or { is kept
    ['$$VAR_NOT_INTERPOLATED_BY_COMPOSE', '$VAR_NOT_INTERPOLATED_BY_COMPOSE'],
    ['$${foo}', '${foo}'],
    ['a $ string', 'a $ string'],
    ['^REGEX$', '^REGEX$'],
    ['$}', '$}'],
    ['$1 and 5$', '$1 and 5$'],
    // the expression ends at the first } that closes its ${
    ['${missing:-a}b}', 'ab}'],
  ];
  for (const [template, expected] of cases) {
    it(`${template} → ${JSON.stringify(expected)}`, () => {
      expect(interpolate(template, ENV)).toEqual({ value: expected });
    });
  }

  it('required variables stop with their message', () => {
    expect(interpolate('not ok ${missing:?Mandatory Variable Unset}', ENV)).toEqual({ error: 'required variable missing is missing a value: Mandatory Variable Unset' });
    expect(interpolate('not ok ${BAR:?Mandatory Variable Empty}', ENV)).toEqual({ error: 'required variable BAR is missing a value: Mandatory Variable Empty' });
    expect(interpolate('${VARIABLE?$FOO}', ENV)).toEqual({ error: 'required variable VARIABLE is missing a value: first' });
  });

  it('rejects what Compose rejects: ${VAR/foo/bar} and other braced forms it does not know', () => {
    for (const bad of ['${', '${}', '${ }', '${ foo}', '${foo }', '${foo!}', '${VARIABLE/foo/bar}', 'image:${TAG']) {
      expect(interpolate(bad, ENV), bad).toMatchObject({ error: expect.stringContaining('invalid interpolation format') });
      expect(scanInterpolation(bad).invalid, bad).toHaveLength(1);
    }
  });

  it('scanInterpolation names every variable, nested ones marked', () => {
    const refs = scanInterpolation('pa$word ${A:-${B}} $$HOME $1 ${C:?x$D}').refs;
    expect(refs.map((r) => [r.name, r.braced, r.operator ?? '', r.nested])).toEqual([
      ['word', false, '', false],
      ['A', true, ':-', false],
      ['B', true, '', true],
      ['C', true, ':?', false],
      ['D', false, '', true],
    ]);
    expect(refs.map((r) => 'pa$word ${A:-${B}} $$HOME $1 ${C:?x$D}'.slice(r.start, r.end))).toEqual(['$word', '${A:-${B}}', '${B}', '${C:?x$D}', '$D']);
  });
});

describe('composeLiteral', () => {
  it('doubles every $ so that Compose keeps the text', () => {
    expect(composeLiteral('pa$word')).toBe('pa$$word');
    expect(composeLiteral('echo $HOME ${PATH}')).toBe('echo $$HOME $${PATH}');
    expect(interpolate('pa$word', {})).toEqual({ value: 'pa' }); // what happens without it
  });

  it('any string written through composeLiteral reads back identical, whatever the environment (property)', () => {
    const text = fc.array(fc.oneof(fc.constantFrom('$', '$$', '{', '}', '${', 'FOO', ':-', '?', '+', '-', ' ', '\n'), fc.string({ maxLength: 3 })), { maxLength: 10 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (s) => {
        expect(interpolate(composeLiteral(s), ENV)).toEqual({ value: s });
        expect(scanInterpolation(composeLiteral(s))).toEqual({ refs: [], invalid: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('a service built with it passes the compose-spec schema and raises no interpolation issue', () => {
    const c = Compose.create().service('db', (s) =>
      s.image('postgres:16').env('POSTGRES_PASSWORD', composeLiteral('pa$word')).command(['sh', '-c', composeLiteral('echo $HOME && exec postgres')]),
    );
    const text = c.toString();
    expect(text).toContain('POSTGRES_PASSWORD: pa$$word');
    expect(composeProblems(text)).toEqual([]);
    expect(composeKind.validate(c.toModel(), { file: 'compose.yaml' }).filter((i) => i.code.includes('variable') || i.code.includes('interpolation'))).toEqual([]);
    const env = (parseYaml(text).data as { services: { db: { environment: Record<string, string> } } }).services.db.environment;
    expect(interpolate(env['POSTGRES_PASSWORD']!, {})).toEqual({ value: 'pa$word' });
  });

  it('without it, pa$word and echo $HOME are reported, not silently emptied', () => {
    const c = Compose.create().service('db', (s) => s.image('postgres:16').env('POSTGRES_PASSWORD', 'pa$word').command(['sh', '-c', 'echo $HOME']));
    expect(c.toModel().services?.['db']?.environment).toEqual({ POSTGRES_PASSWORD: 'pa$word' }); // strings stay as written
    const found = composeKind.validate(c.toModel(), { file: 'compose.yaml' }).filter((i) => i.code === 'compose/undeclared-variable');
    expect(found.map((i) => i.path.join('.')).sort()).toEqual(['services.db.command.2', 'services.db.environment.POSTGRES_PASSWORD']);
  });
});

describe('Env defaults: compose and .env.example agree', () => {
  it('writes a $ in a default or a message as $$', () => {
    const env = Env.create().var('DB_PASSWORD', { default: 'pa$word' }).var('PRICE', { default: '5$ or ${X}' });
    expect(env.ref('DB_PASSWORD')).toBe('${DB_PASSWORD:-pa$$word}');
    expect(interpolate(env.ref('DB_PASSWORD'), {})).toEqual({ value: 'pa$word' });
    expect(interpolate(env.ref('PRICE'), {})).toEqual({ value: '5$ or ${X}' });
    expect(interpolate(env.ref('PRICE', { required: 'set $PRICE' }), {})).toEqual({ error: 'required variable PRICE is missing a value: set $PRICE' });
    expect(parseEnvExample(synthEnvExample(env.exampleModel())).model?.entries.map((e) => e.value)).toEqual(['pa$word', '5$ or ${X}']);
  });

  it('a default holding } cannot be written, and says so (env/unwritable-default)', () => {
    expect(() => Env.create().var('JSON', { default: '{"a":1}' })).toThrow(/env\/unwritable-default/);
    expect(() => Env.create().var('X').ref('X', { default: 'a}b' })).toThrow(/env\/unwritable-default/);
    expect(() => Env.create().var('X').ref('X', { required: 'close }' })).toThrow(/env\/unwritable-default/);
    // compose reads ${JSON:-{"a":1}} as the default {"a":1 followed by the text }: right when unset, wrong when set
    expect(interpolate('${JSON:-{"a":1}}', {})).toEqual({ value: '{"a":1}' });
    expect(interpolate('${JSON:-{"a":1}}', { JSON: '[]' })).toEqual({ value: '[]}' });
  });

  it('any default without } reads back in compose exactly as .env.example shows it (property)', () => {
    const value = fc
      .array(fc.oneof(fc.constantFrom('$', '$$', '${', '{', ':-', '?', '#', ' ', "'", 'a', 'é'), fc.string({ maxLength: 3 })), { maxLength: 8 })
      .map((p) => p.join('').replace(/}/g, ''))
      .filter((v) => !/['\n]/.test(v) || !/["\\$]/.test(v)); // env/unportable-value covers the rest
    fc.assert(
      fc.property(value, (dflt) => {
        let env;
        try {
          env = Env.create().var('V', { default: dflt });
        } catch (e) {
          // only an unbalanced `${` (Compose counts it against the closing `}`) can still be unwritable
          expect(String(e)).toMatch(/env\/unwritable-default/);
          expect(dflt).toContain('${');
          return;
        }
        const compose = Compose.create().env(env).service('api', (s) => s.image('api:1').envVar('V'));
        const written = (parseYaml(compose.toString()).data as { services: { api: { environment: { V: string } } } }).services.api.environment.V;
        expect(interpolate(written, {})).toEqual({ value: dflt });
        const example = parseEnvExample(synthEnvExample(compose.envExampleModel()!)).model!.entries[0]!;
        expect(example.value.trim()).toBe(dflt.trim());
      }),
      { numRuns: 1000 },
    );
  });
});
