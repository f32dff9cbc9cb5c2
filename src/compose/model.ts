/**
 * The compose model: plain data in the shape of the Compose Specification. The zod schema is the
 * truth; its key order is the order keys are written in. Every short and long syntax the
 * specification allows is kept as written (a port stays `"8080:80"` or `{ target: 80 }`), so a
 * parsed file writes back unchanged.
 * @module
 */
import { z } from 'zod';
import { lazy } from '../core/lazy.js';

/** `x-` extension keys, allowed on every object of the specification. */
export type Extensions = { [key: `x-${string}`]: unknown };

const EXT = /^x-/;

/**
 * An object of the specification: the listed keys, plus `x-` extensions. Any other key is kept in
 * the data (never dropped) but reported as `compose/schema/unknown-key`.
 */
function obj<S extends z.core.$ZodLooseShape>(shape: S): z.ZodType<z.output<z.ZodObject<S>> & Extensions> & { readonly shape: { readonly [K in keyof S]: z.ZodType } } {
  const schema = z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key) && !EXT.test(key)) {
          ctx.addIssue({
            code: 'custom',
            message: `the compose specification has no key "${key}" here`,
            path: [key],
            input: (value as Record<string, unknown>)[key],
            params: { code: 'unknown-key', hint: 'check the spelling; custom data goes under an `x-` key' },
          });
        }
      }
    }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) });
  return schema as never;
}

/** The duration syntax of Compose: `1m30s`, `10s`, `500ms`; `${VAR}` interpolation is allowed. */
export const DURATION_RE = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const INTERPOLATION_RE = /\$\{[^}]+\}|\$[A-Za-z_]/;

/**
 * True for a Compose duration (`10s`, `1m30s`) or a value that interpolates a variable.
 *
 * @example
 * ```ts
 * isDuration('1m30s'); // true
 * isDuration(10);      // false
 * ```
 */
export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && (DURATION_RE.test(value) || INTERPOLATION_RE.test(value));
}

/**
 * A Compose duration string such as `"10s"` or `"1m30s"`.
 *
 * @example
 * ```ts
 * HealthcheckSchema.parse({ interval: '10s' })
 * // interval: 10s
 * ```
 */
export const Duration: z.ZodType<string> = lazy(() => z.unknown().superRefine((value, ctx) => {
  if (!isDuration(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a duration like "10s"',
      input: value,
      continue: true,
      params: { code: 'invalid-duration', hint: 'write a number with a unit as a string: "10s", "1m30s", "500ms"' },
    });
  }
}) as never);

/** A list whose items must differ (`uniqueItems` in the specification). */
function unique<T extends z.ZodType>(item: T): z.ZodArray<T> {
  return z.array(item).superRefine(
    (list, ctx) => {
      const seen = new Set<string>();
      list.forEach((value, index) => {
        const key = JSON.stringify(value);
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            message: 'this item is listed twice',
            path: [index],
            input: value,
            continue: true,
            params: { code: 'duplicate-item', hint: 'remove the repeated item' },
          });
        }
        seen.add(key);
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  ) as never;
}

const str = lazy(() => z.string());
const bool = lazy(() => z.union([z.boolean(), z.string()]));
const num = lazy(() => z.union([z.number(), z.string()]));
const int = lazy(() => z.union([z.number().int(), z.string()]));
const strings = lazy(() => z.array(z.string()));
const listOfStrings = lazy(() => unique(z.string()));
const stringOrList = lazy(() => z.union([z.string(), listOfStrings]));
const NAME_RE = /^[a-zA-Z0-9._-]+$/;
const name = lazy(() => z.string().regex(NAME_RE, { message: 'expected a name of letters, digits, ".", "_" or "-"' }));
/**
 * A map (`KEY: value`) or a list (`KEY=value`), as for `environment`, `labels`, `args`.
 *
 * @example
 * ```ts
 * const env: ServiceModel['environment'] = { LOG_LEVEL: 'debug' };
 * // environment:
 * //   LOG_LEVEL: debug
 * ```
 */
