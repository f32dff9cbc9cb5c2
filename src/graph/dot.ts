/**
 * The graph in Graphviz's DOT language.
 * @module
 */
import type { GraphEdgeKind, GraphNodeKind, StackGraph } from './graph.js';
import { nodeLines, printable } from './text.js';

/**
 * A DOT quoted string: `"` and `\` escaped, so a name cannot end the string or start an escape
 * sequence (`\n`, `\l`, `\N` …); control characters are shown with {@link printable}.
 *
 * @example
 * ```ts
 * dotString('say "hi"'); // '"say \\"hi\\""'
 * ```
 */
export function dotString(text: string): string {
  return `"${printable(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const SHAPES: Readonly<Record<GraphNodeKind, string>> = {
  stage: 'shape=box, style="rounded,filled", fillcolor="#eef4ff", color="#4a6fa5"',
  service: 'shape=box, style="filled", fillcolor="#eefaf0", color="#3c8d4f"',
  job: 'shape=box, style="filled", fillcolor="#fff6e8", color="#b7791f"',
};

const STYLES: Readonly<Record<GraphEdgeKind, string>> = {
  depends_on: '',
  build: ', penwidth=2',
  from: ', style=dashed',
  'copy-from': ', style=dashed',
  needs: '',
  'builds-image': ', penwidth=2, color="#b7791f"',
};

/**
 * The graph as a DOT `digraph`: a `cluster_<i>` subgraph per file, a node per stage, service and job
 * (ids `n0`, `n1` …, the text in `label` and `tooltip`), an edge per link with its label.
 *
 * @example
 * ```ts
 * dotGraph(stackGraph(app.entries()));
 * // digraph stack {
 * //   rankdir=LR; …
 * //   subgraph cluster_0 {
 * //     label="backend/Dockerfile";
 * //     n0 [label="builder\nFROM python:3.13-slim", …];
 * //   }
 * //   n1 -> n0 [label="COPY --from", style=dashed];
 * // }
 * ```
 */
export function dotGraph(graph: StackGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['digraph stack {', '  rankdir=LR;', '  graph [fontname="Helvetica", fontsize=11];', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  const byFile = new Map<string, typeof graph.nodes[number][]>();
  for (const n of graph.nodes) byFile.set(n.file, [...(byFile.get(n.file) ?? []), n]);
  graph.clusters.forEach((c, i) => {
    lines.push(`  subgraph cluster_${i} {`, `    label=${dotString(c.file)};`);
    for (const n of byFile.get(c.file) ?? []) {
      // each line escaped alone, then joined with DOT's line break \n
      const label = nodeLines(n).map((l) => dotString(l).slice(1, -1)).join('\\n');
      lines.push(`    ${ids.get(n.id)} [label="${label}", tooltip=${dotString(n.id)}, ${SHAPES[n.kind]}];`);
    }
    lines.push('  }');
  });
  for (const e of graph.edges) lines.push(`  ${ids.get(e.from)} -> ${ids.get(e.to)} [label=${dotString(e.label)}${STYLES[e.kind]}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
