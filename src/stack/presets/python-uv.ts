/**
 * A Python service managed with uv, and workers built from its Dockerfile: the multi-stage image
 * (dependencies cached in their own layer, a non-root runtime), the compose service (healthcheck,
 * `depends_on`, Compose Watch), the CI jobs (tests on a Python matrix; ruff and mypy in parallel with
 * uv's cache; the image with Docker layer caching) and the image's size budget — one call.
 * @module
 */
import { UsageError } from '../../core/errors.js';
import type { DurationString, StackServiceAny, WatchSpec } from './shared.js';
import { Dockerfile, dockerignorePresets } from '../../dockerfile/index.js';
import { cacheMount, image as imageRef, secretMount } from '../../dockerfile/builder.js';
import { workflowEnv } from '../../workflow/env.js';
import { expr } from '../../workflow/expressions.js';
import { uvProject } from '../../workflow/presets.js';
import { defineUnit, dockerfileAt, type StackDockerfile, type Unit } from '../stack.js';
import { applyDependencies, checkBudget, type Dependencies, type HealthyOf, type ImageJobOptions, imageJob } from './shared.js';

/** A BuildKit secret the dependency install reads (a private package index's token), as `RUN --mount=type=secret,id=…,env=…`. */
export interface BuildSecret {
  /** The secret's id (`--secret id=…` / compose `build.secrets` / build-push-action `secrets:`). */
  readonly id: string;
  /** The variable uv reads it from while installing: `UV_INDEX_PRIVATE_PASSWORD`. */
  readonly env: string;
  /** The repository secret holding it in CI, and the secret variable (`.env`) holding it for `docker compose build` (default: the id upper-cased, `-` as `_`: `UV_INDEX_TOKEN`). */
  readonly ciSecret?: string;
}

/** The CI jobs of a Python service; `false` for none. */
export interface PythonCiOptions {
  /** Python versions the tests run on (a matrix). Default `['3.12', '3.13']`. */
  readonly pythonVersions?: readonly string[];
  /** The test command. Default `uv run pytest`. */
  readonly test?: string;
  /** The lint command (its own job, in parallel). Default `uv run ruff check .`; `false` for none. */
  readonly lint?: string | false;
  /** The type-check command (its own job, in parallel). Default `uv run mypy .`; `false` for none. */
  readonly typecheck?: string | false;
  /** The runner. Default `ubuntu-24.04`. */
  readonly runsOn?: string;
}

/** Options of {@link pythonUv}. Every one has a default except the ones a project always sets. */
export interface PythonUvOptions<E extends string, D extends Dependencies, W extends string> {
  /** The project folder (with `pyproject.toml` and `uv.lock`), from the repository root. Default: the unit's name. */
  readonly dir?: string;
  /** The Python version of the images (`python:<version>-slim`). Default `3.13`. */
  readonly python?: string;
  /** The base image of both stages, when not `python:<python>-slim`. */
  readonly baseImage?: string;
  /** How uv gets into the build stage: `pip install uv==<version>` (default, version `0.8.4`), or copied from an image (`ghcr.io/astral-sh/uv:0.8.4`). */
  readonly uv?: { readonly version?: string } | { readonly image: string };
  /** The ASGI app uvicorn serves. Default `app.main:app`. Ignored when `command` is set. */
  readonly app?: string;
  /** The image's command (exec form), instead of uvicorn serving `app`. */
  readonly command?: readonly string[];
  /** The port the service listens on. Default `8000`. */
  readonly port?: number;
  /** The port published for the host (in `compose.override.yaml`). Default: `port`. */
  readonly hostPort?: number;
  /** The source folder inside `dir`, synced into the container by Compose Watch. Default `app`. */
  readonly source?: string;
  /** Configuration files or folders inside `dir` that Compose Watch syncs and then restarts the service for. Default none. */
  readonly configFiles?: readonly string[];
  /** Declared variables the service gets (their in-compose values). */
  readonly env?: readonly E[];
  /** Services this one waits for: `{ postgres: 'healthy', nats: 'started' }`. */
  readonly dependsOn?: D;
  /** The healthcheck: an HTTP GET of `path` with Python's urllib (`false` for none). Default `/health`. */
  readonly healthcheck?: PythonHealthcheck | false;
  /** The runtime user's uid (the user is `app`). Default `10001`. */
  readonly uid?: number;
  /** BuildKit secrets the dependency install reads (private package indexes). Default none. */
  readonly buildSecrets?: readonly BuildSecret[];
  /** Target platforms of the CI image build: `['linux/amd64', 'linux/arm64']`. Default: the runner's. */
  readonly platforms?: readonly string[];
  /** The image's size budget in decimal MB; the CI image job checks it. */
  readonly budgetMB?: number;
  /** CI jobs (`false` for none). */
  readonly ci?: PythonCiOptions | false;
  /** Workers built from the same Dockerfile (each a {@link pythonWorker} unit inside this one). */
  readonly workers?: { readonly [K in W]: Omit<PythonWorkerOptions<E, D, 'builder' | 'runtime'>, 'from'> };
}

