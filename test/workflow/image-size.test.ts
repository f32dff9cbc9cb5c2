/**
 * imageSizeCheckSteps: the steps pass every workflow validator, values reach the script only through
 * env (property), and the script itself does what it says when bash runs it against a stub docker.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../src/core/errors.js';
import { checkout } from '../../src/workflow/actions/index.js';
import { Workflow } from '../../src/workflow/builder.js';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { IMAGE_SIZE_CHECK_SCRIPT, imageSizeCheck, imageSizeChecks, imageSizeCheckSteps, type ImageSizeCheckOptions } from '../../src/workflow/presets.js';
import { synthWorkflow } from '../../src/workflow/synth.js';
import { actionlint, checkWorkflow } from '../helpers/oracles/workflow.js';

type Step = { id?: string; uses?: string; run?: string; name?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };

function workflow(...checks: ImageSizeCheckOptions[]) {
  return Workflow.create('Image')
    .on('push')
    .permissions({ contents: 'read' })
    .job('image', (j) => checks.reduce((job, c) => job.$call(imageSizeCheck(c)), j.runsOn('ubuntu-24.04').timeout(20).step(checkout())));
}

/** Synth, every outside validator, and the file reads back as the model. */
async function verified(w: { toString(): string; toModel(): unknown }): Promise<string> {
  const text = w.toString();
  expect(await checkWorkflow(text)).toEqual([]);
  const back = parseWorkflow(text);
  expect(back.issues).toEqual([]);
  expect(synthWorkflow(back.model!)).toBe(text);
  expect(back.model).toEqual(w.toModel());
  return text;
}

function stepsOf(text: string): Step[] {
  return ((parse(text) as { jobs: { image: { steps: Step[] } } }).jobs.image.steps);
}

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n'); // compile the wasm once
});

