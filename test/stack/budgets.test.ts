import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.js';
import { checkout } from '../../src/workflow/actions/index.js';
import { Workflow, imageSizeCheck } from '../../src/workflow/index.js';
import { Stack, viteNginx } from '../../src/stack/index.js';

const unchecked = (app: App) => app.synth().issues.filter((i) => i.code === 'stack/unchecked-budget');

/** A workflow of its own that checks the web image (web/Dockerfile, target runtime) with `budgetMB`. */
const ownCheck = (budgetMB: number, target = 'runtime', context = 'web') =>
  Workflow.create('Images')
    .on('push')
    .job('size', (j) => j.runsOn('ubuntu-24.04').timeout(20).step(checkout()).$call(imageSizeCheck({ image: 'web:ci', budgetMB, context, file: 'web/Dockerfile', target })));

describe('stack/unchecked-budget', () => {
  it('is quiet when the stack\'s own image job checks the budget', () => {
    expect(unchecked(Stack.create().add(viteNginx('web', { budgetMB: 50 })).toApp())).toEqual([]);
  });

  it('warns when the stack writes no workflow (workflow: false), naming the image, budget and fix', () => {
    const issues = unchecked(Stack.create({ workflow: false }).add(viteNginx('web', { budgetMB: 50 })).toApp());
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', file: 'web/Dockerfile', path: [] });
    expect(issues[0]!.message).toBe('image "web" has a size budget of 50 MB, but no workflow job builds web/Dockerfile (target runtime) and checks its size against it (the App has no workflow)');
    expect(issues[0]!.hint).toContain("imageSizeCheckSteps({ image: 'web:ci', budgetMB: 50, context: 'web', file: 'web/Dockerfile', target: 'runtime' })");
  });

  it('counts a workflow placed in the App after the stack, when it builds that image with that budget or a tighter one', () => {
    const stack = Stack.create({ workflow: false }).add(viteNginx('web', { budgetMB: 50 }));
    expect(unchecked(stack.toApp().workflow('.github/workflows/images.yml', ownCheck(50)))).toEqual([]);
    expect(unchecked(stack.toApp().workflow('.github/workflows/images.yml', ownCheck(40)))).toEqual([]);
  });

  it('warns when the only check allows more than the budget, or measures another target or context', () => {
    const stack = Stack.create({ workflow: false }).add(viteNginx('web', { budgetMB: 50 }));
    expect(unchecked(stack.toApp().workflow('.github/workflows/images.yml', ownCheck(60)))).toHaveLength(1);
    expect(unchecked(stack.toApp().workflow('.github/workflows/images.yml', ownCheck(50, 'build')))).toHaveLength(1);
    expect(unchecked(stack.toApp().workflow('.github/workflows/images.yml', ownCheck(50, 'runtime', '.')))[0]!.message).toContain('workflows: .github/workflows/images.yml');
  });

  it('warns for a budget recorded with stack.image() that no job checks; a job that only builds is not a check', () => {
    const stack = Stack.create()
      .image({ name: 'api', dockerfile: 'api/Dockerfile', context: 'api', target: 'runtime', budgetMB: 300 })
      .image({ name: 'tool', dockerfile: 'tool/Dockerfile', context: 'tool' })
      .job('build', (j) => j.runsOn('ubuntu-24.04').timeout(10).step(checkout()).run('docker build api'));
    expect(unchecked(stack.toApp()).map((i) => i.message)).toEqual([
      'image "api" has a size budget of 300 MB, but no workflow job builds api/Dockerfile (target runtime) and checks its size against it (workflows: .github/workflows/ci.yml)',
    ]);
  });

  it('follows the App\'s lint options: off, or suppressed with a reason', () => {
    const stack = Stack.create({ workflow: false }).add(viteNginx('web', { budgetMB: 50 }));
    expect(unchecked(stack.toApp({ lint: { severity: { 'stack/unchecked-budget': 'off' } } }))).toEqual([]);
    expect(unchecked(stack.toApp({ lint: { suppress: [{ code: 'stack/unchecked-budget', file: 'web/Dockerfile', reason: 'checked by the release pipeline' }] } }))).toEqual([]);
    expect(() => stack.toApp({ lint: { severity: { 'stack/unchecked-budget': 'error' } } }).synth()).toThrow(/stack\/unchecked-budget/);
  });

  it('app.check refuses what is not a function', () => {
    expect(() => new App().check(null as never)).toThrow(/app\.check/);
  });
});
