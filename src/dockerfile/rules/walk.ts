/**
 * Helpers the Dockerfile rules share: walking instructions with their paths, reading shell text,
 * resolving stage references.
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import type { DockerfileModel, Instruction, Stage } from '../model.js';

/** An instruction with its stage index and model path. */
export interface Located<I extends Instruction = Instruction> {
  readonly stage: number;
  readonly index: number;
  readonly instruction: I;
  readonly path: IssuePath;
}

/** Every instruction of every stage (ONBUILD triggers are not unwrapped). */
export function* instructions(model: DockerfileModel): Generator<Located> {
  for (const [s, stage] of model.stages.entries()) {
    for (const [i, instruction] of stage.instructions.entries()) yield { stage: s, index: i, instruction, path: ['stages', s, 'instructions', i] };
  }
}

/** The instruction an ONBUILD trigger holds, or the instruction itself. */
export function unwrapOnbuild(instruction: Instruction): Exclude<Instruction, { kind: 'onbuild' }> {
  return instruction.kind === 'onbuild' ? instruction.instruction : instruction;
}

/** Instructions of one kind. */
export function* ofKind<K extends Instruction['kind']>(model: DockerfileModel, kind: K): Generator<Located<Extract<Instruction, { kind: K }>>> {
  for (const l of instructions(model)) if (l.instruction.kind === kind) yield l as Located<Extract<Instruction, { kind: K }>>;
}

/** The shell text of a RUN (continuations joined, heredoc bodies appended); exec form joined by spaces. */
export function shellText(i: Extract<Instruction, { kind: 'run' }>): string {
  const cmd = typeof i.command === 'string' ? i.command.replace(/[\\`][ \t]*\n/g, ' ') : i.command.join(' ');
  return [cmd, ...(i.heredocs ?? []).map((h) => h.body)].join('\n');
}

/** Splits a shell script into simple commands (at `&&`, `||`, `;`, `|` and newlines). */
export function shellCommands(text: string): string[] {
  return text.split(/&&|\|\||[;|\n]/).map((c) => c.trim()).filter((c) => c !== '');
}

/** The index of the stage a reference (`builder`, `0`) names, or undefined. Names are case-insensitive. */
export function stageIndex(model: DockerfileModel, ref: string): number | undefined {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n < model.stages.length ? n : undefined;
  }
  const lower = ref.toLowerCase();
  const i = model.stages.findIndex((s) => s.name?.toLowerCase() === lower);
  return i < 0 ? undefined : i;
}

/** The stage `stage` is built on, when it starts from an earlier stage. */
export function parentStage(model: DockerfileModel, index: number): number | undefined {
  const s = model.stages[index];
  if (!s) return undefined;
  const p = stageIndex(model, s.from);
  return p !== undefined && p < index && !/^\d+$/.test(s.from) ? p : undefined;
}

/** References from a stage to other stages or images: FROM, COPY --from, RUN --mount from=. */
export function* references(model: DockerfileModel): Generator<{ stage: number; ref: string; path: IssuePath; via: 'FROM' | 'COPY --from' | 'RUN --mount from' }> {
  for (const [s, stage] of model.stages.entries()) {
    if (stageIndex(model, stage.from) !== undefined && !/^\d+$/.test(stage.from)) yield { stage: s, ref: stage.from, path: ['stages', s, 'from'], via: 'FROM' };
    for (const [i, ins] of stage.instructions.entries()) {
      const inner = ins.kind === 'onbuild' ? undefined : ins;
      if (inner?.kind === 'copy' && inner.from !== undefined) yield { stage: s, ref: inner.from, path: ['stages', s, 'instructions', i, 'from'], via: 'COPY --from' };
      if (inner?.kind === 'run') {
        for (const [m, mount] of (inner.mounts ?? []).entries()) {
          if ((mount.type === 'bind' || mount.type === 'cache') && mount.from !== undefined) yield { stage: s, ref: mount.from, path: ['stages', s, 'instructions', i, 'mounts', m, 'from'], via: 'RUN --mount from' };
        }
      }
    }
  }
}

/** True when `ref` reads as an image reference rather than a stage name (it has a registry, tag or digest). */
export function looksLikeImage(ref: string): boolean {
  return /[/:@]/.test(ref) || ref.startsWith('$');
}

/** The stage's name for messages. */
export function stageLabel(stage: Stage, index: number): string {
  return stage.name !== undefined ? `stage "${stage.name}"` : `stage ${index}`;
}

// `$NAME` or `${NAME…}` not escaped with `\`; the operator tells whether a default covers an unset NAME
const FROM_VAR = /(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?])?[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The variables a FROM line (image or `--platform`) expands, with whether a default covers them
 * when unset (`${X:-python:3.13}`, `${X-…}`).
 *
 * @example
 * ```ts
 * fromVariables('python:${PY:-3.13}-$VARIANT'); // [{ name: 'PY', hasDefault: true }, { name: 'VARIANT', hasDefault: false }]
 * ```
 */
export function fromVariables(text: string): { name: string; hasDefault: boolean }[] {
  return [...text.matchAll(FROM_VAR)].map((m) => ({ name: (m[1] ?? m[3])!, hasDefault: m[2] === ':-' || m[2] === '-' }));
}
