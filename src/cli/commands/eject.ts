/**
 * `devstack eject [--dry-run]`: remove the markers and the manifest, leaving plain files (logic: src/init/eject.ts).
 * @module
 */
import { defineCommand, type ArgsDef } from 'citty';
import { commonArgs, EXIT, guard, rejectUnknown, reporter } from './shared.js';

const { config: _config, ...common } = commonArgs;
const args = {
  ...common,
  'dry-run': { type: 'boolean', description: 'Show what eject would do; write nothing', default: false },
} as const satisfies ArgsDef;

/** The `eject` command. */
export const ejectCommand = defineCommand({
  meta: { name: 'eject', description: 'Stop generating: remove the devstack-kit markers and the manifest, leaving plain files' },
  args,
  async run({ args: a }) {
    const r = reporter(a['dry-run'] ? 'eject --dry-run' : 'eject', a);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, args);
      const dir = process.cwd();
      r.setDir(dir);
      const { eject } = await import('../../init/eject.js');
      const result = eject(dir, { dryRun: a['dry-run'] });
      r.issues(result.issues, true);
      for (const action of result.actions) r.did(action);
      const n = result.actions.filter((x) => x.action === 'unmarked').length;
      r.summary(`${r.c.out.green('✔')} devstack eject: ${n} file${n === 1 ? '' : 's'} ${a['dry-run'] ? 'would be' : 'are'} plain now${a['dry-run'] ? '' : '; devstack-kit no longer manages them'}`, true);
      return EXIT.ok;
    });
  },
});
