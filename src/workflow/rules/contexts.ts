/**
 * Every expression checked against what it reads, as actionlint does: its syntax, its functions and
 * their argument counts, and the names it reads from `matrix`, `needs`, `steps`, `inputs` and (in
 * `on.workflow_call.outputs`) `jobs`. Only what is certain is reported: a matrix given as one
 * expression, a reusable workflow's outputs, or the outputs of an action devstack-kit has not typed
 * are unknown and never reported. GitHub compares every name case-insensitively, and so do these rules.
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import { defineRule, type Finding, type Rule } from '../../core/rule.js';
import { knownActionOutputs } from '../actions/index.js';
import { expressionSites, parseExpression, referencesIn, type ContextPath, type ExprSyntaxError, type ExpressionSite } from '../expressions.js';
import type { ActionModel, WorkflowModel } from '../model.js';
import { actionPlaceOf, CONTEXTS, FUNCTIONS, highestPlaceholder, jobOutputs, matrixKeys, Names, placeOf, STATUS, stepsScope, workflowInputs, type Place, type StepsScope } from './context-facts.js';
import { isNormalJob, jobsOf, needsList } from './walk.js';

/** The codes of this file, each with its own rule. */
type ContextCode =
  | 'invalid-expression' | 'unknown-function' | 'function-arity' | 'unavailable-context' | 'unknown-matrix-key' | 'needs-not-listed'
  | 'unknown-needs-output' | 'unknown-step' | 'unknown-step-output' | 'unknown-input' | 'unknown-job-output';


/** What an expression at one place may read; `undefined` means "not checked here". */
interface Scope {
  /** The matrix keys of the job, or `'unknown'` (a matrix or `include` given as one expression). */
  matrix?: Names | 'unknown';
  /** The job's `needs`, and the outputs each job declares (`undefined`: not known, a reusable-workflow call). */
  needs?: { listed: Names; outputs: (job: string) => Names | undefined | 'missing' };
  /** Step ids that have run before this place, and every step id of the job (with its step). */
  steps?: StepsScope;
  /** Declared inputs, or `'unknown'`. */
  inputs?: Names | 'unknown';
  /** Jobs of the workflow with their declared outputs (only in `on.workflow_call.outputs`). */
  jobs?: Map<string, Names | undefined>;
  /** In a job's `if:`, `success()` and `failure()` take job names. */
  jobIf?: boolean;
  /** The contexts and functions GitHub offers at this place (`undefined`: not judged). */
  allowed?: Place;
}


type Found = Finding & { readonly code: ContextCode };

const nameOf = (s: ContextPath['segments'][number] | undefined): string | undefined => (s !== undefined && 'name' in s ? s.name : undefined);
const written = (p: ContextPath, n: number): string => [p.context, ...p.segments.slice(0, n).map((s) => ('name' in s ? s.name : 'star' in s ? '*' : '[…]'))].join('.');

type Analysis = { error: ExprSyntaxError } | (ReturnType<typeof referencesIn> & { error?: undefined });
const ANALYZED = new Map<string, Analysis>();
/**
 * An expression parsed and its references listed, remembered by its source (parsing is pure, and
 * each rule of this file reads every expression of a model): a workflow repeats the same expressions
 * many times. The memory is bounded: it starts over past 20,000 sources.
 */
function analyze(source: string): Analysis {
  let found = ANALYZED.get(source);
  if (found === undefined) {
    const parsed = parseExpression(source);
    found = parsed.error ? { error: parsed.error } : referencesIn(parsed.node);
    if (ANALYZED.size >= 20_000) ANALYZED.clear();
    ANALYZED.set(source, found);
  }
  return found;
}