/** The healthcheck of {@link pythonUv}: an HTTP GET of `path` (default `/health`) with Python's urllib. */
export interface PythonHealthcheck {
  readonly path?: string;
  readonly interval?: DurationString;
  readonly timeout?: DurationString;
  readonly retries?: number;
  readonly start_period?: DurationString;
}

/** The stages of the Dockerfile {@link pythonUv} writes. */
export type PythonUvStages = 'builder' | 'runtime';

/** What {@link pythonUv} returns from `stack.unit(name)`. */
export interface PythonUvHandle<Name extends string, Healthy extends boolean = true> {
  readonly service: Name;
  /** Whether the service has a healthcheck (`false` with `healthcheck: false`). */
  readonly healthy: Healthy;
  /** The Dockerfile, typed by its stages (for a worker's or another service's `build`). */
  readonly dockerfile: StackDockerfile<PythonUvStages>;
  readonly dir: string;
  readonly source: string;
  /** The `configFiles` option: what Compose Watch syncs and restarts for. */
  readonly configFiles: readonly string[];
  /** The ids of the BuildKit secrets the image build reads (declared compose secrets). */
  readonly buildSecrets: readonly string[];
  readonly port: number;
  /** CI job ids, for `needs`. */
  readonly jobs: { readonly test: `${Name}-test`; readonly lint: `${Name}-lint`; readonly typecheck: `${Name}-typecheck`; readonly image: `${Name}-image` };
}

const NAME_RE = /^[a-z0-9][a-z0-9_-]*$/;

function pythonDockerfile(options: PythonUvOptions<string, Dependencies, string>, command: readonly string[], port: number): Dockerfile<PythonUvStages> {
  const base = options.baseImage ?? `python:${options.python ?? '3.13'}-slim`;
  const uv = options.uv ?? {};
  const secrets = (options.buildSecrets ?? []).map((s) => secretMount(s.id, { env: s.env }));
  return Dockerfile.create()
    .syntax('docker/dockerfile:1')
    .stage('builder', base as `${string}:${string}`, (b) =>
      b
        .env({ UV_COMPILE_BYTECODE: '1', UV_LINK_MODE: 'copy' })
        .workdir('/app')
        .$call((x) => ('image' in uv ? x.copyFrom(imageRef(uv.image), '/uv', '/usr/local/bin/uv') : x.run(`pip install --no-cache-dir uv==${uv.version ?? '0.8.4'}`)))
        // the dependency layer: only the manifests, so a code change keeps it cached
        .copy(['pyproject.toml', 'uv.lock'], './')
        .run('uv sync --frozen --no-dev --no-install-project', { mounts: [cacheMount('/root/.cache/uv'), ...secrets] }),
    )
    .stage('runtime', base as `${string}:${string}`, (r) =>
      r
        .run(`useradd --create-home --uid ${options.uid ?? 10001} app`)
        .workdir('/app')
        // the virtualenv first; the base image's PATH is spelled out (docker/arg-before-declared reads `$PATH` as undeclared)
        .env({ VIRTUAL_ENV: '/app/.venv', PATH: '/app/.venv/bin:/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' })
        .copyFrom('builder', '/app/.venv', '/app/.venv')
        .copy('.', '/app')
        .user('app')
        .expose(port)
        .cmd([...command]),
    )
    .dockerignore(dockerignorePresets.python());
}

