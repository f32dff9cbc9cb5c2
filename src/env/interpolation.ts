/**
 * Compose interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `$$` …) read exactly as Compose reads
 * it (the compose specification's interpolation section, and compose-go's `template` package that
 * `docker compose config` runs): which variables a string names, what it evaluates to, and how to
 * write text that Compose keeps as it is.
 * @module
 */

/**
 * The operator of a braced interpolation: `${VAR:-x}`, `${VAR-x}`, `${VAR:?x}`, `${VAR?x}`, `${VAR:+x}`, `${VAR+x}`.
 *
 * @example
 * ```ts
 * scanInterpolation('${TAG:-1.0}').refs[0]?.operator; // ':-'
 * ```
 */
export type InterpolationOperator = ':-' | '-' | ':?' | '?' | ':+' | '+';

/**
 * One variable a string interpolates.
 *
 * @example
 * ```ts
 * scanInterpolation('api:${TAG:-1.0}').refs[0];
 * // { name: 'TAG', braced: true, operator: ':-', argument: '1.0', start: 4, end: 15, nested: false }
 * ```
 */
export interface InterpolationRef {
  /** The variable's name. */
  readonly name: string;
  /** `$VAR` (false) or `${VAR…}` (true). */
  readonly braced: boolean;
  /** The operator, for `${VAR<op>argument}`. */
  readonly operator?: InterpolationOperator;
  /** The text after the operator (a default, an error message or a replacement); itself interpolated. */
  readonly argument?: string;
  /** Where the expression starts (its `$`) and ends (after its last character), in the scanned string. */
  readonly start: number;
  readonly end: number;
  /** True when the variable appears inside another's argument (`${A:-${B}}` names B nested). */
  readonly nested: boolean;
}

/**
 * What {@link scanInterpolation} finds in a string.
 *
 * @example
 * ```ts
 * scanInterpolation('$HOME ${X'); // { refs: [{ name: 'HOME', … }], invalid: [{ start: 6, text: '${X' }] }
 * ```
 */
export interface InterpolationScan {
  /** Every variable named, nested ones included, in order. */
  readonly refs: readonly InterpolationRef[];
  /** Expressions Compose rejects (`docker compose config` fails with "invalid interpolation format"). */
  readonly invalid: readonly { readonly start: number; readonly text: string }[];
}

/**
 * Variables Compose itself provides while it interpolates a file, so they need no declaration:
 * `COMPOSE_PROJECT_NAME` is set to the project's name (compose-go since 1.2.8, Compose 2.6.1).
 * The other `COMPOSE_*` variables of the Compose documentation configure the CLI and are read from
 * the environment like any other variable.
 *
 * @example
 * ```ts
 * COMPOSE_PROVIDED_VARIABLES.includes('COMPOSE_PROJECT_NAME'); // true
 * ```
 */
export const COMPOSE_PROVIDED_VARIABLES: readonly string[] = Object.freeze(['COMPOSE_PROJECT_NAME']);

const NAMED = /[_a-z][_a-z0-9]*/iy;
// compose-go: `{(?P<braced>[_a-z][_a-z0-9]*(?::?[-+?](.*}|[^}]*))?)}` (Go's `.` stops only at "\n")
const BRACED = /\{([_a-z][_a-z0-9]*(?::?[-+?](?:[^\n]*\}|[^}]*))?)\}/iy;
const OPERATOR = /^([_a-z][_a-z0-9]*)(:?[-+?])?([\s\S]*)$/i;

/** compose-go's `getFirstBraceClosingIndex`: the `}` that closes the first `${`, counting nested `${`. */
function closingBrace(s: string): number {
  let open = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '}') {
      open--;
      if (open === 0) return i;
    }
    if (s.startsWith('${', i)) {
      open++;
      i++;
    }
  }
  return -1;
}

type Lookup = (name: string) => string | undefined;

interface Walk {
  readonly refs: InterpolationRef[];
  readonly invalid: { start: number; text: string }[];
  readonly errors: string[];
  readonly lookup: Lookup;
}

