/**
 * `devstack check`: validate and lint the config without writing or comparing files.
 * @module
 */
import { defineCommand } from 'citty';
import { commonArgs, EXIT, guard, load, rejectUnknown, reporter } from './shared.js';

/** The `check` command. */
export const checkCommand = defineCommand({
  meta: { name: 'check', description: 'Validate and lint every file of the config; write nothing' },
  args: commonArgs,
  async run({ args: a }) {
    const r = reporter('check', a);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, commonArgs);
      const { app, dir } = await load(a);
      r.setDir(dir);
      const issues = app.validate();
      r.issues(issues);
      const errors = issues.filter((i) => i.severity === 'error').length;
      const warnings = issues.filter((i) => i.severity === 'warning').length;
      const ok = errors === 0;
      r.summary(`${ok ? r.c.out.green('✔') : r.c.err.red('✖')} ${app.entries().length} files, ${errors} errors, ${warnings} warnings`, ok);
      return ok ? EXIT.ok : EXIT.problems;
    });
  },
});
