/**
 * Rules about single instructions and their order within a stage.
 * @module
 */
import { defineRule, type Rule } from '../../core/rule.js';
import { credentialInUrl, isSecretName, pointsAtSecret } from '../../core/secrets.js';
import type { DockerfileModel, Instruction } from '../model.js';
import { quoteValue } from '../synth.js';
import { fromVariables, instructions, ofKind, parentStage, shellCommands, shellText, unwrapOnbuild } from './walk.js';

type M = DockerfileModel;

/** `docker/secret-in-env`: an ENV, ARG or LABEL whose name looks like a secret, or whose value is a URL with a password. */
export const secretInEnv = defineRule<M>({
  code: 'docker/secret-in-env',
  severity: 'warning',
  summary: 'An ENV, ARG or LABEL name looks like a secret (`*_TOKEN`, `*PASSWORD*`, `*_PAT`, `*_AUTH*`, `*PRIVATE_KEY*`, `*SECRET*`), or its value is a URL with a password (`postgres://u:p@db/app`); the value is stored in the image.',
  fix: 'Pass the secret to the one RUN that needs it: `RUN --mount=type=secret,id=api_token,env=API_TOKEN …` and build with `--secret id=api_token,env=API_TOKEN`; set connection URLs when the container starts, not in the image.',
  *check(model) {
    const located: { ins: Instruction; path: (string | number)[] }[] = [
      ...(model.preamble ?? []).map((ins, i) => ({ ins: ins as Instruction, path: ['preamble', i] })),
      ...[...instructions(model)].map((l) => ({ ins: unwrapOnbuild(l.instruction), path: [...l.path] })),
    ];
    for (const { ins, path } of located) {
      const pairs: [string, string | undefined][] =
        ins.kind === 'env' ? Object.entries(ins.vars)
        : ins.kind === 'arg' ? ins.args.map((a) => [a.name, a.default])
        : ins.kind === 'label' ? Object.entries(ins.labels)
        : [];
      const what = ins.kind.toUpperCase();
      for (const [name, value] of pairs) {
        if (isSecretName(name) && !(value !== undefined && pointsAtSecret(value))) yield finding(what, name, path);
        else if (value !== undefined) {
          const url = credentialInUrl(value);
          if (url) yield { path, message: `${what} ${name} holds a URL with a password (${url.redacted}); ${what === 'ARG' ? 'its value is recorded in the image history' : 'it is stored in the image'}`, hint: `leave the password out of the image: set ${name} when the container starts (compose environment, or a secret mount for the build)` };
        }
      }
    }
  },
});

function finding(what: string, name: string, path: readonly (string | number)[]) {
  const id = name.toLowerCase();
  const stored = what === 'ARG' ? 'its value is recorded in the image history' : what === 'LABEL' ? 'labels are readable by anyone who can pull the image' : 'its value is stored in the image';
  return {
    path,
    message: `${what} ${name} looks like a secret; ${stored}`,
    hint: `use a secret mount instead: RUN --mount=type=secret,id=${id},env=${name} <command> (build with --secret id=${id},env=${name})`,
  };
}

function multiple(kind: 'cmd' | 'entrypoint' | 'healthcheck', keyword: string): Rule<M> {
  return defineRule<M>({
    code: `docker/multiple-${kind}`,
    severity: 'warning',
    summary: `A stage has more than one ${keyword}; only the last takes effect.`,
    fix: `Keep one ${keyword} per stage (the last one wins).`,
    *check(model) {
      for (const [s, stage] of model.stages.entries()) {
        const found = stage.instructions.flatMap((ins, i) => (ins.kind === kind ? [i] : []));
        for (const i of found.slice(0, -1)) yield { path: ['stages', s, 'instructions', i], message: `${keyword} is overridden by the ${keyword} at instruction ${found[found.length - 1]}; only the last ${keyword} of a stage takes effect` };
      }
    },
  });
}

/** `docker/multiple-cmd`. */
export const multipleCmd = multiple('cmd', 'CMD');
/** `docker/multiple-entrypoint`. */
export const multipleEntrypoint = multiple('entrypoint', 'ENTRYPOINT');
/** `docker/multiple-healthcheck`. */
export const multipleHealthcheck = multiple('healthcheck', 'HEALTHCHECK');

