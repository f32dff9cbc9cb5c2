import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerfileModelSchema, parseDockerfile, synthDockerfile } from '../../src/dockerfile/index.js';
import { buildkitLines } from '../helpers/dockerfile-readers.js';

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
  // line ends BuildKit reads differently: an escaped escape, a continuation before spaces, a lone escape
  'a\\\\', 'b\\ ', '\\\t', 'c``', 'd`', '--chown="a b"', "--exclude='x y'", '--mount="type=cache,target=/a b"', '\\[ "x" ]',
);
const line = fc.tuple(keyword, fc.array(fc.oneof({ weight: 5, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) }), { maxLength: 5 }))
  .map(([k, ws]) => [k, ...ws].join(' '));
// comment and blank lines, which BuildKit skips inside a continuation
const extra = fc.constantFrom('# inside', '', '   ', '  # indented \\');
const text = fc.tuple(fc.constantFrom('FROM alpine:3.20', 'FROM alpine:3.20 AS builder', '# escape=`\nFROM a:1', '  # escape = `\nFROM a:1', 'ARG X=1\nFROM a:$X'), fc.array(fc.oneof({ weight: 5, arbitrary: line }, { weight: 1, arbitrary: extra }), { maxLength: 14 }))
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
    expect(structured).toBeGreaterThan(1200);
  });

  it('finds the instructions BuildKit finds: the same count, each starting on the same keyword', () => {
    let compared = 0;
    fc.assert(fc.property(text, (t) => {
      if (t.includes('<<')) return; // heredoc bodies: covered by the heredoc tests
      const { model } = parseDockerfile(t);
      const esc = model!.directives?.escape ?? '\\';
      const items = [...(model!.preamble ?? []), ...model!.stages.flatMap((s) => [{ kind: 'from', text: 'FROM' }, ...s.instructions])]
        .filter((i) => i.kind !== 'comment' && i.kind !== 'blank');
      const bk = buildkitLines(t, esc);
      expect(items.length).toBe(bk.length);
      const keywords = items.map((i) => (i.kind === 'raw' ? (i as { text: string }).text.trim().split(/\s+/)[0]! : i.kind).toUpperCase());
      bk.forEach((l, idx) => {
        const k = keywords[idx]!;
        if (k !== 'FROM' && /^[A-Z]+$/.test(k) && ['RUN', 'CMD', 'USER', 'ENV', 'COPY', 'ADD', 'WORKDIR', 'LABEL', 'EXPOSE', 'VOLUME', 'ARG', 'SHELL', 'ONBUILD', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER', 'ENTRYPOINT'].includes(k)) {
          expect(l.split(/\s+/)[0]!.toUpperCase()).toBe(k);
        }
      });
      compared++;
    }), { numRuns: 1000 });
    expect(compared).toBeGreaterThan(300);
  });
});
