// One workload, in one fresh process: load its config module once, then time building the App and
// app.synth() over several runs. Prints one JSON line. Used by bench/run.mjs.
import { createJiti } from 'jiti';

const [configPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const jiti = createJiti(import.meta.url, { interopDefault: true });
const mod = await jiti.import(configPath);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function time(fn) {
  const t0 = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

const parts = { all: mod.default, ...(mod.parts ?? {}) };
const result = { config: configPath, runs, parts: {} };
let peakHeap = 0;
for (const [name, build] of Object.entries(parts)) {
  const buildMs = [];
  const synthMs = [];
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < runs + 2; i++) {
    globalThis.gc?.();
    const b = time(() => build());
    const s = time(() => b.value.synth());
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (i < 2) continue; // warm-up
    buildMs.push(b.ms);
    synthMs.push(s.ms);
    files = Object.keys(s.value.files).length;
    bytes = Object.values(s.value.files).reduce((n, t) => n + t.length, 0);
  }
  result.parts[name] = { buildMs: median(buildMs), synthMs: median(synthMs), files, bytes };
}
result.units = mod.units ?? {};
result.peakRssMB = process.resourceUsage().maxRSS / 1024;
result.peakHeapMB = peakHeap / 1024 / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
