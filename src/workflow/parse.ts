/**
 * Reading workflow and action files into models. Never throws: problems become issues. Keys the
 * model does not know are kept in `$raw` (with an info issue) and written back unchanged.
 * @module
 */
import type { z } from 'zod';
import { describeValue, type Issue, type IssuePath } from '../core/issue.js';
import type { ParseResult } from '../core/kind.js';
import { defineCodes } from '../core/rule.js';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { withLayout } from '../core/layout.js';
import { parseYaml } from '../core/yaml.js';
import { ActionModelSchema, WorkflowModelSchema, type ActionModel, type WorkflowModel } from './model.js';
import { closestKey, flatIssues, modelSchemaIssues } from './validate.js';

/** Codes the workflow and action parsers report. */
export const workflowParseCodes = defineCodes([
  {
    code: 'workflow/not-a-mapping',
    severity: 'error',
    summary: 'The file is not a YAML mapping of workflow (or action) keys.',
    fix: 'A workflow starts with keys such as `name:`, `on:` and `jobs:`; an action with `name:`, `description:` and `runs:`.',
  },
  {
    code: 'workflow/unmodeled-key',
    severity: 'info',
    summary: 'A key devstack-kit does not model yet was kept as raw content.',
    fix: 'Nothing to do: the key is written back as it was. Check its spelling if the tools you use do not know it either.',
  },
  {
    code: 'workflow/unmodeled-value',
    severity: 'warning',
    summary: 'An action input (`with:`) is not a string, number or boolean; it was kept as raw content.',
    fix: 'Quote the value: an action receives every input as a string (`{{ x }}` is a YAML mapping, not a placeholder).',
  },
]);

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True for paths whose object may hold `$raw`: the root, a job, a step (at any depth of `parallel`). */
function isRawHolder(path: readonly PropertyKey[], kind: 'workflow' | 'action'): boolean {
  if (path.length === 0) return true;
  if (kind === 'workflow' && path.length === 2 && path[0] === 'jobs') return true;
  const steps = kind === 'workflow' ? 3 : 2;
  const head = kind === 'workflow' ? path[0] === 'jobs' && path[2] === 'steps' : path[0] === 'runs' && path[1] === 'steps';
  if (!head || path.length < steps + 1) return false;
  // …steps, i, (parallel, j)*
  const rest = path.slice(steps);
  for (let i = 0; i < rest.length; i += 2) {
    if (typeof rest[i] !== 'number') return false;
    if (i + 1 < rest.length && rest[i + 1] !== 'parallel') return false;
  }
  return rest.length % 2 === 1;
}

function getAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** Moves unknown keys into the nearest `$raw`; returns info issues for each. */
function moveUnknownKeys(data: Data, schema: z.ZodType, kind: 'workflow' | 'action', file: string | undefined): Issue[] {
  const issues: Issue[] = [];
  for (let round = 0; round < 20; round++) {
    const unknown = flatIssues(schema, data).flatMap((i) => {
      if (i.code === 'unrecognized_keys' && i.keys) return [i];
      // a `with:` value that is not a scalar (a stray `{{ x }}`): keep it, with a warning
      const key = i.path[i.path.length - 1];
      if (i.path.length >= 2 && i.path[i.path.length - 2] === 'with' && typeof key === 'string' && getAt(data, i.path) !== undefined) {
        return [{ ...i, code: 'unrecognized_keys', path: i.path.slice(0, -1), keys: [key], odd: true }];
      }
      return [];
    });
    if (unknown.length === 0) break;
    let moved = false;
    for (const u of unknown) {
      const owner = getAt(data, u.path);
      if (!isObject(owner)) continue;
      let h = u.path.length;
      while (h > 0 && !isRawHolder(u.path.slice(0, h), kind)) h--;
      const holder = getAt(data, u.path.slice(0, h));
      if (!isObject(holder)) continue;
      for (const key of u.keys ?? []) {
        if (!(key in owner)) continue;
        const rel = [...u.path.slice(h), key];
        const raw = (isObject(holder.$raw) ? holder.$raw : (holder.$raw = {})) as Data;
        let cur: Data = raw;
        for (const k of rel.slice(0, -1)) {
          const next = cur[String(k)];
          cur = (isObject(next) ? next : (cur[String(k)] = {})) as Data;
        }
        const value = owner[key];
        cur[key] = value;
        delete owner[key];
        moved = true;
        const path = [...u.path, key].map((p) => (typeof p === 'symbol' ? String(p) : (p as string | number)));
        const odd = (u as { odd?: boolean }).odd === true;
        const near = odd ? undefined : closestKey(key);
        issues.push({
          code: odd ? 'workflow/unmodeled-value' : 'workflow/unmodeled-key',
          severity: odd ? 'warning' : 'info',
          message: odd
            ? `expected a string, number or boolean, received ${describeValue(value)}; it is kept as raw content and written back unchanged`
            : `"${key}" is not modeled; it is kept as raw content and written back unchanged`,
          path,
          ...(file !== undefined ? { file } : {}),
          ...(near !== undefined ? { hint: `did you mean "${near}"? GitHub rejects keys it does not know` } : {}),
        });
      }
    }
    if (!moved) break;
  }
  return issues;
}

