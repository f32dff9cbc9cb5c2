// The benchmark's workloads are real configs: they synthesize without errors (so `npm run bench`
// measures synthesis, not a failure), and their files pass the validators a sample at a time.
import { describe, expect, it } from 'vitest';
import type { App } from '../src/app/app.js';
import { composeProblems } from './helpers/oracles/compose.js';
import { dockerfileProblems } from './helpers/oracles/dockerfile.js';
import { checkWorkflow } from './helpers/oracles/workflow.js';

describe('bench workloads', () => {
  it('W1 (the seed stack) synthesizes with no errors or warnings', async () => {
    const w1 = (await import('../bench/workloads/w1.config.js')) as { default: () => App };
    const { files, issues } = w1.default().synth();
    expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(composeProblems(files['compose.yaml']!)).toEqual([]);
    expect(await checkWorkflow(files['.github/workflows/ci.yml']!)).toEqual([]);
  });

  it('W2 (scale) synthesizes 451 files with no errors, and samples pass the validators', async () => {
    const w2 = (await import('../bench/workloads/w2.config.js')) as { default: () => App };
    const { files, issues } = w2.default().synth();
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(Object.keys(files)).toHaveLength(451);
    expect(dockerfileProblems(files['services/svc-7/Dockerfile']!)).toEqual([]);
    expect(composeProblems(files['compose.yaml']!)).toEqual([]);
    expect(await checkWorkflow(files['.github/workflows/pipeline-3.yml']!)).toEqual([]);
  });
});
