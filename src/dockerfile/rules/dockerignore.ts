/**
 * Rules about the `.dockerignore`: the Dockerfile without one, and the file's own patterns.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import { dockerignore } from '../../core/dockerignore.js';
import type { DockerfileModel, DockerignoreModel } from '../model.js';
import { ofKind } from './walk.js';

/**
 * Where the App may place a Dockerfile's `.dockerignore`: `<dir>/.dockerignore` or `<file>.dockerignore`.
 * @example
 * ```ts
 * dockerignorePaths('backend/api.Dockerfile'); // ['backend/.dockerignore', 'backend/api.Dockerfile.dockerignore']
 * ```
 */
export function dockerignorePaths(dockerfilePath: string): string[] {
  const slash = dockerfilePath.lastIndexOf('/');
  const dir = slash < 0 ? '' : dockerfilePath.slice(0, slash + 1);
  return [`${dir}.dockerignore`, `${dockerfilePath}.dockerignore`];
}

/** `docker/no-dockerignore`: the Dockerfile has no `.dockerignore`. */
export const noDockerignore = defineRule<DockerfileModel>({
  code: 'docker/no-dockerignore',
  severity: 'warning',
  summary: 'The Dockerfile has no `.dockerignore`, so `.git`, `.env`, caches and `node_modules` are sent to the build (and `COPY . .` copies them).',
  fix: 'Give it one: `.dockerignore(dockerignorePresets.python())` (or `.node()`, `.seed()`).',
  *check(model, context) {
    if (model.dockerignore !== undefined) return;
    if (context.file !== undefined && context.siblings) {
      for (const p of dockerignorePaths(context.file)) if (context.siblings.get(p)?.kind === 'dockerignore') return;
    }
    yield { path: [], message: 'no .dockerignore goes with this Dockerfile', hint: 'add .dockerignore(dockerignorePresets.seed()) to the builder' };
  },
});

/** The Dockerfile's `.dockerignore` model: its own, or the App's file beside it. */
function ignoreModelOf(model: DockerfileModel, context: { file?: string; siblings?: ReadonlyMap<string, { kind: string; model: unknown }> }): { model: DockerignoreModel; file: string } | undefined {
  if (model.dockerignore !== undefined) return { model: model.dockerignore, file: context.file !== undefined ? dockerignorePaths(context.file)[0]! : '.dockerignore' };
  if (context.file === undefined || !context.siblings) return undefined;
  for (const p of dockerignorePaths(context.file).reverse()) {
    const sibling = context.siblings.get(p);
    if (sibling?.kind === 'dockerignore') return { model: sibling.model as DockerignoreModel, file: p };
  }
  return undefined;
}

/** `docker/copy-ignored-source`: a COPY/ADD source from the build context that its `.dockerignore` excludes. */
export const copyIgnoredSource = defineRule<DockerfileModel>({
  code: 'docker/copy-ignored-source',
  severity: 'error',
  summary: "A COPY or ADD source is excluded by the Dockerfile's `.dockerignore`, so it is not in the build context and the build fails.",
  fix: 'Add an exception (`!path`) to the `.dockerignore`, build the file inside the image instead of copying it, or copy another path.',
  *check(model, context) {
    const found = ignoreModelOf(model, context);
    if (!found || !Array.isArray(found.model?.entries)) return;
    const patterns = found.model.entries.flatMap((e): string[] => (e.kind === 'ignore' ? [e.pattern] : e.kind === 'exception' ? [`!${e.pattern}`] : []));
    const ig = dockerignore(patterns);
    for (const kind of ['copy', 'add'] as const) {
      for (const l of ofKind(model, kind)) {
        const ins = l.instruction;
        if ((ins.kind === 'copy' && ins.from !== undefined) || (ins.heredocs?.length ?? 0) > 0) continue;
        for (const source of ins.sources) {
          // plain relative paths only: no wildcards, variables, URLs or git sources
          if (/[*?[\]$]|^[a-z]+:\/\/|^git@|^<</i.test(source)) continue;
          const rel = source.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
          if (rel === '' || rel === '.' || rel.startsWith('/') || rel.startsWith('..')) continue;
          // a directory with exceptions inside it is still partly in the context
          if (patterns.some((p) => p.startsWith('!') && p.slice(1).replace(/^\/+/, '').startsWith(`${rel}/`))) continue;
          if (ig.ignores(rel)) {
            yield {
              path: l.path,
              message: `${kind.toUpperCase()} ${source}: "${rel}" is excluded by ${found.file}, so it is not in the build context and the build fails`,
              hint: `add "!${rel}" to ${found.file}, or produce it in an earlier stage and COPY --from it`,
            };
          }
        }
      }
    }
  },
});

