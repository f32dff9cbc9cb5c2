/**
 * `devstack init [--force] [--dry-run]`: set devstack-kit up in an existing project (logic: src/init/init.ts).
 * @module
 */
import { defineCommand, type ArgsDef } from 'citty';
import { commonArgs, EXIT, guard, rejectUnknown, reporter } from './shared.js';

const { config: _config, ...common } = commonArgs;
const args = {
  ...common,
  force: { type: 'boolean', description: 'Keep an existing devstack.config.ts that init did not write, and set up the rest around it (it is never overwritten)', default: false },
  'dry-run': { type: 'boolean', description: 'Show what init would do, with the patch of every file synth takes over; write nothing', default: false },
} as const satisfies ArgsDef;

/** The `init` command. */
export const initCommand = defineCommand({
  meta: { name: 'init', description: 'Set devstack-kit up here: devstack.config.ts (imported from existing files), npm scripts, .gitattributes, CI check, renovate.json' },
  args,
  async run({ args: a }) {
    const r = reporter(a['dry-run'] ? 'init --dry-run' : 'init', a);
    process.exitCode = await guard(r, a.verbose, async () => {
      rejectUnknown(a, args);
      const dir = process.cwd();
      r.setDir(dir);
      const { init } = await import('../../init/init.js');
      const result = await init(dir, { force: a.force, dryRun: a['dry-run'] });
      r.issues(result.issues, true);
      for (const s of result.imported?.skipped ?? []) r.did({ action: 'left alone', path: s.path, detail: `not imported: ${s.reason}` });
      // what changes in the files synth takes over: shown before (--dry-run) or as they are written
      for (const d of result.changes) if (d.kind === 'changed' && d.diff !== '') r.text(d.diff);
      for (const action of result.actions) r.did(action);
      if (result.imported && result.imported.escapes.length > 0) r.hint(`  ${result.imported.escapes.length} place(s) in devstack.config.ts use an escape hatch (marked "devstack import:")`);
      if (result.imported && result.imported.suppressed.length > 0) r.hint(`  ${result.imported.suppressed.length} rule violation(s) of the imported files are suppressed in the config's lint options; review them`);
      if (result.ci !== undefined) {
        r.hint('  to run devstack synth --check in CI, add to the config:');
        r.text(result.ci);
      }
      if (result.renovate) {
        r.hint(`  ${result.renovate.path} is left alone; to let Renovate update the versions in devstack.config.ts, add to it:`);
        r.text(result.renovate.snippet);
      }
      const changed = result.actions.filter((x) => x.action !== 'unchanged' && x.action !== 'left alone').length;
      const verb = a['dry-run'] ? 'would change' : 'changed';
      r.summary(`${r.c.out.green('✔')} devstack init: ${changed === 0 ? 'already set up, nothing changed' : `${changed} file${changed === 1 ? '' : 's'} ${verb}`}${!a['dry-run'] && changed > 0 ? '; next: review, then commit (CI runs npx devstack synth --check)' : ''}`, true);
      return EXIT.ok;
    });
  },
});
