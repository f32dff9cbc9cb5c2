// A Dockerfile-only use, bundled (issue 11, item 1): `import { Dockerfile } from 'devstack-kit'` in
// an app bundled with esbuild keeps the Dockerfile code and leaves out the compose, workflow, stack
// and App code. Measured with esbuild's metafile on dist/ as a user's bundler sees the package
// (resolved through node_modules, sideEffects: false). Needs dist/ (npm run build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/tmp.js';

let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/index.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'devstack-treeshake-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules/devstack-kit'), 'dir');
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Bytes each source file (dist/*.js of devstack-kit, or a dependency's file) puts into the bundle of `code`. */
async function bundled(name: string, code: string): Promise<{ own: number; total: number; sources: string[]; packages: string[] }> {
  writeFileSync(join(dir, `${name}.mjs`), code);
  const r = await build({ entryPoints: [join(dir, `${name}.mjs`)], absWorkingDir: dir, bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', treeShaking: true, outfile: join(dir, `${name}.out.js`), logLevel: 'silent', sourcemap: 'external', sourcesContent: false });
  const inputs = Object.entries(Object.values(r.metafile.outputs).find((o) => o.entryPoint !== undefined)!.inputs);
  const own = inputs.filter(([path]) => !path.includes('node_modules/')).reduce((n, [, v]) => n + v.bytesInOutput, 0);
  // which src/ files the kept code came from, read from the bundle's source map
  const map = r.outputFiles.find((f) => f.path.endsWith('.map'))!;
  const sources = (JSON.parse(map.text) as { sources: string[] }).sources.filter((s) => s.includes('/src/')).map((s) => s.slice(s.lastIndexOf('/src/') + 1));
  const packages = [...new Set(inputs.flatMap(([path]) => (/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ?? [])))].sort();
  return { own, total: inputs.reduce((n, [, v]) => n + v.bytesInOutput, 0), sources, packages };
}

describe('tree-shaking a Dockerfile-only use', () => {
  it('keeps under 40% of the package, and none of the compose, workflow, stack or App code', async () => {
    const full = await bundled('full', "export * from 'devstack-kit';");
    const dockerfile = await bundled('dockerfile', "import { Dockerfile } from 'devstack-kit';\nconsole.log(Dockerfile.create().stage('app', 'alpine:3.20', (s) => s.run('true')).toModel());\n");
    expect(full.sources.some((s) => s.startsWith('src/compose/'))).toBe(true);
    expect(dockerfile.sources.some((s) => s.startsWith('src/dockerfile/'))).toBe(true);
    expect(dockerfile.sources.filter((s) => /^src\/(compose|workflow|stack|app|absorb|cli)\//.test(s))).toEqual([]);
    expect(dockerfile.own / full.own).toBeLessThan(0.4);
  });

  it('leaves out the yaml package (the Dockerfile code needs only the marker text, not the YAML door)', async () => {
    const full = await bundled('full-deps', "export * from 'devstack-kit';");
    const dockerfile = await bundled('dockerfile-deps', "import { Dockerfile } from 'devstack-kit';\nconsole.log(Dockerfile.create().stage('app', 'alpine:3.20', (s) => s.run('true')).toModel());\n");
    expect(full.packages).toContain('yaml');
    expect(dockerfile.packages).toEqual(['zod']);
    // with the dependencies: zod stays (the model is validated), yaml goes
    expect(dockerfile.total / full.total).toBeLessThan(0.65);
  });
});