/** Checks one expression against its scope. */
function checkSite(site: ExpressionSite, scope: Scope | undefined, out: Found[]): void {
  const { source, path } = site;
  const where = `\`${source.length > 80 ? `${source.slice(0, 77)}…` : source}\``;
  const parsed = analyze(source);
  if (parsed.error) {
    out.push({ code: 'invalid-expression', path, message: `${where} is not a valid expression: ${parsed.error.message} (at character ${parsed.error.at + 1})`, hint: 'strings are single-quoted, comparisons use == and !=, and properties are read with a.b or a[\'b\']' });
    return;
  }
  const { paths, calls } = parsed;
  for (const call of calls) {
    const fn = FUNCTIONS.get(call.name.toLowerCase());
    const n = call.args.length;
    if (!fn) {
      const near = new Names([...FUNCTIONS.values()].map((f) => f.name)).hint(call.name, '');
      out.push({ code: 'unknown-function', path, message: `${where} calls ${call.name}(), which is not a function of GitHub's expression language`, hint: near || 'the functions are contains, startsWith, endsWith, format, join, toJSON, fromJSON, hashFiles, case, success, always, cancelled and failure' });
      continue;
    }
    const allowed = scope?.allowed;
    if (allowed && ((STATUS.has(fn.name) && !allowed.status) || (fn.name === 'hashFiles' && !allowed.hashFiles))) {
      out.push({ code: 'unavailable-context', path, message: `${where} calls ${fn.name}(), which GitHub does not offer in ${allowed.name} (Unrecognized function)`, hint: STATUS.has(fn.name) ? `${fn.name}() belongs in a job's or a step's if:` : 'hashFiles() works in a step\'s fields; compute the hash in a step and pass it on as an output' });
      continue;
    }
    const max = scope?.jobIf && (fn.name === 'success' || fn.name === 'failure') ? Number.MAX_SAFE_INTEGER : fn.max;
    const problem = n < fn.min ? `at least ${fn.min}` : n > max ? (max === 0 ? 'none' : `at most ${max}`) : fn.name === 'case' && n % 2 === 0 ? 'an odd number (pairs of condition and value, then a default)' : undefined;
    if (problem) out.push({ code: 'function-arity', path, message: `${where} calls ${fn.name}() with ${n} argument${n === 1 ? '' : 's'}; it takes ${problem}`, hint: `${fn.name}(${fn.min === 0 ? '' : fn.name === 'case' ? 'condition, value, default' : Array.from({ length: fn.min }, (_, i) => `arg${i + 1}`).join(', ')})` });
    const template = fn.name === 'format' ? call.args[0] : undefined;
    if (template?.kind === 'literal' && typeof template.value === 'string') {
      const highest = highestPlaceholder(template.value);
      if (highest !== undefined && highest >= n - 1) {
        out.push({ code: 'function-arity', path, message: `${where}: the format string reads {${highest}}, but only ${n - 1} value${n === 2 ? ' follows' : 's follow'} it (GitHub fails the step: "references more arguments than were supplied")`, hint: `pass ${highest + 1} value${highest === 0 ? '' : 's'} after the format string` });
      }
    }
  }
  for (const p of paths) {
    const context = p.context.toLowerCase();
    if (!CONTEXTS.has(context)) {
      out.push({ code: 'invalid-expression', path, message: `${where} reads "${p.context}", which is not a context (Unrecognized named-value)`, hint: `the contexts are ${[...CONTEXTS].join(', ')}; a string is written in single quotes: '${p.context}'` });
      continue;
    }
    if (scope?.allowed && !scope.allowed.contexts.includes(context)) {
      out.push({ code: 'unavailable-context', path, message: `${where} reads "${p.context}", which GitHub does not offer in ${scope.allowed.name} (Unrecognized named-value)`, hint: `${scope.allowed.name} can read ${scope.allowed.contexts.join(', ')}` });
      continue;
    }
    if (scope) checkPath(p, context, scope, where, path, out);
  }
}

