/**
 * What a node says, as lines of text, for every output format.
 * @module
 */
import type { GraphNode, JobDetails, ServiceDetails, StageDetails } from './graph.js';

/**
 * Text with its control characters (line breaks, tabs, C1 controls, line and paragraph
 * separators) and lone surrogates shown as `\u{…}` escapes, so one name stays one line of valid
 * UTF-8 in every format.
 *
 * @example
 * ```ts
 * printable('a\nb'); // 'a\\u{a}b'
 * ```
 */
export function printable(text: string): string {
  // control characters, and lone surrogates (no UTF-8 file can hold one: it would turn into U+FFFD)
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

const watchSummary = (d: ServiceDetails): string => {
  const counts = new Map<string, number>();
  for (const w of d.watch) counts.set(w.action, (counts.get(w.action) ?? 0) + 1);
  return [...counts].map(([a, n]) => (n === 1 ? a : `${a} ×${n}`)).join(', ');
};

/**
 * The lines a node is drawn with: its name, then a short line or two of details (what a stage is
 * built from; a service's image or build target, healthcheck, ports and watch actions; a job's matrix
 * size). Every line is {@link printable}.
 *
 * @example
 * ```ts
 * nodeLines(apiNode); // ['api', 'build backend/Dockerfile › runtime', 'healthcheck ✓ · ports 8000:8000', 'watch sync, rebuild ×2, sync+restart']
 * ```
 */
export function nodeLines(node: GraphNode): string[] {
  const lines = [node.name];
  const d = node.details;
  if (d.kind === 'stage') {
    const s = d as StageDetails;
    lines.push(`FROM ${s.from}`);
    const extra = [s.healthcheck ? 'healthcheck ✓' : '', s.exposes.length > 0 ? `expose ${s.exposes.join(', ')}` : ''].filter((x) => x !== '');
    if (extra.length > 0) lines.push(extra.join(' · '));
  } else if (d.kind === 'service') {
    const s = d as ServiceDetails;
    if (s.build !== undefined) lines.push(`build ${s.build.dockerfile}${s.build.target === undefined ? '' : ` › ${s.build.target}`}`);
    else if (s.image !== undefined) lines.push(`image ${s.image}`);
    lines.push([`healthcheck ${s.healthcheck ? '✓' : '✗'}`, s.ports.length > 0 ? `ports ${s.ports.join(', ')}` : ''].filter((x) => x !== '').join(' · '));
    if (s.watch.length > 0) lines.push(`watch ${watchSummary(s)}`);
  } else {
    const j = d as JobDetails;
    const extra = [j.matrix === undefined ? '' : j.matrix === 'dynamic' ? 'matrix (dynamic)' : `matrix ×${j.matrix}`, j.uses === undefined ? '' : `uses ${j.uses}`].filter((x) => x !== '');
    if (extra.length > 0) lines.push(extra.join(' · '));
  }
  return lines.map(printable);
}
