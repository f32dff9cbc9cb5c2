import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDrift, checkFiles, contentHash, MANIFEST_PATH, readManifest, write, WriteError } from '../../src/app/write.js';
import { MARKER } from '../../src/core/yaml.js';
import { BLOCK_BEGIN, BLOCK_END, gitignoreKind } from '../../src/app/gitignore.js';

const marked = (body: string) => `# ${MARKER}\n${body}`;
let dir: string;
/** A folder outside the project, for links that lead out of it. */
let outside: string;
/** Paths made immutable by a test: the flag is removed again before the folders are. */
const immutable: string[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'devstack-write-'));
  outside = mkdtempSync(join(tmpdir(), 'devstack-outside-'));
});
afterEach(() => {
  for (const path of immutable.splice(0)) execFileSync('chattr', ['-i', path]);
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const result = (files: Record<string, string>) => ({ files, issues: [] });

/** The codes and files of the WriteError `run` throws (fails the test when it throws nothing else). */
function codesOf(run: () => unknown): [string, string | undefined][] {
  try {
    run();
  } catch (e) {
    if (!(e instanceof WriteError)) throw e;
    return e.issues.map((i) => [i.code, i.file]);
  }
  throw new Error('expected a WriteError, but nothing was thrown');
}

/** Whether `chattr +i` works here (it needs root and a file system with the flag, like ext4). */
const chattrProblem = ((): string | undefined => {
  const probeDir = mkdtempSync(join(tmpdir(), 'devstack-chattr-'));
  const probe = join(probeDir, 'probe');
  writeFileSync(probe, 'x');
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'pipe' });
    execFileSync('chattr', ['-i', probe], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  } finally {
    rmSync(probeDir, { recursive: true, force: true });
  }
})();
if (chattrProblem) console.warn(`skipping the immutable-file tests: chattr +i does not work here (${chattrProblem})`);
const itImmutable = chattrProblem ? it.skip : it;
const makeImmutable = (path: string): void => {
  execFileSync('chattr', ['+i', path]);
  immutable.push(path);
};

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

  it('refuses a generated file edited by hand (marker kept, hash changed) without force, shows it in the check, and overwrites it with force', () => {
    write(result({ 'a.yaml': marked('a: 1\n'), 'b.yaml': marked('b: 1\n') }), dir);
    writeFileSync(join(dir, 'a.yaml'), marked('a: edited\n'));
    const next = result({ 'a.yaml': marked('a: 2\n'), 'b.yaml': marked('b: 2\n') });
    expect(codesOf(() => write(next, dir))).toEqual([['app/edited-generated-file', 'a.yaml']]);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(marked('a: edited\n'));
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toBe(marked('b: 1\n'));
    const drift = checkFiles(next, dir).drift;
    expect(drift.map((d) => [d.path, d.kind, d.issue?.code])).toEqual([
      ['a.yaml', 'changed', 'app/edited-generated-file'],
      ['b.yaml', 'changed', undefined],
    ]);
    expect(drift[0]!.diff).toContain('-a: edited');
    expect(write(next, dir, { force: true }).updated).toEqual(['a.yaml', 'b.yaml']);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(marked('a: 2\n'));
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

  it('ignores manifest entries that point outside the folder, and reports them', () => {
    mkdirSync(join(dir, '.devstack'));
    writeFileSync(join(dir, MANIFEST_PATH), JSON.stringify({ generator: 'devstack-kit', version: 1, files: [{ path: '../evil', sha256: 'x' }, { path: 'ok\u0000.yaml', sha256: 'a'.repeat(64) }, { path: '../evil2', sha256: 'b'.repeat(64) }] }));
    const read = readManifest(dir);
    expect(read.manifest.files).toEqual([]);
    expect(read.issues.map((i) => i.code)).toEqual(['app/unsafe-manifest-entry', 'app/unsafe-manifest-entry', 'app/unsafe-manifest-entry']);
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
    expect(drift[0]!.diff).toContain('diff --git a/a.yaml b/a.yaml\n--- a/a.yaml\n+++ b/a.yaml\n');
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

  it('reads a .gitignore with CRLF line endings: finds its block, replaces it in place, and keeps CRLF', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    writeFileSync(join(dir, '.gitignore'), crlf(`node_modules\n\n${block('.env')}dist/\n`));
    expect(write(withGitignore('.env'), dir).unchanged).toEqual(['.gitignore']);
    expect(checkDrift(withGitignore('.env'), dir)).toEqual([]);
    write(withGitignore('.env', '.cache/'), dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(crlf(`node_modules\n\n${block('.env', '.cache/')}dist/\n`));
    expect(gitignoreKind.parse(readFileSync(join(dir, '.gitignore'), 'utf8')).model).toEqual({ patterns: ['.env', '.cache/'] });
    write({ files: {}, issues: [] }, dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(crlf('node_modules\ndist/\n'));
  });

  it('refuses a block edited by hand (hash changed) without force, and keeps it when the config drops it', () => {
    write(withGitignore('.env'), dir);
    writeFileSync(join(dir, '.gitignore'), `mine\n\n${block('.env', 'secrets/')}`);
    expect(codesOf(() => write(withGitignore('.env', '.cache/'), dir))).toEqual([['app/edited-generated-file', '.gitignore']]);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`mine\n\n${block('.env', 'secrets/')}`);
    const kept = write({ files: {}, issues: [] }, dir);
    expect(kept.issues.map((i) => [i.code, i.file])).toEqual([['app/stale-file-kept', '.gitignore']]);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`mine\n\n${block('.env', 'secrets/')}`);
    write(withGitignore('.env', '.cache/'), dir, { force: true });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`mine\n\n${block('.env', '.cache/')}`);
  });

  it('refuses to guess when the markers are not paired', () => {
    writeFileSync(join(dir, '.gitignore'), `a\n${BLOCK_BEGIN}\n.env\n`);
    expect(() => write(withGitignore('.env'), dir)).toThrow(/gitignore\/unclosed-block/);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`a\n${BLOCK_BEGIN}\n.env\n`);
  });
});

