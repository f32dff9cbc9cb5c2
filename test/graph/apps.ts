// The Apps the graph tests draw: every example, and the scale workload (bench W2: 200 services,
// 50 workflows, the App bench/scale.mjs and bench/run.mjs time), with what their graphs must hold,
// counted here from the App's models on their own (not with src/graph), so a renderer that drops
// or invents a node or an edge fails against the App, not against itself.
import { existsSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { join } from 'node:path';
import type { App, FileEntry } from '../../src/app/app.js';
import type { ComposeModel } from '../../src/compose/index.js';
import type { DockerfileModel } from '../../src/dockerfile/index.js';
import type { WorkflowModel } from '../../src/workflow/index.js';
import { ROOT } from '../helpers/tmp.js';

/** The examples with a config. */
export const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((d) => existsSync(join(ROOT, 'examples', d, 'devstack.config.ts')));

/** An example's App, loaded as the CLI loads it (the default export). */
export async function exampleApp(name: string): Promise<App> {
  const mod = (await import(join(ROOT, 'examples', name, 'devstack.config.ts'))) as { default: App | (() => App) };
  return typeof mod.default === 'function' ? mod.default() : mod.default;
}

/** The scale workload: bench W2 (200 services with build, healthcheck, depends_on and watch; 50 workflows of 20 jobs). */
export async function scaleApp(): Promise<App> {
  const w2 = (await import('../../bench/workloads/w2.config.js')) as { default: () => App };
  return w2.default();
}

/** What a graph of the App must hold: node ids (`<file>:<name>`) and edges (`<kind> <from> -> <to>`). */
export interface Expected {
  readonly clusters: number;
  readonly nodes: Set<string>;
  readonly edges: string[];
}

const OVERRIDE = /(^|\/)(docker-)?compose\.override\.ya?ml$/;

/**
 * The nodes and edges, from the models. Edges: `depends_on` entries, a build's target (or last)
 * stage of a Dockerfile the App places, `FROM <stage>` and `COPY --from`/mount `from` between
 * stages (once per pair), `needs`, and a job's `docker/build-push-action` build of a Dockerfile the
 * App places (with the Dockerfile's folder, or a compose service's context).
 */
export function expectedGraph(entries: readonly FileEntry[]): Expected {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  let clusters = 0;
  const stages = new Map<string, string[]>();
  const lower = (s: string) => s.toLowerCase();
  for (const e of entries) {
    if (e.kind !== 'dockerfile') continue;
    clusters++;
    const m = e.model as DockerfileModel;
    const names = m.stages.map((s, i) => s.name ?? `stage ${i}`);
    stages.set(e.path, names);
    m.stages.forEach((s, i) => {
      const id = `${e.path}:${names[i]}`;
      nodes.add(id);
      const earlier = (ref: string) => {
        const j = /^\d+$/.test(ref) ? Number(ref) : m.stages.findIndex((x, k) => k < i && x.name !== undefined && lower(x.name) === lower(ref));
        return j >= 0 && j < i ? `${e.path}:${names[j]}` : undefined;
      };
      const base = /^\d+$/.test(s.from) ? undefined : earlier(s.from);
      if (base) edges.add(`from ${id} -> ${base}`);
      for (const ins of s.instructions) {
        const refs = ins.kind === 'copy' && ins.from ? [ins.from] : ins.kind === 'run' ? (ins.mounts ?? []).flatMap((mt) => ('from' in mt && mt.from ? [mt.from] : [])) : [];
        for (const r of refs) {
          const to = earlier(r);
          if (to) edges.add(`copy-from ${id} -> ${to}`);
        }
      }
    });
  }
  const composePaths = entries.filter((e) => e.kind === 'compose').map((e) => e.path);
  const contexts: { file: string; context: string }[] = [];
  for (const e of entries) {
    if (e.kind !== 'compose') continue;
    const base = OVERRIDE.test(e.path) ? composePaths.find((p) => p !== e.path && posix.dirname(p) === posix.dirname(e.path) && !OVERRIDE.test(p)) : undefined;
    const file = base ?? e.path;
    if (base === undefined) clusters++;
    const m = e.model as ComposeModel;
    for (const [name, s] of Object.entries(m.services ?? {})) {
      const id = `${file}:${name}`;
      nodes.add(id);
      const deps = s.depends_on === undefined ? [] : Array.isArray(s.depends_on) ? s.depends_on.map((d) => [d, 'service_started']) : Object.entries(s.depends_on).map(([d, v]) => [d, v.condition]);
      for (const [d] of deps) edges.add(`depends_on ${id} -> ${file}:${d}`);
      if (s.build !== undefined) {
        const b = typeof s.build === 'string' ? { context: s.build } : s.build;
        const context = posix.normalize(posix.join(posix.dirname(e.path), b.context ?? '.'));
        const df = posix.normalize(posix.join(context, b.dockerfile ?? 'Dockerfile'));
        contexts.push({ file: df, context });
        const names = stages.get(df);
        if (names) edges.add(`build ${id} -> ${df}:${b.target ?? names.at(-1)}`);
      }
    }
  }
  for (const e of entries) {
    if (e.kind !== 'workflow') continue;
    clusters++;
    const m = e.model as WorkflowModel;
    for (const [name, job] of Object.entries(m.jobs)) {
      const id = `${e.path}:${name}`;
      nodes.add(id);
      for (const n of job.needs === undefined ? [] : [job.needs].flat()) edges.add(`needs ${id} -> ${e.path}:${n}`);
      for (const step of 'steps' in job ? (job.steps ?? []) : []) {
        if (typeof step.uses !== 'string' || !step.uses.startsWith('docker/build-push-action@')) continue;
        const w = (step.with ?? {}) as Record<string, string>;
        const context = posix.normalize(w['context'] ?? '.');
        const file = posix.normalize(w['file'] ?? posix.join(context, 'Dockerfile'));
        const names = stages.get(file);
        const known = posix.dirname(file) === context || contexts.some((c) => c.file === file && c.context === context);
        if (names && known) edges.add(`builds-image ${id} -> ${file}:${w['target'] ?? names.at(-1)}`);
      }
    }
  }
  return { clusters, nodes, edges: [...edges] };
}
