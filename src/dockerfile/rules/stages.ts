/**
 * Rules about stages: the final user, base image tags, stage references and structure.
 * @module
 */
import { defineRule } from '../../core/rule.js';
import type { DockerfileModel } from '../model.js';
import { looksLikeImage, parentStage, references, stageIndex, stageLabel } from './walk.js';

type M = DockerfileModel;

/** `docker/root-user`: the final stage runs as root. */
export const rootUser = defineRule<M>({
  code: 'docker/root-user',
  severity: 'warning',
  summary: 'The final stage runs as root.',
  fix: 'Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --create-home app` then `USER app`.',
  *check(model) {
    const last = model.stages.length - 1;
    if (last < 0) return;
    for (let s: number | undefined = last; s !== undefined; s = parentStage(model, s)) {
      const stage = model.stages[s]!;
      for (let i = stage.instructions.length - 1; i >= 0; i--) {
        const ins = stage.instructions[i]!;
        if (ins.kind !== 'user') continue;
        if (/^(root|0)(:|$)/.test(ins.user)) {
          yield { path: ['stages', s, 'instructions', i], message: `the final stage switches to ${JSON.stringify(ins.user)} and runs as root`, hint: 'end the final stage with USER <unprivileged user>' };
        }
        return;
      }
    }
    yield { path: ['stages', last], message: `the final ${stageLabel(model.stages[last]!, last)} has no USER instruction, so it runs as root`, hint: 'add `RUN useradd --create-home app` and `USER app` to the final stage' };
  },
});

const SCRATCH = /^scratch$/i;

function tagProblem(ref: string): string | undefined {
  if (ref.startsWith('$') || SCRATCH.test(ref) || ref.includes('@')) return undefined;
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  if (colon < 0) return `image "${ref}" has no tag (it means latest)`;
  const tag = name.slice(colon + 1);
  if (tag === 'latest') return `image "${ref}" uses the latest tag`;
  return undefined;
}

/** `docker/latest-tag`: a base image (or COPY --from image) with `latest` or no tag. */
export const latestTag = defineRule<M>({
  code: 'docker/latest-tag',
  severity: 'warning',
  summary: 'An image is used with the `latest` tag or without a tag.',
  fix: 'Pin a version (`python:3.13-slim`), or better a digest too: `python:3.13-slim@sha256:<digest>` (find it with `docker buildx imagetools inspect python:3.13-slim`).',
  *check(model) {
    for (const [s, stage] of model.stages.entries()) {
      if (stageIndex(model, stage.from) !== undefined && stageIndex(model, stage.from)! < s) continue;
      const problem = tagProblem(stage.from);
      if (problem) yield { path: ['stages', s, 'from'], message: problem, hint: `pin a version, and a digest for reproducible builds: ${stage.from.replace(/:latest$/, '')}:<version>@sha256:<digest>` };
    }
    for (const r of references(model)) {
      if (r.via === 'FROM' || !looksLikeImage(r.ref) || stageIndex(model, r.ref) !== undefined) continue;
      const problem = tagProblem(r.ref);
      if (problem) yield { path: r.path, message: `${r.via}: ${problem}`, hint: `pin a version: ${r.ref.replace(/:latest$/, '')}:<version>, or a digest` };
    }
  },
});

/** `docker/from-as-casing`: `FROM … as name` with a lowercase `as`. */
export const fromAsCasing = defineRule<M>({
  code: 'docker/from-as-casing',
  severity: 'warning',
  summary: 'The `AS` keyword of a FROM line is not uppercase like `FROM`.',
  fix: 'Write `FROM <image> AS <name>` (BuildKit reports mismatched casing as FromAsCasing).',
  *check(model) {
    for (const [s, stage] of model.stages.entries()) {
      if (stage.asKeyword !== undefined && stage.asKeyword !== 'AS') yield { path: ['stages', s, 'asKeyword'], message: `"FROM … ${stage.asKeyword} ${stage.name ?? ''}" mixes casing: expected "AS", received "${stage.asKeyword}"`, hint: `write FROM ${stage.from} AS ${stage.name ?? '<name>'}` };
    }
  },
});

/** `docker/duplicate-stage`: two stages share a name. */
export const duplicateStage = defineRule<M>({
  code: 'docker/duplicate-stage',
  severity: 'error',
  summary: 'Two stages have the same name.',
  fix: 'Give each stage its own name (names are case-insensitive).',
  *check(model) {
    const seen = new Map<string, number>();
    for (const [s, stage] of model.stages.entries()) {
      if (stage.name === undefined) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) yield { path: ['stages', s, 'name'], message: `stage name "${stage.name}" is already used by stage ${first}`, hint: 'rename one of the stages' };
      else seen.set(key, s);
    }
  },
});

