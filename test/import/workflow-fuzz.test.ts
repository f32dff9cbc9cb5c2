import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as kit from '../../src/index.js';
import * as workflowKit from '../../src/workflow/index.js';
import { errorsOf } from '../../src/core/issue.js';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { synthWorkflow } from '../../src/workflow/synth.js';
import { parseYaml } from '../../src/core/yaml.js';
import { importFiles } from '../../src/import/index.js';

// Steps and jobs in the forms starter workflows use: typed actions (fitting their types or not),
// other actions, scripts, expressions where booleans and numbers go, call jobs, matrices.
const step = fc.oneof(
  fc.constantFrom(
    { uses: 'actions/checkout@v4' },
    { uses: 'actions/checkout@v3', with: { 'fetch-depth': 0 } },
    { uses: 'actions/checkout@v4', with: { 'fetch-depth': '0' } },
    { name: 'Node', uses: 'actions/setup-node@v4', with: { 'node-version': '${{ matrix.node }}', cache: 'npm' } },
    { uses: 'actions/upload-artifact@v4', with: { path: 'dist', 'if-no-files-found': 'error' } },
    { uses: 'actions/upload-artifact@v4', with: { path: 'dist', 'if-no-files-found': '${{ x }}' } },
    { uses: 'actions/cache@v4', with: { path: '~/.npm' } },
    { uses: 'acme/thing@v1', with: { a: 1 }, env: { X: 'y' } },
    { uses: 'docker/build-push-action@v6', with: { push: true, tags: 'a:1' }, if: "github.ref == 'refs/heads/main'" },
    { run: 'make', name: 'Build', 'working-directory': 'app', shell: 'bash' },
    { run: 'make test\nmake lint\n', 'continue-on-error': true, 'timeout-minutes': 5 },
    { run: 'x', 'continue-on-error': '${{ matrix.experimental }}' },
    { id: 'v', run: 'echo v=1 >> $GITHUB_OUTPUT' },
  ),
);
const normalJob = fc.record(
  {
    name: fc.constantFrom('Build', 'Test ${{ matrix.node }}'),
    'runs-on': fc.constantFrom('ubuntu-latest', ['self-hosted', 'linux'], '${{ matrix.os }}'),
    'timeout-minutes': fc.constantFrom(10, '${{ fromJSON(vars.T) }}'),
    strategy: fc.constantFrom({ matrix: { node: [20, 22] }, 'fail-fast': false }, { matrix: { include: [{ os: 'ubuntu-latest' }] } }, { 'max-parallel': 2, matrix: '${{ fromJSON(needs.a.outputs.m) }}' }),
    env: fc.constantFrom({ CI: true, N: 1, S: 'x' }),
    permissions: fc.constantFrom({ contents: 'read' } as const, 'read-all' as const),
    concurrency: fc.constantFrom('g', { group: 'g', 'cancel-in-progress': true }, { group: 'g', 'cancel-in-progress': '${{ x }}' }),
    if: fc.constantFrom('always()', true),
    outputs: fc.constantFrom({ v: '${{ steps.v.outputs.v }}' }),
    defaults: fc.constantFrom({ run: { shell: 'bash' } }),
    'continue-on-error': fc.constantFrom(false, '${{ x }}'),
    environment: fc.constantFrom('prod', { name: 'prod', url: 'https://x' }),
    steps: fc.array(step, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['runs-on', 'steps'] },
);
const callJob = fc.constantFrom({ uses: './.github/workflows/r.yml', with: { a: 1 }, secrets: 'inherit' }, { uses: 'o/r/.github/workflows/w.yml@v1' });
const workflow = fc
  .tuple(
    fc.constantFrom('push', ['push', 'pull_request'], { push: { branches: ['main'] }, workflow_dispatch: null }, { schedule: [{ cron: '0 0 * * *' }] }),
    fc.array(fc.oneof({ weight: 4, arbitrary: normalJob }, { weight: 1, arbitrary: callJob }), { minLength: 1, maxLength: 3 }),
    fc.constantFrom(undefined, 'CI'),
    fc.constantFrom('none', 'string', 'list1', 'list2'),
  )
  .map(([on, jobs, name, needs]) => {
    const out: Record<string, unknown> = { ...(name ? { name } : {}), on, jobs: {} };
    const ids = jobs.map((_, i) => `j${i}`);
    jobs.forEach((j, i) => {
      const job: Record<string, unknown> = { ...j };
      if (i > 0 && needs === 'string') job.needs = ids[0];
      if (i > 0 && needs === 'list1') job.needs = [ids[0]];
      if (i > 1 && needs === 'list2') job.needs = [ids[0], ids[1]];
      (out.jobs as Record<string, unknown>)[ids[i]!] = job;
    });
    return out;
  });

/** Runs a generated config (plain JavaScript apart from its imports) and returns the workflow's text. */
function run(source: string): string {
  const body = source.replace(/^import[\s\S]*?from '[^']+';$/gm, '').replace('export default app;', 'return app;');
  const names = { ...kit, ...workflowKit } as Record<string, unknown>;
  const app = new Function(...Object.keys(names), body)(...Object.values(names)) as kit.App;
  return synthWorkflow(app.entries().find((e) => e.kind === 'workflow')!.model as kit.WorkflowModel);
}

describe('devstack import on arbitrary workflows', () => {
  it('the generated code builds the same workflow data (1,000 runs)', () => {
    let imported = 0;
    fc.assert(
      fc.property(workflow, (w) => {
        const text = JSON.stringify(w);
        const parsed = parseWorkflow(text);
        if (!parsed.model || errorsOf(parsed.issues).length > 0) return;
        imported++;
        const { source } = importFiles([{ path: '.github/workflows/ci.yml', text }]);
        expect(parseYaml(run(source)).data).toEqual(parseYaml(synthWorkflow(parsed.model)).data);
      }),
      { numRuns: 1000 },
    );
    expect(imported).toBeGreaterThan(500);
  });
});
