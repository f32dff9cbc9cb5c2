import { fileURLToPath } from 'node:url';

/** How tests resolve what examples import: 'devstack-kit' is this package's source, and the preset example's package its source. Shared by both vitest configs. */
export const aliases = [
  { find: /^devstack-kit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  { find: /^devstack-kit\/stack$/, replacement: fileURLToPath(new URL('./src/stack/index.ts', import.meta.url)) },
  { find: /^devstack-kit\/testing$/, replacement: fileURLToPath(new URL('./src/testing.ts', import.meta.url)) },
  { find: /^devstack-kit\/(dockerfile|compose|workflow)$/, replacement: fileURLToPath(new URL('./src/$1/index.ts', import.meta.url)) },
  // examples/preset-package's consumer imports the example preset package by name
  { find: /^devstack-preset-mailpit$/, replacement: fileURLToPath(new URL('./examples/preset-package/mailpit-preset/src/index.ts', import.meta.url)) },
];
