/**
 * A workflow or composite action model as builder code: `Workflow.create('CI').on(…).job('test',
 * (j) => j.runsOn(…).step(checkout()))`. Known actions become their typed helpers (`checkout`,
 * `setupNode`, …); a key no method writes becomes a marked `$raw(…)`.
 * @module
 */
import type { ActionModel, WorkflowModel } from '../workflow/model.js';
import { callback, code, data, fnCall, type Arg, type Call, type Chain } from './code.js';
import type { ImportContext } from './context.js';
import { CommentTracker, commentsInside, str, type CommentMap } from './literal.js';

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (text: string): Arg => code(str(text));

/**
 * The typed action helpers of `devstack-kit/workflow`: the action, the helper, its default version
 * and each input's accepted values (`s` string, `b` boolean, `n` number, `=x` the literal x; `!` required).
 * test/import/actions.test.ts keeps this table in step with the helpers' input types.
 */
export const TYPED_ACTIONS: ReadonlyMap<string, { readonly fn: string; readonly version: string; readonly inputs: Readonly<Record<string, string>> }> = new Map([
  ['actions/checkout', { fn: 'checkout', version: 'v4', inputs: { 'repository': 's', 'ref': 's', 'token': 's', 'ssh-key': 's', 'ssh-known-hosts': 's', 'ssh-strict': 'b', 'ssh-user': 's', 'persist-credentials': 'b', 'path': 's', 'clean': 'b', 'filter': 's', 'sparse-checkout': 's', 'sparse-checkout-cone-mode': 'b', 'fetch-depth': 'n', 'fetch-tags': 'b', 'show-progress': 'b', 'lfs': 'b', 'submodules': 'b|=recursive|s', 'set-safe-directory': 'b', 'github-server-url': 's' } }],
  ['actions/setup-node', { fn: 'setupNode', version: 'v4', inputs: { 'node-version': 's|n', 'node-version-file': 's', 'architecture': 's', 'check-latest': 'b', 'registry-url': 's', 'scope': 's', 'token': 's', 'cache': '=npm|=yarn|=pnpm|s', 'cache-dependency-path': 's', 'always-auth': 'b', 'mirror': 's', 'mirror-token': 's' } }],
  ['actions/setup-python', { fn: 'setupPython', version: 'v5', inputs: { 'python-version': 's', 'python-version-file': 's', 'cache': '=pip|=pipenv|=poetry|s', 'architecture': 's', 'check-latest': 'b', 'token': 's', 'cache-dependency-path': 's', 'update-environment': 'b', 'allow-prereleases': 'b', 'freethreaded': 'b' } }],
  ['actions/cache', { fn: 'cache', version: 'v4', inputs: { 'path': 's!', 'key': 's!', 'restore-keys': 's', 'upload-chunk-size': 'n', 'enableCrossOsArchive': 'b', 'fail-on-cache-miss': 'b', 'lookup-only': 'b' } }],
  ['actions/upload-artifact', { fn: 'uploadArtifact', version: 'v4', inputs: { 'name': 's', 'path': 's!', 'if-no-files-found': '=warn|=error|=ignore', 'retention-days': 'n', 'compression-level': 'n', 'overwrite': 'b', 'include-hidden-files': 'b' } }],
  ['actions/download-artifact', { fn: 'downloadArtifact', version: 'v4', inputs: { 'name': 's', 'path': 's', 'pattern': 's', 'merge-multiple': 'b', 'github-token': 's', 'repository': 's', 'run-id': 's|n' } }],
  ['docker/setup-buildx-action', { fn: 'setupBuildx', version: 'v3', inputs: { 'version': 's', 'driver': '=docker|=docker-container|=kubernetes|=remote|s', 'driver-opts': 's', 'buildkitd-flags': 's', 'buildkitd-config': 's', 'buildkitd-config-inline': 's', 'install': 'b', 'use': 'b', 'name': 's', 'endpoint': 's', 'platforms': 's', 'append': 's', 'cache-binary': 'b', 'cleanup': 'b' } }],
  ['docker/login-action', { fn: 'dockerLogin', version: 'v3', inputs: { 'registry': 's', 'username': 's', 'password': 's', 'ecr': '=auto|=true|=false|s', 'logout': 'b' } }],
  ['docker/metadata-action', { fn: 'dockerMetadata', version: 'v5', inputs: { 'context': '=workflow|=git|s', 'images': 's!', 'tags': 's', 'flavor': 's', 'labels': 's', 'annotations': 's', 'sep-tags': 's', 'sep-labels': 's', 'sep-annotations': 's', 'bake-target': 's', 'github-token': 's' } }],
  ['astral-sh/setup-uv', { fn: 'setupUv', version: 'v6', inputs: { 'version': 's', 'version-file': 's', 'python-version': 's', 'activate-environment': 'b', 'working-directory': 's', 'checksum': 's', 'github-token': 's', 'enable-cache': 'b|=auto', 'cache-dependency-glob': 's', 'cache-suffix': 's', 'cache-local-path': 's', 'prune-cache': 'b', 'ignore-nothing-to-cache': 'b', 'ignore-empty-workdir': 'b', 'tool-dir': 's', 'tool-bin-dir': 's' } }],
  ['docker/build-push-action', { fn: 'buildPush', version: 'v6', inputs: { 'add-hosts': 's', 'allow': 's', 'annotations': 's', 'attests': 's', 'build-args': 's', 'build-contexts': 's', 'builder': 's', 'cache-from': 's', 'cache-to': 's', 'call': 's', 'cgroup-parent': 's', 'context': 's', 'file': 's', 'labels': 's', 'network': 's', 'no-cache-filters': 's', 'outputs': 's', 'platforms': 's', 'secrets': 's', 'secret-envs': 's', 'secret-files': 's', 'shm-size': 's', 'ssh': 's', 'tags': 's', 'target': 's', 'ulimit': 's', 'github-token': 's', 'load': 'b', 'no-cache': 'b', 'pull': 'b', 'push': 'b', 'provenance': 's|b', 'sbom': 's|b' } }],
]);

