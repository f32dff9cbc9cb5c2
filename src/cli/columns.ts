/**
 * Columns of issues' config locations. jiti transpiles `devstack.config.ts` keeping its lines but not
 * its columns, so a stack frame's column is the transpiled text's; the call named by the frame
 * before it (`image` for `s.image(…)`) is found on the config's line instead.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Issue } from '../core/issue.js';
import { sourceCallee } from '../core/source.js';

/**
 * The 1-based column of the call of `name` on `line` (`.image(`, `step<…>(`): `column` when a call
 * starts there, else the first call at or after it, else the last one; `column` when there is none.
 *
 * @example
 * ```ts
 * calleeColumn("    .image('postgres:latest')", 'image', 1); // 6
 * ```
 */
export function calleeColumn(line: string, name: string, column: number): number {
  const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*(?:<[^()]*>\\s*)?\\(`, 'g');
  const at = [...line.matchAll(re)].map((m) => m.index + 1);
  if (at.length === 0 || at.includes(column)) return column;
  return at.find((c) => c >= column) ?? (at[at.length - 1] as number);
}

/**
 * Issues with the columns of their `source` set to the builder call on the config's line (read
 * from the file; a file that cannot be read keeps the column it had).
 *
 * @example
 * ```ts
 * refineColumns(app.validate()); // source.column 6 (`.image(`) rather than 1
 * ```
 */
export function refineColumns(issues: readonly Issue[]): Issue[] {
  const files = new Map<string, string[] | null>();
  return issues.map((issue) => {
    const source = issue.source;
    const name = source === undefined ? undefined : sourceCallee(source);
    if (source === undefined || name === undefined) return issue;
    let lines = files.get(source.file);
    if (lines === undefined) {
      try {
        lines = readFileSync(source.file, 'utf8').split(/\r?\n/);
      } catch {
        lines = null;
      }
      files.set(source.file, lines);
    }
    const text = lines?.[source.line - 1];
    if (text === undefined) return issue;
    const column = calleeColumn(text, name, source.column);
    return column === source.column ? issue : { ...issue, source: { ...source, column } };
  });
}
