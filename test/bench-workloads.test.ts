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

  it('W3 (linear scale) synthesizes at a small size with no errors, and its files pass the validators', async () => {
    const w3 = (await import('../bench/workloads/w3.config.js')) as {
      composeApp: (n: number) => App;
      composeText: (n: number) => string;
      parseApp: (text: string) => App;
      bigMapText: (n: number) => string;
      workflowsApp: (n: number) => App;
    };
    const compose = w3.composeApp(12).synth();
    expect(compose.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(composeProblems(compose.files['compose.yaml']!)).toEqual([]);
    expect(compose.files['compose.yaml']).toContain('svc-11:');
    const parsed = w3.parseApp(w3.composeText(12)).synth();
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(parsed.files['compose.yaml']).toBe(compose.files['compose.yaml']);
    const map = w3.parseApp(w3.bigMapText(30)).synth();
    expect(map.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(composeProblems(map.files['compose.yaml']!)).toEqual([]);
    expect(map.files['compose.yaml']).toContain('VAR_29: value-29');
    const workflows = w3.workflowsApp(2).synth();
    expect(workflows.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(Object.keys(workflows.files)).toHaveLength(2);
    expect(await checkWorkflow(workflows.files['.github/workflows/pipeline-1.yml']!)).toEqual([]);
  });
});
