/**
 * `devstack check`: validate and lint the config without writing or comparing files.
 * @module
 */
import pc from 'picocolors';
import { defineCommand } from 'citty';
import { commonArgs, EXIT, guard, load, out, printIssues, rejectUnknown } from './shared.js';

/** The `check` command. */
export const checkCommand = defineCommand({
  meta: { name: 'check', description: 'Validate and lint every file of the config; write nothing' },
  args: commonArgs,
  async run({ args: a }) {
    process.exitCode = await guard(a.verbose, async () => {
      rejectUnknown(a, commonArgs);
      const { app } = await load(a);
      const issues = app.validate();
      printIssues(issues.filter((i) => i.severity !== 'info'));
      const errors = issues.filter((i) => i.severity === 'error').length;
      const warnings = issues.filter((i) => i.severity === 'warning').length;
      out(`${errors === 0 ? pc.green('✔') : pc.red('✖')} ${app.entries().length} files, ${errors} errors, ${warnings} warnings`);
      return errors === 0 ? EXIT.ok : EXIT.problems;
    });
  },
});
