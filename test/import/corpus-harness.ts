/**
 * The import round trip over the shared corpus: import each schema-valid file into its own small
 * project, type-check every generated config in ONE strict `tsc` program, load each config, synth,
 * and compare with the original (YAML: the same data; Dockerfile: the same instructions, flags and
 * arguments; .dockerignore: the same patterns).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DockerfileParser, JSONInstruction, ModifiableInstruction, PropertyInstruction } from 'dockerfile-ast';
import { createJiti } from 'jiti';
import { parseYaml } from '../../src/core/yaml.js';
import { parseCompose } from '../../src/compose/parse.js';
import { parseDockerfile, parseDockerignore } from '../../src/dockerfile/parse.js';
import { yamlComments } from '../../src/import/comments.js';
import { parseAction, parseWorkflow } from '../../src/workflow/parse.js';
import { App } from '../../src/app/app.js';
import { importFiles, type ImportSource } from '../../src/import/index.js';
import { composeDataProblems, SHARED_DIR } from '../helpers/oracles/compose.js';
import { ROOT } from '../helpers/tmp.js';
import { removeMarker } from '../../src/core/text.js';
import { MARKER } from '../../src/core/yaml.js';

export type CorpusKind = 'dockerfile' | 'compose' | 'workflow' | 'action';

export interface Case {
  readonly name: string;
  readonly kind: CorpusKind;
  /** The files of the small project, by path. */
  readonly files: readonly ImportSource[];
}

const CORPUS = join(SHARED_DIR, 'corpus');
const list = (dir: string) => readdirSync(join(CORPUS, dir)).sort();

/** Every schema-valid corpus file as a small project. */
export function corpusCases(): Case[] {
  const cases: Case[] = [];
  const ignores = list('dockerignore');
  for (const f of list('dockerfile')) {
    const prefix = f.slice(0, -'Dockerfile'.length);
    const ignore = ignores.find((i) => i === `${prefix}.dockerignore`);
    const files: ImportSource[] = [{ path: 'Dockerfile', text: readFileSync(join(CORPUS, 'dockerfile', f), 'utf8') }];
    if (ignore) files.push({ path: '.dockerignore', text: readFileSync(join(CORPUS, 'dockerignore', ignore), 'utf8') });
    cases.push({ name: `dockerfile/${f}`, kind: 'dockerfile', files });
  }
  for (const dir of ['compose', 'compose-e2e', 'compose-override']) {
    for (const f of list(dir).filter((n) => /\.ya?ml$/.test(n))) {
      const text = readFileSync(join(CORPUS, dir, f), 'utf8');
      const data = parseYaml(text).data;
      if (data === undefined || composeDataProblems(data).length > 0) continue;
      if (parseCompose(text).model === undefined) continue;
      const base = f.split('__').pop()!;
      cases.push({ name: `${dir}/${f}`, kind: 'compose', files: [{ path: base, text, kind: 'compose' }] });
    }
  }
  for (const f of list('workflows').filter((n) => /\.ya?ml$/.test(n))) {
    const text = readFileSync(join(CORPUS, 'workflows', f), 'utf8');
    if (parseWorkflow(text).model === undefined) continue;
    cases.push({ name: `workflows/${f}`, kind: 'workflow', files: [{ path: `.github/workflows/${f}`, text }] });
  }
  for (const f of list('actions')) {
    const text = readFileSync(join(CORPUS, 'actions', f), 'utf8');
    if (parseAction(text).model === undefined) continue;
    const name = f.split('__').slice(-2, -1)[0] ?? 'action';
    cases.push({ name: `actions/${f}`, kind: 'action', files: [{ path: `.github/actions/${name}/action.yml`, text }] });
  }
  return cases;
}

/** What dockerfile-ast sees: each instruction's keyword, flags and arguments (the `AS` keyword in any case). */
export function instructionView(text: string): unknown[] {
  return DockerfileParser.parse(text).getInstructions().map((i) => {
    // ONBUILD: the trigger compared as an instruction of its own (`RUN [ "x" ]` is `RUN ["x"]`)
    if (i.getKeyword() === 'ONBUILD') return { keyword: 'ONBUILD', trigger: instructionView(i.getArguments().map((a) => a.getValue()).join(' '))[0] };
    // a JSON string as dockerfile-ast gives it may keep its quotes (ADD ["a", "b"]): compare the string itself
    const unquote = (v: string): string => {
      if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
        try {
          return JSON.parse(v) as string;
        } catch {
          return v;
        }
      }
      return v;
    };
    const json = i instanceof JSONInstruction ? i.getJSONStrings().map((a) => unquote(a.getValue())) : [];
    const props = i instanceof PropertyInstruction ? i.getProperties().map((p) => [p.getName(), p.getValue()]) : undefined;
    let args: unknown = props ?? (json.length > 0 ? json : i.getArguments().map((a) => a.getValue()));
    // the JSON form of an instruction dockerfile-ast reads word by word (VOLUME ["a", "b"]) is its list
    // (also after HEALTHCHECK's CMD: `CMD [ "x" ]` is `CMD ["x"]`)
    const at = Array.isArray(args) ? args.findIndex((a) => String(a).startsWith('[')) : -1;
    if (Array.isArray(args) && at >= 0 && at <= 1) {
      try {
        const list = JSON.parse(args.slice(at).join(' ')) as unknown;
        if (Array.isArray(list) && list.every((x) => typeof x === 'string')) args = at === 0 ? list : [...args.slice(0, at), list];
      } catch {
        // not JSON: compared word by word
      }
    }
    if (i.getKeyword() === 'FROM' && Array.isArray(args)) args = args.map((a, n) => (n > 0 && /^as$/i.test(String(a)) ? 'AS' : a));
    // RUN, CMD and ENTRYPOINT: the exec form (a list) and the shell form (run by a shell) differ
    const command = ['RUN', 'CMD', 'ENTRYPOINT'].includes(i.getKeyword());
    return {
      keyword: i.getKeyword(),
      ...(command ? { exec: json.length > 0 || (Array.isArray(args) && Array.isArray(args[0])) } : {}),
      flags: i instanceof ModifiableInstruction ? i.getFlags().map((f) => `${f.getName()}=${f.getValue()}`).sort() : [],
      args,
    };
  });
}

