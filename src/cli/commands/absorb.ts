/**
 * `devstack absorb`: move version changes made in generated files (a bot's pull request, a hand
 * edit) into devstack.config.ts, so that `synth --check` passes again.
 * @module
 */
import { defineCommand, type ArgsDef } from 'citty';
import type { App, SynthResult } from '../../app/app.js';
import type { Issue } from '../../core/issue.js';
import { commonArgs, EXIT, guard, load, rejectUnknown, reporter } from './shared.js';

const args = { ...commonArgs } as const satisfies ArgsDef;

/** The `absorb` command. */
export const absorbCommand = defineCommand({
  meta: { name: 'absorb', description: 'Move version changes in generated files (image tags, action refs and SHAs) into the config' },
  args,
  async run({ args: a }) {
    const r = reporter('absorb', a);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, args);
      // the absorber and the loader load only when the command runs (test/cli/lazy.test.ts)
      const [{ absorb, describeChange }, { loadApp }] = await Promise.all([import('../../absorb/absorb.js'), import('../load.js')]);
      const { app, dir, config } = await load(a);
      r.setDir(dir);
      let first: App | undefined = app;
      const resynth = async (): Promise<SynthResult> => {
        // the first synth uses the config already loaded; later ones load the rewritten config
        const current = first ?? (await loadApp(config)).app;
        first = undefined;
        return current.synth();
      };
      const report = await absorb({ dir, configFile: config, resynth });
      if (report.changes.length === 0 && report.notVersionOnly.length === 0) {
        r.summary(r.c.out.green('✔ nothing to absorb: the generated files match the config'), true);
        return EXIT.ok;
      }
      for (const done of report.absorbed) {
        r.out(`${r.c.out.green('absorbed')} ${describeChange(done.change)}`);
        for (const e of done.edits) r.out(`         ${e}`);
      }
      // in the JSON document: one issue per change not absorbed and per file left, with its code
      r.record([
        ...report.notAbsorbed.map((n): Issue => ({ code: n.code, severity: 'error', message: `${describeChange(n.change)}: ${n.reason}`, file: n.change.file, path: [], line: n.change.line, hint: 'make the change in the config by hand, then run npx devstack synth' })),
        ...report.notVersionOnly.map((n): Issue => ({ code: n.code, severity: 'error', message: `${n.path}: ${n.reason} (absorb leaves it)`, file: n.path, path: [] })),
      ]);
      for (const n of report.notAbsorbed) r.err(`${r.c.err.red('✖')} ${describeChange(n.change)}: ${n.reason} [${n.code}]`);
      for (const n of report.notVersionOnly) r.err(`${r.c.err.red('✖')} ${n.path}: ${n.reason} (absorb leaves it) [${n.code}]`);
      if (report.clean) {
        r.summary(r.c.out.green('✔ the config now produces the files on disk; synth --check passes'), true);
        return EXIT.ok;
      }
      if (report.notAbsorbed.length > 0) r.hint('  fix: make the changes above in the config by hand, then run npx devstack synth');
      r.summary(r.c.err.red(`✖ ${report.absorbed.length} absorbed, ${report.notAbsorbed.length} not absorbed, ${report.notVersionOnly.length} file${report.notVersionOnly.length === 1 ? '' : 's'} left`), false);
      return EXIT.problems;
    });
  },
});
