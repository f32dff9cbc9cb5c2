/**
 * The Renovate configuration `devstack init` writes: devstack-kit's preset (the package's
 * `renovate.json`: versions are updated in `devstack.config.ts`, never in generated files), after
 * `config:recommended` as docs/renovate.md asks.
 * @module
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** devstack-kit's own package.json and the folder it is in (the nearest one above this file). */
function ownPackage(): { dir: string; json: Record<string, unknown> } | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      if (json.name === 'devstack-kit') return { dir, json };
    } catch {
      // no package.json here: look further up
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The Renovate preset name (`github>owner/repo`, Renovate reads `renovate.json` at the repository's
 * root) of a package.json `repository` field on GitHub, in any of npm's forms; `undefined` for
 * another host or no field.
 *
 * @example
 * ```ts
 * presetOf('github:acme/devstack-kit');                                      // 'github>acme/devstack-kit'
 * presetOf({ type: 'git', url: 'git+https://github.com/acme/devstack-kit.git' }); // 'github>acme/devstack-kit'
 * presetOf(undefined);                                                      // undefined
 * ```
 */
export function presetOf(repository: unknown): string | undefined {
  const url = typeof repository === 'string' ? repository : typeof repository === 'object' && repository !== null ? (repository as { url?: unknown }).url : undefined;
  if (typeof url !== 'string') return undefined;
  const m = /^(?:github:|(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?github\.com[/:]|git@github\.com:)?([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  if (!m || (/^[a-z+]+:/.test(url) && !/github/.test(url))) return undefined;
  return `github>${m[1]}/${m[2]}`;
}

const own = ownPackage();

/**
 * Where Renovate finds devstack-kit's preset: `github>owner/repo` from the `repository` field of
 * devstack-kit's package.json, or `undefined` when it names no GitHub repository (then init writes
 * the preset's content itself, see {@link renovateSnippet}). The one place init names it.
 *
 * @example
 * ```ts
 * RENOVATE_PRESET; // 'github>acme/devstack-kit' with "repository": "github:acme/devstack-kit"
 * ```
 */
export const RENOVATE_PRESET: string | undefined = presetOf(own?.json.repository);

/** The preset devstack-kit ships (`renovate.json` at the package root), or `undefined` when it is missing. */
function shippedPreset(): Record<string, unknown> | undefined {
  if (!own) return undefined;
  try {
    return JSON.parse(readFileSync(join(own.dir, 'renovate.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * The `renovate.json` for a project: `config:recommended`, then devstack-kit's preset — by name
 * when the package names its GitHub repository (`preset`), else its content written in (the same
 * managers and `ignorePaths`; settings in the file itself come after everything it extends, so
 * `ignorePaths` still wins over `config:recommended`'s).
 *
 * @example
 * ```ts
 * JSON.parse(renovateSnippet('github>acme/devstack-kit', {})).extends; // ['config:recommended', 'github>acme/devstack-kit']
 * JSON.parse(renovateSnippet(undefined, { customManagers: [] })).customManagers; // []
 * ```
 */
export function renovateSnippet(preset: string | undefined, shipped: Record<string, unknown> | undefined): string {
  const $schema = 'https://docs.renovatebot.com/renovate-schema.json';
  if (preset !== undefined || shipped === undefined) {
    return `${JSON.stringify({ $schema, extends: ['config:recommended', ...(preset !== undefined ? [preset] : [])] }, null, 2)}\n`;
  }
  const { $schema: _s, description: _d, ...body } = shipped;
  return `${JSON.stringify({ $schema, description: "devstack-kit's Renovate preset (node_modules/devstack-kit/renovate.json), written in by devstack init: versions are updated in devstack.config.ts, never in the files it generates", extends: ['config:recommended'], ...body }, null, 2)}\n`;
}

/**
 * The `renovate.json` `devstack init` writes when the project has no Renovate configuration, and
 * prints (to paste in) when it has one: {@link renovateSnippet} of this package.
 *
 * @example
 * ```ts
 * JSON.parse(RENOVATE_SNIPPET).extends; // ['config:recommended', …]
 * ```
 */
export const RENOVATE_SNIPPET = renovateSnippet(RENOVATE_PRESET, shippedPreset());

/** Every file Renovate reads its configuration from, in the order it looks (and `package.json`'s `renovate` key). */
export const RENOVATE_FILES = [
  'renovate.json',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.json5',
] as const;
