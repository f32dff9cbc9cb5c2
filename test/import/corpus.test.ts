import { describe, expect, it } from 'vitest';
import { removeDir, repoTempDir } from '../helpers/tmp.js';
import { importFiles } from '../../src/import/index.js';
import { commentCoverage, corpusCases, runCorpus, sameContent, summary } from './corpus-harness.js';

describe('devstack import on the shared corpus', () => {
  it('the comparison sees a changed instruction, flag, argument, YAML value or .dockerignore pattern (it can fail)', () => {
    expect(sameContent('Dockerfile', 'FROM a AS b\nRUN x\n', 'FROM a as b\n# c\n\nRUN x\n')).toBeUndefined();
    expect(sameContent('Dockerfile', 'RUN x\n', 'RUN y\n')).toMatch(/instruction 1 differs/);
    expect(sameContent('Dockerfile', 'COPY --link a b\n', 'COPY a b\n')).toMatch(/differs/);
    // JSON forms are compared as lists, whatever their spacing; exec and shell forms stay apart
    expect(sameContent('Dockerfile', 'VOLUME ["a", "b"]\nHEALTHCHECK CMD [ "x" ]\nONBUILD RUN [ "y" ]\n', 'VOLUME a b\nHEALTHCHECK CMD ["x"]\nONBUILD RUN ["y"]\n')).toBeUndefined();
    expect(sameContent('Dockerfile', 'HEALTHCHECK CMD ["x"]\n', 'HEALTHCHECK CMD x\n')).toMatch(/differs/);
    expect(sameContent('Dockerfile', 'ONBUILD RUN ["y"]\n', 'ONBUILD RUN y\n')).toMatch(/differs/);
    expect(sameContent('compose.yaml', 'a: {b: 1, c: 2}\n', 'a:\n  c: 2\n  b: 1\n')).toBeUndefined();
    expect(sameContent('compose.yaml', 'a: [x]\n', 'a: x\n')).toMatch(/YAML data differs/);
    expect(sameContent('.dockerignore', 'a\n# c\n!b\n', 'a\n!b\n')).toBeUndefined();
    expect(sameContent('.dockerignore', 'a\n', 'b\n')).toMatch(/patterns differ/);
  });

  it('every comment of every corpus file reaches the TypeScript (Dockerfile, .dockerignore and YAML comments)', () => {
    const { total, carried, lost } = commentCoverage(corpusCases(), (c) => importFiles(c.files).source);
    console.log(`comments carried into the TypeScript: ${carried}/${total}`);
    expect(total).toBeGreaterThan(1500);
    expect(lost).toEqual([]);
  });

  it(
    'every schema-valid file: the generated configs type-check in one strict program and synthesize to the same content',
    async () => {
      const cases = corpusCases();
      const dir = repoTempDir('import-corpus');
      try {
        const outcomes = await runCorpus(dir, cases);
        const s = summary(outcomes);
        const lines = Object.entries(s).map(([k, v]) => `  ${k.padEnd(10)} ${String(v.ok).padStart(3)}/${String(v.total).padEnd(3)} ${v.percent}%`);
        const escapes = outcomes.reduce((n, o) => n + o.escapes, 0);
        console.log(`devstack import round trip (${cases.length} corpus files, ${escapes} escape hatches in all):\n${lines.join('\n')}`);
        for (const o of outcomes.filter((x) => !x.ok)) console.log(`  ✖ ${o.name}: ${o.reason}`);
        // what comes back exactly: files byte for byte, comment lines written back by synth
        const perKind = (['dockerfile', 'compose', 'workflow', 'action'] as const).map((k) => {
          const of = outcomes.filter((o) => o.kind === k);
          const files = cases.filter((c) => c.kind === k).reduce((n, c) => n + c.files.length, 0);
          const identical = of.reduce((n, o) => n + (o.identical ?? 0), 0);
          const total = of.reduce((n, o) => n + (o.comments?.total ?? 0), 0);
          const written = of.reduce((n, o) => n + (o.comments?.written ?? 0), 0);
          const allKept = of.filter((o) => (o.comments?.total ?? 0) > 0 && o.comments?.written === o.comments?.total).length;
          const withComments = of.filter((o) => (o.comments?.total ?? 0) > 0).length;
          return { k, files, identical, total, written, allKept, withComments };
        });
        console.log(
          `byte-identical after import → synth, and comment lines written back:\n${perKind
            .map((p) => `  ${p.k.padEnd(10)} identical ${p.identical}/${p.files} files; comments ${p.written}/${p.total} lines; every comment kept in ${p.allKept}/${p.withComments} cases with comments`)
            .join('\n')}`,
        );
        const lost = outcomes.flatMap((o) => o.comments?.lost ?? []);
        if (lost.length > 0) console.log(`comment lines synth does not write back (they stay // comments in the config), first 40:\n  ${lost.slice(0, 40).join('\n  ')}`);
        // every Dockerfile and .dockerignore comment comes back (comment() calls exist for all of them)
        expect(outcomes.filter((o) => o.kind === 'dockerfile').flatMap((o) => o.comments?.lost ?? [])).toEqual([]);
        // most YAML comments stand above a service, job or step, or at the top: comment() writes them back
        const yaml = perKind.filter((p) => p.k !== 'dockerfile');
        expect(yaml.reduce((n, p) => n + p.written, 0)).toBeGreaterThan(0.5 * yaml.reduce((n, p) => n + p.total, 0));
        // every kind of the corpus is present
        expect(s.dockerfile.total).toBeGreaterThanOrEqual(18);
        expect(s.compose.total).toBeGreaterThanOrEqual(49);
        expect(s.workflow.total).toBeGreaterThanOrEqual(88);
        expect(s.action.total).toBeGreaterThanOrEqual(2);
        // the floor is what the importer reaches: every file
        expect(outcomes.filter((o) => !o.ok)).toEqual([]);
        expect(s.all.percent).toBe(100);
      } finally {
        removeDir(dir);
      }
    },
    900_000,
  );
});
