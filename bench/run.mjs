// npm run bench: synthesizes the workloads in-process and as a cold CLI run and prints medians and
// peak memory. W1 is the seed stack; W2 is scale. See bench/README.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const CLI = join(ROOT, 'dist/cli.js');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const workloads = [
  { name: 'W1 seed stack', config: 'bench/workloads/w1.config.ts', runs: 50, cliRuns: 7 },
  { name: 'W2 scale', config: 'bench/workloads/w2.config.ts', runs: 7, cliRuns: 5 },
];

function inProcess(w) {
  const out = execFileSync(process.execPath, ['--expose-gc', join(ROOT, 'bench/inprocess.mjs'), join(ROOT, w.config), String(w.runs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop());
}

function cold(w) {
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.tmp', 'bench-'));
  const wall = [];
  const rss = [];
  try {
    copyFileSync(join(ROOT, w.config), join(dir, 'devstack.config.ts'));
    // the modules a workload imports beside it (W2 imports ./shared.js)
    const src = dirname(join(ROOT, w.config));
    const keep = new Set(['devstack.config.ts']);
    for (const entry of readdirSync(src)) {
      if (entry.endsWith('.ts') && !entry.endsWith('.config.ts')) {
        copyFileSync(join(src, entry), join(dir, entry));
        keep.add(entry);
      }
    }
    for (let i = 0; i < w.cliRuns; i++) {
      for (const entry of readdirSync(dir)) if (!keep.has(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
      const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, 'synth'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`devstack synth failed in ${dir}:\n${r.stderr}`);
      const [secs, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
      wall.push(secs * 1000);
      rss.push(kb / 1024);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { wallMs: median(wall), peakRssMB: median(rss) };
}

const fmt = (n, d = 1) => n.toFixed(d).padStart(9);
console.log(`devstack-kit bench — node ${process.version}, medians\n`);
for (const w of workloads) {
  const ip = inProcess(w);
  const c = cold(w);
  console.log(`${w.name} (${w.config})`);
  console.log('  part                 files       bytes   build ms   synth ms');
  for (const [name, p] of Object.entries(ip.parts)) {
    console.log(`  ${name.padEnd(18)} ${String(p.files).padStart(7)} ${String(p.bytes).padStart(11)} ${fmt(p.buildMs, 2)}  ${fmt(p.synthMs, 2)}`);
    if (ip.units?.[name]) console.log(`    per ${ip.units[name].unit}: ${(p.synthMs / ip.units[name].count).toFixed(4)} ms synth`);
  }
  console.log(`  in-process peak: rss ${ip.peakRssMB.toFixed(1)} MB, heap ${ip.peakHeapMB.toFixed(1)} MB (${ip.runs} runs)`);
  console.log(`  cold CLI 'devstack synth': ${c.wallMs.toFixed(0)} ms wall, peak rss ${c.peakRssMB.toFixed(1)} MB (${w.cliRuns} runs)\n`);
}
