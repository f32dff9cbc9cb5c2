/**
 * The file kinds the App knows, each with its handler. The record is keyed by the kind union, so a
 * new kind does not compile without its handler.
 * @module
 */
import type { KindHandler } from '../core/kind.js';
import { coreCodes, type CodeInfo } from '../core/rule.js';
import { yamlCodes } from '../core/yaml.js';
import { composeCodes, composeKind, envExampleKind, type ComposeModel, type EnvExampleModel } from '../compose/index.js';
import { dockerfileCodes, dockerfileKind, dockerignoreKind, type DockerfileModel, type DockerignoreModel } from '../dockerfile/index.js';
import { gitignoreKind, type GitignoreModel } from './gitignore.js';
import { actionKind, workflowCodes, workflowKind, type ActionModel, type WorkflowModel } from '../workflow/index.js';

/** The model of each file kind. */
export interface FileModels {
  dockerfile: DockerfileModel;
  dockerignore: DockerignoreModel;
  compose: ComposeModel;
  'env-example': EnvExampleModel;
  workflow: WorkflowModel;
  action: ActionModel;
  gitignore: GitignoreModel;
}

/** The kinds of file devstack-kit writes. */
export type FileKind = keyof FileModels;

/** The handler of each kind. */
export const kinds: { readonly [K in FileKind]: KindHandler<FileModels[K]> } = {
  dockerfile: dockerfileKind,
  dockerignore: dockerignoreKind,
  compose: composeKind,
  'env-example': envExampleKind,
  workflow: workflowKind,
  action: actionKind,
  gitignore: gitignoreKind,
};

/** Every code of the file kinds and of core (not of the App itself). */
export function kindCodes(): CodeInfo[] {
  return [...coreCodes, ...yamlCodes, ...dockerfileCodes, ...composeCodes, ...workflowCodes, ...Object.values(kinds).flatMap((k) => k.codes)];
}
