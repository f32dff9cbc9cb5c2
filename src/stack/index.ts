/**
 * Stacks and presets (`import { … } from 'devstack-kit/stack'`): the {@link Stack}, units
 * ({@link defineUnit}) and the first-party presets for a Python/uv service, its workers, a Vite
 * frontend served by nginx, Postgres, Redis, NATS and a CI smoke test of the whole stack.
 * @module
 */
export {
  Stack,
  defineUnit,
  dockerfileAt,
  isUnit,
  type AfterAdd,
  type CheckUnit,
  type ComposeNamesOf,
  type EmptyStack,
  type ImageBudget,
  type Requirements,
  type Scope,
  type StackDockerfile,
  type StackJob,
  type StackNames,
  type StackOptions,
  type StackService,
  type StackVarSpec,
  type Unit,
  type UnitResult,
} from './stack.js';
export { nats, postgres, redis, type HealthTiming, type NatsOptions, type PostgresHandle, type PostgresOptions, type RedisOptions, type UrlServiceHandle } from './presets/services.js';
export {
  pythonUv,
  pythonWorker,
  type BuildSecret,
  type PythonCiOptions,
  type PythonHealthcheck,
  type PythonUvHandle,
  type PythonUvOptions,
  type PythonUvStages,
  type PythonWorkerHandle,
  type PythonWorkerOptions,
} from './presets/python-uv.js';
export type { Dependencies, HealthyOf } from './presets/shared.js';
export { viteNginx, type NginxHealthcheck, type ViteNginxHandle, type ViteNginxOptions, type ViteNginxStages } from './presets/vite-nginx.js';
export { composeSmoke, type ComposeSmokeOptions } from './presets/smoke.js';
