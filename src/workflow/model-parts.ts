/**
 * The pieces the workflow and action schemas share: scalars, `env:`, conditions, globs, raw
 * pass-through, and the pinning policy of `uses:` references.
 * @module
 */
import { z } from 'zod';

// ─── shared pieces ──────────────────────────────────────────────────────────────────────────────

/** A scalar that may appear in `env` and `with` (an empty value reads as null). */
export const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** `env:` (a map, or an expression string that yields one). */
export const Env = z.union([z.record(z.string(), Scalar), z.string()]);
/** A value that may be written as an expression string: `${{ … }}`. */
export const BoolOrExpr = z.union([z.boolean(), z.string()]);
export const NumOrExpr = z.union([z.number(), z.string()]);
/** `if:` accepts a boolean, number or expression (with or without `${{ }}`). */
export const Condition = z.union([z.string(), z.boolean(), z.number()]);
/** Branch, tag and path filters: a list of globs, or one glob written as a plain string (`branches: main`). */
export const Globs = z.union([z.array(z.string()), z.string()]);
/** Raw pass-through: keys devstack-kit does not model, deep-merged into the output as written. */
export const Raw = z.record(z.string(), z.unknown());

// ─── pinning ────────────────────────────────────────────────────────────────────────────────────

/**
 * How `uses:` references are written. `tag` (default) writes them as given; `sha` writes
 * `owner/repo@<sha> # <tag>` for every reference found in `shas`.
 */
export const PinningSchema = z.strictObject({
  policy: z.enum(['tag', 'sha']),
  /** `owner/repo@tag` → full commit SHA. */
  shas: z.record(z.string(), z.string().regex(/^[0-9a-f]{40}$/, { message: 'expected a full 40-character commit SHA' })).optional(),
});
/** The pinning policy. */
export type Pinning = z.infer<typeof PinningSchema>;
