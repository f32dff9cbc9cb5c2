/**
 * What the integration test expects of a Dockerfile's layers, derived from the Dockerfile itself:
 * its stages and steps, which steps install dependencies, which step first sees a changed file of
 * the build context, and how each step maps to a layer of the built image.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, sep } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { HistoryEntry, ImageInfo } from './oci.js';

/** `.dockerignore` matching as Docker does it (ORACLES.md); a CommonJS module without a usable default export under NodeNext. */
const ignore = createRequire(import.meta.url)('@balena/dockerignore') as () => {
  add(patterns: string[]): { ignores(path: string): boolean };
};

export interface Step {
  /** upper-case instruction keyword: RUN, COPY, WORKDIR … */
  keyword: string;
  /** the instruction as written, continuation lines joined: `RUN uv sync --frozen` */
  text: string;
  /** arguments without flags (for RUN: the command) */
  args: string[];
  /** `--name=value` flags (`--mount` may repeat) */
  flags: { name: string; value: string }[];
  /** RUN steps that install the project's dependencies (uv sync, pip install, npm ci, …) */
  installs: boolean;
}

export interface Stage {
  index: number;
  name: string | null;
  /** the FROM argument: an image reference or an earlier stage's name */
  from: string;
  /** the earlier stage this stage starts from, if any */
  baseStage: number | null;
  steps: Step[];
}

const INSTALLER =
  /\b(uv\s+sync|uv\s+pip\s+install|pip3?\s+install|poetry\s+install|pipenv\s+install|npm\s+(ci|install)|pnpm\s+install|yarn(\s+install)?(?=\s*($|&&|;|\|\||\s-))|bundle\s+install|go\s+mod\s+download|cargo\s+fetch|composer\s+install)\b/;

/** Files whose presence in a build context means the image has dependencies to install in a cached layer. */
const DEPENDENCY_MANIFESTS = [
  'uv.lock', 'pyproject.toml', 'requirements.txt', 'poetry.lock', 'Pipfile.lock',
  'package.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock',
  'go.sum', 'Cargo.lock', 'Gemfile.lock', 'composer.lock',
];

/** The dependency manifests among a context's files (see contextFiles). */
export function manifestFiles(files: string[]): string[] {
  return files.filter((f) => DEPENDENCY_MANIFESTS.includes(basename(f)));
}

const norm = (s: string): string => s.replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();

