/**
 * A CI job that starts the whole stack with `docker compose up --wait` and runs a smoke command.
 * @module
 */
import { UsageError } from '../../core/errors.js';
import { checkout } from '../../workflow/actions/index.js';
import { defineUnit, type Unit } from '../stack.js';

/** Options of {@link composeSmoke}. */
export interface ComposeSmokeOptions<S extends string, J extends string> {
  /** The smoke command: run inside `service` with `docker compose exec` when one is given, else on the runner. */
  readonly command: string;
  /** The service to run it in (exec form, so the published ports of the dev override are not needed). */
  readonly service?: S;
  /** Jobs to wait for (the image builds, say). Default none: it runs in parallel. */
  readonly needs?: readonly J[];
  /** The compose file, from the repository root. Default: the stack's (`compose.yaml`); the override file is left out, as in production. */
  readonly composeFile?: string;
  /** The job id. Default `smoke`. */
  readonly id?: string;
  /** The runner. Default `ubuntu-24.04`. */
  readonly runsOn?: string;
  /** How long `up --wait` waits for every healthcheck, in seconds. Default `300`. */
  readonly waitSeconds?: number;
}

/**
 * Adds the CI job `smoke`: copies `.env.example` to `.env` with a random value for every secret
 * variable, builds and starts the stack with `docker compose -f compose.yaml up --build --wait`,
 * runs the smoke command, prints the logs when something failed, and stops the stack. Add it last,
 * so every secret is known.
 *
 * @example
 * ```ts
 * stack.add(composeSmoke({ service: 'api', command: 'python -c "import urllib.request; urllib.request.urlopen(\'http://localhost:8000/health\')"' }));
 * // smoke:
 * //   runs-on: ubuntu-24.04
 * //   timeout-minutes: 20
 * //   steps:
 * //     - uses: actions/checkout@v4
 * //     - name: Prepare .env (random secrets)
 * //       run: |-
 * //         cp .env.example .env
 * //         sed -i "s/^POSTGRES_PASSWORD=\$/POSTGRES_PASSWORD=$(openssl rand -hex 16)/" .env
 * //     - name: Start the stack
 * //       run: docker compose -f compose.yaml up --build --wait --wait-timeout 300
 * //     - name: Smoke test
 * //       run: docker compose -f compose.yaml exec -T api python -c "…"
 * //     - name: Logs
 * //       if: failure()
 * //       run: docker compose -f compose.yaml logs --no-color
 * //     - name: Stop the stack
 * //       if: always()
 * //       run: docker compose -f compose.yaml down --volumes
 * ```
 */
export function composeSmoke<const S extends string = never, const J extends string = never>(
  options: ComposeSmokeOptions<S, J>,
): Unit<'smoke', { services: S; healthy: never; env: never; volumes: never; jobs: { [K in J]: never }; units: {} }, { services: S; healthy: never; env: never; volumes: never; jobs: { [K in J | 'smoke']: never }; units: {} }, { readonly job: string }> {
  if (!options || typeof options.command !== 'string' || options.command.trim() === '') {
    throw new UsageError('stack/invalid-option', 'composeSmoke: "command" must be a non-empty shell command', "composeSmoke({ service: 'api', command: 'curl -fsS http://localhost:8000/health' })");
  }
  const id = options.id ?? 'smoke';
  const requires = { services: options.service === undefined ? [] : [options.service], jobs: [...(options.needs ?? [])] };
  return defineUnit(id, requires, (s) => {
    const file = options.composeFile ?? s.composeFile();
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
    const envExample = dir === '.' ? '.env.example' : `${dir}/.env.example`;
    const envFile = dir === '.' ? '.env' : `${dir}/.env`;
    const dc = `docker compose -f ${file}`;
    const secrets = s
      .envDeclaration()
      .toModel()
      .vars.filter((v) => v.secret === true)
      .map((v) => v.name);
    const prepare = [`cp ${envExample} ${envFile}`, ...secrets.map((n) => `sed -i "s/^${n}=\\$/${n}=$(openssl rand -hex 16)/" ${envFile}`)].join('\n');
    const run = options.service === undefined ? options.command : `${dc} exec -T ${options.service} ${options.command}`;
    return s
      .job(id, (j) =>
        j
          .runsOn(options.runsOn ?? 'ubuntu-24.04')
          .timeout(20)
          .$if((options.needs ?? []).length > 0, (x) => x.needs(...((options.needs ?? []) as never[])))
          .step(checkout())
          .step({ name: 'Prepare .env (random secrets)', run: prepare })
          .step({ name: 'Start the stack', run: `${dc} up --build --wait --wait-timeout ${options.waitSeconds ?? 300}` })
          .step({ name: 'Smoke test', run })
          .step({ name: 'Logs', if: 'failure()', run: `${dc} logs --no-color` })
          .step({ name: 'Stop the stack', if: 'always()', run: `${dc} down --volumes` }),
      )
      .returns({ job: id });
  }) as never;
}
