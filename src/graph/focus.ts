/**
 * `--focus`: finding a node by name (with "did you mean") and keeping it with what it depends on and
 * what depends on it.
 * @module
 */
import { UsageError } from '../core/errors.js';
import type { GraphNode, StackGraph } from './types.js';
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