function checkCommonOptions(unit: string, options: { readonly port?: number; readonly hostPort?: number; readonly budgetMB?: number; readonly dir?: string }): void {
  for (const [key, port] of [['port', options.port], ['hostPort', options.hostPort]] as const) {
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      throw new UsageError('stack/invalid-option', `${unit}: ${key} must be a port number from 1 to 65535, received ${String(port)}`, `give a number: ${key}: 8000`);
    }
  }
  checkBudget(unit, options.budgetMB);
  if (options.dir !== undefined && (options.dir === '' || options.dir.startsWith('/') || options.dir.includes('..') || options.dir.endsWith('/'))) {
    throw new UsageError('stack/invalid-option', `${unit}: dir must be a folder inside the project like "backend", received ${JSON.stringify(options.dir)}`, 'give the folder from the repository root, without a leading or trailing /');
  }
}

/**
 * A Python web service managed with uv, as one unit: `<dir>/Dockerfile` and `<dir>/.dockerignore`,
 * the compose service, its dev settings, CI jobs and its image budget.
 *
 * - Dockerfile: a `builder` stage installs uv and runs `uv sync --frozen --no-dev --no-install-project`
 *   on `pyproject.toml` + `uv.lock` alone (uv's cache in a BuildKit cache mount; BuildKit secrets for
 *   private indexes), so code changes keep the dependency layer; a `runtime` stage copies the `.venv`
 *   and the code and runs as the non-root user `app`.
 * - compose: builds the `runtime` target, gets the listed variables with their in-compose values,
 *   waits for `dependsOn`, and has a healthcheck (urllib GET of `/health`), so other services may wait
 *   for it with `service_healthy`. `compose.override.yaml` publishes the port, runs uvicorn with
 *   `--reload` and watches: sync the source folder, rebuild on `pyproject.toml`/`uv.lock`,
 *   sync+restart on `configFiles`.
 * - CI: `<name>-test` on a Python matrix, `<name>-lint` (ruff) and `<name>-typecheck` (mypy) in
 *   parallel, each with uv's cache keyed by `uv.lock`, and `<name>-image` building the runtime target
 *   with buildx and the GitHub Actions layer cache.
 *
 * A consumer that lists a variable or a dependency the stack does not have gets a compile error at
 * `stack.add(…)`.
 *
 * @example
 * ```ts
 * Stack.create()
 *   .add(postgres())
 *   .add(pythonUv('api', { dir: 'backend', env: ['DATABASE_URL'], dependsOn: { postgres: 'healthy' }, budgetMB: 300 }));
 * // backend/Dockerfile:
 * //   # syntax=docker/dockerfile:1
 * //   FROM python:3.13-slim AS builder
 * //   ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
 * //   WORKDIR /app
 * //   RUN pip install --no-cache-dir uv==0.8.4
 * //   COPY pyproject.toml uv.lock ./
 * //   RUN --mount=type=cache,target=/root/.cache/uv \
 * //       uv sync --frozen --no-dev --no-install-project
 * //
 * //   FROM python:3.13-slim AS runtime
 * //   RUN useradd --create-home --uid 10001 app
 * //   WORKDIR /app
 * //   ENV VIRTUAL_ENV=/app/.venv \
 * //       PATH=/app/.venv/bin:/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
 * //   COPY --from=builder /app/.venv /app/.venv
 * //   COPY . /app
 * //   USER app
 * //   EXPOSE 8000
 * //   CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
 * // compose.yaml:
 * //   api:
 * //     build: { context: ./backend, dockerfile: Dockerfile, target: runtime }
 * //     environment:
 * //       DATABASE_URL: postgresql://postgres:${POSTGRES_PASSWORD:?…}@postgres:5432/app
 * //     depends_on:
 * //       postgres:
 * //         condition: service_healthy
 * //     healthcheck:
 * //       test: [CMD, python, -c, "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=3)"]
 * // .github/workflows/ci.yml: jobs api-test (Python 3.12, 3.13), api-lint, api-typecheck, api-image
 * ```
 */