function fitsInput(spec: string, v: unknown): boolean {
  const kinds = spec.replace(/!$/, '').split('|');
  if (typeof v === 'string') return kinds.includes('s') || kinds.includes(`=${v}`);
  if (typeof v === 'boolean') return kinds.includes('b');
  if (typeof v === 'number') return kinds.includes('n');
  return false;
}

const TYPED_STEP_KEYS = new Set(['id', 'name', 'if', 'uses', 'with', 'env', 'continue-on-error', 'timeout-minutes']);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

interface Scope {
  readonly ctx: ImportContext;
  readonly file: string;
  readonly comments: CommentMap | undefined;
}

function commentFor(scope: Scope, path: string): { comments?: string[] } {
  const c = scope.comments?.get(path);
  return c === undefined ? {} : { comments: [c] };
}

function value(scope: Scope, v: unknown, path: string): Arg {
  return scope.comments ? data(v, scope.comments, path) : data(v);
}

/** A typed action call (`checkout({ 'fetch-depth': 0 }, { name: 'Checkout' })`) for a step, when one fits. */
function typedAction(step: Data, scope: Scope, comment?: string): Arg | undefined {
  if (typeof step.uses !== 'string' || !Object.keys(step).every((k) => TYPED_STEP_KEYS.has(k))) return undefined;
  const at = step.uses.lastIndexOf('@');
  if (at <= 0) return undefined;
  const action = TYPED_ACTIONS.get(step.uses.slice(0, at));
  if (!action) return undefined;
  const version = step.uses.slice(at + 1);
  const inputs = step.with ?? {};
  if (!isObject(inputs)) return undefined;
  for (const [k, v] of Object.entries(inputs)) {
    const spec = action.inputs[k];
    if (spec === undefined || !fitsInput(spec, v)) return undefined;
  }
  for (const [k, spec] of Object.entries(action.inputs)) if (spec.endsWith('!') && !(k in inputs)) return undefined;
  const opts: Data = {};
  if (comment !== undefined) opts.comment = comment;
  if (step.name !== undefined) {
    if (typeof step.name !== 'string') return undefined;
    opts.name = step.name;
  }
  if (step.if !== undefined) {
    if (typeof step.if !== 'string' && typeof step.if !== 'boolean') return undefined;
    opts.if = step.if;
  }
  if (version !== action.version) opts.version = version;
  if (step.env !== undefined) {
    if (!isObject(step.env) || !Object.values(step.env).every(isScalar)) return undefined;
    opts.env = step.env;
  }
  if (step['continue-on-error'] !== undefined) {
    if (typeof step['continue-on-error'] !== 'boolean') return undefined;
    opts['continue-on-error'] = step['continue-on-error'];
  }
  if (step['timeout-minutes'] !== undefined) {
    if (typeof step['timeout-minutes'] !== 'number') return undefined;
    opts['timeout-minutes'] = step['timeout-minutes'];
  }
  const fn = scope.ctx.use('devstack-kit/workflow', action.fn);
  const hasInputs = Object.keys(inputs).length > 0;
  const hasOpts = Object.keys(opts).length > 0;
  const args: Arg[] = [];
  if (hasInputs || hasOpts) args.push(data(inputs));
  if (hasOpts) args.push(data(opts));
  // `with: {}` written explicitly would be dropped by the helper
  if (step.with !== undefined && !hasInputs) return undefined;
  return fnCall(fn, args);
}

