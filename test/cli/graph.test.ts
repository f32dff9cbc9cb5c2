// `devstack graph` and `devstack synth --graph`, run as the built CLI (dist/) on copies of examples/seed.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER } from '../../src/core/yaml.js';
import { copyExample, removeDir, ROOT } from '../helpers/tmp.js';
import { CLI, devstack } from '../helpers/cli.js';


const dirs: string[] = [];
const temp = (d: string) => (dirs.push(d), d);
let seed: string;
beforeAll(() => {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  seed = temp(copyExample('seed'));
});
afterAll(() => dirs.forEach(removeDir));

describe('devstack graph', () => {
  it('prints the Mermaid graph on stdout by default, and its summary on stderr', () => {
    const r = devstack(seed, 'graph');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^flowchart LR\n {2}subgraph c0\["backend\/Dockerfile"\]\n/);
    expect(r.stdout).toContain('n7 -->|"service_healthy"| n4');
    expect(r.stderr).toBe('✔ graph: 18 nodes, 15 edges (mermaid)\n');
  });

  it('--format json is the graph as data', () => {
    const r = devstack(seed, 'graph', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const g = JSON.parse(r.stdout) as { version: number; clusters: unknown[]; nodes: { id: string; kind: string }[]; edges: { from: string; to: string; kind: string; label: string }[] };
    expect(g.version).toBe(1);
    expect(g.clusters).toHaveLength(4);
    expect(g.nodes.filter((n) => n.kind === 'service').map((n) => n.id)).toEqual(['compose.yaml:postgres', 'compose.yaml:redis', 'compose.yaml:nats', 'compose.yaml:api', 'compose.yaml:worker', 'compose.yaml:frontend']);
    expect(g.edges).toContainEqual({ from: 'compose.yaml:frontend', to: 'compose.yaml:api', kind: 'depends_on', label: 'service_healthy' });
  });

  it('--format html --out writes one self-contained page: no script, style or image fetched from anywhere', () => {
    const r = devstack(seed, 'graph', '--format', 'html', '--out', 'stack.html');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('✔ wrote stack.html: 18 nodes, 15 edges (html)\n');
    const html = readFileSync(join(seed, 'stack.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script[^>]+src=|<link\b|@import|url\(http/i);
    // the only URL is the SVG namespace
    expect(html.match(/https?:\/\/[^\s"')]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    expect(html).toContain('"id":"compose.yaml:api"');
  });

  it('--focus keeps a node, its dependencies and its dependents', () => {
    const r = devstack(seed, 'graph', '--format', 'json', '--focus', 'worker');
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { nodes: { id: string }[] }).nodes.map((n) => n.id)).toEqual(['backend/Dockerfile:builder', 'backend/Dockerfile:runtime', 'compose.yaml:nats', 'compose.yaml:worker']);
    expect(r.stderr).toBe('✔ graph: 4 nodes, 3 edges (json)\n');
  });

  it('an unknown --focus name exits 2 with the near matches; an ambiguous one lists the qualified names', () => {
    const r = devstack(seed, 'graph', '--focus', 'workr');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('✖ graph/unknown-node: no stage, service or job is named "workr"; did you mean: worker');
    const a = devstack(seed, 'graph', '--focus', 'runtime');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('backend/Dockerfile:runtime (stage), frontend/Dockerfile:runtime (stage)');
  });

  it('usage mistakes exit 2: an unknown format, --json without --out, an unknown flag', () => {
    expect(devstack(seed, 'graph', '--format', 'svg')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--format must be one of mermaid, dot, html, json, received "svg"') });
    expect(devstack(seed, 'graph', '--json')).toMatchObject({ code: 2, stderr: '' });
    const json = JSON.parse(devstack(seed, 'graph', '--json').stdout) as { ok: boolean; error: { message: string } };
    expect(json.ok).toBe(false);
    expect(json.error.message).toMatch(/--json prints the run report on stdout: pass --out FILE/);
    expect(devstack(seed, 'graph', '--colour')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --colour') });
  });

  it('a config with content errors draws nothing and exits 1, with the problems', () => {
    const dir = temp(copyExample('seed'));
    const config = join(dir, 'devstack.config.ts');
    const bad = "const app = stack.toApp();\napp.add('compose', 'bad.yaml', { services: { x: { image: 'x:1', healthcheck: { interval: 10 } } } } as never);\nexport default app;\n";
    writeFileSync(config, readFileSync(config, 'utf8').replace('export default stack.toApp();\n', bad));
    const r = devstack(dir, 'graph', '--out', 'g.mmd');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✖ bad\.yaml → services\.x\.healthcheck\.interval: expected a duration/);
    expect(existsSync(join(dir, 'g.mmd'))).toBe(false);
  });

  it('--json with --out prints the run report', () => {
    const r = devstack(seed, 'graph', '--json', '--out', 'g.mmd');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ command: 'graph', ok: true, summary: '✔ wrote g.mmd: 18 nodes, 15 edges (mermaid)' });
  });

  it('graph --help shows the command\'s flags (it is loaded lazily)', () => {
    const r = devstack(seed, 'graph', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--format/);
    expect(r.stdout).toMatch(/--focus/);
    expect(devstack(seed, '--help').stdout).toMatch(/graph\s+Draw the stack/);
  });

  it('the graph module stays out of the CLI\'s start-up path: no module dist/cli.js loads statically holds it', () => {
    // the static import closure of dist/cli.js (what `devstack --help` loads; commands are import()ed)
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(join(ROOT, 'dist', file), 'utf8');
      for (const m of text.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?['"]\.\/([\w.-]+\.js)['"]/gm)) visit(m[1]!);
    };
    visit('cli.js');
    expect(seen.size).toBeGreaterThan(1);
    for (const f of seen) expect(readFileSync(join(ROOT, 'dist', f), 'utf8'), f).not.toContain('devstack-graph-render');
    const chunks = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'));
    expect(chunks.some((f) => readFileSync(join(ROOT, 'dist', f), 'utf8').includes('devstack-graph-render'))).toBe(true);
  });
});

describe('devstack synth --graph', () => {
  it('writes the graph file with the marker and records it in the manifest; --check passes, then catches a stale or edited graph', () => {
    const dir = temp(copyExample('seed'));
    const synth = devstack(dir, 'synth', '--graph', 'docs/stack.md');
    expect(synth.code, synth.stderr).toBe(0);
    expect(synth.stdout).toContain('created docs/stack.md');
    const md = readFileSync(join(dir, 'docs/stack.md'), 'utf8');
    expect(md.startsWith(`<!-- ${MARKER} -->\n\n\`\`\`mermaid\nflowchart LR\n`)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, '.devstack/manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toContain('docs/stack.md');
    expect(devstack(dir, 'synth', '--check', '--graph', 'docs/stack.md')).toMatchObject({ code: 0, stderr: '✔ 10 generated files match the config\n' });

    // the config changes (a new dependency): the graph is stale, and --check says so with a patch
    const config = join(dir, 'devstack.config.ts');
    writeFileSync(config, readFileSync(config, 'utf8').replace("dependsOn: { nats: 'healthy' }, budgetMB: 250", "dependsOn: { nats: 'healthy', redis: 'healthy' }, budgetMB: 250"));
    const stale = devstack(dir, 'synth', '--check', '--graph', 'docs/stack.md');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('✖ docs/stack.md: differs from the config');
    expect(stale.stdout).toContain('+  n8 -->|"service_healthy"| n5');
    // synth rewrites it (the marker says it is generated: no --force)
    expect(devstack(dir, 'synth', '--graph', 'docs/stack.md').stdout).toContain('updated docs/stack.md');

    // a hand edit is caught too, and synth refuses to overwrite it without --force
    writeFileSync(join(dir, 'docs/stack.md'), `${readFileSync(join(dir, 'docs/stack.md'), 'utf8')}\nmy notes\n`);
    expect(devstack(dir, 'synth', '--check', '--graph', 'docs/stack.md').code).toBe(1);
    expect(devstack(dir, 'synth', '--graph', 'docs/stack.md')).toMatchObject({ code: 1, stderr: expect.stringContaining('app/edited-generated-file') });

    // synth --check without --graph: the graph file is generated but no longer produced, so stale
    expect(devstack(dir, 'synth', '--force', '--graph', 'docs/stack.md').code).toBe(0);
    const without = devstack(dir, 'synth', '--check');
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('✖ docs/stack.md: no longer produced by the config');
  });

  it.each([
    ['docs/stack.mmd', /^%% Generated by devstack-kit/],
    ['docs/stack.dot', /^\/\/ Generated by devstack-kit/],
    ['docs/stack.html', /^<!DOCTYPE html>\n<!-- Generated by devstack-kit/],
    ['docs/stack.json', /^\{\n {2}"\$comment": "Generated by devstack-kit/],
  ])('%s: written with the marker in its own comment syntax, and checked', (path, start) => {
    const dir = temp(copyExample('seed'));
    expect(devstack(dir, 'synth', '--graph', path).code).toBe(0);
    expect(readFileSync(join(dir, path), 'utf8')).toMatch(start);
    expect(devstack(dir, 'synth', '--check', '--graph', path).code).toBe(0);
    // a second synth sees the marker: unchanged, not a hand-written file in the way
    expect(devstack(dir, 'synth', '--graph', path).stdout).toMatch(/10 unchanged/);
  });

  it('a file name that says no format, a path outside the project, or a file the config writes, exits 2 and writes nothing', () => {
    const dir = temp(copyExample('seed'));
    const txt = devstack(dir, 'synth', '--graph', 'docs/stack.txt');
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('graph/unsupported-file: expected a graph file ending in .md, .mmd, .dot, .gv, .html or .json, received "docs/stack.txt"');
    expect(existsSync(join(dir, 'docs'))).toBe(false);
    expect(devstack(dir, 'synth', '--graph', '../stack.md')).toMatchObject({ code: 2, stderr: expect.stringContaining('--graph expects a relative path') });
    expect(devstack(dir, 'synth', '--graph', 'compose.yaml')).toMatchObject({ code: 2, stderr: expect.stringContaining('the config already writes that file') });
  });
});
