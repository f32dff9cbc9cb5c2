/**
 * `devstack import`: existing Dockerfiles (with their `.dockerignore`), compose files (with the
 * override beside them), workflows and composite actions → the `devstack.config.ts` that writes
 * them back. Reads models, never builders; emits TypeScript as text (no compiler at run time).
 * @module
 */
import { posix } from 'node:path';
import { SynthError } from '../core/errors.js';
import { errorsOf, type Issue } from '../core/issue.js';
import { parseCompose } from '../compose/parse.js';
import type { ComposeModel } from '../compose/model.js';
import { composeKind } from '../compose/kind.js';
import { parseDockerfile, parseDockerignore } from '../dockerfile/parse.js';
import type { DockerfileModel, DockerignoreModel } from '../dockerfile/model.js';
import { dockerfileKind } from '../dockerfile/index.js';
import { parseAction, parseWorkflow } from '../workflow/parse.js';
import { actionKind, workflowKind } from '../workflow/index.js';
import type { ActionModel, WorkflowModel } from '../workflow/model.js';
import { chainArg, code, data, fnCall, renderChain, type Arg, type Chain } from './code.js';
import { yamlComments } from './comments.js';
import { composeCode, type DockerfileBinding } from './compose.js';
import { ImportContext, type Escape } from './context.js';
import { dockerfileCode } from './dockerfile.js';
import { CommentTracker, commentLines, str, variableName, type CommentMap } from './literal.js';
import { actionCode, workflowCode } from './workflow.js';

export type { Escape } from './context.js';

/** A file to import: its path from the project root (with `/`) and its text. */
export interface ImportSource {
  readonly path: string;
  readonly text: string;
  /** The kind, when the name does not tell (a compose file named `dev.yaml`); default: {@link importKind}. */
  readonly kind?: ImportKind;
}

/** The kinds of file `devstack import` reads. */
export type ImportKind = 'dockerfile' | 'dockerignore' | 'compose' | 'workflow' | 'action';

/** A file the import left out, and why. */
export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

/** What {@link importFiles} returns: the config's text and what it did. */
export interface ImportResult {
  /** The `devstack.config.ts` text. */
  readonly source: string;
  /** The files the config writes back, by kind. */
  readonly files: readonly { readonly path: string; readonly kind: ImportKind }[];
  /** Where an escape hatch stands in for a typed method (each is marked in the code). */
  readonly escapes: readonly Escape[];
  /** Files not imported (a `.dockerignore` without a Dockerfile…). */
  readonly skipped: readonly Skipped[];
  /** Issues of the imported files that the config suppresses so `synth` accepts them (see the `lint` option). */
  readonly suppressed: readonly Issue[];
}

/** Options of {@link importFiles}. */
export interface ImportOptions {
  /** Whether a file exists in the project (to avoid taking over a hand-written `.env.example`). Default: none exists. */
  readonly exists?: (path: string) => boolean;
}

/**
 * The kind of a file by its path, or `undefined`.
 *
 * @example
 * ```ts
 * importKind('backend/Dockerfile'); // 'dockerfile'
 * importKind('.github/workflows/ci.yml'); // 'workflow'
 * ```
 */
export function importKind(path: string): ImportKind | undefined {
  const base = posix.basename(path);
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) || /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'workflow';
  if (/^action\.ya?ml$/.test(base)) return 'action';
  if (base === '.dockerignore' || base.endsWith('.dockerignore')) return 'dockerignore';
  if (/^(?:Dockerfile(?:\..+)?|.+\.[Dd]ockerfile)$/.test(base)) return 'dockerfile';
  if (/\.ya?ml$/.test(base) && /compose/i.test(base)) return 'compose';
  return undefined;
}

/** The override file the App writes beside a compose file (`dev(…)` settings). */
function overridePathOf(composePath: string): string {
  const dir = posix.dirname(composePath);
  return dir === '.' ? 'compose.override.yaml' : `${dir}/compose.override.yaml`;
}

function fail(issues: Issue[]): never {
  throw new SynthError(issues);
}

interface ParsedDockerfile {
  readonly path: string;
  readonly model: DockerfileModel;
  ignore?: { path: string; model: DockerignoreModel };
}