/** `docker/healthcheck-compose-test`: a HEALTHCHECK exec form that starts with `CMD` or `CMD-SHELL` (Compose's `test:` syntax). */
export const healthcheckComposeTest = defineRule<M>({
  code: 'docker/healthcheck-compose-test',
  severity: 'error',
  summary: 'A HEALTHCHECK command list starts with `CMD`, `CMD-SHELL` or `NONE`, as a Compose `test:` does; Docker runs a program of that name, so the check always fails.',
  fix: 'Leave the prefix out: `s.healthcheck([\'curl\', \'-f\', \'http://localhost/\'])` (a list is already the exec form), or pass a string for the shell form.',
  *check(model) {
    for (const l of ofKind(model, 'healthcheck')) {
      const c = l.instruction.command;
      if (!Array.isArray(c) || !['CMD', 'CMD-SHELL', 'NONE'].includes(c[0] ?? '')) continue;
      const rest = c.slice(1);
      const list = (xs: readonly string[]): string => JSON.stringify(xs).replace(/","/g, '", "');
      const hint =
        c[0] === 'CMD-SHELL' ? `write HEALTHCHECK CMD ${rest.join(' ')} (pass the builder a string for the shell form)`
        : c[0] === 'NONE' ? 'write HEALTHCHECK NONE (healthcheckNone() in the builder)'
        : `write HEALTHCHECK CMD ${list(rest)} (leave "CMD" out of the list)`;
      yield { path: l.path, message: `HEALTHCHECK CMD ${list(c)} runs a program named "${c[0]}": "${c[0]}" is Compose's healthcheck syntax, not Docker's`, hint };
    }
  },
});

