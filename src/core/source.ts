/**
 * Where in the config a value was written: builder methods capture their call site (cheaply: V8
 * keeps the raw frames and formats them only when an issue needs them), and the model carries a
 * side table of call sites keyed by model path, beside it in a `WeakMap` (as the comment layout of
 * `layout.ts` does), so models stay plain data and rules stay pure functions of models. An issue's
 * location is the call site recorded at the longest prefix of its path.
 *
 * Which frame: the first one outside devstack-kit's own code (`src/` under tests, `dist/` when
 * installed). A preset from another npm package calls the builders itself; its frame is skipped in
 * favour of the first frame outside `node_modules` (the user's config calling the preset) when one is
 * among the frames kept, else the preset's own frame is used.
 * @module
 */
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutKey } from './layout.js';

/** A place in a source file: absolute path, 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** An opaque captured call site; {@link siteLocation} turns it into a {@link SourceLocation}. */
export interface Site {
  readonly stack?: string;
}

/**
 * How many frames a capture keeps. The cost of a capture grows with it (V8 walks that many frames),
 * so it is just enough for the builder's own frames (the method and its `#with`) and the user's line,
 * with a little room for a preset or a callback in between. When every frame kept is devstack-kit's
 * own (a deep preset), the site has no location and the issue takes the next shorter recorded path's.
 */
const FRAMES = 6;

/**
 * The process-wide switch, on `globalThis` so that every copy of devstack-kit in a process (the ESM
 * and CJS builds, a config's and the CLI's) obeys it: `false` turns capture off.
 */
const SWITCH = Symbol.for('devstack-kit.sourceCapture');
const isOn = (): boolean => (globalThis as Record<symbol, unknown>)[SWITCH] !== false;

/**
 * Turns call-site capture on or off (on by default) for every copy of devstack-kit in the process.
 * The bench switches it off to measure its cost; with capture off, issues carry no `source`.
 *
 * @example
 * ```ts
 * setSourceCapture(false); // builders record no locations
 * ```
 */
export function setSourceCapture(on: boolean): void {
  (globalThis as Record<symbol, unknown>)[SWITCH] = on;
}

/**
 * Captures the current call site (the frames above the caller), or `undefined` when capture is off.
 * Cheap: the frames are formatted only when {@link siteLocation} reads them.
 *
 * @example
 * ```ts
 * const site = captureSite();
 * siteLocation(site); // { file: '/repo/devstack.config.ts', line: 12, column: 5 }
 * ```
 */
export function captureSite(): Site | undefined {
  if (!isOn()) return undefined;
  return capture(captureSite);
}

/**
 * The folders of devstack-kit's own code: `src/` and `dist/` of the package this module is in (found
 * from its path), both, since with source maps on a `dist/` frame reads as its `src/` file.
 */
function ownRoots(): string[] {
  let file: string;
  try {
    file = fileURLToPath(import.meta.url);
  } catch {
    file = typeof __filename === 'string' ? __filename : '';
  }
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    const name = dir.slice(dir.lastIndexOf(sep) + 1);
    if (name === 'src' || name === 'dist') return [`${dirname(dir)}${sep}src${sep}`, `${dirname(dir)}${sep}dist${sep}`];
  }
  return [dirname(file) + sep];
}

let own: string[] | undefined;
const locations = new WeakMap<Site, SourceLocation | null>();
// on globalThis: the CLI's bundle and the config's devstack-kit are two copies of this module
const CALLEES = Symbol.for('devstack-kit.sourceCallees');
const callees = ((globalThis as Record<symbol, unknown>)[CALLEES] ??= new WeakMap<SourceLocation, string>()) as WeakMap<SourceLocation, string>;

/**
 * The builder method the config called at a location (`image` for `s.image(…)`), when the stack
 * named it. A config loaded through a transpiler that keeps lines but not columns (jiti) reports
 * the column of the transpiled text; the CLI finds the call on the line by this name.
 *
 * @example
 * ```ts
 * sourceCallee(sourceAt(model, ['services', 'db', 'image'])!); // "image"
 * ```
 */
