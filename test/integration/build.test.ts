/**
 * Real image builds (issue 3, item 7): every Dockerfile of the examples is built with buildah, and
 * the seed's promises are checked on the built images, not on the text:
 *  - the build succeeds, and the final image runs as a user that is not root;
 *  - layer caching: after a code-only change the dependency layers (`RUN uv sync --frozen` in the
 *    builder, `COPY --from=builder /app/.venv` in the runtime) keep their digests, while a change of
 *    uv.lock does change them (so the check can fail);
 *  - size: each image whose example's App declares a size budget (a size check in its CI workflow:
 *    examples/seed's api 300 MB, worker 250 MB, frontend 50 MB) is measured on what its Dockerfile adds
 *    above its base (a stand-in here, whose own size means nothing), against that budget.
 * It prints the image sizes and the cold and cached build times.
 *
 * Machine: `bash ../shared/tools/oci-build-setup.sh setup` installs buildah/podman and makes local
 * base images; nothing can be pulled (no Docker Hub, no PyPI). So `python:*-slim` is a STAND-IN
 * built here from the setup tool's Debian 12 slim image, in which `pip` and `uv` are offline shell
 * scripts: `pip install uv` installs `uv`, `uv sync --frozen` needs pyproject.toml and uv.lock and
 * writes a .venv derived from them (with a `uvicorn` that checks the app module and exits). See
 * test/integration/standins/python-slim.Dockerfile. Sizes measured here are therefore the Debian
 * slim base plus the app, without a real interpreter or wheels. `node:*-slim` and `nginx:*-alpine`
 * (examples/node-web) are stand-ins too, built with Debian 12's nodejs/npm and nginx (apt's mirror and
 * the npm registry are reachable from builds, so `npm ci` really installs the lock); they take ~1 min
 * of apt-get, so they are built once per run and loaded into each build case's storage (Standin.shared).
 * The nginx stand-in is Debian, not Alpine: the frontend size target is checked on what the
 * Dockerfile adds above it. An example whose Dockerfile starts from a base without a stand-in is
 * skipped, with the missing bases printed; the seed's Dockerfiles are never skipped.
 *
 * Builds never touch the repository: each Dockerfile is built from a temporary copy of its folder.
 * DEVSTACK_SKIP_OCI=1 skips the file on a machine that cannot build; otherwise a missing buildah is
 * a failure, with the command that fixes it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.js';
import { imageSizeChecks, type FoundImageSizeCheck } from '../../src/workflow/presets.js';
import { type BuildResult, DEBIAN_BASE, type ImageInfo, OciSession, probeOci, repoRoot } from './oci.js';
import {
  contextFiles,
  findLockStep,
  firstStepSeeing,
  manifestFiles,
  normalizeImage,
  parseStages,
  pickCodeFile,
  rootImage,
  type Stage,
  stepLayers,
} from './plan.js';

const SKIP = process.env['DEVSTACK_SKIP_OCI'] === '1';
const probe = SKIP ? null : probeOci();
const STANDINS_DIR = join(repoRoot, 'test', 'integration', 'standins');
const MB = 1_000_000;

/**
 * The seed brief's Dockerfile for examples/seed/backend, as devstack-kit is to generate it. It is
 * built on every run (into a temporary copy of the example), so the build is checked even before
 * the generated file exists; the generated file, once committed, is built as well.
 */
const SEED_BACKEND_DOCKERFILE = `# syntax=docker/dockerfile:1
FROM python:3.13-slim AS builder
WORKDIR /app
RUN pip install uv
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen

FROM python:3.13-slim AS runtime
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=builder /app/.venv /app/.venv
COPY . /app
USER app
CMD ["/app/.venv/bin/uvicorn", "app.main:app"]
`;
const SEED_BACKEND_DOCKERIGNORE = '__pycache__\n.git\nnode_modules\n.env\n.venv\n';

/** Dockerfiles the examples are expected to carry once `devstack synth` has written them. */
const EXPECTED_GENERATED = ['examples/seed/backend/Dockerfile'];

/**
 * Stand-ins for official images that cannot be pulled here. Each is built from
 * localhost/debian:bookworm-slim (oci-build-setup.sh) and tagged under the official name in this
 * run's private storage only.
 */
