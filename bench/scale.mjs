// One size of W3 (linear scale), in one fresh process: load the workload module, then time building
// the App plus app.synth() over a few runs (after one warm-up run). Prints one JSON line with the
// fastest run and the median. Used by bench/run.mjs.
//   node --expose-gc bench/scale.mjs <config> compose|parse|workflows <n> <runs>
import { createJiti } from 'jiti';

const [configPath, part, nArg, runsArg] = process.argv.slice(2);
const n = Number(nArg);
const runs = Number(runsArg ?? 3);
const jiti = createJiti(import.meta.url, { interopDefault: true });
const mod = await jiti.import(configPath);
// parse: the compose file of n services is written once, untimed; then reading it back is timed
const text = part === 'parse' ? mod.composeText(n) : undefined;
const build = { compose: mod.composeApp, workflows: mod.workflowsApp, parse: () => mod.parseApp(text) }[part];
const units = part === 'workflows' ? n * mod.JOBS : n;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const totals = [];
let errors = 0;
for (let i = 0; i < runs + 1; i++) {
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  const result = build(n).synth();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  errors = result.issues.filter((x) => x.severity === 'error').length;
  if (i > 0) totals.push(ms); // the first run warms up
}
// the fastest run: on a shared machine the slower ones measure the neighbours as well
const ms = Math.min(...totals);
process.stdout.write(`${JSON.stringify({ part, n, units, ms, medianMs: median(totals), msPerUnit: ms / units, errors })}\n`);
