/**
 * A compose model (and the `compose.override.yaml` beside it) as builder code:
 * `Compose.create().volume(…).service('api', (s) => s.image(…).dependsOn('db', …))`.
 * Typed methods where they write the data exactly; `set(key, value)` (typed by the model) for the
 * properties without a method; a marked `$raw(…)` for keys the specification does not know.
 * @module
 */
import type { ComposeModel } from '../compose/model.js';
import { ComposeModelSchema, ServiceSchema } from '../compose/model.js';
import { callback, code, data, type Arg, type Call, type Chain } from './code.js';
import type { ImportContext } from './context.js';
import { CommentTracker, str, type CommentMap } from './literal.js';

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const s = (text: string): Arg => code(str(text));

/** A Dockerfile placed in the same config, which a service can build by typed reference. */
export interface DockerfileBinding {
  /** The variable holding the `DockerfileRef`. */
  readonly variable: string;
  /** The Dockerfile's path and build context, from the project root. */
  readonly path: string;
  readonly context: string;
  readonly stages: readonly string[];
  readonly healthchecked: readonly string[];
}

/** What the compose emitter needs besides the model. */
export interface ComposeInput {
  readonly file: string;
  readonly model: ComposeModel;
  /** The override file folded into `dev(…)` settings, when there is one. */
  readonly override?: ComposeModel;
  readonly comments?: CommentMap;
  readonly overrideComments?: CommentMap;
  /** The variable to declare interpolated variables in (an `Env`, which also writes `.env.example`); none: plain strings. */
  readonly envVariable?: string;
  readonly dockerfiles?: readonly DockerfileBinding[];
}

/** The builder code of one compose file: the `Env` it declares (if any) and the chain. */
export interface ComposeCode {
  readonly env?: { readonly chain: Chain; readonly names: readonly string[] };
  readonly chain: Chain;
}

const SERVICE_KEYS = new Set(Object.keys(ServiceSchema.shape));
const TOP_KEYS = new Set(Object.keys(ComposeModelSchema.shape));
const NAME_RE = /^[a-zA-Z0-9._-]+$/;

// Conservative checks that a string matches the builder's template-literal types.
const NUM = String.raw`\d+(?:\.\d+)?`;
const DURATION = new RegExp(String.raw`^(?:(?:${NUM}(?:ns|us|µs|ms|s|m|h)){1,3}|\$\{[^}]*\})$`);
const PORT_NUM = String.raw`\d+(?:-\d+)?`;
const PORT_BODY = String.raw`(?:${PORT_NUM}|${PORT_NUM}:${PORT_NUM}|[^\s:\[\]]+:${PORT_NUM}:${PORT_NUM}|\[[^\]]+\]:${PORT_NUM}:${PORT_NUM}|\$\{[^}]*\}:${PORT_NUM}|[^\s:]+::${PORT_NUM})`;
const PORT = new RegExp(`^${PORT_BODY}(?:/(?:tcp|udp|sctp))?$`);
const BIND = /^(?:\.|\.\.|\.\/.*|\.\.\/.*|\/.*|~.*|\$\{.*)$/;
const RESTART = /^(?:no|always|unless-stopped|on-failure|on-failure:\d+)$/;

interface Scope {
  readonly ctx: ImportContext;
  readonly file: string;
  readonly comments: CommentMap | undefined;
  readonly top: { volumes: Set<string>; networks: Set<string>; secrets: Set<string>; configs: Set<string> };
  readonly services: readonly string[];
  readonly healthy: readonly string[];
  readonly env: Map<string, true> | undefined;
  readonly dockerfiles: readonly DockerfileBinding[];
  readonly dir: string;
}

function commentFor(scope: Scope, path: string): { comments?: string[] } {
  const c = scope.comments?.get(path);
  return c === undefined ? {} : { comments: [c] };
}

/** Nested comments below `path` go into the data literal. */
function value(scope: Scope, v: unknown, path: string): Arg {
  if (!scope.comments) return data(v);
  return data(v, scope.comments, path);
}

function isHealthTest(t: unknown): boolean {
  if (typeof t === 'string') return true;
  if (!Array.isArray(t) || !t.every((x) => typeof x === 'string')) return false;
  if (t[0] === 'CMD') return t.length >= 2;
  if (t[0] === 'CMD-SHELL') return t.length === 2;
  if (t[0] === 'NONE') return t.length === 1;
  return false;
}

function isHealthSpec(h: unknown): boolean {
  if (!isObject(h)) return false;
  for (const [k, v] of Object.entries(h)) {
    if (k === 'test') continue;
    if (['interval', 'timeout', 'start_period', 'start_interval'].includes(k)) {
      if (typeof v !== 'string' || !DURATION.test(v)) return false;
    } else if (k === 'retries') {
      if (typeof v !== 'number') return false;
    } else return false;
  }
  return 'test' in h && isHealthTest(h.test);
}

function isHook(h: unknown): boolean {
  if (!isObject(h)) return false;
  const allowed = new Set(['command', 'user', 'privileged', 'working_dir', 'environment']);
  if (!Object.keys(h).every((k) => allowed.has(k))) return false;
  if (!(typeof h.command === 'string' || (Array.isArray(h.command) && h.command.every((c) => typeof c === 'string')))) return false;
  if (h.user !== undefined && typeof h.user !== 'string') return false;
  if (h.privileged !== undefined && typeof h.privileged !== 'boolean') return false;
  if (h.working_dir !== undefined && typeof h.working_dir !== 'string') return false;
  if (h.environment !== undefined) {
    const e = h.environment;
    if (Array.isArray(e) ? !e.every((x) => typeof x === 'string') : !isObject(e) || !Object.values(e).every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return false;
  }
  return true;
}

function isWatch(w: unknown): boolean {
  if (!isObject(w) || typeof w.path !== 'string') return false;
  const strOrList = (v: unknown) => v === undefined || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
  if (!strOrList(w.ignore) || !strOrList(w.include)) return false;
  if (w.initial_sync !== undefined && typeof w.initial_sync !== 'boolean') return false;
  const common = ['path', 'ignore', 'include', 'initial_sync', 'action'];
  if (w.action === 'sync' || w.action === 'sync+restart') return typeof w.target === 'string' && Object.keys(w).every((k) => [...common, 'target'].includes(k));
  if (w.action === 'sync+exec') return typeof w.target === 'string' && isHook(w.exec) && Object.keys(w).every((k) => [...common, 'target', 'exec'].includes(k));
  if (w.action === 'rebuild' || w.action === 'restart') return Object.keys(w).every((k) => common.includes(k));
  return false;
}

const INTERP = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-)(.*)|(:\?)(.*))?\}$/s;

