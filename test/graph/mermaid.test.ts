// The Mermaid output, read by the `mermaid` package's own parser: every example and the scale
// workload parse, with a vertex per node, an edge per edge and a subgraph per file of the App.
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.js';
import { graphFile, mermaidGraph, nodeLines, stackGraph } from '../../src/graph/index.js';
import { EXAMPLES, exampleApp, expectedGraph, scaleApp } from './apps.js';
import { drawnText, parsed } from './mermaid-parser.js';

async function check(app: App): Promise<void> {
  const graph = stackGraph(app.entries());
  const want = expectedGraph(app.entries());
  const p = await parsed(mermaidGraph(graph));
  expect(p.type).toBe('flowchart-v2');
  expect(p.vertices).toHaveLength(want.nodes.size);
  expect(p.edges).toHaveLength(want.edges.length);
  expect(p.subgraphs).toHaveLength(want.clusters);
  // each vertex reads back as its node's name and details, each subgraph as its file
  const names = graph.nodes.map((n) => nodeLines(n).join('\n'));
  expect(p.vertices.map((v) => drawnText(v.text))).toEqual(names);
  expect(p.subgraphs.map((s) => drawnText(s.title)).sort()).toEqual(graph.clusters.map((c) => c.file).sort());
  // each edge joins the vertices of its nodes
  const idOf = new Map(graph.nodes.map((n, i) => [n.id, p.vertices[i]!.id]));
  expect(p.edges.map((e) => `${e.start} ${e.end} ${drawnText(e.text)}`).sort()).toEqual(graph.edges.map((e) => `${idOf.get(e.from)} ${idOf.get(e.to)} ${e.label}`).sort());
}

describe('Mermaid output, parsed by mermaid', () => {
  it.each(EXAMPLES)('examples/%s', async (name) => {
    await check(await exampleApp(name));
  });

  it('the scale workload (bench W2: 200 services, 50 workflows)', async () => {
    await check(await scaleApp());
  });

  it('the .mmd and .md files synth --graph writes parse too (the marker is a Mermaid comment)', async () => {
    const graph = stackGraph((await exampleApp('seed')).entries());
    expect((await parsed(graphFile(graph, 'docs/stack.mmd'))).vertices).toHaveLength(18);
    const md = graphFile(graph, 'docs/stack.md');
    const block = /```mermaid\n([\s\S]*?)```/.exec(md)![1]!;
    expect((await parsed(block)).edges).toHaveLength(15);
  });

  it('an App with no stage, service or job gives an empty flowchart that parses', async () => {
    const { App } = await import('../../src/app/app.js');
    const p = await parsed(mermaidGraph(stackGraph(new App().gitignore(['.env']).entries())));
    expect([p.vertices.length, p.edges.length, p.subgraphs.length]).toEqual([0, 0, 0]);
  });

  it('a diagram with a broken label does not parse (the parser is really checking)', async () => {
    await expect(parsed('flowchart LR\n  n0["a"b"]\n')).rejects.toThrow();
  });
});
