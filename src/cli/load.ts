/**
 * Loading `devstack.config.ts` (with jiti) for the CLI.
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createJiti } from 'jiti';
import { App } from '../app/app.js';

/** A config that could not be loaded: missing file, syntax error, wrong default export (exit code 2). */
export class ConfigError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The config file names looked for, in order, when `--config` is not given. */
export const CONFIG_NAMES = ['devstack.config.ts', 'devstack.config.mts', 'devstack.config.js', 'devstack.config.mjs'];

/**
 * Finds the config: `--config` if given, else the first of {@link CONFIG_NAMES} in `cwd` or the
 * nearest folder above it (stopping at the root of a git checkout), as git and npm find theirs.
 */
export function findConfig(cwd: string, config?: string): string {
  if (config) {
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

/** Loads the config and returns its App and the folder files are written to (the config's folder). */
export async function loadApp(path: string): Promise<{ app: App; dir: string }> {
  // jiti's transpile cache (it checks a hash of the source, so an edited config is transpiled again)
  // goes into the project's node_modules/.cache, as other build tools' caches do; never into a shared
  // /tmp folder another user could write to. Without a node_modules folder there is no cache.
  const modules = join(dirname(path), 'node_modules');
  const fsCache = existsSync(modules) ? join(modules, '.cache', 'devstack-kit', 'jiti') : false;
  const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache, interopDefault: true });
  let exported: unknown;
  try {
    exported = await jiti.import(path, { default: true });
  } catch (e) {
    const err = e as Error;
    if ((err as { code?: string }).code === 'app/duplicate-path' || err.name === 'UsageError') throw e;
    throw new ConfigError(`cannot load ${path}: ${err.message.split('\n')[0]}`, 'fix the error in the config file (run with --verbose for the stack)');
  }
  if (typeof exported === 'function') exported = await (exported as () => unknown)();
  if (!App.isApp(exported)) {
    throw new ConfigError(`the default export of ${path} is not a devstack-kit App (received ${exported === null ? 'null' : typeof exported})`, 'end the config with `export default app;` where `const app = new App()`');
  }
  return { app: exported, dir: dirname(path) };
}
