import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerfileModelSchema, parseDockerfile, synthDockerfile } from '../../src/dockerfile/index.js';

// Instruction-shaped lines built from Dockerfile pieces, so the fuzzer reaches deep into the parser.
const keyword = fc.constantFrom(
  'FROM', 'from', 'RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'ONBUILD RUN',
  'STOPSIGNAL', 'HEALTHCHECK', 'HEALTHCHECK CMD', 'MAINTAINER', '#', '# syntax=docker/dockerfile:1', '', 'BOGUS',
);
const piece = fc.constantFrom(
  'NONE', 'AS', 'as', 'alpine:3.20', 'builder', '--mount=type=cache,target=/x', '--mount=type=secret,id=a,env=A', '--mount=type=bind,from=builder,target=/s',
  '--from=builder', '--link', '--chown=1:1', '--platform=linux/amd64', '--network=none', '--interval=5s', '--retries=3', '--exclude=*.md', '<<EOF', '<<-EOT', '<<"Q"',
  'EOF', 'EOT', 'Q', '["a", "b"]', '[ "x" ]', '["a","b"]', 'a=b', 'A="x y"', "B='z'", 'C="q\\"r"', '$VAR', '${VAR}', '\\', '`', '#', '&&', 'echo', '"', "'", '=',
  '80/tcp', '53/udp', '/app', './', '.', 'src', 'SIGTERM',
);
const line = fc.tuple(keyword, fc.array(fc.oneof({ weight: 5, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }), { maxLength: 5 }))
  .map(([k, ws]) => [k, ...ws].join(' '));
const text = fc.tuple(fc.constantFrom('FROM alpine:3.20', 'FROM alpine:3.20 AS builder', '# escape=`\nFROM a:1', 'ARG X=1\nFROM a:$X'), fc.array(line, { maxLength: 14 }))
  .map(([first, ls]) => [first, ...ls].join('\n'));

// The outputs here come from random input, so they are not expected to pass the oracles (a random
// WORKDIR is relative, a random instruction is unknown); every test that synthesizes meaningful
// text checks it with test/helpers/oracles/dockerfile.ts.
describe('parseDockerfile on arbitrary text', () => {
  it('never throws, and what it writes reads back to the same model', () => {
    let structured = 0;
    fc.assert(fc.property(text, (t) => {
      const first = parseDockerfile(t);
      expect(first.model).toBeDefined();
      structured += first.model!.stages.flatMap((s) => s.instructions).filter((i) => !['raw', 'comment', 'blank'].includes(i.kind)).length;
      if (first.model!.stages.length === 0) return;
      // without an error, the model the parser returns is one the schema accepts
      if (!first.issues.some((i) => i.severity === 'error')) expect(DockerfileModelSchema.safeParse(first.model).success).toBe(true);
      const out = synthDockerfile(first.model!);
      const second = parseDockerfile(out);
      expect(second.model).toEqual(first.model);
      expect(synthDockerfile(second.model!)).toBe(out);
    }), { numRuns: 1500 });
    // the generator must actually reach the instruction readers
    expect(structured).toBeGreaterThan(1500);
  });
});
