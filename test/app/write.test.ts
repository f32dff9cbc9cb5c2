import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDrift, MANIFEST_PATH, readManifest, write, WriteError } from '../../src/app/write.js';
import { MARKER } from '../../src/core/yaml.js';
import { BLOCK_BEGIN, BLOCK_END, gitignoreKind } from '../../src/app/gitignore.js';

const marked = (body: string) => `# ${MARKER}\n${body}`;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'devstack-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const result = (files: Record<string, string>) => ({ files, issues: [] });

describe('write', () => {
  it('creates files and a manifest with hashes, and leaves unchanged files untouched', () => {
    const r = result({ 'compose.yaml': marked('services: {}\n'), 'backend/Dockerfile': marked('FROM alpine:3.20\n') });
    const first = write(r, dir);
    expect(first.created).toEqual(['compose.yaml', 'backend/Dockerfile']);
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_PATH), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['backend/Dockerfile', 'compose.yaml']);
    expect(manifest.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const before = statSync(join(dir, 'compose.yaml'), { bigint: true }).mtimeNs;
    const second = write(r, dir);
    expect(second.unchanged).toEqual(['compose.yaml', 'backend/Dockerfile']);
    expect(second.created).toEqual([]);
    expect(statSync(join(dir, 'compose.yaml'), { bigint: true }).mtimeNs).toBe(before);
  });

  it('updates generated files and removes ones the config no longer produces, with empty folders', () => {
    write(result({ 'a.yaml': marked('a: 1\n'), '.github/workflows/ci.yml': marked('name: CI\n') }), dir);
    const report = write(result({ 'a.yaml': marked('a: 2\n') }), dir);
    expect(report.updated).toEqual(['a.yaml']);
    expect(report.deleted).toEqual(['.github/workflows/ci.yml']);
    expect(existsSync(join(dir, '.github'))).toBe(false);
    expect(readManifest(dir).manifest.files.map((f) => f.path)).toEqual(['a.yaml']);
  });

  it('never overwrites a hand-written file without force, and writes nothing at all then', () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  mine: {}\n');
    const r = result({ 'Dockerfile': marked('FROM alpine:3.20\n'), 'compose.yaml': marked('services: {}\n') });
    expect(() => write(r, dir)).toThrow(WriteError);
    try {
      write(r, dir);
    } catch (e) {
      expect((e as WriteError).issues.map((i) => [i.code, i.file])).toEqual([['app/hand-written-file', 'compose.yaml']]);
    }
    expect(existsSync(join(dir, 'Dockerfile'))).toBe(false);
    expect(existsSync(join(dir, MANIFEST_PATH))).toBe(false);
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe('services:\n  mine: {}\n');
    write(r, dir, { force: true });
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(marked('services: {}\n'));
  });

  it('keeps a stale file whose marker was removed (taken over by hand), with a warning', () => {
    write(result({ 'a.yaml': marked('a: 1\n'), 'b.yaml': marked('b: 1\n') }), dir);
    writeFileSync(join(dir, 'b.yaml'), 'b: mine\n');
    const report = write(result({ 'a.yaml': marked('a: 1\n') }), dir);
    expect(report.deleted).toEqual([]);
    expect(report.issues.map((i) => i.code)).toEqual(['app/stale-file-kept']);
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe('b: mine\n');
  });

  it('refuses to overwrite a generated file whose marker was removed', () => {
    write(result({ 'a.yaml': marked('a: 1\n') }), dir);
    writeFileSync(join(dir, 'a.yaml'), 'a: taken over\n');
    expect(() => write(result({ 'a.yaml': marked('a: 2\n') }), dir)).toThrow(/app\/marker-removed/);
  });

  it('overwrites a generated file that was edited by hand (marker still there)', () => {
    write(result({ 'a.yaml': marked('a: 1\n') }), dir);
    writeFileSync(join(dir, 'a.yaml'), marked('a: edited\n'));
    expect(write(result({ 'a.yaml': marked('a: 1\n') }), dir).updated).toEqual(['a.yaml']);
  });

  it('leaves no temporary files behind', () => {
    write(result({ 'x/y/z.yaml': marked('z: 1\n') }), dir);
    expect(readdirSync(join(dir, 'x/y'))).toEqual(['z.yaml']);
    expect(readdirSync(join(dir, '.devstack'))).toEqual(['manifest.json']);
  });

  it('rebuilds an unreadable manifest with a warning', () => {
    mkdirSync(join(dir, '.devstack'));
    writeFileSync(join(dir, MANIFEST_PATH), '{not json');
    const report = write(result({ 'a.yaml': marked('a: 1\n') }), dir);
    expect(report.issues.map((i) => i.code)).toEqual(['app/invalid-manifest']);
    expect(readManifest(dir).manifest.files).toHaveLength(1);
  });

  it('ignores manifest entries that point outside the folder', () => {
    mkdirSync(join(dir, '.devstack'));
    writeFileSync(join(dir, MANIFEST_PATH), JSON.stringify({ generator: 'devstack-kit', version: 1, files: [{ path: '../evil', sha256: 'x' }] }));
    expect(readManifest(dir).manifest.files).toEqual([]);
  });
});