export function pythonUv<const Name extends string, const E extends string = never, const D extends Dependencies = {}, const W extends string = never, const HC extends PythonHealthcheck | false = {}>(
  name: Name,
  options: PythonUvOptions<E, D, W> & { readonly healthcheck?: HC } = {},
): Unit<
  Name,
  { services: keyof D & string; healthy: HealthyOf<D>; env: E; volumes: never; jobs: {}; units: {} },
  {
    services: Name | (keyof D & string) | W;
    healthy: ([HC] extends [false] ? never : Name) | HealthyOf<D>;
    env: E;
    volumes: never;
    jobs: { [K in `${Name}-test` | `${Name}-lint` | `${Name}-typecheck` | `${Name}-image`]: never };
    units: { [K in W]: PythonWorkerHandle<K> };
  },
  PythonUvHandle<Name, [HC] extends [false] ? false : true>
> {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new UsageError('stack/invalid-option', `pythonUv: the name must be a service name in lower case (letters, digits, "-", "_"), received ${JSON.stringify(name)}`, 'pythonUv("api", { … })');
  }
  checkCommonOptions(`pythonUv("${name}")`, options);
  const dir = options.dir ?? name;
  const port = options.port ?? 8000;
  const hostPort = options.hostPort ?? port;
  const source = options.source ?? 'app';
  const app = options.app ?? 'app.main:app';
  const serve = ['uvicorn', app, '--host', '0.0.0.0', '--port', String(port)];
  const command = options.command ?? serve;
  const df = dockerfileAt(`${dir}/Dockerfile`, pythonDockerfile(options as PythonUvOptions<string, Dependencies, string>, command, port));
  const deps = (options.dependsOn ?? {}) as Dependencies;
  const env = [...(options.env ?? [])];
  const health: PythonHealthcheck | false = options.healthcheck ?? {};
  const ci = options.ci === false ? undefined : (options.ci ?? {});
  const jobs = { test: `${name}-test`, lint: `${name}-lint`, typecheck: `${name}-typecheck`, image: `${name}-image` } as const;
  const handle: PythonUvHandle<Name, boolean> = {
    service: name,
    healthy: health !== false,
    dockerfile: df,
    dir,
    source,
    configFiles: [...(options.configFiles ?? [])],
    buildSecrets: (options.buildSecrets ?? []).map((b) => b.id),
    port,
    jobs: jobs as PythonUvHandle<Name>['jobs'],
  };
  const requires = {
    env,
    services: Object.keys(deps),
    healthy: Object.entries(deps)
      .filter(([, c]) => c === 'healthy')
      .map(([k]) => k),
  };
  const secrets = (options.buildSecrets ?? []).map((b) => ({ id: b.id, env: b.env, source: ciSecretOf(b) }));
  return defineUnit(name, requires, (s) => {
    // each BuildKit secret reaches `docker compose build` from a secret variable (.env), and CI from a repository secret
    let withSecrets = s as typeof s;
    for (const b of secrets) {
      const declared = (withSecrets.envDeclaration() as unknown as { names(): string[] }).names().includes(b.source);
      if (!declared) withSecrets = withSecrets.env(b.source as never, { description: `BuildKit secret "${b.id}" for the ${name} image (read as ${b.env} while installing dependencies)`, secret: true }) as unknown as typeof s;
      withSecrets = withSecrets.secret(b.id, { environment: b.source });
    }
    let out = withSecrets.dockerfile(df).service(name, (svc, vars) => {
      let x = svc.build(df, { target: 'runtime', ...(secrets.length > 0 ? { secrets: secrets.map((b) => b.id as never) } : {}) }) as StackServiceAny;
      for (const v of env) x = x.env(v, (vars as Record<string, string>)[v] ?? '');
      x = applyDependencies(x, deps);
      if (health !== false) {
        const path = health.path ?? '/health';
        x = x.healthcheck({
          test: ['CMD', 'python', '-c', `import urllib.request; urllib.request.urlopen('http://localhost:${port}${path}', timeout=3)`],
          interval: health.interval ?? '10s',
          timeout: health.timeout ?? '5s',
          retries: health.retries ?? 5,
          start_period: health.start_period ?? '10s',
        }) as StackServiceAny;
      }
      return x.dev((d) => {
        const watch: WatchSpec[] = [
          { action: 'sync', path: s.composePath(`${dir}/${source}`), target: `/app/${source}` },
          { action: 'rebuild', path: s.composePath(`${dir}/pyproject.toml`) },
          { action: 'rebuild', path: s.composePath(`${dir}/uv.lock`) },
          ...(options.configFiles ?? []).map((f): WatchSpec => ({ action: 'sync+restart', path: s.composePath(`${dir}/${f}`), target: `/app/${f}` })),
        ];
        const dev = d.ports(`${hostPort}:${port}`).watch(...watch);
        // uvicorn reloads the synced code in development; a custom command is left as it is
        return options.command === undefined ? dev.command([...serve, '--reload']) : dev;
      }) as never;
    }) as unknown as typeof s;
    if (ci) {
      const runsOn = ci.runsOn ?? 'ubuntu-24.04';
      const lock = `${dir}/uv.lock`;
      const ciEnv = workflowEnv(s.envDeclaration() as never, env as never[]) as Record<string, string>;
      out = out.job(jobs.test, (j) =>
        j
          .runsOn(runsOn)
          .timeout(15)
          .matrix({ python: [...(ci.pythonVersions ?? ['3.12', '3.13'])] })
          .defaults({ 'working-directory': dir })
          .$if(env.length > 0, (x) => x.env(ciEnv))
          .$call(uvProject({ python: expr.matrix['python'] as never, lock }))
          .step({ name: 'Test', run: ci.test ?? 'uv run pytest' }),
      ) as unknown as typeof s;
      for (const [id, command, what] of [
        [jobs.lint, ci.lint ?? 'uv run ruff check .', 'Lint'],
        [jobs.typecheck, ci.typecheck ?? 'uv run mypy .', 'Type check'],
      ] as const) {
        if (command === false) continue;
        out = out.job(id, (j) =>
          j
            .runsOn(runsOn)
            .timeout(10)
            .defaults({ 'working-directory': dir })
            .$call(uvProject({ python: options.python ?? '3.13', lock }))
            .step({ name: what, run: command }),
        ) as unknown as typeof s;
      }
      out = out.job(jobs.image, imageJob({ ...imageJobOptions(name, df, 'runtime', options), runsOn, needs: [jobs.test] })) as unknown as typeof s;
    }
    out = out.image({ name, dockerfile: df.path, context: df.context, target: 'runtime', ...(options.budgetMB === undefined ? {} : { budgetMB: options.budgetMB }), ...(ci ? { job: jobs.image } : {}) });
    for (const [worker, spec] of Object.entries(options.workers ?? {}) as [string, Omit<PythonWorkerOptions<string, Dependencies, PythonUvStages>, 'from'>][]) {
      // a unit inside a unit: the worker is its own unit (its handle is stack.unit(worker)); its
      // variables and dependencies are checked against what this stack has when it is added
      out = out.add(pythonWorker(worker, { ...spec, from: handle, ...(ci === undefined && spec.ci === undefined ? { ci: false as const } : {}) }) as never) as unknown as typeof s;
    }
    return out.returns(handle);
  }) as never;
}

