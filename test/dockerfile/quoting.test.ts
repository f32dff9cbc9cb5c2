import { DockerfileParser, PropertyInstruction } from 'dockerfile-ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dockerfile, DockerfileModelSchema, parseDockerfile } from '../../src/dockerfile/index.js';
import { schemaIssues } from '../../src/core/schema.js';
import { dockerfileProblems, ValidationCode } from '../helpers/oracles/dockerfile.js';
import { processWord } from '../helpers/dockerfile-readers.js';

// dockerfile-utils' known false positive on values that start with a quote (see OracleOptions.allowCodes).
const QUOTE_EDGE = [ValidationCode.SYNTAX_MISSING_DOUBLE_QUOTE, ValidationCode.SYNTAX_MISSING_SINGLE_QUOTE];

const RUNS = { numRuns: 1000 };

// Any text a Dockerfile value can hold: every Unicode character but line breaks (a Dockerfile has no way to write one).
const value = fc.string({ unit: fc.oneof(fc.constantFrom('"', "'", '$', '\\', '`', ' ', '\t', '=', '{', '}', '#', 'é', '😀', '日'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 })
  .filter((s) => !/[\r\n\u2028\u2029\u0085\u000b\u000c]/.test(s));
const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);

function astProps(text: string): [string, string][] {
  return DockerfileParser.parse(text).getInstructions().flatMap((i) => (i instanceof PropertyInstruction ? i.getProperties().map((p): [string, string] => [p.getName(), p.getValue() ?? '']) : []));
}

function check(df: Dockerfile<string>, expected: [string, string][]): void {
  const text = df.toString();
  const model = df.toModel();
  expect(parseDockerfile(text).model).toEqual(model);
  expect(Dockerfile.parse(text).toModel()).toEqual(model);
  expect(astProps(text)).toEqual(expected);
  const quoteEdge = expected.some(([k, v]) => /^["']/.test(v) || /^["']/.test(k));
  expect(dockerfileProblems(text, { skipFormat: true, ...(quoteEdge ? { allowCodes: QUOTE_EDGE } : {}) })).toEqual([]);
}

describe('ENV, LABEL and ARG values read back identical (fast-check)', () => {
  it('ENV: toString → parseDockerfile and dockerfile-ast give the same value', () => {
    fc.assert(fc.property(key, value, (k, v) => {
      check(Dockerfile.create().from('alpine:3.20', (s) => s.env(k, v).user('nobody')), [[k, v]]);
    }), RUNS);
  });

  it('LABEL: keys and values of any text', () => {
    fc.assert(fc.property(value.filter((s) => s.trim() !== '' && !s.includes('=')), value, (k, v) => {
      check(Dockerfile.create().from('alpine:3.20', (s) => s.label(k, v).user('nobody')), [[k, v]]);
    }), RUNS);
  });

  it('ARG defaults, global and per stage', () => {
    fc.assert(fc.property(key, value, value, (k, g, v) => {
      check(Dockerfile.create().arg(k, g).from('alpine:3.20', (s) => s.arg(k, v).user('nobody')), [[k, g], [k, v]]);
    }), RUNS);
  });

  it('several ENV pairs in one instruction', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, minLength: 1, maxLength: 4 }), (pairs) => {
      check(Dockerfile.create().from('alpine:3.20', (s) => s.env(Object.fromEntries(pairs)).user('nobody')), pairs);
    }), RUNS);
  });

  it('with the backtick escape directive too', () => {
    fc.assert(fc.property(key, value, (k, v) => {
      check(Dockerfile.create().escape('`').from('alpine:3.20', (s) => s.env(k, v).user('nobody')), [[k, v]]);
    }), RUNS);
  });

  it('USER and WORKDIR: any text without a line break is written as a word BuildKit reads back exactly', () => {
    fc.assert(fc.property(value.filter((v) => v !== ''), fc.boolean(), fc.constantFrom('\\', '`') as fc.Arbitrary<'\\' | '`'>, (v, user, esc) => {
      const base = esc === '`' ? Dockerfile.create().escape('`') : Dockerfile.create();
      const df = base.from('alpine:3.20', (s) => (user ? s.user(v) : s.workdir(v)).user('nobody'));
      const text = df.toString();
      expect(parseDockerfile(text).model).toEqual(df.toModel());
      const ast = DockerfileParser.parse(text).getInstructions();
      expect(ast.map((i) => i.getKeyword())).toEqual(['FROM', user ? 'USER' : 'WORKDIR', 'USER']);
      expect(processWord(ast[1]!.getArgumentsContent() ?? '', esc)).toBe(v);
      expect(ast[2]!.getArgumentsContent()).toBe('nobody');
    }), RUNS);
  });

  it('exec-form lists of any strings are JSON-escaped and read back', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (args) => {
      const df = Dockerfile.create().from('alpine:3.20', (s) => s.cmd(args).user('nobody'));
      const text = df.toString();
      expect(parseDockerfile(text).model).toEqual(df.toModel());
      expect(text.split('\n').length).toBe(4);
      expect(dockerfileProblems(text)).toEqual([]);
    }), RUNS);
  });

  it('dockerfile-utils false positive is real: it rejects BuildKit-valid text (so the allowance stays narrow)', () => {
    expect(dockerfileProblems('FROM alpine:3.20\nENV A="\\"x"\nUSER nobody\n', { skipFormat: true })).toHaveLength(1);
    expect(dockerfileProblems('FROM alpine:3.20\nENV A="\\"x"\nUSER nobody\n', { skipFormat: true, allowCodes: QUOTE_EDGE })).toEqual([]);
    expect(astProps('FROM alpine:3.20\nENV A="\\"x"\n')).toEqual([['A', '"x']]);
  });

  it('a value with a line break is a clear schema issue, not broken output', () => {
    const model = Dockerfile.create().from('alpine:3.20', (s) => s.env('A', 'one\ntwo')).toModel();
    const issues = schemaIssues(DockerfileModelSchema, model, 'docker', 'Dockerfile');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'docker/schema/invalid-format', path: ['stages', 0, 'instructions', 0, 'vars', 'A'], file: 'Dockerfile' });
    expect(issues[0]!.message).toContain('line break');
    expect(issues[0]!.hint).toBeDefined();
  });
});
