import { defineConfig } from 'tsup';

const library = {
  index: 'src/index.ts',
  dockerfile: 'src/dockerfile/index.ts',
  compose: 'src/compose/index.ts',
  workflow: 'src/workflow/index.ts',
  stack: 'src/stack/index.ts',
  testing: 'src/testing.ts',
};

// One build: the CLI is an entry beside the library's, so dist/cli.js and dist/index.js share their
// chunks (one copy of the library per process; the config's `import 'devstack-kit'` is handed the
// CLI's own modules, see src/cli/load.ts). The CLI is ESM only: it is left out of the CJS build.
export default defineConfig({
  entry: { ...library, cli: 'src/cli/main.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: library },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  esbuildOptions(options, { format }) {
    if (format === 'cjs') options.entryPoints = library; // a copy: the ESM build keeps its own list
  },
});
