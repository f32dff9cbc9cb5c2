import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { App } from '../../src/app/app.js';
import { expr } from '../../src/workflow/expressions.js';
import { BOT_COMMIT_SCRIPT, botUpdatesWorkflow } from '../../src/workflow/bots.js';
import { parseWorkflow } from '../../src/workflow/parse.js';
import { synthWorkflow } from '../../src/workflow/synth.js';
import { actionlint, checkWorkflow } from '../helpers/oracles/workflow.js';

type Job = { if: string; permissions: unknown; steps: { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[]; defaults?: unknown };

beforeAll(async () => {
  await actionlint('on: push\njobs: {}\n');
});

describe('botUpdatesWorkflow', () => {
  it('passes every workflow validator and the built-in rules, and reads back as its model', async () => {
    const w = botUpdatesWorkflow();
    const text = w.toString();
    expect(await checkWorkflow(text)).toEqual([]);
    const back = parseWorkflow(text);
    expect(back.issues).toEqual([]);
    expect(synthWorkflow(back.model!)).toBe(text);
    const app = new App();
    app.workflow('.github/workflows/devstack-bots.yml', w);
    expect(app.synth().issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('runs absorb for Dependabot, synth for every bot, then commits; only for bots, only from this repository, and only this job writes', () => {
    const data = parse(botUpdatesWorkflow().toString()) as { permissions: unknown; jobs: { update: Job } };
    const job = data.jobs.update;
    expect(data.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'write' });
    expect(job.if).toBe("(github.event.pull_request.user.login == 'dependabot[bot]' || github.event.pull_request.user.login == 'renovate[bot]') && github.event.pull_request.head.repo.full_name == github.repository");
    expect(job.steps.map((s) => s.uses ?? s.run)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'npx devstack absorb', 'npx devstack synth', BOT_COMMIT_SCRIPT]);
    expect(job.steps[0]?.with).toEqual({ ref: '${{ github.head_ref }}' });
    expect(job.steps[3]?.if).toBe("github.event.pull_request.user.login == 'dependabot[bot]'");
    // nothing from the pull request reaches a script
    for (const s of job.steps) expect(s.run ?? '').not.toContain('${{');
  });

  it('takes other bots, a subfolder and a token that starts CI again', async () => {
    const text = botUpdatesWorkflow({ absorbFor: ["o'bot[bot]"], synthFor: [], dir: 'infra', token: expr.secrets.BOT_TOKEN!, node: '20' }).toString();
    expect(await checkWorkflow(text)).toEqual([]);
    const job = (parse(text) as { jobs: { update: Job } }).jobs.update;
    expect(job.if).toContain("github.event.pull_request.user.login == 'o''bot[bot]'");
    expect(job.if).not.toContain('renovate');
    expect(job.defaults).toEqual({ run: { 'working-directory': 'infra' } });
    expect(job.steps[0]?.with).toEqual({ ref: '${{ github.head_ref }}', token: '${{ secrets.BOT_TOKEN }}' });
    expect(job.steps[1]?.with).toMatchObject({ 'node-version': '20', 'cache-dependency-path': 'infra/package-lock.json' });
  });
});
