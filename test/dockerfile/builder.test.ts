import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { Dockerfile, Dockerignore, dockerignorePresets, image, isImageRef, parseDockerfile, StageBuilder } from '../../src/dockerfile/index.js';
import { dockerfileProblems, dockerignoreProblems } from '../helpers/oracles/dockerfile.js';

const base = Dockerfile.create().syntax('docker/dockerfile:1').stage('deps', 'node:22-slim', (s) => s.workdir('/app').copy(['package.json', 'package-lock.json'], './').run('npm ci'));

describe('Dockerfile builder', () => {
  it('is immutable: a base forks into variants without affecting it', () => {
    const before = base.toString();
    const dev = base.stage('dev', 'deps', (s) => s.copy('.', '.').user('node').cmd(['npm', 'run', 'dev']));
    const prod = base.from('node:22-slim', (s) => s.copyFrom('deps', '/app/node_modules', '/app/node_modules').user('node').cmd(['node', 'server.js']));
    expect(base.toString()).toBe(before);
    expect(dev.stageNames).toEqual(['deps', 'dev']);
    expect(prod.stageNames).toEqual(['deps']);
    for (const d of [base, dev, prod]) expect(dockerfileProblems(d.toString())).toEqual([]);
    const model = base.toModel();
    expect(() => (model.stages as unknown[]).push({ from: 'x:1', instructions: [] })).toThrow(TypeError);
    expect(() => { (model.stages[0]!.instructions[0] as { path: string }).path = '/x'; }).toThrow(TypeError);
    expect(base.toModel().stages).toHaveLength(1);
    // a model handed to fromModel stays the caller's to change
    const plain = { stages: [{ from: 'alpine:3.20', instructions: [{ kind: 'user' as const, user: 'a' }] }] };
    const wrapped = Dockerfile.fromModel(plain);
    plain.stages[0]!.instructions[0]!.user = 'b';
    expect(wrapped.toString()).toBe('FROM alpine:3.20\nUSER a\n');
  });

  it('brands its values (works across copies of the package)', () => {
    expect(Dockerfile.isDockerfile(base)).toBe(true);
    expect(Dockerfile.isDockerfile({})).toBe(false);
    expect(Dockerfile.isDockerfile({ [Symbol.for('devstack-kit.Dockerfile')]: true })).toBe(true);
    expect(Dockerignore.isDockerignore(Dockerignore.create())).toBe(true);
    expect(isImageRef(image('nginx:1.27'))).toBe(true);
    expect(isImageRef('nginx:1.27')).toBe(false);
  });

  it('misuse throws a UsageError at once', () => {
    expect(() => base.stage('deps' as never, 'node:22-slim')).toThrow(UsageError);
    expect(() => Dockerfile.create().stage('1bad', 'alpine:3.20')).toThrow(/stage name/);
    expect(() => base.escape('`')).toThrow(UsageError);
    expect(() => base.arg('LATE')).toThrow(/before the first stage/);
    expect(() => Dockerfile.create().from('alpine:3.20', (s) => s.run(''))).toThrow(/empty/);
    expect(() => Dockerfile.create().from('alpine:3.20', (s) => s.cmd([]))).toThrow(/empty list/);
    expect(() => Dockerfile.create().from('alpine:3.20', (s) => s.onbuild((o) => o.comment('x')))).toThrow(/ONBUILD/);
    expect(() => image('has space')).toThrow(UsageError);
  });

  it('$if, $call and $raw', () => {
    const nonRoot = (s: StageBuilder<'deps'>) => s.run('useradd --create-home app').user('app');
    const df = base.from('node:22-slim', (s) => s.$call(nonRoot).$if(false, (x) => x.run('never')).$if(true, (x) => x.$raw('RUN --device=nvidia.com/gpu=all nvidia-smi')));
    const text = df.toString();
    // the raw line is the only thing the oracles object to (a flag the model does not know)
    expect(dockerfileProblems(text)).toEqual([expect.stringContaining('RUN has unknown flag --device')]);
    expect(text).toContain('USER app\nRUN --device=nvidia.com/gpu=all nvidia-smi\n');
    expect(text).not.toContain('never');
    const checked = base.$if(true, (d) => d.check('error=true')).toString();
    expect(checked).toContain('# check=error=true');
    expect(dockerfileProblems(checked)).toEqual([]);
    expect(base.$call((d) => d.from('alpine:3.20')).toModel().stages).toHaveLength(2);
    const back = parseDockerfile(text);
    expect(back.issues.map((i) => i.code)).toEqual(['docker/raw-instruction']);
  });

  it('comments: before a stage, inside a stage, at the end', () => {
    const df = Dockerfile.create().comment('global args').arg('V', '1').comment('the build').stage('b', 'alpine:3.20', (s) => s.comment('step').run('true')).comment('trailing');
    const text = df.toString();
    expect(text).toBe('# global args\nARG V=1\n# the build\nFROM alpine:3.20 AS b\n# step\nRUN true\n# trailing\n');
    expect(dockerfileProblems(text)).toEqual([]);
    expect(parseDockerfile(text).model).toEqual(df.toModel());
  });

  it('carries an optional .dockerignore', () => {
    expect(base.dockerignoreModel()).toBeUndefined();
    const withPreset = base.dockerignore(dockerignorePresets.node());
    expect(withPreset.dockerignoreModel()).toEqual(dockerignorePresets.node().toModel());
    expect(base.dockerignore((d) => d.ignore('.git')).dockerignoreModel()).toEqual({ entries: [{ kind: 'ignore', pattern: '.git' }] });
    expect(base.dockerignore({ entries: [] }).dockerignoreModel()).toEqual({ entries: [] });
    expect(withPreset.toString()).toBe(base.toString());
    expect(dockerfileProblems(withPreset.toString())).toEqual([]);
  });

  it('Dockerfile.parse → builder → toString keeps the file', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM node:22-slim AS deps\nRUN npm ci\n\nFROM deps\nUSER node\n';
    const df = Dockerfile.parse(text);
    expect(df.toString()).toBe(text);
    expect(dockerfileProblems(df.toString())).toEqual([]);
    const more = df.from('alpine:3.20', (s) => s.copyFrom('deps', '/a', '/b').user('nobody'));
    expect(more.stageNames).toEqual(['deps']);
    expect(dockerfileProblems(more.toString())).toEqual([]);
  });
});

