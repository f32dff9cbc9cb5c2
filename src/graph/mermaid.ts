/**
 * The graph as a Mermaid flowchart (GitHub renders it in Markdown).
 * @module
 */
import type { GraphEdgeKind, GraphNodeKind, StackGraph } from './graph.js';
import { nodeLines, printable } from './text.js';

// characters written as they are in a label; every other one becomes a Mermaid entity code (#34;).
// `:` is not among them: Mermaid's entity pass treats `style…:…#…;` on a line as a style and would eat
// the `;` of a code after it.
const SAFE = /[A-Za-z0-9 .,_/+=@()\-×›✓✗·]/u;

/**
 * Text for inside a quoted Mermaid label: every character outside a small safe set is written as
 * a numeric entity code (`#34;` for `"`; spaces at either end too, which Mermaid would trim), which Mermaid turns back into the character when it draws
 * the label; nothing in a name can end the label, start markup or break the diagram.
 *
 * @example
 * ```ts
 * mermaidText('say "hi" <b>'); // 'say #34;hi#34; #60;b#62;'
 * mermaidText('127.0.0.1:5432');  // '127.0.0.1#58;5432'
 * ```
 */
export function mermaidText(text: string): string {
  const chars = [...printable(text)];
  // Mermaid trims a label: spaces at either end are written as codes too
  const first = chars.findIndex((c) => c !== ' ');
  const last = chars.length - 1 - [...chars].reverse().findIndex((c) => c !== ' ');
  return chars.map((ch, i) => (SAFE.test(ch) && (ch !== ' ' || (first >= 0 && i > first && i < last)) ? ch : `#${ch.codePointAt(0)};`)).join('');
}

const SHAPES: Readonly<Record<GraphNodeKind, readonly [string, string]>> = {
  stage: ['[["', '"]]'],
  service: ['("', '")'],
  job: ['["', '"]'],
};

const ARROWS: Readonly<Record<GraphEdgeKind, string>> = {
  depends_on: '-->',
  build: '==>',
  from: '-.->',
  'copy-from': '-.->',
  needs: '-->',
  'builds-image': '==>',
};

/**
 * The graph as a Mermaid `flowchart LR`: a `subgraph` per file, a node per stage (`[[…]]`),
 * service (`(…)`) and job (`[…]`), an arrow per edge with its label. Node and subgraph ids are
 * generated (`n0`, `c0`), so no name can clash with Mermaid's syntax; labels are escaped with
 * {@link mermaidText}.
 *
 * @example
 * ```ts
 * mermaidGraph(stackGraph(app.entries()));
 * // flowchart LR
 * //   subgraph c0["backend/Dockerfile"]
 * //     n0[["builder<br/>FROM python#58;3.13-slim"]]:::stage
 * //   …
 * //   n5 -->|"service_healthy"| n3
 * ```
 */
export function mermaidGraph(graph: StackGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
  const lines = ['flowchart LR'];
  const byFile = new Map<string, typeof graph.nodes[number][]>();
  for (const n of graph.nodes) byFile.set(n.file, [...(byFile.get(n.file) ?? []), n]);
  graph.clusters.forEach((c, i) => {
    lines.push(`  subgraph c${i}["${mermaidText(c.file)}"]`);
    for (const n of byFile.get(c.file) ?? []) {
      const [open, close] = SHAPES[n.kind];
      lines.push(`    ${ids.get(n.id)}${open}${nodeLines(n).map(mermaidText).join('<br/>')}${close}:::${n.kind}`);
    }
    lines.push('  end');
  });
  for (const e of graph.edges) lines.push(`  ${ids.get(e.from)} ${ARROWS[e.kind]}|"${mermaidText(e.label)}"| ${ids.get(e.to)}`);
  lines.push('  classDef stage fill:#eef4ff,stroke:#4a6fa5', '  classDef service fill:#eefaf0,stroke:#3c8d4f', '  classDef job fill:#fff6e8,stroke:#b7791f');
  return `${lines.join('\n')}\n`;
}
