/**
 * Compose parsing: YAML text → model. Never throws; keeps every key it reads.
 * @module
 */
import { describeValue, type Issue } from '../core/issue.js';
import type { ParseResult } from '../core/kind.js';
import { defineCodes } from '../core/rule.js';
import { schemaIssues } from '../core/schema.js';
import { withLayout } from '../core/layout.js';
import { parseYaml } from '../core/yaml.js';
import { ComposeModelSchema, type ComposeModel } from './model.js';

/**
 * Codes reported while reading a compose file.
 *
 * @example
 * ```ts
 * parseCompose('- a').issues[0]?.code; // 'compose/parse/not-a-mapping'
 * ```
 */
export const composeParseCodes = defineCodes([
  {
    code: 'compose/parse/not-a-mapping',
    severity: 'error',
    summary: 'The file is not a YAML mapping of top-level keys (`services:`, `volumes:` …).',
    fix: 'Start the file with top-level keys such as `services:`.',
  },
  {
    code: 'compose/parse/kept-unknown',
    severity: 'info',
    summary: 'The file has a key the compose model does not know; it is kept and written back as is.',
    fix: 'Nothing, if the key is meant (a newer specification field); otherwise correct its spelling or move custom data under an `x-` key.',
  },
  {
    code: 'compose/parse/dropped-tag',
    severity: 'warning',
    summary: 'The file uses a YAML tag (`!reset`, `!override`) that the model cannot keep; the value is written back without it.',
    fix: 'Keep this file hand-written, or express the override in the base file (for example with profiles or `dev(…)` settings).',
  },
]);

const TAG_RE = /(?:^|[\s:\-[{,])!(reset|override)\b/;

/**
 * Reads a compose file. The model keeps the file's data as written (short and long forms, `x-`
 * keys, `<<` merge keys resolved); its comments, key order and styles ride beside it (`layoutOf(model)`)
 * and `synthCompose` writes them back. Problems the specification would reject come back as issues
 * with paths; unknown keys are kept and reported at `info`.
 *
 * @example
 * ```ts
 * const { model, issues } = parseCompose('services:\n  db:\n    image: postgres:16\n', 'compose.yaml');
 * model?.services?.db?.image; // 'postgres:16'
 * issues; // []
 * ```
 */
export function parseCompose(text: string, file?: string): ParseResult<ComposeModel> {
  const { data, issues, layout } = parseYaml(text, file, { layout: true });
  if (issues.length > 0) return { model: undefined, issues };
  if (data === null || data === undefined) return { model: withLayout({}, layout), issues: [] };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      model: undefined,
      issues: [
        {
          code: 'compose/parse/not-a-mapping',
          severity: 'error',
          message: `expected a mapping of top-level keys, received ${describeValue(data)}`,
          path: [],
          ...(file !== undefined ? { file } : {}),
          hint: 'start the file with `services:`',
        },
      ],
    };
  }
  const out: Issue[] = schemaIssues(ComposeModelSchema, data, 'compose', file).map((i) =>
    i.code === 'compose/schema/unknown-key'
      ? { ...i, code: 'compose/parse/kept-unknown', severity: 'info' as const, message: `${i.message}; kept as is` }
      : i,
  );
  text.split('\n').forEach((line, index) => {
    const tag = line.replace(/#.*$/, '').match(TAG_RE);
    if (tag) {
      out.push({
        code: 'compose/parse/dropped-tag',
        severity: 'warning',
        message: `the !${tag[1]} tag cannot be kept; the value is written back without it`,
        path: [],
        line: index + 1,
        ...(file !== undefined ? { file } : {}),
        hint: 'keep this file hand-written, or move the override into the base file',
      });
    }
  });
  return { model: withLayout(data as ComposeModel, layout), issues: out };
}
