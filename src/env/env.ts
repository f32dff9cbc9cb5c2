/**
 * Environment variables declared once — with a description, a default and whether they are secret —
 * and used by compose services (`${VAR}`, `${VAR:-default}`, `${VAR:?message}`), by `.env.example`,
 * and later by workflows. The declaration is a plain model ({@link EnvModel}).
 * @module
 */
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { PList, PMap } from '../core/persistent.js';
import type { Issue } from '../core/issue.js';
import type { KindHandler, ParseResult } from '../core/kind.js';
import { defineCodes, defineRule, runRules, type Rule, type RuleContext } from '../core/rule.js';
import { schemaCodes, schemaIssues } from '../core/schema.js';
import { markerComment, normalizeNewlines, withTrailingNewline } from '../core/text.js';
import { MARKER } from '../core/yaml.js';
import { composeLiteral, interpolate } from './interpolation.js';

const ENV = Symbol.for('devstack-kit.Env');
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How one variable is declared. */
export interface EnvVarSpec {
  /** One line (or a few) saying what the variable is for; becomes its comment in `.env.example`. */
  readonly description?: string;
  /** The value used when the variable is not set (`${VAR:-default}`, a `$` written `$$`); also the `.env.example` placeholder. Not for secrets (`env/secret-default`); no `}` (`env/unwritable-default`). */
  readonly default?: string;
  /** A secret never gets a value in `.env.example`, and compose fails fast when it is unset (`${VAR:?…}`). */
  readonly secret?: boolean;
  /** Placeholder for `.env.example` when it should differ from the default (never used for secrets). */
  readonly example?: string;
  /** Compose fails fast when unset (`${VAR:?…}`); the default for secrets without a default. */
  readonly required?: boolean;
}

/**
 * One declared variable, as plain data.
 *
 * @example
 * ```ts
 * EnvVarSchema.parse({ name: 'NATS_URL', default: 'nats://localhost:4222' });
 * ```
 */
export const EnvVarSchema = z.object({
  name: z.string().regex(NAME_RE),
  description: z.string().optional(),
  default: z.string().optional(),
  secret: z.boolean().optional(),
  example: z.string().optional(),
  required: z.boolean().optional(),
});
/**
 * Every declared variable, in order.
 *
 * @example
 * ```ts
 * Env.create().var('NATS_URL').toModel(); // { vars: [{ name: 'NATS_URL' }] }
 * ```
 */
export const EnvModelSchema = z.object({ vars: z.array(EnvVarSchema) });
/** The plain model of an {@link Env}: what a workflow or another domain reads. */
export type EnvModel = z.infer<typeof EnvModelSchema>;
/** One declared variable. */
export type EnvVarModel = z.infer<typeof EnvVarSchema>;

/**
 * One `KEY=value` line of `.env.example`, with its comment.
 *
 * @example
 * ```ts
 * const e: EnvExampleEntry = { name: 'NATS_URL', value: 'nats://localhost:4222', comment: 'The NATS server' };
 * // # The NATS server
 * // NATS_URL=nats://localhost:4222
 * ```
 */
export const EnvExampleEntrySchema = z.object({
  name: z.string().regex(NAME_RE, { message: 'expected a variable name of letters, digits and "_", not starting with a digit' }),
  value: z.string(),
  comment: z.string().optional(),
  secret: z.boolean().optional(),
});
/**
 * The `.env.example` file: every variable with its comment and a placeholder.
 *
 * @example
 * ```ts
 * const m: EnvExampleModel = { entries: [{ name: 'API_TOKEN', value: '', secret: true }] };
 * // # secret: set the real value in .env (never commit it)
 * // API_TOKEN=
 * ```
 */
export const EnvExampleModelSchema = z.object({ entries: z.array(EnvExampleEntrySchema) });
/** The `.env.example` file as plain data. */
export type EnvExampleModel = z.infer<typeof EnvExampleModelSchema>;
/** One entry of `.env.example`. */
export type EnvExampleEntry = z.infer<typeof EnvExampleEntrySchema>;

