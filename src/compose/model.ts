/**
 * The compose model: plain data in the shape of the Compose Specification. The zod schema is the
 * truth; its key order is the order keys are written in. Every short and long syntax the
 * specification allows is kept as written (a port stays `"8080:80"` or `{ target: 80 }`), so a
 * parsed file writes back unchanged.
 * @module
 */
import { z } from 'zod';
import { lazy } from '../core/lazy.js';
import { obj, str, bool, strings, stringOrList, name, ListOrDict, driverOpts, External } from './model-parts.js';
import { ServiceSchema } from './service-model.js';

// the building blocks and the service schema, so `./model.js` stays the one door to the whole model
export { Command, Duration, DURATION_RE, isDuration, ListOrDict, type Extensions } from './model-parts.js';
export {
  BuildSchema,
  DEPENDS_CONDITIONS,
  DependencySchema,
  DeploySchema,
  HealthcheckSchema,
  PortSchema,
  ServiceHookSchema,
  ServiceSchema,
  VolumeMountSchema,
  WATCH_ACTIONS,
  WatchSchema,
  type BuildModel,
  type DependencyModel,
  type HealthcheckModel,
  type PortModel,
  type ServiceModel,
  type VolumeMountModel,
  type WatchModel,
} from './service-model.js';

/**
 * A top-level network. `null` means "a network with the defaults".
 *
 * @example
 * ```ts
 * const n: NetworkModel = { driver: 'bridge', internal: true };
 * // networks:
 * //   back:
 * //     driver: bridge
 * //     internal: true
 * ```
 */
export const NetworkSchema = lazy(() => z.union([
  z.null(),
  obj({
    name: str.optional(),
    driver: str.optional(),
    driver_opts: driverOpts.optional(),
    ipam: obj({
      driver: str.optional(),
      config: z.array(obj({ subnet: str.optional(), ip_range: str.optional(), gateway: str.optional(), aux_addresses: z.record(z.string(), z.string()).optional() })).optional(),
      options: z.record(z.string(), z.string()).optional(),
    }).optional(),
    external: External.optional(),
    internal: bool.optional(),
    enable_ipv4: bool.optional(),
    enable_ipv6: bool.optional(),
    attachable: bool.optional(),
    labels: ListOrDict.optional(),
  }),
]));

/**
 * A top-level named volume. `null` means "a volume with the defaults".
 *
 * @example
 * ```ts
 * const v: VolumeModel = null;
 * // volumes:
 * //   pgdata:
 * ```
 */
export const VolumeSchema = lazy(() => z.union([
  z.null(),
  obj({ name: str.optional(), driver: str.optional(), driver_opts: driverOpts.optional(), external: External.optional(), labels: ListOrDict.optional() }),
]));

/**
 * A top-level secret (from a file, an environment variable, or external).
 *
 * @example
 * ```ts
 * const s: SecretModel = { file: './db_password.txt' };
 * // secrets:
 * //   db_password:
 * //     file: ./db_password.txt
 * ```
 */
export const SecretSchema = lazy(() => obj({
  name: str.optional(),
  file: str.optional(),
  environment: str.optional(),
  external: External.optional(),
  labels: ListOrDict.optional(),
  driver: str.optional(),
  driver_opts: driverOpts.optional(),
  template_driver: str.optional(),
}));

/**
 * A top-level config (from a file, inline content, an environment variable, or external).
 *
 * @example
 * ```ts
 * const c: ConfigModel = { content: 'worker_processes 1;' };
 * // configs:
 * //   nginx_conf:
 * //     content: worker_processes 1;
 * ```
 */
export const ConfigSchema = lazy(() => obj({
  name: str.optional(),
  file: str.optional(),
  content: str.optional(),
  environment: str.optional(),
  external: External.optional(),
  labels: ListOrDict.optional(),
  template_driver: str.optional(),
}));

/**
 * A top-level AI model (`models:`).
 *
 * @example
 * ```ts
 * const m = { model: 'ai/smollm2' };
 * // models:
 * //   llm:
 * //     model: ai/smollm2
 * ```
 */
export const ModelSchema = lazy(() => obj({ name: str.optional(), model: str, context_size: z.number().int().optional(), runtime_flags: strings.optional() }));

/**
 * An `include` entry: a path, or the long form.
 *
 * @example
 * ```ts
 * const inc = ['./db/compose.yaml', { path: './monitoring/compose.yaml', env_file: './monitoring/.env' }];
 * // include:
 * //   - ./db/compose.yaml
 * //   - path: ./monitoring/compose.yaml
 * //     env_file: ./monitoring/.env
 * ```
 */
export const IncludeSchema = lazy(() => z.union([
  z.string(),
  obj({ path: stringOrList.optional(), env_file: stringOrList.optional(), project_directory: str.optional() }),
]));

/** The compose file object (see {@link ComposeModelSchema}). */
const ComposeObject = lazy(() => obj({
  version: str.optional(),
  name: str.optional(),
  include: z.array(IncludeSchema).optional(),
  services: z.record(name, ServiceSchema).optional(),
  networks: z.record(name, NetworkSchema).optional(),
  volumes: z.record(name, VolumeSchema).optional(),
  secrets: z.record(name, SecretSchema).optional(),
  configs: z.record(name, ConfigSchema).optional(),
  models: z.record(name, ModelSchema).optional(),
}));

/** A whole compose file as plain data. */
export interface ComposeModel extends z.output<typeof ComposeObject> {}
/**
 * A whole compose file. Keys are written in this order.
 *
 * @example
 * ```ts
 * const model: ComposeModel = { services: { db: { image: 'postgres:16' } } };
 * synthCompose(model);
 * // services:
 * //   db:
 * //     image: postgres:16
 * ```
 */
export const ComposeModelSchema: z.ZodType<ComposeModel> & { readonly shape: typeof ComposeObject.shape } = ComposeObject;

/** A top-level network. */
export type NetworkModel = z.infer<typeof NetworkSchema>;
/** A top-level volume. */
export type VolumeModel = z.infer<typeof VolumeSchema>;
/** A top-level secret. */
export type SecretModel = z.infer<typeof SecretSchema>;
/** A top-level config. */
export type ConfigModel = z.infer<typeof ConfigSchema>;
/** A top-level AI model (`models:`). */
export type ModelModel = z.infer<typeof ModelSchema>;
/** An `include:` entry: a path, or `{ path, env_file, project_directory }`. */
export type IncludeModel = z.infer<typeof IncludeSchema>;
