/**
 * The codes `devstack absorb` and `synth --check` report about version drift (docs/rules.md, `absorb`).
 * @module
 */
import { defineCodes } from '../core/rule.js';

/**
 * Codes of `devstack absorb` (each change it could not move into the config, each drifted file it
 * leaves) and of `synth --check` (drift that is only versions).
 *
 * @example
 * ```ts
 * absorbCodes.map((c) => c.code); // ['absorb/versions-only', 'absorb/not-version-only', …]
 * ```
 */
export const absorbCodes = defineCodes([
  { code: 'absorb/versions-only', severity: 'info', summary: 'The generated files differ from the config only in versions (image tags or digests, action refs or SHAs): a bot\'s or a hand edit.', fix: 'Run `npx devstack absorb` to move the versions into the config, then commit (or `npx devstack synth --force` to undo them).' },
  { code: 'absorb/not-version-only', severity: 'error', summary: 'A drifted file differs from the config by more than versions, or is missing, stale, a managed block, or as synth last wrote it; absorb leaves it.', fix: 'Put the change into the config by hand and run `npx devstack synth` (`--force` to overwrite the edited file).' },
  { code: 'absorb/literal-not-found', severity: 'error', summary: 'The config does not write the old version as a string literal absorb can rewrite (it comes from a default of devstack-kit or of a preset, is computed, or sits in options that are not an object literal).', fix: 'Give the version explicitly where it is made (`image: \'postgres:17\'`, `checkout({}, { version: \'v5\' })`, `.pin(\'sha\', { … })`), or update devstack-kit.' },
  { code: 'absorb/ambiguous', severity: 'error', summary: 'absorb cannot tell which literal to change: the old version is also used unchanged elsewhere, was changed to two different versions, or one literal would be rewritten twice.', fix: 'Make the generated files agree (change every use, or none), or edit the config by hand.' },
  { code: 'absorb/not-reproduced', severity: 'error', summary: 'Rewriting the config did not make it produce the files on disk (or changed other files), so the config was put back.', fix: 'Edit the config by hand, run `npx devstack synth --check`, and commit.' },
]);

/** A code of {@link absorbCodes} that names why a change or a file was not absorbed. */
export type AbsorbCode = 'absorb/not-version-only' | 'absorb/literal-not-found' | 'absorb/ambiguous' | 'absorb/not-reproduced';