function checkPath(p: ContextPath, context: string, scope: Scope, where: string, path: IssuePath, out: Found[]): void {
  const first = nameOf(p.segments[0]);
  const second = nameOf(p.segments[1]);
  const third = nameOf(p.segments[2]);
  if (first === undefined) return; // `matrix`, `toJSON(needs)`, `steps[inputs.id]`, `needs.*`: not one name
  if (context === 'matrix' && scope.matrix && scope.matrix !== 'unknown' && !scope.matrix.has(first)) {
    const none = scope.matrix.size === 0;
    out.push({
      code: 'unknown-matrix-key', path,
      message: none ? `${where} reads matrix.${first}, but the job has no matrix` : `${where} reads matrix.${first}, but the job's matrix has no key "${first}" (it has ${scope.matrix.list()})`,
      hint: scope.matrix.hint(first, 'add strategy: { matrix: { … } } to the job, or read another context'),
    });
  }
  if (context === 'needs' && scope.needs) {
    if (!scope.needs.listed.has(first)) {
      out.push({ code: 'needs-not-listed', path, message: `${where} reads needs.${first}, but the job does not list "${first}" in needs: (needs.${first} is empty)`, hint: `add "${first}" to the job's needs${scope.needs.listed.size ? ` (it needs ${scope.needs.listed.list()})` : ''}` });
      return;
    }
    const outputs = scope.needs.outputs(first);
    if (outputs === 'missing') return; // workflow/unknown-needs reports it
    if (second !== undefined && second.toLowerCase() !== 'outputs' && second.toLowerCase() !== 'result') {
      out.push({ code: 'unknown-needs-output', path, message: `${where} reads ${written(p, 2)}, but needs.<job> has only "outputs" and "result"`, hint: `needs.${first}.outputs.<name> or needs.${first}.result` });
    } else if (second?.toLowerCase() === 'outputs' && third !== undefined && outputs !== undefined && !outputs.has(third)) {
      out.push({ code: 'unknown-needs-output', path, message: `${where} reads needs.${first}.outputs.${third}, but job "${first}" declares no output "${third}"${outputs.size ? ` (it has ${outputs.list()})` : ' (it declares no outputs)'}`, hint: outputs.hint(third, `add outputs: { ${third}: \${{ steps.<id>.outputs.${third} }} } to job "${first}"`) });
    }
  }
  if (context === 'steps' && scope.steps) {
    const { before, later, all, uncertain } = scope.steps;
    if (!before.has(first)) {
      if (uncertain.has(first)) return; // a sibling in a parallel group
      out.push({
        code: 'unknown-step', path,
        message: later.has(first) ? `${where} reads steps.${first}, but that step has not run yet here (steps.${first} is empty)` : `${where} reads steps.${first}, but no step before it has id "${first}"`,
        hint: later.has(first) ? `move the step with id "${later.get(first)}" before this one` : before.hint(first, `give the step that writes it id: ${first}`),
      });
      return;
    }
    const step = all.get(first.toLowerCase());
    if (second !== undefined && !['outputs', 'outcome', 'conclusion'].includes(second.toLowerCase())) {
      out.push({ code: 'unknown-step-output', path, message: `${where} reads ${written(p, 2)}, but steps.<id> has only "outputs", "outcome" and "conclusion"`, hint: `steps.${first}.outputs.<name>` });
    } else if (second?.toLowerCase() === 'outputs' && third !== undefined && typeof step?.uses === 'string') {
      const known = knownActionOutputs(step.uses);
      const names = known ? new Names(known) : undefined;
      if (names && !names.has(third)) {
        out.push({ code: 'unknown-step-output', path, message: `${where} reads steps.${first}.outputs.${third}, but ${step.uses} has no output "${third}"${names.size ? ` (it has ${names.list()})` : ' (it has none)'}`, hint: names.hint(third, 'the action has no outputs') });
      }
    }
  }
  if (context === 'inputs' && scope.inputs && scope.inputs !== 'unknown' && !scope.inputs.has(first)) {
    out.push({ code: 'unknown-input', path, message: `${where} reads inputs.${first}, but no input "${first}" is declared${scope.inputs.size ? ` (the inputs are ${scope.inputs.list()})` : ''}`, hint: scope.inputs.hint(first, `declare it: inputs: { ${first}: { … } }`) });
  }
  if (context === 'jobs' && scope.jobs) {
    const job = [...scope.jobs.keys()].find((k) => k.toLowerCase() === first.toLowerCase());
    if (job === undefined) {
      out.push({ code: 'unknown-job-output', path, message: `${where} reads jobs.${first}, but the workflow has no job "${first}"`, hint: new Names(scope.jobs.keys()).hint(first, 'add the job') });
      return;
    }
    const outputs = scope.jobs.get(job);
    if (second !== undefined && second.toLowerCase() !== 'outputs' && second.toLowerCase() !== 'result') {
      out.push({ code: 'unknown-job-output', path, message: `${where} reads ${written(p, 2)}, but jobs.<id> has only "outputs" and "result"`, hint: `jobs.${first}.outputs.<name>` });
    } else if (second?.toLowerCase() === 'outputs' && third !== undefined && outputs !== undefined && !outputs.has(third)) {
      out.push({ code: 'unknown-job-output', path, message: `${where} reads jobs.${first}.outputs.${third}, but job "${job}" declares no output "${third}"${outputs.size ? ` (it has ${outputs.list()})` : ''}`, hint: outputs.hint(third, `add outputs: { ${third}: … } to job "${job}"`) });
    }
  }
}


