import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyLintConfig, runRules } from '../../src/core/rule.js';
import { formatIssue } from '../../src/core/issue.js';
import { dockerfileCodes, dockerfileKind, dockerfileRules, dockerignoreKind, dockerignorePresets, dockerignoreRules, parseDockerfile, parseDockerignore } from '../../src/dockerfile/index.js';
import type { DockerfileModel } from '../../src/dockerfile/index.js';

const dir = (p: string): string => fileURLToPath(new URL(`../fixtures/dockerfile/${p}`, import.meta.url));
const read = (p: string): string => readFileSync(dir(p), 'utf8');

function model(text: string): DockerfileModel {
  const r = parseDockerfile(text);
  expect(r.issues).toEqual([]);
  return r.model!;
}

describe('every Dockerfile rule has a failing and a passing fixture', () => {
  for (const rule of dockerfileRules) {
    const name = rule.code.replace(/^docker\//, '');
    describe(rule.code, () => {
      // copy-ignored-source needs a .dockerignore: the node preset's (dist, .env, .env.* but .env.example)
      const withIgnore = (m: DockerfileModel): DockerfileModel => (name === 'copy-ignored-source' ? { ...m, dockerignore: dockerignorePresets.node().toModel() } : m);
      it('reports the failing fixture', () => {
        const issues = runRules([rule], withIgnore(model(read(`rules/${name}.bad.Dockerfile`))), { file: 'Dockerfile' });
        expect(issues.length).toBeGreaterThan(0);
        for (const i of issues) {
          expect(i.code).toBe(rule.code);
          expect(i.message.length).toBeGreaterThan(10);
          expect(formatIssue({ ...i, file: 'Dockerfile' })).toContain(`[${rule.code}]`);
        }
      });
      it('accepts the passing fixture', () => {
        if (name === 'no-dockerignore') {
          const m = model(read(`rules/${name}.bad.Dockerfile`));
          expect(runRules([rule], { ...m, dockerignore: dockerignorePresets.seed().toModel() }, {})).toEqual([]);
          const siblings = new Map([['backend/.dockerignore', { kind: 'dockerignore', model: {} }]]);
          expect(runRules([rule], m, { file: 'backend/Dockerfile', siblings })).toEqual([]);
          const shared = new Map([['backend/api.Dockerfile.dockerignore', { kind: 'dockerignore', model: {} }]]);
          expect(runRules([rule], m, { file: 'backend/api.Dockerfile', siblings: shared })).toEqual([]);
          expect(runRules([rule], m, { file: 'backend/Dockerfile', siblings: shared })).toHaveLength(1);
          return;
        }
        expect(existsSync(dir(`rules/${name}.good.Dockerfile`))).toBe(true);
        expect(runRules([rule], withIgnore(model(read(`rules/${name}.good.Dockerfile`))), { file: 'Dockerfile' })).toEqual([]);
      });
    });
  }
});

describe('every .dockerignore rule has a failing and a passing fixture', () => {
  for (const rule of dockerignoreRules) {
    const name = rule.code.replace(/^dockerignore\//, '');
    it(`${rule.code}: fails the bad file, passes the good one`, () => {
      expect(runRules([rule], parseDockerignore(read(`rules/${name}.bad.dockerignore`)).model!, {}).length).toBeGreaterThan(0);
      expect(runRules([rule], parseDockerignore(read(`rules/${name}.good.dockerignore`)).model!, {})).toEqual([]);
    });
  }
});

describe('rule details', () => {
  it('lints the seed brief\'s own Dockerfile: root user and `as` casing at least', () => {
    const issues = dockerfileKind.validate(model(read('seed.Dockerfile')), { file: 'backend/Dockerfile' });
    const codes = issues.map((i) => i.code);
    expect(codes).toContain('docker/root-user');
    expect(codes).toContain('docker/from-as-casing');
    expect(codes).toContain('docker/no-dockerignore');
    expect(issues.find((i) => i.code === 'docker/root-user')).toMatchObject({ severity: 'warning', file: 'backend/Dockerfile', path: ['stages', 1] });
  });

  it('latest-tag offers digest pinning in the hint', () => {
    const [issue] = runRules(dockerfileRules.filter((r) => r.code === 'docker/latest-tag'), model('FROM python\nUSER app\n'), {});
    expect(issue!.hint).toMatch(/@sha256:/);
  });

  it('healthcheck-compose-test catches Compose\'s ["CMD", …] carried into a Dockerfile builder, with the command to write', async () => {
    const { Dockerfile } = await import('../../src/dockerfile/index.js');
    const df = Dockerfile.create().stage('runtime', 'node:22-slim', (s) => s.user('node').healthcheck(['CMD', 'node', 'healthcheck.js']).cmd(['node', 'index.js']));
    const issues = runRules(dockerfileRules, df.toModel(), { file: 'api/Dockerfile' }).filter((i) => i.code === 'docker/healthcheck-compose-test');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.severity).toBe('error');
    expect(issues[0]!.path).toEqual(['stages', 0, 'instructions', 1]);
    expect(issues[0]!.hint).toBe('write HEALTHCHECK CMD ["node", "healthcheck.js"] (leave "CMD" out of the list)');
    const shell = runRules(dockerfileRules, model('FROM a:1\nUSER a\nHEALTHCHECK CMD ["CMD-SHELL", "pg_isready -U postgres"]\n'), {}).filter((i) => i.code === 'docker/healthcheck-compose-test');
    expect(shell[0]!.hint).toBe('write HEALTHCHECK CMD pg_isready -U postgres (pass the builder a string for the shell form)');
  });

  it('copy-ignored-source names each excluded source, reads the .dockerignore beside the Dockerfile, and has nothing to say without one', () => {
    const m = model(read('rules/copy-ignored-source.bad.Dockerfile'));
    const ignore = dockerignorePresets.node().toModel();
    const own = runRules(dockerfileRules, { ...m, dockerignore: ignore }, { file: 'api/Dockerfile' }).filter((i) => i.code === 'docker/copy-ignored-source');
    expect(own.map((i) => [i.path, i.message])).toEqual([
      [['stages', 0, 'instructions', 3], 'COPY dist: "dist" is excluded by api/.dockerignore, so it is not in the build context and the build fails'],
      [['stages', 0, 'instructions', 4], 'COPY ./.env: ".env" is excluded by api/.dockerignore, so it is not in the build context and the build fails'],
    ]);
    const siblings = new Map([['api/.dockerignore', { kind: 'dockerignore', model: ignore }]]);
    expect(runRules(dockerfileRules, m, { file: 'api/Dockerfile', siblings }).filter((i) => i.code === 'docker/copy-ignored-source')).toHaveLength(2);
    expect(runRules(dockerfileRules, m, { file: 'api/Dockerfile' }).filter((i) => i.code === 'docker/copy-ignored-source')).toEqual([]);
  });

  it('secret-in-env points at a secret mount', () => {
    const issues = runRules(dockerfileRules.filter((r) => r.code === 'docker/secret-in-env'), model(read('rules/secret-in-env.bad.Dockerfile')), {});
    expect(issues.map((i) => i.message.split(' ').slice(0, 2).join(' '))).toEqual([
      'ARG GITHUB_TOKEN', 'ENV DB_PASSWORD', 'ARG API_KEY', 'ENV MY_SECRET_THING', 'ENV PGPASSWORD', 'ENV GH_PAT', 'ENV NPM_AUTH_TOKEN',
      'ARG DEPLOY_PRIVATE_KEY', 'LABEL registry.auth', 'ENV DATABASE_URL',
    ]);
    expect(issues[0]!.hint).toContain('--mount=type=secret');
    expect(issues[8]!.message).toMatch(/labels are readable by anyone who can pull the image/);
    expect(issues[9]!.message).toContain('postgres://app:***@db.internal:5432/app');
    expect(issues.every((i) => !i.message.includes('hunter2'))).toBe(true);
  });

  it('secret-in-env reads ONBUILD triggers and ARG defaults, and leaves local-development URLs alone', () => {
    const codes = (text: string) => runRules(dockerfileRules.filter((r) => r.code === 'docker/secret-in-env'), model(text), {}).map((i) => i.path.join('.'));
    expect(codes('FROM alpine:3.20\nONBUILD ENV SENTRY_AUTH_TOKEN=x\n')).toEqual(['stages.0.instructions.0']);
    expect(codes('ARG MIRROR=https://ci:s3cret@mirror.example.com/simple\nFROM alpine:3.20\n')).toEqual(['preamble.0']);
    expect(codes('FROM alpine:3.20\nARG DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\nENV REDIS_URL=redis://:pw@127.0.0.1:6379\n')).toEqual([]);
  });

  it('the new security rules: the forms each one catches and leaves alone', () => {
    const codes = (text: string, code: string) => runRules(dockerfileRules.filter((r) => r.code === code), model(text), {}).length;
    const run = (cmd: string) => `FROM alpine:3.20\nRUN ${cmd}\n`;
    // pipe-to-shell
    expect(codes(run('curl -sSf https://sh.rustup.rs | sh -s -- -y'), 'docker/pipe-to-shell')).toBe(1);
    expect(codes(run('wget -O - https://x.example/i.sh | /bin/bash'), 'docker/pipe-to-shell')).toBe(1);
    expect(codes(run('bash <(curl -s https://x.example/i.sh)'), 'docker/pipe-to-shell')).toBe(1);
    expect(codes(run('curl -s https://x.example/i.py | python3 -'), 'docker/pipe-to-shell')).toBe(1);
    expect(codes(run('curl -s https://x.example/a.tgz | tar -xz -C /opt'), 'docker/pipe-to-shell')).toBe(0);
    expect(codes(run('curl -s https://api.github.com/repos/a/b/releases/latest | python3 -c "import json,sys; print(json.load(sys.stdin))"'), 'docker/pipe-to-shell')).toBe(0);
    expect(codes(run('curl -s https://x.example/v.json | node -e "process.stdin.pipe(process.stdout)"'), 'docker/pipe-to-shell')).toBe(0);
    expect(codes(run('curl -s https://x.example/get-pip.py | python'), 'docker/pipe-to-shell')).toBe(1);
    expect(codes(run('curl -fsSL https://x.example/key.gpg | gpg --dearmor -o /usr/share/keyrings/x.gpg'), 'docker/pipe-to-shell')).toBe(0);
    // sudo
    expect(codes(run('apt-get update; sudo -u app make'), 'docker/sudo')).toBe(1);
    expect(codes(run('echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app'), 'docker/sudo')).toBe(0);
    // world-writable
    for (const mode of ['777', '0777', '666', 'o+w', 'a=rwx', 'ugo+rw']) expect(codes(run(`chmod ${mode} /data`), 'docker/world-writable'), mode).toBe(1);
    for (const mode of ['755', '1777', '0644', 'u+x', 'g+w', '+x', '2775']) expect(codes(run(`chmod ${mode} /data`), 'docker/world-writable'), mode).toBe(0);
    // expose-ssh: ranges that include 22, tcp only
    expect(codes('FROM alpine:3.20\nEXPOSE 20-25\n', 'docker/expose-ssh')).toBe(1);
    expect(codes('FROM alpine:3.20\nEXPOSE 220 22/udp\n', 'docker/expose-ssh')).toBe(0);
    // add-url-without-checksum: http(s) files only
    expect(codes('FROM alpine:3.20\nADD http://x.example/a.tar.gz /opt/\n', 'docker/add-url-without-checksum')).toBe(1);
    expect(codes('FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\nADD a.tar.gz /opt/\n', 'docker/add-url-without-checksum')).toBe(0);
  });

  it('root-user follows a stage built FROM another stage', () => {
    const m = model('FROM alpine:3.20 AS base\nUSER app\nFROM base\nRUN true\n');
    expect(runRules(dockerfileRules.filter((r) => r.code === 'docker/root-user'), m, {})).toEqual([]);
    const root = model('FROM alpine:3.20\nUSER app\nUSER root\n');
    expect(runRules(dockerfileRules.filter((r) => r.code === 'docker/root-user'), root, {})[0]!.path).toEqual(['stages', 0, 'instructions', 1]);
  });

  it('arg-before-declared names each case', () => {
    const issues = runRules(dockerfileRules.filter((r) => r.code === 'docker/arg-before-declared'), model(read('rules/arg-before-declared.bad.Dockerfile')), {});
    // FROM python:$PY_VERSION (no default) is docker/undeclared-from-arg's: an error, the build fails
    expect(issues.map((i) => i.message)).toEqual([
      '$VERSION is a global ARG, which is not visible inside a stage until redeclared',
      '$RELEASE is used before ARG RELEASE is declared in this stage',
    ]);
  });

  it('undeclared-from-arg: FROM ${X} with no ARG X before the first FROM is an error; a default or a predefined ARG is not', () => {
    const only = (text: string) => runRules(dockerfileRules.filter((r) => r.code === 'docker/undeclared-from-arg'), model(text), {});
    const bad = only(read('rules/undeclared-from-arg.bad.Dockerfile'));
    expect(bad.map((i) => [i.severity, i.path.join('.'), i.message.split(',')[0]])).toEqual([
      ['error', 'stages.0.from', 'FROM uses $BASE'],
      ['error', 'stages.1.platform', 'FROM uses $TARGET_PLATFORM'],
    ]);
    expect(only('FROM python:$PY_VERSION\n').map((i) => i.path.join('.'))).toEqual(['stages.0.from']);
    // an ARG after the first FROM is a stage's, not visible to FROM lines
    expect(only('FROM alpine:3.20 AS a\nARG BASE=alpine:3.20\nFROM ${BASE} AS b\n')).toHaveLength(1);
    expect(only('FROM ${BASE:-python:3.13}\nFROM ${B2-alpine}\nFROM --platform=$BUILDPLATFORM alpine:3.20\nFROM \\$X\n')).toEqual([]);
    // the default-covered form is still arg-before-declared's warning
    const warn = runRules(dockerfileRules.filter((r) => r.code === 'docker/arg-before-declared'), model('FROM ${BASE:-python:3.13}\n'), {});
    expect(warn.map((i) => i.severity)).toEqual(['warning']);
  });

  it('arg-before-declared leaves names an ENV sets to the base image (PATH, HOME), and still reports a later ARG', () => {
    const found = (text: string) => runRules(dockerfileRules.filter((r) => r.code === 'docker/arg-before-declared'), model(text), {}).map((i) => i.message);
    expect(found('FROM python:3.13-slim\nENV PATH=/app/.venv/bin:$PATH\nUSER app\n')).toEqual([]);
    expect(found('FROM python:3.13-slim\nWORKDIR $HOME/app\nENV HOME=/home/app\nUSER app\n')).toEqual([]);
    expect(found('FROM python:3.13-slim\nWORKDIR /src/$NAME\nARG NAME\nUSER app\n')).toEqual(['$NAME is used before ARG NAME is declared in this stage']);
  });

  describe('copy-before-install accepts the documented two-phase installs', () => {
    const found = (text: string) => runRules(dockerfileRules.filter((r) => r.code === 'docker/copy-before-install'), model(text), {}).map((i) => i.path.join('.'));
    it.each([
      ['uv (its Docker guide)', 'FROM python:3.13-slim\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.cache/uv \\\n    --mount=type=bind,source=uv.lock,target=uv.lock \\\n    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \\\n    uv sync --locked --no-install-project\nCOPY . /app\nRUN --mount=type=cache,target=/root/.cache/uv uv sync --locked\nUSER app\n'],
      ['uv, lock copied first', 'FROM python:3.13-slim\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nCOPY . .\nRUN uv sync --frozen\nUSER app\n'],
      ['pip: requirements, then the project', 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install --no-deps .\nUSER app\n'],
      ['npm: lock, then a second install', 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm install --offline\nUSER node\n'],
      ['pnpm fetch, then an offline install', 'FROM node:22-slim\nWORKDIR /app\nCOPY pnpm-lock.yaml ./\nRUN pnpm fetch\nCOPY . .\nRUN pnpm install --offline\nUSER node\n'],
      ['dependencies installed in the stage it is built from', 'FROM python:3.13-slim AS deps\nWORKDIR /app\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen --no-install-project\nFROM deps AS app\nCOPY . .\nRUN uv sync --frozen\nUSER app\n'],
    ])('%s', (_name, text) => {
      expect(found(text)).toEqual([]);
    });

    it('but an earlier install of a tool does not count', () => {
      expect(found('FROM python:3.13-slim\nWORKDIR /app\nRUN pip install --upgrade pip\nCOPY . .\nRUN pip install -r requirements.txt\nUSER app\n')).toEqual(['stages.0.instructions.2']);
      expect(found('FROM node:22-slim\nWORKDIR /app\nRUN npm install -g pnpm\nCOPY . .\nRUN pnpm install\nUSER node\n')).toEqual(['stages.0.instructions.2']);
    });
  });

  it('stage-order and unknown-stage separate a later stage from a missing one', () => {
    const order = runRules(dockerfileRules.filter((r) => r.code === 'docker/stage-order'), model(read('rules/stage-order.bad.Dockerfile')), {});
    expect(order.map((i) => i.path.join('.'))).toEqual(['stages.1.from', 'stages.0.instructions.0.from', 'stages.0.instructions.1.from']);
    const unknown = runRules(dockerfileRules.filter((r) => r.code === 'docker/unknown-stage'), model(read('rules/unknown-stage.bad.Dockerfile')), {});
    expect(unknown.map((i) => i.message)).toEqual([
      'COPY --from=biuld: expected a stage ("build"), received "biuld"',
      'COPY --from=5: expected a stage index below 2, received 5',
      'RUN --mount from=sources: expected a stage ("build"), received "sources"',
    ]);
  });

  it('severities are configurable through LintConfig; suppressions need a reason', () => {
    const issues = dockerfileKind.validate(model(read('seed.Dockerfile')), { file: 'Dockerfile' });
    const known = new Set(dockerfileCodes.map((c) => c.code));
    const out = applyLintConfig(issues, { severity: { 'docker/root-user': 'error', 'docker/from-as-casing': 'off' }, suppress: [{ code: 'docker/no-dockerignore', reason: 'the App writes it' }] }, known);
    expect(out.find((i) => i.code === 'docker/root-user')!.severity).toBe('error');
    expect(out.some((i) => i.code === 'docker/from-as-casing' || i.code === 'docker/no-dockerignore')).toBe(false);
  });

  it('the kind reports schema issues before rules, with file and path', () => {
    const bad = { stages: [{ from: 'alpine:3.20', instructions: [{ kind: 'healthcheck', interval: '10', command: ['true'] }] }] } as unknown as DockerfileModel;
    const issues = dockerfileKind.validate(bad, { file: 'Dockerfile' });
    expect(issues).toEqual([expect.objectContaining({ code: 'docker/schema/invalid-duration', file: 'Dockerfile', path: ['stages', 0, 'instructions', 0, 'interval'], hint: expect.any(String) })]);
    expect(issues[0]!.message).toBe('expected a duration like "30s" or "1m30s", received "10"');
    expect(dockerignoreKind.validate({ entries: [{ kind: 'ignore', pattern: '' }] }, {})[0]!.code).toBe('dockerignore/schema/invalid-format');
  });

  it('every reported code is registered in dockerfileCodes', () => {
    const known = new Set(dockerfileCodes.map((c) => c.code));
    for (const r of [...dockerfileRules, ...dockerignoreRules]) expect(known.has(r.code)).toBe(true);
    expect(new Set(dockerfileCodes.map((c) => c.code)).size).toBe(dockerfileCodes.length);
  });
});

describe('rules on the real-world corpus', () => {
  const CORPUS = fileURLToPath(new URL('../../../shared/corpus/dockerfile/', import.meta.url));
  const lint = (name: string): string[] => dockerfileKind.validate(parseDockerfile(readFileSync(CORPUS + name, 'utf8')).model!, { file: name }).map((i) => i.code);

  it('finds the anti-patterns real files have', () => {
    expect(lint('sparkjava-mysql__backend__Dockerfile')).toContain('docker/shell-form-command');
    expect(lint('vuejs__vuejs__Dockerfile')).toEqual(expect.arrayContaining(['docker/copy-before-install', 'docker/from-as-casing', 'docker/root-user']));
    expect(lint('react-java-mysql__frontend__Dockerfile')).toContain('docker/apt-no-install-recommends');
    expect(lint('react-express-mysql__frontend__Dockerfile')).toContain('docker/latest-tag');
    expect(lint('nginx-wsgi-flask__nginx__Dockerfile')).not.toContain('docker/root-user');
    expect(lint('angular__angular__Dockerfile')).not.toContain('docker/multiple-cmd'); // one CMD per stage: inherited CMDs are not repeats
  });

  it('never reports an error-severity code on a corpus file that Docker builds', () => {
    for (const name of readdirSync(CORPUS)) {
      const errors = dockerfileKind.validate(parseDockerfile(readFileSync(CORPUS + name, 'utf8')).model!, { file: name }).filter((i) => i.severity === 'error');
      expect(errors, name).toEqual([]);
    }
  });
});