/** A step as a `StepSpec` object; values the spec's types do not take go under a marked `$raw`. */
function stepSpec(step: Data, scope: Scope, path: string, comment?: string): { arg: Arg; note?: string } {
  const spec: Data = comment !== undefined ? { comment } : {};
  const raw: Data = isObject(step.$raw) ? { ...step.$raw } : {};
  for (const [k, v] of Object.entries(step)) {
    if (k === 'id' || k === '$raw') continue;
    const ok =
      k === 'continue-on-error' ? typeof v === 'boolean'
      : k === 'timeout-minutes' ? typeof v === 'number'
      : k === 'with' || k === 'env' ? isObject(v) && Object.values(v).every(isScalar)
      : k === 'if' ? typeof v === 'string' || typeof v === 'boolean'
      : k === 'parallel' ? false
      : true;
    if (ok) spec[k] = v;
    else raw[k] = v;
  }
  let note: string | undefined;
  if (Object.keys(raw).length > 0) {
    spec.$raw = raw;
    note = scope.ctx.escape(scope.file, path, '$raw', `${Object.keys(raw).map((k) => `"${k}"`).join(', ')}: no typed field takes ${Object.keys(raw).length === 1 ? 'this value' : 'these values'}; kept as written`);
  }
  return { arg: value(scope, spec, path), ...(note !== undefined ? { note } : {}) };
}

function stepCall(step: unknown, scope: Scope, path: string): Call {
  const own = scope.comments?.get(path);
  if (!isObject(step)) {
    const note = scope.ctx.escape(scope.file, path, '$raw', 'a step that is not a mapping; kept as written');
    return { name: 'step', args: [data({ $raw: step })], comments: [...(own !== undefined ? [own] : []), note] };
  }
  const id = typeof step.id === 'string' ? step.id : undefined;
  // the comment above the step goes into its spec (`comment:`, or the typed action's `comment`
  // option), which writes it back above the step
  const typed = typedAction(step, scope, own);
  // a typed action call has no place for comments inside it: they go above the step
  const nested = typed && scope.comments ? commentsInside(scope.comments, path, step).map((k) => scope.comments!.get(k)!) : [];
  const { arg, note } = typed ? { arg: typed, note: undefined } : stepSpec(step, scope, path, own);
  const idComment = id !== undefined && !typed ? scope.comments?.get(`${path}.id`) : undefined;
  const comments = [...(idComment !== undefined ? [idComment] : []), ...nested, ...(note !== undefined ? [note] : [])];
  return { name: 'step', args: id !== undefined ? [s(id), arg] : [arg], ...(comments.length > 0 ? { comments } : {}) };
}

/**
 * Drops the `# v4` comments after pinned `uses: owner/repo@<sha>` lines: the parser already turned
 * them into the step's tag and `pin('sha', …)`, so they would only repeat it.
 */