describe('the file system: untrusted trees and manifests', () => {
  it('refuses a symlinked output folder that leads outside, with or without force, and writes nothing', () => {
    symlinkSync(outside, join(dir, 'out'));
    const r = result({ 'a.yaml': marked('a: 1\n'), 'out/x.yaml': marked('x: 1\n') });
    for (const force of [false, true]) expect(codesOf(() => write(r, dir, { force }))).toEqual([['app/path-outside-project', 'out/x.yaml']]);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(dir, 'a.yaml'))).toBe(false);
    expect(existsSync(join(dir, '.devstack'))).toBe(false);
    expect(checkFiles(r, dir).drift.map((d) => [d.path, d.issue?.code])).toEqual([
      ['out/x.yaml', 'app/path-outside-project'],
      ['a.yaml', undefined],
    ]);
  });

  it('refuses a symlinked folder deeper down that leads outside, and follows one that stays inside', () => {
    mkdirSync(join(dir, 'deploy'));
    symlinkSync(outside, join(dir, 'deploy', 'k8s'));
    expect(codesOf(() => write(result({ 'deploy/k8s/a/b.yaml': marked('b: 1\n') }), dir))).toEqual([['app/path-outside-project', 'deploy/k8s/a/b.yaml']]);
    expect(readdirSync(outside)).toEqual([]);
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    write(result({ 'alias/x.yaml': marked('x: 1\n') }), dir);
    expect(readFileSync(join(dir, 'real', 'x.yaml'), 'utf8')).toBe(marked('x: 1\n'));
    expect(lstatSync(join(dir, 'alias')).isSymbolicLink()).toBe(true);
  });

  it('refuses a symbolic link where a generated file goes, even when it points at a generated file outside', () => {
    writeFileSync(join(outside, 'target.yaml'), marked('t: 1\n'));
    symlinkSync(join(outside, 'target.yaml'), join(dir, 'a.yaml'));
    expect(codesOf(() => write(result({ 'a.yaml': marked('a: 1\n') }), dir, { force: true }))).toEqual([['app/not-a-regular-file', 'a.yaml']]);
    expect(lstatSync(join(dir, 'a.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(outside, 'target.yaml'), 'utf8')).toBe(marked('t: 1\n'));
  });

  it('deletes a manifest entry only when it is a regular file inside, marked, with the recorded hash; anything else is reported and left alone, force included', () => {
    // what an adversarial commit can set up: each file carries the marker and the hash the manifest records
    const bait = marked('bait: 1\n');
    writeFileSync(join(dir, 'devstack.config.ts'), bait);
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'main.ts'), 'console.log(1);\n');
    writeFileSync(join(outside, 'secret.txt'), bait);
    symlinkSync(outside, join(dir, 'linked'));
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.yaml'));
    mkdirSync(join(dir, 'folder.yaml'));
    writeFileSync(join(dir, 'edited.yaml'), marked('edited: by hand\n'));
    writeFileSync(join(dir, 'old.yaml'), bait);
    writeFileSync(join(dir, 'crlf.yaml'), bait.replace(/\n/g, '\r\n'));
    mkdirSync(join(dir, '.devstack'));
    const entry = (path: string, sha256 = contentHash(bait)) => ({ path, sha256 });
    const entries = ['devstack.config.ts', 'src/main.ts', 'linked/secret.txt', 'link.yaml', 'folder.yaml', 'edited.yaml', 'old.yaml', 'crlf.yaml', '.devstack/manifest.json', 'gone.yaml'].map((p) => entry(p));
    writeFileSync(join(dir, MANIFEST_PATH), JSON.stringify({ generator: 'devstack-kit', version: 1, files: [...entries, entry('src/main.ts', contentHash('console.log(1);\n'))] }));
    const r = result({ 'a.yaml': marked('a: 1\n') });

    const check = checkFiles(r, dir, { configFile: 'devstack.config.ts' });
    expect(check.drift.filter((d) => d.kind === 'stale').map((d) => d.path)).toEqual(['old.yaml', 'crlf.yaml']);
    const report = write(r, dir, { force: true, configFile: join(dir, 'devstack.config.ts') });
    expect(report.deleted).toEqual(['old.yaml', 'crlf.yaml']);
    expect(report.issues.map((i) => [i.code, i.file])).toEqual([
      ['app/unsafe-manifest-entry', 'devstack.config.ts'],
      ['app/stale-file-kept', 'src/main.ts'],
      ['app/unsafe-manifest-entry', 'linked/secret.txt'],
      ['app/unsafe-manifest-entry', 'link.yaml'],
      ['app/unsafe-manifest-entry', 'folder.yaml'],
      ['app/stale-file-kept', 'edited.yaml'],
      ['app/unsafe-manifest-entry', '.devstack/manifest.json'],
    ]);
    expect(check.issues.map((i) => [i.code, i.file])).toEqual(report.issues.map((i) => [i.code, i.file]));
    expect(readFileSync(join(dir, 'devstack.config.ts'), 'utf8')).toBe(bait);
    expect(readFileSync(join(dir, 'src', 'main.ts'), 'utf8')).toBe('console.log(1);\n');
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe(bait);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(statSync(join(dir, 'folder.yaml')).isDirectory()).toBe(true);
    expect(readFileSync(join(dir, 'edited.yaml'), 'utf8')).toBe(marked('edited: by hand\n'));
    expect(existsSync(join(dir, 'old.yaml'))).toBe(false);
    expect(readManifest(dir).manifest.files.map((f) => f.path)).toEqual(['a.yaml']);
  });

  it('never writes the config file or into .devstack/, force included', () => {
    writeFileSync(join(dir, 'devstack.config.ts'), 'export default app;\n');
    const r = result({ 'devstack.config.ts': marked('x: 1\n'), '.devstack/extra.json': marked('{}\n'), 'a.yaml': marked('a: 1\n') });
    expect(codesOf(() => write(r, dir, { force: true, configFile: 'devstack.config.ts' }))).toEqual([
      ['app/reserved-path', 'devstack.config.ts'],
      ['app/reserved-path', '.devstack/extra.json'],
    ]);
    expect(readFileSync(join(dir, 'devstack.config.ts'), 'utf8')).toBe('export default app;\n');
    expect(existsSync(join(dir, 'a.yaml'))).toBe(false);
    // nor into .devstack/ through a link that stays inside the project
    write(result({ 'a.yaml': marked('a: 1\n') }), dir);
    symlinkSync('.devstack', join(dir, 'alias'));
    const manifest = readFileSync(join(dir, MANIFEST_PATH), 'utf8');
    expect(codesOf(() => write(result({ 'a.yaml': marked('a: 1\n'), 'alias/manifest.json': marked('{}\n') }), dir, { force: true }))).toEqual([['app/reserved-path', 'alias/manifest.json']]);
    expect(readFileSync(join(dir, MANIFEST_PATH), 'utf8')).toBe(manifest);
  });

  it('a CRLF copy of a generated file is not an edit (updated without force, deleted when stale), but outside git nothing explains its line endings, so it is drift', () => {
    write(result({ 'a.yaml': marked('a: 1\n'), 'b.yaml': marked('b: 1\n') }), dir);
    for (const f of ['a.yaml', 'b.yaml']) writeFileSync(join(dir, f), readFileSync(join(dir, f), 'utf8').replace(/\n/g, '\r\n'));
    const check = checkFiles(result({ 'a.yaml': marked('a: 1\n'), 'b.yaml': marked('b: 1\n') }), dir);
    expect(check.drift.map((d) => [d.path, d.kind, d.issue])).toEqual([
      ['a.yaml', 'changed', undefined],
      ['b.yaml', 'changed', undefined],
    ]);
    expect(check.issues.map((i) => [i.code, i.severity, i.file])).toEqual([
      ['app/line-endings-differ', 'warning', 'a.yaml'],
      ['app/line-endings-differ', 'warning', 'b.yaml'],
    ]);
    const report = write(result({ 'a.yaml': marked('a: 2\n') }), dir);
    expect(report.updated).toEqual(['a.yaml']);
    expect(report.deleted).toEqual(['b.yaml']);
  });

  it('checks every target before writing anything: a folder where a file goes, a file where a folder goes, .devstack as a file', () => {
    mkdirSync(join(dir, 'b.yaml'));
    writeFileSync(join(dir, 'backend'), 'a file\n');
    // a named pipe is never opened (reading one would wait forever)
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const r = result({ 'a.yaml': marked('a: 1\n'), 'b.yaml': marked('b: 1\n'), 'backend/Dockerfile': marked('FROM alpine:3.20\n'), 'pipe.yaml': marked('p: 1\n') });
    expect(codesOf(() => write(r, dir, { force: true }))).toEqual([
      ['app/not-a-regular-file', 'b.yaml'],
      ['app/not-a-regular-file', 'backend/Dockerfile'],
      ['app/not-a-regular-file', 'pipe.yaml'],
    ]);
    const messages = checkFiles(r, dir).drift.flatMap((d) => (d.issue ? [d.issue.message] : []));
    expect(messages).toEqual([
      'expected a regular file (or nothing), received a folder',
      'expected "backend" to be a folder, received a regular file',
      'expected a regular file (or nothing), received a named pipe',
    ]);
    rmSync(join(dir, 'pipe.yaml'));
    expect(existsSync(join(dir, 'a.yaml'))).toBe(false);
    expect(existsSync(join(dir, '.devstack'))).toBe(false);

    rmSync(join(dir, 'b.yaml'), { recursive: true });
    writeFileSync(join(dir, '.devstack'), 'not a folder\n');
    expect(codesOf(() => write(result({ 'a.yaml': marked('a: 1\n') }), dir))).toEqual([['app/not-a-regular-file', MANIFEST_PATH]]);
    expect(existsSync(join(dir, 'a.yaml'))).toBe(false);
    expect(readFileSync(join(dir, '.devstack'), 'utf8')).toBe('not a folder\n');
  });

  itImmutable('checks every target before writing anything: an immutable file or folder stops synth with nothing written', () => {
    write(result({ 'a.yaml': marked('a: 1\n'), 'b.yaml': marked('b: 1\n'), 'old.yaml': marked('old: 1\n') }), dir);
    makeImmutable(join(dir, 'b.yaml'));
    mkdirSync(join(dir, 'locked'));
    makeImmutable(join(dir, 'locked'));
    const r = result({ 'a.yaml': marked('a: 2\n'), 'b.yaml': marked('b: 2\n'), 'locked/c.yaml': marked('c: 1\n'), 'old.yaml': marked('old: 1\n') });
    expect(codesOf(() => write(r, dir, { force: true }))).toEqual([
      ['app/target-not-writable', 'b.yaml'],
      ['app/target-not-writable', 'locked/c.yaml'],
    ]);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(marked('a: 1\n'));
    makeImmutable(join(dir, 'old.yaml'));
    // stale files that cannot be deleted stop synth too
    expect(codesOf(() => write(result({ 'a.yaml': marked('a: 2\n') }), dir))).toEqual([
      ['app/target-not-writable', 'b.yaml'],
      ['app/target-not-writable', 'old.yaml'],
    ]);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(marked('a: 1\n'));
  });

  it('handles strange file names as plain names: spaces, unicode, and names of object properties', () => {
    const names = ['with space.yaml', 'ünï çødé.yaml', '-rf', 'constructor', '__proto__/x.yaml', 'toString'];
    write(result(Object.fromEntries(names.map((n) => [n, marked(`n: 1\n`)]))), dir);
    for (const n of names) expect(readFileSync(join(dir, n), 'utf8'), n).toBe(marked('n: 1\n'));
    const report = write(result({}), dir);
    expect([...report.deleted].sort()).toEqual([...names].sort());
    expect(readdirSync(dir)).toEqual(['.devstack']);
  });

  it('keeps the mode of a file it replaces', () => {
    write(result({ 'run.sh': marked('echo 1\n') }), dir);
    chmodSync(join(dir, 'run.sh'), 0o750);
    write(result({ 'run.sh': marked('echo 2\n') }), dir);
    expect(statSync(join(dir, 'run.sh')).mode & 0o7777).toBe(0o750);
  });

  it('creates temporary files exclusively with unpredictable names, never through a link, and cleans left-over ones', () => {
    // a link prepared at the name a predictable temporary file would get
    writeFileSync(join(outside, 'victim'), 'keep\n');
    symlinkSync(join(outside, 'victim'), join(dir, `a.yaml.devstack-tmp-${process.pid}`));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'b.yaml.devstack-tmp-0123abcd'), 'left over\n');
    writeFileSync(join(dir, 'sub', 'notes.devstack-tmp-0123abcd'), 'not ours\n');
    write(result({ 'a.yaml': marked('a: 1\n'), 'sub/b.yaml': marked('b: 1\n') }), dir);
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('keep\n');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(marked('a: 1\n'));
    expect(readdirSync(dir).sort()).toEqual(['.devstack', 'a.yaml', 'sub']);
    expect(readdirSync(join(dir, 'sub')).sort()).toEqual(['b.yaml', 'notes.devstack-tmp-0123abcd']);
  });
});