describe('checkDrift', () => {
  it('is empty when everything matches', () => {
    const r = result({ 'a.yaml': marked('a: 1\n') });
    write(r, dir);
    expect(checkDrift(r, dir)).toEqual([]);
  });

  it('reports missing, changed and stale files with unified diffs, and writes nothing', () => {
    write(result({ 'a.yaml': marked('a: 1\n'), 'old.yaml': marked('old: 1\n') }), dir);
    writeFileSync(join(dir, 'a.yaml'), marked('a: 1\nb: 2\n'));
    const drift = checkDrift(result({ 'a.yaml': marked('a: 1\n'), 'new.yaml': marked('n: 1\n') }), dir);
    expect(drift.map((d) => [d.path, d.kind])).toEqual([
      ['a.yaml', 'changed'],
      ['new.yaml', 'missing'],
      ['old.yaml', 'stale'],
    ]);
    expect(drift[0]!.diff).toContain('-b: 2');
    expect(drift[0]!.diff).toContain('--- a.yaml (on disk)');
    expect(existsSync(join(dir, 'new.yaml'))).toBe(false);
  });
});

describe('managed blocks (.gitignore)', () => {
  const block = (...lines: string[]) => gitignoreKind.mark(gitignoreKind.render({ patterns: lines }));
  const withGitignore = (...lines: string[]) => ({ files: { '.gitignore': block(...lines) }, blocks: ['.gitignore'], issues: [] });

  it('adds the block to a hand-written .gitignore and leaves the rest alone', () => {
    writeFileSync(join(dir, '.gitignore'), 'node_modules\ndist/\n');
    expect(write(withGitignore('.env'), dir).updated).toEqual(['.gitignore']);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`node_modules\ndist/\n\n${BLOCK_BEGIN}\n.env\n${BLOCK_END}\n`);
    expect(write(withGitignore('.env'), dir).unchanged).toEqual(['.gitignore']);
    expect(checkDrift(withGitignore('.env'), dir)).toEqual([]);
  });

  it('replaces the block in place, keeping the lines after it', () => {
    writeFileSync(join(dir, '.gitignore'), `a\n\n${BLOCK_BEGIN}\n.env\n${BLOCK_END}\nb\n`);
    write(withGitignore('.env', '.cache/'), dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`a\n\n${BLOCK_BEGIN}\n.env\n.cache/\n${BLOCK_END}\nb\n`);
  });

  it('creates the file when there is none, and removes the block (and a file left empty) when the config drops it', () => {
    write(withGitignore('.env'), dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(block('.env'));
    expect(readManifest(dir).manifest.files).toEqual([{ path: '.gitignore', sha256: expect.any(String), block: true }]);
    writeFileSync(join(dir, '.gitignore'), `mine\n\n${block('.env')}`);
    expect(checkDrift({ files: {}, issues: [] }, dir).map((d) => d.kind)).toEqual(['stale']);
    write({ files: {}, issues: [] }, dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('mine\n');
    write(withGitignore('.env'), dir);
    writeFileSync(join(dir, '.gitignore'), block('.env'));
    expect(write({ files: {}, issues: [] }, dir).deleted).toEqual(['.gitignore']);
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
  });

  it('refuses to guess when the markers are not paired', () => {
    writeFileSync(join(dir, '.gitignore'), `a\n${BLOCK_BEGIN}\n.env\n`);
    expect(() => write(withGitignore('.env'), dir)).toThrow(/gitignore\/unclosed-block/);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`a\n${BLOCK_BEGIN}\n.env\n`);
  });
});
