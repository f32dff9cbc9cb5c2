import { Lexer, Parser } from '@actions/expressions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/rule.js';
import { conditionSource, expr, expressionSites, parseExpression, referencesIn, scanTemplate, stringsIn } from '../../src/workflow/expressions.js';
import type { WorkflowModel } from '../../src/workflow/model.js';
import { contextRules } from '../../src/workflow/rules/contexts.js';

describe('scanTemplate', () => {
  it('finds each ${{ … }} as GitHub\'s template reader does (a }} inside a quoted literal does not close)', () => {
    expect(scanTemplate("a ${{ '}}' }} b ${{ x }}")).toEqual({ parts: [{ start: 2, end: 13, body: " '}}' " }, { start: 16, end: 24, body: ' x ' }] });
    expect(scanTemplate("${{ 'it''s' }}").parts.map((p) => p.body)).toEqual([" 'it''s' "]);
    expect(scanTemplate('${{}}').parts.map((p) => p.body)).toEqual(['']);
    expect(scanTemplate('echo ${{ a }} ${{ b').unclosed).toBe(14);
    expect(scanTemplate('no expressions { } }}')).toEqual({ parts: [] });
  });
});

describe('parseExpression', () => {
  const ok = (s: string) => expect(parseExpression(s).error, s).toBeUndefined();
  const bad = (s: string, message: RegExp) => expect(parseExpression(s).error?.message, s).toMatch(message);

  it('reads every form of the grammar', () => {
    for (const s of [
      "github.event_name == 'push' && !cancelled()",
      "github['event']['pull_request'].labels.*.name",
      'github.event.commits[0].id',
      'toJSON(github.event.*.id)',
      'fromJSON(needs.plan.outputs.targets)[0]',
      '(1 < 2) || (0x1F >= -1.5e3) && NaN != Infinity',
      "contains(fromJSON('[\"a\"]'), 'a')",
      'steps.my-step.outputs.out_1',
      "format('{0}', a.b,)", // GitHub accepts a trailing comma in a call
      "case(true, 'a', 'b')",
      'null == false',
      'a.true',
    ]) ok(s);
  });

  it('rejects what GitHub rejects, saying what and where', () => {
    bad('github.ref == "main"', /unexpected symbol `"main"` \(strings are written in single quotes\)/);
    bad("github.ref = 'main'", /unexpected symbol `=` \(compare with ==\)/);
    bad('a &b', /unexpected symbol `&b`/);
    bad("'abc", /no closing quote/);
    bad('contains(a, b', /ends too early/);
    bad("'a'.length", /`\.length` cannot follow here: only a context, a function call or a parenthesized expression has properties/);
    bad('1.2.3', /`1\.2\.3` is not a number/);
    bad('a.', /ends too early/);
    bad('a..b', /`\.b` cannot follow here/);
    bad('', /empty/);
    bad('(' .repeat(60) + '1' + ')'.repeat(60), /nested more than 50/);
    expect(parseExpression('a && "x"').error?.at).toBe(5);
  });

  it('lists context reads with their property paths, and calls', () => {
    const { paths, calls } = referencesIn(parseExpression("contains(needs.build.outputs['tags'], matrix.os) || steps[inputs.id].outcome || toJSON(matrix)").node!);
    const show = paths.map((p) => [p.context, ...p.segments.map((s) => ('name' in s ? s.name : 'star' in s ? '*' : '?'))].join('/'));
    expect(show).toEqual(['needs/build/outputs/tags', 'matrix/os', 'inputs/id', 'steps/?/outcome', 'matrix']);
    expect(calls.map((c) => [c.name, c.args.length])).toEqual([['contains', 2], ['toJSON', 1]]);
  });
});

describe('expressionSites (the walker the workflow rules share)', () => {
  it('yields ${{ }} parts of every string and bare job and step if: conditions, with paths; skips $pinning', () => {
    const model = {
      'run-name': 'Deploy ${{ inputs.env }}',
      $pinning: { policy: 'tag', note: '${{ ignored }}' },
      jobs: { t: { if: "github.ref == 'main'", env: { if: 'not a condition' }, steps: [{ if: 'success()', run: "echo ${{ matrix.os }} ${{ '}}' }}" }] } },
    };
    expect([...expressionSites(model)].map((s) => [s.path.join('.'), s.source, s.bare])).toEqual([
      ['run-name', 'inputs.env', false],
      ['jobs.t.if', "github.ref == 'main'", true],
      ['jobs.t.steps.0.if', 'success()', true],
      ['jobs.t.steps.0.run', 'matrix.os', false],
      ['jobs.t.steps.0.run', "'}}'", false],
    ]);
  });
});

describe('conditionSource and stringsIn', () => {
  it('an if: is its own text, or the body of the one ${{ }} that is the whole value; anything else is not one expression', () => {
    expect(conditionSource("  github.ref == 'x' ")).toBe("github.ref == 'x'");
    expect(conditionSource(" ${{ github.ref == '}}' }} ")).toBe("github.ref == '}}'");
    expect(conditionSource("${{ github.ref }} == 'x'")).toBeUndefined();
    expect(conditionSource('${{ a }} && ${{ b }}')).toBeUndefined();
    expect(conditionSource('${{ a')).toBeUndefined();
  });

  it('stringsIn lists every string with its path, an Expr as its ${{ }} form', () => {
    expect([...stringsIn({ a: ['x', { b: 'y' }], n: 1, $pinning: { s: 'z' }, e: expr.github.sha }, ['root'])]).toEqual([
      ['x', ['root', 'a', 0]], ['y', ['root', 'a', 1, 'b']], ['${{ github.sha }}', ['root', 'e']],
    ]);
  });
});