/** `docker/shell-form-command`: CMD or ENTRYPOINT in shell form. */
export const shellFormCommand = defineRule<M>({
  code: 'docker/shell-form-command',
  severity: 'warning',
  summary: 'CMD or ENTRYPOINT uses the shell form, so the process does not receive signals (SIGTERM) and stops slowly.',
  fix: 'Use the exec form: `CMD ["java", "-jar", "/app.jar"]` (in the builder, pass a list).',
  *check(model) {
    for (const l of instructions(model)) {
      const ins = l.instruction;
      if ((ins.kind === 'cmd' || ins.kind === 'entrypoint') && typeof ins.command === 'string') {
        const words = ins.command.replace(/[\\`][ \t]*\n/g, ' ').trim().split(/\s+/);
        const simple = /^[\w./:=@%+-]+$/.test(ins.command.trim().replace(/\s+/g, ''));
        yield { path: l.path, message: `${ins.kind.toUpperCase()} ${ins.command.split('\n')[0]}: the shell form runs under /bin/sh -c, which does not forward signals`, hint: simple ? `write ${ins.kind.toUpperCase()} ${JSON.stringify(words).replace(/","/g, '", "')}` : 'write the exec form (a JSON list), with an explicit shell if you need one' };
      }
    }
  },
});

/** `docker/relative-workdir`: WORKDIR with a relative path. */
export const relativeWorkdir = defineRule<M>({
  code: 'docker/relative-workdir',
  severity: 'warning',
  summary: 'WORKDIR has a relative path, which depends on the previous WORKDIR.',
  fix: 'Use an absolute path: `WORKDIR /app`.',
  *check(model) {
    for (const l of ofKind(model, 'workdir')) {
      const p = l.instruction.path;
      if (!p.startsWith('/') && !p.startsWith('$') && !/^[A-Za-z]:[\\/]/.test(p) && !/^"?\//.test(p)) yield { path: l.path, message: `WORKDIR ${p}: expected an absolute path, received a relative one`, hint: `write WORKDIR /${p.replace(/^\.\//, '')}` };
    }
  },
});

/** `docker/maintainer-deprecated`: MAINTAINER. */
export const maintainerDeprecated = defineRule<M>({
  code: 'docker/maintainer-deprecated',
  severity: 'warning',
  summary: 'MAINTAINER is deprecated.',
  fix: 'Use a label: `LABEL org.opencontainers.image.authors="name <mail>"`.',
  *check(model) {
    for (const l of ofKind(model, 'maintainer')) yield { path: l.path, message: 'MAINTAINER is deprecated', hint: `write LABEL org.opencontainers.image.authors=${JSON.stringify(l.instruction.name)}` };
  },
});

/** `docker/expose-out-of-range`: EXPOSE with a port outside 1–65535. */
export const exposeOutOfRange = defineRule<M>({
  code: 'docker/expose-out-of-range',
  severity: 'error',
  summary: 'EXPOSE names a port outside 1–65535 (or a range that runs backwards).',
  fix: 'Use ports from 1 to 65535; write ranges low-high: `8000-8010`.',
  *check(model) {
    for (const l of ofKind(model, 'expose')) {
      for (const [p, port] of l.instruction.ports.entries()) {
        const m = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(port);
        if (!m) continue;
        const lo = Number(m[1]);
        const hi = m[2] === undefined ? lo : Number(m[2]);
        if (lo < 1 || hi > 65535 || lo > 65535) yield { path: [...l.path, 'ports', p], message: `EXPOSE ${port}: expected a port from 1 to 65535, received ${lo < 1 ? lo : hi}` };
        else if (hi < lo) yield { path: [...l.path, 'ports', p], message: `EXPOSE ${port}: expected a range from low to high, received ${lo}-${hi}` };
      }
    }
  },
});

const URL_OR_GIT = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst)$/i;

/** `docker/add-instead-of-copy`: ADD of local files, where COPY fits. */
export const addInsteadOfCopy = defineRule<M>({
  code: 'docker/add-instead-of-copy',
  severity: 'warning',
  summary: 'ADD copies local files, where COPY is clearer (ADD also fetches URLs and unpacks archives).',
  fix: 'Use `COPY` for local files; keep `ADD` for URLs, git sources and archives to unpack.',
  *check(model) {
    for (const l of ofKind(model, 'add')) {
      const i = l.instruction;
      if (i.heredocs || i.sources.some((s) => URL_OR_GIT.test(s) || ARCHIVE.test(s) || s.startsWith('$'))) continue;
      yield { path: l.path, message: `ADD ${i.sources.join(' ')} copies local files`, hint: `write COPY ${[...i.sources, i.dest].join(' ')}` };
    }
  },
});

/** Build arguments BuildKit defines without an ARG (platforms, proxies, SOURCE_DATE_EPOCH). */
export const PREDEFINED_ARGS: ReadonlySet<string> = new Set([
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'TARGETSTAGE',
  'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy', 'SOURCE_DATE_EPOCH',
]);
const EXPANDED = new Set(['add', 'copy', 'env', 'expose', 'label', 'stopsignal', 'user', 'volume', 'workdir']);

function varsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(^|[^\\`])\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) out.push(m[2]!);
  return out;
}

/** `docker/arg-before-declared`: a build argument used before (or without) its ARG in scope. */
export const argBeforeDeclared = defineRule<M>({
  code: 'docker/arg-before-declared',
  severity: 'warning',
  summary: 'A build argument is used before it is declared in scope (a global ARG is not visible inside a stage until redeclared).',
  fix: 'Declare it first: a global `ARG NAME` before the first FROM for FROM lines, or `ARG NAME` inside the stage before its first use.',
  *check(model) {
    const globals = new Set<string>();
    for (const p of model.preamble ?? []) if (p.kind === 'arg') for (const a of p.args) globals.add(a.name);
    const scopes: Set<string>[] = [];
    for (const [s, stage] of model.stages.entries()) {
      // a variable with no default is docker/undeclared-from-arg's (an error: the build fails)
      const fromDefaults = new Set(fromVariables(`${stage.platform ?? ''} ${stage.from}`).filter((v) => v.hasDefault).map((v) => v.name));
      for (const v of varsIn(`${stage.platform ?? ''} ${stage.from}`)) {
        if (fromDefaults.has(v) && !globals.has(v) && !PREDEFINED_ARGS.has(v)) yield { path: ['stages', s, 'from'], message: `FROM uses $${v}, which no global ARG declares`, hint: `add ARG ${v} before the first FROM` };
      }
      const parent = parentStage(model, s);
      const declared = new Set<string>(parent !== undefined ? scopes[parent] : []);
      // only a later ARG makes an earlier use certainly empty: a name a later ENV sets (PATH, HOME…)
      // may come from the base image's environment (`ENV PATH=/app/.venv/bin:$PATH`)
      const laterArgs = new Set<string>();
      for (const ins of stage.instructions) if (ins.kind === 'arg') for (const a of ins.args) laterArgs.add(a.name);
      for (const [i, ins] of stage.instructions.entries()) {
        if (EXPANDED.has(ins.kind)) {
          const text = JSON.stringify(ins);
          for (const v of new Set(varsIn(text))) {
            if (declared.has(v) || PREDEFINED_ARGS.has(v)) continue;
            if (laterArgs.has(v)) yield { path: ['stages', s, 'instructions', i], message: `$${v} is used before ARG ${v} is declared in this stage`, hint: `move ARG ${v} above this instruction` };
            else if (globals.has(v)) yield { path: ['stages', s, 'instructions', i], message: `$${v} is a global ARG, which is not visible inside a stage until redeclared`, hint: `add ARG ${v} (no value needed) at the top of the stage` };
          }
        }
        if (ins.kind === 'arg') for (const a of ins.args) declared.add(a.name);
        if (ins.kind === 'env') for (const k of Object.keys(ins.vars)) declared.add(k);
      }
      scopes[s] = declared;
    }
  },
});

// ---- shell content of RUN

const APT_INSTALL = /\bapt(-get)?\s+(?:-\S+\s+)*install\b/;

/** `docker/apt-no-install-recommends`. */
export const aptNoInstallRecommends = defineRule<M>({
  code: 'docker/apt-no-install-recommends',
  severity: 'info',
  summary: '`apt-get install` without `--no-install-recommends` pulls in packages nobody asked for.',
  fix: 'Add `--no-install-recommends`: `apt-get install -y --no-install-recommends curl`.',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      for (const c of shellCommands(shellText(l.instruction))) {
        if (APT_INSTALL.test(c) && !/--no-install-recommends|Install-Recommends=(false|0)/.test(c)) {
          yield { path: l.path, message: `"${c}" installs recommended packages too`, hint: 'add --no-install-recommends' };
        }
      }
    }
  },
});

/** `docker/apt-lists-not-cleaned`. */
export const aptListsNotCleaned = defineRule<M>({
  code: 'docker/apt-lists-not-cleaned',
  severity: 'info',
  summary: '`apt-get install` leaves the package lists (/var/lib/apt/lists) in the layer.',
  fix: 'End the same RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount a cache: `--mount=type=cache,target=/var/lib/apt`.',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      const text = shellText(l.instruction);
      if (!APT_INSTALL.test(text)) continue;
      if (/\/var\/lib\/apt\/lists/.test(text) && /\brm\b/.test(text)) continue;
      if ((l.instruction.mounts ?? []).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && /^\/var\/lib\/apt/.test(m.target))) continue;
      yield { path: l.path, message: 'apt-get install leaves /var/lib/apt/lists in the layer', hint: 'append && rm -rf /var/lib/apt/lists/* to the same RUN' };
    }
  },
});

/** `docker/apt-upgrade`. */
export const aptUpgrade = defineRule<M>({
  code: 'docker/apt-upgrade',
  severity: 'warning',
  summary: '`apt-get upgrade` makes the image depend on the day it was built.',
  fix: 'Pin a newer base image instead of upgrading packages in the build.',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      for (const c of shellCommands(shellText(l.instruction))) {
        if (/\bapt(-get)?\s+(?:-\S+\s+)*(dist-|full-)?upgrade\b/.test(c)) yield { path: l.path, message: `"${c}" upgrades packages during the build`, hint: 'use a newer base image tag instead' };
      }
    }
  },
});

/** `docker/cd-in-run`. */
export const cdInRun = defineRule<M>({
  code: 'docker/cd-in-run',
  severity: 'warning',
  summary: '`cd` in RUN, where WORKDIR says it once for every later instruction.',
  fix: 'Use `WORKDIR /path` before the RUN.',
  *check(model) {
    for (const l of ofKind(model, 'run')) {
      if (typeof l.instruction.command !== 'string') continue;
      for (const c of shellCommands(shellText(l.instruction))) {
        const m = /^cd\s+(\S+)/.exec(c);
        if (m) {
          yield { path: l.path, message: `RUN changes directory with "cd ${m[1]}"`, hint: `write WORKDIR ${m[1]!.startsWith('/') ? m[1] : `/abs/path/${m[1]}`} before the RUN` };
          break;
        }
      }
    }
  },
});

const DEPENDENCY_INSTALL = /\b(pip3?\s+install|python3?\s+-m\s+pip\s+install|uv\s+(sync|pip\s+install)|poetry\s+install|pipenv\s+install|npm\s+(ci|install|i)\b|yarn(\s+install)?\s*$|pnpm\s+(install|i)\b|go\s+mod\s+download|cargo\s+fetch|mvn\b[^\n]*dependency:|bundle\s+install|composer\s+install|dotnet\s+restore)/;

// fetching dependencies from the lock alone, to install them offline later (pnpm's documented pattern)
const DEPENDENCY_FETCH = /\b(pnpm\s+fetch|yarn\s+fetch|uv\s+sync\b[^\n]*--no-install-project)\b/;

/**
 * True for an install of a tool rather than of the project's locked dependencies: a global install
 * (`npm install -g pnpm`, `yarn global add …`), or packages named on the command line
 * (`pip install --upgrade pip`, `npm install typescript`) with no requirements file or project path.
 */
function isToolInstall(command: string): boolean {
  if (/\s(-g|--global)(\s|$)|\byarn\s+global\b/.test(command)) return true;
  const m = /\b(?:pip3?|npm|pnpm|uv\s+pip)\s+(?:install|i)\b(.*)$/.exec(command);
  if (!m) return false;
  const args = m[1]!.trim().split(/\s+/).filter(Boolean);
  let reads = false;
  let named = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (/^(-r|--requirement|-c|--constraint|-e|--editable)$/.test(a)) (reads = true), k++;
    else if (/^(-r|--requirement=)\S/.test(a)) reads = true;
    else if (a.startsWith('-')) continue;
    else if (/^\.{1,2}(\/|\[|$)|^\//.test(a)) reads = true;
    else named = true;
  }
  return named && !reads;
}

/** `docker/copy-before-install`: `COPY . .` before the dependency install in the same stage. */
export const copyBeforeInstall = defineRule<M>({
  code: 'docker/copy-before-install',
  severity: 'warning',
  summary: 'The whole source tree is copied before the dependency install, so every code change reinstalls dependencies.',
  fix: 'Copy only the dependency manifests first (`COPY pyproject.toml uv.lock ./`), install, then `COPY . .`.',
  *check(model) {
    const installs = (ins: Instruction) => ins.kind === 'run' && shellCommands(shellText(ins)).some((c) => (DEPENDENCY_INSTALL.test(c) && !isToolInstall(c)) || DEPENDENCY_FETCH.test(c));
    const installedIn: boolean[] = [];
    for (const [s, stage] of model.stages.entries()) {
      const parent = parentStage(model, s);
      // dependencies installed before the whole tree arrives (here or in the stage this one is built
      // FROM) are the cached layer: a second install after `COPY . .` only adds the project itself
      // (`uv sync --no-install-project` … `COPY . .` … `uv sync`; `pip install -r …` … `pip install .`)
      let installed = parent !== undefined && installedIn[parent] === true;
      let copyAt: number | undefined;
      for (const [i, ins] of stage.instructions.entries()) {
        if (copyAt === undefined && (ins.kind === 'copy' || ins.kind === 'add') && !(ins.kind === 'copy' && ins.from) && !ins.heredocs && ins.sources.some((src) => src === '.' || src === './')) copyAt = i;
        if (copyAt === undefined && installs(ins)) installed = true;
        if (copyAt !== undefined && ins.kind === 'run' && !installed) {
          const cmd = shellCommands(shellText(ins)).find((c) => DEPENDENCY_INSTALL.test(c));
          if (cmd) {
            yield { path: ['stages', s, 'instructions', copyAt], message: `the whole context is copied before "${cmd}" (instruction ${i}), so any source change re-runs the install`, hint: 'copy the dependency manifests first, install, then copy the rest' };
            break;
          }
        }
      }
      installedIn[s] = installed;
    }
  },
});

/** `docker/copy-dest-not-directory`: COPY/ADD of several sources to a destination without a trailing slash. */
export const copyDestNotDirectory = defineRule<M>({
  code: 'docker/copy-dest-not-directory',
  severity: 'error',
  summary: 'COPY or ADD has several sources but its destination does not end with `/`.',
  fix: 'End the destination with a slash: `COPY a.txt b.txt /app/`.',
  *check(model) {
    for (const l of instructions(model)) {
      const i = unwrapOnbuild(l.instruction);
      if ((i.kind !== 'copy' && i.kind !== 'add') || i.sources.length < 2 || /[/\\]$/.test(i.dest) || i.dest.startsWith('$')) continue;
      yield { path: [...l.path, 'dest'], message: `${i.kind.toUpperCase()} of ${i.sources.length} sources needs a directory destination ending with "/", received ${JSON.stringify(i.dest)}`, hint: `write ${i.dest}/` };
    }
  },
});

/** `docker/legacy-env-format`: `ENV key value` instead of `ENV key=value`. */
export const legacyEnvFormat = defineRule<M>({
  code: 'docker/legacy-env-format',
  severity: 'info',
  summary: 'ENV uses the legacy `ENV key value` form.',
  fix: 'Write `ENV key=value` (BuildKit reports the legacy form as LegacyKeyValueFormat).',
  *check(model) {
    for (const l of ofKind(model, 'env')) {
      if (!l.instruction.legacy) continue;
      const [k, v] = Object.entries(l.instruction.vars)[0] ?? ['', ''];
      yield { path: l.path, message: `ENV ${k} ${v} uses the legacy space-separated form`, hint: `write ENV ${k}=${quoteValue(v)}` };
    }
  },
});