export function sourceCallee(location: SourceLocation): string | undefined {
  return callees.get(location);
}

/** Reads one stack line (`    at fn (/a/b.ts:12:5)`, `    at file:///a/b.ts:12:5`) as a location. */
export function parseFrame(line: string): SourceLocation | undefined {
  const at = line.indexOf('at ');
  if (at < 0) return undefined;
  let loc = line.slice(at + 3).trim();
  if (loc.endsWith(')')) {
    const open = loc.lastIndexOf('(');
    if (open < 0) return undefined;
    loc = loc.slice(open + 1, -1);
  }
  const m = /^(.*):(\d+):(\d+)$/.exec(loc);
  if (m === null) return undefined;
  let file = m[1] as string;
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file);
    } catch {
      return undefined;
    }
  }
  if (file.startsWith('node:') || !(file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file))) return undefined;
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/**
 * The location of a captured site: the first frame outside devstack-kit (preferring one outside
 * `node_modules`), or `undefined` when there is none. Formatted once, then remembered.
 *
 * @example
 * ```ts
 * siteLocation(captureSite()); // { file: '/repo/devstack.config.ts', line: 12, column: 5 }
 * ```
 */
export function siteLocation(site: Site | undefined): SourceLocation | undefined {
  if (site === undefined) return undefined;
  const known = locations.get(site);
  if (known !== undefined) return known ?? undefined;
  own ??= ownRoots();
  let first: SourceLocation | undefined;
  let found: SourceLocation | undefined;
  let callee: string | undefined;
  let firstCallee: string | undefined;
  for (const line of (site.stack ?? '').split('\n').slice(1)) {
    const loc = parseFrame(line);
    if (loc === undefined) continue;
    if (own.some((root) => loc.file.startsWith(root))) {
      // the builder method the user's line called: `at _ComposeService.image (…)` → image
      callee = /at (?:new )?(?:[\w$]+\.)*#?([\w$]+) \(/.exec(line)?.[1];
      continue;
    }
    if (first === undefined) {
      first = loc;
      firstCallee = callee;
    }
    if (!loc.file.includes(`${sep}node_modules${sep}`)) {
      found = loc;
      break;
    }
  }
  const result = found ?? first;
  const name = found ? callee : firstCallee;
  if (result !== undefined && name !== undefined) callees.set(result, name);
  locations.set(site, result ?? null);
  return result;
}

/**
 * The call sites a builder recorded, newest first, as a persistent list: adding one is O(1), and a
 * nested builder's list is placed under a path prefix without copying (`Compose.service` puts the
 * service's under `['services', name]`). Turned into a {@link SourceTable} once, by {@link sourceTable}.
 */
export type SiteList =
  | { readonly path: readonly (string | number)[]; readonly site: Site; readonly next: SiteList | undefined }
  | { readonly prefix: readonly (string | number)[]; readonly list: SiteList; readonly next: SiteList | undefined };

/**
 * Adds a call site at `path` (captured now) to a list; returns the list unchanged when capture is off.
 *
 * @example
 * ```ts
 * let sites = recordSite(undefined, ['ports']); // the caller's `.ports(…)` line
 * ```
 */
export function recordSite(list: SiteList | undefined, path: readonly (string | number)[]): SiteList | undefined {
  if (!isOn()) return list;
  return Object.freeze({ path, site: capture(recordSite), next: list });
}

/**
 * Adds one call site (captured once, now) at each of `paths` to a list.
 *
 * @example
 * ```ts
 * recordSites(undefined, [['ports'], ['expose']]); // one `.ports(…)` call that set two keys
 * ```
 */
export function recordSites(list: SiteList | undefined, paths: readonly (readonly (string | number)[])[]): SiteList | undefined {
  if (!isOn() || paths.length === 0) return list;
  const site = capture(recordSites);
  for (const path of paths) list = Object.freeze({ path, site, next: list });
  return list;
}

