/**
 * Helpers shared by the compose rules. Rules see models that may not have passed the schema (a
 * parsed file, an untyped object), so every read here is defensive.
 * @module
 */
import { posix } from 'node:path';
import type { RuleContext } from '../../core/rule.js';
import type { ComposeModel } from '../model.js';

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The services of a model as `[name, service]` pairs (services that are not objects are skipped). */
export function serviceEntries(model: unknown): [string, Record<string, unknown>][] {
  const services = asRecord(asRecord(model)?.['services']);
  if (!services) return [];
  const out: [string, Record<string, unknown>][] = [];
  for (const [name, svc] of Object.entries(services)) {
    const rec = asRecord(svc);
    if (rec) out.push([name, rec]);
  }
  return out;
}

/** True when a string interpolates a variable (`${VAR}`, `$VAR`): its value is only known at run time. */
export function interpolates(value: unknown): boolean {
  return typeof value === 'string' && /\$\{[^}]*\}|\$[A-Za-z_]/.test(value);
}

const OVERRIDE_RE = /^(.*?)\.override\.(ya?ml)$/;

/**
 * For an override file (`compose.override.yaml`), the base file it is merged over, when the App holds
 * it (`compose.yaml` or `compose.yml` in the same folder).
 */
export function baseModel(context: RuleContext): ComposeModel | undefined {
  if (!context.file || !context.siblings) return undefined;
  const dir = posix.dirname(context.file);
  const base = posix.basename(context.file).match(OVERRIDE_RE);
  if (!base) return undefined;
  for (const ext of ['yaml', 'yml']) {
    const path = posix.join(dir, `${base[1]}.${ext}`);
    const sibling = context.siblings.get(path);
    if (sibling && sibling.kind === 'compose' && asRecord(sibling.model)) return sibling.model as ComposeModel;
  }
  return undefined;
}

/**
 * The model as Compose sees it for lookups: for an override file, the base's services and top-level
 * declarations merged under the override's (each service's keys overridden one level deep).
 */
export function lookupModel(model: ComposeModel, context: RuleContext): Record<string, unknown> {
  const base = baseModel(context);
  const own = asRecord(model) ?? {};
  if (!base) return own;
  const out: Record<string, unknown> = { ...base, ...own };
  for (const key of ['services', 'volumes', 'networks', 'secrets', 'configs']) {
    const b = asRecord((base as Record<string, unknown>)[key]);
    const o = asRecord(own[key]);
    if (!b && !o) continue;
    const merged: Record<string, unknown> = { ...b };
    for (const [name, value] of Object.entries(o ?? {})) {
      const bv = asRecord(merged[name]);
      const ov = asRecord(value);
      merged[name] = bv && ov ? { ...bv, ...ov } : value;
    }
    out[key] = merged;
  }
  return out;
}

/** The names a top-level section declares (`volumes`, `networks`, …), including the override's base. */
export function declared(view: Record<string, unknown>, section: string): Set<string> {
  return new Set(Object.keys(asRecord(view[section]) ?? {}));
}

/**
 * A service with what it `extends` from the same file merged under it (one level of keys, as far as
 * rules need), following chains up to 10 deep. `extends` with a `file` is not followed.
 */
export function effectiveService(services: ReadonlyMap<string, Record<string, unknown>>, name: string): Record<string, unknown> | undefined {
  let current = services.get(name);
  if (!current) return undefined;
  let merged: Record<string, unknown> = { ...current };
  const seen = new Set([name]);
  for (let depth = 0; depth < 10; depth++) {
    const ext = current['extends'];
    const rec = asRecord(ext);
    const parentName = typeof ext === 'string' ? ext : rec && rec['file'] === undefined && typeof rec['service'] === 'string' ? rec['service'] : undefined;
    if (parentName === undefined || seen.has(parentName)) break;
    const parent = services.get(parentName);
    if (!parent) break;
    seen.add(parentName);
    merged = { ...parent, ...merged };
    current = parent;
  }
  return merged;
}
