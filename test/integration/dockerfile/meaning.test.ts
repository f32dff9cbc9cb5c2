/**
 * Issue 8, part 2 ("Dockerfile meaning"), checked by a real build: adversarial builder strings —
 * trailing backslashes, line breaks, quotes, `&&` and `|` inside quotes, shell text that reads as
 * JSON — are built with buildah, and the image config's User, WorkingDir and Cmd must be what the
 * builder was given. Skipped when buildah and `../shared/tools/oci-build-setup.sh setup` are not
 * there. Debian 12's buildah cannot build heredocs, so none are used here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { cacheMount, Dockerfile, image, parseDockerfile } from '../../../src/dockerfile/index.js';
import { ociEnv } from './oci-env.js';

const env = ociEnv();
const BUSYBOX = image('localhost/busybox:latest');
const tags: string[] = [];
const dirs: string[] = [];

afterAll(() => {
  if (env) for (const t of tags) try { execFileSync('buildah', ['rmi', '-f', t], { env, stdio: 'ignore' }); } catch { /* already gone */ }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Config { User?: string; WorkingDir?: string; Cmd?: string[]; Entrypoint?: string[] | null; Env?: string[] }

/** Builds `text` with buildah and returns the image config. */
function build(text: string, files: Record<string, string> = {}): Config {
  const ctx = mkdtempSync(join(tmpdir(), 'devstack-kit-meaning-'));
  dirs.push(ctx);
  writeFileSync(join(ctx, 'Dockerfile'), text);
  for (const [f, c] of Object.entries(files)) writeFileSync(join(ctx, f), c);
  const tag = `localhost/devstack-kit-meaning-test:${process.pid}-${tags.length}`;
  tags.push(tag);
  try {
    execFileSync('buildah', ['build', '--layers', '--force-rm', '-t', tag, '-f', join(ctx, 'Dockerfile'), ctx], { env, stdio: 'pipe', timeout: 180_000 });
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`buildah build failed:\n${text}\n---\n${String(err.stdout ?? '')}\n${String(err.stderr ?? '')}`);
  }
  const inspect = JSON.parse(execFileSync('buildah', ['inspect', '--type', 'image', tag], { env, encoding: 'utf8' })) as { Docker: { config: Config } };
  return inspect.Docker.config;
}

describe.skipIf(!env)('adversarial builder strings mean in the built image what the builder said (buildah)', () => {
  it('trailing backslashes, quotes, && and | inside quotes: User, WorkingDir and Cmd are what was given', () => {
    const workdir = '/srv/it\'s "here" \\ and C:\\data\\';
    const cmd = 'printf \'%s\\n\' "a && b | c" && echo "$HOME" | cat';
    const run = 'test "$(cat /etc/marker)" = "x && y | z" && echo \'not && a | pipe\' > /tmp/ok';
    const df = Dockerfile.create().from(BUSYBOX, (s) =>
      s.run('echo "x && y | z" > /etc/marker')
        .workdir(workdir)
        .run(run)
        // a long command is wrapped only outside its quotes: the quoted text must reach the shell unchanged
        .run(`test "$(echo 'one && two && three && four && five')" = 'one && two && three && four && five' && echo ok && echo fine && echo done`)
        .user('65534')
        .cmd(cmd));
    const text = df.toString();
    const cfg = build(text);
    expect(cfg.WorkingDir).toBe(workdir);
    expect(cfg.User).toBe('65534');
    expect(cfg.Cmd).toEqual(['/bin/sh', '-c', cmd]);
    expect(parseDockerfile(text).model).toEqual(df.toModel());
  }, 240_000);

  it('a trailing backslash that cannot be written is refused, and a parsed escaped one no longer swallows USER', () => {
    // an existing file whose ENV ends in an escaped backslash: read as two instructions, written so that any reader agrees
    const adopted = Dockerfile.parse(`FROM localhost/busybox:latest\nENV C trailing\\\\backslash\\\\\nUSER 65534\nCMD ["sh", "-c", "echo $C"]\n`);
    expect(adopted.parseIssues).toEqual([]);
    const cfg = build(adopted.toString());
    expect(cfg.User).toBe('65534');
    expect(cfg.Env).toContain('C=trailing\\backslash\\');
    expect(cfg.Cmd).toEqual(['sh', '-c', 'echo $C']);
    // what the builder refuses at once
    expect(() => Dockerfile.create().from(BUSYBOX, (s) => s.cmd('echo hi \\'))).toThrow(UsageError);
    expect(() => Dockerfile.create().from(BUSYBOX, (s) => s.copy('a.txt', '/x\\\\'))).toThrow(UsageError);
  }, 240_000);

  it('a line break: refused in a shell-form CMD (no USER root injected), kept exactly in the exec form', () => {
    // refused, or (were it written) the image must not run as root
    let injected: string | undefined;
    try {
      injected = Dockerfile.create().from(BUSYBOX, (s) => s.user('65534').cmd('echo hi\nUSER root')).toString();
    } catch (e) {
      expect(UsageError.isUsageError(e)).toBe(true);
    }
    if (injected !== undefined) expect(build(injected).User).toBe('65534');
    expect(injected).toBeUndefined();
    expect(() => Dockerfile.create().from(BUSYBOX, (s) => s.user('app\nUSER root'))).toThrow(UsageError);
    const script = 'echo one\necho "two && three"\nUSER root';
    const df = Dockerfile.create().from(BUSYBOX, (s) => s.workdir('/srv/line').user('65534').cmd(['sh', '-c', script]));
    const cfg = build(df.toString());
    expect(cfg.User).toBe('65534');
    expect(cfg.WorkingDir).toBe('/srv/line');
    expect(cfg.Cmd).toEqual(['sh', '-c', script]);
  }, 240_000);

  it('shell text that reads as JSON stays a shell command ([ "a" ] is the test builtin, not a program "a"); flag values with spaces', () => {
    const df = Dockerfile.create().from(BUSYBOX, (s) =>
      s.run('[ "a" ]')
        // a mount target with a space (BuildKit's quoting). A comma is CSV-quoted as BuildKit reads it, but
        // Debian 12's buildah splits mount options at every comma, so that case is checked on text only
        .run('touch "/cache dir/f" && test -f "/cache dir/f"', { mounts: [cacheMount('/cache dir', { id: 'devstack-kit-meaning' })] })
        .user('65534')
        .cmd('[ "$HOME" ]'));
    const cfg = build(df.toString());
    expect(cfg.User).toBe('65534');
    expect(cfg.Cmd?.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    // the synthesizer's documented guard (an escaped "[") is the only difference: the shell reads \[ as [
    expect(cfg.Cmd?.[2]).toBe('\\[ "$HOME" ]');
  }, 240_000);
});
