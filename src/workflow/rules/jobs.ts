/**
 * Rules about jobs: timeouts, matrices, outputs, step ids, cron, and the `needs` graph.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import { knownActionOutputs } from '../actions/index.js';
import { expressionsIn, parseExpression, referencesIn } from '../expressions.js';
import { WORKFLOW_EVENTS, type WorkflowModel } from '../model.js';
import { distance } from '../validate.js';
import { expressionsOf, isNormalJob, jobsOf, needsList, stepsOfJob } from './walk.js';

/** `workflow/missing-timeout` */
export const missingTimeout = defineRule<WorkflowModel>({
  code: 'workflow/missing-timeout',
  severity: 'warning',
  summary: 'A job has no `timeout-minutes`, so a hung step burns runner time for 6 hours.',
  fix: 'Set `timeout-minutes` to a little more than the job usually takes: `job.timeout(15)`.',
  *check(model) {
    for (const [id, job] of jobsOf(model)) {
      if (isNormalJob(job) && job['timeout-minutes'] === undefined) {
        yield { path: ['jobs', id], message: `job "${id}" has no timeout-minutes (the default is 360)`, hint: 'add timeout-minutes: 15 (or what the job needs)' };
      }
    }
  },
});

/** `workflow/unused-matrix-key` */
export const unusedMatrixKey = defineRule<WorkflowModel>({
  code: 'workflow/unused-matrix-key',
  severity: 'warning',
  summary: 'A matrix key is never used as `matrix.<key>`, so its runs are identical.',
  fix: 'Use the key (`${{ matrix.python }}`) in the job, or remove it from the matrix.',
  *check(model) {
    for (const [id, job] of jobsOf(model)) {
      const matrix = job.strategy?.matrix;
      if (typeof matrix !== 'object' || matrix === null) continue;
      const { strategy: _s, ...rest } = job as Record<string, unknown>;
      // the keys read as matrix.<key> or matrix['<key>'] (case-insensitive, as GitHub reads them)
      const used = new Set<string>();
      let whole = false; // toJSON(matrix), matrix[inputs.key]: every key may be read
      for (const source of expressionsOf(rest, ['jobs', id])) {
        const parsed = parseExpression(source);
        if (!parsed.node) continue;
        for (const p of referencesIn(parsed.node).paths) {
          if (p.context.toLowerCase() !== 'matrix') continue;
          const first = p.segments[0];
          if (first !== undefined && 'name' in first) used.add(first.name.toLowerCase());
          else whole = true;
        }
      }
      if (whole) continue;
      for (const key of Object.keys(matrix)) {
        if (key === 'include' || key === 'exclude' || used.has(key.toLowerCase())) continue;
        yield { path: ['jobs', id, 'strategy', 'matrix', key], message: `matrix key "${key}" is never used in job "${id}"`, hint: `use \${{ matrix.${key} }} or remove the key` };
      }
    }
  },
});