function withoutPinComments(comments: CommentMap | undefined, steps: [string, unknown][]): CommentMap | undefined {
  if (!comments) return comments;
  // a tracker is edited in place, so what the caller already read stays read
  const out = comments instanceof CommentTracker ? comments : new Map(comments);
  for (const [path, step] of steps) {
    if (!isObject(step) || typeof step.uses !== 'string') continue;
    const c = out.get(`${path}.uses`);
    if (c !== undefined && step.uses.endsWith(`@${c.trim()}`)) out.delete(`${path}.uses`);
  }
  return out;
}

function stepsOf(m: Data): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (isObject(m.jobs)) for (const [id, job] of Object.entries(m.jobs)) if (isObject(job) && Array.isArray(job.steps)) job.steps.forEach((st, i) => out.push([`jobs.${id}.steps.${i}`, st]));
  if (isObject(m.runs) && Array.isArray(m.runs.steps)) m.runs.steps.forEach((st, i) => out.push([`runs.steps.${i}`, st]));
  return out;
}

/** The comments under `path` no call has taken (none when the comments are not tracked). */
function unused(scope: Scope, path: string): string[] {
  return scope.comments instanceof CommentTracker ? scope.comments.takeUnused(path).filter((c) => c.trim() !== '') : [];
}

function hasNested(scope: Scope, path: string): boolean {
  if (!scope.comments) return false;
  for (const k of scope.comments.keys()) if (k.startsWith(`${path}.`)) return true;
  return false;
}

/** `{ group, 'cancel-in-progress' }` as the builders accept it (a boolean, not an expression string). */
function concurrencyFits(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (!isObject(v) || typeof v.group !== 'string') return false;
  if (!Object.keys(v).every((k) => ['group', 'cancel-in-progress', 'queue'].includes(k))) return false;
  if (v['cancel-in-progress'] !== undefined && typeof v['cancel-in-progress'] !== 'boolean') return false;
  if (v.queue !== undefined && v.queue !== 'single' && v.queue !== 'max') return false;
  return true;
}

function defaultsFits(v: unknown): boolean {
  return isObject(v) && Object.keys(v).length === 1 && isObject(v.run) && Object.entries(v.run).every(([k, x]) => (k === 'shell' || k === 'working-directory') && typeof x === 'string');
}

