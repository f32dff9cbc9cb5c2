/**
 * Copying, freezing and rendering the values the workflow builders take.
 * @module
 */
import { isExpr } from './expressions.js';
import { renderValue, type InputValue } from './steps.js';


export function freezeDeep<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeDeep(v);
  }
  return value;
}

/** A deep copy of plain data; an {@link Expr} anywhere inside becomes its `${{ … }}` string. */
export function clone<T>(value: T): T {
  if (isExpr(value)) return value.toString() as T;
  if (Array.isArray(value)) return value.map((v) => clone(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = clone(v);
    return out as T;
  }
  return value;
}

export function renderMap(map: Readonly<Record<string, InputValue | undefined>>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(map)) if (v !== undefined) out[k] = renderValue(v);
  return out;
}
