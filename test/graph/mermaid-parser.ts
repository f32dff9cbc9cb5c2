// Mermaid's own parser, in Node: mermaid needs a DOM (DOMPurify sanitizes labels), which jsdom
// gives (a window and document set up before mermaid loads; vitest's jsdom environment would also
// change what import.meta.url says, which the helpers use to find the repository). `parsed` runs
// mermaid.parse (it throws on a syntax error) and returns what the flowchart parser stored:
// vertices, edges and subgraphs.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
Object.assign(globalThis, { window: dom.window, document: dom.window.document });
const { default: mermaid } = await import('mermaid');

mermaid.initialize({ startOnLoad: false, maxTextSize: 10_000_000, maxEdges: 100_000 });

/** Text as Mermaid draws it: its entity codes (`#34;`, which the parser stores as `ﬂ°°34¶ß`) decoded, `<br>` as a line break. */
export function drawnText(text: string): string {
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/<br\s*\/?>/g, '\n');
}

export interface Parsed {
  readonly type: string;
  readonly vertices: { id: string; text: string }[];
  readonly edges: { start: string; end: string; text: string }[];
  readonly subgraphs: { id: string; title: string; nodes: string[] }[];
}

/** Parses a flowchart with Mermaid's parser; throws what Mermaid throws for invalid text. */
export async function parsed(text: string): Promise<Parsed> {
  // throws on invalid text (it returns false only with suppressErrors)
  const result = await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db = diagram.db as unknown as {
    getVertices(): Map<string, { id: string; text: string }>;
    getEdges(): { start: string; end: string; text: string }[];
    getSubGraphs(): { id: string; title: string; nodes: string[] }[];
  };
  return {
    type: result.diagramType,
    vertices: [...db.getVertices().values()].map((v) => ({ id: v.id, text: v.text })),
    edges: db.getEdges().map((e) => ({ start: e.start, end: e.end, text: e.text })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: [...s.nodes] })),
  };
}
