// The HTML page of `devstack graph --format html`, opened in headless Chromium (Debian's `chromium`,
// driven over the DevTools protocol, test/helpers/chromium.ts): for examples/seed and the scale
// workload (bench W2: 200 services, 50 workflows), no console errors or exceptions, every node and
// every edge of the App drawn in the SVG (with a size), nothing loaded but the page itself, the
// details panel on click, zoom, and a
// screenshot saved to .tmp/graph-screens/<name>.png (git-ignored). The page's own render time (the
// `devstack-graph-render` performance measure) is written to .tmp/graph-screens/render-times.json
// and printed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app/app.js';
import { htmlGraph, stackGraph } from '../../src/graph/index.js';
import { Chromium } from '../helpers/chromium.js';
import { ROOT } from '../helpers/tmp.js';
import { exampleApp, expectedGraph, scaleApp } from '../graph/apps.js';

const SCREENS = join(ROOT, '.tmp', 'graph-screens');

interface Drawn {
  nodes: { id: string; w: number; h: number }[];
  edges: { kind: string; from: string; to: string; length: number }[];
  renderMs: number;
  measureMs: number;
  counts: string;
}

const DRAWN = `(() => {
  const svg = document.getElementById('graph');
  const nodes = [...svg.querySelectorAll('g.node')].map((g) => { const b = g.getBBox(); return { id: g.getAttribute('data-id'), w: b.width, h: b.height }; });
  const edges = [...svg.querySelectorAll('path.edge')].map((p) => ({ kind: [...p.classList].find((c) => c !== 'edge'), from: p.getAttribute('data-from'), to: p.getAttribute('data-to'), length: p.getTotalLength() }));
  const m = performance.getEntriesByName('devstack-graph-render')[0];
  return { nodes, edges, renderMs: Number(svg.getAttribute('data-render-ms')), measureMs: m ? m.duration : -1, counts: document.getElementById('counts').textContent };
})()`;

let browser: Chromium;
const times: Record<string, { nodes: number; edges: number; renderMs: number; measureMs: number; loadMs: number }> = {};

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  browser = await Chromium.launch(1600, 1000);
});
afterAll(async () => {
  await browser?.close();
  let previous: Record<string, unknown> = {};
  try {
    previous = JSON.parse(readFileSync(join(SCREENS, 'render-times.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // first run
  }
  writeFileSync(join(SCREENS, 'render-times.json'), `${JSON.stringify({ ...previous, ...times }, null, 2)}\n`);
});

async function openAndCheck(name: string, app: App): Promise<void> {
  const graph = stackGraph(app.entries());
  const want = expectedGraph(app.entries());
  const file = join(SCREENS, `${name}.html`);
  writeFileSync(file, htmlGraph(graph, { title: name }));
  const before = { console: browser.problems.console.length, exceptions: browser.problems.exceptions.length, log: browser.problems.log.length };
  const requested = browser.requests.length;
  const t0 = performance.now();
  await browser.open(pathToFileURL(file).href);
  const loadMs = performance.now() - t0;
  const drawn = await browser.evaluate<Drawn>(DRAWN);
  expect(browser.problems.console.slice(before.console)).toEqual([]);
  expect(browser.problems.exceptions.slice(before.exceptions)).toEqual([]);
  expect(browser.problems.log.slice(before.log)).toEqual([]);
  // self-contained: the page is the only thing loaded
  expect(browser.requests.slice(requested)).toEqual([pathToFileURL(file).href]);
  // every node of the App, once, with a size; every edge, once, with a length
  expect(drawn.nodes).toHaveLength(want.nodes.size);
  expect(new Set(drawn.nodes.map((n) => n.id))).toEqual(want.nodes);
  for (const n of drawn.nodes) expect(n.w * n.h, n.id).toBeGreaterThan(0);
  expect(drawn.edges.map((e) => `${e.kind} ${e.from} -> ${e.to}`).sort()).toEqual([...want.edges].sort());
  for (const e of drawn.edges) expect(e.length, `${e.from} -> ${e.to}`).toBeGreaterThan(0);
  expect(drawn.counts).toBe(`${want.nodes.size} nodes · ${want.edges.length} edges · ${want.clusters} files`);
  expect(drawn.measureMs).toBeGreaterThan(0);
  times[name] = { nodes: drawn.nodes.length, edges: drawn.edges.length, renderMs: drawn.renderMs, measureMs: Math.round(drawn.measureMs * 10) / 10, loadMs: Math.round(loadMs) };
  console.log(`graph ${name}: ${drawn.nodes.length} nodes, ${drawn.edges.length} edges drawn; render ${drawn.renderMs} ms (script), page load ${Math.round(loadMs)} ms`);
  writeFileSync(join(SCREENS, `${name}.png`), await browser.screenshot());
}

describe('the HTML graph in headless Chromium', () => {
  it('examples/seed: no console errors, every node and edge drawn, details on click, zoom; screenshot', async () => {
    await openAndCheck('seed', await exampleApp('seed'));
    // clicking a node opens its details, with its dependencies and dependents
    const details = await browser.evaluate<{ hidden: boolean; text: string; near: number }>(`(() => {
      document.querySelector('g.node[data-id="compose.yaml:api"]').dispatchEvent(new MouseEvent('click', { bubbles: true }));
      const d = document.getElementById('details');
      return { hidden: d.hidden, text: d.textContent, near: document.querySelectorAll('g.node.near').length };
    })()`);
    expect(details.hidden).toBe(false);
    expect(details.text).toContain('api');
    expect(details.text).toMatch(/service_healthy → postgres/);
    expect(details.text).toMatch(/needed by.*frontend/s);
    // api: postgres, redis, nats, runtime (depends on); frontend (needed by)
    expect(details.near).toBe(5);
    writeFileSync(join(SCREENS, 'seed-selected.png'), await browser.screenshot());
    const zoom = await browser.evaluate<[string, string]>(`(() => { const svg = document.getElementById('graph'); const a = svg.getAttribute('viewBox'); document.getElementById('zoom-in').click(); return [a, svg.getAttribute('viewBox')]; })()`);
    expect(Number(zoom[1].split(' ')[2])).toBeLessThan(Number(zoom[0].split(' ')[2]));
    expect(browser.problems).toEqual({ console: [], exceptions: [], log: [] });
  });

  it('the scale workload (bench W2: 200 services, 50 workflows): no console errors, all 1,800 nodes and 1,749 edges drawn; screenshot and render time', async () => {
    await openAndCheck('scale-w2', await scaleApp());
    expect(times['scale-w2']!.nodes).toBe(1800);
    // zoomed in on one service, the labels are legible: a screenshot of the neighbourhood
    await browser.evaluate(`(() => { const i = document.getElementById('search'); i.value = 'svc-100'; i.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })); })()`);
    writeFileSync(join(SCREENS, 'scale-w2-svc-100.png'), await browser.screenshot());
    expect(browser.problems).toEqual({ console: [], exceptions: [], log: [] });
  });
});
