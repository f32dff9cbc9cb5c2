/**
 * Comment survival and byte-identical round trips on the shared corpus: every file is read with the
 * builder's `parse` and written back with `toString()`. Prints the numbers; the floors are the
 * numbers reached, so a change that loses a comment (or a byte) fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CST, Lexer } from 'yaml';
import { Compose } from '../../src/compose/builder.js';
import { Dockerfile } from '../../src/dockerfile/builder.js';
import { Action } from '../../src/workflow/action-builder.js';
import { Workflow } from '../../src/workflow/builder.js';
import { parseYaml } from '../../src/core/yaml.js';
import { SHARED_DIR } from '../helpers/oracles/compose.js';

/** The text of every comment of a YAML file (without `#`, trimmed), as the yaml lexer finds them. */
export function yamlComments(text: string): string[] {
  const out: string[] = [];
  for (const token of new Lexer().lex(text)) if (CST.tokenType(token) === 'comment') out.push(token.slice(1).trim());
  return out;
}

/** True when every comment of `before` is a comment of `after` (as many times). */
function commentsKept(before: string, after: string): boolean {
  const left = new Map<string, number>();
  for (const c of yamlComments(after)) left.set(c, (left.get(c) ?? 0) + 1);
  return yamlComments(before).every((c) => {
    const n = left.get(c) ?? 0;
    left.set(c, n - 1);
    return n > 0;
  });
}

const list = (dir: string, re: RegExp) =>
  readdirSync(resolve(SHARED_DIR, dir)).filter((f) => re.test(f)).sort().map((f) => resolve(SHARED_DIR, dir, f));

interface Tally { files: number; withComments: number; commentsKept: number; identical: number; failures: string[] }

function measure(files: string[], roundTrip: (text: string, file: string) => string | undefined, yaml = true): Tally {
  const t: Tally = { files: 0, withComments: 0, commentsKept: 0, identical: 0, failures: [] };
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    let out: string | undefined;
    try {
      out = roundTrip(text, path);
    } catch {
      out = undefined; // a file the builder refuses (an invalid fixture) is not measured
    }
    if (out === undefined) continue;
    t.files++;
    expect(out.includes('\u0000'), path).toBe(false);
    if (out === text) t.identical++;
    if (yaml) {
      // the data never changes, and a second round writes the same bytes
      expect(parseYaml(out).data, path).toEqual(parseYaml(text).data);
      expect(roundTrip(out, path), path).toBe(out);
      if (yamlComments(text).length > 0) {
        t.withComments++;
        if (commentsKept(text, out)) t.commentsKept++;
        else t.failures.push(path.slice(SHARED_DIR.length + 1));
      }
    }
  }
  return t;
}

const compose = list('corpus/compose', /\.ya?ml$/).concat(list('corpus/compose-e2e', /\.ya?ml$/), list('corpus/compose-override', /\.ya?ml$/));
const workflows = list('corpus/workflows', /\.ya?ml$/);
const actions = list('corpus/actions', /\.ya?ml$/);
const dockerfiles = list('corpus/dockerfile', /./);

describe('comments and bytes survive parse → toString on the corpus', () => {
  const c = measure(compose, (text, file) => Compose.parse(text, file).toString());
  const w = measure(workflows, (text, file) => Workflow.parse(text, file).toString());
  const a = measure(actions, (text, file) => Action.parse(text, file).toString());
  const d = measure(dockerfiles, (text, file) => Dockerfile.parse(text, file).toString(), false);
  const withComments = c.withComments + w.withComments + a.withComments;
  const kept = c.commentsKept + w.commentsKept + a.commentsKept;

  it('prints the numbers', () => {
    const pct = (n: number, of: number) => `${n}/${of} (${of === 0 ? 100 : Math.round((1000 * n) / of) / 10}%)`;
    console.log(
      [
        `YAML files whose comments all survive: ${pct(kept, withComments)}`,
        `  compose ${pct(c.commentsKept, c.withComments)}, workflows ${pct(w.commentsKept, w.withComments)}, actions ${pct(a.commentsKept, a.withComments)}`,
        `byte-identical: compose ${pct(c.identical, c.files)}, workflows ${pct(w.identical, w.files)}, actions ${pct(a.identical, a.files)}, Dockerfiles ${pct(d.identical, d.files)}`,
        ...[...c.failures, ...w.failures, ...a.failures].map((f) => `  comments lost: ${f}`),
      ].join('\n'),
    );
    expect(c.files).toBeGreaterThan(40);
    expect(w.files).toBeGreaterThan(80);
  });

  it('keeps every comment of every YAML file', () => {
    expect([...c.failures, ...w.failures, ...a.failures]).toEqual([]);
    expect(kept).toBe(withComments);
  });

  it('writes back at least as many files byte for byte as today', () => {
    expect(c.identical).toBeGreaterThanOrEqual(FLOOR.compose);
    expect(w.identical).toBeGreaterThanOrEqual(FLOOR.workflows);
    expect(a.identical).toBeGreaterThanOrEqual(FLOOR.actions);
    expect(d.identical).toBeGreaterThanOrEqual(FLOOR.dockerfiles);
  });
});

const FLOOR = { compose: 25, workflows: 53, actions: 2, dockerfiles: 12 };