const SECRET_NOTE = 'secret: set the real value in .env (never commit it)';

/**
 * `${NAME<op>argument}` with the argument's `$` doubled, so Compose reads back exactly `argument` (the
 * default that `.env.example` shows, or the message). Compose ends the expression at the first `}`
 * (nothing escapes it) and counts `${`, so an argument that would not read back throws.
 */
function braced(name: string, op: ':-' | ':?', argument: string): string {
  const text = `\${${name}${op}${composeLiteral(argument)}}`;
  const back = interpolate(text, {});
  const read = op === ':-' ? ('value' in back ? back.value : undefined) : 'error' in back ? back.error.replace(/^required variable \S+ is missing a value: /, '') : undefined;
  // and when the variable is set, the whole expression must be its value (no text left after a `}`)
  const set = interpolate(text, { [name]: '\u0000set' });
  if (read !== argument || !('value' in set) || set.value !== '\u0000set') {
    throw new UsageError(
      'env/unwritable-default',
      `${op === ':-' ? 'the default' : 'the message'} ${JSON.stringify(argument)} of ${name} cannot be written in a compose interpolation (\${${name}${op}…} ends at the first "}")`,
      'drop the "}" from the value (Compose has no escape for it), or set the value in .env instead of as a default',
    );
  }
  return text;
}

/** How a service refers to a variable. */
export type EnvRefOptions = { readonly default?: string; readonly required?: never } | { readonly required: string; readonly default?: never };

/**
 * Environment variables declared once. Immutable: `var` returns a new `Env`; names accumulate in the
 * type, so `ref('DATABSE_URL')` is a compile error.
 *
 * @example
 * ```ts
 * const env = Env.create()
 *   .var('DATABASE_URL', { description: 'Postgres for the API', default: 'postgresql://postgres:postgres@localhost:5432/app' })
 *   .var('API_TOKEN', { description: 'Token for the upstream API', secret: true });
 * env.ref('DATABASE_URL'); // '${DATABASE_URL:-postgresql://postgres:postgres@localhost:5432/app}'
 * env.ref('API_TOKEN');    // '${API_TOKEN:?API_TOKEN is not set; copy .env.example to .env}'
 * synthEnvExample(env.exampleModel());
 * // # Postgres for the API
 * // DATABASE_URL=postgresql://postgres:postgres@localhost:5432/app
 * //
 * // # Token for the upstream API
 * // # secret: set the real value in .env (never commit it)
 * // API_TOKEN=
 * ```
 */
export class Env<V extends string = never> {
  // persistent, so `var` is O(log n) and a base forked into two Envs shares its variables: the list
  // keeps the order (and any repeated name of a model read with `fromModel`), the index the first
  // declaration of each name
  readonly #state: { readonly vars: PList<EnvVarModel>; readonly index: PMap<EnvVarModel> };
  readonly [ENV] = true;

  private constructor(vars: PList<EnvVarModel>, index: PMap<EnvVarModel>) {
    this.#state = Object.freeze({ vars, index });
    Object.freeze(this);
  }

  /** An empty declaration. */
  static create(): Env {
    return new Env(PList.empty(), PMap.empty());
  }

  /** Reads an {@link EnvModel} back into an `Env` (its names typed as `string`). */
  static fromModel(model: EnvModel): Env<string> {
    let vars = PList.empty<EnvVarModel>();
    let index = PMap.empty<EnvVarModel>();
    for (const v of model.vars) {
      const entry = Object.freeze({ ...v });
      vars = vars.push(entry);
      if (!index.has(entry.name)) index = index.set(entry.name, entry);
    }
    return new Env(vars, index);
  }

