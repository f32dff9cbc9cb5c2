/**
 * Rules about `${VAR}` interpolation and the `.env.example` beside the compose file.
 * @module
 */
import { posix } from 'node:path';
import { defineRule } from '../../core/rule.js';
import type { ComposeModel } from '../model.js';
import { asRecord } from './util.js';

const VAR_RE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The variables a string interpolates, with whether each has a default (`${VAR:-x}`, `${VAR-x}`). */
export function interpolatedVariables(text: string): { name: string; hasDefault: boolean }[] {
  const out: { name: string; hasDefault: boolean }[] = [];
  for (const m of text.matchAll(VAR_RE)) {
    if (m[0] === '$$') continue;
    const name = m[1] ?? m[3];
    if (name) out.push({ name, hasDefault: /^:?-/.test(m[2] ?? '') });
  }
  return out;
}

function* strings(value: unknown, path: (string | number)[]): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

/** `compose/undocumented-variable`: the file interpolates a variable that the `.env.example` beside it does not list. */
export const undocumentedVariable = defineRule<ComposeModel>({
  code: 'compose/undocumented-variable',
  severity: 'warning',
  summary: 'The compose file interpolates a variable (`${VAR}`) that the `.env.example` beside it does not list, so a new developer does not know to set it.',
  fix: 'Declare the variable in the `Env` (it then appears in `.env.example`), or give it a default: `${VAR:-value}`.',
  *check(model, context) {
    if (!context.file || !context.siblings) return;
    const example = context.siblings.get(posix.join(posix.dirname(context.file), '.env.example'));
    const entries = asRecord(example?.model)?.['entries'];
    if (example?.kind !== 'env-example' || !Array.isArray(entries)) return;
    const listed = new Set(entries.map((e) => asRecord(e)?.['name']).filter((n): n is string => typeof n === 'string'));
    const reported = new Set<string>();
    for (const [text, path] of strings(model, [])) {
      for (const v of interpolatedVariables(text)) {
        if (v.hasDefault || listed.has(v.name) || reported.has(v.name)) continue;
        reported.add(v.name);
        yield { path, message: `\${${v.name}} is not listed in .env.example`, hint: `declare ${v.name} in the Env, or write \${${v.name}:-default}` };
      }
    }
  },
});
