/**
 * `devstack synth [--check] [--force]`: write the files, or check them for drift.
 * @module
 */
import { defineCommand, type ArgsDef } from 'citty';
import { describeChange, versionDrift } from '../../absorb/absorb.js';
import { checkFiles, write } from '../../app/write.js';
import { commonArgs, EXIT, guard, load, rejectUnknown, reporter, synthOf } from './shared.js';

const args = {
  ...commonArgs,
  check: { type: 'boolean', description: 'Write nothing; exit 1 with a patch (stdout) if any generated file is missing, changed or stale', default: false },
  force: { type: 'boolean', description: 'Overwrite or delete files even when they look hand-written', default: false },
} as const satisfies ArgsDef;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The `synth` command. */
export const synthCommand = defineCommand({
  meta: { name: 'synth', description: 'Synthesize the files described by devstack.config.ts' },
  args,
  async run({ args: a }) {
    const r = reporter(a.check ? 'synth --check' : 'synth', a, a.check);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, args);
      const { app, dir, config } = await load(a);
      r.setDir(dir);
      const result = synthOf(app);
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