export function parseStages(dockerfileText: string): Stage[] {
  const stages: Stage[] = [];
  for (const ins of DockerfileParser.parse(dockerfileText).getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    if (keyword === 'FROM') {
      const args = ins.getArguments().map((a) => a.getValue());
      const from = args[0] ?? '';
      const name = args[1]?.toUpperCase() === 'AS' ? (args[2] ?? null) : null;
      const base = stages.find((s) => s.name !== null && s.name.toLowerCase() === from.toLowerCase());
      stages.push({ index: stages.length, name, from, baseStage: base ? base.index : null, steps: [] });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (!stage) continue; // global ARG before the first FROM
    const flags =
      'getFlags' in ins && typeof ins.getFlags === 'function'
        ? (ins.getFlags() as { getName(): string; getValue(): string | null }[]).map((f) => ({ name: f.getName(), value: f.getValue() ?? '' }))
        : [];
    const content = norm(ins.getArgumentsContent() ?? '');
    let args = ins.getArguments().map((a) => a.getValue());
    if (content.startsWith('[') && (keyword === 'COPY' || keyword === 'ADD' || keyword === 'RUN')) {
      try {
        args = JSON.parse(content) as string[];
      } catch {
        /* not JSON after all */
      }
    }
    stage.steps.push({
      keyword,
      text: norm(ins.getTextContent()),
      args,
      flags,
      installs: keyword === 'RUN' && INSTALLER.test(content),
    });
  }
  return stages;
}

/** Resolves `COPY --from=X` / `--mount …,from=X` to a stage index, or null for an external image. */
export function stageRef(stages: Stage[], ref: string): number | null {
  const byName = stages.find((s) => s.name !== null && s.name.toLowerCase() === ref.toLowerCase());
  if (byName) return byName.index;
  return /^\d+$/.test(ref) && Number(ref) < stages.length ? Number(ref) : null;
}

/** The external image a stage finally starts from. */
export function rootImage(stages: Stage[], index: number): string {
  let s = stages[index];
  while (s && s.baseStage !== null) s = stages[s.baseStage];
  return s?.from ?? '';
}

/** `python:3.13-slim` → `docker.io/library/python:3.13-slim`, as Docker resolves a short name. */
export function normalizeImage(ref: string): string {
  if (ref === 'scratch') return ref;
  const parts = ref.split('/');
  const first = parts[0] ?? '';
  let full = ref;
  if (parts.length === 1) full = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') full = `docker.io/${ref}`;
  const last = full.split('/').pop() ?? '';
  return last.includes(':') || last.includes('@') ? full : `${full}:latest`;
}

function flag(step: Step, name: string): string | undefined {
  return step.flags.find((f) => f.name === name)?.value;
}

/** Go filepath.Match-like pattern (`*`, `?`, `[…]`) as a regex over a relative path. */
function globRegex(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[' || ch === ']') re += ch;
    else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Does the COPY/ADD source `src` (relative to the context) include the context file `rel`? */
export function sourceCovers(src: string, rel: string): boolean {
  const s = src.replace(/^\/+/, '').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (s === '' || s === '.') return true;
  if (/[*?[]/.test(s)) {
    const re = globRegex(s);
    const segs = rel.split('/');
    return segs.some((_, i) => re.test(segs.slice(0, i + 1).join('/')));
  }
  return rel === s || rel.startsWith(`${s}/`);
}

/** The context sources of a COPY/ADD step (not `--from`, not URLs). */
export function contextSources(step: Step): string[] {
  if ((step.keyword !== 'COPY' && step.keyword !== 'ADD') || flag(step, 'from') !== undefined) return [];
  return step.args.slice(0, -1).filter((a) => !/^[a-z]+:\/\//i.test(a));
}

/**
 * For each stage, the index of the first step whose result can depend on the context file `rel`
 * (-1: the stage's base stage already does; `steps.length`: no step does).
 */
export function firstStepSeeing(stages: Stage[], rel: string): number[] {
  const first: number[] = [];
  const affected = (i: number | null): boolean => i !== null && (first[i] ?? Infinity) < (stages[i]?.steps.length ?? 0);
  for (const stage of stages) {
    if (affected(stage.baseStage)) {
      first.push(-1);
      continue;
    }
    let f = stage.steps.length;
    stage.steps.some((step, i) => {
      const from = flag(step, 'from');
      let sees = contextSources(step).some((src) => sourceCovers(src, rel));
      if (from !== undefined && (step.keyword === 'COPY' || step.keyword === 'ADD')) sees = affected(stageRef(stages, from));
      for (const m of step.flags.filter((fl) => fl.name === 'mount')) {
        const opts = Object.fromEntries(m.value.split(',').map((kv) => kv.split('=') as [string, string?]));
        if (opts['type'] === 'bind') sees ||= opts['from'] === undefined ? true : affected(stageRef(stages, opts['from'] ?? ''));
      }
      if (sees) f = i;
      return sees;
    });
    first.push(f);
  }
  return first;
}

/**
 * The layer (diff ID) each step of `stage` added to `image` (built for that stage), or null for a
 * metadata-only step. Checks that the image history really matches the steps, so a change in how
 * buildah records history fails loudly instead of comparing the wrong layers.
 */
export function stepLayers(stage: Stage, image: ImageInfo, imageRef: string): (string | null)[] {
  const n = stage.steps.length;
  const own: HistoryEntry[] = image.history.slice(image.history.length - n);
  if (own.length !== n) throw new Error(`${imageRef}: history has ${image.history.length} entries, fewer than the stage's ${n} steps`);
  return stage.steps.map((step, i) => {
    const h = own[i] as HistoryEntry;
    const by = norm(h.createdBy);
    const ok =
      step.keyword === 'RUN'
        ? step.args.every((a) => by.includes(norm(a)))
        : by.includes(`#(nop) ${step.keyword}`);
    if (!ok) {
      throw new Error(`${imageRef}: cannot map steps to layers: history entry ${JSON.stringify(h.createdBy)} does not record step \`${step.text}\``);
    }
    return h.diffId;
  });
}

/** Regular files of a build context (relative, `/`-separated), without what its .dockerignore excludes. */
export function contextFiles(context: string): string[] {
  const ignoreFile = join(context, '.dockerignore');
  const ig = ignore().add(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8').split(/\r?\n/) : []);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      const rel = relative(context, abs).split(sep).join('/');
      if (e.name === 'node_modules' || e.name === '.git') continue;
      if (e.isDirectory()) walk(abs);
      else if (e.isFile() && !ig.ignores(rel)) out.push(rel);
    }
  };
  walk(context);
  return out.sort();
}

const CODE_EXT = /\.(py|ts|tsx|js|mjs|cjs|go|rs|rb|php|java|kt)$/;

/** The source file a code-only change edits: an entry point (`main.*`, `app.*`, `index.*`, `server.*`) if there is one. */
export function pickCodeFile(files: string[], manifests: Set<string>): string | null {
  const code = files.filter((f) => CODE_EXT.test(f) && !manifests.has(f));
  return code.find((f) => /^(main|app|index|server)\./.test(basename(f))) ?? code[0] ?? null;
}

export interface LockStep {
  stage: number;
  /** index of the COPY of the dependency manifests */
  copyStep: number;
  /** index of the install step that follows it */
  installStep: number;
  /** the manifest file a dependency change edits (the lock file when there is one) */
  file: string;
}

/** The first "COPY manifests, then install" pair of the Dockerfile, with the lock file to change. */
export function findLockStep(stages: Stage[], context: string): LockStep | null {
  for (const stage of stages) {
    for (const [installStep, step] of stage.steps.entries()) {
      if (!step.installs) continue;
      for (let c = installStep - 1; c >= 0; c--) {
        const files = contextSources(stage.steps[c] as Step)
          .map((s) => s.replace(/^(\.\/)+/, ''))
          .filter((s) => !/[*?[]/.test(s) && s !== '.' && existsSync(join(context, s)) && statSync(join(context, s)).isFile());
        if (files.length === 0) continue;
        const file = files.find((f) => /lock/i.test(basename(f))) ?? files.find((f) => /requirements.*\.txt$/.test(f)) ?? files[files.length - 1];
        if (file !== undefined) return { stage: stage.index, copyStep: c, installStep, file };
      }
    }
  }
  return null;
}
