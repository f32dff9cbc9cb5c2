import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseYaml } from '../../src/core/yaml.js';
import { ComposeModelSchema, ServiceSchema, parseCompose, synthCompose, type ComposeModel } from '../../src/compose/index.js';

const tricky = fc.constantFrom(
  'on', 'off', 'yes', 'no', 'y', 'n', 'true', 'False', 'null', '~', '', ' ', '22:22', '8080:80', '3.10', '1e3', '0o14', '0x1F', '012', '.inf', '-.nan',
  '<<', '=', '- a', ': x', 'a: b', '#c', 'a #c', '{a}', '[a]', '*a', '&a', '!t', '%x', '@x', '`x', '"q"', "'s'", 'multi\nline', 'trail\n', ' lead', 'tab\there',
  '${VAR:-default}', '$$', '\\', '|', '>', '?', ',', 'ü', '\u0000', '\u2028',
);
const anyString = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 12 }));

/**
 * Known gaps of the core YAML door (reported to the lead, src/core/yaml.ts is not this domain's):
 * a map KEY `<<` is written plain and then read as a merge key; and the `yaml` package's YAML 1.1
 * reader takes `.`, `e0`, `-.`, `._` … as floats (NaN), while CANDIDATE in yaml.ts only looks at
 * strings with a digit. Keys avoid `<<`; the YAML 1.1 assertion skips models holding such strings.
 */
const YAML11_GAP = /^[-+._0-9eE]+$/;
const hasYaml11Gap = (value: unknown): boolean =>
  typeof value === 'string' ? YAML11_GAP.test(value) : typeof value === 'object' && value !== null ? Object.entries(value).some(([k, v]) => YAML11_GAP.test(k) || hasYaml11Gap(v)) : false;
const key = anyString.filter((s) => s !== '' && s !== '<<' && s !== '__proto__');

const stringKeys = Object.keys(ServiceSchema.shape).filter((k) => (ServiceSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[k]!.safeParse('abc').success);
const listKeys = Object.keys(ServiceSchema.shape).filter((k) => (ServiceSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[k]!.safeParse(['abc']).success);

const service = fc.record({
  strings: fc.dictionary(fc.constantFrom(...stringKeys), anyString),
  lists: fc.dictionary(fc.constantFrom(...listKeys), fc.array(anyString, { maxLength: 3 })),
  environment: fc.dictionary(key, fc.oneof(anyString, fc.constant(null), fc.integer(), fc.boolean()), { maxKeys: 3 }),
  watch: fc.array(fc.record({ action: fc.constantFrom('sync', 'rebuild'), path: anyString, target: anyString }), { maxLength: 2 }),
  healthcheck: fc.record({ test: fc.array(anyString, { maxLength: 3 }), interval: anyString }),
});

describe('YAML every reader reads the same', () => {
  it('round-trips random strings in every string field of a service', () => {
    expect(stringKeys.length).toBeGreaterThan(40);
    expect(listKeys.length).toBeGreaterThan(15);
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,7}$/), service, { minKeys: 1, maxKeys: 2 }), anyString, (services, name) => {
        const model: Record<string, unknown> = { name, services: {} };
        for (const [n, s] of Object.entries(services)) {
          (model['services'] as Record<string, unknown>)[n] = {
            ...s.strings,
            ...s.lists,
            environment: s.environment,
            develop: { watch: s.watch },
            healthcheck: s.healthcheck,
          };
        }
        const text = synthCompose(model as ComposeModel);
        expect(parseYaml(text).data).toEqual(model);
        expect(parseCompose(text).model).toEqual(model);
        // a YAML 1.1 reader (docker-compose v1, PyYAML) reads the same strings
        if (!hasYaml11Gap(model)) expect(parse(text, { version: '1.1' })).toEqual(model);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips random top-level extension and resource names', () => {
    fc.assert(
      // (`__proto__` as a map key is lost by the `yaml` package's toJS: a core YAML door gap, reported)
      fc.property(fc.stringMatching(/^[a-zA-Z0-9._-]{1,10}$/).filter((v) => v !== '__proto__'), anyString, (vol, value) => {
        const model = { volumes: { [vol]: { name: value, labels: { [value === '' || value === '<<' || value === '__proto__' ? 'k' : value]: value } } }, 'x-note': value };
        expect(ComposeModelSchema.safeParse(model).success).toBe(true);
        expect(parseYaml(synthCompose(model as never)).data).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });
});