/** A frozen site above `skip` (frozen, so the builders' deep freeze stops there and never reads the lazy `stack`). */
function capture(skip: (...args: never[]) => unknown): Site {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES;
  Error.captureStackTrace(holder, skip);
  Error.stackTraceLimit = limit;
  return Object.freeze(holder);
}

/**
 * Places a nested builder's list under `prefix` in `list` (O(1)).
 *
 * @example
 * ```ts
 * nestSites(composeSites, ['services', 'api'], serviceSites);
 * ```
 */
export function nestSites(list: SiteList | undefined, prefix: readonly (string | number)[], nested: SiteList | undefined): SiteList | undefined {
  return nested === undefined ? list : Object.freeze({ prefix, list: nested, next: list });
}

/** Call sites by model path (`layoutKey(path)`); the newest call for a path wins. */
export type SourceTable = ReadonlyMap<string, Site>;

/**
 * Flattens a {@link SiteList} into a table (newest call per path).
 *
 * @example
 * ```ts
 * sourceTable(recordSite(undefined, ['name'])).has('["name"]'); // true
 * ```
 */
export function sourceTable(list: SiteList | undefined): SourceTable {
  const table = new Map<string, Site>();
  const walk = (l: SiteList | undefined, prefix: readonly (string | number)[]): void => {
    for (let node = l; node !== undefined; node = node.next) {
      if ('site' in node) {
        const key = layoutKey(prefix.length === 0 ? node.path : [...prefix, ...node.path]);
        if (!table.has(key)) table.set(key, node.site);
      } else walk(node.list, [...prefix, ...node.prefix]);
    }
  };
  walk(list, []);
  return table;
}

// a model's call sites: the list as the builder left it, flattened into a table when first read
// (only a file with issues is ever read, so building and synthesizing a clean App never flattens)
const lists = new WeakMap<object, SiteList>();
const tables = new WeakMap<object, SourceTable>();

/**
 * Attaches the call sites of a builder's list to the model it built (returned unchanged).
 *
 * @example
 * ```ts
 * const model = withSources({ services: {} }, sites);
 * sourceAt(model, ['services', 'api', 'ports', 0]); // the `.ports(…)` call in the config
 * ```
 */
export function withSources<T>(model: T, list: SiteList | undefined): T {
  if (list !== undefined && typeof model === 'object' && model !== null) {
    lists.set(model, list);
    tables.delete(model);
  }
  return model;
}

/**
 * The call sites attached to a model by {@link withSources}, if any.
 *
 * @example
 * ```ts
 * sourcesOf(Compose.create().name('x').toModel())?.size; // 1
 * ```
 */
export function sourcesOf(model: unknown): SourceTable | undefined {
  if (typeof model !== 'object' || model === null) return undefined;
  let table = tables.get(model);
  if (table === undefined) {
    const list = lists.get(model);
    if (list === undefined) return undefined;
    tables.set(model, (table = sourceTable(list)));
  }
  return table;
}

/**
 * Where the value at `path` of a model was written: the call site recorded at the longest prefix
 * of `path`, as a location; `undefined` when none was recorded (a parsed file, a plain model).
 *
 * @example
 * ```ts
 * sourceAt(model, ['services', 'api', 'ports', 0]); // { file: '/repo/devstack.config.ts', line: 12, column: 5 }
 * ```
 */
export function sourceAt(model: unknown, path: readonly (string | number)[]): SourceLocation | undefined {
  const table = sourcesOf(model);
  if (table === undefined) return undefined;
  for (let n = path.length; n >= 0; n--) {
    const site = table.get(layoutKey(n === path.length ? path : path.slice(0, n)));
    if (site !== undefined) {
      const loc = siteLocation(site);
      if (loc !== undefined) return loc;
    }
  }
  return undefined;
}
