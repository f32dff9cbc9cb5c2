import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readProjectFile, writeProjectFiles, WriteError } from '../../src/app/write.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'project-files-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const codes = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof WriteError) return e.issues.map((i) => `${i.file} ${i.code}`);
    throw e;
  }
  return [];
};

describe('writeProjectFiles: the writer init and eject use', () => {
  it('creates, updates (keeping the mode), deletes (with the folders left empty) and leaves unchanged files untouched', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'same'), 'x');
    writeFileSync(join(dir, 'run.sh'), 'old');
    chmodSync(join(dir, 'run.sh'), 0o755);
    mkdirSync(join(dir, '.devstack'));
    writeFileSync(join(dir, '.devstack/manifest.json'), '{}');
    const mtime = statSync(join(dir, 'same')).mtimeMs;
    const r = writeProjectFiles(dir, [
      { path: 'same', text: 'x' },
      { path: 'a/b/new', text: 'n' },
      { path: 'run.sh', text: 'new' },
      { path: '.devstack/manifest.json', text: undefined },
    ]);
    expect(r).toEqual({ created: ['a/b/new'], updated: ['run.sh'], deleted: ['.devstack/manifest.json'], unchanged: ['same'] });
    expect(statSync(join(dir, 'same')).mtimeMs).toBe(mtime);
    expect(readFileSync(join(dir, 'a/b/new'), 'utf8')).toBe('n');
    expect(statSync(join(dir, 'run.sh')).mode & 0o777).toBe(0o755);
    expect(existsSync(join(dir, '.devstack'))).toBe(false);
  });

  it('writes nothing when any target is unsafe: a link leading outside, a folder in place of the file, .devstack/', () => {
    const dir = tmp();
    const outside = tmp();
    symlinkSync(outside, join(dir, 'out'));
    mkdirSync(join(dir, 'package.json'));
    expect(codes(() => writeProjectFiles(dir, [
      { path: 'fine', text: 'x' },
      { path: 'out/evil', text: 'x' },
      { path: 'package.json', text: '{}' },
      { path: '.devstack/other', text: 'x' },
      { path: '../up', text: 'x' },
    ]))).toEqual(['out/evil app/path-outside-project', 'package.json app/not-a-regular-file', '.devstack/other app/reserved-path', '../up app/path-outside-project']);
    expect(existsSync(join(dir, 'fine'))).toBe(false);
    expect(existsSync(join(outside, 'evil'))).toBe(false);
  });

  it('readProjectFile: the text, undefined when absent, a WriteError for a link to a file outside', () => {
    const dir = tmp();
    const outside = tmp();
    writeFileSync(join(dir, 'a'), 'text');
    writeFileSync(join(outside, 'secret'), 's');
    symlinkSync(join(outside, 'secret'), join(dir, 'link'));
    expect(readProjectFile(dir, 'a')).toBe('text');
    expect(readProjectFile(dir, 'absent')).toBeUndefined();
    expect(codes(() => readProjectFile(dir, 'link'))).toEqual(['link app/not-a-regular-file']);
  });
});
