import { describe, expect, it } from 'vitest';
import { lineRefs, splitImage, versionDiff } from '../../src/absorb/refs.js';

const SHA1 = '11bd71901bbe5b1630ceea73d27597364c9af683';
const SHA2 = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';

describe('lineRefs', () => {
  it('finds image refs in FROM, # syntax=, COPY --from= and image:/container: lines, and action refs in uses:', () => {
    expect(lineRefs('FROM --platform=$BUILDPLATFORM node:22-slim AS deps')).toMatchObject([{ kind: 'image', name: 'node', version: '22-slim' }]);
    expect(lineRefs('# syntax=docker/dockerfile:1')).toMatchObject([{ kind: 'image', name: 'docker/dockerfile', version: '1' }]);
    expect(lineRefs('COPY --from=ghcr.io/astral-sh/uv:0.8.4 /uv /bin/uv')).toMatchObject([{ kind: 'image', name: 'ghcr.io/astral-sh/uv', version: '0.8.4' }]);
    expect(lineRefs("    image: 'localhost:5000/app:1.2@sha256:" + 'a'.repeat(64) + "'")).toMatchObject([{ kind: 'image', name: 'localhost:5000/app', version: `1.2@sha256:${'a'.repeat(64)}` }]);
    expect(lineRefs('      - uses: actions/checkout@v4')).toMatchObject([{ kind: 'action', name: 'actions/checkout', version: 'v4' }]);
    expect(lineRefs(`      - uses: actions/checkout@${SHA1} # v4`)).toMatchObject([{ kind: 'action', name: 'actions/checkout', version: SHA1, tag: 'v4' }]);
    expect(lineRefs('      - uses: docker://alpine:3.20')).toMatchObject([{ kind: 'image', name: 'alpine', version: '3.20' }]);
    expect(lineRefs('      - uses: ./local-action')).toEqual([]);
    expect(lineRefs('    retries: 5')).toEqual([]);
  });

  it('splitImage keeps a registry port in the name', () => {
    expect(splitImage('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', version: '' });
    expect(splitImage('postgres@sha256:abc')).toEqual({ name: 'postgres', version: '@sha256:abc' });
  });
});

describe('versionDiff', () => {
  it('reports a changed image tag, action ref and pinned SHA with their lines', () => {
    const expected = ['services:', '  db:', '    image: postgres:16', 'steps:', '  - uses: actions/checkout@v4', `  - uses: actions/setup-node@${SHA1} # v4`, ''].join('\n');
    const actual = expected.replace('postgres:16', 'postgres:17').replace('checkout@v4', 'checkout@v5').replace(SHA1, SHA2);
    expect(versionDiff('f.yml', expected, actual)).toEqual({
      changes: [
        { file: 'f.yml', line: 3, kind: 'image', name: 'postgres', from: '16', to: '17' },
        { file: 'f.yml', line: 5, kind: 'action', name: 'actions/checkout', from: 'v4', to: 'v5' },
        { file: 'f.yml', line: 6, kind: 'action', name: 'actions/setup-node', from: SHA1, to: SHA2, fromTag: 'v4', toTag: 'v4' },
      ],
    });
  });

  it('refuses anything more than a version: another image, another key, an added line, a comment-only change', () => {
    expect(versionDiff('c', 'image: postgres:16\n', 'image: mysql:8\n')).toEqual({ reason: 'line 1: the image changed (postgres → mysql), not only its version' });
    expect(versionDiff('c', 'retries: 5\n', 'retries: 9\n')).toMatchObject({ reason: expect.stringContaining('line 1 differs in more than a version') });
    expect(versionDiff('c', 'image: postgres:16\n', 'image: postgres:17\nx: 1\n')).toMatchObject({ reason: expect.stringContaining('lines were added or removed') });
    expect(versionDiff('c', '- uses: a/b@v4 # x\n', '- uses: a/b@v5\n')).toMatchObject({ reason: expect.stringContaining('SHA pin comment of a/b was added or removed') });
    expect(versionDiff('c', `- uses: a/b@${SHA1} # v4\n`, `- uses: a/b@${SHA1} # v5\n`)).toMatchObject({ reason: expect.stringContaining('only the comment') });
    expect(versionDiff('c', 'FROM node:22 AS a\n', 'FROM node:24 AS b\n')).toMatchObject({ reason: expect.stringContaining('more than a version') });
  });

  it('reads CRLF line ends on disk as the same lines', () => {
    expect(versionDiff('c', 'a: 1\nimage: x:1\n', 'a: 1\r\nimage: x:2\r\n')).toEqual({ changes: [{ file: 'c', line: 2, kind: 'image', name: 'x', from: '1', to: '2' }] });
  });
});