/** The repository secret (and local variable) holding a build secret: `ciSecret`, or the id upper-cased with `_`. */
function ciSecretOf(b: BuildSecret): string {
  return b.ciSecret ?? b.id.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

function imageJobOptions(name: string, df: StackDockerfile<string>, target: string, options: { readonly budgetMB?: number; readonly platforms?: readonly string[]; readonly buildSecrets?: readonly BuildSecret[] }): ImageJobOptions {
  return {
    name,
    dockerfile: df,
    target,
    ...(options.budgetMB === undefined ? {} : { budgetMB: options.budgetMB }),
    ...(options.platforms === undefined ? {} : { platforms: options.platforms }),
    ...(options.buildSecrets === undefined || options.buildSecrets.length === 0
      ? {}
      : { secrets: options.buildSecrets.map((b) => ({ id: b.id, ciSecret: ciSecretOf(b) })) }),
  };
}

// ─── worker ─────────────────────────────────────────────────────────────────────────────────────

/** Options of {@link pythonWorker}. */
export interface PythonWorkerOptions<E extends string, D extends Dependencies, S extends string> {
  /** The service whose Dockerfile the worker runs: a {@link pythonUv} handle (`stack.unit('api')`). */
  readonly from: { readonly dockerfile: StackDockerfile<S>; readonly dir: string; readonly source: string; readonly configFiles?: readonly string[]; readonly buildSecrets?: readonly string[] };
  /** The stage to run. Default `runtime`. */
  readonly target?: NoInfer<S>;
  /** The worker's command (exec form): `['python', '-m', 'app.worker']`. */
  readonly command: readonly string[];
  /** Declared variables the worker gets (their in-compose values). */
  readonly env?: readonly E[];
  /** Services the worker waits for. */
  readonly dependsOn?: D;
  /** The image's size budget in decimal MB (checked by a CI image job of its own). */
  readonly budgetMB?: number;
  /** The CI image job (`false` for none; default: one when `budgetMB` is set). */
  readonly ci?: { readonly runsOn?: string } | false;
  /** Target platforms of the CI image build. */
  readonly platforms?: readonly string[];
}

/** What {@link pythonWorker} returns from `stack.unit(name)`. */
export interface PythonWorkerHandle<Name extends string> {
  readonly service: Name;
  /** The CI image job's id, when it has one. */
  readonly jobs: { readonly image: `${Name}-image` | undefined };
}

/**
 * A background worker that runs another Python service's image with its own command (the layers are
 * shared with that service): a compose service with the listed variables and dependencies, Compose
 * Watch syncing the same source folder and rebuilding on the lock file, and, when it has a size
 * budget, a CI job that builds its image and checks it.
 *
 * @example
 * ```ts
 * const stack = Stack.create().add(nats()).add(pythonUv('api', { dir: 'backend' }));
 * stack.add(pythonWorker('worker', { from: stack.unit('api'), command: ['python', '-m', 'app.worker'], env: ['NATS_URL'], dependsOn: { nats: 'healthy' } }));
 * // compose.yaml:
 * //   worker:
 * //     build: { context: ./backend, dockerfile: Dockerfile, target: runtime }
 * //     command: [python, -m, app.worker]
 * //     environment:
 * //       NATS_URL: nats://nats:4222
 * //     depends_on:
 * //       nats:
 * //         condition: service_healthy
 * ```
 */
export function pythonWorker<const Name extends string, S extends string, const E extends string = never, const D extends Dependencies = {}>(
  name: Name,
  options: PythonWorkerOptions<E, D, S>,
): Unit<
  Name,
  { services: keyof D & string; healthy: HealthyOf<D>; env: E; volumes: never; jobs: {}; units: {} },
  { services: Name | (keyof D & string); healthy: HealthyOf<D>; env: E; volumes: never; jobs: { [K in `${Name}-image`]: never }; units: {} },
  PythonWorkerHandle<Name>
> {
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new UsageError('stack/invalid-option', `pythonWorker: the name must be a service name in lower case, received ${JSON.stringify(name)}`, 'pythonWorker("worker", { … })');
  }
  if (!options || typeof options.from !== 'object' || options.from === null || !Array.isArray(options.from.dockerfile?.stages)) {
    throw new UsageError('stack/invalid-option', `pythonWorker("${name}"): "from" must be a Python service's handle`, "pass stack.unit('api') (what pythonUv returns)");
  }
  if (!Array.isArray(options.command) || options.command.length === 0) {
    throw new UsageError('stack/invalid-option', `pythonWorker("${name}"): "command" must be a non-empty list`, "command: ['python', '-m', 'app.worker']");
  }
  checkBudget(`pythonWorker("${name}")`, options.budgetMB);
  const { dockerfile: df, dir, source } = options.from;
  const target = (options.target ?? 'runtime') as S;
  if (!df.stages.includes(target)) {
    throw new UsageError('stack/invalid-option', `pythonWorker("${name}"): "${target}" is not a stage of ${df.path} (stages: ${df.stages.join(', ')})`, 'use one of the stage names');
  }
  const deps = (options.dependsOn ?? {}) as Dependencies;
  const env = [...(options.env ?? [])];
  const ci = options.ci === false ? undefined : options.ci ?? (options.budgetMB === undefined ? undefined : {});
  const imageId = `${name}-image` as const;
  const requires = {
    env,
    services: Object.keys(deps),
    healthy: Object.entries(deps)
      .filter(([, c]) => c === 'healthy')
      .map(([k]) => k),
  };
  return defineUnit(name, requires, (s) => {
    let out = s.dockerfile(df).service(name, (svc, vars) => {
      const buildSecrets = options.from.buildSecrets ?? [];
      // `target` is computed from options and is a stage of the unit's own Dockerfile (checked where `df` is built)
      let x = (svc.build(df, { target: target as never, ...(buildSecrets.length > 0 ? { secrets: buildSecrets as readonly never[] } : {}) }) as StackServiceAny).command([...options.command]);
      for (const v of env) x = x.env(v, (vars as Record<string, string>)[v] ?? '');
      x = applyDependencies(x, deps);
      // a worker does not reload code by itself: every change restarts it
      const watch: WatchSpec[] = [
        { action: 'sync+restart', path: s.composePath(`${dir}/${source}`), target: `/app/${source}` },
        { action: 'rebuild', path: s.composePath(`${dir}/pyproject.toml`) },
        { action: 'rebuild', path: s.composePath(`${dir}/uv.lock`) },
        ...(options.from.configFiles ?? []).map((f): WatchSpec => ({ action: 'sync+restart', path: s.composePath(`${dir}/${f}`), target: `/app/${f}` })),
      ];
      return x.dev((d) => d.watch(...watch)) as never;
    }) as unknown as typeof s;
    if (ci) out = out.job(imageId, imageJob({ ...imageJobOptions(name, df, target, options), runsOn: ci.runsOn ?? 'ubuntu-24.04' })) as unknown as typeof s;
    out = out.image({ name, dockerfile: df.path, context: df.context, target, ...(options.budgetMB === undefined ? {} : { budgetMB: options.budgetMB }), ...(ci ? { job: imageId } : {}) });
    return out.returns({ service: name, jobs: { image: ci ? imageId : undefined } } as PythonWorkerHandle<Name>);
  }) as never;
}
