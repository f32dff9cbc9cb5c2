/**
 * The schema of one compose service (`services.<name>`) and of everything inside it: healthcheck,
 * `develop.watch`, build, `depends_on`, ports, volume mounts, deploy. The zod schema is the truth;
 * its key order is the order keys are written in.
 * @module
 */
import { z } from 'zod';
import { obj, Duration, unique, str, bool, num, int, strings, listOfStrings, stringOrList, name, ListOrDict, driverOpts, Command, ExtraHosts, Ulimits, ConfigOrSecretRef } from './model-parts.js';

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
export const ServiceHookSchema = obj({
  command: Command,
  user: str.optional(),
  privileged: bool.optional(),
  working_dir: str.optional(),
  environment: ListOrDict.optional(),
});

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
export const HealthcheckSchema = obj({
  test: z.union([z.string(), strings]).optional(),
  interval: Duration.optional(),
  timeout: Duration.optional(),
  retries: num.optional(),
  start_period: Duration.optional(),
  start_interval: Duration.optional(),
  disable: bool.optional(),
});

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
export const WatchSchema = obj({
  action: z.enum(WATCH_ACTIONS),
  path: str,
  target: str.optional(),
  ignore: stringOrList.optional(),
  include: stringOrList.optional(),
  exec: ServiceHookSchema.optional(),
  initial_sync: z.boolean().optional(),
});

const BuildObject = obj({
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
});
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
export const BuildSchema = z.union([z.string(), BuildObject]);

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
export const DependencySchema = obj({
  condition: z.enum(DEPENDS_CONDITIONS),
  restart: bool.optional(),
  required: z.boolean().optional(),
});
const DependsOn = z.union([listOfStrings, z.record(name, DependencySchema)]);

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
export const PortSchema = obj({
  name: str.optional(),
  target: int.optional(),
  published: int.optional(),
  host_ip: str.optional(),
  protocol: str.optional(),
  app_protocol: str.optional(),
  mode: str.optional(),
});

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
export const VolumeMountSchema = obj({
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
});

const ServiceNetwork = obj({
  aliases: listOfStrings.optional(),
  interface_name: str.optional(),
  ipv4_address: str.optional(),
  ipv6_address: str.optional(),
  link_local_ips: listOfStrings.optional(),
  mac_address: str.optional(),
  driver_opts: driverOpts.optional(),
  priority: z.number().optional(),
  gw_priority: z.number().optional(),
});

const Device = obj({
  capabilities: listOfStrings.optional(),
  count: int.optional(),
  device_ids: listOfStrings.optional(),
  driver: str.optional(),
  options: ListOrDict.optional(),
});
const UpdateConfig = obj({
  parallelism: int.optional(),
  delay: Duration.optional(),
  failure_action: str.optional(),
  monitor: Duration.optional(),
  max_failure_ratio: num.optional(),
  order: z.enum(['start-first', 'stop-first']).optional(),
});
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
export const DeploySchema = z.union([
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
]);

const BlkioLimit = obj({ path: str.optional(), rate: int.optional() });
const BlkioWeight = obj({ path: str.optional(), weight: z.number().int().optional() });

/** The service object (see {@link ServiceSchema}). */
const ServiceObject = obj({
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
});

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
