import { describe, expect, it } from 'vitest';
import * as workflow from '../../src/workflow/index.js';

describe('src/workflow/index.ts', () => {
  it('exports exactly this list (a new export is deliberate)', () => {
    expect(Object.keys(workflow).sort()).toEqual([
      'Action', 'ActionModelSchema', 'BOT_COMMIT_SCRIPT', 'EVENT_TYPES', 'Expr', 'JobBuilder', 'JobSchema', 'StepSchema', 'WORKFLOW_EVENTS', 'Workflow',
      'WorkflowModelSchema', 'actionKind', 'actionRules', 'botUpdatesWorkflow', 'buildPush', 'cache', 'checkout', 'cronProblem', 'dependencyCache',
      'dockerLogin', 'dockerMetadata', 'downloadArtifact', 'expr', 'ghaLayerCache', 'imageSizeCheck', 'imageSizeCheckSteps', 'imageSizeChecks', 'isExpr', 'knownActionOutputs', 'npmProject', 'parseAction',
      'parseWorkflow', 'setupBuildx', 'setupNode', 'setupPython', 'setupUv', 'synthAction', 'synthWorkflow', 'uploadArtifact', 'uses', 'uvProject',
      'workflowCodes', 'workflowEnv', 'workflowKind', 'workflowRules',
    ]);
  });

  it('the kind handlers carry the domain codes', () => {
    expect(workflow.workflowKind.kind).toBe('workflow');
    expect(workflow.actionKind.kind).toBe('action');
    expect(workflow.workflowKind.codes).toBe(workflow.workflowCodes);
  });
});