interface Standin {
  pattern: RegExp;
  dockerfile: string;
  args: (m: RegExpExecArray) => Record<string, string>;
  /**
   * Built once per run (it runs apt-get: ~1 min) in a session of its own, saved to an archive, and
   * loaded into each build case's private storage, instead of being rebuilt in every session.
   */
  shared?: boolean;
  /**
   * The stand-in is not the same size as the official image (Debian instead of Alpine): a size
   * target is then checked on what the Dockerfile adds above the base, not on the whole image.
   */
  sizeUnlikeOfficial?: boolean;
}
const STANDINS: Standin[] = [
  {
    pattern: /^docker\.io\/library\/python:(3\.\d+)(?:\.\d+)?-slim(?:-bookworm)?$/,
    dockerfile: 'python-slim.Dockerfile',
    args: (m) => ({ PYTHON_VERSION: m[1] ?? '3.13' }),
  },
  {
    pattern: /^docker\.io\/library\/node:(\d+)(?:\.\d+)*-(?:bookworm-)?slim$/,
    dockerfile: 'node-slim.Dockerfile',
    args: (m) => ({ NODE_MAJOR: m[1] ?? '22' }),
    shared: true,
  },
  {
    pattern: /^docker\.io\/library\/nginx:(\d+\.\d+)(?:\.\d+)?-alpine$/,
    dockerfile: 'nginx-alpine.Dockerfile',
    args: (m) => ({ NGINX_VERSION: m[1] ?? '1.27' }),
    shared: true,
    sizeUnlikeOfficial: true,
  },
];

/**
 * Size targets for images whose example declares no budget, by what the image is (the seed brief's
 * numbers); checked on what the Dockerfile adds, like a declared budget.
 */
function sizeTargetMB(dockerfileRel: string, stages: Stage[]): { mb: number; why: string } | null {
  const root = normalizeImage(rootImage(stages, stages.length - 1));
  if (/(^|\/)worker\//.test(dockerfileRel)) return { mb: 250, why: 'seed: worker < 250 MB' };
  if (/^docker\.io\/library\/python:/.test(root)) return { mb: 300, why: 'seed: backend (Python slim base) < 300 MB' };
  if (/^docker\.io\/library\/nginx:/.test(root)) return { mb: 50, why: 'seed: frontend (nginx alpine) < 50 MB' };
  return null;
}

/** A size budget an example's App declares: a size check in one of its workflows, with the Dockerfile from the repository root. */
interface DeclaredBudget extends FoundImageSizeCheck {
  example: string;
  /** `examples/<example>/<file>` */
  dockerfileRel: string;
}

/**
 * The size budgets each example's App declares, read from the App itself (its devstack.config.ts,
 * loaded here): every size check (`imageSizeCheckSteps`) in its workflows, with what the job builds.
 */
let budgetsLoaded: Promise<DeclaredBudget[]> | undefined;
function declaredBudgets(): Promise<DeclaredBudget[]> {
  budgetsLoaded ??= (async () => {
    const out: DeclaredBudget[] = [];
    const examples = join(repoRoot, 'examples');
    for (const e of readdirSync(examples, { withFileTypes: true })) {
      const config = join(examples, e.name, 'devstack.config.ts');
      if (!e.isDirectory() || !existsSync(config)) continue;
      const app = ((await import(config)) as { default: unknown }).default;
      if (!App.isApp(app)) throw new Error(`examples/${e.name}/devstack.config.ts does not export an App by default`);
      for (const entry of app.entries()) {
        if (entry.kind !== 'workflow') continue;
        for (const c of imageSizeChecks(entry.model as never)) out.push({ ...c, example: e.name, dockerfileRel: `examples/${e.name}/${c.file}` });
      }
    }
    return out;
  })();
  return budgetsLoaded;
}

interface BuildCase {
  title: string;
  /** the Dockerfile's path in the repository (for messages) */
  dockerfileRel: string;
  /** the repository path whose declared budgets this build is held to (default: dockerfileRel) */
  budgetsOf?: string;
  /** folder copied to a temporary directory and used as the build context */
  sourceDir: string;
  dockerfileName: string;
  /** files written into the temporary copy before building */
  overlay?: Record<string, string>;
  /** why this case cannot run (a Dockerfile that is not generated yet) */
  missing?: string;
  /** why this case is not built here (a base image without a stand-in) */
  unbuildable?: string;
}

function discoverDockerfiles(): string[] {
  const found: string[] = [];
  const examples = join(repoRoot, 'examples');
  if (!existsSync(examples)) return found;
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile() && (e.name === 'Dockerfile' || e.name.endsWith('.Dockerfile'))) found.push(relative(repoRoot, abs));
    }
  };
  for (const e of readdirSync(examples, { withFileTypes: true })) if (e.isDirectory()) walk(join(examples, e.name));
  return found.sort();
}

const discovered = discoverDockerfiles();

