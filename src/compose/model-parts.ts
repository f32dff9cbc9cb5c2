/**
 * The building blocks of the compose schemas: `x-` extensions on every object, durations, unique
 * lists, and the small value schemas (`ListOrDict`, `Command`, …) the service and top-level schemas share.
 * @module
 */
import { z } from 'zod';


/** `x-` extension keys, allowed on every object of the specification. */
export type Extensions = { [key: `x-${string}`]: unknown };

export const EXT = /^x-/;

/**
 * An object of the specification: the listed keys, plus `x-` extensions. Any other key is kept in
 * the data (never dropped) but reported as `compose/schema/unknown-key`.
 */
export function obj<S extends z.core.$ZodLooseShape>(shape: S): z.ZodType<z.output<z.ZodObject<S>> & Extensions> & { readonly shape: { readonly [K in keyof S]: z.ZodType } } {
  const schema = z
    .object(shape)
    .catchall(z.unknown())
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key) && !EXT.test(key)) {
          ctx.addIssue({
            code: 'custom',
            message: `the compose specification has no key "${key}" here`,
            path: [key],
            input: (value as Record<string, unknown>)[key],
            params: { code: 'unknown-key', hint: 'check the spelling; custom data goes under an `x-` key' },
          });
        }
      }
    }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) });
  return schema as never;
}

/** The duration syntax of Compose: `1m30s`, `10s`, `500ms`; `${VAR}` interpolation is allowed. */
export const DURATION_RE = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
export const INTERPOLATION_RE = /\$\{[^}]+\}|\$[A-Za-z_]/;

/**
 * True for a Compose duration (`10s`, `1m30s`) or a value that interpolates a variable.
 *
 * @example
 * ```ts
 * isDuration('1m30s'); // true
 * isDuration(10);      // false
 * ```
 */
export function isDuration(value: unknown): value is string {
  return typeof value === 'string' && (DURATION_RE.test(value) || INTERPOLATION_RE.test(value));
}

/**
 * A Compose duration string such as `"10s"` or `"1m30s"`.
 *
 * @example
 * ```ts
 * HealthcheckSchema.parse({ interval: '10s' })
 * // interval: 10s
 * ```
 */
export const Duration: z.ZodType<string> = z.unknown().superRefine((value, ctx) => {
  if (!isDuration(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a duration like "10s"',
      input: value,
      continue: true,
      params: { code: 'invalid-duration', hint: 'write a number with a unit as a string: "10s", "1m30s", "500ms"' },
    });
  }
}) as never;

/** A list whose items must differ (`uniqueItems` in the specification). */
export function unique<T extends z.ZodType>(item: T): z.ZodArray<T> {
  return z.array(item).superRefine(
    (list, ctx) => {
      const seen = new Set<string>();
      list.forEach((value, index) => {
        const key = JSON.stringify(value);
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            message: 'this item is listed twice',
            path: [index],
            input: value,
            continue: true,
            params: { code: 'duplicate-item', hint: 'remove the repeated item' },
          });
        }
        seen.add(key);
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  ) as never;
}

export const str = z.string();
export const bool = z.union([z.boolean(), z.string()]);
export const num = z.union([z.number(), z.string()]);
export const int = z.union([z.number().int(), z.string()]);
export const strings = z.array(z.string());
export const listOfStrings = unique(z.string());
export const stringOrList = z.union([z.string(), listOfStrings]);
export const NAME_RE = /^[a-zA-Z0-9._-]+$/;
export const name = z.string().regex(NAME_RE, { message: 'expected a name of letters, digits, ".", "_" or "-"' });
/**
 * A map (`KEY: value`) or a list (`KEY=value`), as for `environment`, `labels`, `args`.
 *
 * @example
 * ```ts
 * const env: ServiceModel['environment'] = { LOG_LEVEL: 'debug' };
 * // environment:
 * //   LOG_LEVEL: debug
 * ```
 */
export const ListOrDict = z.union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), listOfStrings]);
export const driverOpts = z.record(z.string(), z.union([z.string(), z.number()]));
/**
 * A command as a string (run by a shell), a list (exec form) or null (reset).
 *
 * @example
 * ```ts
 * const cmd: ServiceModel['command'] = ['uvicorn', 'app.main:app'];
 * // command:
 * //   - uvicorn
 * //   - app.main:app
 * ```
 */
export const Command = z.union([z.null(), z.string(), strings]);
export const ExtraHosts = z.union([z.record(z.string(), z.union([z.string(), strings])), listOfStrings]);
export const Ulimits = z.record(z.string(), z.union([int, obj({ soft: int, hard: int })]));
export const ConfigOrSecretRef = z.array(z.union([z.string(), obj({ source: str.optional(), target: str.optional(), uid: str.optional(), gid: str.optional(), mode: num.optional() })]));
export const External = z.union([z.boolean(), z.string(), obj({ name: str.optional() })]);
