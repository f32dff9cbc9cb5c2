/**
 * Rules about `develop.watch`.
 * @module
 */
import { posix } from 'node:path';
import { defineRule, type RuleContext } from '../../core/rule.js';
import { dockerignore } from '../../core/dockerignore.js';
import type { ComposeModel } from '../model.js';
import { asRecord, effectiveService, lookupModel, serviceEntries } from './util.js';

function watches(service: Record<string, unknown>): [Record<string, unknown>, number][] {
  const list = asRecord(service['develop'])?.['watch'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((w, i) => {
    const rec = asRecord(w);
    return rec ? [[rec, i] as [Record<string, unknown>, number]] : [];
  });
}

const SYNC_ACTIONS = new Set(['sync', 'sync+restart', 'sync+exec']);

/** `compose/watch-without-target`: a sync watch has no `target`. */
export const watchWithoutTarget = defineRule<ComposeModel>({
  code: 'compose/watch-without-target',
  severity: 'error',
  summary: 'A `sync`, `sync+restart` or `sync+exec` watch has no `target`, so Compose does not know where to copy the files.',
  fix: 'Add `target:` — the path inside the container the files are copied to (for example `/app/app`).',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      for (const [w, i] of watches(svc)) {
        if (typeof w['action'] === 'string' && SYNC_ACTIONS.has(w['action']) && (typeof w['target'] !== 'string' || w['target'] === '')) {
          yield {
            path: ['services', name, 'develop', 'watch', i, 'target'],
            message: `the ${w['action']} watch of ${JSON.stringify(w['path'])} has no target`,
            hint: 'add target: the path inside the container, such as /app',
          };
        }
        if (w['action'] === 'sync+exec' && !asRecord(w['exec'])) {
          yield {
            path: ['services', name, 'develop', 'watch', i, 'exec'],
            message: 'a sync+exec watch has no exec command',
            hint: 'add exec: { command: [...] }, or use action: sync+restart',
          };
        }
      }
    }
  },
});

/** `compose/rebuild-without-build`: a `rebuild` watch on a service that has no `build`. */
export const rebuildWithoutBuild = defineRule<ComposeModel>({
  code: 'compose/rebuild-without-build',
  severity: 'error',
  summary: 'A `rebuild` watch is on a service that has no `build`, so there is nothing to rebuild.',
  fix: 'Give the service a `build:` section, or use `restart` / `sync` instead of `rebuild`.',
  *check(model, context) {
    const view = new Map(serviceEntries(lookupModel(model, context)));
    for (const [name, svc] of serviceEntries(model)) {
      const full = effectiveService(view, name) ?? svc;
      if (full['build'] !== undefined && full['build'] !== null) continue;
      if (typeof full['extends'] === 'object' && full['extends'] !== null && 'file' in full['extends']) continue; // built in another file, perhaps
      for (const [w, i] of watches(svc)) {
        if (w['action'] === 'rebuild') {
          yield {
            path: ['services', name, 'develop', 'watch', i, 'action'],
            message: `service "${name}" has no build, so a rebuild watch cannot rebuild it`,
            hint: 'add build: to the service, or use action: restart',
          };
        }
      }
    }
  },
});

/**
 * The patterns of a `.dockerignore` model, in order, exceptions as `!pattern`. Reads the dockerfile
 * domain's model (`{ entries: [{ kind: 'ignore' | 'exception', pattern } | { kind: 'comment' | 'blank' }] }`)
 * and, leniently, `{ patterns: (string | { pattern, negate })[] }`.
 */
export function dockerignorePatterns(model: unknown): string[] | undefined {
  const rec = asRecord(model);
  const entries = rec?.['entries'];
  if (Array.isArray(entries)) {
    return entries.flatMap((e): string[] => {
      const r = asRecord(e);
      const pattern = r?.['pattern'];
      if (typeof pattern !== 'string') return [];
      if (r?.['kind'] === 'exception') return [`!${pattern}`];
      return r?.['kind'] === 'ignore' ? [pattern] : [];
    });
  }
  const list = rec?.['patterns'];
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((p): string[] => {
    if (typeof p === 'string') return [p];
    const r = asRecord(p);
    const pattern = r?.['pattern'];
    if (typeof pattern !== 'string') return [];
    return [r?.['negate'] === true ? `!${pattern}` : pattern];
  });
}

function ignoreFileFor(service: Record<string, unknown>, composeDir: string, context: RuleContext): { root: string; patterns: string[]; file: string } | undefined {
  const build = service['build'];
  const rec = asRecord(build);
  const ctx = typeof build === 'string' ? build : typeof rec?.['context'] === 'string' ? rec['context'] : rec ? '.' : undefined;
  if (ctx === undefined || /^[a-z]+:\/\//i.test(ctx) || ctx.startsWith('git@')) return undefined;
  const root = posix.normalize(posix.join(composeDir, ctx));
  const candidates: string[] = [];
  if (typeof rec?.['dockerfile'] === 'string') candidates.push(posix.normalize(posix.join(root, `${rec['dockerfile']}.dockerignore`)));
  candidates.push(posix.normalize(posix.join(root, '.dockerignore')));
  for (const file of candidates) {
    const sibling = context.siblings?.get(file);
    if (sibling && sibling.kind === 'dockerignore') {
      const patterns = dockerignorePatterns(sibling.model);
      if (patterns) return { root, patterns, file };
    }
  }
  return undefined;
}

/** `compose/watch-path-ignored`: a watch path that the build context's `.dockerignore` excludes. */
export const watchPathIgnored = defineRule<ComposeModel>({
  code: 'compose/watch-path-ignored',
  severity: 'warning',
  summary: "A watch path is excluded by the build context's `.dockerignore`; Compose does not watch ignored files, so changes there do nothing.",
  fix: 'Remove the pattern from `.dockerignore` (or add a `!` exception), or watch a path that is part of the build context.',
  *check(model, context) {
    const composeDir = posix.dirname(context.file ?? 'compose.yaml');
    const view = new Map(serviceEntries(lookupModel(model, context)));
    for (const [name, svc] of serviceEntries(model)) {
      const ignore = ignoreFileFor(effectiveService(view, name) ?? svc, composeDir, context);
      if (!ignore) continue;
      const ig = dockerignore(ignore.patterns);
      for (const [w, i] of watches(svc)) {
        if (typeof w['path'] !== 'string') continue;
        const rel = posix.relative(ignore.root, posix.normalize(posix.join(composeDir, w['path'])));
        if (rel === '' || rel.startsWith('..')) continue;
        if (ig.ignores(rel)) {
          yield {
            path: ['services', name, 'develop', 'watch', i, 'path'],
            message: `${JSON.stringify(w['path'])} is excluded by ${ignore.file}, so Compose never sees changes there`,
            hint: `add "!${rel}" to ${ignore.file}, or watch another path`,
          };
        }
      }
    }
  },
});
