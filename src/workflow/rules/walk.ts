/**
 * Walking a workflow model for rules: jobs, steps (with `parallel` groups) and expressions.
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import { expressionSites } from '../expressions.js';
import type { JobModel, NormalJobModel, StepModel, WorkflowModel } from '../model.js';

/** A step with where it is. */
export interface PlacedStep {
  readonly jobId: string;
  readonly step: StepModel;
  readonly path: IssuePath;
}

/** True for a job that runs steps (not a reusable-workflow call). */
export function isNormalJob(job: JobModel): job is NormalJobModel {
  return typeof job === 'object' && job !== null && !('uses' in job && typeof (job as { uses?: unknown }).uses === 'string');
}

/** Every job, with its id. */
export function jobsOf(model: WorkflowModel): [string, JobModel][] {
  return typeof model.jobs === 'object' && model.jobs !== null ? Object.entries(model.jobs) : [];
}

/** Every step of one job (nested `parallel` steps included). */
export function stepsOfJob(jobId: string, job: JobModel): PlacedStep[] {
  const out: PlacedStep[] = [];
  const visit = (steps: readonly StepModel[] | undefined, base: IssuePath) => {
    if (!Array.isArray(steps)) return;
    steps.forEach((step, i) => {
      if (typeof step !== 'object' || step === null) return;
      out.push({ jobId, step, path: [...base, i] });
      visit(step.parallel, [...base, i, 'parallel']);
    });
  };
  if (isNormalJob(job)) visit(job.steps, ['jobs', jobId, 'steps']);
  return out;
}

/** Every step of the workflow. */
export function stepsOf(model: WorkflowModel): PlacedStep[] {
  return jobsOf(model).flatMap(([id, job]) => stepsOfJob(id, job));
}

/**
 * Every expression source in a value found at `path`: `${{ … }}` bodies of its strings, and job and
 * step `if:` conditions whole (see {@link expressionSites}).
 */
export function expressionsOf(value: unknown, path: IssuePath = []): string[] {
  return [...expressionSites(value, path)].map((s) => s.source);
}

/** The list form of `needs:`. */
export function needsList(job: JobModel): string[] {
  const needs = (job as { needs?: unknown }).needs;
  if (typeof needs === 'string') return [needs];
  return Array.isArray(needs) ? needs.filter((n): n is string => typeof n === 'string') : [];
}

/** The events a workflow is triggered by. */
export function eventsOf(model: WorkflowModel): string[] {
  const on = model.on as unknown;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === 'string');
  return on && typeof on === 'object' ? Object.keys(on) : [];
}
