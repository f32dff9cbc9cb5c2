import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionlint, actionSchemaCheck, checkAction, checkWorkflow, shellcheck, workflowParser, workflowSchemaCheck } from './oracles/workflow.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(resolve(here, '../fixtures/workflow', name), 'utf8');

describe('workflow validators', () => {
  it('accept a valid workflow', async () => {
    expect(await checkWorkflow(fixture('valid.yml'))).toEqual([]);
  });

  it('actionlint still rejects an unknown needs and an unknown matrix key', async () => {
    const problems = await actionlint(fixture('broken/actionlint.yml'));
    expect(problems.some((p) => p.includes('bulid'))).toBe(true);
    expect(problems.some((p) => p.includes('nope'))).toBe(true);
  });

  it('workflow-parser still rejects an unknown job key', async () => {
    const problems = await workflowParser(fixture('broken/workflow-parser.yml'));
    expect(problems.join('\n')).toMatch(/runs-onn/);
  });

  it('shellcheck still rejects unquoted expansions', () => {
    const problems = shellcheck(fixture('broken/shellcheck.yml'));
    expect(problems.join('\n')).toMatch(/SC2086|SC2045/);
  });

  it('the github-workflow.json schema still rejects both branches and branches-ignore on one event', () => {
    const problems = workflowSchemaCheck(fixture('broken/schema.yml'));
    expect(problems.join('\n')).toMatch(/\/on\/push/);
  });

  it('accept a valid composite action', async () => {
    expect(await checkAction(fixture('action-valid.yml'))).toEqual([]);
  });

  it('the action schema still rejects an action without description and shell', () => {
    const problems = actionSchemaCheck(fixture('broken/action.yml'));
    expect(problems.join('\n')).toMatch(/description/);
  });
});
