import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionModelSchema, NormalJobSchema, StepSchema, WorkflowModelSchema } from '../../src/workflow/model.js';
import { SCHEMAS } from '../helpers/oracles/workflow.js';

type Json = Record<string, any>;
const load = (name: string): Json => JSON.parse(readFileSync(resolve(SCHEMAS, name), 'utf8'));

function resolveRef(root: Json, node: Json): Json {
  let cur = node;
  for (let i = 0; i < 10 && typeof cur?.$ref === 'string'; i++) {
    cur = cur.$ref.replace(/^#\//, '').split('/').reduce((o: Json, k: string) => o?.[k], root);
  }
  return cur ?? {};
}

/** Object-like properties of a JSON-schema node, across $ref/allOf/anyOf/oneOf. */
function jsonProps(root: Json, node: Json, depth = 0): [string, Json][] {
  const n = resolveRef(root, node);
  if (depth > 8 || typeof n !== 'object') return [];
  const out: [string, Json][] = Object.entries(n.properties ?? {});
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of n[k] ?? []) out.push(...jsonProps(root, sub, depth + 1));
  return out;
}
/** Element schemas: items, additionalProperties, patternProperties values. */
function jsonElements(root: Json, node: Json, depth = 0): Json[] {
  const n = resolveRef(root, node);
  if (depth > 8 || typeof n !== 'object') return [];
  const out: Json[] = [];
  if (n.items && typeof n.items === 'object' && !Array.isArray(n.items)) out.push(n.items);
  if (n.additionalProperties && typeof n.additionalProperties === 'object') out.push(n.additionalProperties);
  for (const v of Object.values(n.patternProperties ?? {})) out.push(v as Json);
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of n[k] ?? []) out.push(...jsonElements(root, sub, depth + 1));
  return out;
}

const def = (s: z.ZodType): any => (s as any)._zod.def;
function unwrap(s: z.ZodType, depth = 0): z.ZodType[] {
  const d = def(s);
  if (depth > 10) return [];
  switch (d.type) {
    case 'optional': case 'nullable': case 'default': return unwrap(d.innerType, depth + 1);
    case 'union': return d.options.flatMap((o: z.ZodType) => unwrap(o, depth + 1));
    case 'lazy': return unwrap(d.getter(), depth + 1);
    case 'pipe': return unwrap(d.in, depth + 1);
    default: return [s];
  }
}
const zodShapes = (s: z.ZodType) => unwrap(s).filter((x) => def(x).type === 'object').map((x) => def(x).shape as Record<string, z.ZodType>);
const zodHasRecord = (s: z.ZodType) => unwrap(s).some((x) => def(x).type === 'record');
const zodElements = (s: z.ZodType) => unwrap(s).flatMap((x) => (def(x).type === 'array' ? [def(x).element] : def(x).type === 'record' ? [def(x).valueType] : []));

function missingKeys(root: Json, json: Json, schema: z.ZodType, path: string, seen: Set<Json>, out: string[]): void {
  const node = resolveRef(root, json);
  if (seen.has(node) || path.split('.').length > 14) return;
  seen.add(node);
  for (const [key, sub] of jsonProps(root, node)) {
    const shape = zodShapes(schema).find((s) => key in s);
    if (shape) missingKeys(root, sub, shape[key] as z.ZodType, `${path}.${key}`, seen, out);
    else if (!zodHasRecord(schema)) out.push(`${path}.${key}`);
  }
  for (const el of jsonElements(root, node)) for (const z of zodElements(schema)) missingKeys(root, el, z, `${path}[]`, seen, out);
  seen.delete(node);
}

describe('the model covers the whole syntax', () => {
  it('every property in github-workflow.json has a place in WorkflowModelSchema', () => {
    const root = load('github-workflow.json');
    const out: string[] = [];
    missingKeys(root, root, WorkflowModelSchema, '', new Set(), out);
    expect(out).toEqual([]);
  });

  it('the walk finds properties at depth (steps of normal jobs, events, permissions)', () => {
    // guard: a walk that visits nothing would pass the test above
    const root = load('github-workflow.json');
    const out: string[] = [];
    missingKeys(root, root, z.strictObject({ name: z.string(), jobs: z.record(z.string(), NormalJobSchema.omit({ steps: true })) }), '', new Set(), out);
    expect(out).toContain('.on');
    expect(out).toContain('.jobs[].steps');
    expect(out).toContain('.permissions');
  });

  it('every property of a composite action in github-action.json has a place in ActionModelSchema', () => {
    const root = load('github-action.json');
    const out: string[] = [];
    missingKeys(root, root, ActionModelSchema, '', new Set(), out);
    expect(out).toEqual([]);
  });

  it('pins the key order (the order keys are written in)', () => {
    expect(Object.keys(WorkflowModelSchema.shape)).toEqual(['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs', '$pinning', '$raw']);
    expect(Object.keys(NormalJobSchema.shape)).toEqual([
      'name', 'needs', 'if', 'permissions', 'runs-on', 'snapshot', 'environment', 'concurrency', 'timeout-minutes',
      'continue-on-error', 'strategy', 'outputs', 'env', 'defaults', 'container', 'services', 'steps', '$raw',
    ]);
    expect(Object.keys((StepSchema as any)._zod.def.shape ?? (StepSchema as any).shape)).toEqual([
      'id', 'if', 'name', 'uses', 'run', 'working-directory', 'shell', 'with', 'env', 'continue-on-error', 'timeout-minutes',
      'background', 'wait', 'wait-all', 'cancel', 'parallel', '$raw',
    ]);
    expect(Object.keys(ActionModelSchema.shape)).toEqual(['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding', '$pinning', '$raw']);
  });
});