/** Every finding of the context checks on a workflow. */
function workflowFindings(model: WorkflowModel): Found[] {
  const out: Found[] = [];
  const inputs = workflowInputs(model);
  const jobs = new Map(jobsOf(model));
  const outputsOf = new Map([...jobs].map(([id, job]) => [id.toLowerCase(), jobOutputs(job)]));
  const perJob = new Map<string, { matrix: Names | 'unknown'; needs: NonNullable<Scope['needs']> }>();
  for (const [id, job] of jobs) {
    const listed = new Names(needsList(job));
    perJob.set(id, {
      matrix: matrixKeys(job),
      needs: { listed, outputs: (name) => (outputsOf.has(name.toLowerCase()) ? outputsOf.get(name.toLowerCase()) : 'missing') },
    });
  }
  const stepScopes = new Map<string, StepsScope>();
  for (const site of expressionSites(model)) {
    const [top, jobId, field, index] = site.path;
    if (top === '$raw' || (top === 'jobs' && site.path.includes('$raw'))) {
      checkSite(site, undefined, out); // raw content: syntax and functions only
      continue;
    }
    if (top === 'name') continue; // the workflow's name is not evaluated
    if (top === 'on') {
      // only the values of workflow_call outputs are expressions under `on:`; they read `jobs`
      const allowed = placeOf(site.path, false);
      if (site.path[1] === 'workflow_call' && site.path[2] === 'outputs' && site.path[4] === 'value') {
        checkSite(site, { jobs: new Map([...jobs].map(([id, job]) => [id, jobOutputs(job)])), inputs, ...(allowed ? { allowed } : {}) }, out);
      } else if (allowed) checkSite(site, { inputs, allowed }, out);
      continue;
    }
    if (top !== 'jobs' || typeof jobId !== 'string') {
      const allowed = placeOf(site.path, false);
      checkSite(site, { inputs, ...(allowed ? { allowed } : {}) }, out); // run-name, env, concurrency, defaults
      continue;
    }
    const job = jobs.get(jobId);
    const facts = perJob.get(jobId);
    if (!job || !facts) continue;
    const scope: Scope = { inputs, needs: facts.needs };
    const allowed = placeOf(site.path, !isNormalJob(job));
    if (allowed) scope.allowed = allowed;
    // the matrix is not there yet in the job's `if:` and `strategy:`
    if (field !== 'if' && field !== 'strategy') scope.matrix = facts.matrix;
    if (field === 'if') scope.jobIf = true;
    if (field === 'steps' && typeof index === 'number' && isNormalJob(job)) {
      const key = `${jobId}\u0000${index}\u0000${site.path[4] === 'parallel'}`;
      let steps = stepScopes.get(key);
      if (!steps) stepScopes.set(key, (steps = stepsScope(job.steps, index, site.path[4] === 'parallel')));
      scope.steps = steps;
    }
    checkSite(site, scope, out);
  }
  return out;
}

