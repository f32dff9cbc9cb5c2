import { describe, expect, it } from 'vitest';
import { Env } from '../../src/compose/index.js';
import { Workflow, workflowEnv } from '../../src/workflow/index.js';
import { parseYaml } from '../../src/core/yaml.js';
import { checkWorkflow } from '../helpers/oracles/workflow.js';

const env = Env.create()
  .var('DATABASE_URL', { description: 'Postgres', default: "postgresql://postgres:postgres@localhost:5432/app" })
  .var('NATS_URL')
  .var('API_TOKEN', { secret: true });

describe('workflowEnv', () => {
  it('maps declared variables to vars (with the declared default) and secrets', () => {
    expect(workflowEnv(env)).toEqual({
      DATABASE_URL: "${{ vars.DATABASE_URL || 'postgresql://postgres:postgres@localhost:5432/app' }}",
      NATS_URL: '${{ vars.NATS_URL }}',
      API_TOKEN: '${{ secrets.API_TOKEN }}',
    });
    expect(Object.keys(workflowEnv(env, ['API_TOKEN']))).toEqual(['API_TOKEN']);
  });

  it('escapes quotes in defaults, and the workflow passes every validator', async () => {
    const quoted = Env.create().var('GREETING', { default: "it's" });
    const wf = Workflow.create('CI')
      .on('push')
      .permissions({ contents: 'read' })
      .env(workflowEnv(quoted))
      .job('test', (j) => j.runsOn('ubuntu-24.04').timeout(5).env(workflowEnv(env, ['DATABASE_URL', 'API_TOKEN'])).step({ run: 'echo "$GREETING"' }));
    const text = wf.toString();
    expect((parseYaml(text).data as { env: Record<string, string> }).env.GREETING).toBe("${{ vars.GREETING || 'it''s' }}");
    expect(await checkWorkflow(text)).toEqual([]);
  });

  it('types the names it accepts', () => {
    // @ts-expect-error NATS_ULR is not declared
    expect(() => workflowEnv(env, ['NATS_ULR'])).toThrow(/env\/unknown-name/);
  });
});
