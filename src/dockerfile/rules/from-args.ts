/**
 * `FROM ${X}` without an `ARG X` before the first FROM: the build fails.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import type { DockerfileModel } from '../model.js';
import { PREDEFINED_ARGS } from './instructions.js';
import { fromVariables } from './walk.js';

/**
 * `docker/undeclared-from-arg`: a FROM line expands a variable that no ARG before the first FROM
 * declares (and no default covers), so it expands to nothing and the build stops.
 *
 * @example
 * ```ts
 * runRules([undeclaredFromArg], parseDockerfile('FROM ${BASE}\n').model!, {}); // one error at stages[0].from
 * ```
 */
export const undeclaredFromArg = defineRule<DockerfileModel>({
  code: 'docker/undeclared-from-arg',
  severity: 'error',
  summary: 'A FROM line uses a variable (`FROM ${BASE}`) that no `ARG` before the first FROM declares, so it expands to nothing and the build fails.',
  fix: 'Declare it before the first FROM (`ARG BASE=python:3.13-slim`), or give it a default in place: `FROM ${BASE:-python:3.13-slim}`.',
  *check(model) {
    const globals = new Set<string>();
    for (const p of model.preamble ?? []) if (p.kind === 'arg') for (const a of p.args) globals.add(a.name);
    for (const [s, stage] of (Array.isArray(model.stages) ? model.stages : []).entries()) {
      for (const [field, text] of [['from', stage.from], ['platform', stage.platform]] as const) {
        if (typeof text !== 'string') continue;
        for (const v of fromVariables(text)) {
          if (v.hasDefault || globals.has(v.name) || PREDEFINED_ARGS.has(v.name)) continue;
          yield {
            path: ['stages', s, field],
            message: `FROM uses $${v.name}, which no ARG before the first FROM declares: it expands to nothing and the build fails`,
            hint: `add ARG ${v.name}=<value> before the first FROM`,
          };
        }
      }
    }
  },
});
