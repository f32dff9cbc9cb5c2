/**
 * The stack as a graph: Dockerfile stages, compose services and workflow jobs, and the links between
 * them, read from the models of an App's files (never from builders, never from disk).
 * @module
 */
import { posix } from 'node:path';
import { UsageError } from '../core/errors.js';
import { defineCodes } from '../core/rule.js';
import type { BuildModel, ComposeModel, ServiceModel } from '../compose/model.js';
import type { DockerfileModel, Instruction } from '../dockerfile/model.js';
import type { JobModel, StepModel, WorkflowModel } from '../workflow/model.js';

/**
 * Codes `devstack graph` reports (thrown as {@link UsageError}s). The App does not know them: the
 * graph reads the App, never the other way round.
 *
 * @example
 * ```ts
 * graphCodes.map((c) => c.code); // ['graph/unknown-node', 'graph/ambiguous-node', 'graph/unsupported-file']
 * ```
 */
export const graphCodes = defineCodes([
  { code: 'graph/unknown-node', severity: 'error', summary: '`devstack graph --focus NAME` names no stage, service or job of the stack.', fix: 'Pass one of the names the message lists (a service, a job id or a stage name), or `<file>:<name>` for one in a given file.' },
  { code: 'graph/ambiguous-node', severity: 'error', summary: '`--focus NAME` matches more than one node (two Dockerfiles with a `runtime` stage, a job and a service of the same name).', fix: 'Pass `<file>:<name>`, one of the qualified names the message lists: `--focus backend/Dockerfile:runtime`.' },
  { code: 'graph/unsupported-file', severity: 'error', summary: '`devstack synth --graph FILE` got a file whose extension says no graph format.', fix: 'End the file name with `.md` (Markdown with a Mermaid block), `.mmd`, `.dot`/`.gv` or `.html`.' },
]);

/** The kinds of node: a Dockerfile stage, a compose service, a workflow job. @example `g.nodes.filter((n) => n.kind === 'job')` */
export type GraphNodeKind = 'stage' | 'service' | 'job';

/**
 * What a stage node says.
 *
 * @example
 * ```ts
 * const d: StageDetails = { kind: 'stage', from: 'python:3.13-slim', index: 1, healthcheck: false, exposes: ['8000'] };
 * ```
 */
export interface StageDetails {
  readonly kind: 'stage';
  /** The `FROM` reference: an image, or the name of an earlier stage. */
  readonly from: string;
  /** The stage's position in its Dockerfile (0-based). */
  readonly index: number;
  /** True when the stage has a `HEALTHCHECK` (not `HEALTHCHECK NONE`). */
  readonly healthcheck: boolean;
  /** `EXPOSE`d ports. */
  readonly exposes: readonly string[];
}

/**
 * What a service node says.
 *
 * @example
 * ```ts
 * const d: ServiceDetails = { kind: 'service', build: { context: 'backend', dockerfile: 'backend/Dockerfile', target: 'runtime' }, healthcheck: true, ports: ['8000:8000'], watch: [{ action: 'sync', path: './backend/app', target: '/app/app' }], override: 'compose.override.yaml' };
 * ```
 */
export interface ServiceDetails {
  readonly kind: 'service';
  readonly image?: string;
  /** The build: the Dockerfile path (from the project root), its context and target, as compose reads them. */
  readonly build?: { readonly context: string; readonly dockerfile: string; readonly target?: string };
  readonly healthcheck: boolean;
  /** Published ports as compose writes them (`8000:8000`, `127.0.0.1:5555:5432`), from the file and its override. */
  readonly ports: readonly string[];
  /** `develop.watch` rules, from the file and its override. */
  readonly watch: readonly { readonly action: string; readonly path: string; readonly target?: string }[];
  /** The override file that adds ports or watch rules (`compose.override.yaml`), when there is one. */
  readonly override?: string;
}