describe('imageSizeCheckSteps: the generated steps', () => {
  it('build with build-push-action (load, no push, GHA layer cache), time the build, and check the size; every validator accepts them', async () => {
    const text = await verified(workflow({ image: 'api:ci', budgetMB: 150, context: 'backend' }));
    const steps = stepsOf(text);
    expect(steps.map((s) => s.uses ?? s.id)).toEqual(['actions/checkout@v4', 'docker/setup-buildx-action@v3', 'image-size-start', 'docker/build-push-action@v6', 'image-size']);
    const build = steps[3]!;
    expect(build.id).toBe('image-size-build');
    expect(build.with).toEqual({ context: 'backend', load: true, push: false, tags: 'api:ci', 'cache-from': 'type=gha,scope=api', 'cache-to': 'type=gha,mode=max,scope=api' });
    const check = steps[4]!;
    expect(check.run).toBe(IMAGE_SIZE_CHECK_SCRIPT);
    expect(check.env).toEqual({ IMAGE: 'api:ci', BUDGET_MB: '150', STARTED: '${{ steps.image-size-start.outputs.started }}' });
    expect(check.name).toBe('Size of api:ci (budget 150 MB)');
  });

  it('pass file, target, more build inputs, a cache scope; two images in one job with their own ids; no Buildx setup when asked', async () => {
    const text = await verified(
      workflow(
        { image: 'ghcr.io/acme/api:1.2.3', budgetMB: 99.5, file: 'backend/Dockerfile', target: 'runtime', build: { 'build-args': ['A=1', 'B=2'] }, cacheScope: 'api-runtime', id: 'api_size' },
        { image: 'localhost:5000/web', budgetMB: 40, id: 'web-size', setupBuildx: false },
      ),
    );
    const steps = stepsOf(text);
    expect(steps.map((s) => s.id ?? s.uses)).toEqual([
      'actions/checkout@v4', 'docker/setup-buildx-action@v3', 'api_size-start', 'api_size-build', 'api_size', 'web-size-start', 'web-size-build', 'web-size',
    ]);
    expect(steps[3]!.with).toEqual({
      'build-args': 'A=1\nB=2', context: '.', file: 'backend/Dockerfile', target: 'runtime', load: true, push: false, tags: 'ghcr.io/acme/api:1.2.3',
      'cache-from': 'type=gha,scope=api-runtime', 'cache-to': 'type=gha,mode=max,scope=api-runtime',
    });
    expect(steps[6]!.with?.['cache-from']).toBe('type=gha,scope=localhost:5000/web');
    expect(steps[7]!.env).toEqual({ IMAGE: 'localhost:5000/web', BUDGET_MB: '40', STARTED: '${{ steps.web-size-start.outputs.started }}' });
    expect(steps[4]!.env?.['BUDGET_MB']).toBe('99.5');
  });

  it('the check step declares its outputs (bytes, mb, seconds) for later steps', () => {
    expect(imageSizeCheckSteps({ image: 'api:ci', budgetMB: 1 }).at(-1)?.outputs).toEqual(['bytes', 'mb', 'seconds']);
    expect(imageSizeCheckSteps({ image: 'api:ci', budgetMB: 1 }).at(-1)?.run).toMatch(/echo "mb=\$mb"/);
  });

  it('refuses what cannot be an image tag, a budget that is not a positive number, and a bad step id, with a UsageError', () => {
    const bad: [ImageSizeCheckOptions, RegExp][] = [
      [{ image: 'API:ci', budgetMB: 1 }, /received "API:ci"/],
      [{ image: 'api:ci; rm -rf /', budgetMB: 1 }, /name\[:tag\]/],
      [{ image: 'api@sha256:' + 'a'.repeat(64), budgetMB: 1 }, /name\[:tag\]/],
      [{ image: '$(id)', budgetMB: 1 }, /name\[:tag\]/],
      [{ image: '', budgetMB: 1 }, /name\[:tag\]/],
      [{ image: 'api:${{ github.token }}', budgetMB: 1 }, /name\[:tag\]/],
      [{ image: 'api:ci', budgetMB: 0 }, /received 0/],
      [{ image: 'api:ci', budgetMB: -5 }, /above 0/],
      [{ image: 'api:ci', budgetMB: Number.NaN }, /received NaN/],
      [{ image: 'api:ci', budgetMB: Number.POSITIVE_INFINITY }, /received Infinity/],
      [{ image: 'api:ci', budgetMB: '150' as unknown as number }, /budgetMB/],
      [{ image: 'api:ci', budgetMB: 1, id: '1st' }, /step id/],
      [{ image: 'api:ci', budgetMB: 1, id: 'a b' }, /step id/],
      [{ image: 'api:ci', budgetMB: 1, cacheScope: 'api,mode=min' }, /cache scope/],
      [{ image: 'api:ci', budgetMB: 1, cacheScope: '' }, /cache scope/],
    ];
    for (const [options, message] of bad) {
      let thrown: unknown;
      try {
        imageSizeCheckSteps(options);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(options)).toBeInstanceOf(UsageError);
      expect((thrown as UsageError).code).toBe('workflow/invalid-image-size-check');
      expect((thrown as UsageError).message).toMatch(message);
    }
  });
});

// Docker-reference-like names, valid and nearly valid, and any string at all
const component = fc.stringMatching(/^[a-z0-9]{1,6}(?:[._-][a-z0-9]{1,4}){0,2}$/);
const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,12}$/);
const host = fc.constantFrom('ghcr.io', 'localhost:5000', 'registry.example.com:443', 'docker.io');
const likelyImage = fc
  .tuple(fc.option(host, { nil: undefined }), fc.array(component, { minLength: 1, maxLength: 3 }), fc.option(tag, { nil: undefined }))
  .map(([h, parts, t]) => `${h ? `${h}/` : ''}${parts.join('/')}${t ? `:${t}` : ''}`);
