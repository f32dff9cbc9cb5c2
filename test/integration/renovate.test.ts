// The Renovate preset (renovate.json) tested with Renovate itself: renovate@39 (the last major that
// runs on Node 20) extracts dependencies offline (--platform=local --dry-run=extract) from copies of
// the examples and of a project that writes every kind of version the preset knows, in temporary git
// repositories. Every image and action version the configs write must be found, and nothing in the
// generated files (which `ignorePaths` leaves to `devstack synth`).
//
// Renovate is installed once into .tmp/renovate39 (about 70 s; git-ignored) and reused afterwards;
// each extraction takes 7–9 s. With --dry-run=extract the debug log lists what was found in its
// "Extracted dependencies" entry (a full run logs the same under "packageFiles with updates").
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textRefs } from '../../src/absorb/refs.js';
import { configSources, literalOccurrences, scanSource } from '../../src/absorb/source.js';
import { removeDir, repoTempDir, ROOT } from '../helpers/tmp.js';

const CACHE = join(ROOT, '.tmp', 'renovate39');
const RENOVATE = join(CACHE, 'node_modules', '.bin', 'renovate');
const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

beforeAll(() => {
  if (!existsSync(RENOVATE)) {
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(join(CACHE, 'package.json'), '{ "name": "renovate-cache", "private": true }\n');
    execFileSync('npm', ['install', '--omit=optional', '--no-audit', '--no-fund', 'renovate@39'], { cwd: CACHE, stdio: 'ignore' });
  }
  // without the optional re2 module Renovate first prints a warning (it uses RegExp instead)
  const version = execFileSync(RENOVATE, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop();
  expect(version).toMatch(/^39\./);
});

interface Dep {
  readonly depName: string;
  readonly currentValue?: string;
  readonly currentDigest?: string;
  readonly datasource?: string;
}

/** Runs Renovate's extraction on a folder (as a fresh git repository with the preset) and returns what it found, by manager. */
function extract(source: string): { deps: Dep[]; managers: Record<string, string[]> } {
  const repo = repoTempDir('renovate-repo');
  dirs.push(repo);
  cpSync(source, repo, { recursive: true });
  cpSync(join(ROOT, 'renovate.json'), join(repo, 'renovate.json'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.email=test@example.com', '-c', 'user.name=test', 'commit', '-qm', 'init');
  const base = join(repo, '.renovate-base');
  const r = spawnSync(RENOVATE, ['--platform=local', '--dry-run=extract'], {
    cwd: repo,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'debug', LOG_FORMAT: 'json', RENOVATE_BASE_DIR: base, RENOVATE_ONBOARDING: 'false', RENOVATE_REQUIRE_CONFIG: 'optional' },
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => l.startsWith('{'));
  const entry = lines.map((l) => JSON.parse(l) as { msg?: string; packageFiles?: Record<string, { packageFile: string; deps: Dep[] }[]> }).find((e) => (e.msg === 'Extracted dependencies' || e.msg === 'packageFiles with updates') && e.packageFiles);
  expect(entry, 'the debug log lists the extracted dependencies').toBeDefined();
  const files = entry?.packageFiles ?? {};
  return {
    deps: (files.regex ?? []).flatMap((f) => f.deps),
    managers: Object.fromEntries(Object.entries(files).map(([m, list]) => [m, list.map((f) => f.packageFile)])),
  };
}

const has = (deps: readonly Dep[], depName: string, currentValue: string, currentDigest?: string) =>
  deps.some((d) => d.depName === depName && d.currentValue === currentValue && (currentDigest === undefined || d.currentDigest === currentDigest));

/** The generated files of an example (from its manifest). */
function generated(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, '.devstack', 'manifest.json'), 'utf8')) as { files: { path: string }[] };
  return manifest.files.map((f) => f.path);
}

