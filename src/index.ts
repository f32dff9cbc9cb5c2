// devstack-kit: explicit named exports, grouped by layer (filled in as layers land).
export { formatIssue, formatPath, type Issue, type IssuePath, type Severity } from './core/issue.js';
export { SynthError, UsageError } from './core/errors.js';
export { defineRule, type CodeInfo, type Finding, type LintConfig, type Rule, type RuleContext, type RuleSeverity, type Suppression } from './core/rule.js';
export { MARKER } from './core/yaml.js';
export { isDockerfileRef, type DockerfileRef } from './core/refs.js';
