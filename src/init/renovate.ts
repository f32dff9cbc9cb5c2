/**
 * The Renovate configuration `devstack init` writes: one that extends devstack-kit's preset (the
 * package's `renovate.json`: versions are updated in `devstack.config.ts`, never in generated files).
 * @module
 */

/**
 * Where Renovate finds devstack-kit's preset. The one place init names it: point it at the preset's
 * published location when that changes.
 *
 * @example
 * ```ts
 * RENOVATE_PRESET; // 'github>devstack-kit/devstack-kit'
 * ```
 */
export const RENOVATE_PRESET = 'github>devstack-kit/devstack-kit';

/**
 * The `renovate.json` `devstack init` writes when the project has no Renovate configuration, and
 * prints (to paste in) when it has one.
 *
 * @example
 * ```ts
 * JSON.parse(RENOVATE_SNIPPET).extends; // ['github>devstack-kit/devstack-kit']
 * ```
 */
export const RENOVATE_SNIPPET = `${JSON.stringify({ $schema: 'https://docs.renovatebot.com/renovate-schema.json', extends: [RENOVATE_PRESET] }, null, 2)}\n`;

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