/** `workflow/unset-job-output` */
export const unsetJobOutput = defineRule<WorkflowModel>({
  code: 'workflow/unset-job-output',
  severity: 'error',
  summary: 'A job output reads a step that does not exist, or an output its action does not have (a warning when a `run:` script does not seem to write it).',
  fix: 'Point the output at a step id that exists, and make that step write the output (`echo "name=value" >> "$GITHUB_OUTPUT"`).',
  *check(model) {
    for (const [id, job] of jobsOf(model)) {
      if (!isNormalJob(job) || !job.outputs) continue;
      const steps = stepsOfJob(id, job);
      for (const [name, value] of Object.entries(job.outputs)) {
        for (const source of expressionsIn(String(value))) {
          const parsed = parseExpression(source);
          if (!parsed.node) continue; // workflow/invalid-expression reports it
          for (const ref of referencesIn(parsed.node).paths) {
            // steps.<id>.outputs.<name>, in any case and in bracket form, as GitHub reads it
            const [idSeg, outputsSeg, outputSeg] = ref.segments;
            if (ref.context.toLowerCase() !== 'steps' || !idSeg || !('name' in idSeg)) continue;
            if (!outputsSeg || !('name' in outputsSeg) || outputsSeg.name.toLowerCase() !== 'outputs' || !outputSeg || !('name' in outputSeg)) continue;
            const stepId = idSeg.name;
            const output = outputSeg.name;
            const path = ['jobs', id, 'outputs', name];
            const found = steps.find((s) => typeof s.step.id === 'string' && s.step.id.toLowerCase() === stepId.toLowerCase());
            if (!found) {
              yield { path, message: `output "${name}" reads steps.${stepId}, but job "${id}" has no step with id "${stepId}"`, hint: `give the step id: ${stepId}` };
              continue;
            }
            const { step } = found;
            if (typeof step.run === 'string') {
              const sets = new RegExp(`(^|[^\\w-])${output.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}=|GITHUB_OUTPUT`, 'i').test(step.run) && step.run.toLowerCase().includes(output.toLowerCase());
              // a script may write the output through a program it runs, so this reading is a guess
              if (!sets) yield { path, message: `output "${name}" reads steps.${stepId}.outputs.${output}, but that script does not write "${output}" itself`, hint: `add: echo "${output}=…" >> "$GITHUB_OUTPUT"`, severity: 'warning' };
            } else if (typeof step.uses === 'string') {
              const known = knownActionOutputs(step.uses);
              if (known && !known.some((k) => k.toLowerCase() === output.toLowerCase())) {
                yield { path, message: `output "${name}" reads steps.${stepId}.outputs.${output}, but ${step.uses} has no output "${output}" (it has ${known.join(', ') || 'none'})`, hint: 'use one of the action\'s outputs' };
              }
            }
          }
        }
      }
    }
  },
});

/** `workflow/duplicate-step-id` */
export const duplicateStepId = defineRule<WorkflowModel>({
  code: 'workflow/duplicate-step-id',
  severity: 'error',
  summary: 'Two steps of one job have the same `id`.',
  fix: 'Give each step a unique id within its job.',
  *check(model) {
    for (const [id, job] of jobsOf(model)) {
      const seen = new Set<string>();
      for (const { step, path } of stepsOfJob(id, job)) {
        if (typeof step.id !== 'string') continue;
        if (seen.has(step.id)) yield { path: [...path, 'id'], message: `step id "${step.id}" is used twice in job "${id}"`, hint: 'rename one of the steps' };
        seen.add(step.id);
      }
    }
  },
});

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];

/**
 * Checks a POSIX cron line as GitHub reads it; returns what is wrong, or `undefined`.
 *
 * @example
 * ```ts
 * cronProblem('0 6 * * 1-5'); // undefined
 * cronProblem('0 24 * * *');  // 'hour: 24 is out of range 0-23'
 * ```
 */
export function cronProblem(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i]!;
    const value = (v: string): number | undefined => {
      const n = f.names?.indexOf(v.toUpperCase()) ?? -1;
      if (n >= 0) return f.names === MONTHS ? n + 1 : n;
      return /^\d+$/.test(v) ? Number(v) : undefined;
    };
    for (const item of parts[i]!.split(',')) {
      const m = /^(\*|([^-/]+)(?:-([^-/]+))?)(?:\/(\d+))?$/.exec(item);
      if (!m) return `${f.name}: "${item}" is not a number, range, list or step`;
      if (m[4] !== undefined && Number(m[4]) === 0) return `${f.name}: a step of 0 never advances`;
      if (m[1] === '*') continue;
      for (const v of [m[2], m[3]]) {
        if (v === undefined) continue;
        const n = value(v);
        if (n === undefined) return `${f.name}: "${v}" is not a number${f.names ? ' or a name' : ''}`;
        if (n < f.min || n > f.max) return `${f.name}: ${n} is out of range ${f.min}-${f.max}`;
      }
      if (m[3] !== undefined && (value(m[2]!) ?? 0) > (value(m[3]) ?? 0)) return `${f.name}: the range ${m[2]}-${m[3]} runs backwards`;
    }
  }
  return undefined;
}

/** `workflow/invalid-cron` */
export const invalidCron = defineRule<WorkflowModel>({
  code: 'workflow/invalid-cron',
  severity: 'error',
  summary: 'A `schedule` cron line is not valid POSIX cron.',
  fix: 'Write five fields: minute (0-59) hour (0-23) day-of-month (1-31) month (1-12) day-of-week (0-6): `30 5 * * 1-5`.',
  *check(model) {
    const on = model.on;
    if (typeof on !== 'object' || Array.isArray(on) || !Array.isArray(on.schedule)) return;
    for (const [i, entry] of on.schedule.entries()) {
      const problem = typeof entry?.cron === 'string' ? cronProblem(entry.cron) : 'cron is missing';
      if (problem) yield { path: ['on', 'schedule', i, 'cron'], message: `"${entry?.cron}" — ${problem}`, hint: 'e.g. "30 5 * * 1-5" (05:30 UTC on weekdays)' };
    }
  },
});

