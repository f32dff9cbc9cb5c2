import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { Workflow } from '../../src/workflow/builder.js';
import { expr } from '../../src/workflow/expressions.js';
import { checkWorkflow } from '../helpers/oracles/workflow.js';

const build = Workflow.create('Build')
  .onCall({
    inputs: { image: { type: 'string', required: true }, push: { type: 'boolean' } },
    secrets: { token: { required: true }, npm: { required: false } },
  })
  .job('b', (j) => j.runsOn('ubuntu-latest').timeout(5).step({ run: 'true' }).outputs({ digest: 'sha256:0' }));

/** Untyped code: the same calls the types reject, made through `any`. */
const untyped = build;
const call = (j: unknown, ...args: unknown[]) => (j as { call(...a: unknown[]): never }).call(...args);

describe('call() checks what untyped code passes', () => {
  it('throws workflow/call-missing-input for a required input left out', () => {
    expect(() => Workflow.create('R').on('push').job('c', (j) => call(j, './b.yml', untyped, { with: { push: true }, secrets: 'inherit' }))).toThrow(
      expect.objectContaining({ code: 'workflow/call-missing-input', message: expect.stringContaining('"image"') }),
    );
  });

  it('throws workflow/call-secrets for an undeclared secret or a required one left out', () => {
    expect(() => Workflow.create('R').on('push').job('c', (j) => call(j, './b.yml', untyped, { with: { image: 'a' }, secrets: { token: 'x', tokn: 'y' } }))).toThrow(
      expect.objectContaining({ code: 'workflow/call-secrets', message: expect.stringContaining('"tokn"') }),
    );
    expect(() => Workflow.create('R').on('push').job('c', (j) => call(j, './b.yml', untyped, { with: { image: 'a' }, secrets: { npm: 'x' } }))).toThrow(
      expect.objectContaining({ code: 'workflow/call-secrets', message: expect.stringContaining('"token"') }),
    );
    expect(() => Workflow.create('R').on('push').job('c', (j) => call(j, './b.yml', untyped, { with: { image: 'a' } }))).toThrow(expect.objectContaining({ code: 'workflow/call-secrets' }));
  });

  it('accepts a valid call and writes it', async () => {
    const w = Workflow.create('Release')
      .on('push')
      .permissions({ contents: 'read' })
      .job('c', (j) => j.call('./.github/workflows/build.yml', build, { with: { image: 'api' }, secrets: { token: expr.secrets['REGISTRY_TOKEN']! } }));
    const data = parseYaml(w.toString()).data as any;
    expect(data.jobs.c).toEqual({ uses: './.github/workflows/build.yml', with: { image: 'api' }, secrets: { token: '${{ secrets.REGISTRY_TOKEN }}' } });
    expect(await checkWorkflow(w.toString())).toEqual([]);
  });
});

describe('callOutputs', () => {
  it('writes on.workflow_call.outputs from the jobs context, keeping inputs and secrets', async () => {
    const w = build.callOutputs(({ jobs }) => ({ digest: { description: 'the digest', value: jobs.b.outputs.digest } }));
    const data = parseYaml(w.toString()).data as any;
    expect(data.on.workflow_call.outputs).toEqual({ digest: { description: 'the digest', value: '${{ jobs.b.outputs.digest }}' } });
    expect(Object.keys(data.on.workflow_call)).toEqual(['inputs', 'outputs', 'secrets']);
    expect(await checkWorkflow(w.toString())).toEqual([]);
  });
});

describe('expr.matrix', () => {
  it('writes matrix.<key> wherever it is passed', () => {
    const w = Workflow.create('CI')
      .on('push')
      .job('t', (j) => j.matrix({ os: ['ubuntu-latest'], app: ['api'] }).runsOn(expr.matrix('os')).defaults({ 'working-directory': expr.matrix('app') }).step({ run: 'true' }));
    const job = (parseYaml(w.toString()).data as any).jobs.t;
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.defaults).toEqual({ run: { 'working-directory': '${{ matrix.app }}' } });
  });
});
