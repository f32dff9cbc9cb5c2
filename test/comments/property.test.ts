/**
 * Any comment text a builder is given is written as comment lines only: the file reads back (with
 * our parser and the outside validators) to the same data as without the comment, and the comment
 * reads back line for line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Compose } from '../../src/compose/builder.js';
import { parseCompose } from '../../src/compose/parse.js';
import { layoutOf } from '../../src/core/layout.js';
import { parseYaml, stringifyYaml } from '../../src/core/yaml.js';
import { parse as parseYaml11 } from 'yaml';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { Workflow } from '../../src/workflow/builder.js';
import { composeProblems } from '../helpers/oracles/compose.js';
import { actionlint, workflowParser, workflowSchemaCheck } from '../helpers/oracles/workflow.js';

/** Comment text with every kind of line break, YAML indicators and non-printable characters. */
const text = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('\n', '\r', '\r\n', '\x85', '\u2028', '\u2029', '#', ':', '- ', '---', '...', '"', "'", '{', '[', '&a', '*a', '!!', '|', '>', ' ', '\t', '\\', '\x00', '\x1b', '\ufeff', 'é', '😀') },
    { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 40,
});

/**
 * What a comment reads back as: one line per line of the text (split at every line break), each
 * with non-printable characters written as `\uXXXX`, trailing blanks dropped, blank lines dropped
 * (a blank line is layout, not comment text).
 */
function expectedLines(t: string): string[] {
  return t
    .split(/\r\n|[\r\n\x85\u2028\u2029]/)
    .map((l) => l.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}
const readBack = (comment: string | undefined): string[] => (comment ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');

describe('builder comments cannot become data (property, 1,000 runs)', () => {
  it('compose: file and service comments', () => {
    const plain = Compose.create().service('db', (s) => s.image('postgres:16').ports('5432:5432')).toString();
    fc.assert(
      fc.property(text, text, (top, svc) => {
        const out = Compose.create().comment(top).service('db', (s) => s.comment(svc).image('postgres:16').ports('5432:5432')).toString();
        expect(parseYaml(out).data).toEqual(parseYaml(plain).data);
        expect(composeProblems(out)).toEqual([]);
        const { model, issues } = parseCompose(out);
        expect(issues).toEqual([]);
        const layout = layoutOf(model);
        expect(readBack(layout?.commentBefore)).toEqual(expectedLines(top));
        expect(readBack(layout?.nodes['["services","db"]']?.key?.commentBefore)).toEqual(expectedLines(svc));
      }),
      { numRuns: 1000 },
    );
  });

  it('workflow: file, job and step comments (actionlint, GitHub parser, schema)', async () => {
    const build = (top?: string, job?: string, step?: string) =>
      Workflow.create('CI')
        .$if(top !== undefined, (w) => w.comment(top!))
        .on('push')
        .job('test', (j) => j.$if(job !== undefined, (x) => x.comment(job!)).runsOn('ubuntu-latest').step({ run: 'make test', ...(step !== undefined ? { comment: step } : {}) }))
        .toString();
    const plain = build();
    await fc.assert(
      fc.asyncProperty(text, text, text, async (top, job, step) => {
        const out = build(top, job, step);
        expect(parseYaml(out).data).toEqual(parseYaml(plain).data);
        expect(workflowSchemaCheck(out)).toEqual([]);
        expect(await actionlint(out)).toEqual([]);
        expect(await workflowParser(out)).toEqual([]);
        const layout = layoutOf(parseWorkflow(out).model);
        expect(readBack(layout?.commentBefore)).toEqual(expectedLines(top));
        expect(readBack(layout?.nodes['["jobs","test"]']?.key?.commentBefore)).toEqual(expectedLines(job));
        expect(readBack(layout?.nodes['["jobs","test","steps",0]']?.value?.commentBefore)).toEqual(expectedLines(step));
      }),
      { numRuns: 1000 },
    );
  });

  it('any layout (comments in any slot, styles, key order, indentation) leaves the data unchanged for YAML 1.2 and 1.1 readers', () => {
    const data = { a: 'x', n: null, l: [1, 'on', '3.10', 'a: b', ' # c', '', 'two\nlines\n'], m: { k: '22:22', s: [{ q: true, r: 'yes' }] } };
    const slot = fc.option(text, { nil: undefined });
    const node = fc.record(
      {
        commentBefore: slot,
        comment: slot,
        commentGap: fc.option(fc.integer({ min: 2, max: 9 }), { nil: undefined }),
        // styles too: a style a reader would misread, or that cannot hold the value, must not win
        type: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED', 'bogus'),
        flow: fc.boolean(),
        spaceBefore: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const paths = ['["a"]', '["n"]', '["l"]', ...[0, 1, 2, 3, 4, 5, 6].map((i) => `["l",${i}]`), '["m"]', '["m","k"]', '["m","s"]', '["m","s",0]', '["m","s",0,"q"]', '["m","s",0,"r"]', '[]'];
    const order = fc.option(fc.shuffledSubarray(['a', 'n', 'l', 'm', 'zz']), { nil: undefined });
    const nodes = fc.dictionary(fc.constantFrom(...paths), fc.record({ key: node, value: node }, { requiredKeys: [] }));
    fc.assert(
      fc.property(nodes, slot, slot, order, fc.boolean(), fc.constantFrom(2, 4), (n, top, end, keys, indentSeq, indent) => {
        const clean = (o: object) => JSON.parse(JSON.stringify(o)) as never;
        const withKeys = keys === undefined ? n : { ...n, '[]': { ...n['[]'], keys } };
        const out = stringifyYaml(data, { layout: clean({ nodes: withKeys, commentBefore: top, comment: end, indentSeq, indent }) });
        expect(out.includes('\u0000')).toBe(false);
        expect(parseYaml(out).data).toEqual(data);
        expect(parseYaml11(out, { version: '1.1' })).toEqual(data);
      }),
      { numRuns: 1000 },
    );
  });
});
