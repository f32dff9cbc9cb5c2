/**
 * `devstack init`: sets devstack-kit up in an existing project. Writes `devstack.config.ts` (imported
 * from the Dockerfiles, compose files and workflows already there, or a commented starter), a CI
 * workflow in it that runs `devstack synth --check`, the `devstack:synth`/`devstack:check` npm scripts,
 * a `.gitattributes` block marking the generated files, and a `renovate.json`; then synthesizes, which
 * takes the imported files over (they gain the marker). Never overwrites what a person wrote, and a
 * second run changes nothing.
 * @module
 */
import { join } from 'node:path';
import { createJiti } from 'jiti';
import { App, type SynthResult } from '../app/app.js';
import { UsageError } from '../core/errors.js';
import { withBlock, type BlockMarkers } from '../app/gitignore.js';
import { checkFiles, MANIFEST_PATH, readProjectFile, write, writeProjectFiles, WriteError, type Drift, type WriteReport } from '../app/write.js';
import type { Issue } from '../core/issue.js';
import { hasMarker, removeMarker } from '../core/text.js';
import { findImportable, readSources } from '../import/discover.js';
import { importFiles, type ImportResult } from '../import/index.js';
import { CONFIG_NAMES, ConfigError, loadApp } from '../cli/load.js';
import { withScripts } from './package-json.js';
import { RENOVATE_FILES, RENOVATE_SNIPPET } from './renovate.js';

/** The config file `devstack init` writes. */
export const INIT_CONFIG = 'devstack.config.ts';

/** The first line of a config `devstack init` wrote; a second `init` keeps such a config without `--force`. */
export const INIT_HEADER = '// Set up by `npx devstack init`. Edit it freely: `npx devstack synth` writes the files it describes.';

/** The npm scripts `devstack init` adds (a script of the same name already there is kept). */
export const INIT_SCRIPTS: Readonly<Record<string, string>> = Object.freeze({
  'devstack:synth': 'devstack synth',
  'devstack:check': 'devstack synth --check',
});

/** The markers of the `.gitattributes` block `devstack init` writes (and `devstack eject` removes). */
export const GITATTRIBUTES_MARKERS: BlockMarkers = Object.freeze({
  begin: '# >>> devstack-kit: files generated from devstack.config.ts (npx devstack init refreshes this block)',
  end: '# <<< devstack-kit: generated files',
});

/** Where the CI workflow goes, unless an imported workflow is there already. */
const CI_PATHS = ['.github/workflows/devstack.yml', '.github/workflows/devstack-kit.yml', '.github/workflows/devstack-check.yml'];

/** Something in the project `init` or `eject` cannot go on with (exit code 2, nothing written), with how to fix it. */
export class InitUsageError extends ConfigError {
  constructor(message: string, hint: string) {
    super(message, hint);
    this.name = 'InitUsageError';
  }
}

/** Options of {@link init}. */
export interface InitOptions {
  /** Keep an existing config `init` did not write, and set up the rest around it (it is never overwritten). */
  readonly force?: boolean;
  /** Show what would change; write nothing. */
  readonly dryRun?: boolean;
}

/** One thing `init` did to a file (see `Action` in the CLI output). */
export interface InitAction {
  readonly action: 'created' | 'updated' | 'took over' | 'unchanged' | 'left alone';
  readonly path: string;
  readonly detail?: string;
}

/** What {@link init} did (or, with `dryRun`, would do). */
export interface InitResult {
  readonly actions: readonly InitAction[];
  /** Whether the config was imported from files, is a starter, or was there already. */
  readonly config: 'imported' | 'starter' | 'kept';
  /** The import's result, when the config was imported. */
  readonly imported?: ImportResult;
  /** The patches of the files synth takes over or writes (what changes), from the file on disk to what synth writes. */
  readonly changes: readonly Drift[];
  /** Renovate configuration left alone, with the snippet to add to it. */
  readonly renovate?: { readonly path: string; readonly snippet: string };
  /** A kept config without a CI check: the TypeScript to add to it. */
  readonly ci?: string;
  /** Warnings and notes of synth and the writer. */
  readonly issues: readonly Issue[];
  /** What synth wrote (`undefined` with `dryRun`). */
  readonly written?: WriteReport;
}

/**
 * The TypeScript of the CI workflow (a statement on `app`): on every push and pull request, install
 * and run `devstack synth --check`.
 */
