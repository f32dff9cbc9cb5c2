/**
 * Cross-file facts: what one file of an App tells the rules of another, as typed data (a compose
 * rule asks a Dockerfile for its stages and healthchecks without reading the Dockerfile's model).
 * Each kind's handler derives its facts (`KindHandler.facts`); the App hands them to every rule
 * through `RuleContext.siblings`.
 * @module
 */
import type { RuleContext } from './rule.js';

/** One stage of a Dockerfile, as other files see it. */
export interface StageFacts {
  /** The stage's name (`FROM … AS name`), if it has one. */
  readonly name: string | undefined;
  /** The image or earlier stage it is built `FROM`. */
  readonly from: string;
  /** The stage's last `HEALTHCHECK`: a check, `NONE`, or none at all (`undefined`). */
  readonly healthcheck: 'check' | 'none' | undefined;
}

/** What a Dockerfile tells other files. */
export interface DockerfileFacts {
  /** The stages, in order. */
  readonly stages: readonly StageFacts[];
}

/** The facts a file offers other files, by kind. */
export interface FileFacts {
  readonly dockerfile?: DockerfileFacts;
}

/**
 * The facts of the Dockerfile the App places at `path`, if it places one there.
 *
 * @example
 * ```ts
 * dockerfileFactsAt(context, 'backend/Dockerfile')?.stages.map((s) => s.name); // ['builder', 'runtime']
 * ```
 */
export function dockerfileFactsAt(context: RuleContext, path: string): DockerfileFacts | undefined {
  const sibling = context.siblings?.get(path);
  return sibling?.kind === 'dockerfile' ? sibling.facts?.dockerfile : undefined;
}

/**
 * Whether an image built from `facts` (to `target`, or its last stage) has a healthcheck: `true` for a
 * check, `false` for `HEALTHCHECK NONE`, `undefined` when no stage on the way sets one (the base
 * image decides). Follows `FROM <earlier stage>` back to where the image starts.
 *
 * @example
 * ```ts
 * imageHealthcheck({ stages: [{ name: 'base', from: 'python:3.13', healthcheck: 'check' }, { name: 'app', from: 'base', healthcheck: undefined }] }, 'app'); // true
 * ```
 */
export function imageHealthcheck(facts: DockerfileFacts, target: string | undefined): boolean | undefined {
  const list = facts.stages;
  let index = target !== undefined ? list.findIndex((st) => st.name === target) : list.length - 1;
  const seen = new Set<number>();
  while (index >= 0 && !seen.has(index)) {
    seen.add(index);
    const stage = list[index]!;
    if (stage.healthcheck !== undefined) return stage.healthcheck === 'check';
    const before = index;
    index = list.findIndex((st, i) => i < before && st.name === stage.from);
  }
  return undefined;
}
