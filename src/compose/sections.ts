/**
 * The state a `Compose` holds: the top-level keys, the services and the top-level sections
 * (volumes, networks, secrets, configs, models) as persistent maps, and the helpers that move
 * sections between plain objects and those maps.
 * @module
 */
import type { Issue } from '../core/issue.js';
import type { SiteList } from '../core/source.js';
import type { YamlLayout } from '../core/layout.js';
import { PMap } from '../core/persistent.js';
import type { EnvModel } from '../env/env.js';
import { markParsed } from '../core/schema.js';
import { ComposeModelSchema, type ComposeModel } from './model.js';
import { freezeDeep, isPlainObject, type ServiceState } from './state.js';

/** The top-level maps `volume()`, `network()`, `secret()`, `config()` and `model()` add to. */
export const SECTIONS = ['volumes', 'networks', 'secrets', 'configs', 'models'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * Persistent maps, so that adding a service (or a volume, …) is O(log n) rather than a copy of all
 * of them, and a fork shares its base without either side seeing the other's additions.
 */
export interface ComposeState {
  /**
   * Everything but the services and the {@link SECTIONS} held in `sections`; each of those keeps a
   * `null` here, so the key stays in its place in the file.
   */
  readonly top: Readonly<ComposeModel>;
  readonly services: PMap<ServiceState>;
  /** The sections that are maps (deep-frozen values). A section that is not a map stays in `top` as written. */
  readonly sections: Readonly<Partial<Record<Section, PMap<unknown>>>>;
  readonly env: EnvModel | undefined;
  /** Comments, key order and styles of a parsed file (by data path; see `YamlLayout`). */
  readonly layout?: YamlLayout;
  /** The comment at the top of the file (`comment(…)`). */
  readonly comment?: string;
  /** What `Compose.parse` found in the text (kept by every later method). */
  readonly issues?: readonly Issue[];
  /** Where in the config services and sections were added (see `core/source.ts`; not part of the model). */
  readonly sites?: SiteList | undefined;
}

/** Moves the sections of `top` that are maps into persistent maps (leaving `null` in their place). */
export function splitSections(top: Readonly<Record<string, unknown>>, sections: ComposeState['sections'] = {}): Pick<ComposeState, 'top' | 'sections'> {
  const rest: Record<string, unknown> = { ...top };
  const out: Partial<Record<Section, PMap<unknown>>> = { ...sections };
  for (const key of SECTIONS) {
    const value = rest[key];
    if (!isPlainObject(value)) continue;
    out[key] = PMap.from(Object.entries(value).map(([n, v]) => [n, freezeDeep(v)] as const));
    rest[key] = null;
  }
  return { top: rest as ComposeModel, sections: out };
}

/** `top` with its sections put back as plain objects. */
export function joinSections(state: Pick<ComposeState, 'top' | 'sections'>): Record<string, unknown> {
  const model: Record<string, unknown> = { ...state.top };
  for (const key of SECTIONS) {
    const section = state.sections[key];
    if (section) model[key] = section.toObject();
  }
  return model;
}

/**
 * The model in schema key order, deep-frozen. When it is valid, it is recorded as its own parse, so
 * validating and writing it (in `App.synth`) do not parse it again.
 */
export function frozenModel(model: ComposeModel): ComposeModel {
  const parsed = ComposeModelSchema.safeParse(model);
  if (!parsed.success) return freezeDeep(model);
  return markParsed(ComposeModelSchema, freezeDeep(parsed.data));
}

/** Options of `Compose.toModel`. */
export interface ToModelOptions {
  /** The compose file's folder from the project root (default `.`); build paths are written relative to it. */
  readonly dir?: string;
  /** `'base'` (default): without `dev(…)` settings; `'dev'`: with them merged in (one file for both). */
  readonly variant?: 'base' | 'dev';
}
