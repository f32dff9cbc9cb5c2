// Every rule on real files: every Dockerfile (with the .dockerignore beside it in its repository),
// compose file, workflow and composite action of ../shared/corpus is linted, and every warning and
// error any code reports there is pinned to a reviewed list. Each code's entry says why its findings
// are right (what the rule's documentation defends); a rule that starts firing on idiomatic files
// (a noisy regression) adds findings and fails here, and so does one that stops finding these.
// Info-level findings (style hints) are not pinned.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../src/core/issue.js';
import { composeKind, parseCompose } from '../src/compose/index.js';
import { dockerfileKind, parseDockerfile, parseDockerignore } from '../src/dockerfile/index.js';
import { actionKind, workflowKind } from '../src/workflow/index.js';
import { parseAction, parseWorkflow } from '../src/workflow/parse.js';
import { SHARED_DIR } from './helpers/oracles/compose.js';
import { REVIEWED } from './corpus-lint.reviewed.js';

const CORPUS = resolve(SHARED_DIR, 'corpus');

function line(dir: string, name: string, i: Issue): string {
  const path = i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : n === 0 ? p : `.${p}`)).join('');
  return `${dir}/${name}  ${i.code}  ${path}  ${i.severity}`;
}

/** `file  code  path  severity` for every warning and error the rules report on the corpus. */
function lintCorpus(): { findings: string[]; files: number } {
  const findings: string[] = [];
  let files = 0;
  const each = (dir: string, test: RegExp, lint: (text: string, name: string) => Issue[]) => {
    for (const name of readdirSync(resolve(CORPUS, dir)).filter((f) => test.test(f)).sort()) {
      files++;
      for (const i of lint(readFileSync(resolve(CORPUS, dir, name), 'utf8'), name)) if (i.severity !== 'info') findings.push(line(dir, name, i));
    }
  };
  const model = <T,>(m: T | undefined, name: string): T => {
    expect(m, name).toBeDefined();
    return m!;
  };
  // the .dockerignore copied from beside a Dockerfile has the same path prefix (angular__angular__.dockerignore)
  const ignores = new Map(readdirSync(resolve(CORPUS, 'dockerignore')).map((f) => [f.replace(/\.dockerignore$/, ''), readFileSync(resolve(CORPUS, 'dockerignore', f), 'utf8')]));
  each('workflows', /\.ya?ml$/, (text, name) => workflowKind.validate(model(parseWorkflow(text, name).model, name), { file: name }));
  each('actions', /\.ya?ml$/, (text, name) => actionKind.validate(model(parseAction(text, name).model, name), { file: name }));
  each('dockerfile', /Dockerfile/, (text, name) => {
    const ignore = ignores.get(name.replace(/Dockerfile$/, ''));
    const siblings = ignore === undefined ? undefined : new Map([['.dockerignore', { kind: 'dockerignore', model: model(parseDockerignore(ignore).model, name) as unknown }]]);
    return dockerfileKind.validate(model(parseDockerfile(text).model, name), siblings ? { file: 'Dockerfile', siblings } : { file: name });
  });
  for (const dir of ['compose', 'compose-e2e', 'compose-override']) {
    each(dir, /\.ya?ml$/, (text, name) => {
      const { model: m } = parseCompose(text, name);
      return m ? composeKind.validate(m, { file: name }) : []; // a few e2e fixtures are invalid on purpose
    });
  }
  return { findings, files };
}

describe('every rule on the real-world corpus', () => {
  it('reports exactly the reviewed findings (warnings and errors), each with its severity', () => {
    const { findings, files } = lintCorpus();
    expect(files).toBeGreaterThan(150);
    const reviewed = Object.entries(REVIEWED).flatMap(([code, { findings: f }]) => f.map((entry) => {
      const [file, path, severity] = entry.split('  ');
      return `${file}  ${code}  ${path}  ${severity}`;
    }));
    expect([...findings].sort()).toEqual([...reviewed].sort());
  });

  it('the reviewed list names only codes that exist, each with a reason', () => {
    const all = new Set([...workflowKind.codes, ...actionKind.codes, ...dockerfileKind.codes, ...composeKind.codes].map((c) => c.code));
    for (const [code, { why, findings }] of Object.entries(REVIEWED)) {
      expect(all.has(code), code).toBe(true);
      expect(why.length, code).toBeGreaterThan(40);
      expect(findings.length, code).toBeGreaterThan(0);
      for (const f of findings) expect(f.split('  '), f).toHaveLength(3);
    }
  });
});