/**
 * Nothing can be pulled here, so a Dockerfile builds only on bases that have a stand-in (STANDINS),
 * `scratch`, or its own earlier stages. An example on another stack (node, nginx, …) is skipped with
 * the base images it lacks, rather than failing the run. The seed's Dockerfiles (EXPECTED_GENERATED)
 * are never skipped this way: a base without a stand-in there still fails in the cold build.
 */
function basesWithoutStandin(rel: string): string[] {
  const stages = parseStages(readFileSync(join(repoRoot, rel), 'utf8'));
  const external = stages.filter((st) => st.baseStage === null).map((st) => normalizeImage(st.from));
  return [...new Set(external.filter((name) => name !== 'scratch' && !STANDINS.some((st) => st.pattern.test(name))))];
}
function unbuildableReason(rel: string): string | undefined {
  if (EXPECTED_GENERATED.includes(rel)) return undefined;
  const lacking = basesWithoutStandin(rel);
  if (lacking.length === 0) return undefined;
  return `not built: no stand-in for base image ${lacking.join(', ')} (nothing can be pulled here; add one to test/integration/standins/ and STANDINS to build it)`;
}
const cases: BuildCase[] = [
  {
    title: 'examples/seed/backend with the seed Dockerfile (reference text)',
    dockerfileRel: 'examples/seed/backend/Dockerfile (reference)',
    budgetsOf: 'examples/seed/backend/Dockerfile',
    sourceDir: join(repoRoot, 'examples', 'seed', 'backend'),
    dockerfileName: 'Dockerfile',
    overlay: { Dockerfile: SEED_BACKEND_DOCKERFILE, '.dockerignore': SEED_BACKEND_DOCKERIGNORE },
  },
  ...discovered.map((rel) => {
    const unbuildable = unbuildableReason(rel);
    return {
      title: rel,
      dockerfileRel: rel,
      sourceDir: join(repoRoot, dirname(rel)),
      dockerfileName: rel.split('/').pop() ?? 'Dockerfile',
      ...(unbuildable === undefined ? {} : { unbuildable }),
    };
  }),
  ...EXPECTED_GENERATED.filter((rel) => !discovered.includes(rel)).map((rel) => ({
    title: rel,
    dockerfileRel: rel,
    sourceDir: join(repoRoot, dirname(rel)),
    dockerfileName: 'Dockerfile',
    missing: 'not generated yet (devstack synth writes it; the reference text above is built meanwhile)',
  })),
];

interface Row {
  image: string;
  sizeMB: number;
  coldS: number | null;
  codeRebuildS: number | null;
  lockRebuildS: number | null;
  depLayers: string;
}
const rows: Row[] = [];
/** one line per declared budget checked: image, added MB, budget */
const budgetRows: string[] = [];
const tempDirs: string[] = [];
/** stand-in image name → size and build time */
const standins = new Map<string, { sizeBytes: number; buildS: number; loads: number[] }>();

/**
 * Every case builds in its own OciSession (private storage): its cold build is really cold, and its
 * rebuilds can only hit its own cached layers. (Two cases with the same first steps on one storage
 * would share cache candidates, and a rebuild could pick the other case's layer.)
 */
const sessions: OciSession[] = [];
function newSession(): OciSession {
  if (!probe?.ready) throw new Error(`cannot build images: ${probe?.reason ?? 'not probed'}`);
  const s = new OciSession(probe.env);
  sessions.push(s);
  return s;
}

/**
 * Shared stand-ins (Standin.shared): built once per run in a session of their own and saved to an
 * archive in a temporary folder; each build case loads the archive into its private storage (a few
 * seconds instead of an apt-get install).
 */
const sharedArchives = new Map<string, Promise<string>>();
function sharedStandinArchive(name: string, s: Standin, m: RegExpExecArray): Promise<string> {
  let p = sharedArchives.get(name);
  if (!p) {
    p = (async () => {
      const oci = newSession();
      try {
        const tag = `localhost/devstack-it-standin/${name.split('/').pop() ?? 'image'}`;
        // the context: a copy of standins/ plus the host's CA bundle (see node-slim.Dockerfile)
        const dir = mkdtempSync(join(tmpdir(), 'devstack-it-standin-'));
        tempDirs.push(dir);
        const context = join(dir, 'context');
        cpSync(STANDINS_DIR, context, { recursive: true });
        const hostCa = [process.env['SSL_CERT_FILE'], '/etc/ssl/certs/ca-certificates.crt'].find((f) => f !== undefined && existsSync(f));
        writeFileSync(join(context, 'host-ca-certificates.crt'), hostCa === undefined ? '' : readFileSync(hostCa));
        const r = await oci.build({ tag, context, dockerfile: join(context, s.dockerfile), buildArgs: s.args(m), noCache: true });
        if (r.code !== 0) throw new Error(buildFailure(`building the stand-in for ${name}`, r));
        const archive = join(dir, 'image.tar');
        const saved = await oci.buildah(['push', '--quiet', tag, `oci-archive:${archive}`]);
        if (saved.code !== 0) throw new Error(`saving the stand-in for ${name} failed: ${saved.stderr}`);
        standins.set(name, { sizeBytes: (await oci.inspect(tag)).sizeBytes, buildS: r.ms / 1000, loads: [] });
        return archive;
      } finally {
        await oci.dispose();
      }
    })();
    sharedArchives.set(name, p);
  }
  return p;
}

