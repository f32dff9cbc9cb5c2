import fc from 'fast-check';
import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { misreadAsPlain, parseYaml, stringifyYaml } from '../../src/core/yaml.js';

describe('stringifyYaml', () => {
  it('quotes strings a YAML 1.1 or 1.2 reader would misread, and nothing else', () => {
    const text = stringifyYaml({ ports: ['22:22', '8080:80'], v: '3.10', flag: 'on', y: 'yes', n: 'No', octal: '0o14', tilde: '~', plain: 'api', num: 5 });
    expect(text).toBe(
      "ports:\n  - '22:22'\n  - 8080:80\nv: '3.10'\nflag: 'on'\n'y': 'yes'\n'n': 'No'\noctal: '0o14'\ntilde: '~'\nplain: api\nnum: 5\n",
    );
  });

  it('keeps listed keys plain and quotes other ambiguous keys', () => {
    expect(stringifyYaml({ on: { push: null }, off: 1 }, { plainKeys: ['on'] })).toBe("on:\n  push:\n'off': 1\n");
  });

  it('never folds long lines and never writes anchors for shared objects', () => {
    const shared = { a: 'x'.repeat(300) };
    const text = stringifyYaml({ one: shared, two: shared });
    expect(text).not.toContain('&');
    expect(text.split('\n').some((l) => l.length > 300)).toBe(true);
  });

  it('quotes a literal << key so that merge-resolving readers keep it', () => {
    const text = stringifyYaml({ '<<': { a: 1 }, b: 2 });
    expect(text).toBe("'<<':\n  a: 1\nb: 2\n");
    expect(parseYaml(text).data).toEqual({ '<<': { a: 1 }, b: 2 });
  });

  it('quotes number-like strings the YAML 1.1 reader takes as floats (".", "e0", "-.")', () => {
    for (const s of ['.', 'e0', '-.', '._', 'E5']) expect(misreadAsPlain(s), s).toBe(true);
  });

  it('writes the header as comment lines', () => {
    expect(stringifyYaml({ a: 1 }, { header: 'hello' }).startsWith('# hello\n')).toBe(true);
  });

  it('round-trips any string under both YAML 1.1 and 1.2 readers (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (value, key) => {
        const text = stringifyYaml({ [key === '__proto__' ? 'k' : key]: value, list: [value] });
        expect(parseYaml(text).data).toEqual({ [key === '__proto__' ? 'k' : key]: value, list: [value] });
        for (const version of ['1.1', '1.2'] as const) {
          const back = parse(text, { version });
          expect(back.list[0]).toBe(value);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('misreadAsPlain agrees with the readers on tricky scalars', () => {
    for (const s of ['1:30', '0x1F', '1e3', '.inf', 'NULL', 'Y', 'off', '+1', '1_000', '59:59', '60:60']) {
      const plainBack11 = parse(s, { version: '1.1' });
      const plainBack12 = parse(s, { version: '1.2' });
      expect(misreadAsPlain(s)).toBe(plainBack11 !== s || plainBack12 !== s);
    }
  });
});

describe('parseYaml', () => {
  it('resolves merge keys', () => {
    expect(parseYaml('base: &b {x: 1}\nsvc:\n  <<: *b\n  y: 2\n').data).toEqual({ base: { x: 1 }, svc: { x: 1, y: 2 } });
  });
  it('reports syntax errors and duplicate keys with a line, never throws', () => {
    const bad = parseYaml('a: 1\nb: [1, 2\n', 'compose.yaml');
    expect(bad.issues[0]).toMatchObject({ code: 'core/yaml-syntax', file: 'compose.yaml', severity: 'error' });
    expect(bad.issues[0]!.line).toBeGreaterThan(0);
    expect(parseYaml('a: 1\na: 2\n').issues.map((i) => i.code)).toEqual(['core/yaml-syntax']);
  });

  // parseYaml finds duplicate keys itself (one Set per map) rather than with yaml's uniqueKeys, which
  // compares each key with every key before it; it must report exactly what uniqueKeys reports
  it('reports the same duplicate keys, messages and lines as yaml\'s uniqueKeys check', () => {
    const withYaml = (text: string) =>
      parseDocument(text, { version: '1.2', merge: true, uniqueKeys: true, prettyErrors: true }).errors.map((e) => ({ message: e.message.split('\n')[0], line: e.linePos?.[0]?.line }));
    const samples = [
      'a: 1\na: 2\n',
      'x:\n  b: 1\n  c: 2\n  b: 3\n',
      '{a: 1, a: 2}\n',
      '- {x: 1}\n- y: 1\n  y: 2\n',
      '1: a\n"1": b\n',
      '? [1]\n: a\n? [1]\n: b\n',
      '~: 1\nnull: 2\n',
      'a: &x 1\nb: *x\n',
      '.nan: 1\n.nan: 2\n',
      'a: 1\nb: [1, 2\na: 3\n',
      '<<: {a: 1}\n<<: {b: 2}\n',
      'a: 1\nb:\n  - c: 1\n    c: 2\na: 3\nb: 4\n',
      `${Array.from({ length: 5000 }, (_, i) => `k${i}: ${i}`).join('\n')}\nk17: again\n`,
    ];
    for (const text of samples) {
      expect(parseYaml(text).issues.map((i) => ({ message: i.message, line: i.line })), text.slice(0, 40)).toEqual(withYaml(text));
    }
    expect(parseYaml(samples.at(-1)!).issues[0]?.line).toBe(5001);
  });
});