function jobCalls(job: Data, jobPath: string, scope: Scope, earlier: readonly string[]): Call[] {
  const calls: Call[] = [];
  const raw: Data = isObject(job.$raw) ? { ...job.$raw } : {};
  const push = (k: string, name: string, args: Arg[]) => calls.push({ name, args, ...commentFor(scope, `${jobPath}.${k}`) });
  for (const [k, v] of Object.entries(job)) {
    const path = `${jobPath}.${k}`;
    switch (k) {
      case '$raw':
        break;
      case 'name':
        if (typeof v === 'string') push(k, 'name', [s(v)]);
        else raw[k] = v;
        break;
      case 'runs-on':
        push(k, 'runsOn', [typeof v === 'string' ? s(v) : value(scope, v, path)]);
        break;
      case 'needs': {
        const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : undefined;
        if (list && list.length > 0 && list.every((n) => typeof n === 'string' && earlier.includes(n)) && new Set(list).size === list.length && (typeof v === 'string' || list.length > 1)) {
          push(k, 'needs', list.map((n) => s(n as string)));
        } else raw[k] = v;
        break;
      }
      case 'if':
        if (typeof v === 'string' || typeof v === 'boolean') push(k, 'if', [data(v)]);
        else raw[k] = v;
        break;
      case 'permissions':
      case 'container':
      case 'snapshot':
        push(k, k, [value(scope, v, path)]);
        break;
      case 'services':
        if (isObject(v)) push(k, 'services', [value(scope, v, path)]);
        else raw[k] = v;
        break;
      case 'environment':
        if (typeof v === 'string' || (isObject(v) && typeof v.name === 'string' && Object.keys(v).every((x) => ['name', 'url', 'deployment'].includes(x)) && (v.url === undefined || typeof v.url === 'string') && (v.deployment === undefined || typeof v.deployment === 'boolean'))) {
          push(k, 'environment', [typeof v === 'string' ? s(v) : value(scope, v, path)]);
        } else raw[k] = v;
        break;
      case 'concurrency':
        if (concurrencyFits(v)) push(k, 'concurrency', [typeof v === 'string' ? s(v) : value(scope, v, path)]);
        else raw[k] = v;
        break;
      case 'timeout-minutes':
        if (typeof v === 'number') push(k, 'timeout', [data(v)]);
        else raw[k] = v;
        break;
      case 'continue-on-error':
        if (typeof v === 'boolean') push(k, 'continueOnError', [data(v)]);
        else raw[k] = v;
        break;
      case 'env':
        if (isObject(v) && Object.values(v).every(isScalar)) push(k, 'env', [value(scope, v, path)]);
        else raw[k] = v;
        break;
      case 'defaults':
        if (defaultsFits(v)) push(k, 'defaults', [value(scope, (v as Data).run, `${path}.run`)]);
        else raw[k] = v;
        break;
      case 'strategy': {
        if (!isObject(v)) {
          raw[k] = v;
          break;
        }
        const { matrix, ...rest } = v;
        const restOk = Object.entries(rest).every(([x, y]) => (x === 'fail-fast' && typeof y === 'boolean') || (x === 'max-parallel' && typeof y === 'number'));
        const matrixOk = matrix === undefined || typeof matrix === 'string' || (isObject(matrix) && Object.keys(matrix).length > 0);
        if (!restOk || !matrixOk) {
          raw[k] = v;
          break;
        }
        // comments above `strategy:` and `matrix:` go above matrix(…); those of fail-fast / max-parallel above strategy(…)
        const above = [scope.comments?.get(path), scope.comments?.get(`${path}.matrix`)].filter((c): c is string => c !== undefined);
        if (matrix !== undefined) calls.push({ name: 'matrix', args: [typeof matrix === 'string' ? s(matrix) : value(scope, matrix, `${path}.matrix`)], ...(above.length > 0 ? { comments: [above.join('\n')] } : {}) });
        const restComments = Object.keys(rest).map((x) => scope.comments?.get(`${path}.${x}`)).filter((c): c is string => c !== undefined);
        if (Object.keys(rest).length > 0) calls.push({ name: 'strategy', args: [data(rest)], ...(restComments.length > 0 || (matrix === undefined && above.length > 0) ? { comments: [[...(matrix === undefined ? above : []), ...restComments].join('\n')] } : {}) });
        break;
      }
      case 'outputs':
        if (isObject(v) && Object.values(v).every((x) => typeof x === 'string')) push(k, 'outputs', [value(scope, v, path)]);
        else raw[k] = v;
        break;
      case 'uses': {
        if (typeof v !== 'string') {
          raw[k] = v;
          break;
        }
        const opts: Data = {};
        const w = job.with;
        const sec = job.secrets;
        const wOk = w === undefined || (isObject(w) && Object.values(w).every(isScalar));
        const sOk = sec === undefined || sec === 'inherit' || (isObject(sec) && Object.values(sec).every(isScalar));
        if (!wOk || !sOk) {
          raw[k] = v;
          break;
        }
        if (w !== undefined) opts.with = w;
        if (sec !== undefined) opts.secrets = sec;
        push(k, 'uses', [s(v), ...(Object.keys(opts).length > 0 ? [value(scope, opts, jobPath)] : [])]);
        break;
      }
      case 'with':
      case 'secrets':
        if (typeof job.uses !== 'string' || !calls.some((c) => c.name === 'uses')) {
          // written by `uses(…)` when it has a method; else kept raw
          if (!(typeof job.uses === 'string')) raw[k] = v;
        }
        break;
      case 'steps':
        if (Array.isArray(v)) {
          const above = scope.comments?.get(path);
          v.forEach((st, i) => {
            const call = stepCall(st, scope, `${path}.${i}`);
            calls.push(i === 0 && above !== undefined ? { ...call, comments: [above, ...(call.comments ?? [])] } : call);
          });
        } else raw[k] = v;
        break;
      default:
        raw[k] = v;
    }
  }
  // `with`/`secrets` of a call job whose `uses` went raw go raw too
  if ('uses' in raw) {
    if (job.with !== undefined) raw.with = job.with;
    if (job.secrets !== undefined) raw.secrets = job.secrets;
  }
  if (Object.keys(raw).length > 0) {
    const note = scope.ctx.escape(scope.file, jobPath, '$raw', `${Object.keys(raw).map((k) => `"${k}"`).join(', ')}: no typed method takes ${Object.keys(raw).length === 1 ? 'this value' : 'these values'}; kept as written`);
    calls.push({ name: '$raw', args: [value(scope, raw, jobPath)], comments: [note] });
  }
  return calls;
}