/** Builds or loads (once per session) the stand-in for an external base image, or checks it exists locally. */
const basesBySession = new WeakMap<OciSession, Map<string, Promise<void>>>();
function ensureBase(oci: OciSession, ref: string): Promise<void> {
  const name = normalizeImage(ref);
  const bases = basesBySession.get(oci) ?? new Map<string, Promise<void>>();
  basesBySession.set(oci, bases);
  let p = bases.get(name);
  if (!p) {
    p = (async () => {
      if (name === 'scratch') return;
      for (const s of STANDINS) {
        const m = s.pattern.exec(name);
        if (!m) continue;
        const tag = `localhost/devstack-it-standin/${name.split('/').pop() ?? 'image'}`;
        if (s.shared === true) {
          const archive = await sharedStandinArchive(name, s, m);
          const t0 = Date.now();
          const pulled = await oci.buildah(['pull', '--quiet', `oci-archive:${archive}`]);
          if (pulled.code !== 0) throw new Error(`loading the stand-in for ${name} from ${archive} failed: ${pulled.stderr}`);
          const id = pulled.stdout.trim().split('\n').pop() ?? '';
          await oci.tag(id, name);
          standins.get(name)?.loads.push((Date.now() - t0) / 1000);
          return;
        }
        const r = await oci.build({
          tag,
          context: STANDINS_DIR,
          dockerfile: join(STANDINS_DIR, s.dockerfile),
          buildArgs: s.args(m),
          noCache: true, // a fresh image ID: no layer cached from an earlier build can stand in for this session's
        });
        if (r.code !== 0) throw new Error(buildFailure(`building the stand-in for ${name}`, r));
        await oci.tag(tag, name);
        standins.set(name, { sizeBytes: (await oci.inspect(name)).sizeBytes, buildS: r.ms / 1000, loads: [] });
        return;
      }
      if (!(await oci.exists(name))) {
        throw new Error(
          `base image ${name} is not available and no registry is reachable: add a stand-in for it to ` +
            'test/integration/standins/ and STANDINS in test/integration/build.test.ts',
        );
      }
    })();
    bases.set(name, p);
  }
  return p;
}

function buildFailure(what: string, r: BuildResult): string {
  const tail = (r.stdout + '\n' + r.stderr).trim().split('\n').slice(-25).join('\n');
  return `${what} failed (exit ${r.code}) after ${(r.ms / 1000).toFixed(1)} s:\n${tail}`;
}

function shortDigest(d: string | null | undefined): string {
  return d ? d.replace(/^sha256:/, '').slice(0, 12) : '(none)';
}

/** The user part of `USER user[:group]` is a name or uid other than root/0. */
function isNonRootUser(user: string): boolean {
  const u = user.split(':')[0]?.trim() ?? '';
  return u !== '' && u !== 'root' && !/^0+$/.test(u);
}