/** `docker/unknown-stage`: COPY --from or a mount names a stage that does not exist. */
export const unknownStage = defineRule<M>({
  code: 'docker/unknown-stage',
  severity: 'error',
  summary: '`COPY --from` or `RUN --mount from=` names a stage that does not exist.',
  fix: 'Use the name (or index) of an earlier stage; for an image, write it with a tag (`image("nginx:1.27")` in the builder).',
  *check(model) {
    for (const r of references(model)) {
      if (r.via === 'FROM') continue;
      if (/^\d+$/.test(r.ref)) {
        if (Number(r.ref) >= model.stages.length) yield { path: r.path, message: `${r.via}=${r.ref}: expected a stage index below ${model.stages.length}, received ${r.ref}` };
        continue;
      }
      if (stageIndex(model, r.ref) !== undefined || looksLikeImage(r.ref)) continue;
      const names = model.stages.flatMap((s) => (s.name ? [s.name] : []));
      yield { path: r.path, message: `${r.via}=${r.ref}: expected a stage (${names.length > 0 ? names.map((n) => `"${n}"`).join(', ') : 'this file has no named stages'}), received "${r.ref}"`, hint: 'fix the stage name, or name an image with its tag (alpine:3.20)' };
    }
  },
});

/** `docker/stage-order`: a stage refers to itself or to a later stage. */
export const stageOrder = defineRule<M>({
  code: 'docker/stage-order',
  severity: 'error',
  summary: 'A stage refers to itself or to a stage declared after it.',
  fix: 'Move the referenced stage above the one that uses it.',
  *check(model) {
    for (const [s, stage] of model.stages.entries()) {
      const p = stageIndex(model, stage.from);
      if (p !== undefined && p >= s && !/^\d+$/.test(stage.from)) yield { path: ['stages', s, 'from'], message: `FROM ${stage.from}: expected an earlier stage, received ${p === s ? 'the stage itself' : `stage ${p}, declared later`}` };
    }
    for (const r of references(model)) {
      if (r.via === 'FROM') continue;
      const p = stageIndex(model, r.ref);
      if (p !== undefined && p >= r.stage) yield { path: r.path, message: `${r.via}=${r.ref}: expected an earlier stage, received ${p === r.stage ? 'the stage itself' : `stage ${p}, declared later`}`, hint: 'move that stage above this one' };
    }
  },
});

/** `docker/unused-stage`: a stage before the last that nothing uses. */
export const unusedStage = defineRule<M>({
  code: 'docker/unused-stage',
  severity: 'info',
  summary: 'A stage before the final one is not used by any later stage.',
  fix: 'Remove it, or use it (`FROM`, `COPY --from`); a stage meant only as a build target (`--target`) can stay: suppress the code for it with a reason.',
  *check(model) {
    const used = new Set<number>();
    for (const r of references(model)) {
      const p = stageIndex(model, r.ref);
      if (p !== undefined && p < r.stage) used.add(p);
    }
    for (let s = 0; s < model.stages.length - 1; s++) {
      if (!used.has(s)) yield { path: ['stages', s], message: `${stageLabel(model.stages[s]!, s)} is not used by a later stage and is not the final stage` };
    }
  },
});

const TOOLCHAIN_PKG = /\b(build-essential|build-base|gcc|g\+\+|clang|make|cmake|musl-dev|libc6?-dev|python3?-dev|cargo|rustc|golang|default-jdk|openjdk-\d+-jdk|maven|gradle)\b/;
const INSTALL = /\b(apt-get|apt|apk|yum|dnf|microdnf)\s+(?:[^;&|\n]*\s)?(install|add)\s+([^;&|\n]*)/g;
const COMPILE = /\b(go build|cargo build|mvn\s+(?:[^;&|\n]*\s)?(package|install|compile)|gradle\s+build|dotnet\s+(build|publish))\b/;
const TOOLCHAIN_IMAGE = /^(golang|rust|maven|gradle|mcr\.microsoft\.com\/dotnet\/sdk|node)(:|$)/;

/** `docker/single-stage-toolchain`: a single-stage image installs or uses a build toolchain. */
export const singleStageToolchain = defineRule<M>({
  code: 'docker/single-stage-toolchain',
  severity: 'warning',
  summary: 'A single-stage image installs a build toolchain, which ships in the final image.',
  fix: 'Build in a `builder` stage and copy only the result into a slim final stage: `COPY --from=builder /app/dist /app`.',
  *check(model) {
    if (model.stages.length !== 1) return;
    const stage = model.stages[0]!;
    for (const [i, ins] of stage.instructions.entries()) {
      if (ins.kind !== 'run') continue;
      const text = typeof ins.command === 'string' ? ins.command : ins.command.join(' ');
      const all = [text, ...(ins.heredocs ?? []).map((h) => h.body)].join('\n');
      for (const m of all.matchAll(INSTALL)) {
        const pkg = TOOLCHAIN_PKG.exec(m[3] ?? '');
        if (pkg) {
          yield { path: ['stages', 0, 'instructions', i], message: `the only stage installs the build toolchain package "${pkg[1]}", so it ships in the image`, hint: 'move the build into a builder stage and copy the result into a slim final stage' };
          return;
        }
      }
      const c = COMPILE.exec(all);
      if (c && TOOLCHAIN_IMAGE.test(stage.from)) {
        yield { path: ['stages', 0, 'instructions', i], message: `the only stage compiles ("${c[1]}") on the toolchain image ${stage.from}, which ships in the image`, hint: 'compile in a builder stage, copy the binary into a slim or distroless final stage' };
        return;
      }
    }
  },
});