/**
 * Turns existing files into a `devstack.config.ts` whose `synth` writes them back (YAML: the same
 * data; Dockerfile: the same instructions, flags and arguments). Throws a {@link SynthError}
 * listing every file that cannot be read, before writing anything.
 *
 * @example
 * ```ts
 * const { source } = importFiles([{ path: 'Dockerfile', text: 'FROM node:22-slim\nUSER node\n' }]);
 * // import { App, Dockerfile } from 'devstack-kit';
 * //
 * // const app = new App();
 * //
 * // app.dockerfile('Dockerfile', Dockerfile.create().from('node:22-slim', (s) => s.user('node')));
 * //
 * // export default app;
 * ```
 */
export function importFiles(sources: readonly ImportSource[], options: ImportOptions = {}): ImportResult {
  const issues: Issue[] = [];
  const skipped: Skipped[] = [];
  const dockerfiles: ParsedDockerfile[] = [];
  const ignores: { path: string; model: DockerignoreModel }[] = [];
  const composes: { path: string; model: ComposeModel; comments: CommentMap }[] = [];
  const workflows: { path: string; model: WorkflowModel; comments: CommentMap }[] = [];
  const actions: { path: string; model: ActionModel; comments: CommentMap }[] = [];
  const seen = new Set<string>();
  for (const { path, text, kind: given } of sources) {
    if (seen.has(path)) continue;
    seen.add(path);
    const kind = given ?? importKind(path);
    const read = <M>(r: { model: M | undefined; issues: Issue[] }): M | undefined => {
      const errors = errorsOf(r.issues).map((i) => ({ ...i, file: i.file ?? path }));
      if (r.model === undefined || errors.length > 0) {
        issues.push(...(errors.length > 0 ? errors : [{ code: 'import/unreadable', severity: 'error' as const, message: 'the file could not be read', path: [], file: path }]));
        return undefined;
      }
      return r.model;
    };
    switch (kind) {
      case 'dockerfile': {
        const model = read(parseDockerfile(text, path));
        // two stages of one name cannot be written with stage() (and BuildKit rejects them): not importable
        const duplicate = model ? dockerfileKind.validate(model, { file: path }).filter((i) => i.code === 'docker/duplicate-stage') : [];
        if (duplicate.length > 0) issues.push(...duplicate.map((i) => ({ ...i, severity: 'error' as const, file: path })));
        else if (model) dockerfiles.push({ path, model });
        break;
      }
      case 'dockerignore': {
        const model = read(parseDockerignore(text, path));
        if (model) ignores.push({ path, model });
        break;
      }
      case 'compose': {
        const model = read(parseCompose(text, path));
        if (model) composes.push({ path, model, comments: new CommentTracker(yamlComments(text)) });
        break;
      }
      case 'workflow': {
        const model = read(parseWorkflow(text, path));
        if (model) workflows.push({ path, model, comments: new CommentTracker(yamlComments(text)) });
        break;
      }
      case 'action': {
        const model = read(parseAction(text, path));
        if (model) actions.push({ path, model, comments: new CommentTracker(yamlComments(text)) });
        break;
      }
      default:
        issues.push({
          code: 'import/unknown-kind',
          severity: 'error',
          message: 'not a Dockerfile, .dockerignore, compose file, workflow (.github/workflows/*.yml) or action (action.yml)',
          path: [],
          file: path,
          hint: 'name the file as Docker and GitHub expect (Dockerfile, compose.yaml, .github/workflows/ci.yml, action.yml), or leave it out',
        });
    }
  }
  if (issues.length > 0) fail(issues);

  // .dockerignore files go with the Dockerfile the App would write them for
  const perDir = new Map<string, number>();
  for (const d of dockerfiles) perDir.set(posix.dirname(d.path), (perDir.get(posix.dirname(d.path)) ?? 0) + 1);
  for (const ig of ignores) {
    const dir = posix.dirname(ig.path);
    const base = posix.basename(ig.path);
    const owner =
      base === '.dockerignore'
        ? perDir.get(dir) === 1
          ? dockerfiles.find((d) => posix.dirname(d.path) === dir)
          : undefined
        : (perDir.get(dir) ?? 0) > 1
          ? dockerfiles.find((d) => `${d.path}.dockerignore` === ig.path)
          : undefined;
    if (owner) owner.ignore = ig;
    else {
      skipped.push({
        path: ig.path,
        reason:
          base === '.dockerignore' && (perDir.get(dir) ?? 0) > 1
            ? `several Dockerfiles share ${dir === '.' ? 'the project folder' : dir}; the App writes a <Dockerfile>.dockerignore for each instead`
            : 'no imported Dockerfile uses it',
      });
    }
  }

  const ctx = new ImportContext();
  const statements: (string | (() => string))[] = [];
  const files: { path: string; kind: ImportKind }[] = [];
  const suppressed: Issue[] = [];
  const check = (kind: 'dockerfile' | 'compose' | 'workflow' | 'action', path: string, model: unknown) => {
    const handler = { dockerfile: dockerfileKind, compose: composeKind, workflow: workflowKind, action: actionKind }[kind] as { validate(m: unknown, c: { file: string }): Issue[] };
    suppressed.push(...errorsOf(handler.validate(model, { file: path })).map((i) => ({ ...i, file: path })));
  };

  // Dockerfiles a compose file builds are bound to a variable, so `build(ref, { target })` is typed.
  const composeDirs = composes.map((c) => posix.dirname(c.path));
  const bindings: DockerfileBinding[] = [];
  for (const d of dockerfiles) {
    const { chain, stages, healthchecked } = dockerfileCode(d.model, ctx, d.path, d.ignore?.model);
    check('dockerfile', d.path, d.model);
    files.push({ path: d.path, kind: 'dockerfile' });
    if (d.ignore) files.push({ path: d.ignore.path, kind: 'dockerignore' });
    const call = fnCall('app.dockerfile', [code(str(d.path)), chainArg(chain)]);
    if (composeDirs.length > 0) {
      // bound to a variable only when a compose service builds it by reference (known once the compose code is written)
      const variable = variableName(d.path === 'Dockerfile' ? 'dockerfile' : d.path.replace(/\/?Dockerfile$/, '').replace(/^\.\/?/, '') || 'dockerfile', ctx.names);
      bindings.push({ variable, path: d.path, context: posix.dirname(d.path), stages, healthchecked });
      statements.push(() => (referenced(variable) ? `const ${variable} = ${call.block(0)};` : `${call.block(0)};`));
    } else {
      statements.push(`${call.block(0)};`);
    }
  }
  const referenced = (variable: string): boolean => statements.some((st) => typeof st === 'string' && new RegExp(`\\.build\\(\\s*${variable}\\b`).test(st));

  const overrides = new Map<string, { path: string; model: ComposeModel; comments: CommentMap }>();
  for (const c of composes) if (posix.basename(c.path) === 'compose.override.yaml') overrides.set(c.path, c);
  const folded = new Set<string>();
  for (const c of composes) {
    if (folded.has(c.path) || overrides.has(c.path)) continue;
    const over = overrides.get(overridePathOf(c.path));
    const fold = over && canFold(c.model, over.model) && !composes.some((o) => o !== c && o !== over && overridePathOf(o.path) === over.path && posix.basename(o.path) !== 'compose.override.yaml');
    if (fold && over) folded.add(over.path);
  }
  const envDirs = new Set<string>();
  for (const c of composes) {
    if (folded.has(c.path)) continue;
    const over = [...folded].map((p) => overrides.get(p)!).find((o) => overridePathOf(c.path) === o.path && c.path !== o.path);
    const envExample = posix.dirname(c.path) === '.' ? '.env.example' : `${posix.dirname(c.path)}/.env.example`;
    // one .env.example per folder: a second compose file there keeps its values as strings
    const useEnv = !(options.exists?.(envExample) ?? false) && !envDirs.has(envExample);
    const envVariable = useEnv ? variableName(posix.dirname(c.path) === '.' ? 'env' : `${posix.dirname(c.path)} env`, new Set(ctx.names)) : undefined;
    const header = takeHeader(c.comments, c.model);
    const result = composeCode(
      {
        file: c.path,
        model: c.model,
        ...(over ? { override: over.model, overrideComments: over.comments } : {}),
        comments: c.comments,
        ...(envVariable !== undefined ? { envVariable } : {}),
        dockerfiles: bindings,
      },
      ctx,
    );
    check('compose', c.path, c.model);
    if (over) check('compose', over.path, over.model);
    files.push({ path: c.path, kind: 'compose' });
    if (over) files.push({ path: over.path, kind: 'compose' });
    if (result.env && envVariable !== undefined) {
      ctx.names.add(envVariable);
      envDirs.add(envExample);
      statements.push(`// Variables the compose file interpolates (\${NAME}); synth also writes ${envExample} listing them.\nconst ${envVariable} = ${renderChain(result.env.chain, 0)};`);
    }
    statements.push(`${fnCall('app.compose', [code(str(c.path)), chainArg(withHeader(result.chain, header))]).block(0)};`);
  }

  for (const w of workflows) {
    const header = takeHeader(w.comments, w.model);
    const { chain } = workflowCode(w.model, ctx, w.path, w.comments);
    check('workflow', w.path, w.model);
    files.push({ path: w.path, kind: 'workflow' });
    statements.push(`${fnCall('app.workflow', [code(str(w.path)), chainArg(withHeader(chain, header))]).block(0)};`);
  }
  for (const a of actions) {
    const header = takeHeader(a.comments, a.model, ['name', 'description']);
    const built = actionCode(a.model, ctx, a.path, a.comments);
    check('action', a.path, a.model);
    files.push({ path: a.path, kind: 'action' });
    if (built) {
      statements.push(`${fnCall('app.action', [code(str(a.path)), chainArg(withHeader(built.chain, header))]).block(0)};`);
    } else {
      const note = ctx.escape(a.path, '(the whole file)', 'app.add', 'not a composite action with a name and description: placed as a plain model');
      statements.push(`${headerLines(header)}// ${note}\n${fnCall("app.add", [code("'action'"), code(str(a.path)), data(a.model)]).block(0)};`);
    }
  }

  const appArgs: Arg[] = [];
  if (suppressed.length > 0) {
    const suppress = dedupe(suppressed).map((i) => ({ code: i.code, file: i.file, reason: `imported as written: ${i.message}` }));
    appArgs.push(data({ lint: { suppress } }));
  }
  ctx.use('devstack-kit', 'App');
  const appLine = `const app = ${fnCall('new App', appArgs).block(0)};`;
  const lines = [
    `// Imported by \`devstack import\` from ${files.length} file${files.length === 1 ? '' : 's'}. \`npx devstack synth\` writes them back;`,
    '// comments starting with "devstack import:" mark the places where no typed method exists yet.',
    ...ctx.importLines(),
    '',
    ...(suppressed.length > 0 ? ['// These files break rules that stop synth; each is suppressed until you fix it (see docs/rules.md).'] : []),
    appLine,
    '',
    ...statements.flatMap((st) => [typeof st === 'string' ? st : st(), '']),
    'export default app;',
    '',
  ];
  return { source: lines.join('\n'), files, escapes: ctx.escapes, skipped, suppressed };
}