describe('CRLF line endings: unchanged only when git explains them', () => {
  const files = { 'a.yaml': marked('a: 1\n'), 'sub/b.yaml': marked('b: 1\n') };
  /** A git repository in `dir` with its own settings (they override the machine's), the files written, then turned to CRLF. */
  const checkout = (attributes: string | undefined, settings: { autocrlf: string; eol: string }) => {
    execFileSync('git', ['init', '-q', dir]);
    execFileSync('git', ['-C', dir, 'config', 'core.autocrlf', settings.autocrlf]);
    execFileSync('git', ['-C', dir, 'config', 'core.eol', settings.eol]);
    if (attributes !== undefined) writeFileSync(join(dir, '.gitattributes'), attributes);
    write(result(files), dir);
    for (const f of Object.keys(files)) writeFileSync(join(dir, f), files[f as keyof typeof files].replace(/\n/g, '\r\n'));
  };
  const cases: [string, string | undefined, { autocrlf: string; eol: string }, string | undefined][] = [
    ['.gitattributes eol=crlf', '*.yaml text eol=crlf\n', { autocrlf: 'false', eol: 'lf' }, '.gitattributes (eol=crlf)'],
    ['core.autocrlf=true', undefined, { autocrlf: 'true', eol: 'lf' }, 'core.autocrlf=true'],
    ['the text attribute with core.eol=crlf', '* text=auto\n', { autocrlf: 'false', eol: 'crlf' }, '.gitattributes (text=auto) with core.eol=crlf'],
    ['no attributes, core.autocrlf=false', undefined, { autocrlf: 'false', eol: 'lf' }, undefined],
    ['core.autocrlf=input (checks out as committed)', undefined, { autocrlf: 'input', eol: 'crlf' }, undefined],
    ['core.autocrlf=true, but -text', '*.yaml -text\n', { autocrlf: 'true', eol: 'lf' }, undefined],
    ['core.autocrlf=true, but eol=lf', '*.yaml eol=lf\n', { autocrlf: 'true', eol: 'lf' }, undefined],
    ['core.eol=crlf without the text attribute', undefined, { autocrlf: 'false', eol: 'crlf' }, undefined],
  ];
  it.each(cases)('%s', (_name, attributes, settings, reason) => {
    checkout(attributes, settings);
    const check = checkFiles(result(files), dir);
    if (reason !== undefined) {
      expect(check.drift).toEqual([]);
      expect(check.issues.map((i) => [i.code, i.severity, i.file])).toEqual([
        ['app/line-endings-from-git', 'info', 'a.yaml'],
        ['app/line-endings-from-git', 'info', 'sub/b.yaml'],
      ]);
      expect(check.issues[0]!.message).toContain(`(${reason})`);
      // synth leaves the files as git checked them out
      const report = write(result(files), dir);
      expect(report.unchanged).toEqual(['a.yaml', 'sub/b.yaml']);
      expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(files['a.yaml'].replace(/\n/g, '\r\n'));
    } else {
      expect(check.drift.map((d) => [d.path, d.kind])).toEqual([
        ['a.yaml', 'changed'],
        ['sub/b.yaml', 'changed'],
      ]);
      expect(check.issues.map((i) => [i.code, i.severity, i.file])).toEqual([
        ['app/line-endings-differ', 'warning', 'a.yaml'],
        ['app/line-endings-differ', 'warning', 'sub/b.yaml'],
      ]);
      // synth writes them with LF, without --force (a CRLF copy is not an edit)
      const report = write(result(files), dir);
      expect(report.updated).toEqual(['a.yaml', 'sub/b.yaml']);
      expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(files['a.yaml']);
    }
  });

  it('keeps result order when explained, unexplained and missing files mix', () => {
    checkout('a.yaml text eol=crlf\n', { autocrlf: 'false', eol: 'lf' });
    const next = { 'z.yaml': marked('z: 1\n'), ...files };
    const check = checkFiles(result(next), dir);
    expect(check.drift.map((d) => [d.path, d.kind])).toEqual([
      ['z.yaml', 'missing'],
      ['sub/b.yaml', 'changed'],
    ]);
    expect(write(result(next), dir)).toMatchObject({ created: ['z.yaml'], updated: ['sub/b.yaml'], unchanged: ['a.yaml'] });
  });
});
