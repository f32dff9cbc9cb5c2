/**
 * What the context checks compare with: the contexts and functions GitHub offers (and where, from
 * its workflow schema), and what a workflow declares (matrix keys, job outputs, inputs, step ids).
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import type { JobModel, StepModel, WorkflowModel } from '../model.js';
import { distance } from '../validate.js';
import { isNormalJob } from './walk.js';

/** The context names GitHub knows (any other name is "Unrecognized named-value"). */
export const CONTEXTS = new Set(['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs']);

/** Functions by lower-case name: display name, fewest and most arguments (as GitHub's parser checks them). */
export const FUNCTIONS = new Map<string, { name: string; min: number; max: number }>([
  ['contains', { name: 'contains', min: 2, max: 2 }],
  ['startswith', { name: 'startsWith', min: 2, max: 2 }],
  ['endswith', { name: 'endsWith', min: 2, max: 2 }],
  ['format', { name: 'format', min: 1, max: 255 }],
  ['join', { name: 'join', min: 1, max: 2 }],
  ['tojson', { name: 'toJSON', min: 1, max: 1 }],
  ['fromjson', { name: 'fromJSON', min: 1, max: 1 }],
  ['hashfiles', { name: 'hashFiles', min: 1, max: 255 }],
  ['case', { name: 'case', min: 3, max: Number.MAX_SAFE_INTEGER }],
  ['success', { name: 'success', min: 0, max: 0 }],
  ['always', { name: 'always', min: 0, max: 0 }],
  ['cancelled', { name: 'cancelled', min: 0, max: 0 }],
  ['failure', { name: 'failure', min: 0, max: 0 }],
]);

/**
 * The highest `{N}` a `format()` string reads, or `undefined` (none, or a string GitHub's reader
 * would reject for another reason, which is not judged here). `{{` and `}}` are literal braces.
 */
export function highestPlaceholder(template: string): number | undefined {
  let highest: number | undefined;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      i++;
      continue;
    }
    if (c !== '{') continue;
    const m = /^\{(\d+)\}/.exec(template.slice(i));
    if (!m) return undefined;
    highest = Math.max(highest ?? 0, Number(m[1]));
    i += m[0].length - 1;
  }
  return highest;
}

/** Names as a case-insensitive set that remembers how each was written. */
export class Names {
  private readonly byLower = new Map<string, string>();
  constructor(names: Iterable<string> = []) {
    for (const n of names) this.byLower.set(n.toLowerCase(), n);
  }
  has(name: string): boolean {
    return this.byLower.has(name.toLowerCase());
  }
  get(name: string): string | undefined {
    return this.byLower.get(name.toLowerCase());
  }
  get size(): number {
    return this.byLower.size;
  }
  list(): string {
    return [...this.byLower.values()].map((n) => `"${n}"`).join(', ');
  }
  /** A `did you mean` hint for a misspelled name, or a list of the names. */
  hint(name: string, none: string): string {
    let best: string | undefined;
    let bestD = 3;
    for (const n of this.byLower.values()) {
      const d = distance(name.toLowerCase(), n.toLowerCase());
      if (d < bestD) (best = n), (bestD = d);
    }
    if (best !== undefined) return `did you mean "${best}"?`;
    return this.size === 0 ? none : `the names are ${this.list()}`;
  }
}


/** What GitHub's workflow schema offers at one place: contexts, the status functions (in `if:`), `hashFiles()` (in steps). */
export interface Place {
  readonly name: string;
  readonly contexts: readonly string[];
  readonly status: boolean;
  readonly hashFiles: boolean;
}

const BASE = ['github', 'inputs', 'vars'];
const NEEDS = [...BASE, 'needs'];
const JOB = [...NEEDS, 'strategy', 'matrix'];
const STEP = [...JOB, 'secrets', 'steps', 'job', 'runner', 'env'];
const place = (name: string, contexts: readonly string[], extra: { status?: boolean; hashFiles?: boolean } = {}): Place => ({ name, contexts, status: extra.status ?? false, hashFiles: extra.hashFiles ?? false });