const patterns = (text: string) => (parseDockerignore(text).model?.entries ?? []).filter((e) => e.kind === 'ignore' || e.kind === 'exception');

/** Compares one synthesized file with the original; returns the difference, or undefined. */
export function sameContent(path: string, original: string, synthesized: string): string | undefined {
  const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canon(x)])) : v);
  if (/\.ya?ml$/.test(path)) {
    const a = canon(parseYaml(original).data);
    const b = canon(parseYaml(synthesized).data);
    return eq(a, b) ? undefined : `YAML data differs\n  original:    ${JSON.stringify(a).slice(0, 400)}\n  synthesized: ${JSON.stringify(b).slice(0, 400)}`;
  }
  if (path.endsWith('.dockerignore')) return eq(patterns(original), patterns(synthesized)) ? undefined : 'patterns differ';
  const a = instructionView(original);
  const b = instructionView(synthesized);
  if (eq(a, b)) return undefined;
  const n = a.findIndex((x, i) => !eq(x, b[i]));
  return `instruction ${n + 1} differs: ${JSON.stringify(a[n])} → ${JSON.stringify(b[n])}`;
}

export interface Outcome {
  readonly name: string;
  readonly kind: CorpusKind;
  readonly ok: boolean;
  readonly reason?: string;
  readonly escapes: number;
  /** Files of the case synth wrote back byte for byte (the generated-file marker aside). */
  readonly identical?: number;
  /** Comment lines of the case's files, and how many of them synth wrote back. */
  readonly comments?: { readonly total: number; readonly written: number; readonly lost: readonly string[] };
}

const SRC = resolve(ROOT, 'src');
const alias = {
  'devstack-kit/dockerfile': join(SRC, 'dockerfile/index.ts'),
  'devstack-kit/compose': join(SRC, 'compose/index.ts'),
  'devstack-kit/workflow': join(SRC, 'workflow/index.ts'),
  'devstack-kit/testing': join(SRC, 'app/testing.ts'),
  'devstack-kit': join(SRC, 'index.ts'),
};