const oddImage = fc.oneof(
  { arbitrary: likelyImage, weight: 4 },
  likelyImage.map((s) => s.toUpperCase()),
  fc.tuple(likelyImage, fc.constantFrom('"', "'", '`', '$(id)', '${{ x }}', ';', '\n', ' ', '\\', '%0A', '::', '#', '&&')).map(([a, b]) => `${a}${b}`),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const budget = fc.oneof(fc.double(), fc.integer({ min: -10, max: 5_000 }), { arbitrary: fc.double({ min: 0.001, max: 1_000_000, noNaN: true }), weight: 2 });

describe('imageSizeCheckSteps: odd names and budgets cannot change the script (property, 1,000 runs)', () => {
  it('either a UsageError, or the constant script with the values intact in env and tags after a YAML round trip', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(oddImage, budget, (image, budgetMB) => {
        let steps: readonly { run?: string }[];
        try {
          steps = imageSizeCheckSteps({ image, budgetMB });
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
          expect((e as UsageError).code).toBe('workflow/invalid-image-size-check');
          refused += 1;
          return;
        }
        // what gets through: a tag Docker accepts, a positive finite budget
        expect(image).toMatch(/^[A-Za-z0-9.:/_-]+$/);
        expect(Number.isFinite(budgetMB) && budgetMB > 0).toBe(true);
        expect(steps.at(-1)?.run).toBe(IMAGE_SIZE_CHECK_SCRIPT);
        accepted += 1;
        const text = Workflow.create('I').on('push').job('image', (j) => j.runsOn('ubuntu-24.04').$call(imageSizeCheck({ image, budgetMB }))).toString();
        const back = stepsOf(text);
        const check = back.at(-1)!;
        expect(check.run).toBe(IMAGE_SIZE_CHECK_SCRIPT);
        expect(check.env?.['IMAGE']).toBe(image);
        expect(check.env?.['BUDGET_MB']).toBe(String(budgetMB));
        expect(Number(check.env?.['BUDGET_MB'])).toBe(budgetMB);
        expect(back.find((s) => s.id === 'image-size-build')?.with?.['tags']).toBe(image);
      }),
      { numRuns: 1_000 },
    );
    // both branches are exercised substantially
    expect(accepted).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(150);
  });
});

// ─── the script under bash, with a stub docker ───────────────────────────────────────────────────

let dir: string;
let scriptFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'image-size-'));
  // the stub answers only `docker image inspect --format {{.Size}} <STUB_IMAGE>`, with STUB_SIZE
  writeFileSync(
    join(dir, 'docker'),
    `#!/bin/sh
if [ "$#" -ne 5 ] || [ "$1" != image ] || [ "$2" != inspect ] || [ "$3" != --format ] || [ "$4" != '{{.Size}}' ] || [ "$5" != "$STUB_IMAGE" ]; then
  echo "stub docker: unexpected arguments: $*" >&2
  exit 3
fi
if [ -n "$STUB_FAIL" ]; then
  echo "Error: No such image: $5" >&2
  exit 1
fi
printf '%s\\n' "$STUB_SIZE"
`,
  );
  chmodSync(join(dir, 'docker'), 0o755);
  // the script as the workflow carries it: read back from the synthesized YAML
  const text = Workflow.create('I').on('push').job('image', (j) => j.runsOn('ubuntu-24.04').$call(imageSizeCheck({ image: 'api:ci', budgetMB: 1 }))).toString();
  scriptFile = join(dir, 'check.sh');
  writeFileSync(scriptFile, stepsOf(text).at(-1)!.run!);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly summary: string;
  readonly output: string;
}

/** Runs the check as GitHub does (`bash --noprofile --norc -eo pipefail`), with the env the step sets. */
function runCheck(image: string, budgetMB: string, size: string, extra: Record<string, string> = {}, started = Math.floor(Date.now() / 1000) - 7): Run {
  const summary = join(dir, `summary-${Math.random().toString(36).slice(2)}`);
  const output = join(dir, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile], {
    encoding: 'utf8',
    env: {
      PATH: `${dir}:${process.env['PATH'] ?? '/usr/bin:/bin'}`,
      IMAGE: image,
      BUDGET_MB: budgetMB,
      STARTED: String(started),
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      STUB_IMAGE: image,
      STUB_SIZE: size,
      ...extra,
    },
  });
  const run = { code: r.status, stdout: r.stdout, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8') };
  rmSync(summary);
  rmSync(output);
  return run;
}

