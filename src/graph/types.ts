/**
 * The graph's data: nodes (stages, services, jobs), edges, clusters (one per file) and the codes
 * `devstack graph` reports.
 * @module
 */
import type { UsageError } from '../core/errors.js';
import { defineCodes } from '../core/rule.js';

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