/** Imports every case into `dir`, type-checks them all at once, synthesizes each and compares. */
export async function runCorpus(dir: string, cases: readonly Case[]): Promise<Outcome[]> {
  const prepared = cases.map((c, n) => {
    const project = join(dir, String(n).padStart(3, '0'));
    mkdirSync(project, { recursive: true });
    try {
      const result = importFiles(c.files);
      writeFileSync(join(project, 'devstack.config.ts'), result.source);
      return { c, project, result, error: undefined as string | undefined };
    } catch (e) {
      return { c, project, result: undefined, error: `import threw: ${(e as Error).message}` };
    }
  });
  // ONE strict program over every generated config (the repository's compiler options)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: relative(dir, join(ROOT, 'tsconfig.json')), include: ['*/devstack.config.ts'] }));
  let tscOut = '';
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    tscOut = `${(e as { stdout?: string }).stdout ?? ''}`;
  }
  const typeErrors = new Map<string, string>();
  for (const line of tscOut.split('\n')) {
    const m = /^(?:.*[\\/])?(\d{3})[\\/]devstack\.config\.ts\((\d+),\d+\): error (.*)$/.exec(line);
    if (m && !typeErrors.has(m[1]!)) typeErrors.set(m[1]!, `type error at line ${m[2]}: ${m[3]}`);
  }
  const jiti = createJiti(import.meta.url, { moduleCache: true, fsCache: false, alias });
  const outcomes: Outcome[] = [];
  for (const { c, project, result, error } of prepared) {
    const escapes = result?.escapes.length ?? 0;
    const fail = (reason: string): Outcome => ({ name: c.name, kind: c.kind, ok: false, reason, escapes });
    if (error || !result) {
      outcomes.push(fail(error ?? 'no result'));
      continue;
    }
    const typeError = typeErrors.get(project.slice(-3));
    if (typeError) {
      outcomes.push(fail(typeError));
      continue;
    }
    let app: unknown;
    try {
      app = await jiti.import(join(project, 'devstack.config.ts'), { default: true });
    } catch (e) {
      outcomes.push(fail(`loading the config threw: ${(e as Error).message.split('\n')[0]}`));
      continue;
    }
    if (!App.isApp(app)) {
      outcomes.push(fail('the default export is not an App'));
      continue;
    }
    let files: Readonly<Record<string, string>>;
    try {
      files = app.synth().files;
    } catch (e) {
      outcomes.push(fail(`synth threw: ${(e as Error).message.split('\n').slice(0, 3).join(' | ')}`));
      continue;
    }
    const diffs: string[] = [];
    let identical = 0;
    const comments = { total: 0, written: 0, lost: [] as string[] };
    for (const f of c.files) {
      const text = files[f.path];
      if (text === undefined) diffs.push(`${f.path} is not written`);
      else {
        const d = sameContent(f.path, f.text, text);
        if (d) diffs.push(`${f.path}: ${d}`);
        if (removeMarker(text) === f.text) identical++;
        // every comment line of the source, as many times as it occurs, is looked for in what synth wrote
        const out = new Map<string, number>();
        for (const t of commentTexts(f.path, removeMarker(text))) out.set(t, (out.get(t) ?? 0) + 1);
        for (const t of commentTexts(f.path, f.text)) {
          comments.total++;
          const n = out.get(t) ?? 0;
          if (n > 0) {
            comments.written++;
            out.set(t, n - 1);
          } else comments.lost.push(`${c.name} ${f.path}: ${t}`);
        }
      }
    }
    outcomes.push(diffs.length === 0 ? { name: c.name, kind: c.kind, ok: true, escapes, identical, comments } : { ...fail(diffs.join('; ')), identical, comments });
  }
  return outcomes;
}

/** Per-kind counts and percentages. */
export function summary(outcomes: readonly Outcome[]): Record<CorpusKind | 'all', { ok: number; total: number; percent: number }> {
  const out = {} as Record<CorpusKind | 'all', { ok: number; total: number; percent: number }>;
  for (const k of ['dockerfile', 'compose', 'workflow', 'action', 'all'] as const) {
    const of = outcomes.filter((o) => k === 'all' || o.kind === k);
    const ok = of.filter((o) => o.ok).length;
    out[k] = { ok, total: of.length, percent: of.length === 0 ? 100 : Math.round((1000 * ok) / of.length) / 10 };
  }
  return out;
}

export { dirname };

/**
 * The comment lines of a file (trimmed, empty ones left out): YAML comments wherever they stand, a
 * Dockerfile's and a `.dockerignore`'s `#` lines (not parser directives or the generated-file
 * marker). A `# v4` after a pinned `uses:` is not counted: `pin('sha', …)` and the step's tag carry it.
 */
export function commentTexts(path: string, text: string): string[] {
  const texts: string[] = [];
  if (/\.ya?ml$/.test(path)) {
    for (const [p, t] of yamlComments(text)) {
      if (/\.uses$/.test(p) && /^v?\d[\w.-]*$/.test(t.trim())) continue;
      texts.push(...t.split('\n'));
    }
  } else if (path.endsWith('.dockerignore')) {
    for (const e of parseDockerignore(text).model?.entries ?? []) if (e.kind === 'comment') texts.push(e.text);
  } else {
    const m = parseDockerfile(text).model;
    for (const p of m?.preamble ?? []) if (p.kind === 'comment') texts.push(p.text);
    for (const s of m?.stages ?? []) {
      texts.push(...(s.comments ?? []));
      for (const i of s.instructions) if (i.kind === 'comment') texts.push(i.text);
    }
  }
  return texts.map((x) => x.trim()).filter((x) => x !== '' && !x.includes(MARKER));
}

/** The comment lines a generated config holds: `//` lines, and the texts of `comment('…')` calls and `comment: '…'` options. */
export function configComments(source: string): Set<string> {
  const out = new Set(source.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('//')).map((l) => l.replace(/^\/\/ ?/, '').trim()));
  const literal = /comment(?:\(|: )('(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)/g;
  for (const m of source.matchAll(literal)) {
    const value = new Function(`return ${m[1]!};`)() as string;
    for (const line of value.split('\n')) out.add(line.trim());
  }
  return out;
}

/**
 * How many comment lines of the source files reach the generated TypeScript: as `comment(…)` calls
 * and options (which synth writes back) or as `//` comments (where no builder method takes one).
 */
export function commentCoverage(cases: readonly Case[], source: (c: Case) => string): { total: number; carried: number; lost: string[] } {
  let total = 0;
  let carried = 0;
  const lost: string[] = [];
  for (const c of cases) {
    const ts = configComments(source(c));
    for (const f of c.files) {
      for (const t of commentTexts(f.path, f.text)) {
        total++;
        if (ts.has(t)) carried++;
        else lost.push(`${c.name}: ${t}`);
      }
    }
  }
  return { total, carried, lost };
}