// Go's filepath.Match syntax: a bracket class must close; a trailing backslash escapes nothing.
function patternError(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      if (i === pattern.length - 1) return 'a trailing "\\" escapes nothing';
      i++;
    } else if (ch === '[' && !inClass) {
      inClass = true;
      if (pattern[i + 1] === '^' || pattern[i + 1] === '!') i++;
      if (pattern[i + 1] === ']') return 'an empty character class "[]"';
    } else if (ch === ']' && inClass) inClass = false;
  }
  return inClass ? 'a "[" character class is not closed' : undefined;
}

/** `dockerignore/invalid-pattern`. */
export const invalidPattern = defineRule<DockerignoreModel>({
  code: 'dockerignore/invalid-pattern',
  severity: 'error',
  summary: 'A pattern is not valid glob syntax, so Docker rejects the build context.',
  fix: 'Close character classes (`[a-z]`) and escape a literal `[` as `\\[`.',
  *check(model) {
    for (const [i, e] of model.entries.entries()) {
      if (e.kind !== 'ignore' && e.kind !== 'exception') continue;
      const err = patternError(e.pattern);
      if (err) yield { path: ['entries', i, 'pattern'], message: `pattern ${JSON.stringify(e.pattern)}: ${err}` };
    }
  },
});

/** `dockerignore/duplicate-pattern`. */
export const duplicatePattern = defineRule<DockerignoreModel>({
  code: 'dockerignore/duplicate-pattern',
  severity: 'info',
  summary: 'The same pattern appears twice.',
  fix: 'Remove the repeated line.',
  *check(model) {
    const seen = new Map<string, number>();
    for (const [i, e] of model.entries.entries()) {
      if (e.kind !== 'ignore' && e.kind !== 'exception') continue;
      const key = `${e.kind === 'exception' ? '!' : ''}${e.pattern}`;
      const first = seen.get(key);
      if (first !== undefined) yield { path: ['entries', i], message: `${key} repeats entry ${first}` };
      else seen.set(key, i);
    }
  },
});

/** `dockerignore/useless-exception`. */
export const uselessException = defineRule<DockerignoreModel>({
  code: 'dockerignore/useless-exception',
  severity: 'warning',
  summary: 'An `!` exception comes before any pattern it could undo, so it has no effect.',
  fix: 'Put the exception after the pattern that ignores those files (later lines win).',
  *check(model) {
    let anyIgnore = false;
    for (const [i, e] of model.entries.entries()) {
      if (e.kind === 'ignore') anyIgnore = true;
      if (e.kind === 'exception' && !anyIgnore) yield { path: ['entries', i], message: `!${e.pattern} comes before any ignore pattern and has no effect` };
    }
  },
});

/** The `.dockerignore` rules (codes `dockerignore/*`). @example `runRules(dockerignoreRules, { entries: [{ kind: 'ignore', pattern: '[a' }] }, {})[0].code` → `'dockerignore/invalid-pattern'` */
export const dockerignoreRules = Object.freeze([invalidPattern, duplicatePattern, uselessException]);
