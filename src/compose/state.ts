/**
 * The state a `ComposeService` holds, and the helpers `ComposeService` and `Compose` share to copy,
 * freeze, merge and resolve it.
 * @module
 */
import { posix } from 'node:path';
import type { DockerfileRef } from '../core/refs.js';
import { recordSites, type SiteList } from '../core/source.js';
import { Env, type EnvModel } from '../env/env.js';
import type { Mutable } from './inputs.js';
import type { BuildModel, ServiceModel } from './model.js';
import { mergeRawPatch } from '../core/raw.js';

export interface ServiceState {
  readonly model: Readonly<ServiceModel>;
  readonly ref?: { readonly ref: DockerfileRef; readonly options: Readonly<Record<string, unknown>> };
  readonly dev?: ServiceState;
  /** The compose file's `Env`, for `envVar` (not written to the model). */
  readonly env?: EnvModel;
  /** The comment written above the service's key (`comment(…)`; not part of the model). */
  readonly comment?: string;
  /** Where in the config each key was set (see `core/source.ts`; not part of the model). */
  readonly sites?: SiteList | undefined;
}

/**
 * `next` with the call site of the builder method that made it recorded at each top-level key
 * whose value differs from `prev`'s (the caller's line in the config; see `core/source.ts`).
 */
export function withSites(prev: ServiceState, next: ServiceState): ServiceState {
  const before = prev.model as Record<string, unknown>;
  const after = next.model as Record<string, unknown>;
  if (before === after) return next;
  const sites = recordSites(next.sites, Object.keys(after).filter((key) => before[key] !== after[key]).map((key) => [key]));
  return sites === next.sites ? next : { ...next, sites };
}

export function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) freezeDeep(v);
  }
  return value;
}


export function clone<T>(value: T): T {
  return structuredClone(value) as T;
}

/**
 * A copy of a service's (deep-frozen) model to change top-level keys of. A shallow copy is enough:
 * every builder method assigns whole top-level values (new lists and maps, cloned input) and never
 * changes what is below them, and the frozen values it keeps are shared safely between builders.
 */
export function ownCopy(model: Readonly<ServiceModel>): Mutable<ServiceModel> {
  return { ...model } as Mutable<ServiceModel>;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep-merges `patch` over `base` by the one `$raw` rule (`mergeRawPatch`): objects merge key
 * by key, anything else (lists too) replaces. The patch is copied first.
 */
export function mergeDeep(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return clone(patch);
  return mergeRawPatch(base, clone(patch));
}

/** Merges an override service over a base one as Compose does: maps merge, lists of ports, volumes, watches … append. */
export function mergeOverride(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) return [...base, ...patch.filter((p) => !base.some((b) => JSON.stringify(b) === JSON.stringify(p)))];
  if (!isPlainObject(base) || !isPlainObject(patch)) return clone(patch);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? mergeOverride(base[k], v) : clone(v);
  return out;
}

/** The relative path from `from` to `to` (both from the project root), written `./x` or `../x`. */
function relPath(from: string, to: string): string {
  const rel = posix.relative(posix.normalize(from), posix.normalize(to));
  if (rel === '') return '.';
  return rel.startsWith('..') ? rel : `./${rel}`;
}

// The Env of each (deep-frozen) env model a service was given, read once rather than on every
// `envVar` call (which would make a compose file of n services reading n variables quadratic).
const envs = new WeakMap<EnvModel, Env<string>>();
export function envOf(model: EnvModel): Env<string> {
  let env = envs.get(model);
  if (!env) envs.set(model, (env = Env.fromModel(model)));
  return env;
}

/** A copy of `state` carrying `env` (or none). */
export function withEnv(state: ServiceState, env: EnvModel | undefined): ServiceState {
  const next: Mutable<ServiceState> = { ...state };
  if (env) next.env = env;
  else delete next.env;
  return next;
}

export function resolveService(state: ServiceState, dir: string): ServiceModel {
  const model = clone(state.model) as Mutable<ServiceModel>;
  if (state.ref) {
    const { ref, options } = state.ref;
    const build: Record<string, unknown> = { context: relPath(dir, ref.context), dockerfile: posix.relative(posix.normalize(ref.context), posix.normalize(ref.path)) };
    Object.assign(build, clone(options));
    const existing = isPlainObject(model.build) ? model.build : {};
    model.build = { ...existing, ...build } as BuildModel;
  }
  return model;
}
