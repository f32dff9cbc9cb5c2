import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { checkout, setupNode, setupPython } from '../../src/workflow/actions/index.js';
import { Workflow } from '../../src/workflow/builder.js';
import type { JobBuilder } from '../../src/workflow/job.js';
import { workflowKind } from '../../src/workflow/index.js';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { synthWorkflow } from '../../src/workflow/synth.js';
import { actionlint, checkWorkflow } from '../helpers/oracles/workflow.js';

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n');
});

const ident = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const events = fc.subarray(['push', 'pull_request', 'workflow_dispatch', 'merge_group'] as const, { minLength: 1 });
const scripts = fc.constantFrom('make test', 'npm ci && npm test', 'echo "done"', 'uv run pytest -q', 'ls -la', 'python -m pip install -U pip');
const version = fc.constantFrom('3.10', '3.12', '3.13', '1.0', 'on', 'yes', '22:22', '010');

interface JobPlan {
  readonly id: string;
  readonly needs: number[];
  readonly matrix: string[] | undefined;
  readonly steps: string[];
  readonly python: string;
  readonly node: boolean;
}

const plan = fc
  .uniqueArray(ident, { minLength: 1, maxLength: 5 })
  .chain((ids) =>
    fc.tuple(
      events,
      fc.tuple(
        ...ids.map((id, i) =>
          fc.record({
            id: fc.constant(id),
            needs: fc.subarray([...Array(i).keys()]),
            matrix: fc.option(fc.uniqueArray(version, { minLength: 1, maxLength: 3 }), { nil: undefined }),
            steps: fc.array(scripts, { minLength: 1, maxLength: 3 }),
            python: version,
            node: fc.boolean(),
          }),
        ),
      ) as fc.Arbitrary<JobPlan[]>,
    ),
  );

describe('any workflow the builder makes', () => {
  it('is accepted by actionlint, workflow-parser and shellcheck, passes validation and reads back to itself', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async ([on, jobs]) => {
        let w: Workflow<Record<string, string>> = Workflow.create('Generated').on([...on]).permissions({ contents: 'read' }) as never;
        for (const job of jobs) {
          w = w.job(job.id, (j) => {
            let b = j.runsOn('ubuntu-latest').timeout(10);
            if (job.needs.length > 0) b = b.needs(...job.needs.map((n) => jobs[n]!.id));
            let m = (job.matrix ? b.matrix({ v: job.matrix }) : b) as unknown as JobBuilder<Record<string, string>, never, {}, 'v'>;
            m = m.step(checkout());
            m = job.matrix ? m.step(({ matrix }) => setupPython({ 'python-version': matrix.v })) : m.step(setupPython({ 'python-version': job.python }));
            if (job.node) m = m.step(setupNode({ 'node-version': '22', cache: 'npm' }));
            for (const s of job.steps) m = m.run(s);
            return m;
          }) as never;
        }
        const text = w.toString();
        expect(await checkWorkflow(text)).toEqual([]);
        expect(workflowKind.validate(w.toModel(), {}).filter((i) => i.severity !== 'info')).toEqual([]);
        const back = parseWorkflow(text);
        expect(back.issues).toEqual([]);
        expect(synthWorkflow(back.model!)).toBe(text);
        expect(parseYaml(text).data).toEqual(JSON.parse(JSON.stringify(parseYaml(synthWorkflow(w.toModel())).data)));
      }),
      { numRuns: 30 },
    );
  });
});