/** The calls that write one service's properties. */
function serviceCalls(svc: Data, base: string, scope: Scope, dev = false): { calls: Call[]; healthy: boolean } {
  const calls: Call[] = [];
  let healthy = false;
  const { ctx, file } = scope;
  const push = (k: string, name: string, args: Arg[]) => calls.push({ name, args, ...commentFor(scope, `${base}.${k}`) });
  // set(key, value) is typed by the compose model, but it is still the generic path: marked like the other hatches
  const set = (k: string, v: unknown, why = `no method writes this value of "${k}" as written`) => {
    const note = ctx.escape(file, `${base}.${k}`, 'set', `${why}; set() is typed by the compose model`);
    const own = scope.comments?.get(`${base}.${k}`);
    calls.push({ name: 'set', args: [s(k), value(scope, v, `${base}.${k}`)], comments: [...(own !== undefined ? [own] : []), note] });
  };
  const raw: Data = {};
  for (const [k, v] of Object.entries(svc)) {
    const path = `${base}.${k}`;
    if (!SERVICE_KEYS.has(k) && !k.startsWith('x-')) {
      raw[k] = v;
      continue;
    }
    switch (k) {
      case 'image':
      case 'user':
        if (typeof v === 'string') push(k, k, [s(v)]);
        else set(k, v);
        break;
      case 'working_dir':
        if (typeof v === 'string') push(k, 'workingDir', [s(v)]);
        else set(k, v);
        break;
      case 'init':
      case 'read_only':
        if (typeof v === 'boolean') push(k, k === 'init' ? 'init' : 'readOnly', v ? [] : [code('false')]);
        else set(k, v);
        break;
      case 'restart':
        if (typeof v === 'string' && RESTART.test(v)) push(k, 'restart', [s(v)]);
        else set(k, v);
        break;
      case 'build': {
        const ref = buildRef(v, scope);
        if (ref) push(k, 'build', ref);
        else push(k, 'build', [typeof v === 'string' ? s(v) : value(scope, v, path)]);
        break;
      }
      case 'command':
      case 'entrypoint':
        if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) push(k, k, [typeof v === 'string' ? s(v) : data(v)]);
        else set(k, v);
        break;
      case 'environment':
        if (isObject(v) && Object.values(v).every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x)) && !scope.comments?.has(path)) {
          for (const [name, val] of Object.entries(v)) {
            const c = commentFor(scope, `${path}.${name}`);
            const m = typeof val === 'string' && scope.env ? INTERP.exec(val) : null;
            if (m && m[1] === name) {
              scope.env!.set(name, true);
              const opt = m[2] ? `, { default: ${str(m[3] ?? '')} }` : m[4] ? `, { required: ${str(m[5] ?? '')} }` : '';
              calls.push({ name: 'envVar', args: [code(`${str(name)}${opt}`)], ...c });
            } else {
              calls.push({ name: 'env', args: [s(name), data(val)], ...c });
            }
          }
        } else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) push(k, 'environment', [value(scope, v, path)]);
        else set(k, v);
        break;
      case 'ports':
        if (Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'number' || isObject(p) || (typeof p === 'string' && PORT.test(p))) && !hasNested(scope, path)) push(k, 'ports', v.map((p) => data(p)));
        else set(k, v);
        break;
      case 'expose':
        if (Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'number' || typeof p === 'string') && !hasNested(scope, path)) push(k, 'expose', v.map((p) => data(p)));
        else set(k, v);
        break;
      case 'volumes': {
        // a comment above an item goes above its call; one deeper inside an item keeps the data form
        const deeper = scope.comments !== undefined && [...scope.comments.keys()].some((c) => c.startsWith(`${path}.`) && c.slice(path.length + 1).includes('.'));
        const items = Array.isArray(v) && v.length > 0 && !deeper ? v.map((m) => volumeCall(m, scope)) : [];
        if (items.length > 0 && items.every((c) => c !== undefined)) {
          items.forEach((c, i) => {
            const above = [i === 0 ? scope.comments?.get(path) : undefined, scope.comments?.get(`${path}.${i}`)].filter((x): x is string => x !== undefined);
            calls.push(above.length > 0 ? { ...c!, comments: [above.join('\n')] } : c!);
          });
        } else set(k, v);
        break;
      }
      case 'networks':
        if (Array.isArray(v) && v.length > 0 && v.every((n) => typeof n === 'string' && (n === 'default' || scope.top.networks.has(n))) && new Set(v).size === v.length) {
          push(k, 'networks', v.map((n) => s(n as string)));
        } else if (isObject(v) && Object.keys(v).length > 0 && Object.entries(v).every(([n, o]) => (n === 'default' || scope.top.networks.has(n)) && isObject(o)) && !hasNested(scope, path)) {
          Object.entries(v).forEach(([n, o], i) => calls.push({ name: 'network', args: [s(n), data(o)], ...(i === 0 ? commentFor(scope, path) : {}) }));
        } else set(k, v);
        break;
      case 'depends_on': {
        const deps = dependsCalls(v, scope);
        if (deps && !hasNested(scope, path)) deps.forEach((c, i) => calls.push(i === 0 ? { ...c, ...commentFor(scope, path) } : c));
        else set(k, v);
        break;
      }
      case 'healthcheck':
        if (isObject(v) && Object.keys(v).length === 1 && v.disable === true) push(k, 'noHealthcheck', []);
        else if (isHealthSpec(v)) {
          push(k, 'healthcheck', [value(scope, v, path)]);
          healthy = !(Array.isArray((v as Data).test) && ((v as Data).test as string[])[0] === 'NONE');
        } else set(k, v);
        break;
      case 'develop':
        if (isObject(v) && Object.keys(v).length === 1 && Array.isArray(v.watch) && v.watch.length > 0 && v.watch.every(isWatch) && !hasNested(scope, path)) {
          push(k, 'watch', v.watch.map((w) => data(w)));
        } else set(k, v);
        break;
      case 'post_start':
      case 'pre_stop':
        if (Array.isArray(v) && v.length > 0 && v.every(isHook) && !hasNested(scope, path)) {
          v.forEach((h, i) => calls.push({ name: k === 'post_start' ? 'postStart' : 'preStop', args: [data(h)], ...(i === 0 ? commentFor(scope, path) : {}) }));
        } else set(k, v);
        break;
      case 'profiles':
        if (Array.isArray(v) && v.length > 0 && v.every((p) => typeof p === 'string') && new Set(v).size === v.length) push(k, 'profiles', v.map((p) => s(p as string)));
        else set(k, v);
        break;
      case 'secrets':
      case 'configs': {
        const declared = k === 'secrets' ? scope.top.secrets : scope.top.configs;
        const ok = Array.isArray(v) && v.length > 0 && !hasNested(scope, path) && v.every((e) => (typeof e === 'string' ? declared.has(e) : isObject(e) && typeof e.source === 'string' && declared.has(e.source) && Object.keys(e).every((x) => ['source', 'target', 'uid', 'gid', 'mode'].includes(x)) && ['target', 'uid', 'gid'].every((x) => e[x] === undefined || typeof e[x] === 'string') && (e.mode === undefined || typeof e.mode === 'number' || typeof e.mode === 'string')));
        if (ok) (v as unknown[]).forEach((e, i) => calls.push({ name: k === 'secrets' ? 'secret' : 'config', args: [data(e)], ...(i === 0 ? commentFor(scope, path) : {}) }));
        else set(k, v);
        break;
      }
      case 'labels':
        if (isObject(v) && Object.values(v).every((x) => typeof x === 'string')) push(k, 'labels', [value(scope, v, path)]);
        else set(k, v);
        break;
      case 'env_file':
        if (v !== null && v !== undefined) push(k, 'envFile', [value(scope, v, path)]);
        else set(k, v);
        break;
      default:
        set(k, v, `no method for "${k}"`);
    }
  }
  if (Object.keys(raw).length > 0) {
    const note = ctx.escape(file, base, '$raw', `${Object.keys(raw).map((k) => `"${k}"`).join(', ')} ${Object.keys(raw).length === 1 ? 'is' : 'are'} not in the compose specification; kept as written`);
    calls.push({ name: '$raw', args: [value(scope, raw, base)], comments: [note] });
  }
  void dev;
  return { calls, healthy };
}

