/**
 * `devstack diff`: show what `synth` would change, as a unified diff.
 * @module
 */
import pc from 'picocolors';
import { defineCommand } from 'citty';
import { checkFiles } from '../../app/write.js';
import { commonArgs, EXIT, guard, load, out, printDrift, printIssues, rejectUnknown, synthOf } from './shared.js';

/** The `diff` command. */
export const diffCommand = defineCommand({
  meta: { name: 'diff', description: 'Show, as a unified diff, what synth would change on disk' },
  args: commonArgs,
  async run({ args: a }) {
    process.exitCode = await guard(a.verbose, async () => {
      rejectUnknown(a, commonArgs);
      const { app, dir, config } = await load(a);
      const { drift, issues } = checkFiles(synthOf(app), dir, { configFile: config });
      printIssues(issues);
      for (const d of drift) out(d.diff);
      printDrift(drift);
      out(drift.length === 0 ? pc.green('✔ no changes') : `${drift.length} file${drift.length === 1 ? '' : 's'} would change`);
      return EXIT.ok;
    });
  },
});
