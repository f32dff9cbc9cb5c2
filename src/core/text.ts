/**
 * Small text helpers shared by the synthesizers.
 * @module
 */
import { MARKER } from './yaml.js';

/** Ends text with exactly one newline. */
export function withTrailingNewline(text: string): string {
  return text.replace(/\n*$/, '\n');
}

/** The marker as `#` comment lines. */
export function markerComment(): string {
  return `# ${MARKER}`;
}

/**
 * The marker lines a generated file may carry, one per comment syntax: `# …` (YAML, Dockerfiles,
 * ignore files), and for the graph files `devstack synth --graph` writes `<!-- … -->` (Markdown,
 * HTML), `%% …` (Mermaid), `// …` (DOT) and a `"$comment"` key (JSON).
 */
const MARKER_LINES = new Set([`# ${MARKER}`, `<!-- ${MARKER} -->`, `%% ${MARKER}`, `// ${MARKER}`, `"$comment": ${JSON.stringify(MARKER)},`]);

/** True when text carries the generated-file marker in its first lines (after parser directives). */
export function hasMarker(text: string): boolean {
  return text.split('\n', 12).some((line) => MARKER_LINES.has(line.trim()));
}

/** Normalizes line endings to `\n`. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