/**
 * What a job node says.
 *
 * @example
 * ```ts
 * const d: JobDetails = { kind: 'job', matrix: 2, runsOn: 'ubuntu-24.04', builds: [{ file: 'backend/Dockerfile', context: 'backend', target: 'runtime' }] };
 * ```
 */
export interface JobDetails {
  readonly kind: 'job';
  /** The job's `name:`, when it has one. */
  readonly title?: string;
  /** How many jobs the matrix runs; `'dynamic'` when it is an expression; absent without a matrix. */
  readonly matrix?: number | 'dynamic';
  readonly runsOn?: string;
  /** The reusable workflow a call job runs. */
  readonly uses?: string;
  /** The images its steps build (`docker/build-push-action`, `docker build`). */
  readonly builds: readonly { readonly file: string; readonly context: string; readonly target?: string }[];
}

/**
 * One node. `id` is `<file>:<name>`, unique in the graph.
 *
 * @example
 * ```ts
 * const n: GraphNode = { id: 'compose.yaml:api', kind: 'service', name: 'api', file: 'compose.yaml', details: { kind: 'service', healthcheck: true, ports: ['8000:8000'], watch: [] } };
 * ```
 */
export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** The stage name (`stage 0` for an unnamed one), service name or job id. */
  readonly name: string;
  /** The file it belongs to: its cluster. */
  readonly file: string;
  readonly details: StageDetails | ServiceDetails | JobDetails;
}

/**
 * The kinds of edge, each pointing from the node that depends to the node it depends on:
 * `depends_on` (service → service), `build` (service → the stage it builds), `from`
 * (stage → the stage it starts from), `copy-from` (`COPY --from`, `RUN --mount=…,from=`),
 * `needs` (job → job), `builds-image` (job → the stage its build step builds).
 */
export type GraphEdgeKind = 'depends_on' | 'build' | 'from' | 'copy-from' | 'needs' | 'builds-image';

/**
 * One edge, from the dependent to its dependency.
 *
 * @example
 * ```ts
 * const e: GraphEdge = { from: 'compose.yaml:api', to: 'compose.yaml:postgres', kind: 'depends_on', label: 'service_healthy' };
 * ```
 */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** What the edge is drawn with: the condition of a `depends_on`, `target`, `FROM`, `COPY --from`, `needs`, `builds`. */
  readonly label: string;
}

/** A file of the stack: the box its nodes are drawn in. @example `{ file: 'backend/Dockerfile', kind: 'dockerfile' }` */
export interface GraphCluster {
  /** The file's path: `compose.yaml`, `backend/Dockerfile`, `.github/workflows/ci.yml`. */
  readonly file: string;
  readonly kind: 'dockerfile' | 'compose' | 'workflow';
}

/**
 * The whole graph: clusters (files) in the App's order, nodes in file order, edges.
 *
 * @example
 * ```ts
 * const g = stackGraph(app.entries());
 * g.nodes.filter((n) => n.kind === 'service').map((n) => n.name); // ['postgres', 'redis', 'api', …]
 * ```
 */
