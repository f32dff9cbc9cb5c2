// devstack-kit/compose: Docker Compose files and .env.example, as typed builders and plain models.

// model
export {
  ComposeModelSchema,
  ServiceSchema,
  HealthcheckSchema,
  WatchSchema,
  BuildSchema,
  DependencySchema,
  PortSchema,
  VolumeMountSchema,
  NetworkSchema,
  VolumeSchema,
  SecretSchema,
  ConfigSchema,
  DeploySchema,
  Duration,
  DURATION_RE,
  WATCH_ACTIONS,
  DEPENDS_CONDITIONS,
  isDuration,
  type ComposeModel,
  type ServiceModel,
  type HealthcheckModel,
  type WatchModel,
  type BuildModel,
  type DependencyModel,
  type PortModel,
  type VolumeMountModel,
  type NetworkModel,
  type VolumeModel,
  type SecretModel,
  type ConfigModel,
  type ModelModel,
  type IncludeModel,
  type Extensions,
} from './model.js';

// builders
export { Compose, type ToModelOptions } from './builder.js';
export { ComposeService } from './service.js';
export type { ComposeServiceBase } from './service-base.js';
export type { ComposeServiceOptions, ResourcesSpec, LoggingSpec, UlimitsSpec, VolumesFromEntry, PlatformString } from './service-options.js';
export {
  type ComposeTypes,
  type NoNames,
  type AnyNames,
  type DurationString,
  type DurationUnit,
  type HealthTest,
  type HealthcheckSpec,
  type PortString,
  type BindSource,
  type RestartPolicy,
  type HookSpec,
  type WatchSpec,
  type DependencyOptions,
  type DependencyName,
  type EnvVarName,
  type EnvVarOptions,
  type RefBuildOptions,
} from './inputs.js';
export type { BuildSpec } from './inputs.js';
export {
  Env,
  EnvModelSchema,
  EnvVarSchema,
  EnvExampleModelSchema,
  EnvExampleEntrySchema,
  envExampleFromEnv,
  synthEnvExample,
  parseEnvExample,
  envExampleKind,
  envRules,
  envCodes,
  type EnvModel,
  type EnvVarModel,
  type EnvVarSpec,
  type EnvRefOptions,
  type EnvExampleModel,
  type EnvExampleEntry,
} from '../env/env.js';

// interpolation
export {
  composeLiteral,
  interpolate,
  scanInterpolation,
  COMPOSE_PROVIDED_VARIABLES,
  type InterpolationOperator,
  type InterpolationRef,
  type InterpolationScan,
} from '../env/interpolation.js';

// synth, parse, validate
export { synthCompose, orderCompose } from './synth.js';
export { parseCompose, composeParseCodes } from './parse.js';
export { composeRules } from './rules/index.js';
export { dockerignore } from '../core/dockerignore.js';
export { composeKind, composeCodes, composeSchemaCodes, composeUsageCodes, validateCompose } from './kind.js';
