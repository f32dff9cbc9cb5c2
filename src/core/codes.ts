/**
 * The issue codes as a type: {@link IssueCodes} (an interface presets extend) and {@link IssueCode}
 * (the union of its keys), so `lint.severity` keys and `suppress` codes are checked by the compiler.
 * @module
 */
import type { BuiltinIssueCodes } from './codes.generated.js';

/**
 * Every issue code, as the keys of an interface (the values mean nothing). devstack-kit's own codes are
 * listed in a table generated from the runtime registry (`allCodes()`; `npm run codes` rewrites it, and a
 * test fails when the two differ), so the type and docs/rules.md cannot drift apart. Schema codes
 * (`compose/schema/invalid-duration`, …) are a fixed set per domain and listed one by one, like the rest.
 *
 * A preset that reports codes of its own adds them by declaration merging, from any module of the
 * preset package that the consumer imports. The interface is declared in devstack-kit's root entry, so
 * augment `'devstack-kit'` (not a subpath); the new codes are then accepted everywhere a code is typed,
 * including `Stack.toApp` imported from `'devstack-kit/stack'`. At run time, register the same codes with
 * the check that reports them: `app.check(check, codes)`.
 *
 * @example
 * ```ts
 * // in the preset package
 * declare module 'devstack-kit' {
 *   interface IssueCodes {
 *     'mailpit/ui-published': true;
 *   }
 * }
 * // in the consumer's devstack.config.ts
 * stack.toApp({ lint: { severity: { 'mailpit/ui-published': 'off' } } });   // accepted
 * stack.toApp({ lint: { severity: { 'mailpit/ui-publishd': 'off' } } });    // ✖ compile error: not a known code
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface, so presets can merge into it
export interface IssueCodes extends BuiltinIssueCodes {}

/**
 * A documented issue code: one of devstack-kit's (docs/rules.md) or one a preset added to
 * {@link IssueCodes}.
 *
 * @example
 * ```ts
 * const code: IssueCode = 'docker/root-user';   // accepted
 * const typo: IssueCode = 'docker/rot-user';    // ✖ compile error
 * ```
 */
export type IssueCode = keyof IssueCodes & string;