/** `workflow/unknown-needs` */
export const unknownNeeds = defineRule<WorkflowModel>({
  code: 'workflow/unknown-needs',
  severity: 'error',
  summary: 'A job `needs` a job that does not exist.',
  fix: 'Use the id of a job in this workflow (check its spelling).',
  *check(model) {
    const ids = new Set(jobsOf(model).map(([id]) => id));
    for (const [id, job] of jobsOf(model)) {
      for (const need of needsList(job)) {
        if (!ids.has(need)) {
          const close = [...ids].filter((x) => x.toLowerCase() === need.toLowerCase() || x.startsWith(need.slice(0, 3)));
          yield { path: ['jobs', id, 'needs'], message: `job "${id}" needs "${need}", which is not a job of this workflow`, hint: close.length ? `did you mean "${close[0]}"?` : `jobs: ${[...ids].join(', ')}` };
        }
      }
    }
  },
});

/** `workflow/needs-cycle` */
export const needsCycle = defineRule<WorkflowModel>({
  code: 'workflow/needs-cycle',
  severity: 'error',
  summary: 'Jobs need each other in a cycle, so none of them can start.',
  fix: 'Remove one of the `needs` edges in the cycle.',
  *check(model) {
    const graph = new Map(jobsOf(model).map(([id, job]) => [id, needsList(job)]));
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    const cycles: string[][] = [];
    const visit = (id: string, stack: string[]) => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(id)), id];
        const key = [...new Set(cycle)].sort().join(',');
        if (!reported.has(key)) (reported.add(key), cycles.push(cycle));
        return;
      }
      state.set(id, 'visiting');
      for (const next of graph.get(id) ?? []) if (graph.has(next)) visit(next, [...stack, id]);
      state.set(id, 'done');
    };
    for (const id of graph.keys()) visit(id, []);
    for (const cycle of cycles) {
      yield { path: ['jobs', cycle[0]!, 'needs'], message: `the jobs need each other in a cycle: ${cycle.join(' → ')}`, hint: 'remove one of these needs' };
    }
  },
});

/** The known event a name most likely misspells (same letters in another case, or 1–2 edits away). */
function misspelledEvent(name: string): string | undefined {
  if ((WORKFLOW_EVENTS as readonly string[]).includes(name)) return undefined;
  let best: string | undefined;
  let bestD = 3;
  for (const e of WORKFLOW_EVENTS) {
    const d = e === name.toLowerCase() ? 0 : distance(name.toLowerCase(), e);
    if (d < bestD) (best = e), (bestD = d);
  }
  return best;
}

/** `workflow/unknown-event` */
export const unknownEvent = defineRule<WorkflowModel>({
  code: 'workflow/unknown-event',
  severity: 'warning',
  summary: 'An event name in `on:` is not one devstack-kit knows and is one or two letters away from one it does (`pushh`, `pull_requests`).',
  fix: 'Correct the spelling (`push`, `pull_request`); an event newer than devstack-kit that happens to look like a known one can be kept with a suppression.',
  *check(model) {
    const on = model.on as unknown;
    const found: { name: string; path: (string | number)[] }[] = [];
    if (typeof on === 'string') found.push({ name: on, path: ['on'] });
    else if (Array.isArray(on)) on.forEach((e, i) => typeof e === 'string' && found.push({ name: e, path: ['on', i] }));
    // in the map form an unknown event is kept raw by the parser
    const raw = (model.$raw as { on?: unknown } | undefined)?.on;
    if (typeof on === 'object' && on !== null && !Array.isArray(on) && typeof raw === 'object' && raw !== null) {
      for (const name of Object.keys(raw)) found.push({ name, path: ['on', name] });
    }
    for (const { name, path } of found) {
      const near = misspelledEvent(name);
      if (near !== undefined) yield { path, message: `"${name}" is not an event GitHub documents; "${near}" is`, hint: `did you mean "${near}"?` };
    }
  },
});
