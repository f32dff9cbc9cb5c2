/**
 * Input value types shared by the typed action helpers.
 * @module
 */
import type { Expr } from '../expressions.js';

/** A string input (or an expression). */
export type Str = string | Expr;
/** A boolean input (or an expression). */
export type Bool = boolean | Expr;
/** A number input (or an expression). */
export type Num = number | Expr;
/** A multi-line list input: a list is written one item a line. */
export type Lines = string | Expr | readonly (string | Expr)[];

/** Joins a {@link Lines} value into the newline-separated string the action expects. */
export function lines(value: Lines | undefined): string | Expr | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || !Array.isArray(value)) return value as string | Expr;
  return value.map(String).join('\n');
}
