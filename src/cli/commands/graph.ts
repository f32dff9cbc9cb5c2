/**
 * `devstack graph [--format mermaid|dot|html|json] [--out FILE] [--focus NAME]`: the stack as a
 * picture. Thin: loads the App and calls src/graph.
 * @module
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { SynthError } from '../../core/errors.js';
import { errorsOf } from '../../core/issue.js';
import { focusGraph, GRAPH_FORMATS, renderGraph, stackGraph, type GraphFormat } from '../../graph/index.js';
import { CliUsageError, commonArgs, EXIT, guard, load, rejectUnknown, reporter } from './shared.js';

const args = {
  ...commonArgs,
  format: { type: 'string', description: 'mermaid (default; GitHub renders it in Markdown), dot (Graphviz), html (a self-contained page) or json', valueHint: 'mermaid|dot|html|json', default: 'mermaid' },
  out: { type: 'string', description: 'Write the graph to this file instead of stdout', valueHint: 'file' },
  focus: { type: 'string', description: 'Keep one node (a service, job or stage; or <file>:<name>), what it depends on and what depends on it', valueHint: 'name' },
} as const satisfies ArgsDef;

/** The `graph` command. @example `npx devstack graph --format html --out stack.html --focus api` */
export const graphCommand = defineCommand({
  meta: { name: 'graph', description: 'Draw the stack: Dockerfile stages, compose services, workflow jobs and the links between them' },
  args,
  async run({ args: a }) {
    const toStdout = a.out === undefined;
    const r = reporter('graph', a, toStdout);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, args);
      const format = a.format as GraphFormat;
      if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new CliUsageError(`--format must be one of ${GRAPH_FORMATS.join(', ')}, received "${a.format}"`);
      if (a.out === '' || a.out?.startsWith('-')) throw new CliUsageError('--out needs a file path');
      if (a.focus === '' || a.focus?.startsWith('-')) throw new CliUsageError('--focus needs a service, job or stage name');
      if (a.json && toStdout) throw new CliUsageError('--json prints the run report on stdout: pass --out FILE for the graph (or use --format json without --json)');
      const { app, dir } = await load(a);
      r.setDir(dir);
      const issues = app.validate();
      r.issues(issues);
      if (errorsOf(issues).length > 0) throw new SynthError(issues);
      const whole = stackGraph(app.entries());
      const graph = a.focus === undefined ? whole : focusGraph(whole, a.focus);
      const text = renderGraph(graph, format);
      const what = `${graph.nodes.length} node${graph.nodes.length === 1 ? '' : 's'}, ${graph.edges.length} edge${graph.edges.length === 1 ? '' : 's'} (${format})`;
      if (toStdout) {
        process.stdout.write(text);
        r.summary(`${r.c.err.green('✔')} graph: ${what}`, true);
      } else {
        writeFileSync(resolve(process.cwd(), a.out!), text);
        r.summary(`${r.c.out.green('✔')} wrote ${a.out}: ${what}`, true);
      }
      return EXIT.ok;
    });
  },
});

export default graphCommand;