function ciStatement(path: string): string {
  return [
    '// CI: fails when a generated file is edited by hand or out of date with this config.',
    `app.workflow(${JSON.stringify(path).replace(/"/g, "'")}, Workflow.create('devstack')`,
    "  .on(['push', 'pull_request'])",
    "  .permissions({ contents: 'read' })",
    "  .job('synth-check', (j) => j.runsOn('ubuntu-24.04').timeout(10).$call(npmProject()).run('npx devstack synth --check')));",
  ].join('\n');
}

/** Adds names to the `import { … } from '<module>';` of a source (one line or several), or a new import line after the last one. */
export function withImports(source: string, module: string, names: readonly string[]): string {
  const re = new RegExp(`^import \\{([^}]*)\\} from '${module.replace(/[/\\-]/g, '\\$&')}';$`, 'm');
  const found = re.exec(source);
  if (found) {
    const have = (found[1] as string).split(',').map((n) => n.trim()).filter((n) => n !== '');
    const all = [...new Set([...have, ...names])].sort((a, b) => a.localeCompare(b));
    const one = `import { ${all.join(', ')} } from '${module}';`;
    const line = one.length <= 100 ? one : `import {\n${all.map((n) => `  ${n},`).join('\n')}\n} from '${module}';`;
    return source.slice(0, found.index) + line + source.slice(found.index + found[0].length);
  }
  const imports = [...source.matchAll(/^import [\s\S]*? from '[^']+';$/gm)];
  const last = imports[imports.length - 1];
  const line = `import { ${[...names].sort((a, b) => a.localeCompare(b)).join(', ')} } from '${module}';`;
  if (!last) return `${line}\n${source}`;
  const at = (last.index ?? 0) + last[0].length;
  return `${source.slice(0, at)}\n${line}${source.slice(at)}`;
}

/** The imported config with the CI workflow added before `export default app;`. */
function withCi(source: string, ciPath: string): string {
  let next = withImports(source, 'devstack-kit', ['Workflow']);
  next = withImports(next, 'devstack-kit/workflow', ['npmProject']);
  const at = next.lastIndexOf('export default app;');
  return `${next.slice(0, at)}${ciStatement(ciPath)}\n\n${next.slice(at)}`;
}

/**
 * The commented starter config of a project with nothing to import: the CI workflow, and examples of
 * a Dockerfile and a compose file to uncomment.
 */
export function starterConfig(ciPath = CI_PATHS[0] as string): string {
  return `${INIT_HEADER}
//
// Describe your Dockerfiles, compose files and workflows here; \`npx devstack synth\` writes them and
// \`npx devstack synth --check\` (run by the CI workflow below) fails when one is out of date.
// Documentation: https://www.npmjs.com/package/devstack-kit
import { App, Workflow } from 'devstack-kit';
import { npmProject } from 'devstack-kit/workflow';

const app = new App();

// A Dockerfile (add Dockerfile to the import above):
// app.dockerfile('Dockerfile', Dockerfile.create().from('node:22-slim', (s) => s.workdir('/app').copy('.', '.').user('node').cmd(['node', 'server.js'])));

// A compose file (add Compose to the import above):
// app.compose('compose.yaml', Compose.create().service('web', (s) => s.image('nginx:1.27').ports('127.0.0.1:8080:80')));

${ciStatement(ciPath)}

export default app;
`;
}

/**
 * Loads a config from its text, as if it were the file at `path` (which does not exist yet): init
 * synthesizes the config it is about to write before writing anything.
 */
async function loadSource(path: string, source: string): Promise<App> {
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false, interopDefault: true });
  let exported: unknown;
  try {
    exported = ((await jiti.evalModule(source, { filename: path, async: true, forceTranspile: true })) as { default?: unknown } | undefined)?.default;
  } catch (e) {
    if (UsageError.isUsageError(e)) throw e;
    throw new ConfigError(`the devstack.config.ts init would write does not load: ${(e as Error).message?.split('\n')[0] ?? String(e)}`, 'is devstack-kit installed here (npm i -D devstack-kit)? If it is, this is a bug of devstack import: please report it, with the files');
  }
  if (!App.isApp(exported)) throw new ConfigError('the devstack.config.ts init would write does not export an App', 'this is a bug of devstack init: please report it');
  return exported;
}

/** `path`'s text in `dir`, or `undefined`; WriteError when something other than a regular file is there. */
const readIn = (dir: string, path: string): string | undefined => readProjectFile(dir, path);

