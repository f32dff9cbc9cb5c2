// One size of W3 (linear scale), in one fresh process: load the workload module, then time building
// the App plus app.synth() over a few runs (after one warm-up run). Prints one JSON line with the
// fastest run and the median. Used by bench/run.mjs.
//   node --expose-gc bench/scale.mjs <config> compose|parse|map|workflows <n> <runs>
import { createJiti } from 'jiti';

const [configPath, part, nArg, runsArg] = process.argv.slice(2);
const n = Number(nArg);
const runs = Number(runsArg ?? 3);
const jiti = createJiti(import.meta.url, { interopDefault: true });
const mod = await jiti.import(configPath);
// parse, map: the compose text (n services; one map of n keys) is written once, untimed; then
// reading it (Compose.parse) and synthesizing it is timed
const text = part === 'parse' ? mod.composeText(n) : part === 'map' ? mod.bigMapText(n) : undefined;
const build = { compose: mod.composeApp, workflows: mod.workflowsApp, parse: () => mod.parseApp(text), map: () => mod.parseApp(text) }[part];
const units = part === 'workflows' ? n * mod.JOBS : n;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const totals = [];
const cpus = [];
let errors = 0;
for (let i = 0; i < runs + 1; i++) {
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = build(n).synth();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  errors = result.issues.filter((x) => x.severity === 'error').length;
  if (i > 0) {
    // the first run warms up
    totals.push(ms);
    cpus.push((c.user + c.system) / 1000);
  }
}
// the fastest run: on a shared machine the slower ones measure the neighbours as well. CPU time
// (this process's, all threads) is kept beside the wall time: it does not count the time spent
// waiting for a core another process holds.
const ms = Math.min(...totals);
const cpuMs = Math.min(...cpus);
process.stdout.write(`${JSON.stringify({ part, n, units, ms, medianMs: median(totals), msPerUnit: ms / units, cpuMs, cpuMsPerUnit: cpuMs / units, errors })}\n`);
