/**
 * Loading `devstack.config.ts` (with jiti) for the CLI.
 * @module
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { App } from '../app/app.js';
import { ConfigError } from './config-error.js';

export { ConfigError };

/** The config file names looked for, in order, when `--config` is not given. */
export const CONFIG_NAMES = ['devstack.config.ts', 'devstack.config.mts', 'devstack.config.js', 'devstack.config.mjs'];

/**
 * Finds the config: `--config` if given, else the first of {@link CONFIG_NAMES} in `cwd` or the
 * nearest folder above it (stopping at the root of a git checkout), as git and npm find theirs.
 */
export function findConfig(cwd: string, config?: string): string {
  if (config !== undefined) {
    // `--config` with nothing after it (or followed by another option) is a usage mistake, never
    // "look for the default config"
    if (config === '' || config.startsWith('-')) {
      throw new ConfigError(`--config needs a file path${config === '' ? '' : `, received the option ${config}`}`, 'pass --config <file>, e.g. --config devstack.config.ts');
    }
    const path = resolve(cwd, config);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${path}`, 'check the --config path');
    return path;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const path = resolve(dir, name);
      if (existsSync(path)) return path;
    }
    if (existsSync(resolve(dir, '.git')) || dirname(dir) === dir) break;
  }
  throw new ConfigError(`no devstack.config.ts in ${cwd} or the folders above it`, 'create devstack.config.ts whose default export is an App, or pass --config <file>');
}

const LOAD_HINT = 'fix the error in the config file (run with --verbose for the stack)';

/** What a thrown value says, for any value (`throw 'x'`, `throw null`, an Error, an object). */
function describeThrown(value: unknown): { message: string; error: boolean } {
  if (value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string')) {
    const message = String((value as Error).message);
    return { message: message === '' ? `${(value as Error).name ?? 'Error'} with no message` : message, error: true };
  }
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
  const kind = value === null || value === undefined ? '' : ` (${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value})`;
  return { message: `${shown}${kind}, not an Error`, error: false };
}

/**
 * `file:line` of the first stack frame in `path` (the config), else of the first frame in another
 * file of the project (a module the config imports), if the error has one. jiti keeps a module's
 * lines but not its columns (the first line gains its module wrapper), so the column is left out.
 */
function frameIn(error: unknown, path: string): string | undefined {
  const stack = typeof error === 'object' && error !== null ? (error as { stack?: unknown }).stack : undefined;
  if (typeof stack !== 'string') return undefined;
  const frames = stack
    .split('\n')
    .slice(1)
    .flatMap((line) => {
      const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(line.trim());
      return m ? [{ file: m[1]!.replace(/^file:\/\//, ''), line: m[2]! }] : [];
    });
  const own = frames.find((f) => f.file === path);
  const project = frames.find((f) => !f.file.includes('/node_modules/') && !f.file.startsWith(dirname(new URL(import.meta.url).pathname)));
  const frame = own ?? project;
  return frame ? `${frame.file}:${frame.line}` : undefined;
}

/**
 * `<config>:<line>: <what>` when the error comes from a line of the config, else
 * `<config>: <what> (at <file>:<line>)` for a line of a module it imports, else `<config>: <what>`.
 */
function located(error: unknown, path: string, what: string): string {
  const where = frameIn(error, path);
  if (where === undefined) return `${path}: ${what}`;
  return where.startsWith(`${path}:`) ? `${where}: ${what}` : `${path}: ${what} (at ${where})`;
}

/** The source line `line` (1-based) of `path` with a caret under `column` (1-based), as compilers show it. */
function sourceExcerpt(path: string, line: number, column: number): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').split(/\r?\n/)[line - 1];
    if (text === undefined) return undefined;
    const gutter = `${line} | `;
    const pad = text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
    return `  ${gutter}${text}\n  ${' '.repeat(gutter.length)}${pad}^`;
  } catch {
    return undefined;
  }
}

/**
 * A syntax error jiti reports as `ParseError: <message>  \n <file>:<line>:<column>` (babel's column is
 * 0-based): its message, `file:line:col` with a 1-based column, and the line itself.
 */
function parseErrorOf(message: string): { message: string; where: string; excerpt: string | undefined } | undefined {
  const m = /^(?:ParseError: )?([^\n]*?)\s*\n\s*(.+):(\d+):(\d+)\s*$/s.exec(message);
  if (!m || !message.startsWith('ParseError')) return undefined;
  const [, what, file, line, column] = m as unknown as [string, string, string, string, string];
  const col = Number(column) + 1;
  return { message: what, where: `${file}:${line}:${col}`, excerpt: sourceExcerpt(file, Number(line), col) };
}

/** The ConfigError for something thrown while loading `path` (or while calling its default export). */
function loadFailure(thrown: unknown, path: string, during: string): ConfigError {
  const { message, error } = describeThrown(thrown);
  const syntax = error ? parseErrorOf(message) : undefined;
  if (syntax) {
    return new ConfigError(`cannot load ${syntax.where}: syntax error: ${syntax.message}${syntax.excerpt ? `\n${syntax.excerpt}` : ''}`, 'fix the syntax at that line and column', thrown);
  }
  const first = message.split('\n')[0] ?? message;
  return new ConfigError(
    `cannot load ${located(thrown, path, `${during}${error ? ': ' : ' '}${first}`)}`,
    error ? LOAD_HINT : 'throw an Error (new Error("…")) so the message says where it came from',
    thrown,
  );
}

/** Thrown by the stand-in `process.exit` while the config loads. */
class ExitCalled extends Error {
  constructor(readonly exitCode: unknown) {
    super(`process.exit(${exitCode === undefined ? '' : String(exitCode)}) was called`);
  }
}

/**
 * Runs `body` (loading the config) so that nothing the config does ends the CLI behind its back:
 * `process.exit` throws instead of exiting, an exception thrown later from a timer of the config
 * fails the load, and a promise that never settles fails the load once the event loop is empty
 * (instead of Node's silent exit 13 for an unsettled top-level await).
 */
async function guarded<T>(path: string, body: () => Promise<T>): Promise<T> {
  let exitCalled: ExitCalled | undefined;
  let fail!: (e: unknown) => void;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const realExit = process.exit;
  const stopExit = (code?: unknown): never => {
    exitCalled ??= new ExitCalled(code);
    fail(exitCalled);
    throw exitCalled;
  };
  const onUncaught = (e: unknown) => fail(e instanceof ExitCalled ? e : loadFailure(e, path, 'a callback of the config threw'));
  const onEmpty = () => fail(new ConfigError(`cannot load ${path}: the config is still waiting for a promise that never settles (nothing is left for it to wait on)`, 'make sure every promise the config awaits or exports resolves (or rejects); an exported promise must resolve to the App'));
  process.exit = stopExit as typeof process.exit;
  process.on('uncaughtException', onUncaught);
  process.on('beforeExit', onEmpty);
  try {
    const value = await Promise.race([body(), failed]);
    if (exitCalled) throw exitCalled; // called, and its throw caught by the config
    return value;
  } catch (e) {
    const exited = exitCalled ?? (e instanceof ExitCalled ? e : undefined);
    if (exited) {
      throw new ConfigError(`cannot load ${located(exited, path, `the config called process.exit(${exited.exitCode === undefined ? '' : String(exited.exitCode)}) while loading`)}`, 'a config must not exit the process: throw an Error to report a problem, or export the App', exited);
    }
    throw e;
  } finally {
    if (process.exit === stopExit) process.exit = realExit;
    process.off('uncaughtException', onUncaught);
    process.off('beforeExit', onEmpty);
    failed.catch(() => undefined);
  }
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Where jiti keeps the transpiled config (it checks a hash of the source, so an edited config is
 * transpiled again): `node_modules/.cache/devstack-kit/jiti` in the nearest folder at or above the
 * config's that has a `node_modules` (as babel-loader, eslint and other build tools keep theirs), else
 * the user's cache folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows) under `devstack-kit/jiti/<project>-<hash of the project's path>`.
 * Never a shared folder such as `/tmp` that another user could write to; `false` (no cache) when
 * there is no home folder either.
 *
 * @example
 * ```ts
 * jitiCacheDir('/work/app/config/devstack.config.ts'); // with /work/app/node_modules
 * // '/work/app/node_modules/.cache/devstack-kit/jiti'
 * jitiCacheDir('/srv/site/devstack.config.ts', { XDG_CACHE_HOME: '/home/me/.cache' }, 'linux');
 * // '/home/me/.cache/devstack-kit/jiti/site-3f2a9c0e1b7d4a65'
 * ```
 */
export function jitiCacheDir(configPath: string, env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string | false {
  const project = dirname(resolve(configPath));
  for (let dir = project; ; dir = dirname(dir)) {
    if (isDir(join(dir, 'node_modules'))) return join(dir, 'node_modules', '.cache', 'devstack-kit', 'jiti');
    if (dirname(dir) === dir) break;
  }
  const absolute = (p: string | undefined): string | undefined => (p !== undefined && isAbsolute(p) ? p : undefined);
  const base =
    platform === 'win32'
      ? (absolute(env.LOCALAPPDATA) ?? (home ? join(home, 'AppData', 'Local') : undefined))
      : platform === 'darwin'
        ? home ? join(home, 'Library', 'Caches') : undefined
        : (absolute(env.XDG_CACHE_HOME) ?? (home ? join(home, '.cache') : undefined));
  if (base === undefined) return false;
  let real = project;
  try {
    real = realpathSync(project);
  } catch {
    // the folder of a config that exists: realpath only fails on a race; the resolved path will do
  }
  const key = createHash('sha256').update(real).digest('hex').slice(0, 16);
  return join(base, 'devstack-kit', 'jiti', `${basename(real) || 'root'}-${key}`);
}

/** The modules of this copy of devstack-kit, by the specifier a config imports them with. */
const OWN_MODULES: Record<string, () => Promise<unknown>> = {
  'devstack-kit': () => import('../index.js'),
  'devstack-kit/dockerfile': () => import('../dockerfile/index.js'),
  'devstack-kit/compose': () => import('../compose/index.js'),
  'devstack-kit/workflow': () => import('../workflow/index.js'),
  'devstack-kit/stack': () => import('../stack/index.js'),
  'devstack-kit/testing': () => import('../testing.js'),
};

/** The folder of this copy of devstack-kit (the nearest package.json named devstack-kit above this module). */
function ownPackageDir(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'devstack-kit') return realpathSync(dir);
    } catch {
      // no package.json here: look further up
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The modules the config gets for `import … from 'devstack-kit'` (and its subpaths), whether it is
 * ESM or CommonJS: this CLI's own, so that the config and the CLI share one copy of the library (one
 * module graph, one set of classes: `instanceof` holds across them). jiti hands them to the modules it
 * transpiles (`virtualModules`); a CommonJS module Node loads itself (a `devstack.config.js` that
 * `require`s the package, a CommonJS preset) finds them in `require.cache` under the files its
 * `require` resolves to (`dist/*.cjs`), which are never loaded; an ESM module Node loads itself gets
 * `dist/*.js`, the files the CLI's own modules are. Done when the config's `devstack-kit` is this copy,
 * or when the config cannot resolve one; a project that installs another copy keeps it (brands, not
 * `instanceof`, tell the App there).
 */
async function ownModules(configPath: string): Promise<Record<string, unknown> | undefined> {
  const require = createRequire(configPath);
  let theirs: string | undefined;
  try {
    theirs = realpathSync(dirname(require.resolve('devstack-kit/package.json')));
  } catch {
    theirs = undefined;
  }
  if (theirs !== undefined && theirs !== ownPackageDir()) return undefined;
  const ids = Object.keys(OWN_MODULES);
  const modules = await Promise.all(ids.map((id) => OWN_MODULES[id]!()));
  if (theirs !== undefined) {
    ids.forEach((id, i) => {
      let file: string;
      try {
        file = require.resolve(id);
      } catch {
        return;
      }
      if (require.cache[file] !== undefined) return;
      const module = new Module(file);
      module.filename = file;
      module.loaded = true;
      module.exports = modules[i];
      require.cache[file] = module;
    });
  }
  return Object.fromEntries(ids.map((id, i) => [id, modules[i]]));
}

/** Loads the config and returns its App and the folder files are written to (the config's folder). */
export async function loadApp(path: string): Promise<{ app: App; dir: string }> {
  const virtualModules = await ownModules(path);
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: jitiCacheDir(path), interopDefault: true, ...(virtualModules ? { virtualModules } : {}) });
  const rethrown = (e: unknown) => (e instanceof ConfigError || (e as { code?: string } | null)?.code === 'app/duplicate-path' || (e as Error | null)?.name === 'UsageError');
  const exported = await guarded(path, async () => {
    let value: unknown;
    try {
      value = await jiti.import(path, { default: true });
    } catch (e) {
      if (rethrown(e)) throw e;
      throw loadFailure(e, path, 'the config threw');
    }
    if (typeof value !== 'function') return value;
    try {
      return await (value as () => unknown)();
    } catch (e) {
      if (rethrown(e)) throw e;
      throw loadFailure(e, path, 'its default export (a function) threw');
    }
  });
  if (!App.isApp(exported)) {
    throw new ConfigError(`the default export of ${path} is not a devstack-kit App (received ${exported === null ? 'null' : typeof exported})`, 'end the config with `export default app;` where `const app = new App()`');
  }
  return { app: exported, dir: dirname(path) };
}
