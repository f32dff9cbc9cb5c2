// lazy(): the zod schemas of the three models are built on first use, not when the package loads
// (issue 11, item 1).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazy, lazyObject } from '../../src/core/lazy.js';
import { ROOT } from '../helpers/tmp.js';

describe('lazy', () => {
  it('builds on the first use only, once, and then behaves as the value it built', () => {
    let built = 0;
    const Port = lazy(() => (built++, z.number().int().min(1)));
    const Pair = lazy(() => z.strictObject({ port: Port, host: z.string() }));
    expect(built).toBe(0);
    expect(Pair.safeParse({ port: 80, host: 'a' }).success).toBe(true);
    expect(Pair.safeParse({ port: 0, host: 'a' }).success).toBe(false);
    expect(built).toBe(1);
    expect(Port instanceof z.ZodNumber).toBe(true);
    expect(Object.keys(Pair.shape)).toEqual(['port', 'host']);
    expect('shape' in Pair).toBe(true);
    expect(built).toBe(1);
  });

  it('lazyObject: a lazy object of fields spreads like the object', () => {
    const fields = lazyObject(() => ({ a: z.string(), b: z.number().optional() }));
    const S = z.strictObject({ ...fields, c: z.boolean() });
    expect(Object.keys(S.shape)).toEqual(['a', 'b', 'c']);
    expect(S.parse({ a: 'x', c: true })).toEqual({ a: 'x', c: true });
  });
});

describe('loading the package builds no schema', () => {
  it('importing src/index.ts calls none of the lazy builders; validating a model then builds them', async () => {
    // the package bundled with a lazy() that counts the builds it runs (zod and yaml left external)
    const out = join(ROOT, '.tmp', 'lazy-count', 'index.mjs');
    mkdirSync(join(ROOT, '.tmp', 'lazy-count'), { recursive: true });
    await build({
      entryPoints: [join(ROOT, 'src/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: out,
      packages: 'external',
      logLevel: 'silent',
      plugins: [
        {
          name: 'counting-lazy',
          setup(b) {
            b.onLoad({ filter: /src[\\/]core[\\/]lazy\.ts$/ }, () => ({
              loader: 'ts',
              contents: 'export function lazy(build) { let v; let made = false; const t = () => { if (!made) { made = true; globalThis.__built = (globalThis.__built ?? 0) + 1; v = build(); } return v; };\n' +
                'return new Proxy(Object.create(null), { get: (_, k) => Reflect.get(t(), k, t()), has: (_, k) => Reflect.has(t(), k), ownKeys: () => Reflect.ownKeys(t()), getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(t(), k); return d && { ...d, configurable: true }; }, getPrototypeOf: () => Reflect.getPrototypeOf(t()) }); }\nexport const lazyObject = lazy;\n',
            }));
          },
        },
      ],
    });
    const script = `const kit = await import(${JSON.stringify(out)}); const atImport = globalThis.__built ?? 0; const app = new kit.App(); app.dockerfile('Dockerfile', kit.Dockerfile.create().stage('app', 'alpine:3.20', (s) => s.run('adduser -D app').user('app').cmd(['sh']))); app.synth(); console.log(JSON.stringify({ atImport, afterSynth: globalThis.__built ?? 0 }));`;
    const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as { atImport: number; afterSynth: number };
    expect(r.atImport).toBe(0);
    expect(r.afterSynth).toBeGreaterThan(10);
  });
});
