import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { dockerignore } from '../../src/core/dockerignore.js';

const balena = createRequire(import.meta.url)('@balena/dockerignore') as (o?: { ignorecase?: boolean }) => {
  add(p: string[]): { ignores(p: string): boolean };
};

describe('dockerignore matching', () => {
  it('handles the common cases', () => {
    const ig = dockerignore(['# comment', 'node_modules', '**/*.pyc', '*.md', '!README.md', '/build/']);
    expect(ig.ignores('node_modules')).toBe(true);
    expect(ig.ignores('node_modules/a/b.js')).toBe(true);
    expect(ig.ignores('app/x.pyc')).toBe(true);
    expect(ig.ignores('CHANGES.md')).toBe(true);
    expect(ig.ignores('README.md')).toBe(false);
    expect(ig.ignores('docs/CHANGES.md')).toBe(false);
    expect(ig.ignores('build/out.js')).toBe(true);
    expect(ig.ignores('app/main.py')).toBe(false);
  });

  it('agrees with @balena/dockerignore on random patterns and paths', () => {
    const segment = fc.stringMatching(/^[a-c.*?!]{1,3}$/);
    const pattern = fc.array(fc.oneof(segment, fc.constant('**')), { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
    const path = fc.array(fc.stringMatching(/^[a-c.]{1,3}$/), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), fc.array(path, { minLength: 1, maxLength: 5 }), (patterns, paths) => {
        let reference: { ignores(p: string): boolean };
        try {
          reference = balena({ ignorecase: false }).add(patterns);
          for (const p of paths) reference.ignores(p);
        } catch {
          return; // balena builds an invalid RegExp for this pattern; nothing to compare
        }
        const ours = dockerignore(patterns);
        for (const p of paths) expect(ours.ignores(p), `${JSON.stringify(patterns)} vs ${p}`).toBe(reference.ignores(p));
      }),
      { numRuns: 500 },
    );
  });
});
