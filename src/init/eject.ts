/**
 * `devstack eject`: the way back from `devstack init`. Every file the manifest lists loses its
 * generated-file marker (a managed block in a person's file, like `.gitignore`, loses its two marker
 * lines and keeps its lines), the `.gitattributes` block `init` wrote goes, and so does the manifest.
 * What is left are plain files. The config, the npm scripts and `renovate.json` stay (listed, so a
 * person can delete them).
 * @module
 */
import { withoutBlock, withoutMarkers } from '../app/gitignore.js';
import { MANIFEST_PATH, readManifest, readProjectFile, writeProjectFiles, type ProjectFileChange } from '../app/write.js';
import type { Issue } from '../core/issue.js';
import { removeMarker } from '../core/text.js';
import { CONFIG_NAMES } from '../cli/load.js';
import { GITATTRIBUTES_MARKERS, InitUsageError, type InitAction } from './init.js';

/** What {@link eject} did (or, with `dryRun`, would do). */
export interface EjectResult {
  readonly actions: readonly (Omit<InitAction, 'action'> & { readonly action: 'unmarked' | 'deleted' | 'updated' | 'unchanged' | 'left alone' })[];
  /** Warnings (an unreadable manifest entry…). */
  readonly issues: readonly Issue[];
}

/**
 * Turns the generated files in `dir` back into plain files (see the module). Every file is checked
 * before any is written; a file that cannot be written stops it with nothing written.
 *
 * @example
 * ```ts
 * eject(process.cwd()).actions;
 * // [{ action: 'unmarked', path: 'Dockerfile' }, …, { action: 'deleted', path: '.devstack/manifest.json' }]
 * ```
 */
export function eject(dir: string, options: { readonly dryRun?: boolean } = {}): EjectResult {
  const { manifest, issues } = readManifest(dir);
  if (readProjectFile(dir, MANIFEST_PATH) === undefined) {
    throw new InitUsageError(`no ${MANIFEST_PATH} here: nothing devstack-kit generated to eject`, 'run devstack eject in the folder of devstack.config.ts');
  }
  const actions: EjectResult['actions'][number][] = [];
  const changes: ProjectFileChange[] = [];
  for (const entry of manifest.files) {
    const text = readProjectFile(dir, entry.path);
    if (text === undefined) continue;
    const plain = entry.block === true ? withoutMarkers(text) : removeMarker(text);
    if (plain === undefined) {
      throw new InitUsageError(`${entry.path}: the devstack-kit begin and end markers are not paired`, 'restore the missing marker line, or delete both markers, and run devstack eject again');
    }
    if (plain === text) {
      actions.push({ action: 'unchanged', path: entry.path, detail: 'has no marker' });
      continue;
    }
    changes.push({ path: entry.path, text: plain });
    actions.push({ action: 'unmarked', path: entry.path, ...(entry.block === true ? { detail: 'the devstack-kit block is plain lines now' } : {}) });
  }
  const attributes = readProjectFile(dir, '.gitattributes');
  if (attributes !== undefined) {
    const rest = withoutBlock(attributes, GITATTRIBUTES_MARKERS);
    if (rest === undefined) throw new InitUsageError('.gitattributes: the devstack-kit begin and end markers are not paired', 'restore the missing marker line, or delete both markers, and run devstack eject again');
    if (rest !== attributes) {
      changes.push({ path: '.gitattributes', text: rest.trim() === '' ? undefined : rest });
      actions.push({ action: rest.trim() === '' ? 'deleted' : 'updated', path: '.gitattributes', detail: 'removed the block marking generated files' });
    }
  }
  changes.push({ path: MANIFEST_PATH, text: undefined });
  actions.push({ action: 'deleted', path: MANIFEST_PATH });
  const config = CONFIG_NAMES.find((name) => readProjectFile(dir, name) !== undefined);
  if (config !== undefined) actions.push({ action: 'left alone', path: config, detail: 'synth now refuses to overwrite the plain files; delete it, with the devstack:* npm scripts, if you no longer want it' });
  if (options.dryRun !== true) writeProjectFiles(dir, changes);
  return { actions, issues };
}
