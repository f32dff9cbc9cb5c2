import { defineConfig } from 'vitest/config';
import { aliases } from './vitest.aliases.js';

// `npm run test:integration`: builds the examples' Dockerfiles for real with buildah (see
// test/integration/build.test.ts). Needs `bash ../shared/tools/oci-build-setup.sh setup` first.
// Builds share one container storage and the machine has 2 cores: one file, one thread, in order.
export default defineConfig({
  resolve: {
    // build.test.ts loads the examples' devstack.config.ts (for their image budgets); they import 'devstack-kit'
    alias: aliases,
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
