/**
 * The graph as one self-contained HTML page: the data as JSON and a small renderer of our own
 * (see {@link CLIENT_SCRIPT}), inlined; nothing is fetched.
 * @module
 */
import { CLIENT_SCRIPT } from './client.js';
import type { StackGraph } from './graph.js';
import { nodeLines } from './text.js';

const STYLE = `
:root { color-scheme: light; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; height: 100vh; display: flex; flex-direction: column; background: #fafafa; color: #1f2328; }
header { display: flex; gap: 12px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #d0d7de; background: #fff; flex-wrap: wrap; }
header h1 { font-size: 15px; margin: 0; }
header input { width: 220px; padding: 3px 6px; }
header input.miss { outline: 2px solid #cf222e; }
header button { min-width: 28px; }
#counts { color: #57606a; }
.legend { display: flex; gap: 10px; color: #57606a; }
.legend span::before { content: ""; display: inline-block; width: 12px; height: 10px; margin-right: 4px; border: 1px solid; vertical-align: -1px; }
.legend .stage::before { background: #eef4ff; border-color: #4a6fa5; }
.legend .service::before { background: #eefaf0; border-color: #3c8d4f; border-radius: 5px; }
.legend .job::before { background: #fff6e8; border-color: #b7791f; }
main { flex: 1; position: relative; min-height: 0; }
#graph { width: 100%; height: 100%; display: block; cursor: grab; user-select: none; }
#graph:active { cursor: grabbing; }
.cluster rect { fill: #fff; stroke: #d0d7de; }
.cluster.compose rect { fill: #f6fbf7; }
.cluster.dockerfile rect { fill: #f5f8ff; }
.cluster.workflow rect { fill: #fffaf2; }
.cluster text { font-size: 12px; font-weight: 600; fill: #57606a; }
.node rect { stroke-width: 1.2; }
.node.stage rect { fill: #eef4ff; stroke: #4a6fa5; }
.node.service rect { fill: #eefaf0; stroke: #3c8d4f; }
.node.job rect { fill: #fff6e8; stroke: #b7791f; }
.node text { font-size: 11px; fill: #1f2328; }
.node .name { font-weight: 600; font-size: 12px; }
.node { cursor: pointer; }
.edge { fill: none; stroke: #8c959f; stroke-width: 1.2; }
.edge.from, .edge.copy-from { stroke-dasharray: 5 3; }
.edge.build, .edge.builds-image { stroke-width: 2; }
.edge.builds-image { stroke: #b7791f; }
.arrow path { fill: #8c959f; }
.arrow.builds-image path { fill: #b7791f; }
.edge-label { font-size: 10px; fill: #57606a; text-anchor: middle; }
#graph.focusing .node { opacity: 0.25; }
#graph.focusing .edge, #graph.focusing .edge-label { opacity: 0.08; }
#graph.focusing .node.hl, #graph.focusing .node.near { opacity: 1; }
#graph.focusing .edge.hl, #graph.focusing .edge-label.hl { opacity: 1; stroke: #cf222e; }
.node.hl rect { stroke: #cf222e; stroke-width: 2.5; }
#details { position: absolute; right: 12px; bottom: 12px; width: 360px; max-height: 50%; overflow: auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; box-shadow: 0 4px 16px rgba(0,0,0,.12); }
#details h2 { margin: 0; font-size: 16px; word-break: break-all; }
#details .kind { margin: 2px 0 8px; color: #57606a; }
#details dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 10px; margin: 0; }
#details dt { color: #57606a; }
#details dd { margin: 0; word-break: break-word; }
`;

/** JSON for inside a `<script>` element: `<` written as `\u003c`, so no text can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The graph as a self-contained HTML page (no network access: the renderer is inlined): a box per
 * file, every node and edge drawn in SVG, pan by dragging, zoom with the wheel or `+`/`-`/`0`, a
 * search box, and the details of a node (with links to its dependencies and dependents) on click.
 * Each node is a `<g class="node" data-id="<file>:<name>">`, each edge a
 * `<path class="edge" data-from data-to>`.
 *
 * @example
 * ```ts
 * writeFileSync('stack.html', htmlGraph(stackGraph(app.entries()), { title: 'my-app' }));
 * ```
 */
export function htmlGraph(graph: StackGraph, options: { readonly title?: string } = {}): string {
  const title = options.title ?? 'Stack graph';
  const data = {
    clusters: graph.clusters,
    nodes: graph.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, file: n.file, lines: nodeLines(n), details: n.details })),
    edges: graph.edges,
  };
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    '<span id="counts"></span>',
    '<input id="search" type="search" placeholder="Find a service, job or stage (Enter)" aria-label="Find a node">',
    '<button id="zoom-in" title="Zoom in (+)">+</button><button id="zoom-out" title="Zoom out (-)">−</button><button id="zoom-fit" title="Fit (0)">Fit</button>',
    '<span class="legend"><span class="stage">Dockerfile stage</span><span class="service">compose service</span><span class="job">workflow job</span></span>',
    '</header>',
    '<main>',
    '<svg id="graph" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Graph of the stack"></svg>',
    '<aside id="details" hidden></aside>',
    '</main>',
    `<script type="application/json" id="graph-data">${scriptJson(data)}</script>`,
    `<script>${CLIENT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