export const ListOrDict = lazy(() => z.union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), listOfStrings]));
const driverOpts = lazy(() => z.record(z.string(), z.union([z.string(), z.number()])));
/**
 * A command as a string (run by a shell), a list (exec form) or null (reset).
 *
 * @example
 * ```ts
 * const cmd: ServiceModel['command'] = ['uvicorn', 'app.main:app'];
 * // command:
 * //   - uvicorn
 * //   - app.main:app
 * ```
 */
export const Command = lazy(() => z.union([z.null(), z.string(), strings]));
const ExtraHosts = lazy(() => z.union([z.record(z.string(), z.union([z.string(), strings])), listOfStrings]));
const Ulimits = lazy(() => z.record(z.string(), z.union([int, obj({ soft: int, hard: int })])));
const ConfigOrSecretRef = lazy(() => z.array(z.union([z.string(), obj({ source: str.optional(), target: str.optional(), uid: str.optional(), gid: str.optional(), mode: num.optional() })])));
const External = lazy(() => z.union([z.boolean(), z.string(), obj({ name: str.optional() })]));

/**
 * A lifecycle hook (`post_start`, `pre_stop`, a watch's `exec`).
 *
 * @example
 * ```ts
 * const hook = { command: ['./migrate.sh'], user: 'root' };
 * // post_start:
 * //   - command:
 * //       - ./migrate.sh
 * //     user: root
 * ```
 */
export const ServiceHookSchema = lazy(() => obj({
  command: Command,
  user: str.optional(),
  privileged: bool.optional(),
  working_dir: str.optional(),
  environment: ListOrDict.optional(),
}));

/**
 * `healthcheck`: how Compose decides a container is healthy.
 *
 * @example
 * ```ts
 * const hc: HealthcheckModel = { test: ['CMD', 'pg_isready'], interval: '10s', retries: 5 };
 * // healthcheck:
 * //   test:
 * //     - CMD
 * //     - pg_isready
 * //   interval: 10s
 * //   retries: 5
 * ```
 */
export const HealthcheckSchema = lazy(() => obj({
  test: z.union([z.string(), strings]).optional(),
  interval: Duration.optional(),
  timeout: Duration.optional(),
  retries: num.optional(),
  start_period: Duration.optional(),
  start_interval: Duration.optional(),
  disable: bool.optional(),
}));

/**
 * The `develop.watch` actions.
 *
 * @example
 * ```ts
 * WATCH_ACTIONS.includes('sync+restart'); // true
 * ```
 */
export const WATCH_ACTIONS = ['rebuild', 'sync', 'restart', 'sync+restart', 'sync+exec'] as const;
/**
 * One `develop.watch` rule.
 *
 * @example
 * ```ts
 * const w: WatchModel = { action: 'sync', path: './app', target: '/app' };
 * // - action: sync
 * //   path: ./app
 * //   target: /app
 * ```
 */
export const WatchSchema = lazy(() => obj({
  action: z.enum(WATCH_ACTIONS),
  path: str,
  target: str.optional(),
  ignore: stringOrList.optional(),
  include: stringOrList.optional(),
  exec: ServiceHookSchema.optional(),
  initial_sync: z.boolean().optional(),
}));

const BuildObject = lazy(() => obj({
  context: str.optional(),
  dockerfile: str.optional(),
  dockerfile_inline: str.optional(),
  target: str.optional(),
  args: ListOrDict.optional(),
  ssh: ListOrDict.optional(),
  labels: ListOrDict.optional(),
  cache_from: strings.optional(),
  cache_to: strings.optional(),
  no_cache: bool.optional(),
  additional_contexts: ListOrDict.optional(),
  network: str.optional(),
  provenance: z.union([z.string(), z.boolean()]).optional(),
  sbom: z.union([z.string(), z.boolean()]).optional(),
  entitlements: strings.optional(),
  pull: bool.optional(),
  shm_size: int.optional(),
  extra_hosts: ExtraHosts.optional(),
  isolation: str.optional(),
  privileged: bool.optional(),
  secrets: ConfigOrSecretRef.optional(),
  tags: strings.optional(),
  ulimits: Ulimits.optional(),
  platforms: strings.optional(),
}));
/**
 * `build`: a context path, or the long form.
 *
 * @example
 * ```ts
 * const b: BuildModel = { context: './backend', target: 'runtime' };
 * // build:
 * //   context: ./backend
 * //   target: runtime
 * ```
 */
