/**
 * Units: reusable pieces of a {@link Stack}, typed by the names they require and the names they
 * add, made with {@link defineUnit} and added with `stack.add(unit)`.
 * @module
 */
import { UsageError } from '../core/errors.js';
import { hasStackBrand, type Simplify, type Put, type StackNames } from './names.js';
// type-only: a unit's build function receives a Stack and returns one (erased at run time, no import cycle)
import type { Stack } from './stack.js';

const UNIT = Symbol.for('devstack-kit.Unit');

// ─── units ──────────────────────────────────────────────────────────────────────────────────────

/** What a unit needs its consumer to have declared before it is added (lists of names). */
export interface Requirements {
  readonly env?: readonly string[];
  readonly services?: readonly string[];
  /** Services that must have a healthcheck (implies `services`). */
  readonly healthy?: readonly string[];
  readonly volumes?: readonly string[];
  readonly jobs?: readonly string[];
}

type Elem<L> = L extends readonly (infer E extends string)[] ? E : never;

/** The names a unit's build function sees: exactly what it requires. */
export type Scope<R extends Requirements> = {
  readonly services: Elem<R['services']> | Elem<R['healthy']>;
  readonly healthy: Elem<R['healthy']>;
  readonly env: Elem<R['env']>;
  readonly volumes: Elem<R['volumes']>;
  readonly jobs: { [K in Elem<R['jobs']>]: never };
  readonly units: {};
};

/** What a unit's build function returns when it has a handle: see {@link Stack.returns}. */
export interface UnitResult<N extends StackNames, H> {
  readonly stack: Stack<N>;
  readonly handle: H;
}

/**
 * A reusable piece of a stack, made by {@link defineUnit} and added with `stack.add(unit)`. Its
 * type carries its name, the names it requires (`In`), the names it leaves (`Out`) and its handle.
 */
