/**
 * `devstack import [FILE…] [--out FILE] [--force]`: existing files → devstack.config.ts.
 * @module
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import pc from 'picocolors';
import { defineCommand, type ArgsDef } from 'citty';
import { findImportable, readSources } from '../../import/discover.js';
import { importFiles, importKind } from '../../import/index.js';
import { CliUsageError, err, EXIT, guard, out, rejectUnknown } from './shared.js';

const args = {
  out: { type: 'string', description: 'Where to write the config (default: devstack.config.ts)', valueHint: 'file' },
  force: { type: 'boolean', description: 'Overwrite an existing config', default: false },
  verbose: { type: 'boolean', description: 'Print stack traces of unexpected errors', default: false },
} as const satisfies ArgsDef;

/** Writes `text` to `path` atomically: a temporary file beside it, then a rename. */
function writeAtomic(path: string, text: string, force: boolean): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  try {
    if (!force && existsSync(path)) throw new CliUsageError(`${path} already exists; pass --force to overwrite it`);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The `import` command. */
export const importCommand = defineCommand({
  meta: { name: 'import', description: 'Write devstack.config.ts from existing Dockerfiles, compose files, workflows and actions' },
  args,
  async run({ args: a }) {
    process.exitCode = await guard(a.verbose, async () => {
      const files = ((a._ as unknown[] | undefined) ?? []).map(String);
      rejectUnknown({ ...a, _: [] }, args);
      const cwd = process.cwd();
      const target = resolve(cwd, a.out ?? 'devstack.config.ts');
      const root = dirname(target);
      if (existsSync(target) && !a.force) throw new CliUsageError(`${relative(cwd, target) || target} already exists; pass --force to overwrite it`);
      const paths = files.length > 0
        ? files.map((f) => {
            const rel = relative(root, resolve(cwd, f));
            if (rel.startsWith('..') || isAbsolute(rel)) throw new CliUsageError(`${f} is outside ${root}, the folder the config is written to`);
            return rel.split(sep).join('/');
          })
        : findImportable(root);
      if (paths.length === 0) throw new CliUsageError(`found no Dockerfile, compose file, workflow or action in ${root}`);
      let sources;
      try {
        sources = readSources(root, paths);
      } catch (e) {
        throw new CliUsageError((e as Error).message);
      }
      // a YAML file named on the command line that is neither a workflow nor an action is a compose file
      if (files.length > 0) sources = sources.map((src) => (importKind(src.path) === undefined && /\.ya?ml$/.test(src.path) ? { ...src, kind: 'compose' as const } : src));
      const result = importFiles(sources, { exists: (p) => existsSync(resolve(root, p)) });
      writeAtomic(target, result.source, a.force);
      out(`${pc.green('created  ')} ${relative(cwd, target) || target} from ${result.files.length} file${result.files.length === 1 ? '' : 's'}`);
      for (const f of result.files) out(`  ${f.kind.padEnd(12)} ${f.path}`);
      for (const s of result.skipped) err(pc.yellow(`  skipped ${s.path}: ${s.reason}`));
      if (result.escapes.length > 0) err(pc.dim(`  ${result.escapes.length} escape hatch${result.escapes.length === 1 ? '' : 'es'} (marked "devstack import:" in the config)`));
      if (result.suppressed.length > 0) err(pc.yellow(`  ${result.suppressed.length} rule violation${result.suppressed.length === 1 ? '' : 's'} suppressed in the config's lint options; review them`));
      out('  next: npx devstack synth --force (the files are rewritten with the generated-file marker)');
      return EXIT.ok;
    });
  },
});
