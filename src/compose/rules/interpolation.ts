/**
 * Rules about what Compose interpolates: a `$` the user meant literally (`pa$word`, `echo $HOME`)
 * silently becomes an empty string unless it names a declared variable; an expression Compose cannot
 * read stops `docker compose config`.
 * @module
 */
import { posix } from 'node:path';
import type { IssuePath } from '../../core/issue.js';
import { defineRule, type RuleContext } from '../../core/rule.js';
import { composeLiteral, COMPOSE_PROVIDED_VARIABLES, scanInterpolation } from '../../env/interpolation.js';
import type { ComposeModel } from '../model.js';
import { asRecord } from './util.js';

/** Every string value of a model with its path (keys are never interpolated by Compose). */
function* stringValues(value: unknown, path: (string | number)[]): Generator<[string, IssuePath]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringValues(v, [...path, i]);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) yield* stringValues(v, [...path, k]);
}

/** The names the `.env.example` beside the compose file lists (the App writes it from the `Env`), if there is one. */
function declaredNames(context: RuleContext): ReadonlySet<string> | undefined {
  if (!context.file || !context.siblings) return undefined;
  const example = context.siblings.get(posix.join(posix.dirname(context.file), '.env.example'));
  const entries = asRecord(example?.model)?.['entries'];
  if (example?.kind !== 'env-example' || !Array.isArray(entries)) return undefined;
  return new Set(entries.map((e) => asRecord(e)?.['name']).filter((n): n is string => typeof n === 'string'));
}

const PROVIDED = new Set(COMPOSE_PROVIDED_VARIABLES);

/**
 * `compose/undeclared-variable`: a string interpolates a variable that the `Env` does not declare
 * (the `.env.example` the App writes beside the compose file does not list it) and Compose does not
 * provide. Defaults do not excuse it: `${API_TAG:-1.0}` is still a setting nobody documented.
 *
 * @example
 * ```ts
 * undeclaredVariable.check({ services: { db: { image: 'postgres:16', environment: { PASSWORD: 'pa$word' } } } }, {});
 * // yields services.db.environment.PASSWORD: "$word" … becomes an empty string …; hint: composeLiteral → pa$$word
 * ```
 */
export const undeclaredVariable = defineRule<ComposeModel>({
  code: 'compose/undeclared-variable',
  severity: 'warning',
  summary: 'A value interpolates a variable (`$VAR`, `${VAR…}`) that the `Env` does not declare, so Compose substitutes whatever the shell has, often an empty string (`pa$word` → `pa`).',
  fix: 'For a literal `$` (a password, a command for the container\'s shell) write `$$`: `composeLiteral(\'pa$word\')`. For a real setting, declare the variable in the `Env` and pass it with `envVar(…)`.',
  *check(model, context) {
    const declared = declaredNames(context);
    for (const [text, path] of stringValues(model, [])) {
      if (!text.includes('$')) continue;
      for (const ref of scanInterpolation(text).refs) {
        if (declared?.has(ref.name) || PROVIDED.has(ref.name)) continue;
        const written = text.slice(ref.start, ref.end);
        yield {
          path,
          message: `${JSON.stringify(written)} in ${JSON.stringify(text)} is interpolated by Compose, and ${ref.name} is not a declared variable (${declared ? 'the .env.example beside the file does not list it' : 'no .env.example beside the file declares it'})${ref.operator === undefined || ref.operator === ':+' || ref.operator === '+' ? ', so it becomes an empty string when the shell does not set it' : ''}`,
          hint: `for a literal $, write $$ (composeLiteral(${JSON.stringify(written)}) is ${JSON.stringify(composeLiteral(written))}); for a setting, declare ${ref.name} in the Env`,
        };
      }
    }
  },
});

/**
 * `compose/invalid-interpolation`: a `${` that Compose cannot read (`${VAR/foo/bar}`, `${ VAR}`, an
 * unclosed `${VAR`), which stops `docker compose config` with "invalid interpolation format".
 *
 * @example
 * ```ts
 * invalidInterpolation.check({ services: { a: { image: 'x:${TAG' } } }, {}); // yields services.a.image
 * ```
 */
export const invalidInterpolation = defineRule<ComposeModel>({
  code: 'compose/invalid-interpolation',
  severity: 'error',
  summary: 'A value holds a `${` that is not `${VAR}` or `${VAR<op>…}` (`:-`, `-`, `:?`, `?`, `:+`, `+`), which Compose rejects ("invalid interpolation format").',
  fix: 'Close the expression (`${TAG}`), drop shell-only forms such as `${VAR/foo/bar}`, or write `$${…}` (`composeLiteral(…)`) when the text is meant literally.',
  *check(model) {
    for (const [text, path] of stringValues(model, [])) {
      if (!text.includes('${')) continue;
      for (const bad of scanInterpolation(text).invalid) {
        yield {
          path,
          message: `${JSON.stringify(bad.text)} in ${JSON.stringify(text)} is not an interpolation Compose can read`,
          hint: 'write ${NAME}, ${NAME:-default}, ${NAME:?message} or ${NAME:+alt}; for a literal, double the $ ($${…})',
        };
      }
    }
  },
});