/** Every finding of the context checks on an action (composite steps, outputs, and the `runs:` of node and docker actions). */
function actionFindings(model: ActionModel): Found[] {
  const out: Found[] = [];
  const inputs = new Names(Object.keys(model.inputs ?? {}));
  const steps = model.runs && 'steps' in model.runs && Array.isArray(model.runs.steps) ? model.runs.steps : [];
  for (const site of expressionSites({ runs: model.runs, outputs: model.outputs })) {
    const [top, field, index] = site.path;
    if (site.path.includes('$raw')) {
      checkSite(site, undefined, out);
      continue;
    }
    const scope: Scope = { inputs };
    const allowed = actionPlaceOf(site.path);
    if (allowed) scope.allowed = allowed;
    if (top === 'outputs') scope.steps = stepsScope(steps, undefined, false);
    else if (field === 'steps' && typeof index === 'number') scope.steps = stepsScope(steps, index, site.path[3] === 'parallel');
    checkSite(site, scope, out);
  }
  return out;
}

interface ContextRuleInfo {
  readonly code: ContextCode;
  readonly summary: string;
  readonly fix: string;
}

/**
 * One code of this file as a workflow rule and as an action rule. Each rule walks the model itself
 * (a model is plain data a caller may change between two validations, so nothing is kept per model);
 * the expensive part, parsing, is remembered by source.
 */
function contextRule(info: ContextRuleInfo): { workflow: Rule<WorkflowModel>; action: Rule<ActionModel> } {
  const base = { code: `workflow/${info.code}`, severity: 'error' as const, summary: info.summary, fix: info.fix };
  const pick = function* (found: Found[]): Generator<Finding> {
    for (const { code, ...f } of found) if (code === info.code) yield f;
  };
  return {
    workflow: defineRule<WorkflowModel>({ ...base, check: (model) => pick(workflowFindings(model)) }),
    action: defineRule<ActionModel>({ ...base, check: (model) => pick(actionFindings(model)) }),
  };
}

const RULES = {
  invalidExpression: contextRule({
    code: 'invalid-expression',
    summary: 'An expression is not valid GitHub expression syntax (a `"double-quoted"` string, `=` for `==`, an unknown context name, an empty `${{ }}`…), so GitHub rejects the workflow.',
    fix: 'Write strings in single quotes (`\'main\'`), compare with `==`, and read one of the contexts (`github`, `env`, `vars`, `matrix`, `needs`, `steps`, `inputs`, …).',
  }),
  unknownFunction: contextRule({
    code: 'unknown-function',
    summary: 'An expression calls a function GitHub\'s expression language does not have (`${{ lower(x) }}`), so GitHub rejects the workflow.',
    fix: 'Use one of `contains`, `startsWith`, `endsWith`, `format`, `join`, `toJSON`, `fromJSON`, `hashFiles`, `case`, `success`, `always`, `cancelled`, `failure` (check the spelling).',
  }),
  functionArity: contextRule({
    code: 'function-arity',
    summary: 'A function is called with too few or too many arguments (`contains(a)`, `success(x)` in a step), so GitHub rejects the workflow.',
    fix: 'Pass the arguments the function takes: `contains(search, item)`, `startsWith(s, prefix)`, `join(list, sep?)`, `hashFiles(pattern, …)`.',
  }),
  unavailableContext: contextRule({
    code: 'unavailable-context',
    summary: 'An expression reads a context, or calls a function, that GitHub does not offer at that place (`env` or `matrix` in a job\'s `if:`, `secrets` in a step\'s `if:`, `success()` in a `run:`), so GitHub rejects the workflow.',
    fix: 'Read the value where it is offered (a job\'s `if:` reads `github`, `inputs`, `vars` and `needs`; a step\'s `if:` everything but `secrets`): pass a secret through `env:` and test `env.X` in the step\'s `if:`.',
  }),
  unknownMatrixKey: contextRule({
    code: 'unknown-matrix-key',
    summary: 'An expression reads `matrix.<key>` that the job\'s matrix does not define (neither a key nor an `include` entry), so it is always empty.',
    fix: 'Use a key the matrix defines (check its spelling), or add it to `strategy.matrix`.',
  }),
  needsNotListed: contextRule({
    code: 'needs-not-listed',
    summary: 'An expression reads `needs.<job>` for a job that is not in this job\'s `needs:`, so it is always empty.',
    fix: 'Add the job to `needs:` (only the jobs listed there, not their own needs, are in the `needs` context).',
  }),
  unknownNeedsOutput: contextRule({
    code: 'unknown-needs-output',
    summary: 'An expression reads `needs.<job>.outputs.<name>` that the job does not declare under `outputs:` (or a property other than `outputs` and `result`), so it is always empty.',
    fix: 'Read an output the job declares, or declare it there: `outputs: { tags: ${{ steps.meta.outputs.tags }} }`.',
  }),
  unknownStep: contextRule({
    code: 'unknown-step',
    summary: 'A step reads `steps.<id>` of a step that does not come before it in the job (no such id, the step itself, or a later one), so it is always empty.',
    fix: 'Give the step that produces the value that `id:`, and put it before the step that reads it.',
  }),
  unknownStepOutput: contextRule({
    code: 'unknown-step-output',
    summary: 'An expression reads an output a typed action does not have (`steps.checkout.outputs.sha` of `actions/checkout`), or a property other than `outputs`, `outcome` and `conclusion`.',
    fix: 'Use one of the action\'s outputs (listed in the message); a `run:` step\'s outputs are never reported.',
  }),
  unknownInput: contextRule({
    code: 'unknown-input',
    summary: 'An expression reads `inputs.<name>` that the workflow (`workflow_call`, `workflow_dispatch`) or the composite action does not declare, so it is always empty.',
    fix: 'Declare the input (`on: { workflow_dispatch: { inputs: { name: … } } }`, or `inputs:` of the action), or fix its spelling.',
  }),
  unknownJobOutput: contextRule({
    code: 'unknown-job-output',
    summary: 'A `workflow_call` output reads `jobs.<id>.outputs.<name>` of a job that does not exist or does not declare that output, so the caller gets an empty value.',
    fix: 'Point the output at a job of this workflow and an output that job declares under `outputs:`.',
  }),
};