describe.skipIf(SKIP)('real image builds with buildah (oci-build-setup.sh)', () => {
  beforeAll(() => {
    if (!probe?.ready) throw new Error(`cannot build images: ${probe?.reason ?? 'not probed'}`);
  });

  afterAll(async () => {
    if (rows.length > 0 || standins.size > 0) {
      const lines = ['', 'Real image builds (buildah, stand-in base images; times on this machine):'];
      for (const [name, st] of standins) {
        const loads = st.loads.length > 0 ? `; loaded into ${st.loads.length} build session(s) in ${st.loads.map((x) => x.toFixed(1)).join(', ')} s` : '';
        lines.push(`  stand-in ${name}: ${(st.sizeBytes / MB).toFixed(1)} MB, built from ${DEBIAN_BASE} in ${st.buildS.toFixed(1)} s${loads}`);
      }
      const head = ['image', 'size MB', 'cold build s', 'code-only rebuild s', 'lock-change rebuild s', 'dependency layers after code-only change'];
      const body = rows.map((r) => [
        r.image,
        r.sizeMB.toFixed(1),
        r.coldS?.toFixed(1) ?? '-',
        r.codeRebuildS?.toFixed(1) ?? '-',
        r.lockRebuildS?.toFixed(1) ?? '-',
        r.depLayers,
      ]);
      const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
      const fmt = (cells: string[]): string => '  ' + cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
      lines.push(fmt(head), '  ' + widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(fmt));
      if (budgetRows.length > 0) lines.push('Size budgets (what each Dockerfile adds above its stand-in base):', ...budgetRows.map((r) => `  ${r}`));
      console.log(lines.join('\n'));
    }
    for (const s of sessions.splice(0)) await s.dispose();
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  });

  it("every size budget an example's App declares is on a Dockerfile built here", async () => {
    const budgets = await declaredBudgets();
    // the seed declares api 300, worker 250 (same Dockerfile and target as the api) and frontend 50
    expect(budgets.filter((b) => b.example === 'seed').map((b) => [b.image, b.budgetMB, b.dockerfileRel, b.target])).toEqual([
      ['api:ci', 300, 'examples/seed/backend/Dockerfile', 'runtime'],
      ['worker:ci', 250, 'examples/seed/backend/Dockerfile', 'runtime'],
      ['frontend:ci', 50, 'examples/seed/frontend/Dockerfile', 'runtime'],
    ]);
    const built = new Set(cases.filter((x) => x.missing === undefined && x.unbuildable === undefined).map((x) => x.budgetsOf ?? x.dockerfileRel));
    expect(budgets.filter((b) => !built.has(b.dockerfileRel)).map((b) => `${b.dockerfileRel} (${b.image}, ${b.budgetMB} MB)`)).toEqual([]);
  });

  describe('the python:*-slim stand-in', () => {
    let oci: OciSession | undefined;
    beforeAll(() => {
      oci = newSession();
    });
    afterAll(async () => {
      await oci?.dispose();
    });

    it.each(['3.13', '3.12'])('python:%s-slim: pip installs uv; uv sync --frozen needs pyproject.toml and uv.lock', async (v) => {
      const name = `docker.io/library/python:${v}-slim`;
      if (!oci) throw new Error('no OCI session');
      await ensureBase(oci, name);
      const script = [
        'set -e',
        '! command -v uv',
        '! pip install requests 2>/dev/null', // only uv is available offline
        'pip install uv >/dev/null',
        'mkdir /tmp/p && cd /tmp/p',
        'printf "[project]\\nname = \\"p\\"\\n" > pyproject.toml',
        'if uv sync --frozen 2>err; then echo "uv sync without uv.lock succeeded"; exit 1; fi',
        'grep -q "Unable to find lockfile" err',
        'printf "version = 1\\n\\n[[package]]\\nname = \\"uvicorn\\"\\nversion = \\"0.34.0\\"\\n" > uv.lock',
        'uv sync --frozen >/dev/null',
        'test -x .venv/bin/uvicorn && test -f .venv/lib/python' + v + '/site-packages/uvicorn-0.34.0.dist-info/METADATA',
        'command -v useradd >/dev/null',
        'echo STANDIN_OK',
      ].join('\n');
      const r = await oci.runContainer(name, { entrypoint: '/bin/sh', cmd: ['-c', script], timeoutMs: 60_000 });
      expect(r.stdout + r.stderr, `stand-in ${name} misbehaves`).toContain('STANDIN_OK');
      expect(r.code).toBe(0);
    });
  });

  for (const c of cases) {
    if (c.missing !== undefined) {
      it.skip(`${c.title}: ${c.missing}`, () => undefined);
      continue;
    }
    if (c.unbuildable !== undefined) {
      console.log(`${c.dockerfileRel}: ${c.unbuildable}`);
      it.skip(`${c.title}: ${c.unbuildable}`, () => undefined);
      continue;
    }
    describe(c.title, () => {
      let session: OciSession | undefined;
      const oci = (): OciSession => {
        if (!session) throw new Error('no OCI session (see the cold build)');
        return session;
      };
      afterAll(async () => {
        await session?.dispose();
      });
      let ctx = '';
      let stages: Stage[] = [];
      let dockerfile = '';
      const slug = c.dockerfileRel.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
      const repo = `localhost/devstack-it/${slug}`;
      let cold: Built | null = null;
      let codeChanged: Built | null = null;
      let codeFile: string | null = null;
      const row: Row = { image: c.dockerfileRel, sizeMB: 0, coldS: null, codeRebuildS: null, lockRebuildS: null, depLayers: '-' };

      interface Built {
        build: BuildResult;
        final: ImageInfo;
        /** per stage index: the layer of each step, for the stages that could be built on their own */
        layers: Map<number, (string | null)[]>;
      }

      /** Builds the Dockerfile, then each named earlier stage with --target (served from the cache). */
      async function buildAll(variant: string, noCache: boolean): Promise<Built> {
        const build = await oci().build({ tag: `${repo}:${variant}`, context: ctx, dockerfile, noCache });
        if (build.code !== 0) throw new Error(buildFailure(`buildah build of ${c.dockerfileRel} (${variant})`, build));
        const final = await oci().inspect(`${repo}:${variant}`);
        const layers = new Map<number, (string | null)[]>();
        const last = stages.length - 1;
        layers.set(last, stepLayers(stages[last] as Stage, final, `${repo}:${variant}`));
        for (const s of stages.slice(0, -1)) {
          if (s.name === null) continue;
          const tag = `${repo}-${s.name}:${variant}`;
          const r = await oci().build({ tag, context: ctx, dockerfile, target: s.name });
          if (r.code !== 0) throw new Error(buildFailure(`buildah build --target ${s.name} of ${c.dockerfileRel}`, r));
          layers.set(s.index, stepLayers(s, await oci().inspect(tag), tag));
        }
        return { build, final, layers };
      }

      it('builds (cold, no cache)', async () => {
        session = newSession();
        ctx = mkdtempSync(join(tmpdir(), 'devstack-it-ctx-'));
        tempDirs.push(ctx);
        cpSync(c.sourceDir, ctx, { recursive: true, filter: (src) => !/(^|\/)(node_modules|\.git)$/.test(src) });
        for (const [f, text] of Object.entries(c.overlay ?? {})) writeFileSync(join(ctx, f), text);
        dockerfile = join(ctx, c.dockerfileName);
        stages = parseStages(readFileSync(dockerfile, 'utf8'));
        expect(stages.length, `${c.dockerfileRel} has no FROM`).toBeGreaterThan(0);
        for (const s of stages) if (s.baseStage === null) await ensureBase(oci(), s.from);
        cold = await buildAll('cold', true);
        row.coldS = cold.build.ms / 1000;
        row.sizeMB = cold.final.sizeBytes / MB;
        rows.push(row);
      });

      it('runs as a user that is not root', async () => {
        if (!cold) throw new Error('not built (see the cold build)');
        const user = cold.final.user;
        expect(isNonRootUser(user), `final image of ${c.dockerfileRel} runs as ${JSON.stringify(user || '(empty: root)')}; add a USER that is not root`).toBe(true);
        // the USER really resolves inside the image to a uid other than 0
        const id = await oci().runContainer(`${repo}:cold`, { entrypoint: '/bin/sh', cmd: ['-c', 'id -u'], timeoutMs: 60_000 });
        expect(id.code, `podman run … id -u failed: ${id.stderr}`).toBe(0);
        expect(id.stdout.trim(), `${c.dockerfileRel}: the container's uid`).toMatch(/^[1-9]\d*$/);
        // the default command starts: it either exits 0 (the stand-in uvicorn checks app.main:app and
        // exits) or is still serving after a few seconds
        const started = await oci().runContainer(`${repo}:cold`, { timeoutMs: 8_000 });
        if (!started.stillRunning) {
          expect(started.code, `default command of ${c.dockerfileRel} failed:\n${started.stdout}\n${started.stderr}`).toBe(0);
        }
        console.log(`${c.dockerfileRel}: uid ${id.stdout.trim()}; default command: ${started.stillRunning ? 'still running after 8 s' : started.stdout.trim().split('\n')[0]}`);
      });

      it('stays under its size budget, on what the Dockerfile adds above its base', async () => {
        if (!cold) throw new Error('not built (see the cold build)');
        const file = c.budgetsOf ?? c.dockerfileRel;
        const budgets = (await declaredBudgets()).filter((b) => b.dockerfileRel === file);
        const last = stages.length - 1;
        /** what the Dockerfile adds (MB) above the root base image of `stage`, in this session's storage */
        const added = async (stage: number, image: ImageInfo): Promise<{ mb: number; base: string; baseMB: number }> => {
          const base = normalizeImage(rootImage(stages, stage));
          const baseBytes = base === 'scratch' ? 0 : (await oci().inspect(base)).sizeBytes;
          expect(image.sizeBytes, `${c.dockerfileRel}: the image is smaller than its base ${base}`).toBeGreaterThanOrEqual(baseBytes);
          return { mb: (image.sizeBytes - baseBytes) / MB, base, baseMB: baseBytes / MB };
        };
        if (budgets.length === 0) {
          const target = sizeTargetMB(c.dockerfileRel, stages);
          const a = await added(last, cold.final);
          const line = `${c.dockerfileRel}: ${(cold.final.sizeBytes / MB).toFixed(1)} MB; the Dockerfile adds ${a.mb.toFixed(3)} MB above ${a.base} (stand-in, ${a.baseMB.toFixed(1)} MB)`;
          if (target === null) {
            console.log(`${line}; no budget declared and no seed target for this kind of image`);
            return;
          }
          console.log(`${line}; no budget declared: ${target.why}`);
          expect(a.mb, `${c.dockerfileRel} adds ${a.mb.toFixed(1)} MB above its base ${a.base}; ${target.why}`).toBeLessThan(target.mb);
          return;
        }
        for (const b of budgets) {
          const index = b.target === undefined ? last : stages.findIndex((st) => st.name === b.target);
          expect(index, `${c.dockerfileRel}: the budget of ${b.image} (job ${b.job}) builds target ${String(b.target)}, which is not a stage`).toBeGreaterThanOrEqual(0);
          let image = cold.final;
          if (index !== last) {
            const tag = `${repo}-budget-${b.target ?? 'final'}:cold`;
            const r = await oci().build({ tag, context: ctx, dockerfile, target: b.target as string });
            if (r.code !== 0) throw new Error(buildFailure(`buildah build --target ${String(b.target)} of ${c.dockerfileRel}`, r));
            image = await oci().inspect(tag);
          }
          const a = await added(index, image);
          const row = `${c.dockerfileRel}${b.target === undefined ? '' : ` (target ${b.target})`} as ${b.image} (examples/${b.example}, job ${b.job}): ${(image.sizeBytes / MB).toFixed(1)} MB on ${a.base} (stand-in, ${a.baseMB.toFixed(1)} MB); the Dockerfile adds ${a.mb.toFixed(3)} MB (${Math.round(a.mb * MB)} bytes) of its ${b.budgetMB} MB budget`;
          budgetRows.push(row);
          console.log(row);
          expect(a.mb, `${c.dockerfileRel}: adds ${a.mb.toFixed(1)} MB above its base ${a.base}, over the ${b.budgetMB} MB budget of ${b.image} (examples/${b.example}, job ${b.job})`).toBeLessThan(b.budgetMB);
        }
      });

      it('keeps the dependency layers after a code-only change', async () => {
        if (!cold) throw new Error('not built (see the cold build)');
        const files = contextFiles(ctx);
        const lock = findLockStep(stages, ctx);
        const manifests = new Set(manifestFiles(files));
        if (lock) manifests.add(lock.file);
        codeFile = pickCodeFile(files, manifests);
        expect(codeFile, `${c.dockerfileRel}: no source file in the build context to change`).not.toBeNull();
        const changed = codeFile as string;
        // a statement, not a comment, in JavaScript/TypeScript: a bundler (Vite) drops comments, so the built output would not change
        const jsLike = /\.(c|m)?(j|t)sx?$/.test(changed);
        appendFileSync(
          join(ctx, changed),
          changed.endsWith('.py') || changed.endsWith('.rb')
            ? '\n# code-only change (devstack-kit integration test)\n'
            : jsLike
              ? "\nconsole.debug('code-only change (devstack-kit integration test)');\n"
              : '\n// code-only change (devstack-kit integration test)\n',
        );
        codeChanged = await buildAll('code-change', false);
        row.codeRebuildS = codeChanged.build.ms / 1000;

        const first = firstStepSeeing(stages, changed);
        const last = stages.length - 1;
        const installers = stages.flatMap((s) => s.steps.map((step, i) => ({ s, i, step })).filter((x) => x.step.installs));
        if (manifests.size > 0) {
          expect(installers.length, `${c.dockerfileRel}: the context has dependency manifests (${[...manifests].join(', ')}) but no step installs them`).toBeGreaterThan(0);
        }
        const kept: string[] = [];
        for (const s of stages) {
          const before = cold.layers.get(s.index);
          const after = codeChanged.layers.get(s.index);
          if (!before || !after) continue;
          const f = first[s.index] ?? s.steps.length;
          const seenBy = f >= 0 && f < s.steps.length ? `\`${s.steps[f]?.text}\`` : f < 0 ? `its base stage ${s.from}` : '';
          s.steps.forEach((step, i) => {
            if (step.installs) {
              expect(
                i < f,
                `${c.dockerfileRel} stage ${s.name ?? s.index}: dependency step \`${step.text}\` runs after ${seenBy}, which copies ` +
                  `the changed ${changed}: every code change reinstalls the dependencies. Copy the dependency manifests first, install, then copy the code.`,
              ).toBe(true);
            }
            if (i < f && before[i] !== null) {
              expect(after[i], `${c.dockerfileRel} stage ${s.name ?? s.index}: layer of \`${step.text}\` changed after a code-only change to ${changed}`).toBe(before[i]);
              if (step.installs || (step.keyword === 'COPY' && step.flags.some((fl) => fl.name === 'from'))) {
                kept.push(`${step.text.slice(0, 48)} ${shortDigest(before[i])}`);
              }
            }
          });
        }
        // the change did reach the final image (otherwise "unchanged" would prove nothing)
        const fFinal = first[last] ?? Infinity;
        const finalStage = stages[last] as Stage;
        expect(fFinal < finalStage.steps.length, `${c.dockerfileRel}: the code-only change to ${changed} does not reach the final image (is it copied? dockerignored?)`).toBe(true);
        if (fFinal >= 0) {
          const b = cold.layers.get(last)?.[fFinal];
          const a = codeChanged.layers.get(last)?.[fFinal];
          expect(a, `${c.dockerfileRel}: layer of \`${finalStage.steps[fFinal]?.text}\` should hold the changed ${changed}`).not.toBe(b);
        }
        // and buildah said so too: every install step was served from the cache
        for (const { step } of installers) {
          expect(codeChanged.build.cachedSteps, `${c.dockerfileRel}: \`${step.text}\` was not served from the layer cache on the code-only rebuild`).toContain(step.text);
        }
        row.depLayers = installers.length === 0 ? 'n/a (no install step)' : `unchanged: ${kept.join('; ')}`;
      });

      it('rebuilds the dependency layer after a lock change (the check can fail)', async () => {
        if (!cold || !codeChanged) throw new Error('not built (see the earlier builds)');
        const lock = findLockStep(stages, ctx);
        if (!lock) {
          const manifests = manifestFiles(contextFiles(ctx));
          expect(
            manifests,
            `${c.dockerfileRel}: the context has dependency manifests but no step copies them on their own before installing: ` +
              'copy the manifests first (COPY pyproject.toml uv.lock ./), install, then copy the code',
          ).toEqual([]);
          console.log(`${c.dockerfileRel}: no dependency manifests and no install step: no dependency layer to check`);
          return;
        }
        const lockPath = join(ctx, lock.file);
        appendFileSync(
          lockPath,
          lock.file.endsWith('uv.lock')
            ? '\n[[package]]\nname = "python-dotenv"\nversion = "1.0.1"\nsource = { registry = "https://pypi.org/simple" }\n'
            : '\n',
        );
        const lockChanged = await buildAll('lock-change', false);
        row.lockRebuildS = lockChanged.build.ms / 1000;
        const stage = stages[lock.stage] as Stage;
        const install = stage.steps[lock.installStep] as (typeof stage.steps)[number];
        const before = codeChanged.layers.get(lock.stage)?.[lock.installStep];
        const after = lockChanged.layers.get(lock.stage)?.[lock.installStep];
        if (before !== undefined) {
          expect(after, `${c.dockerfileRel}: \`${install.text}\` kept its layer although ${lock.file} changed`).not.toBe(before);
        }
        expect(lockChanged.build.cachedSteps, `${c.dockerfileRel}: \`${install.text}\` was served from the cache although ${lock.file} changed`).not.toContain(install.text);
        // the new dependencies reach the final image, in a layer below the code's
        const last = stages.length - 1;
        const own = codeChanged.layers.get(last) ?? [];
        const f = Math.max(0, firstStepSeeing(stages, codeFile ?? '')[last] ?? 0);
        const fLock = firstStepSeeing(stages, lock.file)[last] ?? Infinity;
        if (!(fLock < f)) {
          // e.g. a static site: the dependencies are only used to build what the code layer copies
          console.log(`${c.dockerfileRel}: ${lock.file} reaches the final image only through the code's layer (build-time dependencies): checked in stage ${stage.name ?? stage.index} only`);
          return;
        }
        const codeLayer = codeChanged.final.diffIds.length - own.filter((d) => d !== null).length + own.slice(0, f).filter((d) => d !== null).length;
        const firstDiff = codeChanged.final.diffIds.findIndex((d, i) => d !== lockChanged.final.diffIds[i]);
        expect(
          firstDiff >= 0 && firstDiff < codeLayer,
          `${c.dockerfileRel}: the changed ${lock.file} did not change any layer of the final image below the code layer ` +
            `(first differing layer: ${firstDiff}, code layer: ${codeLayer})`,
        ).toBe(true);
      });
    });
  }
});
