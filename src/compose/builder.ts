/**
 * `Compose`: the builder of a whole compose file. Immutable; names that can be referenced
 * (services, healthy services, volumes, networks, secrets, configs, environment variables)
 * accumulate in its type. Its services are `ComposeService`s (service.ts).
 * @module
 */
import { requireText, UsageError } from '../core/errors.js';
import type { Issue } from '../core/issue.js';
import { PMap } from '../core/persistent.js';
import { commentLayout, commentText, layoutOf, mergeLayouts, withLayout, type YamlLayout } from '../core/layout.js';
import { nestSites, recordSite, withSources, type SiteList } from '../core/source.js';
import { Env, envExampleFromEnv, type EnvExampleModel, type EnvModel } from '../env/env.js';
import type { AnyNames, ComposeTypes, NoNames } from './inputs.js';
import type { ComposeModel, ConfigModel, IncludeModel, ModelModel, NetworkModel, SecretModel, ServiceModel, VolumeModel } from './model.js';
import { parseCompose } from './parse.js';
import { ComposeService, newService, serviceStateOf } from './service.js';
import { clone, freezeDeep, isPlainObject, mergeDeep, mergeOverride, resolveService, withEnv, type ServiceState } from './state.js';
import { synthCompose } from './synth.js';
import { frozenModel, joinSections, SECTIONS, splitSections, type ComposeState, type Section, type ToModelOptions } from './sections.js';

export type { ToModelOptions };

const COMPOSE = Symbol.for('devstack-kit.Compose');
const NAME_RE = /^[a-zA-Z0-9._-]+$/;

// Conditional (`T extends unknown ? … : never`) so that the result is a plain object type: a compiler
// message then shows `Compose<{ services: "db" | "api"; healthy: "db"; … }>`, not `Compose<Add<Add<Add<…>>>>`.
type Add<T extends ComposeTypes, K extends keyof ComposeTypes, N extends string> = T extends unknown ? { [P in keyof ComposeTypes]: P extends K ? T[P] | N : T[P] } : never;
type Set_<T extends ComposeTypes, K extends keyof ComposeTypes, N extends string> = T extends unknown ? { [P in keyof ComposeTypes]: P extends K ? N : T[P] } : never;

/**
 * A compose file. Immutable: every method returns a new `Compose`, so a base can be forked into
 * variants. Services, volumes, networks, secrets and configs accumulate in the type parameter.
 *
 * @example
 * ```ts
 * const compose = Compose.create()
 *   .volume('pgdata')
 *   .service('postgres', (s) => s.image('postgres:15').volume('pgdata', '/var/lib/postgresql/data')
 *     .healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 }))
 *   .service('api', (s) => s.build('./backend').dependsOn('postgres', { condition: 'service_healthy' }));
 * compose.toString();
 * // services:
 * //   postgres:
 * //     image: postgres:15
 * //     volumes:
 * //       - pgdata:/var/lib/postgresql/data
 * //     healthcheck:
 * //       test:
 * //         - CMD
 * //         - pg_isready
 * //         - -U
 * //         - postgres
 * //       interval: 10s
 * //       timeout: 5s
 * //       retries: 5
 * //   api:
 * //     build: ./backend
 * //     depends_on:
 * //       postgres:
 * //         condition: service_healthy
 * // volumes:
 * //   pgdata:
 * ```
 */
export class Compose<T extends ComposeTypes = NoNames> {
  readonly #state: ComposeState;
  readonly [COMPOSE] = true;
  /** Type-only: the names declared so far. */
  declare readonly __names: T;

  private constructor(state: ComposeState) {
    this.#state = freezeDeep(state);
    Object.freeze(this);
  }

  /**
   * An empty compose file, optionally with a project `name:`.
   *
   * @example
   * ```ts
   * Compose.create('shop');
   * // name: shop
   * ```
   */
  static create(name?: string): Compose<NoNames> {
    return new Compose({ top: name === undefined ? {} : { name }, services: PMap.empty(), sections: {}, env: undefined });
  }

