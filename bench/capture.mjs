// The cost of capturing builder call sites (issues' `source`, src/core/source.ts): one workload,
// one fresh process, building the App and app.synth() with capture on and off in the same loop
// (paired, the order alternating), so both see the same machine. Prints one JSON line. Used by
// bench/run.mjs.
import { createJiti } from 'jiti';

const [configPath, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
const SWITCH = Symbol.for('devstack-kit.sourceCapture'); // the switch setSourceCapture() sets
const jiti = createJiti(import.meta.url, { interopDefault: true });
const mod = await jiti.import(configPath);
const build = mod.default;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// CPU time of this process (user + system), not wall time: on a shared machine the wall time also
// measures the other processes
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function once(on) {
  globalThis[SWITCH] = on;
  globalThis.gc?.();
  const t0 = cpuMs();
  const app = build();
  const t1 = cpuMs();
  const result = app.synth();
  const t2 = cpuMs();
  const sourced = result.issues.filter((i) => i.source !== undefined).length;
  return { buildMs: t1 - t0, synthMs: t2 - t1, sourced };
}

const on = [];
const off = [];
for (let i = 0; i < runs + 1; i++) {
  const pair = i % 2 === 0 ? [once(true), once(false)] : [once(false), once(true)].reverse();
  if (i === 0) continue; // warm-up
  on.push(pair[0]);
  off.push(pair[1]);
}
globalThis[SWITCH] = true;
const m = (xs, k) => median(xs.map((x) => x[k]));
const total = (xs) => median(xs.map((x) => x.buildMs + x.synthMs));
process.stdout.write(
  `${JSON.stringify({
    config: configPath,
    runs,
    on: { buildMs: m(on, 'buildMs'), synthMs: m(on, 'synthMs'), totalMs: total(on), issuesWithSource: on[0]?.sourced ?? 0 },
    off: { buildMs: m(off, 'buildMs'), synthMs: m(off, 'synthMs'), totalMs: total(off), issuesWithSource: off[0]?.sourced ?? 0 },
    // the paired difference of each run, so a slow spell of the machine lands on both halves
    overheadMs: median(on.map((x, i) => x.buildMs + x.synthMs - (off[i].buildMs + off[i].synthMs))),
  })}\n`,
);