export const BuildSchema = lazy(() => z.union([z.string(), BuildObject]));

/**
 * The `depends_on` conditions.
 *
 * @example
 * ```ts
 * DEPENDS_CONDITIONS[1]; // 'service_healthy'
 * ```
 */
export const DEPENDS_CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'] as const;
/**
 * One entry of the long form of `depends_on`.
 *
 * @example
 * ```ts
 * const d: DependencyModel = { condition: 'service_healthy', restart: true };
 * // db:
 * //   condition: service_healthy
 * //   restart: true
 * ```
 */
export const DependencySchema = lazy(() => obj({
  condition: z.enum(DEPENDS_CONDITIONS),
  restart: bool.optional(),
  required: z.boolean().optional(),
}));
const DependsOn = lazy(() => z.union([listOfStrings, z.record(name, DependencySchema)]));

/**
 * The long form of a port.
 *
 * @example
 * ```ts
 * const p: PortModel = { target: 80, published: 8080 };
 * // - target: 80
 * //   published: 8080
 * ```
 */
export const PortSchema = lazy(() => obj({
  name: str.optional(),
  target: int.optional(),
  published: int.optional(),
  host_ip: str.optional(),
  protocol: str.optional(),
  app_protocol: str.optional(),
  mode: str.optional(),
}));

/**
 * The long form of a volume mount.
 *
 * @example
 * ```ts
 * const v: VolumeMountModel = { type: 'bind', source: './app', target: '/app', read_only: true };
 * // - type: bind
 * //   source: ./app
 * //   target: /app
 * //   read_only: true
 * ```
 */
export const VolumeMountSchema = lazy(() => obj({
  type: z.enum(['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image']),
  source: str.optional(),
  target: str.optional(),
  read_only: bool.optional(),
  consistency: str.optional(),
  bind: obj({
    propagation: str.optional(),
    create_host_path: bool.optional(),
    recursive: z.enum(['enabled', 'disabled', 'writable', 'readonly']).optional(),
    selinux: z.enum(['z', 'Z']).optional(),
  }).optional(),
  volume: obj({ labels: ListOrDict.optional(), nocopy: bool.optional(), subpath: str.optional() }).optional(),
  tmpfs: obj({ size: z.union([z.number().int().min(0), z.string()]).optional(), mode: num.optional() }).optional(),
  image: obj({ subpath: str.optional() }).optional(),
}));

const ServiceNetwork = lazy(() => obj({
  aliases: listOfStrings.optional(),
  interface_name: str.optional(),
  ipv4_address: str.optional(),
  ipv6_address: str.optional(),
  link_local_ips: listOfStrings.optional(),
  mac_address: str.optional(),
  driver_opts: driverOpts.optional(),
  priority: z.number().optional(),
  gw_priority: z.number().optional(),
}));

const Device = lazy(() => obj({
  capabilities: listOfStrings.optional(),
  count: int.optional(),
  device_ids: listOfStrings.optional(),
  driver: str.optional(),
  options: ListOrDict.optional(),
}));
const UpdateConfig = lazy(() => obj({
  parallelism: int.optional(),
  delay: Duration.optional(),
  failure_action: str.optional(),
  monitor: Duration.optional(),
  max_failure_ratio: num.optional(),
  order: z.enum(['start-first', 'stop-first']).optional(),
}));
/**
 * `deploy`: resources, replicas and restart policy.
 *
 * @example
 * ```ts
 * const deploy: ServiceModel['deploy'] = { resources: { limits: { memory: '512M' } } };
 * // deploy:
 * //   resources:
 * //     limits:
 * //       memory: 512M
 * ```
 */
