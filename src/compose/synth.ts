/**
 * Compose synthesis: model → YAML text. Pure: the same model gives the same bytes.
 * @module
 */
import { safeParseMemo } from '../core/schema.js';
import { layoutOf } from '../core/layout.js';
import { stringifyYaml } from '../core/yaml.js';
import { ComposeModelSchema, type ComposeModel } from './model.js';

/**
 * Puts keys in the model's order (the order of {@link ComposeModelSchema}); data that does not fit the
 * schema is written as given.
 *
 * @example
 * ```ts
 * Object.keys(orderCompose({ volumes: {}, services: {} })); // ['services', 'volumes']
 * ```
 */
export function orderCompose(model: ComposeModel): ComposeModel {
  const parsed = safeParseMemo(ComposeModelSchema, model);
  return parsed.success ? parsed.data : model;
}

/**
 * Writes a compose model as YAML through the one YAML door (no marker; the kind adds it). Comments
 * attached to the model (by `parseCompose` or the builder's `comment(…)`, see `withLayout`) are
 * written too; a parsed file keeps its author's key order, comments and styles.
 *
 * @example
 * ```ts
 * synthCompose({ services: { db: { image: 'postgres:16', ports: ['5432:5432'] } } });
 * // services:
 * //   db:
 * //     image: postgres:16
 * //     ports:
 * //       - '5432:5432'
 * ```
 */
export function synthCompose(model: ComposeModel): string {
  const layout = layoutOf(model);
  return stringifyYaml(orderCompose(model), layout ? { layout } : {});
}
