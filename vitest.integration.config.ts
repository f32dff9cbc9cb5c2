import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:integration`: builds the examples' Dockerfiles for real with buildah (see
// test/integration/build.test.ts). Needs `bash ../shared/tools/oci-build-setup.sh setup` first.
// Builds share one container storage and the machine has 2 cores: one file, one thread, in order.
export default defineConfig({
  resolve: {
    // build.test.ts loads the examples' devstack.config.ts (for their image budgets); they import 'devstack-kit'
    alias: [
      { find: /^devstack-kit$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^devstack-kit\/stack$/, replacement: fileURLToPath(new URL('./src/stack/index.ts', import.meta.url)) },
      { find: /^devstack-kit\/testing$/, replacement: fileURLToPath(new URL('./src/testing.ts', import.meta.url)) },
      { find: /^devstack-kit\/(dockerfile|compose|workflow)$/, replacement: fileURLToPath(new URL('./src/$1/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/integration/**/*.test.ts'],
    exclude: ['node_modules/**'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 120_000,
    server: { deps: { inline: [/@actions\//] } },
  },
});