/** `workflow/invalid-expression` */
export const invalidExpression = RULES.invalidExpression.workflow;
/** `workflow/unknown-function` */
export const unknownFunction = RULES.unknownFunction.workflow;
/** `workflow/function-arity` */
export const functionArity = RULES.functionArity.workflow;
/** `workflow/unavailable-context` */
export const unavailableContext = RULES.unavailableContext.workflow;
/** `workflow/unknown-matrix-key` */
export const unknownMatrixKey = RULES.unknownMatrixKey.workflow;
/** `workflow/needs-not-listed` */
export const needsNotListed = RULES.needsNotListed.workflow;
/** `workflow/unknown-needs-output` */
export const unknownNeedsOutput = RULES.unknownNeedsOutput.workflow;
/** `workflow/unknown-step` */
export const unknownStep = RULES.unknownStep.workflow;
/** `workflow/unknown-step-output` */
export const unknownStepOutput = RULES.unknownStepOutput.workflow;
/** `workflow/unknown-input` */
export const unknownInput = RULES.unknownInput.workflow;
/** `workflow/unknown-job-output` */
export const unknownJobOutput = RULES.unknownJobOutput.workflow;

/**
 * The context checks as workflow rules, in the order they report.
 *
 * @example
 * ```ts
 * runRules(contextRules, { on: 'push', jobs: { t: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo ${{ matrix.os }}' }] } } }, {});
 * // [{ code: 'workflow/unknown-matrix-key', path: ['jobs', 't', 'steps', 0, 'run'], … }]
 * ```
 */
export const contextRules: readonly Rule<WorkflowModel>[] = Object.values(RULES).map((r) => r.workflow);

/**
 * The context checks on an action: syntax, functions, `inputs.<name>` against the action's
 * inputs, and `steps.<id>` in its composite steps and outputs.
 *
 * @example
 * ```ts
 * runRules(actionContextRules, actionModel, { file: 'action.yml' });
 * // [{ code: 'workflow/unknown-input', path: ['runs', 'steps', 0, 'run'], … }]
 * ```
 */
export const actionContextRules: readonly Rule<ActionModel>[] = Object.values(RULES).map((r) => r.action);