const PIN_RE = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+@[0-9a-f]{40})["']?\s+#\s*(\S+)/;

/** Reads `uses: owner/repo@<sha> # v4.2.2` comments (the YAML data drops them). */
function pinComments(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = PIN_RE.exec(line);
    if (!m) continue;
    const uses = m[1] as string;
    let tag = (m[2] as string).replace(/^[:=]/, '');
    // `# actions/checkout@v4` names the action again before its tag
    const name = uses.slice(0, uses.lastIndexOf('@'));
    if (tag.startsWith(`${name}@`)) tag = tag.slice(name.length + 1);
    if (/^[\w][\w.+-]*$/.test(tag)) out.set(uses, tag);
  }
  return out;
}

/** Turns `x@sha` (with a tag comment) into `x@tag` plus a pin entry, so synth writes the comment back. */
function applyPins(model: { $pinning?: unknown }, steps: Data[], comments: Map<string, string>): void {
  if (comments.size === 0) return;
  const shas: Record<string, string> = {};
  const seen = new Map<string, string>();
  for (const [usesSha, tag] of comments) {
    const at = usesSha.lastIndexOf('@');
    const logical = `${usesSha.slice(0, at)}@${tag}`;
    const sha = usesSha.slice(at + 1);
    if (seen.has(logical) && seen.get(logical) !== sha) seen.set(logical, '');
    else seen.set(logical, sha);
  }
  for (const step of steps) {
    if (typeof step.uses !== 'string') continue;
    const tag = comments.get(step.uses);
    if (tag === undefined) continue;
    const at = step.uses.lastIndexOf('@');
    const logical = `${step.uses.slice(0, at)}@${tag}`;
    const sha = seen.get(logical);
    if (!sha) continue;
    shas[logical] = sha;
    step.uses = logical;
  }
  if (Object.keys(shas).length > 0) model.$pinning = { policy: 'sha', shas };
}

function allSteps(list: unknown): Data[] {
  const out: Data[] = [];
  if (!Array.isArray(list)) return out;
  for (const s of list) {
    if (!isObject(s)) continue;
    out.push(s);
    out.push(...allSteps(s.parallel));
  }
  return out;
}

/** Adds the 1-based source line of each issue's path (or of its nearest existing parent). */
function withLines(text: string, issues: Issue[]): Issue[] {
  if (issues.length === 0) return issues;
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  return issues.map((issue) => {
    if (issue.line !== undefined) return issue;
    for (let n = issue.path.length; n >= 0; n--) {
      const node = doc.getIn(issue.path.slice(0, n), true);
      if (isNode(node) && node.range) return { ...issue, line: counter.linePos(node.range[0]).line };
    }
    return issue;
  });
}

/** A deep copy in which no object or list appears twice (structuredClone would keep the sharing). */
function unshared(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshared);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unshared(v)]));
  return value;
}

function readDocument<M>(
  text: string,
  file: string | undefined,
  schema: z.ZodType,
  kind: 'workflow' | 'action',
  steps: (data: Data) => Data[],
): ParseResult<M> {
  const parsed = parseYaml(text, file, { layout: true });
  if (parsed.issues.length > 0) return { model: undefined, issues: parsed.issues };
  // an alias (`pull_request: *filters`) reads as the very object its anchor names; the steps below
  // move keys and rewrite `uses:` in place, so each place gets its own copy (the data is plain JSON)
  const data = unshared(parsed.data);
  if (!isObject(data)) {
    return {
      model: undefined,
      issues: [{
        code: 'workflow/not-a-mapping',
        severity: 'error',
        message: `expected a mapping of ${kind} keys, received ${describeValue(data)}`,
        path: [] as IssuePath,
        ...(file !== undefined ? { file } : {}),
        hint: kind === 'workflow' ? 'start the file with `name:`, `on:` and `jobs:`' : 'start the file with `name:`, `description:` and `runs:`',
      }],
    };
  }
  const byLine = (a: Issue, b: Issue) => (a.line ?? 0) - (b.line ?? 0);
  const issues = withLines(text, moveUnknownKeys(data, schema, kind, file)).sort(byLine);
  const errors = withLines(text, modelSchemaIssues(schema, data, 'workflow', file)).sort(byLine);
  if (errors.length > 0) return { model: undefined, issues: [...issues, ...errors] };
  applyPins(data, steps(data), pinComments(text));
  // comments, key order and styles ride beside the model, by data path (`$raw` keys write back at their own path)
  return { model: withLayout(data as M, parsed.layout), issues };
}

/**
 * Reads a workflow file. Never throws; unknown keys are kept as raw content (info issue).
 *
 * @example
 * ```ts
 * const { model, issues } = parseWorkflow('on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n');
 * model?.jobs.t; // { 'runs-on': 'ubuntu-latest', steps: [{ run: 'make' }] }
 * ```
 */
export function parseWorkflow(text: string, file?: string): ParseResult<WorkflowModel> {
  return readDocument<WorkflowModel>(text, file, WorkflowModelSchema, 'workflow', (data) =>
    isObject(data.jobs) ? Object.values(data.jobs).flatMap((j) => (isObject(j) ? allSteps(j.steps) : [])) : [],
  );
}

/**
 * Reads an `action.yml`. Never throws.
 *
 * @example
 * ```ts
 * parseAction('name: A\ndescription: d\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n').model?.runs.using; // 'composite'
 * ```
 */
export function parseAction(text: string, file?: string): ParseResult<ActionModel> {
  return readDocument<ActionModel>(text, file, ActionModelSchema, 'action', (data) => (isObject(data.runs) ? allSteps(data.runs.steps) : []));
}