/**
 * The comment at the top of a YAML file (before its first key, wherever the parser hung it), taken
 * out of `comments` so no other call repeats it: the builder's `comment(…)` writes it back there.
 */
function takeHeader(comments: CommentMap, model: unknown, more: readonly string[] = []): string | undefined {
  const first = typeof model === 'object' && model !== null ? Object.keys(model)[0] : undefined;
  const keys = [...new Set(['', ...(first !== undefined ? [first] : []), ...more])];
  const parts = keys.map((k) => comments.get(k)).filter((c): c is string => c !== undefined);
  for (const k of keys) (comments as Map<string, string>).delete(k);
  return parts.length === 0 ? undefined : parts.join('\n');
}

/** The chain with `comment(text)` as its first call (the file's top comment). */
function withHeader(chain: Chain, text: string | undefined): Chain {
  return text === undefined ? chain : { ...chain, calls: [{ name: 'comment', args: [code(str(text))] }, ...chain.calls] };
}

/** The comment at the top of a file placed as data (no builder): `//` lines above the statement. */
function headerLines(text: string | undefined): string {
  return text === undefined ? '' : `${commentLines(text, '').join('\n')}\n`;
}

function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}\n${i.file}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** An override file folds into `dev(…)` settings when it only overrides services of the base file. */
function canFold(base: ComposeModel, override: ComposeModel): boolean {
  const o = override as Record<string, unknown>;
  const services = (base as Record<string, unknown>).services as Record<string, unknown> | undefined;
  if (Object.keys(o).some((k) => k !== 'services')) return false;
  const over = o.services;
  if (typeof over !== 'object' || over === null || Array.isArray(over) || Object.keys(over).length === 0) return false;
  return Object.entries(over).every(([name, svc]) => services !== undefined && typeof services[name] === 'object' && services[name] !== null && typeof svc === 'object' && svc !== null && !Array.isArray(svc));
}
