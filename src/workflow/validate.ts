/**
 * Schema checks for workflow and action models: core's one path ({@link schemaIssues}, unions
 * flattened, "did you mean" hints) with the workflow's own known keys and missing-key hints.
 * @module
 */
import type { z } from 'zod';
import type { Issue } from '../core/issue.js';
import { closestName, knownKeys, schemaIssues, type SchemaIssueOptions } from '../core/schema.js';
import { ActionModelSchema, WorkflowModelSchema } from './model.js';

export { distance, flatIssues, flattenUnions, type RawIssue } from '../core/schema.js';

/** The schema options of both workflow kinds: keys of workflows and actions, and a hint for a missing `on:`. */
export const workflowSchemaOptions: SchemaIssueOptions = {
  get knownKeys() {
    return knownKeys(WorkflowModelSchema, ActionModelSchema);
  },
  missingHint: (key) => (key === 'on' ? "say when the workflow runs: .on('push') or on: push" : undefined),
};

/**
 * Validates a value against a zod schema and returns issues with `<domain>/schema/*` codes.
 *
 * @example
 * ```ts
 * modelSchemaIssues(WorkflowModelSchema, { on: 'push', jobs: { t: { 'runs-on': 5 } } }, 'workflow');
 * // [{ code: 'workflow/schema/invalid-type', path: ['jobs', 't', 'runs-on'], message: 'expected string, received 5', … }]
 * ```
 */
export function modelSchemaIssues(schema: z.ZodType, value: unknown, domain: string, file?: string): Issue[] {
  return schemaIssues(schema, value, domain, file, workflowSchemaOptions);
}

/** The known workflow or action key closest to `key` (edit distance 1–2), if any. */
export function closestKey(key: string): string | undefined {
  return closestName(key, knownKeys(WorkflowModelSchema, ActionModelSchema));
}