describe('Dockerignore builder and presets', () => {
  it('seed holds the brief\'s defaults', () => {
    const text = dockerignorePresets.seed().toString();
    for (const p of ['__pycache__', '.git', 'node_modules', '.env']) expect(text).toMatch(new RegExp(`^(\\*\\*/)?${p.replace('.', '\\.')}$`, 'm'));
    expect(dockerignoreProblems(text, { ignored: ['.git/HEAD', 'pkg/__pycache__/a.pyc', '__pycache__/a.pyc', 'node_modules/x', '.env'], kept: ['src/main.py', 'Dockerfile'] })).toEqual([]);
  });

  it('python and node presets ignore what they should and keep .env.example', () => {
    expect(dockerignoreProblems(dockerignorePresets.python().toString(), { ignored: ['.venv/bin/python', 'a/b.pyc', '.pytest_cache/x', '.env.local'], kept: ['.env.example', 'app/main.py', 'uv.lock'] })).toEqual([]);
    expect(dockerignoreProblems(dockerignorePresets.node().toString(), { ignored: ['node_modules/a', 'coverage/lcov.info', 'npm-debug.log.1', '.env.production'], kept: ['.env.example', 'src/index.ts', 'package-lock.json'] })).toEqual([]);
  });

  it('is immutable and merges without repeating patterns', () => {
    const a = Dockerignore.create().ignore('.git');
    const b = a.ignore('dist').except('dist/keep.txt');
    expect(a.toString()).toBe('.git\n');
    expect(b.toString()).toBe('.git\ndist\n!dist/keep.txt\n');
    expect(a.merge(b).toString()).toBe('.git\ndist\n!dist/keep.txt\n');
    expect(Dockerignore.parse(b.toString()).toModel()).toEqual(b.toModel());
    expect(() => Dockerignore.create().ignore('')).toThrow(UsageError);
    expect(a.$if(true, (d) => d.comment('x')).$call((d) => d.blank()).toString()).toBe('.git\n# x\n\n');
  });
});

describe('Dockerignore.merge of overlapping presets', () => {
  it('adds no repeated comments and no dangling comments or blank lines', () => {
    const merged = dockerignorePresets.python().merge(dockerignorePresets.seed());
    expect(merged.toString()).toBe(dockerignorePresets.python().toString());
    const both = dockerignorePresets.python().merge(dockerignorePresets.node());
    const text = both.toString();
    expect(text.match(/# Version control and local secrets/g)).toHaveLength(1);
    expect(text).toContain('# Node\n');
    expect(text.endsWith('\n\n')).toBe(false);
  });
});
