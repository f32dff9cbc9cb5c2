import { defineConfig } from 'tsup';

// ESM and its declarations; devstack-kit is a peer dependency, so tsup leaves it external.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'node20',
});
