/**
 * `devstack absorb`: move version changes made in generated files (a bot's pull request, a hand
 * edit) into devstack.config.ts, so that `synth --check` passes again.
 * @module
 */
import pc from 'picocolors';
import { defineCommand, type ArgsDef } from 'citty';
import type { App, SynthResult } from '../../app/app.js';
import { commonArgs, err, EXIT, guard, load, out, rejectUnknown } from './shared.js';

const args = { ...commonArgs } as const satisfies ArgsDef;

/** The `absorb` command. */
export const absorbCommand = defineCommand({
  meta: { name: 'absorb', description: 'Move version changes in generated files (image tags, action refs and SHAs) into the config' },
  args,
  async run({ args: a }) {
    process.exitCode = await guard(a.verbose, async () => {
      rejectUnknown(a, args);
      const [{ absorb, describeChange }, { loadApp }] = await Promise.all([import('../../absorb/absorb.js'), import('../load.js')]);
      const { app, dir, config } = await load(a);
      let first: App | undefined = app;
      const resynth = async (): Promise<SynthResult> => {
        // the first synth uses the config already loaded; later ones load the rewritten config
        const current = first ?? (await loadApp(config)).app;
        first = undefined;
        return current.synth();
      };
      const report = await absorb({ dir, configFile: config, resynth });
      if (report.changes.length === 0 && report.notVersionOnly.length === 0) {
        out(pc.green('✔ nothing to absorb: the generated files match the config'));
        return EXIT.ok;
      }
      for (const a of report.absorbed) {
        out(`${pc.green('absorbed')} ${describeChange(a.change)}`);
        for (const e of a.edits) out(`         ${e}`);
      }
      for (const n of report.notAbsorbed) err(`${pc.red('✖')} ${describeChange(n.change)}: ${n.reason}`);
      for (const n of report.notVersionOnly) err(`${pc.red('✖')} ${n.path}: ${n.reason} (absorb leaves it)`);
      if (report.clean) {
        out(pc.green('✔ the config now produces the files on disk; synth --check passes'));
        return EXIT.ok;
      }
      if (report.notAbsorbed.length > 0) err('  fix: make the changes above in the config by hand, then run npx devstack synth');
      return EXIT.problems;
    });
  },
});
