/**
 * Outside validators for Dockerfiles and .dockerignore files (see ORACLES.md). Each returns a list
 * of problems; tests assert it is empty.
 */
import { createRequire } from 'node:module';
import type { Ignore } from '@balena/dockerignore';
import { Copy, DockerfileParser, From, ModifiableInstruction, Run, type Dockerfile as AstDockerfile } from 'dockerfile-ast';
import { format, validate, ValidationCode, ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { buildkitFlags, buildkitLines, csvRecord } from '../dockerfile-readers.js';

export { ValidationCode };

// @balena/dockerignore is CommonJS (`module.exports = factory`); its types claim a default export.
const ignore = createRequire(import.meta.url)('@balena/dockerignore') as (options?: { ignorecase?: boolean }) => Ignore;

/** All nine keys: a settings object replaces the defaults, so a missing key would silently turn a check off. */
export const STRICT_SETTINGS: Required<ValidatorSettings> = {
  deprecatedMaintainer: ValidationSeverity.WARNING,
  directiveCasing: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.WARNING,
  instructionCasing: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.WARNING,
};

export interface OracleOptions {
  /** Settings keys to ignore (for a test that writes a MAINTAINER or several CMDs on purpose). */
  readonly allow?: readonly (keyof ValidatorSettings)[];
  /**
   * dockerfile-utils diagnostic codes to drop. Only for its known false positive: it checks an
   * ENV/LABEL/ARG value *after* unescaping, so a value that starts with a quote (`ENV A="\"x"`,
   * valid for BuildKit and read back as `"x` by dockerfile-ast) is reported as an unclosed quote.
   */
  readonly allowCodes?: readonly ValidationCode[];
  /** Skip the formatter check (parsed files keep their own layout). */
  readonly skipFormat?: boolean;
}

/** dockerfile-utils `validate` with all nine settings. */
export function dockerfileUtilsProblems(text: string, options: OracleOptions = {}): string[] {
  const settings: Required<ValidatorSettings> = { ...STRICT_SETTINGS };
  for (const k of options.allow ?? []) settings[k] = ValidationSeverity.IGNORE;
  const allowed = new Set<unknown>(options.allowCodes ?? []);
  return validate(text, settings).filter((d) => !allowed.has(d.code)).map((d) => `dockerfile-utils: line ${d.range.start.line + 1}: ${d.message}`);
}

/** dockerfile-utils `format`: canonical output needs no edits. */
export function formatProblems(text: string): string[] {
  return format(text, { tabSize: 4, insertSpaces: true }).map((e) => `format: line ${e.range.start.line + 1}: would change ${JSON.stringify(text.split('\n')[e.range.start.line])} (edit ${JSON.stringify(e.newText)})`);
}

const MOUNT_OPTIONS: Record<string, readonly string[]> = {
  bind: ['type', 'target', 'dst', 'destination', 'source', 'src', 'from', 'readwrite', 'rw'],
  cache: ['type', 'target', 'dst', 'destination', 'id', 'readonly', 'ro', 'sharing', 'from', 'source', 'src', 'mode', 'uid', 'gid'],
  tmpfs: ['type', 'target', 'dst', 'destination', 'size'],
  secret: ['type', 'id', 'target', 'dst', 'destination', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['type', 'id', 'target', 'dst', 'destination', 'required', 'mode', 'uid', 'gid'],
};
const RUN_FLAGS = new Set(['mount', 'network', 'security']);
const COPY_FLAGS = new Set(['from', 'chown', 'chmod', 'link', 'parents', 'exclude']);
const ADD_FLAGS = new Set(['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude']);

/** Checks dockerfile-utils does not do, on the dockerfile-ast tree: stage references, RUN/COPY/ADD flags and mounts. */
export function astProblems(text: string): string[] {
  const df: AstDockerfile = DockerfileParser.parse(text);
  const problems: string[] = [];
  const stages: string[] = [];
  const froms = df.getFROMs();
  const stageOf = (line: number): number => {
    let idx = -1;
    froms.forEach((f, i) => { if (f.getRange().start.line <= line) idx = i; });
    return idx;
  };
  for (const f of froms) stages.push((f.getBuildStage() ?? '').toLowerCase());
  const checkRef = (ref: string, line: number, what: string): void => {
    const here = stageOf(line);
    if (/^\d+$/.test(ref)) {
      if (Number(ref) >= here) problems.push(`ast: line ${line + 1}: ${what}=${ref} is not an earlier stage`);
      return;
    }
    const idx = stages.indexOf(ref.toLowerCase());
    if (idx >= 0 && idx >= here) problems.push(`ast: line ${line + 1}: ${what}=${ref} names a later stage`);
    if (idx < 0 && !/[/:@$]/.test(ref)) problems.push(`ast: line ${line + 1}: ${what}=${ref} is neither a stage nor a tagged image`);
  };
  for (const ins of df.getInstructions()) {
    const line = ins.getRange().start.line;
    const kw = ins.getKeyword();
    if (ins instanceof From) {
      for (const fl of ins.getFlags()) if (fl.getName() !== 'platform') problems.push(`ast: line ${line + 1}: FROM has unknown flag --${fl.getName()}`);
    }
    if (ins instanceof Run) {
      for (const fl of ins.getFlags()) {
        if (!RUN_FLAGS.has(fl.getName())) problems.push(`ast: line ${line + 1}: RUN has unknown flag --${fl.getName()}`);
        if (fl.getName() === 'network' && !['default', 'none', 'host'].includes(fl.getValue() ?? '')) problems.push(`ast: line ${line + 1}: RUN --network=${fl.getValue()} is not default, none or host`);
        if (fl.getName() === 'security' && !['insecure', 'sandbox'].includes(fl.getValue() ?? '')) problems.push(`ast: line ${line + 1}: RUN --security=${fl.getValue()} is not insecure or sandbox`);
        if (fl.getName() !== 'mount') continue;
        // dockerfile-ast reads flag values without quote processing (and splits them at white space):
        // a quoted --mount value is read with BuildKit's rules instead (flag word, then CSV)
        const opts = /["'\\]/.test(fl.getValue() ?? '') ? quotedMountOptions(ins, df.getEscapeCharacter() === '`' ? '`' : '\\', fl.getRange().start.character) : fl.getOptions();
        const type = opts.find((o) => o.getName() === 'type')?.getValue() ?? 'bind';
        const allowed = MOUNT_OPTIONS[type];
        if (!allowed) { problems.push(`ast: line ${line + 1}: --mount type=${type} is not a mount type`); continue; }
        for (const o of opts) if (!allowed.includes(o.getName())) problems.push(`ast: line ${line + 1}: --mount option ${o.getName()} does not belong to a ${type} mount`);
        if (['bind', 'cache', 'tmpfs'].includes(type) && !opts.some((o) => ['target', 'dst', 'destination'].includes(o.getName()))) problems.push(`ast: line ${line + 1}: a ${type} mount needs target=`);
        const from = opts.find((o) => o.getName() === 'from')?.getValue();
        if (from) checkRef(from, line, 'RUN --mount from');
      }
    }
    if (ins instanceof Copy || kw === 'ADD') {
      const allowed = kw === 'ADD' ? ADD_FLAGS : COPY_FLAGS;
      for (const fl of (ins as ModifiableInstruction).getFlags()) if (!allowed.has(fl.getName())) problems.push(`ast: line ${line + 1}: ${kw} has unknown flag --${fl.getName()}`);
    }
    if (ins instanceof Copy) {
      const from = ins.getFromFlag()?.getValue();
      if (from) checkRef(from, line, 'COPY --from');
    }
  }
  return problems;
}

/** The options of the --mount flag at `character` of a RUN, read as BuildKit reads them. */
function quotedMountOptions(ins: Run, esc: '\\' | '`', character: number): { getName(): string; getValue(): string }[] {
  const text = buildkitLines(ins.getTextContent(), esc)[0] ?? '';
  const mounts = buildkitFlags(text.replace(/^\S+\s*/, '')).flags.filter((f) => f.startsWith('mount='));
  const index = ins.getFlags().filter((f) => f.getName() === 'mount' && f.getRange().start.character <= character).length - 1;
  const record = csvRecord((mounts[Math.max(0, index)] ?? 'mount=').slice('mount='.length));
  return record.map((field) => {
    const eq = field.indexOf('=');
    return { getName: () => (eq < 0 ? field : field.slice(0, eq)), getValue: () => (eq < 0 ? '' : field.slice(eq + 1)) };
  });
}

/** Every Dockerfile check. Canonical (synthesized) output must also need no formatter edits. */
export function dockerfileProblems(text: string, options: OracleOptions = {}): string[] {
  return [...dockerfileUtilsProblems(text, options), ...(options.skipFormat ? [] : formatProblems(text)), ...astProblems(text)];
}

export interface DockerignoreExpectations {
  /** Paths the file must leave out of the build context. */
  readonly ignored?: readonly string[];
  /** Paths the file must keep in the build context. */
  readonly kept?: readonly string[];
}

/** `.dockerignore` checks with @balena/dockerignore (Docker's matching): every pattern compiles, and matching is as expected. */
export function dockerignoreProblems(text: string, expect: DockerignoreExpectations = {}): string[] {
  const problems: string[] = [];
  const patterns = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (const p of patterns) {
    try {
      const m = ignore().add(p);
      m.ignores('probe/path');
      if (!/^!?[^\\[]*(\[[^\]]+\][^\\[]*)*$/.test(p.replace(/\\./g, ''))) problems.push(`dockerignore: pattern ${JSON.stringify(p)} has an unclosed character class`);
    } catch (e) {
      problems.push(`dockerignore: pattern ${JSON.stringify(p)} does not compile: ${(e as Error).message}`);
    }
  }
  let matcher: Ignore;
  try {
    matcher = ignore().add(patterns);
  } catch (e) {
    return [...problems, `dockerignore: the file does not compile: ${(e as Error).message}`];
  }
  for (const p of expect.ignored ?? []) if (!matcher.ignores(p)) problems.push(`dockerignore: expected ${p} to be ignored, it is kept`);
  for (const p of expect.kept ?? []) if (matcher.ignores(p)) problems.push(`dockerignore: expected ${p} to be kept, it is ignored`);
  return problems;
}