export const DeploySchema = lazy(() => z.union([
  z.null(),
  obj({
    mode: str.optional(),
    endpoint_mode: str.optional(),
    replicas: int.optional(),
    labels: ListOrDict.optional(),
    rollback_config: UpdateConfig.optional(),
    update_config: UpdateConfig.optional(),
    resources: obj({
      limits: obj({ cpus: num.optional(), memory: str.optional(), pids: int.optional() }).optional(),
      reservations: obj({
        cpus: num.optional(),
        memory: str.optional(),
        generic_resources: z.array(obj({ discrete_resource_spec: obj({ kind: str.optional(), value: num.optional() }).optional() })).optional(),
        devices: z.array(Device).optional(),
      }).optional(),
    }).optional(),
    restart_policy: obj({ condition: str.optional(), delay: Duration.optional(), max_attempts: int.optional(), window: Duration.optional() }).optional(),
    placement: obj({
      constraints: strings.optional(),
      preferences: z.array(obj({ spread: str.optional() })).optional(),
      max_replicas_per_node: int.optional(),
    }).optional(),
  }),
]));

const BlkioLimit = lazy(() => obj({ path: str.optional(), rate: int.optional() }));
const BlkioWeight = lazy(() => obj({ path: str.optional(), weight: z.number().int().optional() }));

/** The service object (see {@link ServiceSchema}). */
const ServiceObject = lazy(() => obj({
  image: str.optional(),
  build: BuildSchema.optional(),
  extends: z.union([z.string(), obj({ service: str, file: str.optional() })]).optional(),
  provider: obj({ type: str, options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))])).optional() }).optional(),
  platform: str.optional(),
  pull_policy: str.optional(),
  pull_refresh_after: str.optional(),
  container_name: z.string().regex(/[a-zA-Z0-9][a-zA-Z0-9_.-]+/, { message: 'expected a container name of at least two letters, digits, "_", "." or "-"' }).optional(),
  hostname: str.optional(),
  domainname: str.optional(),
  profiles: listOfStrings.optional(),
  command: Command.optional(),
  entrypoint: Command.optional(),
  working_dir: str.optional(),
  user: str.optional(),
  environment: ListOrDict.optional(),
  env_file: z.union([z.string(), z.array(z.union([z.string(), obj({ path: str, format: str.optional(), required: bool.optional() })]))]).optional(),
  label_file: z.union([z.string(), strings]).optional(),
  ports: unique(z.union([z.number(), z.string(), PortSchema])).optional(),
  expose: unique(z.union([z.string(), z.number()])).optional(),
  volumes: unique(z.union([z.string(), VolumeMountSchema])).optional(),
  volumes_from: listOfStrings.optional(),
  tmpfs: stringOrList.optional(),
  networks: z.union([listOfStrings, z.record(name, z.union([ServiceNetwork, z.null()]))]).optional(),
  network_mode: str.optional(),
  depends_on: DependsOn.optional(),
  healthcheck: HealthcheckSchema.optional(),
  develop: z.union([z.null(), obj({ watch: z.array(WatchSchema).optional() })]).optional(),
  restart: str.optional(),
  deploy: DeploySchema.optional(),
  scale: int.optional(),
  secrets: ConfigOrSecretRef.optional(),
  configs: ConfigOrSecretRef.optional(),
  models: z.union([listOfStrings, z.record(name, obj({ endpoint_var: str.optional(), model_var: str.optional() }))]).optional(),
  labels: ListOrDict.optional(),
  annotations: ListOrDict.optional(),
  logging: obj({ driver: str.optional(), options: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional() }).optional(),
  init: bool.optional(),
  read_only: bool.optional(),
  privileged: bool.optional(),
  stdin_open: bool.optional(),
  tty: bool.optional(),
  attach: bool.optional(),
  cap_add: listOfStrings.optional(),
  cap_drop: listOfStrings.optional(),
  security_opt: listOfStrings.optional(),
  ulimits: Ulimits.optional(),
  sysctls: ListOrDict.optional(),
  extra_hosts: ExtraHosts.optional(),
  dns: stringOrList.optional(),
  dns_opt: listOfStrings.optional(),
  dns_search: stringOrList.optional(),
  links: listOfStrings.optional(),
  external_links: listOfStrings.optional(),
  mac_address: str.optional(),
  ipc: str.optional(),
  pid: z.union([z.string(), z.null()]).optional(),
  uts: str.optional(),
  userns_mode: str.optional(),
  cgroup: z.enum(['host', 'private']).optional(),
  cgroup_parent: str.optional(),
  isolation: str.optional(),
  runtime: str.optional(),
  stop_signal: str.optional(),
  stop_grace_period: Duration.optional(),
  post_start: z.array(ServiceHookSchema).optional(),
  pre_stop: z.array(ServiceHookSchema).optional(),
  oom_kill_disable: bool.optional(),
  oom_score_adj: int.optional(),
  pids_limit: num.optional(),
  mem_limit: num.optional(),
  mem_reservation: int.optional(),
  mem_swappiness: int.optional(),
  memswap_limit: num.optional(),
  shm_size: num.optional(),
  cpus: num.optional(),
  cpu_count: int.optional(),
  cpu_percent: int.optional(),
  cpu_shares: num.optional(),
  cpu_quota: num.optional(),
  cpu_period: num.optional(),
  cpu_rt_period: num.optional(),
  cpu_rt_runtime: num.optional(),
  cpuset: str.optional(),
  blkio_config: obj({
    device_read_bps: z.array(BlkioLimit).optional(),
    device_read_iops: z.array(BlkioLimit).optional(),
    device_write_bps: z.array(BlkioLimit).optional(),
    device_write_iops: z.array(BlkioLimit).optional(),
    weight: z.number().int().optional(),
    weight_device: z.array(BlkioWeight).optional(),
  }).optional(),
  devices: z.array(z.union([z.string(), obj({ source: str, target: str.optional(), permissions: str.optional() })])).optional(),
  device_cgroup_rules: listOfStrings.optional(),
  gpus: z.union([z.literal('all'), z.array(Device)]).optional(),
  group_add: unique(z.union([z.string(), z.number()])).optional(),
  storage_opt: z.record(z.string(), z.unknown()).optional(),
  credential_spec: obj({ config: str.optional(), file: str.optional(), registry: str.optional() }).optional(),
  use_api_socket: z.boolean().optional(),
}));