function hasNested(scope: Scope, path: string): boolean {
  if (!scope.comments) return false;
  for (const k of scope.comments.keys()) if (k.startsWith(`${path}.`)) return true;
  return false;
}

/** `s.volume(source, target, mode)` for a short-syntax mount the builder writes back exactly, or `s.mount({…})`. */
function volumeCall(m: unknown, scope: Scope): Call | undefined {
  if (typeof m === 'string') {
    const parts = m.split(':');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return undefined;
    const [source, target, mode] = parts as [string, string, string | undefined];
    if (!BIND.test(source) && !scope.top.volumes.has(source)) return undefined;
    if (source.startsWith('${') && !source.endsWith('}')) return undefined;
    return { name: 'volume', args: [s(source), s(target), ...(mode !== undefined ? [s(mode)] : [])] };
  }
  if (isObject(m) && typeof m.type === 'string' && typeof m.target === 'string') {
    if (m.type === 'volume' && m.source !== undefined && !(typeof m.source === 'string' && scope.top.volumes.has(m.source))) return undefined;
    if (m.source !== undefined && typeof m.source !== 'string') return undefined;
    return { name: 'mount', args: [data(m)] };
  }
  return undefined;
}

function dependsCalls(v: unknown, scope: Scope): Call[] | undefined {
  if (Array.isArray(v)) {
    if (v.length === 0 || !v.every((d) => typeof d === 'string' && scope.services.includes(d)) || new Set(v).size !== v.length) return undefined;
    return v.map((d) => ({ name: 'dependsOn', args: [s(d as string)] }));
  }
  if (!isObject(v) || Object.keys(v).length === 0) return undefined;
  const calls: Call[] = [];
  for (const [name, dep] of Object.entries(v)) {
    if (!scope.services.includes(name) || !isObject(dep)) return undefined;
    const { condition, restart, required, ...rest } = dep;
    if (Object.keys(rest).length > 0) return undefined;
    if (condition !== 'service_started' && condition !== 'service_healthy' && condition !== 'service_completed_successfully') return undefined;
    if (condition === 'service_healthy' && !scope.healthy.includes(name)) return undefined;
    if (restart !== undefined && typeof restart !== 'boolean') return undefined;
    if (required !== undefined && typeof required !== 'boolean') return undefined;
    const opts: Data = { condition };
    if (restart !== undefined) opts.restart = restart;
    if (required !== undefined) opts.required = required;
    calls.push({ name: 'dependsOn', args: [s(name), data(opts)] });
  }
  return calls;
}

