/**
 * Workflow and action synthesis: model → YAML text. Pure; the same model gives the same bytes.
 * @module
 */
import type { z } from 'zod';
import { safeParseMemo } from '../core/schema.js';
import { layoutOf } from '../core/layout.js';
import { stringifyYaml } from '../core/yaml.js';
import { ActionModelSchema, WorkflowModelSchema, type ActionModel, type Pinning, type WorkflowModel } from './model.js';

type Data = Record<string, unknown>;

function isPlainObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges a raw patch into data (objects by key; a list by index when the patch gives an
 * object with numeric keys). Returns a new value; the inputs are not changed.
 */
export function mergeRaw(target: unknown, patch: unknown): unknown {
  if (Array.isArray(target) && isPlainObject(patch) && Object.keys(patch).every((k) => /^\d+$/.test(k))) {
    const out = [...target];
    for (const [k, v] of Object.entries(patch)) out[Number(k)] = mergeRaw(out[Number(k)], v);
    return out;
  }
  if (isPlainObject(target) && isPlainObject(patch)) {
    const out: Data = { ...target };
    for (const [k, v] of Object.entries(patch)) out[k] = k in out ? mergeRaw(out[k], v) : v;
    return out;
  }
  return patch;
}

/** Puts the model's keys in schema order (zod's output order); leaves an invalid model as given. */
function ordered<T>(schema: z.ZodType, model: T): T {
  const r = safeParseMemo(schema, model);
  return (r.success ? r.data : model) as T;
}

interface PinState {
  readonly pinning: Pinning | undefined;
  /** `owner/repo@sha` → the tag written in a comment after it. */
  readonly comments: Map<string, string>;
}

/** Resolves a `uses:` under the pinning policy. */
export function pinnedUses(uses: string, pinning: Pinning | undefined): { uses: string; comment?: string } {
  if (pinning?.policy !== 'sha') return { uses };
  const sha = pinning.shas?.[uses];
  const at = uses.lastIndexOf('@');
  if (sha === undefined || at < 0) return { uses };
  return { uses: `${uses.slice(0, at)}@${sha}`, comment: uses.slice(at + 1) };
}

function stepData(step: Data, pins: PinState): Data {
  const { $raw, ...rest } = step;
  const out: Data = { ...rest };
  if (typeof out.uses === 'string') {
    const p = pinnedUses(out.uses, pins.pinning);
    out.uses = p.uses;
    if (p.comment !== undefined) pins.comments.set(p.uses, p.comment);
  }
  if (Array.isArray(out.parallel)) out.parallel = out.parallel.map((s) => (isPlainObject(s) ? stepData(s, pins) : s));
  return ($raw === undefined ? out : mergeRaw(out, $raw)) as Data;
}

function jobData(job: Data, pins: PinState): Data {
  const { $raw, ...rest } = job;
  const out: Data = { ...rest };
  if (Array.isArray(out.steps)) out.steps = out.steps.map((s) => (isPlainObject(s) ? stepData(s, pins) : s));
  return ($raw === undefined ? out : mergeRaw(out, $raw)) as Data;
}

/** Appends ` # <tag>` after each `uses:` line written with a pinned SHA. */
function addPinComments(text: string, comments: ReadonlyMap<string, string>): string {
  if (comments.size === 0) return text;
  return text
    .split('\n')
    .map((line) => {
      const m = /^(\s*(?:- )?uses: )(\S+)$/.exec(line);
      const tag = m ? comments.get(m[2] as string) : undefined;
      return tag === undefined ? line : `${line} # ${tag}`;
    })
    .join('\n');
}

/**
 * The data a workflow model is written as: keys in schema order, `$raw` merged in, pins resolved.
 * `toWorkflowData(parseWorkflow(text).model)` deep-equals the YAML data of `text`.
 */
export function toWorkflowData(model: WorkflowModel): { data: Data; comments: Map<string, string> } {
  const m = ordered(WorkflowModelSchema, model) as Data;
  const pins: PinState = { pinning: model.$pinning, comments: new Map() };
  const { $raw, $pinning: _p, ...rest } = m;
  const out: Data = { ...rest };
  if (isPlainObject(out.jobs)) {
    const jobs: Data = {};
    for (const [id, job] of Object.entries(out.jobs)) jobs[id] = isPlainObject(job) ? jobData(job, pins) : job;
    out.jobs = jobs;
  }
  return { data: ($raw === undefined ? out : mergeRaw(out, $raw)) as Data, comments: pins.comments };
}

/**
 * Writes a workflow model as YAML (without the generated-file marker). Comments attached to the
 * model (by `parseWorkflow` or the builder's `comment(…)`, see `withLayout`) are written too; a
 * parsed file keeps its author's key order, comments and styles.
 *
 * @example
 * ```ts
 * synthWorkflow({ name: 'CI', on: ['push', 'pull_request'], jobs: { test: { 'runs-on': 'ubuntu-latest', steps: [{ uses: 'actions/checkout@v4' }] } } });
 * // name: CI
 * // on:
 * //   - push
 * //   - pull_request
 * // jobs:
 * //   test:
 * //     runs-on: ubuntu-latest
 * //     steps:
 * //       - uses: actions/checkout@v4
 * ```
 */
export function synthWorkflow(model: WorkflowModel): string {
  const { data, comments } = toWorkflowData(model);
  const layout = layoutOf(model);
  return addPinComments(stringifyYaml(data, { plainKeys: ['on'], explicitNullKeys: ['container'], ...(layout ? { layout } : {}) }), comments);
}

/** The data an action model is written as (see {@link toWorkflowData}). */
export function toActionData(model: ActionModel): { data: Data; comments: Map<string, string> } {
  const m = ordered(ActionModelSchema, model) as Data;
  const pins: PinState = { pinning: model.$pinning, comments: new Map() };
  const { $raw, $pinning: _p, ...rest } = m;
  const out: Data = { ...rest };
  if (isPlainObject(out.runs) && Array.isArray(out.runs.steps)) {
    out.runs = { ...out.runs, steps: out.runs.steps.map((s) => (isPlainObject(s) ? stepData(s, pins) : s)) };
  }
  return { data: ($raw === undefined ? out : mergeRaw(out, $raw)) as Data, comments: pins.comments };
}

/**
 * Writes an `action.yml` model as YAML (without the generated-file marker).
 *
 * @example
 * ```ts
 * synthAction({ name: 'Setup', description: 'Install deps', runs: { using: 'composite', steps: [{ run: 'uv sync', shell: 'bash' }] } });
 * // name: Setup
 * // description: Install deps
 * // runs:
 * //   using: composite
 * //   steps:
 * //     - run: uv sync
 * //       shell: bash
 * ```
 */
export function synthAction(model: ActionModel): string {
  const { data, comments } = toActionData(model);
  const layout = layoutOf(model);
  return addPinComments(stringifyYaml(data, layout ? { layout } : {}), comments);
}