/** Interpolates `text` the way compose-go does, recording what it meets; returns the result. */
function walk(text: string, offset: number, nested: boolean, w: Walk): string {
  let out = '';
  let i = 0;
  for (;;) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) return out + text.slice(i);
    out += text.slice(i, dollar);
    i = dollar;
    if (text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    NAMED.lastIndex = i + 1;
    const named = NAMED.exec(text);
    if (named) {
      const end = i + 1 + named[0].length;
      w.refs.push({ name: named[0], braced: false, start: offset + i, end: offset + end, nested });
      out += w.lookup(named[0]) ?? '';
      i = end;
      continue;
    }
    if (text[i + 1] !== '{') {
      // not a variable: Compose keeps the `$` as written
      out += '$';
      i += 1;
      continue;
    }
    BRACED.lastIndex = i + 1;
    const whole = BRACED.exec(text);
    const wholeEnd = BRACED.lastIndex;
    let sub = whole ? text.slice(i, BRACED.lastIndex) : '';
    const close = whole ? closingBrace(sub) : -1;
    if (close > -1) sub = sub.slice(0, close + 1);
    BRACED.lastIndex = 1;
    const own = whole ? BRACED.exec(sub) : null;
    if (!whole || !own) {
      const lineEnd = text.indexOf('\n', i);
      w.invalid.push({ start: offset + i, text: text.slice(i, lineEnd === -1 ? undefined : lineEnd) });
      i = whole ? wholeEnd : i + 2;
      continue;
    }
    const body = own[1]!;
    const [, name, op, arg] = body.match(OPERATOR) as unknown as [string, string, InterpolationOperator | undefined, string];
    const end = i + sub.length;
    const argStart = offset + i + 2 + name.length + (op?.length ?? 0);
    w.refs.push({ name, braced: true, ...(op !== undefined ? { operator: op, argument: arg } : {}), start: offset + i, end: offset + end, nested });
    const value = w.lookup(name);
    if (op === undefined) out += value ?? '';
    else {
      const argument = walk(arg, argStart, true, w);
      switch (op) {
        case ':-':
          out += value === undefined || value === '' ? argument : value;
          break;
        case '-':
          out += value === undefined ? argument : value;
          break;
        case ':?':
        case '?':
          if (value === undefined || (op === ':?' && value === '')) w.errors.push(`required variable ${name} is missing a value: ${argument}`);
          out += value ?? '';
          break;
        case ':+':
          out += value !== undefined && value !== '' ? argument : (value ?? '');
          break;
        case '+':
          out += value !== undefined ? argument : '';
          break;
      }
    }
    i = end;
  }
}

/**
 * Every variable a string interpolates (nested defaults included) and every expression Compose
 * rejects, read exactly as `docker compose config` reads it: `$$` is a literal `$`; `$NAME` and
 * `${NAME…}` name a variable (`[_a-zA-Z][_a-zA-Z0-9]*`); a `$` followed by anything else is kept as
 * written; `${` that does not form `${NAME}` or `${NAME<op>…}` is invalid.
 *
 * @example
 * ```ts
 * scanInterpolation('pa$word ${A:-${B}} $$HOME $1').refs.map((r) => r.name); // ['word', 'A', 'B']
 * scanInterpolation('${VAR/foo/bar}').invalid.length; // 1
 * ```
 */
export function scanInterpolation(text: string): InterpolationScan {
  const w: Walk = { refs: [], invalid: [], errors: [], lookup: () => undefined };
  walk(text, 0, false, w);
  return { refs: w.refs, invalid: w.invalid };
}

/**
 * What Compose makes of a string with the given variables (`undefined` for unset): the value, or
 * the error `docker compose config` stops with (a required variable unset, an invalid expression).
 *
 * @example
 * ```ts
 * interpolate('${DB:-postgres}:5432', {});               // { value: 'postgres:5432' }
 * interpolate('pa$word', {});                            // { value: 'pa' }  ($word is a variable)
 * interpolate('pa$$word', {});                           // { value: 'pa$word' }
 * interpolate('${TOKEN:?set TOKEN}', {});                // { error: 'required variable TOKEN is missing a value: set TOKEN' }
 * ```
 */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): { readonly value: string } | { readonly error: string } {
  const w: Walk = { refs: [], invalid: [], errors: [], lookup: (name) => (Object.hasOwn(env, name) ? env[name] : undefined) };
  const value = walk(text, 0, false, w);
  if (w.invalid.length > 0) return { error: `invalid interpolation format: ${JSON.stringify(w.invalid[0]!.text)}` };
  if (w.errors.length > 0) return { error: w.errors[0]! };
  return { value };
}

/**
 * Text that Compose keeps exactly as written: every `$` doubled (`$$`), so a password or a command
 * meant for the container's shell is not interpolated when Compose loads the file.
 *
 * @example
 * ```ts
 * s.env('DB_PASSWORD', composeLiteral('pa$word'));                 // environment: { DB_PASSWORD: pa$$word }
 * s.command(['sh', '-c', composeLiteral('echo $HOME')]);           // command: [sh, -c, echo $$HOME]
 * ```
 */
export function composeLiteral(text: string): string {
  return text.replace(/\$/g, '$$$$');
}
