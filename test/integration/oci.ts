/**
 * Helpers for the integration test that really builds images with buildah.
 *
 * The machine is prepared by `../shared/tools/oci-build-setup.sh setup` (buildah + podman, local
 * base images `localhost/debian:bookworm-slim` and `localhost/busybox:latest`, no registry).
 * Each test run gets its OWN container storage (a fresh graphroot under $OCI_HOME/tmp) that sees
 * the shared store read-only as an additional image store. So:
 *  - the base images made by the setup tool are usable without copying them;
 *  - stand-in tags such as `docker.io/library/python:3.13-slim` exist only in this run's store, and
 *    never move a tag that another process (a parallel run, a developer) relies on;
 *  - a "cold" build really is cold, and the layer cache a rebuild can hit holds only this run's
 *    layers, so comparing layer digests between two builds of one run is meaningful;
 *  - cleanup is removing one directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The setup tool: `../shared/tools/oci-build-setup.sh` beside the checkout, or $DEVSTACK_OCI_SETUP. */
export const setupScript =
  process.env['DEVSTACK_OCI_SETUP'] ?? resolve(repoRoot, '..', 'shared', 'tools', 'oci-build-setup.sh');

/** The base image every stand-in is built from (made by the setup tool). */
export const DEBIAN_BASE = 'localhost/debian:bookworm-slim';

const SETUP_HINT =
  `run \`bash ${relativeToRepo(setupScript)} setup\` (as root; ~3 min on a fresh machine), ` +
  'or set DEVSTACK_SKIP_OCI=1 to skip the image builds on a machine that cannot build';

function relativeToRepo(p: string): string {
  return p.startsWith(resolve(repoRoot, '..') + '/') ? '../' + p.slice(resolve(repoRoot, '..').length + 1) : p;
}

export type OciProbe = { ready: true; env: Record<string, string> } | { ready: false; reason: string };

/**
 * Synchronously checks that buildah, podman and the setup tool's base image are usable, and returns
 * the environment `oci-build-setup.sh env` exports. Never throws: a missing piece is a reason.
 */
export function probeOci(): OciProbe {
  if (!existsSync(setupScript)) {
    return { ready: false, reason: `the OCI setup tool is missing at ${setupScript} (set DEVSTACK_OCI_SETUP); then ${SETUP_HINT}` };
  }
  const envOut = spawnSync('bash', [setupScript, 'env'], { encoding: 'utf8', timeout: 30_000 });
  if (envOut.status !== 0) {
    return { ready: false, reason: `\`bash ${setupScript} env\` failed: ${(envOut.stderr || String(envOut.error)).trim()}; ${SETUP_HINT}` };
  }
  const env: Record<string, string> = {};
  for (const line of envOut.stdout.split('\n')) {
    const m = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined && m[2] !== undefined) env[m[1]] = m[2];
  }
  for (const tool of ['buildah', 'podman']) {
    const v = spawnSync(tool, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    if (v.status !== 0) return { ready: false, reason: `${tool} is not installed (${v.error?.message ?? v.stderr.trim()}); ${SETUP_HINT}` };
  }
  const conf = env['CONTAINERS_STORAGE_CONF'];
  if (conf === undefined || !existsSync(conf)) {
    return { ready: false, reason: `the OCI storage configuration ${conf ?? '(unset)'} does not exist; ${SETUP_HINT}` };
  }
  const base = spawnSync('buildah', ['inspect', '--type', 'image', '--format', '{{.FromImageID}}', DEBIAN_BASE], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  if (base.status !== 0) {
    return { ready: false, reason: `the base image ${DEBIAN_BASE} is missing (${base.stderr.trim()}); ${SETUP_HINT}` };
  }
  return { ready: true, env };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command with a hard timeout (the whole process group is killed when it expires). */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: opts.env, cwd: opts.cwd ?? repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      if (timedOut) stderr += `\n[killed: ${cmd} ${args.join(' ')} ran longer than ${opts.timeoutMs} ms]`;
      done({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms });
    });
  });
}

/** One entry of an image's history, with the layer (diff ID) it added, if any. */
export interface HistoryEntry {
  createdBy: string;
  emptyLayer: boolean;
  /** the uncompressed layer digest this entry added, or null for metadata-only entries */
  diffId: string | null;
}

export interface ImageInfo {
  id: string;
  user: string;
  cmd: string[];
  entrypoint: string[];
  diffIds: string[];
  history: HistoryEntry[];
  sizeBytes: number;
}

export interface BuildResult extends RunResult {
  tag: string;
  /** Dockerfile instructions (as buildah echoes them: `RUN uv sync --frozen`) that were served from the layer cache */
  cachedSteps: string[];
  /** every step buildah echoed, in order */
  steps: string[];
}

/**
 * A buildah/podman session on a private container storage. `dispose()` removes the storage and
 * therefore every image, layer and tag the session made.
 */
export class OciSession {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly libpodTmp: string;
  private disposed = false;

  constructor(ociEnv: Record<string, string>) {
    const home = ociEnv['OCI_HOME'] ?? '/tmp/ocibuild';
    const sharedConf = ociEnv['CONTAINERS_STORAGE_CONF'] ?? `${home}/etc/storage.conf`;
    const sharedGraphroot = readGraphroot(sharedConf) ?? `${home}/storage`;
    mkdirSync(join(home, 'tmp'), { recursive: true });
    this.dir = mkdtempSync(join(home, 'tmp', 'devstack-it-'));
    this.libpodTmp = join(this.dir, 'libpod-tmp');
    const conf = join(this.dir, 'storage.conf');
    writeFileSync(
      conf,
      [
        '# devstack-kit integration test: private storage for one test run; the shared store is read-only below',
        '[storage]',
        'driver = "overlay"',
        `runroot = "${join(this.dir, 'run')}"`,
        `graphroot = "${join(this.dir, 'storage')}"`,
        '[storage.options]',
        `additionalimagestores = [ "${sharedGraphroot}" ]`,
        '',
      ].join('\n'),
    );
    this.env = { ...process.env, ...ociEnv, CONTAINERS_STORAGE_CONF: conf };
  }

