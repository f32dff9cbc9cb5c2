/**
 * Every Dockerfile rule, in the order they run.
 * @module
 */
import type { Rule } from '../../core/rule.js';
import type { DockerfileModel } from '../model.js';
import { copyIgnoredSource, noDockerignore } from './dockerignore.js';
import {
  addInsteadOfCopy, aptListsNotCleaned, copyDestNotDirectory, legacyEnvFormat, aptNoInstallRecommends, aptUpgrade, argBeforeDeclared, cdInRun, copyBeforeInstall, exposeOutOfRange,
  maintainerDeprecated, multipleCmd, multipleEntrypoint, multipleHealthcheck, healthcheckComposeTest, relativeWorkdir, secretInEnv, shellFormCommand,
} from './instructions.js';
import { undeclaredFromArg } from './from-args.js';
import { addUrlWithoutChecksum, exposeSsh, insecureRun, pipeToShell, sudoInRun, worldWritable } from './security.js';
import { duplicateStage, fromAsCasing, latestTag, rootUser, singleStageToolchain, stageOrder, unknownStage, unusedStage } from './stages.js';

export { dockerignoreRules } from './dockerignore.js';

/**
 * The Dockerfile lint rules (codes `docker/*`), run by `dockerfileKind.validate`.
 * @example
 * ```ts
 * runRules(dockerfileRules, parseDockerfile('FROM python:3.13-slim as app\n').model!, { file: 'Dockerfile' }).map((i) => i.code);
 * // ['docker/root-user', 'docker/no-dockerignore', 'docker/from-as-casing']
 * ```
 */
export const dockerfileRules: readonly Rule<DockerfileModel>[] = Object.freeze([
  rootUser, latestTag, secretInEnv, noDockerignore, copyIgnoredSource, singleStageToolchain, copyBeforeInstall,
  aptNoInstallRecommends, aptListsNotCleaned, aptUpgrade, cdInRun, relativeWorkdir,
  multipleCmd, multipleEntrypoint, multipleHealthcheck, healthcheckComposeTest, shellFormCommand, fromAsCasing, undeclaredFromArg, argBeforeDeclared, legacyEnvFormat,
  addInsteadOfCopy, copyDestNotDirectory, exposeOutOfRange, unknownStage, stageOrder, unusedStage, duplicateStage, maintainerDeprecated,
  addUrlWithoutChecksum, pipeToShell, sudoInRun, worldWritable, insecureRun, exposeSsh,
]);
