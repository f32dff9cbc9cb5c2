import fc from 'fast-check';
import { parse, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { misreadAsPlain, parseYaml, stringifyYaml } from '../../src/core/yaml.js';
import { Compose } from '../../src/compose/index.js';
import { Workflow } from '../../src/workflow/index.js';

// what a strict reader (libyaml, PyYAML) refuses to see raw in a YAML stream, and YAML 1.1 line breaks
const UNPRINTABLE_RAW = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SPECIAL = ['\u2028', '\u2029', '\u0085', '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\r', '\u001b', '\u001f', '\u007f', '\u0080', '\u009f', '\ufeff', '\ufffe', '\ud800', '\udfff', '$', '}', '{', '${', '$$', '"', "'", '\\', '#', ': ', '- ', '\n', '\t', ' ', 'on', '3.10', '😀'];
/** Strings built from the characters strict readers and Compose care about, mixed with any other text. */
const tricky = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));

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

describe('stringifyYaml: characters strict readers reject', () => {
  it('double-quotes and escapes line and paragraph separators, NEL, C0/C1 controls and the BOM', () => {
    const cases: [string, string][] = [
      ['a\u2028b', '"a\\Lb"'],
      ['a\u2029b', '"a\\Pb"'],
      ['x\u0085y', '"x\\Ny"'],
      ['a\u0001b', '"a\\x01b"'],
      ['a\u007fb', '"a\\x7fb"'],
      ['a\u009fb', '"a\\x9fb"'],
      ['\ufeffa', '"\\ufeffa"'],
      ['a\u0000b', '"a\\0b"'],
      ['bell\u0007 and "quotes" \\ ok', '"bell\\a and \\"quotes\\" \\\\ ok"'],
    ];
    for (const [value, written] of cases) {
      expect(stringifyYaml({ k: value }), JSON.stringify(value)).toBe(`k: ${written}\n`);
      expect(stringifyYaml({ [value]: 1 }), JSON.stringify(value)).toBe(`${written}: 1\n`);
      expect(parseYaml(stringifyYaml({ k: value })).data).toEqual({ k: value });
    }
  });

  it('keeps ordinary text, tabs and line feeds as before (block scalars for scripts)', () => {
    expect(stringifyYaml({ run: 'echo a\necho b\n' })).toBe('run: |\n  echo a\n  echo b\n');
    expect(stringifyYaml({ k: 'a\tb' })).toBe('k: a\tb\n');
  });

  it('writes a header with separators or controls as printable comment text', () => {
    const text = stringifyYaml({ a: 1 }, { header: 'one\u2028two\u0085' });
    expect(text).not.toMatch(UNPRINTABLE_RAW);
    expect(parseYaml(text).data).toEqual({ a: 1 });
  });

  it('a multi-line string with a line of only spaces keeps it (a block scalar would read it as an empty line)', () => {
    for (const value of [' \n', 'a\n  \nb', '\t\n', ' \na']) {
      const text = stringifyYaml({ k: value });
      expect(parseYaml(text).data, JSON.stringify(text)).toEqual({ k: value });
      for (const version of ['1.1', '1.2'] as const) expect(parse(text, { version }).k).toBe(value);
    }
  });

  it('any string (separators, NEL, C0/C1 controls, $, }) reads back identical and the text stays printable (property)', () => {
    fc.assert(
      fc.property(tricky, tricky, (value, key) => {
        const k = key === '__proto__' ? 'k' : key;
        const data = { [k]: value, list: [value, { nested: value }] };
        const text = stringifyYaml(data, { header: 'marker' });
        expect(text).not.toMatch(UNPRINTABLE_RAW);
        expect(parseYaml(text).data).toEqual(data);
        for (const version of ['1.1', '1.2'] as const) expect(parse(text, { version }).list[0]).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('recursive aliases', () => {
  const recursive = ['a: &a [*a]\n', 'x: 1\nb: &b\n  c: { d: *b }\n', 'base: &a\n  <<: *a\n  y: 1\n'];
  it('are an issue with a code and a line, never a cyclic value', () => {
    for (const text of recursive) {
      const { data, issues } = parseYaml(text, 'f.yaml');
      expect(data, text).toBeUndefined();
      expect(issues.map((i) => [i.code, i.file]), text).toEqual([['core/yaml-recursive-alias', 'f.yaml']]);
      expect(issues[0]!.line).toBeGreaterThan(0);
    }
    // shared (non-recursive) aliases still resolve
    expect(parseYaml('a: &a {x: 1}\nb: *a\nc: [*a, *a]\n').data).toEqual({ a: { x: 1 }, b: { x: 1 }, c: [{ x: 1 }, { x: 1 }] });
  });

  it('make Compose.parse and Workflow.parse return an empty builder carrying the code (no throw, no RangeError)', () => {
    const compose = 'services:\n  api: &svc\n    image: api:1\n    labels: *svc\n';
    const workflow = 'on: push\njobs:\n  t: &job\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env: *job\n';
    for (const parsed of [Compose.parse(compose, 'compose.yaml'), Workflow.parse(workflow, 'ci.yml')]) {
      expect(parsed.parseIssues.map((i) => i.code)).toEqual(['core/yaml-recursive-alias']);
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