export interface StackGraph {
  readonly clusters: readonly GraphCluster[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** A file the graph reads: what `app.entries()` gives (kind, path, model). @example `stackGraph([{ kind: 'compose', path: 'compose.yaml', model: { services: { db: { image: 'postgres:16' } } } }])` */
export interface GraphEntry {
  readonly kind: string;
  readonly path: string;
  readonly model: unknown;
}

const EDGE_LABELS: Readonly<Record<GraphEdgeKind, string>> = {
  depends_on: 'depends_on',
  build: 'target',
  from: 'FROM',
  'copy-from': 'COPY --from',
  needs: 'needs',
  'builds-image': 'builds',
};

const nodeId = (file: string, name: string): string => `${file}:${name}`;
const stageName = (name: string | undefined, index: number): string => name ?? `stage ${index}`;
const OVERRIDE = /^(docker-)?compose\.override\.ya?ml$/;

/** The base compose file an override file beside it extends (`compose.override.yaml` → `compose.yaml`), among `paths`. */
function baseOf(path: string, paths: ReadonlySet<string>): string | undefined {
  const name = posix.basename(path);
  if (!OVERRIDE.test(name)) return undefined;
  const dir = posix.dirname(path);
  const at = (n: string): string => (dir === '.' ? n : `${dir}/${n}`);
  return ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'].map(at).find((p) => paths.has(p));
}

function portText(p: unknown): string | undefined {
  if (typeof p === 'number' || typeof p === 'string') return String(p);
  if (typeof p !== 'object' || p === null) return undefined;
  const l = p as { host_ip?: string; published?: number | string; target?: number; protocol?: string };
  const host = [l.host_ip, l.published].filter((x) => x !== undefined && x !== '').join(':');
  const text = `${host === '' ? '' : `${host}:`}${l.target ?? ''}${l.protocol ? `/${l.protocol}` : ''}`;
  return text === '' ? undefined : text;
}

function buildOf(build: ServiceModel['build'], composeDir: string): ServiceDetails['build'] | undefined {
  if (build === undefined) return undefined;
  const b: BuildModel = typeof build === 'string' ? { context: build } : build;
  if (b.dockerfile_inline !== undefined) return undefined;
  const context = posix.normalize(posix.join(composeDir, b.context ?? '.'));
  const dockerfile = posix.normalize(posix.join(context, b.dockerfile ?? 'Dockerfile'));
  return b.target === undefined ? { context, dockerfile } : { context, dockerfile, target: b.target };
}

/**
 * How many jobs a matrix runs, as GitHub expands it: the product of the value lists, less the
 * combinations an `exclude` entry matches, with each `include` entry added to the combinations it
 * does not overwrite (or as one more). `'dynamic'` when any part is an expression.
 *
 * @example
 * ```ts
 * matrixSize({ python: ['3.12', '3.13'], os: ['linux', 'macos'] });            // 4
 * matrixSize({ python: ['3.12', '3.13'], include: [{ python: '3.14' }] });    // 3
 * matrixSize('${{ fromJSON(needs.plan.outputs.matrix) }}');                  // 'dynamic'
 * ```
 */
export function matrixSize(matrix: unknown): number | 'dynamic' | undefined {
  if (matrix === undefined || matrix === null) return undefined;
  if (typeof matrix === 'string') return 'dynamic';
  if (typeof matrix !== 'object') return undefined;
  const m = matrix as Record<string, unknown>;
  type Combo = Record<string, unknown>;
  let combos: Combo[] = [{}];
  let hasKeys = false;
  for (const [key, values] of Object.entries(m)) {
    if (key === 'include' || key === 'exclude') continue;
    if (!Array.isArray(values)) return 'dynamic';
    hasKeys = true;
    const next: Combo[] = [];
    for (const c of combos) for (const v of values) next.push({ ...c, [key]: v });
    combos = next;
    if (combos.length > 4096) return 'dynamic';
  }
  if (!hasKeys) combos = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const list = (v: unknown): Combo[] | 'dynamic' => (v === undefined ? [] : Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Combo[]) : 'dynamic');
  const exclude = list(m['exclude']);
  const include = list(m['include']);
  if (exclude === 'dynamic' || include === 'dynamic') return 'dynamic';
  combos = combos.filter((c) => !exclude.some((e) => Object.entries(e).every(([k, v]) => same(c[k], v))));
  const original = new Set(Object.keys(m).filter((k) => k !== 'include' && k !== 'exclude'));
  // an include entry extends every original combination it does not contradict (it may overwrite
  // what an earlier include added); one that extends none is a job of its own
  const extra = include.filter((inc) => !combos.some((c) => Object.entries(inc).every(([k, v]) => !original.has(k) || same(c[k], v)))).length;
  return combos.length + extra;
}

const flatSteps = (steps: readonly StepModel[]): StepModel[] => steps.flatMap((s) => [s, ...(Array.isArray(s.parallel) ? flatSteps(s.parallel) : [])]);
const hasExpression = (s: string): boolean => s.includes('${{');

/**
 * The images a job's steps build: `docker/build-push-action` (`context`, `file`, `target`) and
 * `docker build`/`docker buildx build` run lines (in the step's or the job's working directory).
 * Inputs with expressions or shell variables are left out.
 *
 * @example
 * ```ts
 * jobBuilds({ 'runs-on': 'ubuntu-latest', steps: [{ uses: 'docker/build-push-action@v6', with: { context: 'api', target: 'runtime' } }] });
 * // [{ context: 'api', file: 'api/Dockerfile', target: 'runtime' }]
 * ```
 */
export function jobBuilds(job: JobModel): JobDetails['builds'] {
  if (!('steps' in job) || !Array.isArray(job.steps)) return [];
  const out: { file: string; context: string; target?: string }[] = [];
  const jobDir = job.defaults?.run?.['working-directory'];
  for (const step of flatSteps(job.steps)) {
    if (typeof step.uses === 'string' && /^docker\/build-push-action@/.test(step.uses)) {
      const w = (typeof step.with === 'object' && step.with !== null ? step.with : {}) as Record<string, unknown>;
      const ctx = typeof w['context'] === 'string' && w['context'] !== '' ? w['context'] : '.';
      const file = typeof w['file'] === 'string' && w['file'] !== '' ? w['file'] : undefined;
      const target = typeof w['target'] === 'string' && w['target'] !== '' ? w['target'] : undefined;
      if ([ctx, file ?? '', target ?? ''].some(hasExpression)) continue;
      const context = posix.normalize(ctx);
      out.push({ context, file: posix.normalize(file ?? posix.join(context, 'Dockerfile')), ...(target === undefined ? {} : { target }) });
    } else if (typeof step.run === 'string') {
      const dir = posix.normalize(step['working-directory'] ?? jobDir ?? '.');
      for (const line of step.run.split(/\n|&&|;/)) {
        const b = dockerBuildCommand(line.trim());
        if (b === undefined) continue;
        const context = posix.normalize(posix.join(dir, b.context));
        const file = posix.normalize(b.file === undefined ? posix.join(context, 'Dockerfile') : posix.join(dir, b.file));
        out.push({ context, file, ...(b.target === undefined ? {} : { target: b.target }) });
      }
    }
  }
  return out;
}

/** `docker build [-f F] [--target T] CONTEXT` (or `docker buildx build`, `docker image build`) on one line, without expressions or variables. */
function dockerBuildCommand(line: string): { context: string; file?: string; target?: string } | undefined {
  const words = line.split(/\s+/);
  if (words[0] !== 'docker') return undefined;
  let i = 1;
  if (words[i] === 'buildx' || words[i] === 'image') i++;
  if (words[i] !== 'build') return undefined;
  if (/[$`'"\\]/.test(line)) return undefined;
  let file: string | undefined;
  let target: string | undefined;
  const positional: string[] = [];
  const withValue = new Set(['-t', '--tag', '--build-arg', '--platform', '--label', '--cache-from', '--cache-to', '--secret', '--ssh', '--output', '-o', '--build-context', '--progress', '--network', '--iidfile', '--metadata-file', '--builder', '--shm-size', '--ulimit', '--add-host', '--allow', '--annotation', '--attest', '--call']);
  for (i++; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-f' || w === '--file') file = words[++i];
    else if (w.startsWith('--file=')) file = w.slice(7);
    else if (w === '--target') target = words[++i];
    else if (w.startsWith('--target=')) target = w.slice(9);
    else if (withValue.has(w)) i++;
    else if (!w.startsWith('-')) positional.push(w);
  }
  if (positional.length !== 1 || positional[0] === '-' || /^[a-z]+:\/\//.test(positional[0]!)) return undefined;
  return { context: positional[0]!, ...(file === undefined ? {} : { file }), ...(target === undefined ? {} : { target }) };
}

function runsOnText(job: JobModel): string | undefined {
  if (!('runs-on' in job)) return undefined;
  const r = job['runs-on'];
  if (typeof r === 'string') return r;
  if (Array.isArray(r)) return r.join(', ');
  const labels = r.labels === undefined ? [] : [r.labels].flat();
  return [r.group, ...labels].filter((x) => x !== undefined).join(', ');
}

/**
 * The graph of a stack, from the files an App will write (`app.entries()`): a node per Dockerfile
 * stage, compose service and workflow job; an edge per `depends_on`, build target, `FROM <stage>`,
 * `COPY --from`, `needs`, and per image a job builds (matched by the Dockerfile path and context its
 * build step names: `docker/build-push-action`'s `file`/`context`/`target`, or a `docker build` line).
 * A `compose.override.yaml` adds its ports and watch rules to the services of the compose file beside it.
 * Models only: no file is read.
 *
 * @example
 * ```ts
 * const g = stackGraph(app.entries());
 * g.edges.find((e) => e.kind === 'depends_on');
 * // { from: 'compose.yaml:api', to: 'compose.yaml:postgres', kind: 'depends_on', label: 'service_healthy' }
 * ```
 */
export function stackGraph(entries: readonly GraphEntry[]): StackGraph {
  const clusters: GraphCluster[] = [];
  const nodes: GraphNode[] = [];
  const byId = new Map<string, GraphNode>();
  const addNode = (n: GraphNode): void => {
    nodes.push(n);
    byId.set(n.id, n);
  };
  const edges: GraphEdge[] = [];
  const seenEdges = new Set<string>();
  const addEdge = (from: string, to: string, kind: GraphEdgeKind, label = EDGE_LABELS[kind]): void => {
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (seenEdges.has(key)) return;
    seenEdges.add(key);
    edges.push({ from, to, kind, label });
  };
  // each Dockerfile's stages: its name → node id, and its last stage (the default build)
  const dockerfiles = new Map<string, { byName: Map<string, string>; last: string }>();
  const stageOf = (file: string, target: string | undefined): string | undefined => {
    const d = dockerfiles.get(file);
    if (d === undefined) return undefined;
    return target === undefined ? d.last : d.byName.get(target.toLowerCase());
  };

  for (const entry of entries) {
    if (entry.kind !== 'dockerfile') continue;
    const model = entry.model as DockerfileModel;
    clusters.push({ file: entry.path, kind: 'dockerfile' });
    const byName = new Map<string, string>();
    const byIndex: string[] = [];
    model.stages.forEach((stage, index) => {
      const name = stageName(stage.name, index);
      const id = nodeId(entry.path, name);
      const health = stage.instructions.filter((i): i is Extract<Instruction, { kind: 'healthcheck' }> => i.kind === 'healthcheck').at(-1);
      const exposes = stage.instructions.flatMap((i) => (i.kind === 'expose' ? i.ports : []));
      addNode({ id, kind: 'stage', name, file: entry.path, details: { kind: 'stage', from: stage.from, index, healthcheck: health !== undefined && health.command !== null, exposes } });
      // FROM <earlier stage> (stage names are case-insensitive)
      const base = byName.get(stage.from.toLowerCase());
      if (base !== undefined) addEdge(id, base, 'from');
      const refer = (ref: string | undefined): void => {
        if (ref === undefined) return;
        const to = /^\d+$/.test(ref) ? byIndex[Number(ref)] : byName.get(ref.toLowerCase());
        if (to !== undefined && to !== id) addEdge(id, to, 'copy-from');
      };
      for (const ins of stage.instructions) {
        if (ins.kind === 'copy') refer(ins.from);
        if (ins.kind === 'run') for (const m of ins.mounts ?? []) if ('from' in m) refer(m.from);
      }
      if (stage.name !== undefined) byName.set(stage.name.toLowerCase(), id);
      byIndex.push(id);
    });
    dockerfiles.set(entry.path, { byName, last: byIndex.at(-1)! });
  }

  const paths = new Set(entries.filter((e) => e.kind === 'compose').map((e) => e.path));
  const overrides = new Map<string, { path: string; model: ComposeModel }>();
  for (const entry of entries) {
    const base = entry.kind === 'compose' ? baseOf(entry.path, paths) : undefined;
    if (base !== undefined) overrides.set(base, { path: entry.path, model: entry.model as ComposeModel });
  }
  for (const entry of entries) {
    if (entry.kind !== 'compose' || baseOf(entry.path, paths) !== undefined) continue;
    const model = entry.model as ComposeModel;
    const dir = posix.dirname(entry.path);
    const override = overrides.get(entry.path);
    clusters.push({ file: entry.path, kind: 'compose' });
    const services = { ...(model.services ?? {}) };
    for (const name of Object.keys(override?.model.services ?? {})) if (!(name in services)) services[name] = {};
    for (const [name, service] of Object.entries(services)) {
      const extra = override?.model.services?.[name];
      const id = nodeId(entry.path, name);
      const ports = [...(service.ports ?? []), ...(extra?.ports ?? [])].flatMap((p) => portText(p) ?? []);
      const watch = [...(service.develop?.watch ?? []), ...(extra?.develop?.watch ?? [])].map((w) => (w.target === undefined ? { action: w.action, path: w.path } : { action: w.action, path: w.path, target: w.target }));
      const image = service.image ?? extra?.image;
      const build = buildOf(service.build ?? extra?.build, dir);
      const health = service.healthcheck ?? extra?.healthcheck;
      const stage = build === undefined ? undefined : stageOf(build.dockerfile, build.target);
      // a service built at a stage with a HEALTHCHECK has one too, unless compose turns it off
      const stageHealth = stage === undefined ? false : (byId.get(stage)?.details as StageDetails | undefined)?.healthcheck === true;
      const healthcheck = health === undefined ? stageHealth : health.disable !== true && !(Array.isArray(health.test) && health.test[0] === 'NONE');
      addNode({
        id,
        kind: 'service',
        name,
        file: entry.path,
        details: {
          kind: 'service',
          ...(image === undefined ? {} : { image }),
          ...(build === undefined ? {} : { build }),
          healthcheck,
          ports,
          watch,
          ...(override !== undefined && extra !== undefined ? { override: override.path } : {}),
        },
      });
      if (stage !== undefined) addEdge(id, stage, 'build');
    }
    for (const [name, service] of Object.entries(services)) {
      const deps = service.depends_on;
      const id = nodeId(entry.path, name);
      const list: [string, string][] = deps === undefined ? [] : Array.isArray(deps) ? deps.map((d) => [d, 'service_started']) : Object.entries(deps).map(([d, v]) => [d, v.condition]);
      for (const [dep, condition] of list) if (dep in services) addEdge(id, nodeId(entry.path, dep), 'depends_on', condition);
    }
  }

  for (const entry of entries) {
    if (entry.kind !== 'workflow') continue;
    const model = entry.model as WorkflowModel;
    clusters.push({ file: entry.path, kind: 'workflow' });
    const jobs = Object.entries(model.jobs ?? {});
    for (const [name, job] of jobs) {
      const builds = jobBuilds(job);
      const matrix = matrixSize(job.strategy?.matrix);
      const runsOn = runsOnText(job);
      const details: JobDetails = {
        kind: 'job',
        ...(job.name === undefined ? {} : { title: job.name }),
        ...(matrix === undefined ? {} : { matrix }),
        ...(runsOn === undefined ? {} : { runsOn }),
        ...('uses' in job ? { uses: job.uses } : {}),
        builds,
      };
      addNode({ id: nodeId(entry.path, name), kind: 'job', name, file: entry.path, details });
    }
    for (const [name, job] of jobs) {
      const id = nodeId(entry.path, name);
      const needs = job.needs === undefined ? [] : [job.needs].flat();
      for (const n of needs) if (model.jobs[n] !== undefined) addEdge(id, nodeId(entry.path, n), 'needs');
      for (const b of (byId.get(id)!.details as JobDetails).builds) {
        const stage = stageOf(b.file, b.target);
        // the context must be the one the App built the Dockerfile with, or the image differs
        if (stage !== undefined && contextMatches(entries, b.file, b.context)) addEdge(id, stage, 'builds-image');
      }
    }
  }
  return { clusters, nodes, edges };
}

/** True when some compose service or the Dockerfile's folder uses `context` for `file` (a job building it elsewhere builds another image). */
function contextMatches(entries: readonly GraphEntry[], file: string, context: string): boolean {
  if (posix.dirname(file) === context) return true;
  for (const e of entries) {
    if (e.kind !== 'compose') continue;
    const dir = posix.dirname(e.path);
    for (const s of Object.values((e.model as ComposeModel).services ?? {})) {
      const b = buildOf(s.build, dir);
      if (b !== undefined && b.dockerfile === file && b.context === context) return true;
    }
  }
  return false;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * The node `name` names: a node id (`<file>:<name>`), or a name only one node has. Throws a
 * {@link UsageError} (`graph/unknown-node` with the nearest names, or `graph/ambiguous-node` with the
 * qualified ones) otherwise.
 *
 * @example
 * ```ts
 * findNode(g, 'api').id;                 // 'compose.yaml:api'
 * findNode(g, 'backend/Dockerfile:runtime').kind; // 'stage'
 * findNode(g, 'apj');                    // UsageError graph/unknown-node: no stage, service or job is named "apj"; did you mean: api?
 * ```
 */
export function findNode(graph: StackGraph, name: string): GraphNode {
  const exact = graph.nodes.find((n) => n.id === name);
  if (exact !== undefined) return exact;
  const named = graph.nodes.filter((n) => n.name === name);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new UsageError('graph/ambiguous-node', `"${name}" names ${named.length} nodes: ${named.map((n) => `${n.id} (${n.kind})`).join(', ')}`, `pass one of them as <file>:<name>, e.g. --focus ${named[0]!.id}`);
  }
  const lower = name.toLowerCase();
  const candidates = [...new Set(graph.nodes.map((n) => n.name))];
  const near = candidates
    .map((c) => ({ c, d: c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()) ? 0.5 : distance(lower, c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, 5)
    .map((x) => x.c);
  const shown = near.length > 0 ? `did you mean: ${near.join(', ')}?` : `the stack has ${candidates.length === 0 ? 'no nodes' : `${candidates.slice(0, 10).join(', ')}${candidates.length > 10 ? `, … (${candidates.length} in all)` : ''}`}`;
  throw new UsageError('graph/unknown-node', `no stage, service or job is named "${name}"; ${shown}`, 'pass a service name, a job id or a stage name (devstack graph --format json lists them all), or <file>:<name>');
}

/**
 * The part of the graph around one node: the node, everything it depends on and everything that
 * depends on it (transitively), and the edges between those. Clusters without a kept node go.
 *
 * @example
 * ```ts
 * focusGraph(g, 'api').nodes.map((n) => n.name); // examples/seed
 * // ['builder', 'runtime', 'postgres', 'redis', 'nats', 'api', 'frontend']
 * ```
 */
export function focusGraph(graph: StackGraph, name: string): StackGraph {
  const start = findNode(graph, name).id;
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const e of graph.edges) {
    out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
    into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  }
  const keep = new Set<string>([start]);
  const walk = (next: Map<string, string[]>): void => {
    const seen = new Set<string>([start]);
    const todo = [start];
    while (todo.length > 0) {
      const id = todo.pop()!;
      for (const n of next.get(id) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        keep.add(n);
        todo.push(n);
      }
    }
  };
  walk(out);
  walk(into);
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  const files = new Set(nodes.map((n) => n.file));
  return { clusters: graph.clusters.filter((c) => files.has(c.file)), nodes, edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)) };
}
