/**
 * `devstack synth [--check] [--force]`: write the files, or check them for drift.
 * @module
 */
import pc from 'picocolors';
import { defineCommand, type ArgsDef } from 'citty';
import { describeChange, versionDrift } from '../../absorb/absorb.js';
import { checkFiles, write } from '../../app/write.js';
import { commonArgs, err, EXIT, guard, load, out, printDrift, printIssues, rejectUnknown, synthOf } from './shared.js';

const args = {
  ...commonArgs,
  check: { type: 'boolean', description: 'Write nothing; exit 1 with a diff if any generated file is missing, changed or stale', default: false },
  force: { type: 'boolean', description: 'Overwrite or delete files even when they look hand-written', default: false },
} as const satisfies ArgsDef;

/** The `synth` command. */
export const synthCommand = defineCommand({
  meta: { name: 'synth', description: 'Synthesize the files described by devstack.config.ts' },
  args,
  async run({ args: a }) {
    process.exitCode = await guard(a.verbose, async () => {
      rejectUnknown(a, args);
      const { app, dir, config } = await load(a);
      const result = synthOf(app);
      printIssues(result.issues.filter((i) => i.severity !== 'info'));
      if (a.check) {
        const { drift, issues } = checkFiles(result, dir, { configFile: config });
        printIssues(issues);
        if (drift.length === 0) {
          out(pc.green(`✔ ${Object.keys(result.files).length} generated files match the config`));
          return EXIT.ok;
        }
        for (const d of drift) out(d.diff);
        printDrift(drift);
        const versions = versionDrift(result, dir, drift);
        if (versions.notVersionOnly.length === 0 && versions.changes.length > 0) {
          err(`  only versions differ: ${versions.changes.map(describeChange).join('; ')}`);
          err('  fix: run npx devstack absorb to move them into the config, then commit (or npx devstack synth --force to undo them)');
          return EXIT.problems;
        }
        err(
          drift.some((d) => d.issue)
            ? '  fix: resolve the files in the way (see above), run npx devstack synth and commit the result'
            : '  fix: run npx devstack synth and commit the result (generated files are not edited by hand)',
        );
        return EXIT.problems;
      }
      const report = write(result, dir, { force: a.force, configFile: config });
      printIssues(report.issues);
      for (const p of report.created) out(`${pc.green('created  ')} ${p}`);
      for (const p of report.updated) out(`${pc.yellow('updated  ')} ${p}`);
      for (const p of report.deleted) out(`${pc.red('deleted  ')} ${p}`);
      for (const p of report.unchanged) out(`${pc.dim('unchanged')} ${p}`);
      return EXIT.ok;
    });
  },
});
