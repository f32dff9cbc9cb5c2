/**
 * The compose rules: checks the official schema cannot make.
 * @module
 */
import type { Rule } from '../../core/rule.js';
import type { ComposeModel } from '../model.js';
import { dependencyCycle, healthyWithoutHealthcheck, unknownService } from './dependencies.js';
import { invalidInterpolation, undeclaredVariable } from './interpolation.js';
import { emptyImage, invalidEnvironmentKey, invalidLabelKey } from './keys.js';
import { undeclaredConfig, undeclaredModel, undeclaredNetwork, undeclaredSecret, undeclaredVolume, unknownVolumesFrom } from './references.js';
import { invalidRestart, latestTag, obsoleteVersion, portCollision, secretInEnvironment } from './service.js';
import { capAddAll, databasePortExposed, dockerSocket, hostNamespace, hostRootMount, privileged, unconfinedSecurityOpt } from './security.js';
import { rebuildWithoutBuild, watchPathIgnored, watchWithoutTarget } from './watch.js';

/**
 * Every compose rule, in the order they run.
 *
 * @example
 * ```ts
 * runRules(composeRules, model, { file: 'compose.yaml' });
 * // [{ code: 'compose/unknown-service', path: ['services', 'api', 'depends_on', 'cache'], … }]
 * ```
 */
export const composeRules: readonly Rule<ComposeModel>[] = Object.freeze([
  unknownService,
  dependencyCycle,
  healthyWithoutHealthcheck,
  watchWithoutTarget,
  rebuildWithoutBuild,
  watchPathIgnored,
  portCollision,
  undeclaredVolume,
  undeclaredNetwork,
  undeclaredSecret,
  undeclaredConfig,
  undeclaredModel,
  unknownVolumesFrom,
  latestTag,
  secretInEnvironment,
  privileged,
  dockerSocket,
  hostRootMount,
  hostNamespace,
  capAddAll,
  unconfinedSecurityOpt,
  databasePortExposed,
  invalidRestart,
  obsoleteVersion,
  undeclaredVariable,
  invalidInterpolation,
  invalidEnvironmentKey,
  invalidLabelKey,
  emptyImage,
]);