function norm(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/') || '.';
}

/** `s.build(ref, { target })` when the build names a Dockerfile of this config in the long form the builder writes. */
function buildRef(v: unknown, scope: Scope): Arg[] | undefined {
  if (!isObject(v) || typeof v.context !== 'string' || typeof v.dockerfile !== 'string') return undefined;
  const context = norm(scope.dir === '.' ? v.context : `${scope.dir}/${v.context}`);
  const path = norm(`${context}/${v.dockerfile}`);
  const df = scope.dockerfiles.find((d) => norm(d.path) === path && norm(d.context) === context);
  if (!df) return undefined;
  // the builder writes context as ./x (or . / ../x) and dockerfile relative to it: only an exact match keeps the data
  const rel = relPath(scope.dir, df.context);
  if (rel !== v.context || v.dockerfile !== relative(df.context, df.path)) return undefined;
  const { context: _c, dockerfile: _d, ...rest } = v;
  if ('dockerfile_inline' in rest) return undefined;
  if (rest.target !== undefined && (typeof rest.target !== 'string' || !df.stages.includes(rest.target))) return undefined;
  return [code(df.variable), ...(Object.keys(rest).length > 0 ? [data(rest)] : [])];
}

function relative(from: string, to: string): string {
  const f = norm(from).split('/').filter((x) => x !== '.');
  const t = norm(to).split('/').filter((x) => x !== '.');
  let i = 0;
  while (i < f.length && i < t.length && f[i] === t[i]) i++;
  return [...f.slice(i).map(() => '..'), ...t.slice(i)].join('/');
}

