// Any service, job or stage name, file name and edge label (any Unicode: quotes, brackets, `#`, `;`,
// `%%`, `-->`, `end`, `<script>`, backslashes, line breaks, lone surrogates …) survives into the
// Mermaid and DOT output: the real parsers (mermaid's; Graphviz's dot) read back one vertex per node
// and one edge per edge, joined as in the graph, each showing its text (control characters as the
// visible escapes of `printable`).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotGraph, mermaidGraph, nodeLines, printable, type GraphEdgeKind, type GraphNodeKind, type StackGraph } from '../../src/graph/index.js';
import { repoTempDir } from '../helpers/tmp.js';
import { drawnText, parsed } from './mermaid-parser.js';

const RUNS = 1000;

// names that stress both syntaxes, mixed with arbitrary Unicode text
const tricky = fc.constantFrom('end', 'subgraph', '"', '#', '#35;', ';', '%%', '-->', '|', '[', ']', '(', ')', '{', '}', '<script>', '\\', '\\n', '\n', 'style a:#f00;', 'classDef x fill:#fff;', '`md`', 'A&B', ':::x', 'graph', '\u2028', '\u{1F600}', '\ud800');
const text = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.array(fc.oneof(tricky, fc.string({ minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 4 }).map((p) => p.join('')));
const NODE_KINDS: GraphNodeKind[] = ['stage', 'service', 'job'];
const EDGE_KINDS: GraphEdgeKind[] = ['depends_on', 'build', 'from', 'copy-from', 'needs', 'builds-image'];

const graphs: fc.Arbitrary<StackGraph> = fc
  .record({
    files: fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
    nodes: fc.uniqueArray(fc.record({ name: text, kind: fc.constantFrom(...NODE_KINDS), file: fc.nat(), detail: text }), { minLength: 1, maxLength: 6, selector: (n) => n.name }),
    edges: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), kind: fc.constantFrom(...EDGE_KINDS), label: text }), { maxLength: 6 }),
  })
  .map(({ files, nodes, edges }) => {
    const ns = nodes.map((n) => {
      const file = files[n.file % files.length]!;
      const details =
        n.kind === 'stage'
          ? { kind: 'stage' as const, from: n.detail, index: 0, healthcheck: false, exposes: [] }
          : n.kind === 'service'
            ? { kind: 'service' as const, image: n.detail, healthcheck: true, ports: [n.detail], watch: [{ action: 'sync', path: n.detail }] }
            : { kind: 'job' as const, uses: n.detail, builds: [] };
      return { id: `${file}:${n.name}`, kind: n.kind, name: n.name, file, details };
    });
    const seen = new Set<string>();
    const es = edges.flatMap((e) => {
      const from = ns[e.a % ns.length]!.id;
      const to = ns[e.b % ns.length]!.id;
      const key = `${from}\u0000${to}\u0000${e.kind}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ from, to, kind: e.kind, label: e.label }];
    });
    return { clusters: files.map((file) => ({ file, kind: 'compose' as const })), nodes: ns, edges: es };
  });

/** A DOT label as Graphviz draws it: `\\` a backslash, `\"` a quote, `\n` (`\l`, `\r`) a line break. */
function dotDrawn(label: string): string {
  return label.replace(/\\(.)/gs, (_, c: string) => (c === 'n' || c === 'l' || c === 'r' ? '\n' : c));
}

type DotDoc = { objects?: { _gvid: number; name: string; label?: string }[]; edges?: { tail: number; head: number; label?: string }[] };

function fail(message: string): never {
  throw new Error(message);
}

/** `dot -Tjson` on some graphs: one JSON document each, or `undefined` when dot crashed. */
function dotJson(graphs: readonly StackGraph[]): DotDoc[] | undefined {
  const stream = graphs.map(dotGraph).join('');
  const run = spawnSync('dot', ['-Tjson'], { input: stream, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.signal !== null || run.status === 134 || run.status === 139) return undefined;
  if (run.status !== 0 || run.stderr !== '') {
    writeFileSync(join(repoTempDir('graph-dot'), 'stream.dot'), stream);
    throw new Error(`dot failed (${run.status}): ${run.stderr}`);
  }
  return run.stdout.split(/^}\n?/m).filter((d) => d.trim() !== '').map((d) => JSON.parse(`${d}}`) as DotDoc);
}

describe('names and labels survive into Mermaid and DOT', () => {
  it(`mermaid reads back every node, edge and subgraph of ${RUNS} arbitrary graphs, and dot does too`, async () => {
    const dotCases: StackGraph[] = [];
    await fc.assert(
      fc.asyncProperty(graphs, async (g) => {
        dotCases.push(g);
        const p = await parsed(mermaidGraph(g));
        // vertices come grouped by file: put them back in node order (their ids are n<index>)
        p.vertices.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
        expect(p.vertices.map((v) => drawnText(v.text))).toEqual(g.nodes.map((n) => nodeLines(n).join('\n')));
        // node ids are generated, never taken from a name
        expect(p.vertices.map((v) => v.id)).toEqual(g.nodes.map((_, i) => `n${i}`));
        expect(p.subgraphs.map((s) => drawnText(s.title)).sort()).toEqual(g.clusters.map((c) => printable(c.file)).sort());
        const idx = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
        expect(p.edges.map((e) => [e.start, e.end, drawnText(e.text)])).toEqual(g.edges.map((e) => [idx.get(e.from), idx.get(e.to), printable(e.label)]));
      }),
      { numRuns: RUNS },
    );
    expect(dotCases.length).toBeGreaterThanOrEqual(RUNS);
    // the same graphs through Graphviz, 20 to a dot process (a process per graph would take a
    // minute). Graphviz 2.43 (Debian 12) can crash (heap corruption) on a stream of several graphs
    // with astral-plane labels that it reads one at a time without complaint: a batch that crashes
    // is read again one graph per process, and a graph that crashes alone fails the test.
    const docs = dotCases.flatMap((_, i) => (i % 20 === 0 ? [dotCases.slice(i, i + 20)] : [])).flatMap((batch) => {
      const first = dotJson(batch);
      return first ?? batch.flatMap((g) => dotJson([g]) ?? fail(`dot crashed on ${dotGraph(g)}`));
    });
    expect(docs).toHaveLength(dotCases.length);
    docs.forEach((doc, k) => {
      const g = dotCases[k]!;
      const objects = doc.objects ?? [];
      const clusters = objects.filter((o) => o.name.startsWith('cluster_'));
      const nodes = objects.filter((o) => !o.name.startsWith('cluster_')).sort((a, b) => Number(a.name.slice(1)) - Number(b.name.slice(1)));
      const at = `graph ${k}: ${JSON.stringify(g.nodes.map((n) => n.name))}`;
      expect(nodes.map((o) => o.name), at).toEqual(g.nodes.map((_, i) => `n${i}`));
      expect(nodes.map((o) => dotDrawn(o.label ?? '')), at).toEqual(g.nodes.map((n) => nodeLines(n).join('\n')));
      expect(clusters.map((o) => dotDrawn(o.label ?? '')).sort(), at).toEqual(g.clusters.map((c) => printable(c.file)).sort());
      // edges name their ends by _gvid; dot lists them in its own order
      const gvid = new Map(objects.map((o) => [o._gvid, o.name]));
      const idx = new Map(g.nodes.map((n, i) => [n.id, `n${i}`]));
      const key = (x: readonly unknown[]) => JSON.stringify(x);
      expect((doc.edges ?? []).map((e) => key([gvid.get(e.tail), gvid.get(e.head), dotDrawn(e.label ?? '')])).sort(), at).toEqual(g.edges.map((e) => key([idx.get(e.from), idx.get(e.to), printable(e.label)])).sort());
    });
    // about 45 s here (a thousand Mermaid parses, fifty dot processes)
  }, 300_000);
});