  buildah(args: readonly string[], timeoutMs = 240_000): Promise<RunResult> {
    return run('buildah', args, { env: this.env, timeoutMs });
  }

  podman(args: readonly string[], timeoutMs = 120_000): Promise<RunResult> {
    return run('podman', ['--tmpdir', this.libpodTmp, ...args], { env: this.env, timeoutMs });
  }

  /**
   * `buildah build --layers --force-rm` (so a failed build leaves no mounted working container).
   * `noCache` rebuilds every step; the layers it makes still feed the cache of later builds.
   */
  async build(opts: {
    tag: string;
    context: string;
    dockerfile: string;
    target?: string;
    noCache?: boolean;
    buildArgs?: Record<string, string>;
    timeoutMs?: number;
  }): Promise<BuildResult> {
    const args = ['build', '--layers', '--force-rm', '-t', opts.tag, '-f', opts.dockerfile];
    if (opts.target !== undefined) args.push('--target', opts.target);
    if (opts.noCache === true) args.push('--no-cache');
    for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
    args.push(opts.context);
    const r = await this.buildah(args, opts.timeoutMs);
    const steps: string[] = [];
    const cachedSteps: string[] = [];
    const lines = r.stdout.split('\n');
    lines.forEach((line, i) => {
      const m = /STEP \d+\/\d+: (.*)$/.exec(line);
      if (!m?.[1]) return;
      const step = m[1].replace(/\s+/g, ' ').trim(); // continuation lines joined, as plan.ts writes steps
      steps.push(step);
      if (lines[i + 1]?.startsWith('--> Using cache ')) cachedSteps.push(step);
    });
    return { ...r, tag: opts.tag, steps, cachedSteps };
  }

  /** Config, history-with-layers and size of an image (from `buildah inspect` and `podman image inspect`). */
  async inspect(ref: string): Promise<ImageInfo> {
    const r = await this.buildah(['inspect', '--type', 'image', ref], 60_000);
    if (r.code !== 0) throw new Error(`buildah inspect ${ref} failed: ${r.stderr.trim()}`);
    const raw = JSON.parse(r.stdout) as {
      FromImageID: string;
      Docker: {
        config?: { User?: string; Cmd?: string[] | null; Entrypoint?: string[] | null };
        rootfs?: { diff_ids?: string[] };
        history?: { created_by?: string; empty_layer?: boolean }[];
      };
    };
    const diffIds = raw.Docker.rootfs?.diff_ids ?? [];
    let next = 0;
    const history = (raw.Docker.history ?? []).map((h): HistoryEntry => {
      const emptyLayer = h.empty_layer === true;
      return { createdBy: h.created_by ?? '', emptyLayer, diffId: emptyLayer ? null : (diffIds[next++] ?? null) };
    });
    if (next !== diffIds.length) {
      throw new Error(`${ref}: ${next} history entries add a layer but the image has ${diffIds.length} layers; cannot map instructions to layers`);
    }
    const size = await this.podman(['image', 'inspect', '--format', '{{.Size}}', ref], 60_000);
    if (size.code !== 0) throw new Error(`podman image inspect ${ref} failed: ${size.stderr.trim()}`);
    return {
      id: raw.FromImageID,
      user: raw.Docker.config?.User ?? '',
      cmd: raw.Docker.config?.Cmd ?? [],
      entrypoint: raw.Docker.config?.Entrypoint ?? [],
      diffIds,
      history,
      sizeBytes: Number(size.stdout.trim()),
    };
  }

  async exists(ref: string): Promise<boolean> {
    return (await this.buildah(['inspect', '--type', 'image', '--format', '{{.FromImageID}}', ref], 60_000)).code === 0;
  }

  async tag(ref: string, name: string): Promise<void> {
    const r = await this.buildah(['tag', ref, name], 60_000);
    if (r.code !== 0) throw new Error(`buildah tag ${ref} ${name} failed: ${r.stderr.trim()}`);
  }

  /** `podman run --rm --network none IMAGE [cmd…]`; a command still running after `timeoutMs` is stopped and reported. */
  async runContainer(image: string, opts: { entrypoint?: string; cmd?: string[]; timeoutMs: number }): Promise<RunResult & { stillRunning: boolean }> {
    const name = `devstack-it-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const args = ['run', '--rm', '--name', name, '--network', 'none'];
    if (opts.entrypoint !== undefined) args.push('--entrypoint', opts.entrypoint);
    args.push(image, ...(opts.cmd ?? []));
    const r = await this.podman(args, opts.timeoutMs);
    const stillRunning = r.stderr.includes('[killed:');
    if (stillRunning) await this.podman(['rm', '-f', '-t', '0', name], 60_000);
    return { ...r, stillRunning };
  }

  /** Removes every container, image and layer this session made (its private storage). Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.buildah(['rm', '--all'], 60_000).catch(() => undefined);
    await this.podman(['rm', '--all', '--force'], 60_000).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function readGraphroot(storageConf: string): string | null {
  return /^graphroot\s*=\s*"([^"]+)"/m.exec(readFileSync(storageConf, 'utf8'))?.[1] ?? null;
}