/**
 * The place of a workflow path in GitHub's workflow schema (workflow-v1.0.json: each key's
 * `context`, added to its parents'), or `undefined` where it is not judged.
 */
export function placeOf(path: IssuePath, callJob: boolean): Place | undefined {
  const [top, , field] = path;
  if (top === 'run-name') return place('run-name', BASE);
  if (top === 'env') return place('the workflow env', [...BASE, 'secrets']);
  if (top === 'concurrency') return place('the workflow concurrency', BASE);
  if (top === 'on') {
    if (path[1] === 'workflow_call' && path[2] === 'outputs' && path[4] === 'value') return place('a workflow_call output', [...BASE, 'jobs']);
    if (path[1] === 'workflow_call' && path[2] === 'inputs' && path[4] === 'default') return place('a workflow_call input default', BASE);
    return undefined;
  }
  if (top !== 'jobs' || path.includes('$raw')) return undefined;
  switch (field) {
    case 'if':
      return place('a job\'s if:', NEEDS, { status: true });
    case 'strategy':
      return place('strategy', NEEDS);
    case 'name': case 'runs-on': case 'timeout-minutes': case 'cancel-timeout-minutes': case 'continue-on-error': case 'concurrency':
      return place(`a job's ${field}`, JOB);
    case 'with':
      return callJob ? place('the with: of a reusable-workflow call', JOB) : undefined;
    case 'secrets':
      return callJob ? place('the secrets: of a reusable-workflow call', [...JOB, 'secrets']) : undefined;
    case 'environment':
      return path[3] === 'url' ? place('environment.url', STEP.filter((c) => c !== 'secrets')) : place('environment', JOB);
    case 'container':
    case 'services': {
      if (path.includes('credentials')) return place(`${field} credentials`, [...JOB, 'secrets', 'env']);
      if (path.includes('env')) return place(`${field} env`, STEP);
      return place(String(field), JOB);
    }
    case 'env':
      return place('a job\'s env', [...JOB, 'secrets']);
    case 'outputs':
      return place('a job\'s outputs', STEP);
    case 'defaults':
      return place('a job\'s defaults', [...JOB, 'env']);
    case 'steps': {
      // the key after the last step index (`steps[i].if`, `steps[i].parallel[j].with.x`)
      let key: string | number | undefined;
      for (let i = 3; i < path.length; i++) if (typeof path[i] === 'number') key = path[i + 1];
      if (key === 'if') return place('a step\'s if:', STEP.filter((c) => c !== 'secrets'), { status: true, hashFiles: true });
      if (key === 'name' || key === 'run' || key === 'working-directory' || key === 'env' || key === 'with' || key === 'continue-on-error' || key === 'timeout-minutes') {
        return place(`a step's ${key}`, STEP, { hashFiles: true });
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export const STATUS = new Set(['success', 'always', 'cancelled', 'failure']);

// a composite action runs inside someone else's job: no `needs`, `vars` or `secrets` (pass them as inputs)
const ACTION_STEP = ['github', 'inputs', 'strategy', 'matrix', 'steps', 'job', 'runner', 'env'];

/**
 * The place of an action path in GitHub's action schema (action-v1.0.json), or `undefined` where
 * it is not judged: composite steps and outputs, and the `env:` and `args:` of a Docker action.
 */
export function actionPlaceOf(path: IssuePath): Place | undefined {
  const [top, field] = path;
  if (top === 'outputs' && path[2] === 'value') return place('an action output', ACTION_STEP);
  if (top !== 'runs' || path.includes('$raw')) return undefined;
  if (field === 'env' || field === 'args') return place(`the ${field}: of a Docker action`, ['inputs']);
  if (field !== 'steps') return undefined;
  let key: string | number | undefined;
  for (let i = 2; i < path.length; i++) if (typeof path[i] === 'number') key = path[i + 1];
  if (key === 'if') return place('a composite step\'s if:', ACTION_STEP, { status: true, hashFiles: true });
  if (key === 'name' || key === 'run' || key === 'shell' || key === 'working-directory' || key === 'env' || key === 'with' || key === 'continue-on-error') {
    return place(`a composite step's ${key}`, ACTION_STEP, { hashFiles: true });
  }
  return undefined;
}


/** The step ids a place can read: those that have run before it, those that run later, every step by id, and siblings in a `parallel` group (not judged). */
export interface StepsScope {
  readonly before: Names;
  readonly later: Names;
  readonly all: Map<string, StepModel>;
  readonly uncertain: Names;
}

/** A job's matrix keys, or `'unknown'` when the matrix (or its `include`) is one expression. */
export function matrixKeys(job: JobModel): Names | 'unknown' {
  const matrix = (job as { strategy?: { matrix?: unknown } }).strategy?.matrix;
  if (matrix === undefined) return new Names();
  if (typeof matrix !== 'object' || matrix === null || Array.isArray(matrix)) return 'unknown';
  const keys: string[] = [];
  for (const [key, value] of Object.entries(matrix)) {
    if (key === 'exclude') continue;
    if (key !== 'include') {
      keys.push(key);
      continue;
    }
    if (!Array.isArray(value)) return 'unknown';
    for (const entry of value) {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'unknown';
      keys.push(...Object.keys(entry));
    }
  }
  return new Names(keys);
}

/** A job's declared outputs; `undefined` for a reusable-workflow call (its outputs live in the called file). */
export function jobOutputs(job: JobModel): Names | undefined {
  if (!isNormalJob(job)) return undefined;
  return new Names(Object.keys(job.outputs ?? {}));
}

/** The inputs a workflow declares (`workflow_call` and `workflow_dispatch`), or `'unknown'`. */
export function workflowInputs(model: WorkflowModel): Names | 'unknown' {
  const raw = (model.$raw as { on?: unknown } | undefined)?.on;
  if (typeof raw === 'object' && raw !== null && ('workflow_call' in raw || 'workflow_dispatch' in raw)) return 'unknown';
  const on = model.on as unknown;
  if (typeof on !== 'object' || on === null || Array.isArray(on)) return new Names();
  const names: string[] = [];
  for (const event of ['workflow_call', 'workflow_dispatch']) {
    const inputs = (on as Record<string, { inputs?: unknown } | null | undefined>)[event]?.inputs;
    if (inputs === undefined || inputs === null) continue;
    if (typeof inputs !== 'object') return 'unknown';
    names.push(...Object.keys(inputs));
  }
  return new Names(names);
}

/** A job's steps in order: top-level index, the step, and its `parallel` steps (at any depth). */
function stepTree(steps: readonly StepModel[] | undefined): { step: StepModel; nested: StepModel[] }[] {
  const flat = (list: readonly StepModel[] | undefined): StepModel[] =>
    Array.isArray(list) ? list.flatMap((s) => (typeof s === 'object' && s !== null ? [s, ...flat(s.parallel)] : [])) : [];
  return (Array.isArray(steps) ? steps : []).map((step) => ({ step, nested: typeof step === 'object' && step !== null ? flat(step.parallel) : [] }));
}

/** The `steps` scope at top-level step `index` (`undefined`: every step has run, as in outputs). */
export function stepsScope(steps: readonly StepModel[] | undefined, index: number | undefined, inParallel: boolean): StepsScope {
  const tree = stepTree(steps);
  const all = new Map<string, StepModel>();
  const before: string[] = [];
  const later: string[] = [];
  const uncertain: string[] = [];
  tree.forEach(({ step, nested }, i) => {
    for (const s of [step, ...nested]) {
      if (typeof s.id !== 'string') continue;
      if (!all.has(s.id.toLowerCase())) all.set(s.id.toLowerCase(), s);
      if (index === undefined || i < index) before.push(s.id);
      else later.push(s.id);
      if (i === index && inParallel && s !== step) uncertain.push(s.id);
    }
  });
  return { before: new Names(before), later: new Names(later), all, uncertain: new Names(uncertain) };
}

