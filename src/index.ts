// devstack-kit: Dockerfiles, compose files and GitHub Actions workflows as typed TypeScript.
// Explicit named exports, grouped by layer. Every domain's full surface is also at its subpath:
// 'devstack-kit/dockerfile', 'devstack-kit/compose', 'devstack-kit/workflow', 'devstack-kit/stack',
// 'devstack-kit/testing'.

// core: issues, errors, rules, the YAML door, cross-file references
export { formatIssue, formatPath, formatSource, type Issue, type IssuePath, type Severity } from './core/issue.js';
export type { SourceLocation } from './core/source.js';
export { SynthError, UsageError } from './core/errors.js';
export {
  defineRule,
  type CodeInfo,
  type Finding,
  type LintConfig,
  type Rule,
  type RuleContext,
  type RuleSeverity,
  type Suppression,
} from './core/rule.js';
export type { IssueCode, IssueCodes } from './core/codes.js';
export type { KindHandler, ParseResult } from './core/kind.js';
export type { FileFacts } from './core/facts.js';
export { MARKER } from './core/yaml.js';
export { layoutOf, withLayout, type EntryLayout, type NodeLayout, type YamlLayout } from './core/layout.js';
export { isDockerfileRef, type DockerfileRef } from './core/refs.js';
export type { DevstackTypeError } from './core/type-error.js';

// builders
export {
  Dockerfile,
  Dockerignore,
  dockerignorePresets,
  image,
  cacheMount,
  bindMount,
  secretMount,
  sshMount,
  tmpfsMount,
  type DockerfileModel,
  type DockerignoreModel,
} from './dockerfile/index.js';
export { Compose, ComposeService, Env, composeLiteral, type ComposeModel, type EnvExampleModel } from './compose/index.js';
export { Action, Workflow, expr, uses, type ActionModel, type WorkflowModel } from './workflow/index.js';

// stacks: units that span files (the presets are at 'devstack-kit/stack')
export { Stack, defineUnit, dockerfileAt, type StackNames, type StackOptions, type Unit } from './stack/stack.js';

// app: the file tree, synthesis, writing
export {
  App,
  allCodes,
  type AppCheck,
  type AppOptions,
  type ActionSource,
  type ComposeSource,
  type DockerfileSource,
  type FileEntry,
  type SynthResult,
  type WorkflowSource,
} from './app/app.js';
export type { FileKind, FileModels } from './app/files.js';
export {
  checkDrift,
  checkFiles,
  write,
  MANIFEST_PATH,
  WriteError,
  type Drift,
  type FileCheck,
  type Manifest,
  type ManifestEntry,
  type WriteOptions,
  type WriteReport,
} from './app/write.js';
