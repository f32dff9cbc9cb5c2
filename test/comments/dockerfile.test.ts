import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dockerfile } from '../../src/dockerfile/builder.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';

describe('Dockerfile comments cannot become instructions', () => {
  it('a lone carriage return starts a new comment line', () => {
    const text = Dockerfile.create().from('alpine:3.20', (s) => s.comment('a\rRUN evil').run('echo hi')).toString();
    expect(text).toBe('FROM alpine:3.20\n# a\n# RUN evil\nRUN echo hi\n');
  });

  it('rejects a comment that is not a string', () => {
    expect(() => Dockerfile.create().comment(1 as unknown as string)).toThrow(/core\/invalid-comment/);
  });

  it('for any text, stage and file comments leave the same instructions (ours and dockerfile-ast; property, 1,000 runs)', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\n', '\r', '\r\n', '\\', 'RUN ', 'FROM x', '# ', ' '), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 30 });
    const plain = Dockerfile.create().from('alpine:3.20', (s) => s.run('echo hi')).toString();
    const keywords = (t: string) => DockerfileParser.parse(t).getInstructions().map((i) => `${i.getKeyword()} ${i.getArgumentsContent() ?? ''}`);
    const ours = (t: string) => parseDockerfile(t).model?.stages.map((s) => [s.from, s.instructions.filter((i) => i.kind !== 'comment')]);
    fc.assert(
      fc.property(text, text, (top, stage) => {
        const out = Dockerfile.create().comment(top).from('alpine:3.20', (s) => s.comment(stage).run('echo hi')).toString();
        expect(keywords(out)).toEqual(keywords(plain));
        expect(ours(out)).toEqual(ours(plain));
      }),
      { numRuns: 1000 },
    );
  });
});