export interface Unit<Name extends string = string, In extends StackNames = StackNames, Out extends StackNames = StackNames, H = unknown> {
  readonly name: Name;
  /** What the unit requires, as lists (checked at run time too, for untyped callers). */
  readonly requires: Requirements;
  readonly [UNIT]: true;
  /** @internal */
  readonly apply: (stack: Stack<StackNames>) => UnitResult<StackNames, H>;
  /** @internal phantom */
  readonly _types?: (names: In) => Out;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyUnit = Unit<string, any, any, any>;
type UnitName<U> = U extends { readonly name: infer Name extends string } ? Name : never;
type UnitIn<U> = U extends { readonly _types?: (names: infer I extends StackNames) => unknown } ? I : never;
type UnitOut<U> = U extends { readonly _types?: (names: never) => infer O extends StackNames } ? O : never;
type UnitHandle<U> = U extends { readonly apply: (stack: never) => UnitResult<StackNames, infer H> } ? H : never;

type Listed<Kind extends string, M extends string> = [M] extends [never] ? never : M extends string ? `${Kind} "${M}"` : never;

/** Names the unit requires that the stack lacks, as readable strings. */
type MissingOf<N extends StackNames, In extends StackNames> =
  | Listed<'environment variable', string extends N['env'] ? never : Exclude<In['env'], N['env']>>
  | Listed<'service', string extends N['services'] ? never : Exclude<In['services'], N['services']>>
  | Listed<'service with a healthcheck', string extends N['healthy'] ? never : Exclude<In['healthy'], N['healthy']>>
  | Listed<'volume', string extends N['volumes'] ? never : Exclude<In['volumes'], N['volumes']>>
  | Listed<'CI job', string extends keyof N['jobs'] ? never : Exclude<keyof In['jobs'] & string, keyof N['jobs'] & string>>;

/** Names the unit adds that the stack already has. */
type ClashOf<N extends StackNames, In extends StackNames, Out extends StackNames, Name extends string> =
  | Listed<'environment variable', string extends N['env'] ? never : Extract<Exclude<Out['env'], In['env']>, N['env']>>
  | Listed<'service', string extends N['services'] ? never : Extract<Exclude<Out['services'], In['services']>, N['services']>>
  | Listed<'volume', string extends N['volumes'] ? never : Extract<Exclude<Out['volumes'], In['volumes']>, N['volumes']>>
  | Listed<'CI job', string extends keyof N['jobs'] ? never : Extract<Exclude<keyof Out['jobs'] & string, keyof In['jobs'] & string>, keyof N['jobs'] & string>>
  | Listed<'unit', Extract<Name, keyof N['units']>>;

/**
 * `unknown` when the unit fits the stack; otherwise an object type whose property names say what is
 * missing or declared twice (names, not values, since TypeScript prints names resolved), so the
 * compile error at `stack.add(unit)` reads, for example:
 * `Property '"✖ add to the stack first: environment variable \"POSTGRES_PASSWORD\""' is missing in type 'Unit<"api", …>'`.
 */
export type CheckUnit<N extends StackNames, U> =
  MissingOf<N, UnitIn<U>> extends infer Missing extends string
    ? [Missing] extends [never]
      ? ClashOf<N, UnitIn<U>, UnitOut<U>, UnitName<U>> extends infer Clash extends string
        ? [Clash] extends [never]
          ? unknown
          : { readonly [K in `✖ already in the stack: ${Clash}`]: true }
        : never
      : { readonly [K in `✖ add to the stack first: ${Missing}`]: true }
    : never;

/** The stack after adding a unit. */
export type AfterAdd<N extends StackNames, U> = Put<
  N,
  {
    services: N['services'] | UnitOut<U>['services'];
    healthy: N['healthy'] | UnitOut<U>['healthy'];
    env: N['env'] | UnitOut<U>['env'];
    volumes: N['volumes'] | UnitOut<U>['volumes'];
    jobs: Simplify<N['jobs'] & UnitOut<U>['jobs']>;
    units: Simplify<N['units'] & UnitOut<U>['units'] & { readonly [K in UnitName<U>]: UnitHandle<U> }>;
  }
>;

/**
 * Defines a unit: a named, reusable piece of a stack. `requires` lists the names the consumer must
 * have declared (variables, services, healthy services, volumes, jobs); `build` receives a stack
 * that knows exactly those names — so inside a preset `envVar('UNDECLARED')` or
 * `dependsOn('nothing')` is a compile error — and returns the stack with what the unit adds
 * (optionally with a handle: `s.….returns({ service: 'api' })`). Adding the unit to a stack that lacks
 * a required name is a compile error at `stack.add(…)`, and a `UsageError` (`stack/missing-requirement`)
 * for untyped callers.
 *
 * @example
 * ```ts
 * const mailpit = defineUnit('mailpit', { env: ['SMTP_URL'] }, (s) =>
 *   s.service('mailpit', (svc, vars) => svc.image('axllent/mailpit:v1.21').env('SMTP_URL', vars.SMTP_URL).dev((d) => d.ports('8025:8025')))
 *    .returns({ service: 'mailpit' as const }));
 * Stack.create().env('SMTP_URL', { default: 'smtp://localhost:1025' }).add(mailpit);
 * // compose.yaml:
 * //   mailpit:
 * //     image: axllent/mailpit:v1.21
 * //     environment:
 * //       SMTP_URL: ${SMTP_URL:-smtp://localhost:1025}
 * Stack.create().add(mailpit); // ✖ compile error: Property '"✖ add to the stack first: environment variable \"SMTP_URL\""' is missing …
 * ```
 */
export function defineUnit<const Name extends string, const R extends Requirements, Out extends StackNames, H = {}>(
  name: Name,
  requires: R,
  build: (stack: Stack<Scope<R>>) => Stack<Out> | UnitResult<Out, H>,
): Unit<Name, Scope<R>, Out, H> {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new UsageError('stack/invalid-unit', `unit name ${JSON.stringify(name)} is not valid`, 'use letters, digits, ".", "_" and "-": "backend"');
  }
  if (typeof build !== 'function') throw new UsageError('stack/invalid-unit', `unit "${name}" has no build function`, 'pass (s) => s.service(…)');
  const apply = (stack: Stack<StackNames>): UnitResult<StackNames, H> => {
    const out = build(stack as unknown as Stack<Scope<R>>) as unknown as Stack<StackNames> | UnitResult<StackNames, H> | undefined;
    if (hasStackBrand(out)) return { stack: out as Stack<StackNames>, handle: {} as H };
    if (out && typeof out === 'object' && hasStackBrand((out as UnitResult<StackNames, H>).stack)) return out as UnitResult<StackNames, H>;
    throw new UsageError('stack/invalid-unit', `the build function of unit "${name}" did not return the stack`, 'return the stack it was given, with what the unit adds: (s) => s.service(…)');
  };
  return Object.freeze({ name, requires: Object.freeze({ ...requires }) as Requirements, [UNIT]: true as const, apply });
}

/**
 * True for a {@link Unit} from any copy of devstack-kit (units are branded, not class instances).
 *
 * @example
 * ```ts
 * isUnit(postgres()); // true
 * isUnit({ name: 'postgres' }); // false
 * ```
 */
export function isUnit(value: unknown): value is Unit {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[UNIT] === true;
}
