/**
 * The outside validator for compose files: the official compose-spec JSON schema, run by Ajv 8.
 * Every compose file a test synthesizes goes through {@link composeProblems}.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
/** `../shared` beside the checkout (the repo root is three levels up from this file). */
export const SHARED_DIR = resolve(here, '../../../../shared');

let validate: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (validate) return validate;
  const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json') as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addMetaSchema(draft07, 'https://json-schema.org/draft-07/schema');
  const schema = JSON.parse(readFileSync(resolve(SHARED_DIR, 'schemas/compose-spec.json'), 'utf8')) as object;
  validate = ajv.compile(schema);
  return validate;
}

/** Validates already-parsed compose data; returns one line per problem (empty when valid). */
export function composeDataProblems(data: unknown): string[] {
  const v = validator();
  if (v(data)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

/** Parses compose YAML (YAML 1.2, merge keys) and validates it against the official schema. */
export function composeProblems(text: string): string[] {
  let data: unknown;
  try {
    data = parse(text, { merge: true });
  } catch (e) {
    return [`YAML: ${(e as Error).message}`];
  }
  return composeDataProblems(data);
}
