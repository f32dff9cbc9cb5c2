/**
 * `devstack diff`: show what `synth` would change, as a patch on stdout (it applies with `git apply`
 * or `patch -p1` in the config's folder); every message goes to stderr.
 * @module
 */
import { defineCommand } from 'citty';
import { commonArgs, EXIT, guard, load, rejectUnknown, reporter, synthOf } from './shared.js';

/** The `diff` command. */
export const diffCommand = defineCommand({
  meta: { name: 'diff', description: 'Print, as a patch on stdout, what synth would change on disk (messages go to stderr)' },
  args: commonArgs,
  async run({ args: a }) {
    const r = reporter('diff', a, true);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, commonArgs);
      const { checkFiles } = await import('../../app/write.js');
      const { app, dir, config } = await load(a);
      r.setDir(dir);
      const result = synthOf(app);
      r.issues(result.issues);
      const { drift, issues } = checkFiles(result, dir, { configFile: config });
      r.issues(issues, true);
      r.drift(drift, false);
      r.summary(drift.length === 0 ? r.c.err.green('✔ no changes') : `${drift.length} file${drift.length === 1 ? '' : 's'} would change`, true);
      return EXIT.ok;
    });
  },
});