describe('the check script under bash with a stub docker', () => {
  it('under budget: exit 0, a ✅ summary line with size, budget and build time, and the outputs', () => {
    const r = runCheck('api:ci', '150', '123456789');
    expect(r.code).toBe(0);
    expect(r.summary).toMatch(/^- ✅ `api:ci`: 123\.5 MB \(123456789 bytes\) of its 150 MB budget; built in (7|8) s\n$/);
    expect(r.output).toMatch(/^bytes=123456789\nmb=123\.5\nseconds=(7|8)\n$/);
    expect(r.stdout).not.toContain('::error::');
  });

  it('over budget: exit 1, a ❌ summary line, and an ::error:: line', () => {
    const r = runCheck('ghcr.io/acme/api:1.2.3', '99.5', '99500001');
    expect(r.code).toBe(1);
    expect(r.summary).toMatch(/^- ❌ `ghcr.io\/acme\/api:1\.2\.3`: 99\.5 MB \(99500001 bytes\), over its budget of 99\.5 MB; built in (7|8) s\n$/);
    expect(r.stdout).toBe('::error::image ghcr.io/acme/api:1.2.3 is 99.5 MB (99500001 bytes), over its budget of 99.5 MB\n');
  });

  it('exactly at the budget is within it', () => {
    expect(runCheck('api:ci', '150', '150000000').code).toBe(0);
    expect(runCheck('api:ci', '150', '150000001').code).toBe(1);
  });

  it('fails with an ::error:: line when docker cannot inspect the image or gives no number', () => {
    const missing = runCheck('api:ci', '150', '1', { STUB_FAIL: '1' });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('::error::docker image inspect could not read the size of api:ci');
    expect(missing.summary).toBe('');
    const garbage = runCheck('api:ci', '150', '12 MB');
    expect(garbage.code).toBe(1);
    expect(garbage.stdout).toContain('::error::docker image inspect gave api:ci a size that is not a number of bytes: 12 MB');
  });

  it('for any valid image, budget and size: exit 1 exactly when bytes > budget × 1,000,000, and the summary names the image (property, 200 runs)', () => {
    fc.assert(
      fc.property(likelyImage.filter((i) => { try { imageSizeCheckSteps({ image: i, budgetMB: 1 }); return true; } catch { return false; } }), fc.double({ min: 0.001, max: 100_000, noNaN: true }), fc.nat({ max: 2 ** 40 }), (image, budgetMB, bytes) => {
        const r = runCheck(image, String(budgetMB), String(bytes));
        expect(r.code).toBe(bytes > budgetMB * 1_000_000 ? 1 : 0);
        expect(r.summary).toContain(`\`${image}\`: `);
        expect(r.summary).toContain(`(${bytes} bytes)`);
        expect(r.summary).toContain(` ${String(budgetMB)} MB`);
      }),
      { numRuns: 200 },
    );
  });
});

describe('imageSizeChecks', () => {
  it('finds each check with what its job builds, also in a parsed file; a check without its build step or a plain build is not one', () => {
    const w = Workflow.create('Images')
      .on('push')
      .job('image', (j) =>
        j
          .runsOn('ubuntu-24.04')
          .timeout(20)
          .step(checkout())
          .$call(imageSizeCheck({ image: 'api:ci', budgetMB: 300, context: 'backend', target: 'runtime', id: 'api-size' }))
          .$call(imageSizeCheck({ image: 'ghcr.io/acme/web:ci', budgetMB: 50, context: '.', file: './web/Dockerfile', id: 'web-size' })),
      )
      .job('orphan', (j) => j.runsOn('ubuntu-24.04').timeout(5).step({ id: 'image-size', run: IMAGE_SIZE_CHECK_SCRIPT, env: { IMAGE: 'x:ci', BUDGET_MB: '10' } }))
      .job('build-only', (j) => j.runsOn('ubuntu-24.04').timeout(5).step(checkout()).run('docker build -t y:ci .'));
    const expected = [
      { job: 'image', step: 'api-size', image: 'api:ci', budgetMB: 300, context: 'backend', file: 'backend/Dockerfile', target: 'runtime' },
      { job: 'image', step: 'web-size', image: 'ghcr.io/acme/web:ci', budgetMB: 50, context: '.', file: 'web/Dockerfile', target: undefined },
    ];
    expect(imageSizeChecks(w.toModel())).toEqual(expected);
    expect(imageSizeChecks(parseWorkflow(w.toString()).model!)).toEqual(expected);
    expect(imageSizeChecks({} as never)).toEqual([]);
  });
});