/** One service, as plain data (every property of the specification; `x-` keys allowed). */
export interface ServiceModel extends z.output<typeof ServiceObject> {}
/**
 * One service. Keys are written in this order.
 *
 * @example
 * ```ts
 * const api: ServiceModel = { image: 'api:1', restart: 'unless-stopped' };
 * // api:
 * //   image: api:1
 * //   restart: unless-stopped
 * ```
 */
export const ServiceSchema: z.ZodType<ServiceModel> & { readonly shape: typeof ServiceObject.shape } = ServiceObject;

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

/** A healthcheck. */
export type HealthcheckModel = z.infer<typeof HealthcheckSchema>;
/** One `develop.watch` rule. */
export type WatchModel = z.infer<typeof WatchSchema>;
/** The long form of `build`. */
export type BuildModel = Exclude<z.infer<typeof BuildSchema>, string>;
/** One long-form `depends_on` entry. */
export type DependencyModel = z.infer<typeof DependencySchema>;
/** The long form of a port. */
export type PortModel = z.infer<typeof PortSchema>;
/** The long form of a volume mount. */
export type VolumeMountModel = z.infer<typeof VolumeMountSchema>;
/** A top-level network. */
export type NetworkModel = z.infer<typeof NetworkSchema>;
/** A top-level volume. */
export type VolumeModel = z.infer<typeof VolumeSchema>;
/** A top-level secret. */
export type SecretModel = z.infer<typeof SecretSchema>;
/** A top-level config. */
export type ConfigModel = z.infer<typeof ConfigSchema>;