/** The calls of a workflow's top-level keys other than `name` and `jobs`. */
function topCalls(m: Data, scope: Scope, calls: Call[]): Data {
  const raw: Data = isObject(m.$raw) ? { ...m.$raw } : {};
  const push = (k: string, name: string, args: Arg[]) => calls.push({ name, args, ...commentFor(scope, k) });
  for (const [k, v] of Object.entries(m)) {
    switch (k) {
      case 'name':
      case 'description':
      case 'jobs':
      case 'runs':
      case 'inputs':
      case 'outputs':
      case '$raw':
        break;
      case 'run-name':
        if (typeof v === 'string') push(k, 'runName', [s(v)]);
        else raw[k] = v;
        break;
      case 'on':
        push(k, 'on', [typeof v === 'string' ? s(v) : value(scope, v, k)]);
        break;
      case 'permissions':
        push(k, 'permissions', [value(scope, v, k)]);
        break;
      case 'env':
        if (isObject(v) && Object.values(v).every(isScalar)) push(k, 'env', [value(scope, v, k)]);
        else raw[k] = v;
        break;
      case 'defaults':
        if (defaultsFits(v)) push(k, 'defaults', [value(scope, (v as Data).run, `${k}.run`)]);
        else raw[k] = v;
        break;
      case 'concurrency':
        if (concurrencyFits(v)) push(k, 'concurrency', [typeof v === 'string' ? s(v) : value(scope, v, k)]);
        else raw[k] = v;
        break;
      case '$pinning': {
        const p = v as { policy: string; shas?: Data };
        calls.push({ name: 'pin', args: [s(p.policy), ...(p.shas ? [data(p.shas)] : [])] });
        break;
      }
      case 'author':
        if (typeof v === 'string') push(k, 'author', [s(v)]);
        else raw[k] = v;
        break;
      case 'branding':
        if (isObject(v) && Object.entries(v).every(([x, y]) => (x === 'color' || x === 'icon') && typeof y === 'string')) push(k, 'branding', [data(v)]);
        else raw[k] = v;
        break;
      default:
        raw[k] = v;
    }
  }
  return raw;
}

function rawCall(scope: Scope, raw: Data, where: string): Call {
  const note = scope.ctx.escape(scope.file, where || '(top level)', '$raw', `${Object.keys(raw).map((k) => `"${k}"`).join(', ')}: no typed method takes ${Object.keys(raw).length === 1 ? 'this value' : 'these values'}; kept as written`);
  return { name: '$raw', args: [value(scope, raw, where)], comments: [note] };
}

/**
 * The builder code of a workflow.
 *
 * @example
 * ```ts
 * workflowCode(parseWorkflow('on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n').model!, ctx, 'ci.yml').chain;
 * // Workflow.create().on('push').job('t', (j) => j.runsOn('ubuntu-latest').step({ run: 'make' }))
 * ```
 */
export function workflowCode(model: WorkflowModel, ctx: ImportContext, file: string, comments?: CommentMap): { chain: Chain } {
  const m = model as unknown as Data;
  const scope: Scope = { ctx, file, comments: withoutPinComments(comments, stepsOf(m)) };
  const head = `${ctx.use('devstack-kit', 'Workflow')}.create(${typeof m.name === 'string' && m.name.trim() !== '' ? str(m.name) : ''})`;
  const calls: Call[] = [];
  const raw = topCalls(m, scope, calls);
  if (m.name !== undefined && !(typeof m.name === 'string' && m.name.trim() !== '')) raw.name = m.name;
  const earlier: string[] = [];
  const jobs = isObject(m.jobs) ? m.jobs : {};
  for (const [id, job] of Object.entries(jobs)) {
    const path = `jobs.${id}`;
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id) || !isObject(job)) {
      raw.jobs = { ...((raw.jobs as Data | undefined) ?? {}), [id]: job };
      continue;
    }
    // the comment above the job's key: j.comment(…) writes it back there; the one above `jobs:`
    // has no method and stays a TypeScript comment
    const section = earlier.length === 0 ? scope.comments?.get('jobs') : undefined;
    const own = scope.comments?.get(path);
    const body = jobCalls(job, path, scope, earlier);
    if (own !== undefined) body.unshift({ name: 'comment', args: [s(own)] });
    // comments no call took (after the last step, say) end the job
    calls.push({ name: 'job', args: [s(id), callback('j', body, unused(scope, path))], ...(section !== undefined ? { comments: [section] } : {}) });
    earlier.push(id);
  }
  if (Object.keys(raw).length > 0) calls.push(rawCall(scope, raw, ''));
  return { chain: { head, calls, trailing: unused(scope, '') } };
}

