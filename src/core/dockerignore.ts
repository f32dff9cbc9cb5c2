/**
 * `.dockerignore` matching as Docker (moby's fileutils) does it, shared by the `compose/watch-path-ignored`
 * and `docker/copy-ignored-source` rules. A port of the algorithm `@balena/dockerignore` implements (Linux path rules: `/` separates,
 * `\` escapes), without a runtime dependency.
 * @module
 */
import { posix } from 'node:path';

interface IgnoreRule {
  readonly pattern: string;
  readonly dirs: readonly string[];
  readonly negative: boolean;
  readonly regexp: RegExp | undefined;
}

function clean(p: string): string {
  return posix.normalize(p).replace(/(?<=.)\/$/, '');
}

function compile(pattern: string, ignoreCase: boolean): RegExp | undefined {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        re += pattern[i + 1] === undefined ? '.*' : '(.*/)?';
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '.' || ch === '$') re += `\\${ch}`;
    else if (ch === '\\') {
      if (pattern[i + 1] !== undefined) {
        re += `\\${pattern[i + 1]}`;
        i++;
      } else re += '\\';
    } else re += ch;
  }
  try {
    return new RegExp(`${re}$`, ignoreCase ? 'i' : '');
  } catch {
    return undefined;
  }
}

function makeRule(line: string, ignoreCase: boolean): IgnoreRule | undefined {
  let pattern = line.trim();
  let negative = false;
  if (pattern.startsWith('!')) {
    negative = true;
    pattern = pattern.slice(1).trim();
  }
  if (pattern.length > 0) {
    pattern = clean(pattern);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
  }
  if (negative) pattern = `!${pattern}`;
  pattern = pattern.trim();
  if (pattern === '') return undefined;
  pattern = clean(pattern);
  if (pattern.startsWith('!')) {
    if (pattern.length === 1) return undefined;
    negative = true;
    pattern = pattern.slice(1);
  } else negative = false;
  return { pattern, dirs: pattern.split('/'), negative, regexp: compile(pattern, ignoreCase) };
}

/**
 * A compiled `.dockerignore`: `ignores(path)` is true when Docker would leave `path` (relative to the
 * build context, `/`-separated) out of the context.
 *
 * @example
 * ```ts
 * const ig = dockerignore(['node_modules', '**\/*.pyc', '!keep.pyc']);
 * ig.ignores('node_modules/x/index.js'); // true
 * ig.ignores('app/keep.pyc');            // false (the pattern is anchored at the context root)
 * ```
 */
export function dockerignore(patterns: readonly string[], options: { ignoreCase?: boolean } = {}): { ignores(path: string): boolean } {
  const ignoreCase = options.ignoreCase ?? false;
  const rules: IgnoreRule[] = [];
  for (const line of patterns.flatMap((p) => p.split(/\r?\n/))) {
    if (!line || line.startsWith('#') || line.trim() === '') continue;
    const rule = makeRule(line, ignoreCase);
    if (rule) rules.push(rule);
  }
  const match = (file: string, rule: IgnoreRule): boolean => rule.regexp?.test(file) ?? false;
  return {
    ignores(file: string): boolean {
      if (!file) return false;
      const parent = clean(posix.dirname(file));
      const parentDirs = parent.split('/');
      let matched = false;
      for (const rule of rules) {
        let m = match(file, rule);
        if (!m && parent !== '.') {
          if (rule.dirs.includes('**')) {
            for (let i = rule.dirs.filter((x) => x !== '**').length; i <= parentDirs.length; i++) {
              m = m || match(parentDirs.slice(0, i).join('/'), rule);
            }
          } else if (rule.dirs.length <= parentDirs.length) {
            m = match(parentDirs.slice(0, rule.dirs.length).join('/'), rule);
          }
        }
        if (m) matched = !rule.negative;
      }
      return matched;
    },
  };
}
