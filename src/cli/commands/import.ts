/**
 * `devstack import [FILE…] [--out FILE] [--force]`: existing files → devstack.config.ts.
 * @module
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { defineCommand, type ArgsDef } from 'citty';
import { CliUsageError, commonArgs, EXIT, guard, rejectUnknown, reporter } from './shared.js';

const { config: _config, ...common } = commonArgs;
const args = {
  ...common,
  out: { type: 'string', description: 'Where to write the config (default: devstack.config.ts)', valueHint: 'file' },
  force: { type: 'boolean', description: 'Overwrite an existing config', default: false },
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

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** The `import` command. */
export const importCommand = defineCommand({
  meta: { name: 'import', description: 'Write devstack.config.ts from existing Dockerfiles, compose files, workflows and actions' },
  args,
  async run({ args: a }) {
    const r = reporter('import', a);
    process.exitCode = await guard(r, a.verbose, async () => {
      // the importer loads only when the command runs (test/cli/lazy.test.ts)
      const [{ findImportable, readSources }, { importFiles, importKind }] = await Promise.all([import('../../import/discover.js'), import('../../import/index.js')]);
      const files = ((a._ as unknown[] | undefined) ?? []).map(String);
      rejectUnknown({ ...a, _: [] }, args);
      const cwd = process.cwd();
      const target = resolve(cwd, a.out ?? 'devstack.config.ts');
      const shown = relative(cwd, target) || target;
      const root = dirname(target);
      r.setDir(root);
      if (existsSync(target) && !a.force) throw new CliUsageError(`${shown} already exists; pass --force to overwrite it`);
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
      const existed = existsSync(target);
      writeAtomic(target, result.source, a.force);
      r.did({ action: existed ? 'updated' : 'created', path: shown, detail: `from ${plural(result.files.length, 'file')}` });
      for (const f of result.files) r.did({ action: 'imported', path: f.path, detail: f.kind });
      for (const s of result.skipped) r.did({ action: 'left alone', path: s.path, detail: `not imported: ${s.reason}` });
      if (result.escapes.length > 0) r.hint(`  ${plural(result.escapes.length, 'escape hatch', 'escape hatches')} (marked "devstack import:" in the config)`);
      if (result.suppressed.length > 0) r.hint(`  ${plural(result.suppressed.length, 'rule violation')} of the imported files suppressed in the config's lint options; review them`);
      r.summary(
        `${r.c.out.green('✔')} devstack import: ${shown} written from ${plural(result.files.length, 'file')}${result.escapes.length > 0 ? `, ${plural(result.escapes.length, 'escape hatch', 'escape hatches')}` : ''}; next: npx devstack synth --force (the files gain the generated-file marker)`,
        true,
      );
      return EXIT.ok;
    });
  },
});