describe('the Renovate preset, with renovate@39 --platform=local --dry-run=extract', () => {
  it('renovate-config-validator accepts it', () => {
    const dir = repoTempDir('renovate-validate');
    dirs.push(dir);
    cpSync(join(ROOT, 'renovate.json'), join(dir, 'renovate.json'));
    const r = spawnSync(join(CACHE, 'node_modules', '.bin', 'renovate-config-validator'), { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Config validated successfully');
  });

  for (const name of readdirSync(join(ROOT, 'examples'))) {
    it(`examples/${name}: every image and action version the config writes is found; the generated files are left alone`, () => {
      const dir = join(ROOT, 'examples', name);
      const sources = configSources(join(dir, 'devstack.config.ts')).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
      // expected: every version reference in the generated files whose whole reference the config writes
      const expected = new Map<string, { name: string; version: string }>();
      for (const path of generated(dir)) {
        for (const t of textRefs(readFileSync(join(dir, path), 'utf8'))) {
          const ref = t.kind === 'action' ? `${t.name}@${t.version}` : t.version.startsWith('@') ? `${t.name}${t.version}` : `${t.name}:${t.version}`;
          if (t.version === '' || sources.every((s) => literalOccurrences(s.text, scanSource(s.text), ref).length === 0)) continue;
          expected.set(ref, { name: t.name, version: t.version });
        }
      }
      expect(expected.size, 'the example writes some versions').toBeGreaterThan(0);
      const { deps, managers } = extract(dir);
      for (const [ref, { name: dep, version }] of expected) {
        const [tag, digest] = version.split('@');
        expect(has(deps, dep, tag as string, digest), `${ref} found in ${relative(ROOT, dir)}/devstack.config.ts`).toBe(true);
      }
      const gen = new Set(generated(dir));
      const leaked = Object.entries(managers).flatMap(([m, files]) => (m === 'regex' ? [] : files.filter((f) => gen.has(f)).map((f) => `${m}: ${f}`)));
      expect(leaked, 'generated files are in ignorePaths').toEqual([]);
    });
  }

  it('a project that writes every kind of version: builder calls, image: options, FROM text, docker:// steps, uses(), typed helpers with version, SHA pins, a renovate: comment — in the config and in a devstack/ module', () => {
    const dir = repoTempDir('renovate-project');
    dirs.push(dir);
    mkdirSync(join(dir, 'devstack'));
    writeFileSync(
      join(dir, 'devstack', 'images.ts'),
      ["export const DB = 'postgres:16';", "export const uvImage = { image: 'ghcr.io/astral-sh/uv:0.8.4' };", ''].join('\n'),
    );
    writeFileSync(
      join(dir, 'devstack.config.ts'),
      [
        "import { App, Compose, Dockerfile, Workflow } from 'devstack-kit';",
        "import { buildPush, checkout, setupNode, setupUv, uses } from 'devstack-kit/workflow';",
        "import { DB } from './devstack/images.js';",
        'const app = new App();',
        "const d = Dockerfile.create().syntax('docker/dockerfile:1.7').stage('base', \"python:3.13-slim@sha256:" + 'a'.repeat(64) + "\", (s) => s);",
        "const raw = Dockerfile.parse(`FROM --platform=$BUILDPLATFORM golang:1.23-alpine AS build\\nRUN go build\\n`);",
        "Compose.create().service('db', (s) => s.image(DB).ports('5432:5432')).service('mq', (s) => s.image(`nats:2.10-alpine`).env('URL', 'localhost:4222'));",
        "const notImages = ['app.main:app', '127.0.0.1:6379:6379', { chown: 'nginx:nginx' }];",
        "const presetLike = postgres({ image: 'postgres:15', hostPort: 5555 });",
        'const w = Workflow.create("CI")',
        `  .pin('sha', { 'actions/setup-python@v5': '${SHA}' })`,
        "  .job('t', (j) => j",
        "    .step(checkout({ 'fetch-depth': 0 }, { version: 'v4.2.2', name: 'Checkout' }))",
        "    .step(setupNode({ 'node-version': expr.matrix('node') }, { version: 'v3' }))",
        "    .step(setupUv())",
        "    .step(buildPush({ push: false }, {",
        "      version: 'v6.9.0',",
        '    }))',
        "    .step(uses('softprops/action-gh-release@v2', { files: 'dist/*' }))",
        "    .step(uses('docker://alpine:3.20'))",
        '    .env({',
        '      // renovate: datasource=github-releases depName=astral-sh/uv',
        "      UV_VERSION: '0.8.4',",
        '    }));',
        'export default app;',
        '',
      ].join('\n'),
    );
    const { deps } = extract(dir);
    const want: [string, string, string?][] = [
      ['docker/dockerfile', '1.7'],
      ['python', '3.13-slim', `sha256:${'a'.repeat(64)}`],
      ['golang', '1.23-alpine'],
      ['postgres', '16'],
      ['postgres', '15'],
      ['nats', '2.10-alpine'],
      ['ghcr.io/astral-sh/uv', '0.8.4'],
      ['alpine', '3.20'],
      ['actions/checkout', 'v4.2.2'],
      ['actions/setup-node', 'v3'],
      ['docker/build-push-action', 'v6.9.0'],
      ['softprops/action-gh-release', 'v2'],
      ['actions/setup-python', 'v5', SHA],
      ['astral-sh/uv', '0.8.4'],
    ];
    for (const [dep, value, digest] of want) expect(has(deps, dep, value, digest), `${dep} ${value} ${digest ?? ''}`).toBe(true);
    // setupUv() writes no version: its version is devstack-kit's default and moves with devstack-kit
    expect(deps.some((d) => d.depName === 'astral-sh/setup-uv')).toBe(false);
    // datasources: images from docker, actions from GitHub tags
    expect(deps.find((d) => d.depName === 'actions/checkout')?.datasource).toBe('github-tags');
    expect(deps.find((d) => d.depName === 'postgres')?.datasource).toBe('docker');
    // no false positives from ports, URLs or stage names
    const names = deps.map((d) => d.depName);
    for (const not of ['base', 'build', 'app.main', 'nginx', '127.0.0.1', '5432', 'localhost']) expect(names).not.toContain(not);
  });
});
