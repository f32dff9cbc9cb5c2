/**
 * Line endings and git: whether git itself explains a file on disk having CRLF line endings where
 * synth writes LF (a `.gitattributes` `eol=crlf`, `core.autocrlf=true`, or `core.eol=crlf` with the
 * `text` attribute). Asked of the `git` command, so it sees exactly what a checkout does; outside a
 * git repository, or without git, nothing is explained.
 * @module
 */
import { spawnSync } from 'node:child_process';

/** What git's attributes and config say about one path's line endings on checkout. */
interface GitEol {
  /** `set`, `unset`, `unspecified`, or a value (`auto`). */
  readonly text: string;
  /** `crlf`, `lf`, `unspecified`. */
  readonly eol: string;
}

const git = (root: string, args: string[], input?: string): { status: number | null; stdout: string } => {
  const r = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'ignore'], timeout: 10_000 });
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '' };
};

/** `git check-attr text eol` for every path at once (NUL-separated in and out). */
function attributes(root: string, paths: readonly string[]): Map<string, GitEol> | undefined {
  const r = git(root, ['check-attr', '-z', '--stdin', 'text', 'eol'], `${paths.join('\0')}\0`);
  if (r.status !== 0) return undefined;
  const parts = r.stdout.split('\0');
  const found = new Map<string, { text: string; eol: string }>();
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const [path, attr, value] = [parts[i] as string, parts[i + 1] as string, parts[i + 2] as string];
    const entry = found.get(path) ?? { text: 'unspecified', eol: 'unspecified' };
    if (attr === 'text') entry.text = value;
    if (attr === 'eol') entry.eol = value;
    found.set(path, entry);
  }
  return found;
}

/** The value of a git config key as git reads it here (repository, global, system), lower-cased. */
function config(root: string, key: string): string | undefined {
  const r = git(root, ['config', '--get', key]);
  return r.status === 0 ? r.stdout.trim().toLowerCase() : undefined;
}

const TRUE = new Set(['true', 'yes', 'on', '1']);

/**
 * For each path (relative to `root`), the reason git checks it out with CRLF line endings, when it
 * does: `.gitattributes (eol=crlf)`, `core.autocrlf=true`, `core.eol=crlf`. A path git leaves alone
 * (`-text`, `eol=lf`, no setting) is absent from the map, as is every path when `root` is not in a
 * git repository or git cannot be run.
 *
 * @example
 * ```ts
 * // in a checkout whose .gitattributes says "*.yaml text eol=crlf"
 * crlfReasons('/repo', ['compose.yaml', 'Dockerfile']);
 * // Map { 'compose.yaml' => '.gitattributes (eol=crlf)' }
 * ```
 */
export function crlfReasons(root: string, paths: readonly string[]): Map<string, string> {
  const reasons = new Map<string, string>();
  if (paths.length === 0) return reasons;
  const attrs = attributes(root, paths);
  if (attrs === undefined) return reasons;
  let settings: { autocrlf: string | undefined; eol: string | undefined } | undefined;
  for (const path of paths) {
    const a = attrs.get(path) ?? { text: 'unspecified', eol: 'unspecified' };
    // -text: git never converts the file
    if (a.text === 'unset') continue;
    if (a.eol === 'crlf') {
      reasons.set(path, '.gitattributes (eol=crlf)');
      continue;
    }
    if (a.eol === 'lf') continue;
    settings ??= { autocrlf: config(root, 'core.autocrlf'), eol: config(root, 'core.eol') };
    if (settings.autocrlf !== undefined && TRUE.has(settings.autocrlf)) {
      reasons.set(path, 'core.autocrlf=true');
      continue;
    }
    // core.eol applies only to files with the text attribute, and only without core.autocrlf=input
    if (settings.autocrlf === 'input' || (a.text !== 'set' && a.text !== 'auto')) continue;
    if (settings.eol === 'crlf' || (settings.eol === undefined && process.platform === 'win32')) {
      reasons.set(path, `.gitattributes (text${a.text === 'auto' ? '=auto' : ''}) with core.eol=${settings.eol === 'crlf' ? 'crlf' : 'native (CRLF on Windows)'}`);
    }
  }
  return reasons;
}