// ── GitHub's own parser as the oracle ─────────────────────────────────────────────────────────────

const CONTEXTS = ['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs'];
// the functions a step's `if:` may call beyond the built-in ones, as the workflow schema declares them
const EXTENSIONS = [
  { name: 'success', minArgs: 0, maxArgs: 0 }, { name: 'failure', minArgs: 0, maxArgs: 0 }, { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 }, { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
].map((f) => ({ ...f, call: () => { throw new Error('not evaluated'); } }));

/** True when GitHub's parser accepts the expression (syntax, context names, functions and their argument counts). */
function githubAccepts(source: string): boolean {
  try {
    const { tokens } = new Lexer(source).lex();
    new Parser(tokens, CONTEXTS, EXTENSIONS as never).parse();
    return true;
  } catch {
    return false;
  }
}

/** True when no rule of ours reports the expression as a step's `if:` for syntax, a function or an argument count. */
function weAccept(source: string): boolean {
  const model = { on: 'push', jobs: { t: { 'runs-on': 'x', steps: [{ if: source, run: 'x' }] } } } as WorkflowModel;
  const codes = new Set(['workflow/invalid-expression', 'workflow/unknown-function', 'workflow/function-arity']);
  return !runRules(contextRules, model, {}).some((i) => codes.has(i.code));
}

const TOKENS = [
  'github', 'env', 'matrix', 'needs', 'steps', 'inputs', 'secrets', 'GitHub', 'foo', 'event', 'a-b', '_x', 'true', 'false', 'null', 'True',
  'NaN', 'Infinity', '-Infinity', '1', '-2', '3.5', '.5', '0x1F', '1e3', '1.2.3', '1abc', "'s'", "'it''s'", "''", "'unterminated", '"dq"',
  '(', ')', '[', ']', '.', ',', '*', '!', '!=', '==', '=', '<', '<=', '>', '>=', '&&', '||', '&', '|', '-', '+',
  'contains(', 'startsWith(', 'toJSON(', 'fromJSON(', 'join(', 'format(', 'hashFiles(', 'success(', 'always(', 'case(', 'lower(', 'toJson(',
];

/** Well-formed expressions from the grammar, to be mutated into near misses. */
const wellFormed: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom("'main'", '1', 'true', 'null', 'github.ref', "github['event'].action", 'matrix.os', 'needs.a.outputs.b', 'github.event.*.id', 'steps.x.outcome'),
    fc.tuple(tie('e'), fc.constantFrom('==', '!=', '<', '>=', '&&', '||'), tie('e')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('e').map((a) => `!${a}`),
    tie('e').map((a) => `(${a})`),
    fc.tuple(fc.constantFrom('contains', 'startsWith', 'endsWith', 'format', 'join', 'toJSON', 'fromJSON', 'success', 'always', 'hashFiles', 'case'), fc.array(tie('e'), { maxLength: 4 }))
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(fc.constantFrom('fromJSON', 'toJSON'), tie('e'), fc.constantFrom('.a', '[0]', '.*', "['k']", '[*]')).map(([f, a, tail]) => `${f}(${a})${tail}`),
  ),
})).e;

/** A well-formed expression, maybe with a token dropped, inserted or swapped; joined with or without spaces. */
const expressions = fc.oneof(
  wellFormed,
  fc.tuple(wellFormed, fc.nat(), fc.constantFrom(...TOKENS), fc.constantFrom('insert', 'drop', 'swap'), fc.boolean()).map(([e, at, token, how, spaced]) => {
    const parts = e.split(/(\s+|[()[\],.!*])/).filter((p) => p !== undefined && p.trim() !== '');
    const i = parts.length === 0 ? 0 : at % parts.length;
    if (how === 'insert') parts.splice(i, 0, token);
    else if (how === 'drop') parts.splice(i, 1);
    else parts[i] = token;
    return parts.join(spaced ? ' ' : '');
  }),
  fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 8 }).chain((ts) => fc.boolean().map((spaced) => ts.join(spaced ? ' ' : ''))),
).filter((s) => s.trim() !== '' && !s.includes('{') && !s.includes('}'));

describe('the parser against GitHub\'s (@actions/expressions)', () => {
  it('accepts exactly what GitHub accepts, on well-formed expressions and near misses (property, 3,000 runs)', () => {
    fc.assert(
      fc.property(expressions, (source) => {
        expect(weAccept(source), source).toBe(githubAccepts(source));
      }),
      { numRuns: 3000 },
    );
  });

  it('the oracle is not trivial: both verdicts occur', () => {
    const verdicts = fc.sample(expressions, { numRuns: 500, seed: 7 }).map(githubAccepts);
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(50);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThan(50);
  });
});
