import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, JSONInstruction, ModifiableInstruction, PropertyInstruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { Dockerfile, DockerfileModelSchema, parseDockerfile, parseDockerignore, synthDockerfile, synthDockerignore } from '../../src/dockerfile/index.js';
import { dockerfileProblems, dockerignoreProblems } from '../helpers/oracles/dockerfile.js';

// CI has ../shared beside the checkout; resolve it from this file (test/dockerfile → repo root → ..).
const CORPUS = fileURLToPath(new URL('../../../shared/corpus/dockerfile/', import.meta.url));
const corpus = readdirSync(CORPUS).sort();

/** What dockerfile-ast sees: directives, comments, and each instruction's keyword, flags and arguments. */
function astView(text: string) {
  const df = DockerfileParser.parse(text);
  return {
    directives: df.getDirectives().map((d) => [d.getName(), d.getValue()]),
    comments: df.getComments().map((c) => c.getContent()),
    instructions: df.getInstructions().map((i) => {
      const json = i instanceof JSONInstruction ? i.getJSONStrings().map((a) => a.getValue()) : [];
      const props = i instanceof PropertyInstruction ? i.getProperties().map((p) => [p.getName(), p.getValue()]) : undefined;
      return {
        keyword: i.getKeyword(),
        // flags are named, so their order carries no meaning (the model writes them in schema order)
        flags: i instanceof ModifiableInstruction ? i.getFlags().map((f) => `${f.getName()}=${f.getValue()}`).sort() : [],
        args: props ?? (json.length > 0 ? json : i.getArguments().map((a) => a.getValue())),
      };
    }),
  };
}

describe('parseDockerfile on the corpus', () => {
  it('finds the corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(18);
  });

  it.each(corpus)('%s parses without loss and writes back the same content', (name) => {
    const text = readFileSync(CORPUS + name, 'utf8');
    const { model, issues } = parseDockerfile(text, name);
    expect(issues).toEqual([]);
    expect(DockerfileModelSchema.safeParse(model).success).toBe(true);
    const out = synthDockerfile(model!);
    expect(astView(out)).toEqual(astView(text));
    // a second trip changes nothing
    expect(synthDockerfile(parseDockerfile(out).model!)).toBe(out);
    expect(parseDockerfile(out).model).toEqual(model);
    expect(dockerfileProblems(out, { skipFormat: true, allow: ['instructionCmdMultiple'] })).toEqual([]);
  });

  it('most corpus files come back byte for byte (directive spacing, "#x" comments, flag order and trailing spaces are normalized)', () => {
    const exact = corpus.filter((name) => {
      const text = readFileSync(CORPUS + name, 'utf8');
      const out = synthDockerfile(parseDockerfile(text).model!);
      return out === text || out === `${text}\n` || `${out}\n` === text;
    });
    expect(exact.length).toBeGreaterThanOrEqual(15);
  });
});

