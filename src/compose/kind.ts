/**
 * The compose file kind: what the App uses to validate, render, mark and read compose files.
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { KindHandler } from '../core/kind.js';
import { defineCodes, type CodeInfo, type RuleContext } from '../core/rule.js';
import { schemaCodes, schemaThenRules } from '../core/schema.js';
import { markerComment } from '../core/text.js';
import { yamlCodes } from '../core/yaml.js';
import { envCodes, envRules } from '../env/env.js';
import { ComposeModelSchema, type ComposeModel } from './model.js';
import { composeParseCodes, parseCompose } from './parse.js';
import { composeRules } from './rules/index.js';
import { synthCompose } from './synth.js';

/**
 * Schema codes of compose files that zod's generic codes do not cover.
 *
 * @example
 * ```ts
 * composeSchemaCodes[0]?.code; // 'compose/schema/invalid-duration'
 * ```
 */
export const composeSchemaCodes = defineCodes([
  {
    code: 'compose/schema/invalid-duration',
    severity: 'error',
    summary: 'A duration (`interval`, `timeout`, `start_period`, `stop_grace_period`, …) is not a string like `"10s"` or `"1m30s"`.',
    fix: 'Write a number with a unit as a string: `"10s"`, `"1m30s"`, `"500ms"` (a bare `10` is rejected by Compose).',
  },
  {
    code: 'compose/schema/duplicate-item',
    severity: 'error',
    summary: 'A list whose items must differ (`ports`, `volumes`, `profiles`, `cap_add`, an `environment` list, …) repeats an item.',
    fix: 'Remove the repeated item.',
  },
]);

/**
 * Codes of the builder's misuse errors (thrown at once as `UsageError`).
 *
 * @example
 * ```ts
 * Compose.create().volume('a/b'); // throws UsageError compose/invalid-name
 * ```
 */
export const composeUsageCodes = defineCodes([
  { code: 'compose/invalid-name', severity: 'error', summary: 'A service, volume, network, secret or config name has characters Compose does not allow.', fix: 'Use letters, digits, `.`, `_` and `-`.' },
  { code: 'compose/invalid-service', severity: 'error', summary: "A service callback did not return the service builder.", fix: 'Return the builder: `s => s.image(…)`.' },
  { code: 'compose/unknown-stage', severity: 'error', summary: '`build(ref, { target })` names a stage the Dockerfile does not have (from untyped code).', fix: "Use one of the Dockerfile's stage names." },
  { code: 'compose/no-env', severity: 'error', summary: '`envVar(…)` was called on a compose file that has no `Env`.', fix: 'Call `compose.env(env)` before defining services.' },
  { code: 'compose/invalid-container-name', severity: 'error', summary: '`containerName(…)` was given a name Docker does not accept as a container name.', fix: 'Use at least two letters, digits, `_`, `.` or `-`, starting with a letter or digit (`shop-db`).' },
  { code: 'compose/invalid-extension', severity: 'error', summary: '`extension(key, …)` was given a key that does not start with `x-`.', fix: 'Name the extension `x-<something>` (`x-owner`).' },
  { code: 'compose/invalid-env', severity: 'error', summary: '`env(…)` was given something that is not an `Env`.', fix: 'Pass `Env.create().var(…)`.' },
  { code: 'env/invalid-name', severity: 'error', summary: 'An environment variable name is not valid.', fix: 'Use letters, digits and `_`, not starting with a digit.' },
  { code: 'env/unknown-name', severity: 'error', summary: 'A variable that was not declared was referenced (from untyped code).', fix: 'Declare it with `.var(name, …)`.' },
  { code: 'env/unwritable-default', severity: 'error', summary: 'A default (or required message) holds a `}`, which a compose interpolation cannot carry: Compose ends `${VAR:-…}` at the first `}` and has no escape for it.', fix: 'Drop the `}` from the default, or leave the variable without a default and set its value in `.env`.' },
  { code: 'env/secret-default', severity: 'error', summary: 'A secret variable was declared with a default (thrown by `Env.var`).', fix: 'Drop the default (compose then requires the value from `.env`), or drop `secret: true` if the value is not a secret.' },
]);

/**
 * Every code the compose domain (compose files and `.env.example`) can report: schema codes,
 * parser codes, rule codes and usage codes.
 *
 * @example
 * ```ts
 * composeCodes.some((c) => c.code === 'compose/unknown-service'); // true
 * ```
 */
export const composeCodes: readonly CodeInfo[] = Object.freeze(
  dedupe([
    ...schemaCodes('compose', 'a compose file'),
    ...composeSchemaCodes,
    ...composeParseCodes,
    ...composeRules.map(({ code, severity, summary, fix }) => ({ code, severity, summary, fix })),
    ...composeUsageCodes,
    ...envCodes,
    ...envRules.map(({ code, severity, summary, fix }) => ({ code, severity, summary, fix })),
  ]),
);

function dedupe(codes: readonly CodeInfo[]): CodeInfo[] {
  const seen = new Map<string, CodeInfo>();
  for (const c of codes) if (!seen.has(c.code)) seen.set(c.code, Object.freeze({ ...c }));
  return [...seen.values()];
}

/**
 * Checks a compose model: the schema (types, allowed values, durations, unknown keys) and every
 * compose rule, all reported at once. Never throws.
 *
 * @example
 * ```ts
 * validateCompose({ services: { api: { image: 'api:1', depends_on: { db: { condition: 'service_healthy' } } } } }, { file: 'compose.yaml' });
 * // [{ code: 'compose/unknown-service', path: ['services','api','depends_on','db'], message: '"db" is not a service in this file …' }]
 * ```
 */
export function validateCompose(model: ComposeModel, context: RuleContext = {}): Issue[] {
  return validateComposeModel(model, context);
}

// the compose rules read any shape (they check what they find), so they run beside the schema's issues
const validateComposeModel = schemaThenRules<ComposeModel>(ComposeModelSchema, 'compose', composeRules, { rulesOnInvalid: true });

/**
 * The compose file kind.
 *
 * @example
 * ```ts
 * composeKind.mark(composeKind.render({ services: { db: { image: 'postgres:16' } } }));
 * // # Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.
 * // services:
 * //   db:
 * //     image: postgres:16
 * ```
 */
export const composeKind: KindHandler<ComposeModel> = Object.freeze({
  kind: 'compose',
  codes: Object.freeze([...composeCodes.filter((c) => !c.code.startsWith('env/')), ...yamlCodes]),
  validate: validateCompose,
  render: synthCompose,
  mark(text: string) {
    return `${markerComment()}\n${text}`;
  },
  parse: parseCompose,
});