  /**
   * Reads an existing compose file into a builder (adoption). The data is kept as written; names
   * are typed as `string`. Never throws for what the text says (like `Dockerfile.parse`): when the
   * text is not YAML or not a mapping, the builder is empty and {@link Compose.parseIssues} says why;
   * content the schema rejects is kept and reported when the App validates it. Only a non-string
   * argument throws (`core/invalid-argument`).
   *
   * @example
   * ```ts
   * const compose = Compose.parse(readFileSync('compose.yaml', 'utf8'));
   * compose.toString(); // the same data, keys in the model's order
   * Compose.parse('services: [').parseIssues[0]?.code; // 'core/yaml-syntax'
   * ```
   */
  static parse(text: string, file?: string): Compose<AnyNames> {
    requireText(text, 'Compose.parse');
    const { model, issues } = parseCompose(text, file);
    const compose = (model ? Compose.fromModel(model) : Compose.create()) as Compose<AnyNames>;
    return issues.length === 0 ? compose : new Compose<AnyNames>({ ...compose.#state, issues });
  }

  /**
   * The problems {@link Compose.parse} found in the text (empty for a built file), errors and notes.
   *
   * @example
   * ```ts
   * Compose.parse('services: [').parseIssues.map((i) => i.code); // ['core/yaml-syntax']
   * ```
   */
  get parseIssues(): readonly Issue[] {
    return this.#state.issues ?? [];
  }

  /**
   * Wraps a model (from `parseCompose` or plain data) in a builder; names are typed as `string`.
   *
   * @example
   * ```ts
   * Compose.fromModel({ services: { db: { image: 'postgres:16' } } }).toString();
   * // services: { db: { image: postgres:16 } }
   * ```
   */
  static fromModel(model: ComposeModel): Compose<AnyNames> {
    const { services, ...top } = clone(model) as ComposeModel & { services?: Record<string, ServiceModel> };
    const entries = isPlainObject(services) ? Object.entries(services).map(([n, s]) => [n, freezeDeep({ model: (s ?? {}) as ServiceModel })] as const) : [];
    // an empty (or non-map) `services` is kept as written, so it writes back unchanged
    const keep = entries.length === 0 && services !== undefined ? { services } : {};
    const layout = layoutOf(model);
    return new Compose<AnyNames>({ ...splitSections({ ...top, ...keep }), services: PMap.from<ServiceState>(entries), env: undefined, ...(layout ? { layout } : {}) });
  }

  /**
   * True for a `Compose` from any copy of devstack-kit.
   *
   * @example
   * ```ts
   * Compose.isCompose(Compose.create());
   * // # true
   * ```
   */
  static isCompose(value: unknown): value is Compose<ComposeTypes> {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[COMPOSE] === true;
  }

  #top(key: Section, name: string, value: unknown): ComposeState {
    if (!NAME_RE.test(name)) throw new UsageError('compose/invalid-name', `"${name}" is not a valid ${key} name`, 'use letters, digits, ".", "_" and "-"');
    const entry = freezeDeep(clone(value));
    const section = this.#state.sections[key];
    const sites = recordSite(this.#state.sites, [key, name]);
    if (section) return { ...this.#state, sections: { ...this.#state.sections, [key]: section.set(name, entry) }, sites };
    // the first entry of the section (or a section read from a file that is not a map: its entries
    // are kept as the spread of an object kept them)
    const existing = { ...((this.#state.top as Record<string, unknown>)[key] as Record<string, unknown> | undefined) };
    const start = PMap.from(Object.entries(existing).map(([n, v]) => [n, freezeDeep(v)] as const));
    return { ...this.#state, top: { ...this.#state.top, [key]: null }, sections: { ...this.#state.sections, [key]: start.set(name, entry) }, sites };
  }

  /**
   * A comment at the top of the file (after the generated-file marker). Each line of the text becomes
   * a `#` line; a second call replaces the first.
   *
   * @example
   * ```ts
   * Compose.create().comment('local development stack').service('db', (s) => s.image('postgres:16'));
   * // # local development stack
   * // services:
   * //   db:
   * //     image: postgres:16
   * ```
   */
  comment(text: string): Compose<T> {
    commentText(text);
    return new Compose<T>({ ...this.#state, comment: text });
  }

  /**
   * The project `name:`.
   *
   * @example
   * ```ts
   * Compose.create().name('shop');
   * // name: shop
   * ```
   */
  name(name: string): Compose<T> {
    return new Compose<T>({ ...this.#state, top: { ...this.#state.top, name } });
  }

  /**
   * Defines (or, for an existing name, replaces) a service. Services defined here can be named by
   * `dependsOn` in services defined after it.
   *
   * @example
   * ```ts
   * Compose.create().service('cache', (s) => s.image('redis:7.2'));
   * // services:
   * //   cache:
   * //     image: redis:7.2
   * ```
   */
  service<N extends string, H extends boolean>(name: N, fn: (s: ComposeService<T, false>) => ComposeService<T, H>): Compose<H extends true ? Add<Add<T, 'services', N>, 'healthy', N> : Add<T, 'services', N>> {
    if (!NAME_RE.test(name)) throw new UsageError('compose/invalid-name', `"${name}" is not a valid service name`, 'use letters, digits, ".", "_" and "-"');
    const existing = this.#state.services.get(name);
    const built = fn(newService<T>(withEnv(existing ?? { model: {} }, this.#state.env)));
    if (!ComposeService.isComposeService(built)) throw new UsageError('compose/invalid-service', `the callback for service "${name}" did not return the service builder`, 'return the builder: s => s.image(…)');
    const state = freezeDeep(withEnv(serviceStateOf(built), undefined));
    return new Compose({ ...this.#state, services: this.#state.services.set(name, state), sites: recordSite(this.#state.sites, ['services', name]) }) as never;
  }

  /**
   * Declares a named volume (`volumes: { pgdata: }`), optionally with driver, labels, `external`, …
   *
   * @example
   * ```ts
   * Compose.create().volume('pgdata');
   * // volumes: { pgdata: }
   * ```
   */
  volume<N extends string>(name: N, config: VolumeModel = null): Compose<Add<T, 'volumes', N>> {
    return new Compose(this.#top('volumes', name, config)) as never;
  }

  /**
   * Declares a network (`networks: { back: }`), optionally with driver, ipam, `internal`, …
   *
   * @example
   * ```ts
   * Compose.create().network('back', { internal: true });
   * // networks: { back: { internal: true } }
   * ```
   */
  network<N extends string>(name: N, config: NetworkModel = null): Compose<Add<T, 'networks', N>> {
    return new Compose(this.#top('networks', name, config)) as never;
  }

  /**
   * Declares a secret: `{ file: './db_password.txt' }`, `{ environment: 'DB_PASSWORD' }` or `{ external: true }`.
   *
   * @example
   * ```ts
   * Compose.create().secret('db_password', { file: './db_password.txt' });
   * // secrets: { db_password: { file: ./db_password.txt } }
   * ```
   */
  secret<N extends string>(name: N, config: SecretModel): Compose<Add<T, 'secrets', N>> {
    return new Compose(this.#top('secrets', name, config)) as never;
  }

  /**
   * Declares a config: `{ file: './nginx.conf' }`, `{ content: '…' }`, `{ environment }` or `{ external: true }`.
   *
   * @example
   * ```ts
   * Compose.create().config('nginx_conf', { file: './nginx.conf' });
   * // configs: { nginx_conf: { file: ./nginx.conf } }
   * ```
   */
  config<N extends string>(name: N, config: ConfigModel): Compose<Add<T, 'configs', N>> {
    return new Compose(this.#top('configs', name, config)) as never;
  }

  /**
   * Declares an AI model (`models: { llm: { model: ai/smollm2 } }`) that services take with `s.models(name)`.
   *
   * @example
   * ```ts
   * Compose.create().model('llm', { model: 'ai/smollm2', context_size: 4096 });
   * // models:
   * //   llm:
   * //     model: ai/smollm2
   * //     context_size: 4096
   * ```
   */
  model<N extends string>(name: N, config: ModelModel): Compose<Add<T, 'models', N>> {
    return new Compose(this.#top('models', name, config)) as never;
  }

  /**
   * Appends `include:` entries: other compose files (a path, or `{ path, env_file, project_directory }`).
   *
   * @example
   * ```ts
   * Compose.create().include('./monitoring/compose.yaml', { path: './db/compose.yaml', env_file: './db/.env' });
   * // include:
   * //   - ./monitoring/compose.yaml
   * //   - path: ./db/compose.yaml
   * //     env_file: ./db/.env
   * ```
   */
  include(...entries: readonly IncludeModel[]): Compose<T> {
    const prev = this.#state.top.include ?? [];
    return new Compose<T>({ ...this.#state, top: { ...this.#state.top, include: [...prev, ...clone(entries as IncludeModel[])] } });
  }

  /**
   * Sets a top-level `x-` extension (custom data Compose ignores, often a YAML anchor's home).
   *
   * @example
   * ```ts
   * Compose.create().extension('x-owner', { team: 'platform' });
   * // x-owner:
   * //   team: platform
   * ```
   */
  extension(key: `x-${string}`, value: unknown): Compose<T> {
    if (typeof key !== 'string' || !key.startsWith('x-')) throw new UsageError('compose/invalid-extension', `extension(${JSON.stringify(key)}): an extension key starts with "x-"`, "name it x-<something>, e.g. extension('x-owner', …)");
    return new Compose<T>({ ...this.#state, top: { ...this.#state.top, [key]: clone(value) } });
  }

  /**
   * Uses an `Env` declaration: services can pass its variables with `envVar(name)`, and
   * `envExampleModel()` gives the `.env.example` that lists them.
   *
   * @example
   * ```ts
   * const env = Env.create().var('NATS_URL', { default: 'nats://localhost:4222' });
   * Compose.create().env(env).service('api', (s) => s.image('api:1').envVar('NATS_URL'));
   * // services:
   * //   api:
   * //     image: api:1
   * //     environment:
   * //       NATS_URL: ${NATS_URL:-nats://localhost:4222}
   * ```
   */
  env<V extends string>(env: Env<V>): Compose<Set_<T, 'env', V>> {
    if (!Env.isEnv(env)) throw new UsageError('compose/invalid-env', 'env(…) expects an Env', 'pass Env.create().var(…)');
    return new Compose({ ...this.#state, env: env.toModel() }) as never;
  }

  /**
   * Deep-merges raw top-level data (`include`, `models`, `x-` extensions, anything new in the spec).
   * Calls accumulate by the one `$raw` rule (`mergeRawPatch`): objects merge key by key, lists and
   * scalars replace, the later call wins per key; `services` entries go to each service's `$raw`.
   *
   * @example
   * ```ts
   * Compose.create().$raw({ include: ['./monitoring/compose.yaml'], 'x-owner': 'platform' });
   * // include: [./monitoring/compose.yaml]
   * // x-owner: platform
   * ```
   */
  $raw(patch: Readonly<Record<string, unknown>>): Compose<T> {
    const { services, ...rest } = patch as Record<string, unknown>;
    // only the sections the patch touches are put back into plain objects to merge
    const touched = SECTIONS.filter((k) => k in rest);
    const sections = Object.fromEntries(Object.entries(this.#state.sections).filter(([k]) => touched.includes(k as Section)));
    const merged = mergeDeep(joinSections({ top: this.#state.top, sections }), rest) as Record<string, unknown>;
    const untouched = Object.fromEntries(Object.entries(this.#state.sections).filter(([k]) => !touched.includes(k as Section)));
    let next: Compose<T> = new Compose<T>({ ...this.#state, ...splitSections(merged, untouched) });
    if (isPlainObject(services)) {
      for (const [name, svc] of Object.entries(services)) next = next.service(name, (s) => s.$raw(svc as Record<string, unknown>)) as never;
    }
    return next;
  }

  /**
   * Applies `fn` when `condition` is true. Names `fn` adds are not in the result's type (they may be absent).
   *
   * @example
   * ```ts
   * compose.$if(withCache, (c) => c.service('cache', (s) => s.image('redis:7')));
   * // services: { cache: { image: redis:7 } }   # only when withCache
   * ```
   */
  $if(condition: boolean, fn: (c: this) => Compose<ComposeTypes>): Compose<T> {
    return (condition ? fn(this) : this) as Compose<T>;
  }

  /**
   * Applies `fn` (a preset, for example).
   *
   * @example
   * ```ts
   * compose.$call(addMonitoring);
   * // # whatever the preset writes
   * ```
   */
  $call<R>(fn: (c: this) => R): R {
    return fn(this);
  }

  /**
   * The service names, in order.
   *
   * @example
   * ```ts
   * compose.serviceNames();
   * // # ['postgres', 'api']
   * ```
   */
  serviceNames(): T['services'][] {
    return this.#state.services.keys() as T['services'][];
  }

  /**
   * The model: plain frozen data, keys in the model's order. `dir` is the compose file's folder from
   * the project root (build paths of Dockerfile refs are written relative to it).
   *
   * @example
   * ```ts
   * Compose.create().service('api', (s) => s.build(backendRef, { target: 'runtime' })).toModel({ dir: 'deploy' });
   * // services:
   * //   api:
   * //     build:
   * //       context: ../backend
   * //       dockerfile: Dockerfile
   * //       target: runtime
   * ```
   */
  toModel(options: ToModelOptions = {}): ComposeModel {
    const dir = options.dir ?? '.';
    const model: Record<string, unknown> = clone(joinSections(this.#state));
    let sites = this.#state.sites;
    if (this.#state.services.size > 0) {
      const services: Record<string, ServiceModel> = {};
      for (const [name, state] of this.#state.services.entries()) {
        sites = nestSites(sites, ['services', name], state.sites);
        let svc = resolveService(state, dir);
        if (options.variant === 'dev' && state.dev) svc = mergeOverride(svc, resolveService(state.dev, dir)) as ServiceModel;
        services[name] = svc;
      }
      model['services'] = services;
    }
    return withSources(withLayout(frozenModel(model as ComposeModel), this.#layout()), sites);
  }

  /** The parsed layout with the builder's comments over it. */
  #layout(): YamlLayout | undefined {
    const comments = this.#state.services.entries().flatMap(([name, state]) => (state.comment === undefined ? [] : [[['services', name], state.comment] as const]));
    const own = commentLayout(comments);
    const top = this.#state.comment === undefined ? own : { ...own, commentBefore: commentText(this.#state.comment) };
    return mergeLayouts(this.#state.layout, comments.length > 0 || this.#state.comment !== undefined ? top : undefined);
  }

  /**
   * The `compose.override.yaml` model: each service's `dev(…)` settings, or `undefined` when there
   * are none. Docker Compose merges it over `compose.yaml` on `docker compose up`; CI runs
   * `docker compose -f compose.yaml` without it.
   *
   * @example
   * ```ts
   * Compose.create().service('api', (s) => s.image('api:1').dev((d) => d.ports('8000:8000'))).overrideModel();
   * // services:
   * //   api:
   * //     ports:
   * //       - 8000:8000
   * ```
   */
  overrideModel(options: Pick<ToModelOptions, 'dir'> = {}): ComposeModel | undefined {
    const dir = options.dir ?? '.';
    const services: Record<string, ServiceModel> = {};
    for (const [name, state] of this.#state.services.entries()) if (state.dev) services[name] = resolveService(state.dev, dir);
    if (Object.keys(services).length === 0) return undefined;
    return frozenModel({ services });
  }

  /**
   * The `Env` model given to `.env(…)`, if any.
   *
   * @example
   * ```ts
   * Compose.create().env(env).envModel();
   * // # { vars: [{ name: 'DATABASE_URL', … }] }
   * ```
   */
  envModel(): EnvModel | undefined {
    return this.#state.env ? clone(this.#state.env) : undefined;
  }

  /**
   * The `.env.example` model for the variables of `.env(…)`, or `undefined` without one.
   *
   * @example
   * ```ts
   * synthEnvExample(compose.envExampleModel()!);
   * // # DATABASE_URL=postgresql://…  (as .env.example, not YAML)
   * ```
   */
  envExampleModel(): EnvExampleModel | undefined {
    return this.#state.env ? envExampleFromEnv(this.#state.env) : undefined;
  }

  /**
   * The YAML (without the marker), for `dir` `.`.
   *
   * @example
   * ```ts
   * Compose.create().service('db', (s) => s.image('postgres:16')).toString();
   * // services:
   * //   db:
   * //     image: postgres:16
   * ```
   */
  toString(): string {
    return synthCompose(this.toModel());
  }
}
