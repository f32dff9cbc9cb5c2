/**
 * `devstack synth [--check] [--force] [--graph FILE]`: write the files (and the stack's picture), or check them for drift.
 * @module
 */
import { defineCommand, type ArgsDef } from 'citty';
import type { App, SynthResult } from '../../app/app.js';
import { CliUsageError, commonArgs, EXIT, guard, load, rejectUnknown, reporter, synthOf } from './shared.js';

const args = {
  ...commonArgs,
  check: { type: 'boolean', description: 'Write nothing; exit 1 with a patch (stdout) if any generated file is missing, changed or stale', default: false },
  force: { type: 'boolean', description: 'Overwrite or delete files even when they look hand-written', default: false },
  graph: { type: 'string', description: 'Also keep a picture of the stack in this file (.md with a Mermaid block, .mmd, .dot, .html or .json), relative to the config\'s folder; --check reports it when stale', valueHint: 'file' },
} as const satisfies ArgsDef;

/**
 * The synth result with the graph file added (`--graph`): written, checked and recorded in the
 * manifest like every generated file. The graph module is loaded only when asked for; the App never
 * depends on it.
 */
async function withGraph(result: SynthResult, app: App, path: string | undefined): Promise<SynthResult> {
  if (path === undefined) return result;
  const { isSafeRelativePath } = await import('../../app/write.js');
  if (path === '' || path.startsWith('-')) throw new CliUsageError('--graph needs a file path, e.g. --graph docs/stack.md');
  if (!isSafeRelativePath(path)) throw new CliUsageError(`--graph expects a relative path with / separators inside the project, received "${path}"`);
  if (Object.hasOwn(result.files, path)) throw new CliUsageError(`--graph ${path}: the config already writes that file`);
  const { graphFile, stackGraph } = await import('../../graph/index.js');
  return { ...result, files: { ...result.files, [path]: graphFile(stackGraph(app.entries()), path) } };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The `synth` command. */
export const synthCommand = defineCommand({
  meta: { name: 'synth', description: 'Synthesize the files described by devstack.config.ts' },
  args,
  async run({ args: a }) {
    const r = reporter(a.check ? 'synth --check' : 'synth', a, a.check);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, args);
      const [{ describeChange, versionDrift }, { checkFiles, write }] = await Promise.all([import('../../absorb/absorb.js'), import('../../app/write.js')]);
      const { app, dir, config } = await load(a);
      r.setDir(dir);
      const result = await withGraph(synthOf(app), app, a.graph);
      r.issues(result.issues);
      const total = Object.keys(result.files).length;
      if (a.check) {
        const { drift, issues } = checkFiles(result, dir, { configFile: config });
        r.issues(issues, true);
        r.drift(drift, true);
        if (drift.length === 0) {
          r.summary(r.c.err.green(`✔ ${plural(total, 'generated file')} match the config`), true);
          return EXIT.ok;
        }
        const versions = versionDrift(result, dir, drift);
        const versionOnly = versions.notVersionOnly.length === 0 && versions.changes.length > 0;
        if (versionOnly) {
          const message = `only versions differ: ${versions.changes.map(describeChange).join('; ')}`;
          const hint = 'run npx devstack absorb to move them into the config, then commit (or npx devstack synth --force to undo them)';
          r.record([{ code: 'absorb/versions-only', severity: 'info', message, path: [], hint }]);
          r.hint(`  ${message}`);
          r.hint(`  fix: ${hint}`);
        } else r.hint(
          drift.some((d) => d.issue)
            ? '  fix: resolve the files in the way (see above), run npx devstack synth and commit the result'
            : '  fix: run npx devstack synth and commit the result (generated files are not edited by hand)',
        );
        r.summary(r.c.err.red(`✖ ${plural(drift.length, 'file')} out of date: ${drift.filter((d) => d.kind === 'missing').length} missing, ${drift.filter((d) => d.kind === 'changed').length} changed, ${drift.filter((d) => d.kind === 'stale').length} stale`), false);
        return EXIT.problems;
      }
      const report = write(result, dir, { force: a.force, configFile: config });
      r.issues(report.issues, true);
      r.wrote(report);
      r.summary(`${r.c.out.green('✔')} ${plural(total, 'file')}: ${report.created.length} created, ${report.updated.length} updated, ${report.deleted.length} deleted, ${report.unchanged.length} unchanged`, true);
      return EXIT.ok;
    });
  },
});
