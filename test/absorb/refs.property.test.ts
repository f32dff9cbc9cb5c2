import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { versionDiff } from '../../src/absorb/refs.js';

const seg = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const imageName = fc.tuple(fc.option(fc.constantFrom('ghcr.io/', 'localhost:5000/', 'quay.io/'), { nil: undefined }), fc.array(seg, { minLength: 1, maxLength: 3 })).map(([r, p]) => `${r ?? ''}${p.join('/')}`);
const tag = fc.stringMatching(/^[0-9][0-9a-z.-]{0,8}$/);
const actionName = fc.tuple(seg, seg).map(([o, r]) => `${o}/${r}`);
const ref = fc.oneof(fc.stringMatching(/^v[0-9]{1,2}(\.[0-9]{1,2}){0,2}$/), fc.stringMatching(/^[0-9a-f]{40}$/));

/** A line holding one version reference, in one of the forms generated files use. */
const entry = fc.oneof(
  fc.record({ kind: fc.constant('image' as const), name: imageName, v: tag, w: tag, form: fc.constantFrom('FROM %s AS s', '    image: %s', '# syntax=%s') }),
  fc.record({ kind: fc.constant('action' as const), name: actionName, v: ref, w: ref, form: fc.constantFrom('      - uses: %s', '        uses: %s') }),
);

const render = (e: { kind: 'image' | 'action'; name: string; form: string }, version: string) =>
  e.form.replace('%s', e.kind === 'action' ? `${e.name}@${version}` : `${e.name}:${version}`);

describe('versionDiff (property, 1,000 runs)', () => {
  it('reports exactly the lines whose version changed, with the image or action and both versions', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(entry, fc.boolean()), { minLength: 1, maxLength: 8 }), (entries) => {
        const expected = `${entries.map(([e]) => render(e, e.v)).join('\n')}\n`;
        const actual = `${entries.map(([e, change]) => render(e, change ? e.w : e.v)).join('\n')}\n`;
        const diff = versionDiff('f', expected, actual);
        const want = entries.flatMap(([e, change], i) => (change && e.v !== e.w ? [{ file: 'f', line: i + 1, kind: e.kind, name: e.name, from: e.v, to: e.w }] : []));
        expect(diff).toEqual({ changes: want });
      }),
      { numRuns: 1000 },
    );
  });

  it('a change to anything but the version (the name, the key, the text around it) is never read as a version change', () => {
    fc.assert(
      fc.property(entry, seg, (e, other) => {
        const line = render(e, e.v);
        const renamed = render({ ...e, name: `${e.name}${other}` }, e.v);
        const rekeyed = `${line} x`;
        for (const changed of [renamed, rekeyed]) {
          const diff = versionDiff('f', `${line}\n`, `${changed}\n`);
          expect('reason' in diff, changed).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