function relPath(from: string, to: string): string {
  const rel = relative(from, to);
  if (rel === '') return '.';
  return rel.startsWith('..') ? rel : `./${rel}`;
}

/**
 * The builder code of a compose file.
 *
 * @example
 * ```ts
 * composeCode({ file: 'compose.yaml', model: { services: { db: { image: 'postgres:17' } } } }, ctx).chain;
 * // Compose.create().service('db', (s) => s.image('postgres:17'))
 * ```
 */
export function composeCode(input: ComposeInput, ctx: ImportContext): ComposeCode {
  const { model, file } = input;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
  const top = { volumes: new Set<string>(), networks: new Set<string>(), secrets: new Set<string>(), configs: new Set<string>() };
  const env = input.envVariable !== undefined ? new Map<string, true>() : undefined;
  const scope: Scope = { ctx, file, comments: input.comments, top, services: [], healthy: [], env, dockerfiles: input.dockerfiles ?? [], dir };
  const m = model as Data;
  const head = `${ctx.use('devstack-kit', 'Compose')}.create(${typeof m.name === 'string' ? str(m.name) : ''})`;
  const calls: Call[] = [];
  const raw: Data = {};
  if (m.name !== undefined && typeof m.name !== 'string') raw.name = m.name;
  const named = { volumes: 'volume', networks: 'network', secrets: 'secret', configs: 'config' } as const;
  for (const [k, method] of Object.entries(named)) {
    const section = m[k];
    if (section === undefined) continue;
    if (!isObject(section)) {
      raw[k] = section;
      continue;
    }
    for (const [name, config] of Object.entries(section)) {
      if (!NAME_RE.test(name) || ((k === 'secrets' || k === 'configs') && !isObject(config))) {
        raw[k] = { ...((raw[k] as Data | undefined) ?? {}), [name]: config };
        continue;
      }
      top[k as keyof typeof top].add(name);
      const path = `${k}.${name}`;
      // the comment above the section (`volumes:`) goes with its first entry
      const first = top[k as keyof typeof top].size === 1 ? scope.comments?.get(k) : undefined;
      const own = scope.comments?.get(path);
      const c = first !== undefined && own !== undefined ? `${first}\n${own}` : (first ?? own);
      calls.push({ name: method, args: config === null && (k === 'volumes' || k === 'networks') ? [s(name)] : [s(name), value(scope, config, path)], ...(c !== undefined ? { comments: [c] } : {}) });
    }
  }
  const services = isObject(m.services) ? m.services : undefined;
  if (m.services !== undefined && (!services || Object.keys(services).length === 0)) raw.services = m.services;
  const override = input.override && isObject((input.override as Data).services) ? ((input.override as Data).services as Data) : undefined;
  const known: string[] = [];
  const healthy: string[] = [];
  for (const [name, svc] of dependencyOrder(services ?? {})) {
    const path = `services.${name}`;
    if (!NAME_RE.test(name) || !isObject(svc)) {
      raw.services = { ...((raw.services as Data | undefined) ?? {}), [name]: svc };
      continue;
    }
    const inner: Scope = { ...scope, services: [...known], healthy: [...healthy] };
    const { calls: body, healthy: h } = serviceCalls(svc, path, inner);
    const dev = override?.[name];
    if (isObject(dev)) {
      const devScope: Scope = { ...inner, comments: input.overrideComments };
      const { calls: devCalls } = serviceCalls(dev, path, devScope, true);
      const above = input.overrideComments?.get(path);
      body.push({ name: 'dev', args: [callback('d', devCalls, unused(input.overrideComments, path))], ...(above !== undefined ? { comments: [above] } : {}) });
    }
    // the comment above the service's key: s.comment(…) writes it back there; the one above
    // `services:` has no method and stays a TypeScript comment
    const section = known.length === 0 ? scope.comments?.get('services') : undefined;
    const own = scope.comments?.get(path);
    if (own !== undefined) body.unshift({ name: 'comment', args: [s(own)] });
    // comments no call took (commented-out settings after the last key, say) end the service
    calls.push({ name: 'service', args: [s(name), callback('s', body, unused(scope.comments, path))], ...(section !== undefined ? { comments: [section] } : {}) });
    known.push(name);
    if (h || buildHealthy(svc, scope)) healthy.push(name);
  }
  for (const [k, v] of Object.entries(m)) {
    if (k === 'name' || k === 'services' || k in named) continue;
    raw[k] = v;
  }
  if (Object.keys(raw).length > 0) {
    const keys = Object.keys(raw);
    const why = keys.every((k) => k.startsWith('x-'))
      ? `extension ${keys.length === 1 ? 'key' : 'keys'} ${keys.join(', ')}: no method; kept as written`
      : `no method for ${keys.map((k) => `"${k}"`).join(', ')}${keys.some((k) => !TOP_KEYS.has(k) && !k.startsWith('x-')) ? ' (not in the compose specification)' : ''}; kept as written`;
    const note = ctx.escape(file, keys.join(', '), '$raw', why);
    calls.push({ name: '$raw', args: [value(scope, raw, '')], comments: [note] });
  }
  // comments no call took end the chain: the compose file's, then the folded override's (its top
  // comment, say), which the override file written from dev(…) settings has no place for
  const trailing = (): string[] => {
    const over = input.overrideComments !== undefined ? unused(input.overrideComments, '') : [];
    return [...unused(scope.comments, ''), ...(over.length > 0 ? [`${overridePath(file)}:`, ...over] : [])];
  };
  const envNames = env ? [...env.keys()] : [];
  if (env && envNames.length > 0) {
    calls.unshift({ name: 'env', args: [code(input.envVariable!)] });
    const envHead = `${ctx.use('devstack-kit', 'Env')}.create()`;
    const envCalls: Call[] = envNames.map((n) => ({ name: 'var', args: [s(n)] }));
    return { env: { chain: { head: envHead, calls: envCalls }, names: envNames }, chain: { head, calls, trailing: trailing() } };
  }
  return { chain: { head, calls, trailing: trailing() } };
}

