import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // examples import 'devstack-kit'; in tests that is this package's source
    alias: [
      { find: /^devstack-kit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^devstack-kit\/stack$/, replacement: fileURLToPath(new URL('./src/stack/index.ts', import.meta.url)) },
      { find: /^devstack-kit\/testing$/, replacement: fileURLToPath(new URL('./src/testing.ts', import.meta.url)) },
      { find: /^devstack-kit\/(dockerfile|compose|workflow)$/, replacement: fileURLToPath(new URL('./src/$1/index.ts', import.meta.url)) },
      // examples/preset-package's consumer imports the example preset package by name
      { find: /^devstack-preset-mailpit$/, replacement: fileURLToPath(new URL('./examples/preset-package/mailpit-preset/src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/integration/**', 'node_modules/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    server: { deps: { inline: [/@actions\//] } },
  },
});