describe('parseDockerfile reads every instruction', () => {
  it('reads directives, flags, mounts, heredocs and keeps the casing of as', () => {
    const text = [
      '# syntax = docker/dockerfile:1.7',
      '# escape=\\',
      '# check=error=true',
      'ARG BASE=python:3.13-slim',
      'FROM --platform=$BUILDPLATFORM ${BASE} as build',
      'RUN --mount=type=cache,dst=/root/.cache,ro --mount=type=secret,id=npmrc,target=/root/.npmrc,required=true --network=none npm ci',
      'RUN <<-EOT bash',
      '\techo hi',
      '\tEOT',
      'COPY <<A <<B /dest/',
      'one',
      'A',
      'two',
      'B',
      'ENV A=1 B="two words" C=\'single $x\'',
      'ENV LEGACY value with spaces',
      'LABEL "my key"="v" other=w',
      'EXPOSE 80/tcp 53/udp',
      'HEALTHCHECK --interval=5s --retries=2 CMD curl -f http://localhost/ || exit 1',
      'ONBUILD RUN echo hi',
      'MAINTAINER someone',
      'VOLUME ["/data"]',
      'COPY ["a.txt", "b.txt", "/dst/"]',
      'STOPSIGNAL SIGKILL',
      'USER 1000:1000',
      'CMD echo "shell form"',
      '',
    ].join('\n');
    const { model, issues } = parseDockerfile(text);
    expect(issues).toEqual([]);
    expect(model!.directives).toEqual({ syntax: 'docker/dockerfile:1.7', escape: '\\', check: 'error=true' });
    expect(model!.preamble).toEqual([{ kind: 'arg', args: [{ name: 'BASE', default: 'python:3.13-slim' }] }]);
    const st = model!.stages[0]!;
    expect(st).toMatchObject({ platform: '$BUILDPLATFORM', from: '${BASE}', name: 'build', asKeyword: 'as' });
    expect(st.instructions[0]).toEqual({
      kind: 'run',
      mounts: [{ type: 'cache', target: '/root/.cache', readonly: true }, { type: 'secret', id: 'npmrc', target: '/root/.npmrc', required: true }],
      network: 'none',
      command: 'npm ci',
    });
    expect(st.instructions[1]).toEqual({ kind: 'run', command: '<<-EOT bash', heredocs: [{ delimiter: 'EOT', body: '\techo hi' }] });
    expect(st.instructions[2]).toEqual({ kind: 'copy', sources: ['<<A', '<<B'], dest: '/dest/', heredocs: [{ delimiter: 'A', body: 'one' }, { delimiter: 'B', body: 'two' }] });
    expect(st.instructions[3]).toEqual({ kind: 'env', vars: { A: '1', B: 'two words', C: 'single \\$x' } });
    expect(st.instructions[4]).toEqual({ kind: 'env', vars: { LEGACY: 'value with spaces' }, legacy: true });
    expect(st.instructions[5]).toEqual({ kind: 'label', labels: { 'my key': 'v', other: 'w' } });
    expect(st.instructions[7]).toEqual({ kind: 'healthcheck', interval: '5s', retries: 2, command: 'curl -f http://localhost/ || exit 1' });
    expect(st.instructions[8]).toEqual({ kind: 'onbuild', instruction: { kind: 'run', command: 'echo hi' } });
    expect(st.instructions[9]).toEqual({ kind: 'maintainer', name: 'someone' });
    expect(st.instructions[10]).toEqual({ kind: 'volume', paths: ['/data'], json: true });
    expect(st.instructions[11]).toEqual({ kind: 'copy', sources: ['a.txt', 'b.txt'], dest: '/dst/', json: true });
    expect(st.instructions[14]).toEqual({ kind: 'cmd', command: 'echo "shell form"' });
    const out = synthDockerfile(model!);
    expect(parseDockerfile(out).model).toEqual(model);
    expect(dockerfileProblems(out, { allow: ['deprecatedMaintainer'] })).toEqual([]);
    expect(astView(out).instructions.map((i) => i.keyword)).toEqual(astView(text).instructions.map((i) => i.keyword));
  });

  it('keeps what it does not understand as raw text, with an info issue, never dropping it', () => {
    const text = 'FROM alpine:3.20\nRUN --device=nvidia.com/gpu=all nvidia-smi\nFROBNICATE now\nUSER nobody\n';
    const { model, issues } = parseDockerfile(text, 'Dockerfile');
    expect(model!.stages[0]!.instructions).toEqual([
      { kind: 'raw', text: 'RUN --device=nvidia.com/gpu=all nvidia-smi' },
      { kind: 'raw', text: 'FROBNICATE now' },
      { kind: 'user', user: 'nobody' },
    ]);
    expect(issues.map((i) => [i.code, i.severity, i.line, i.file])).toEqual([
      ['docker/raw-instruction', 'info', 2, 'Dockerfile'],
      ['docker/raw-instruction', 'info', 3, 'Dockerfile'],
    ]);
    expect(issues[0]!.message).toContain('--device');
    expect(synthDockerfile(model!)).toBe(text);
    // the oracles see the same two problems the parser kept raw
    const problems = dockerfileProblems(synthDockerfile(model!));
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('--device'), expect.stringMatching(/FROBNICATE/i)]));
  });

  it('reports bad input as issues, never throwing', () => {
    const cases: [string, string][] = [
      ['', 'docker/no-from'],
      ['RUN echo hi\nFROM alpine:3.20\n', 'docker/instruction-before-from'],
      ['FROM alpine:3.20\nRUN <<EOF\necho never closed\n', 'docker/unterminated-heredoc'],
      ['# escape=x\nFROM alpine:3.20\n', 'docker/invalid-directive'],
      ['FROM alpine:3.20\nENV A="unclosed\n', 'docker/raw-instruction'],
      ['FROM alpine:3.20\nRUN --mount=type=cache,bogus=1 true\n', 'docker/raw-instruction'],
      ['FROM alpine:3.20\nRUN --mount=type=nope,target=/x true\n', 'docker/raw-instruction'],
      ['FROM alpine:3.20\nHEALTHCHECK --retries=x CMD true\n', 'docker/raw-instruction'],
      ['FROM a b c d\n', 'docker/raw-instruction'],
    ];
    for (const [text, code] of cases) {
      const r = parseDockerfile(text);
      expect(r.issues.map((i) => i.code), text).toContain(code);
      expect(r.issues.every((i) => i.message.length > 0 && i.line !== undefined)).toBe(true);
    }
  });

  it('keeps exec-form spacing as written, until the list changes', () => {
    const text = 'FROM node:22-slim\nUSER node\nCMD [ "npm", "start" ]\n';
    const { model } = parseDockerfile(text);
    expect(model!.stages[0]!.instructions[1]).toEqual({ kind: 'cmd', command: ['npm', 'start'], execSource: '[ "npm", "start" ]' });
    expect(synthDockerfile(model!)).toBe(text);
    expect(dockerfileProblems(text)).toEqual([]);
    const changed = { ...model!, stages: [{ ...model!.stages[0]!, instructions: [model!.stages[0]!.instructions[0]!, { kind: 'cmd' as const, command: ['node', 'server.js'], execSource: '[ "npm", "start" ]' }] }] };
    expect(synthDockerfile(changed)).toBe('FROM node:22-slim\nUSER node\nCMD ["node", "server.js"]\n');
    expect(dockerfileProblems(synthDockerfile(changed))).toEqual([]);
    expect(parseDockerfile('FROM a:1\nCMD ["a", "b"]\n').model!.stages[0]!.instructions[0]).toEqual({ kind: 'cmd', command: ['a', 'b'] });
  });

  it('reads CRLF files and drops its own marker line', () => {
    const marked = '# syntax=docker/dockerfile:1\r\n# Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.\r\nFROM alpine:3.20\r\n';
    expect(parseDockerfile(marked).model).toEqual({ directives: { syntax: 'docker/dockerfile:1' }, stages: [{ from: 'alpine:3.20', instructions: [] }] });
  });

  it('Dockerfile.parse gives a builder whose stage names are strings', () => {
    const df = Dockerfile.parse('FROM a:1 AS one\nFROM b:2 AS two\nFROM c:3\n');
    expect(df.stageNames).toEqual(['one', 'two']);
    expect(df.parseIssues).toEqual([]);
  });
});

describe('parseDockerignore', () => {
  it('reads patterns, exceptions, comments and blank lines, and writes them back', () => {
    const text = '# VCS\n.git\n\n**/__pycache__\n!keep/__pycache__\n';
    const { model } = parseDockerignore(text);
    expect(model).toEqual({
      entries: [
        { kind: 'comment', text: 'VCS' }, { kind: 'ignore', pattern: '.git' }, { kind: 'blank' },
        { kind: 'ignore', pattern: '**/__pycache__' }, { kind: 'exception', pattern: 'keep/__pycache__' },
      ],
    });
    const out = synthDockerignore(model!);
    expect(out).toBe(text);
    expect(dockerignoreProblems(out, { ignored: ['.git/config', 'a/__pycache__/x.pyc'], kept: ['keep/__pycache__/x.pyc', 'app.py'] })).toEqual([]);
  });
});
