import { describe, expect, it } from 'vitest';
import { astProblems, dockerfileProblems, dockerfileUtilsProblems, dockerignoreProblems, formatProblems, STRICT_SETTINGS } from './oracles/dockerfile.js';

const GOOD = 'FROM python:3.13-slim AS builder\nRUN --mount=type=cache,target=/root/.cache/pip pip install uv\n\nFROM python:3.13-slim\nCOPY --from=builder /app /app\nUSER app\nCMD ["python"]\n';

describe('Dockerfile oracles', () => {
  it('pass all nine dockerfile-utils settings explicitly', () => {
    expect(Object.keys(STRICT_SETTINGS).sort()).toEqual([
      'deprecatedMaintainer', 'directiveCasing', 'emptyContinuationLine', 'instructionCasing', 'instructionCmdMultiple',
      'instructionEntrypointMultiple', 'instructionHealthcheckMultiple', 'instructionJSONInSingleQuotes', 'instructionWorkdirRelative',
    ]);
  });

  it('accept a good Dockerfile', () => {
    expect(dockerfileProblems(GOOD)).toEqual([]);
  });

  it('dockerfile-utils still rejects a broken Dockerfile', () => {
    const broken = 'from python:3.13\nMAINTAINER me\nWORKDIR app\nCMD a\nCMD b\nEXPOSE 99999999\nHEALTHCHECK --interval=abc CMD true\n';
    const problems = dockerfileUtilsProblems(broken);
    expect(problems.join('\n')).toMatch(/MAINTAINER/i);
    expect(problems.join('\n')).toMatch(/casing|uppercase/i);
    expect(problems.join('\n')).toMatch(/absolute/i);
    expect(problems.length).toBeGreaterThanOrEqual(5);
  });

  it('the formatter check still flags badly indented text', () => {
    expect(formatProblems('FROM alpine:3.20\n   RUN true\n')).not.toEqual([]);
  });

  it('the dockerfile-ast checks still reject unknown stages, later stages and bad mounts', () => {
    const broken = [
      'FROM alpine:3.20 AS a',
      'COPY --from=buidler /x /y',
      'COPY --from=b /x /y',
      'RUN --mount=type=cache,target=/c,env=X true',
      'RUN --mount=type=weird,target=/c true',
      'RUN --device=gpu true',
      'FROM alpine:3.20 AS b',
      '',
    ].join('\n');
    const problems = astProblems(broken);
    expect(problems.some((p) => p.includes('buidler'))).toBe(true);
    expect(problems.some((p) => p.includes('later stage'))).toBe(true);
    expect(problems.some((p) => p.includes('env does not belong'))).toBe(true);
    expect(problems.some((p) => p.includes('type=weird'))).toBe(true);
    expect(problems.some((p) => p.includes('--device'))).toBe(true);
  });
});

describe('.dockerignore oracle', () => {
  it('accepts a good file and checks matching', () => {
    expect(dockerignoreProblems('.git\nnode_modules\n**/__pycache__\n.env\n', { ignored: ['.git/HEAD', 'a/b/__pycache__/x.pyc', '.env'], kept: ['app/main.py', '.env.example'] })).toEqual([]);
  });

  it('still rejects a broken pattern and wrong expectations', () => {
    expect(dockerignoreProblems('[abc\n')).not.toEqual([]);
    expect(dockerignoreProblems('.git\n', { kept: ['.git'] })).not.toEqual([]);
    expect(dockerignoreProblems('.git\n', { ignored: ['src/app.py'] })).not.toEqual([]);
  });
});
