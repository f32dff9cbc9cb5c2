import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDockerfile, synthDockerfile } from '../../src/dockerfile/index.js';
import { errorsOf } from '../../src/core/issue.js';
import { importFiles } from '../../src/import/index.js';
import { instructionView } from './corpus-harness.js';
import { runDockerfileConfig as run } from './run-config.js';

// Instruction-shaped lines (as test/dockerfile/parse-fuzz.test.ts builds them), so the importer meets
// flags, mounts, heredocs, exec forms, quoting and escapes in every combination.
const keyword = fc.constantFrom(
  'RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD RUN', 'ONBUILD COPY',
  'STOPSIGNAL', 'HEALTHCHECK CMD', 'HEALTHCHECK NONE', 'MAINTAINER', '#', '', 'FROM alpine:3.20 AS next', 'FROM builder',
);
const piece = fc.constantFrom(
  'alpine:3.20', 'builder', '--mount=type=cache,target=/x', '--mount=type=secret,id=a,env=A', '--mount=type=bind,from=builder,target=/s', '--mount=type=tmpfs,target=/t',
  '--from=builder', '--from=0', '--from=nginx:1', '--link', '--chown=1:1', '--chmod=644', '--network=none', '--interval=5s', '--retries=3', '--exclude=*.md', '<<EOF',
  'EOF', '["a", "b"]', '[ "x" ]', 'a=b', 'A="x y"', "B='z'", '$VAR', '${VAR}', '\\', '`', '#', '&&', 'echo', '"', "'", '=', '80/tcp', '53/udp', '/app', './', '.',
  'src', 'SIGTERM', "it's", '${{ x }}',
);
const line = fc
  .tuple(keyword, fc.array(fc.oneof({ weight: 5, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }), { maxLength: 5 }))
  .map(([k, ws]) => [k, ...ws].join(' '));
const text = fc
  .tuple(fc.constantFrom('FROM alpine:3.20 AS builder', '# escape=`\nFROM a:1 AS builder', 'ARG X=1\nFROM a:$X AS builder', '# syntax=docker/dockerfile:1\n# top\nFROM python AS builder'), fc.array(line, { maxLength: 12 }))
  .map(([first, ls]) => [first, ...ls].join('\n'));

describe('devstack import on arbitrary Dockerfiles', () => {
  it('the generated code builds a Dockerfile with the same instructions, flags and arguments (1,000 runs)', () => {
    let imported = 0;
    fc.assert(
      fc.property(text, (t) => {
        const { model, issues } = parseDockerfile(t);
        if (!model || errorsOf(issues).length > 0) return;
        const names = model.stages.flatMap((st) => (st.name ? [st.name.toLowerCase()] : []));
        if (new Set(names).size !== names.length) {
          // two stages of one name: refused with the rule's code, not written back wrong
          expect(() => importFiles([{ path: 'Dockerfile', text: t }])).toThrow(/docker\/duplicate-stage/);
          return;
        }
        imported++;
        const { source } = importFiles([{ path: 'Dockerfile', text: t }]);
        const built = run(source);
        expect(instructionView(synthDockerfile(built))).toEqual(instructionView(synthDockerfile(model)));
      }),
      { numRuns: 1000 },
    );
    expect(imported).toBeGreaterThan(500);
  });
});