/** A `.gitattributes` pattern matching exactly one path from the root (special characters escaped). */
function attributePattern(path: string): string {
  const escaped = `/${path.replace(/[\\*?[\]!#]/g, '\\$&')}`;
  return /[\s"]/.test(escaped) ? `"${escaped.replace(/["\\]/g, '\\$&')}"` : escaped;
}

/** The `.gitattributes` block for the files a synth result writes (whole files and the manifest; not blocks in a person's file). */
export function gitattributesBlock(result: SynthResult): string {
  const paths = [...Object.keys(result.files).filter((p) => !(result.blocks ?? []).includes(p)), MANIFEST_PATH].sort();
  return `${GITATTRIBUTES_MARKERS.begin}\n${paths.map((p) => `${attributePattern(p)} linguist-generated eol=lf`).join('\n')}\n${GITATTRIBUTES_MARKERS.end}\n`;
}

/**
 * Sets devstack-kit up in the project in `dir` (see the module). Checks everything before writing
 * anything: a config it did not write (without `force`), a hand-written file in the way of a file
 * the config writes (other than those it imports), a `package.json` that is not JSON, unpaired
 * `.gitattributes` markers — each stops it with nothing written.
 *
 * @example
 * ```ts
 * const { actions } = await init(process.cwd());
 * // [{ action: 'created', path: 'devstack.config.ts', detail: 'imported from 3 files' }, { action: 'took over', path: 'Dockerfile', … }, …]
 * ```
 */
export async function init(dir: string, options: InitOptions = {}): Promise<InitResult> {
  const actions: InitAction[] = [];
  const issues: Issue[] = [];

  // 1. the config: kept when there is one, else imported or a starter
  const existingName = CONFIG_NAMES.find((name) => readIn(dir, name) !== undefined);
  let configText: string | undefined;
  let config: InitResult['config'];
  let imported: ImportResult | undefined;
  if (existingName !== undefined) {
    const text = readIn(dir, existingName) as string;
    if (!text.startsWith(INIT_HEADER) && options.force !== true) {
      throw new InitUsageError(
        `${existingName} exists and was not written by devstack init`,
        `pass --force to keep it as it is and set up the rest around it (init never overwrites it), or move it away to have init import your files`,
      );
    }
    config = 'kept';
    actions.push({ action: 'unchanged', path: existingName, detail: 'kept as it is' });
  } else {
    const paths = findImportable(dir);
    const sources = readSources(dir, paths).filter((s) => !hasMarker(s.text));
    const ciPath = CI_PATHS.find((p) => !paths.includes(p)) as string;
    if (sources.length > 0) {
      imported = importFiles(sources, { exists: (p) => readIn(dir, p) !== undefined });
      configText = `${INIT_HEADER}\n${withCi(imported.source, ciPath)}`;
      config = 'imported';
    } else {
      configText = starterConfig(ciPath);
      config = 'starter';
    }
  }
  const configName = existingName ?? INIT_CONFIG;

  // 2. synthesize the config (a new one loaded from its text: nothing is written yet)
  const configPath = join(dir, configName);
  const app = configText === undefined ? (await loadApp(configPath)).app : await loadSource(configPath, configText);
  const result: SynthResult = app.synth();
  issues.push(...result.issues);
  // taken over: the files imported now, and plain files that are exactly what synth writes but the
  // marker (after `devstack eject`): nothing a person wrote is lost
  const takeOver = new Set((imported?.files ?? []).map((f) => f.path));
  const check = checkFiles(result, dir, { configFile: configName });
  issues.push(...check.issues);
  for (const d of check.drift) {
    if (d.issue?.code === 'app/hand-written-file' && Object.hasOwn(result.files, d.path) && readIn(dir, d.path) === removeMarker(result.files[d.path] as string)) takeOver.add(d.path);
  }
  const blocked = check.drift.filter((d) => d.issue !== undefined && !(d.issue.code === 'app/hand-written-file' && takeOver.has(d.path)));
  if (blocked.length > 0) throw new WriteError(blocked.map((d) => d.issue as Issue));

  // 3. the files a person owns: package.json, .gitattributes, Renovate
  const changes: { path: string; text: string }[] = [];
  if (configText !== undefined) changes.push({ path: INIT_CONFIG, text: configText });

  const pkg = readIn(dir, 'package.json');
  if (pkg === undefined) {
    changes.push({ path: 'package.json', text: `${JSON.stringify({ private: true, scripts: INIT_SCRIPTS }, null, 2)}\n` });
    actions.push({ action: 'created', path: 'package.json', detail: `scripts ${Object.keys(INIT_SCRIPTS).join(', ')}` });
  } else {
    let added;
    try {
      added = withScripts(pkg, INIT_SCRIPTS);
    } catch (e) {
      throw new InitUsageError(`package.json: ${(e as Error).message}`, 'fix package.json (it must be a JSON object, with "scripts" an object) and run devstack init again');
    }
    if (added.added.length > 0) {
      changes.push({ path: 'package.json', text: added.text });
      actions.push({ action: 'updated', path: 'package.json', detail: `added scripts ${added.added.join(', ')}` });
    } else actions.push({ action: 'unchanged', path: 'package.json', detail: 'has the scripts' });
    for (const name of added.kept) {
      const have = (JSON.parse(pkg) as { scripts: Record<string, unknown> }).scripts[name];
      if (have !== INIT_SCRIPTS[name]) actions.push({ action: 'left alone', path: 'package.json', detail: `script ${name} is "${String(have)}"; devstack init would add "${INIT_SCRIPTS[name]}"` });
    }
  }

  const attributes = readIn(dir, '.gitattributes');
  const block = gitattributesBlock(result);
  const nextAttributes = withBlock(attributes, block, GITATTRIBUTES_MARKERS);
  if (nextAttributes === undefined) {
    throw new InitUsageError('.gitattributes: the devstack-kit begin and end markers are not paired', `restore the missing "${GITATTRIBUTES_MARKERS.end}" (or begin) line, or delete both markers and the lines between them`);
  }
  if (nextAttributes !== attributes) {
    changes.push({ path: '.gitattributes', text: nextAttributes });
    actions.push({ action: attributes === undefined ? 'created' : 'updated', path: '.gitattributes', detail: 'generated files marked linguist-generated, eol=lf' });
  } else actions.push({ action: 'unchanged', path: '.gitattributes' });

  let renovate: InitResult['renovate'];
  const renovateFile = RENOVATE_FILES.find((p) => readIn(dir, p) !== undefined);
  const renovateInPackage = pkg !== undefined && Object.hasOwn(JSON.parse(pkg) as object, 'renovate');
  if (renovateFile === 'renovate.json' && readIn(dir, renovateFile) === RENOVATE_SNIPPET) {
    actions.push({ action: 'unchanged', path: renovateFile });
  } else if (renovateFile !== undefined || renovateInPackage) {
    renovate = { path: renovateFile ?? 'package.json', snippet: RENOVATE_SNIPPET };
    actions.push({ action: 'left alone', path: renovate.path, detail: 'a Renovate configuration exists; add the preset printed below to its "extends"' });
  } else {
    changes.push({ path: 'renovate.json', text: RENOVATE_SNIPPET });
    actions.push({ action: 'created', path: 'renovate.json', detail: "extends devstack-kit's Renovate preset" });
  }

  // a kept config may have no CI check: say so, with the code to add (init does not edit a person's config)
  let ci: string | undefined;
  if (config === 'kept' && !Object.values(result.files).some((t) => t.includes('devstack synth --check'))) {
    const free = CI_PATHS.find((p) => !Object.hasOwn(result.files, p) && readIn(dir, p) === undefined) ?? (CI_PATHS[0] as string);
    ci = `import { Workflow } from 'devstack-kit';\nimport { npmProject } from 'devstack-kit/workflow';\n\n${ciStatement(free)}\n`;
    actions.push({ action: 'left alone', path: configName, detail: 'no workflow in it runs devstack synth --check; add the lines printed below' });
  }

  // 4. what synth changes: files taken over (they gain the marker) and files created
  const changed = new Map(check.drift.map((d) => [d.path, d]));
  const configAction: InitAction[] = configText === undefined ? [] : [{ action: 'created', path: INIT_CONFIG, detail: config === 'imported' ? `imported from ${imported?.files.length} file${imported?.files.length === 1 ? '' : 's'}` : 'a commented starter' }];
  const synthActions: InitAction[] = Object.keys(result.files).map((path) => {
    const d = changed.get(path);
    if (d === undefined) return { action: 'unchanged', path };
    if (takeOver.has(path)) {
      const before = readIn(dir, path);
      const same = before !== undefined && removeMarker(result.files[path] as string) === before;
      return { action: 'took over', path, detail: same ? 'gains the marker; nothing else changes' : 'gains the marker; same content, written in the canonical layout (patch above)' };
    }
    return { action: d.kind === 'missing' ? 'created' : 'updated', path, detail: 'generated' };
  });
  const all = [...configAction, ...synthActions, ...actions];
  const base = { actions: all, config, ...(imported ? { imported } : {}), changes: check.drift, ...(renovate ? { renovate } : {}), ...(ci ? { ci } : {}), issues };
  if (options.dryRun === true) return base;

  // 5. write: the person's files first (all checked before any is written), then synth's
  writeProjectFiles(dir, changes);
  const written = write(result, dir, { force: takeOver.size > 0, configFile: configName });
  issues.push(...written.issues);
  return { ...base, written };
}
