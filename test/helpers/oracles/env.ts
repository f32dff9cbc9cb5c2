// Outside readers for the two small text files devstack-kit writes besides the big three:
// .env.example (read by the dotenv package, as most tools read .env files) and the managed .gitignore
// block (asked of git itself with `git check-ignore`).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as dotenvParse } from 'dotenv';

/**
 * Problems with a .env.example: dotenv must read exactly the expected variables with the expected
 * values (when `expected` is given), and every non-comment line must be an assignment it understood.
 */
export function envExampleProblems(text: string, expected?: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const parsed = dotenvParse(text);
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (lines.length !== Object.keys(parsed).length) problems.push(`dotenv read ${Object.keys(parsed).length} variables from ${lines.length} assignment lines`);
  if (expected) {
    for (const [k, v] of Object.entries(expected)) if (parsed[k] !== v) problems.push(`dotenv reads ${k}=${JSON.stringify(parsed[k])}, expected ${JSON.stringify(v)}`);
    for (const k of Object.keys(parsed)) if (!(k in expected)) problems.push(`dotenv reads an unexpected variable ${k}`);
  }
  return problems;
}

/** Problems with a .gitignore: git must ignore each plain name it lists, and must not ignore `keep`. */
export function gitignoreProblems(text: string, keep: readonly string[] = ['.env.example']): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'devstack-gitignore-'));
  try {
    writeFileSync(join(dir, '.gitignore'), text);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const problems: string[] = [];
    const names = text.split('\n').filter((l) => /^[\w.-]+$/.test(l));
    for (const name of names) if (spawnSync('git', ['check-ignore', '-q', name], { cwd: dir }).status !== 0) problems.push(`git does not ignore ${name}`);
    for (const name of keep) if (spawnSync('git', ['check-ignore', '-q', name], { cwd: dir }).status === 0) problems.push(`git ignores ${name}`);
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