/**
 * The builder code of a composite action, or `undefined` when it is not a composite action with a
 * name and a description (the importer then places the model as data).
 *
 * @example
 * ```ts
 * actionCode(parseAction('name: Setup\ndescription: Installs\nruns:\n  using: composite\n  steps: []\n').model!, ctx, 'action.yml')?.chain;
 * // Action.create('Setup', 'Installs')
 * ```
 */
export function actionCode(model: ActionModel, ctx: ImportContext, file: string, comments?: CommentMap): { chain: Chain } | undefined {
  const m = model as unknown as Data;
  const runs = m.runs;
  if (typeof m.name !== 'string' || m.name === '' || typeof m.description !== 'string' || m.description === '') return undefined;
  if (!isObject(runs) || runs.using !== 'composite' || !Array.isArray(runs.steps)) return undefined;
  const scope: Scope = { ctx, file, comments: withoutPinComments(comments, stepsOf(m)) };
  const head = `${ctx.use('devstack-kit', 'Action')}.create(${str(m.name)}, ${str(m.description)})`;
  const calls: Call[] = [];
  const raw = topCalls(m, scope, calls);
  if (isObject(m.inputs)) {
    for (const [name, input] of Object.entries(m.inputs)) {
      const ok = isObject(input) && Object.entries(input).every(([k, v]) => (k === 'description' || k === 'deprecationMessage' ? typeof v === 'string' : k === 'required' ? typeof v === 'boolean' : k === 'default' ? isScalar(v) : false));
      if (ok) calls.push({ name: 'input', args: [s(name), ...(Object.keys(input).length > 0 ? [value(scope, input, `inputs.${name}`)] : [])], ...commentFor(scope, `inputs.${name}`) });
      else raw.inputs = { ...((raw.inputs as Data | undefined) ?? {}), [name]: input };
    }
  } else if (m.inputs !== undefined) raw.inputs = m.inputs;
  const runRaw: Data = {};
  for (const [k, v] of Object.entries(runs)) if (k !== 'using' && k !== 'steps') runRaw[k] = v;
  if (Object.keys(runRaw).length > 0) raw.runs = runRaw;
  const runsComments = [scope.comments?.get('runs'), scope.comments?.get('runs.using'), scope.comments?.get('runs.steps')].filter((c): c is string => c !== undefined);
  runs.steps.forEach((st, i) => {
    const call = stepCall(st, scope, `runs.steps.${i}`);
    // the comments above `runs:` and `steps:` go with the first step
    calls.push(i === 0 && runsComments.length > 0 ? { ...call, comments: [runsComments.join('\n'), ...(call.comments ?? [])] } : call);
  });
  if (isObject(m.outputs)) {
    const ok = Object.values(m.outputs).every((o) => isObject(o) && typeof o.value === 'string' && Object.entries(o).every(([k, v]) => (k === 'value' || k === 'description') && typeof v === 'string'));
    if (ok) calls.push({ name: 'outputs', args: [value(scope, m.outputs, 'outputs')], ...commentFor(scope, 'outputs') });
    else raw.outputs = m.outputs;
  } else if (m.outputs !== undefined) raw.outputs = m.outputs;
  if (Object.keys(raw).length > 0) calls.push(rawCall(scope, raw, ''));
  return { chain: { head, calls, trailing: unused(scope, '') } };
}