  /** True for an `Env` from any copy of devstack-kit. */
  static isEnv(value: unknown): value is Env<string> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ENV] === true;
  }

  /** Declares a variable. Throws a `UsageError` for an invalid or duplicate name. */
  var<N extends string>(name: N, spec: EnvVarSpec = {}): Env<V | N> {
    if (!NAME_RE.test(name)) throw new UsageError('env/invalid-name', `"${name}" is not a valid variable name`, 'use letters, digits and "_", not starting with a digit');
    if (this.#state.index.has(name)) throw new UsageError('env/duplicate-name', `"${name}" is declared twice`, 'declare each variable once');
    if (spec.secret === true && spec.default !== undefined) {
      // its default would be written into compose.yaml (`${NAME:-default}`), which is committed
      throw new UsageError('env/secret-default', `"${name}" is secret but has a default, which compose.yaml would carry (\${${name}:-…})`, 'drop the default (compose then requires the value from .env), or drop secret: true if the value is not a secret');
    }
    if (spec.default !== undefined) braced(name, ':-', spec.default);
    const entry: EnvVarModel = { name };
    if (spec.description !== undefined) entry.description = spec.description;
    if (spec.default !== undefined) entry.default = spec.default;
    if (spec.secret !== undefined) entry.secret = spec.secret;
    if (spec.example !== undefined) entry.example = spec.example;
    if (spec.required !== undefined) entry.required = spec.required;
    Object.freeze(entry);
    return new Env<V | N>(this.#state.vars.push(entry), this.#state.index.set(name, entry));
  }

  /** The declared names, in order. */
  names(): V[] {
    return this.#state.vars.toArray().map((v) => v.name as V);
  }

  /** The declaration of one variable. */
  get(name: V): EnvVarModel {
    const found = this.#state.index.get(name);
    if (!found) throw new UsageError('env/unknown-name', `"${name}" is not declared`, 'declare it with .var(name, …)');
    return found;
  }

  /**
   * The compose interpolation for a variable: `${VAR:-default}` when it has a default,
   * `${VAR:?message}` when it is secret or required, else `${VAR}`. Options override the declaration.
   * A `$` in the default or message is written `$$`, so Compose reads back the text `.env.example`
   * shows; a `}` cannot be written (Compose has no escape for it) and throws `env/unwritable-default`.
   *
   * @example
   * ```ts
   * Env.create().var('DB_PASSWORD', { default: 'pa$word' }).ref('DB_PASSWORD'); // '${DB_PASSWORD:-pa$$word}'
   * ```
   */
  ref(name: V, options: EnvRefOptions = {}): string {
    const v = this.get(name);
    if (options.required !== undefined) return braced(name, ':?', options.required);
    const dflt = options.default ?? v.default;
    if (dflt !== undefined) return braced(name, ':-', dflt);
    if (v.secret === true || v.required === true) return `\${${name}:?${name} is not set; copy .env.example to .env}`;
    return `\${${name}}`;
  }

  /** The plain model. */
  toModel(): EnvModel {
    return { vars: this.#state.vars.toArray().map((v) => ({ ...v })) };
  }

  /** The `.env.example` model: each variable with its description and a placeholder (empty for secrets). */
  exampleModel(): EnvExampleModel {
    return envExampleFromEnv(this.toModel());
  }
}

/**
 * Builds the `.env.example` model of an {@link EnvModel}.
 *
 * @example
 * ```ts
 * envExampleFromEnv({ vars: [{ name: 'TOKEN', secret: true, default: 'x' }] }).entries[0]?.value; // '' (never a secret)
 * ```
 */
export function envExampleFromEnv(model: EnvModel): EnvExampleModel {
  return {
    entries: model.vars.map((v) => {
      const entry: EnvExampleEntry = { name: v.name, value: v.secret ? '' : (v.example ?? v.default ?? '') };
      if (v.description !== undefined) entry.comment = v.description;
      if (v.secret) entry.secret = true;
      return entry;
    }),
  };
}

/**
 * A value that dotenv (Node) and Compose's .env reader cannot both read back as written: it holds a
 * `'` or a line break (so it needs double quotes) and a `"`, `\` or `$` (which dotenv keeps as
 * written inside double quotes, escape and all, while Compose unescapes or interpolates them).
 */
function unportableValue(value: string): boolean {
  return (value.includes("'") || value.includes('\n')) && /["\\$]/.test(value);
}

function quoteValue(value: string): string {
  if (value === '' || /^[^\s"'`#\\$]*$/.test(value)) return value;
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
  // double quotes: both readers take the text as is, and both read `\n` as a line break (a value
  // with `"`, `\` or `$` besides a `'` is reported by env/unportable-value)
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\$/g, '\\$')}"`;
}

/**
 * Writes `.env.example` (without the marker). Pure.
 *
 * @example
 * ```ts
 * synthEnvExample({ entries: [{ name: 'NATS_URL', value: 'nats://localhost:4222', comment: 'The NATS server' }] });
 * // # The NATS server
 * // NATS_URL=nats://localhost:4222
 * ```
 */
export function synthEnvExample(model: EnvExampleModel): string {
  const lines: string[] = [];
  model.entries.forEach((e, i) => {
    const comment = [...(e.comment !== undefined ? e.comment.split('\n') : []), ...(e.secret ? [SECRET_NOTE] : [])];
    if (comment.length > 0 && i > 0) lines.push('');
    for (const c of comment) lines.push(c === '' ? '#' : `# ${c}`);
    lines.push(`${e.name}=${quoteValue(e.value)}`);
  });
  return lines.length === 0 ? '' : withTrailingNewline(lines.join('\n'));
}

/**
 * Codes of the `.env.example` kind.
 *
 * @example
 * ```ts
 * envCodes.map((c) => c.code); // ['env/schema/invalid-type', …, 'env/parse/unreadable-line']
 * ```
 */
export const envCodes = defineCodes([
  ...schemaCodes('env', 'an .env.example file'),
  { code: 'env/parse/unreadable-line', severity: 'warning', summary: 'A line of `.env.example` is neither a comment nor `KEY=value`.', fix: 'Write `KEY=value`, or start the line with `#`.' },
]);

/**
 * `env/secret-value`: a secret has a value in `.env.example`.
 *
 * @example
 * ```ts
 * secretValue.check({ entries: [{ name: 'T', value: 'abc', secret: true }] }, {}); // yields one finding at entries[0].value
 * ```
 */
export const secretValue = defineRule<EnvExampleModel>({
  code: 'env/secret-value',
  severity: 'error',
  summary: 'A secret variable has a value in `.env.example`, which is committed.',
  fix: 'Leave the value empty (`API_TOKEN=`); set the real value in `.env`.',
  *check(model) {
    for (const [i, e] of (Array.isArray(model?.entries) ? model.entries : []).entries()) {
      if (e?.secret === true && typeof e.value === 'string' && e.value !== '') {
        yield { path: ['entries', i, 'value'], message: `${e.name} is secret but has a value in .env.example`, hint: `write ${e.name}= with no value` };
      }
    }
  },
});

/**
 * `env/duplicate-name`: a variable is listed twice.
 *
 * @example
 * ```ts
 * duplicateName.check({ entries: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }, {}); // yields entries[1].name
 * ```
 */
export const duplicateName = defineRule<EnvExampleModel>({
  code: 'env/duplicate-name',
  severity: 'error',
  summary: 'A variable is listed twice in `.env.example`.',
  fix: 'Declare each variable once.',
  *check(model) {
    const seen = new Set<string>();
    for (const [i, e] of (Array.isArray(model?.entries) ? model.entries : []).entries()) {
      if (typeof e?.name !== 'string') continue;
      if (seen.has(e.name)) yield { path: ['entries', i, 'name'], message: `${e.name} is listed twice`, hint: 'remove one of them' };
      seen.add(e.name);
    }
  },
});

/**
 * `env/unportable-value`: a value that dotenv and Compose would read differently.
 *
 * @example
 * ```ts
 * unportableValueRule.check({ entries: [{ name: 'Q', value: `it's "quoted"` }] }, {}); // yields entries[0].value
 * ```
 */
export const unportableValueRule = defineRule<EnvExampleModel>({
  code: 'env/unportable-value',
  severity: 'error',
  summary: 'A value holds a `\'` or a line break together with a `"`, `\\` or `$`, which no quoting makes dotenv and Compose read the same.',
  fix: 'Drop the `\'` (or line break), or the `"`, `\\` and `$`, from the default (or `example`) of the variable.',
  *check(model) {
    for (const [i, e] of (Array.isArray(model?.entries) ? model.entries : []).entries()) {
      if (typeof e?.value === 'string' && unportableValue(e.value)) {
        yield {
          path: ['entries', i, 'value'],
          message: `${e.name}'s value ${JSON.stringify(e.value)} cannot be written so that dotenv and Compose read it back the same`,
          hint: 'single quotes cannot hold a \' or a line break, and inside double quotes dotenv keeps \\ escapes that Compose removes (and Compose interpolates $)',
        };
      }
    }
  },
});

/**
 * The `.env.example` rules.
 *
 * @example
 * ```ts
 * runRules(envRules, model, { file: '.env.example' });
 * ```
 */
export const envRules: readonly Rule<EnvExampleModel>[] = Object.freeze([secretValue, duplicateName, unportableValueRule]);

/**
 * Reads `.env.example`: comments before a `KEY=value` line become its comment. Never throws.
 *
 * @example
 * ```ts
 * parseEnvExample('# The NATS server\nNATS_URL=nats://localhost:4222\n').model;
 * // { entries: [{ name: 'NATS_URL', value: 'nats://localhost:4222', comment: 'The NATS server' }] }
 * ```
 */
export function parseEnvExample(text: string, file?: string): ParseResult<EnvExampleModel> {
  const entries: EnvExampleEntry[] = [];
  const issues: Issue[] = [];
  let pending: string[] = [];
  normalizeNewlines(text)
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '') {
        pending = [];
        return;
      }
      if (line.startsWith('#')) {
        if (line === `# ${MARKER}`) return;
        pending.push(line.replace(/^# ?/, ''));
        return;
      }
      const m = line.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/s);
      if (!m) {
        issues.push({ code: 'env/parse/unreadable-line', severity: 'warning', message: `cannot read ${JSON.stringify(line)}`, path: [], line: index + 1, ...(file !== undefined ? { file } : {}) });
        return;
      }
      const entry: EnvExampleEntry = { name: m[1]!, value: unquote(m[2]!) };
      const secret = pending.at(-1) === SECRET_NOTE;
      if (secret) pending = pending.slice(0, -1);
      if (pending.length > 0) entry.comment = pending.join('\n');
      if (secret) entry.secret = true;
      entries.push(entry);
      pending = [];
    });
  return { model: { entries }, issues };
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\([\\"n$])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
  }
  return value.replace(/\s+#.*$/, '');
}

/**
 * The `.env.example` file kind.
 *
 * @example
 * ```ts
 * envExampleKind.mark(envExampleKind.render(env.exampleModel()));
 * // # Generated by devstack-kit from devstack.config.ts. Do not edit; run npx devstack synth.
 * // DATABASE_URL=postgresql://…
 * ```
 */
export const envExampleKind: KindHandler<EnvExampleModel> = Object.freeze({
  kind: 'env-example',
  codes: Object.freeze([...envCodes, ...envRules]),
  validate(model: EnvExampleModel, context: RuleContext) {
    const issues = schemaIssues(EnvExampleModelSchema, model, 'env', context.file);
    const found = runRules(envRules, model, context);
    return [...issues, ...found];
  },
  render: synthEnvExample,
  mark(text: string) {
    return `${markerComment()}\n${text}`;
  },
  parse: parseEnvExample,
});
