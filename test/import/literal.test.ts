import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inline, key, lit, quote, str, template, variableName } from '../../src/import/literal.js';

/** Evaluates a TypeScript/JavaScript expression the importer emitted. */
const evaluate = (code: string): unknown => runInNewContext(`(${code})`);

// any string: full Unicode, lone surrogates, control characters, quotes, backslashes, `${`, line separators
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('$', '{', '}', '`', "'", '"', '\\', '\n', '\r', '\u2028', '\u2029', '\0', '\ud800', '\udc00', 'a', ' '), maxLength: 40 }),
);

describe('string literals', () => {
  it('quote(): any string → a single-quoted literal on one line that evaluates to the same string', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const code = quote(s);
        expect(code).not.toMatch(/[\n\r\u2028\u2029]/);
        expect(evaluate(code)).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('template(): any string → a template literal without placeholders that evaluates to the same string', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const code = template(s);
        expect(code).not.toMatch(/(^|[^\\])(\\\\)*\$\{/);
        expect(evaluate(code)).toBe(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('str() and lit(): any data → an expression that evaluates to equal data', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, anyString, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(anyString, tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(json, fc.nat(40), (v, indent) => {
        expect(evaluate(lit(v, indent))).toEqual(v);
        if (typeof v === 'string') expect(evaluate(str(v))).toBe(v);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps simple strings readable', () => {
    expect(quote("it's")).toBe("'it\\'s'");
    expect(str('echo a\necho ${{ matrix.node }}')).toBe('`echo a\necho \\${{ matrix.node }}`');
    expect(str('one line\n')).toBe("'one line\\n'");
    expect(key('runs-on')).toBe("'runs-on'");
    expect(key('image')).toBe('image');
    expect(key('__proto__')).toBe("['__proto__']");
    const proto = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    expect(evaluate(lit(proto, 0))).toEqual(proto);
    expect(Object.keys(evaluate(lit(proto, 0)) as object)).toEqual(['__proto__']);
    expect(inline({ 'fetch-depth': 0, lfs: true })).toBe("{ 'fetch-depth': 0, lfs: true }");
  });

  it('breaks long data over lines, one entry a line, with comments above their keys', () => {
    const v = { test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5, start_period: '30s', x: 'y'.repeat(30) };
    expect(lit(v, 0, { comments: new Map([['hc.retries', 'be patient']]), path: 'hc' })).toBe(
      [
        '{',
        "  test: ['CMD', 'pg_isready', '-U', 'postgres'],",
        "  interval: '10s',",
        "  timeout: '5s',",
        '  // be patient',
        '  retries: 5,',
        "  start_period: '30s',",
        `  x: '${'y'.repeat(30)}',`,
        '}',
      ].join('\n'),
    );
  });

  it('makes variable names from paths', () => {
    const taken = new Set<string>();
    expect(variableName('backend', taken)).toBe('backend');
    expect(variableName('backend', taken)).toBe('backend2');
    expect(variableName('react-express/frontend', taken)).toBe('reactExpressFrontend');
    expect(variableName('123', taken)).toBe('_123');
    expect(variableName('class', taken)).toBe('class_');
  });
});