/**
 * The services in file order, except that a service comes after the services it depends on (so
 * `dependsOn` can name them by type). The compose data is the same; only the order of keys moves.
 */
function dependencyOrder(services: Data): [string, unknown][] {
  const entries = Object.entries(services);
  const depsOf = (svc: unknown): string[] => {
    const d = isObject(svc) ? svc.depends_on : undefined;
    const names = Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : isObject(d) ? Object.keys(d) : [];
    return names.filter((n) => n in services);
  };
  const done = new Set<string>();
  const out: [string, unknown][] = [];
  while (out.length < entries.length) {
    const next = entries.find(([n, svc]) => !done.has(n) && depsOf(svc).every((d) => done.has(d) || d === n)) ?? entries.find(([n]) => !done.has(n))!;
    done.add(next[0]);
    out.push(next);
  }
  return out;
}

/** The override file beside a compose file (`dev(…)` settings are written there). */
function overridePath(file: string): string {
  return file.includes('/') ? `${file.slice(0, file.lastIndexOf('/'))}/compose.override.yaml` : 'compose.override.yaml';
}

/** The comments under `path` no call has taken (none when the comments are not tracked). */
function unused(comments: CommentMap | undefined, path: string): string[] {
  return comments instanceof CommentTracker ? comments.takeUnused(path).filter((c) => c.trim() !== '') : [];
}

function buildHealthy(svc: Data, scope: Scope): boolean {
  const b = svc.build;
  if (!isObject(b) || typeof b.target !== 'string' || !buildRef(b, scope)) return false;
  return scope.dockerfiles.some((d) => d.healthchecked.includes(b.target as string) && buildRef(b, scope)?.[0]?.inline === d.variable);
}
