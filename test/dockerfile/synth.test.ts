import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bindMount, cacheMount, Dockerfile, image, parseDockerfile, secretMount, sshMount, synthDockerfile, tmpfsMount,
} from '../../src/dockerfile/index.js';
import { dockerfileProblems } from '../helpers/oracles/dockerfile.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/dockerfile/${name}`, import.meta.url)), 'utf8');

/** Synth → oracles → parse back → same model. */
function roundTrip(df: Dockerfile<string>, allow: Parameters<typeof dockerfileProblems>[1] = {}): string {
  const text = df.toString();
  expect(dockerfileProblems(text, allow)).toEqual([]);
  const back = parseDockerfile(text);
  expect(back.issues).toEqual([]);
  const { dockerignore: _ignored, ...model } = df.toModel();
  expect(back.model).toEqual(model);
  return text;
}

export const seedBuilder = () =>
  Dockerfile.create()
    .comment('Stage 1: Builder')
    .stage('builder', 'python:3.13-slim', (s) => s.workdir('/app').run('pip install uv').copy(['pyproject.toml', 'uv.lock'], './').run('uv sync --frozen'))
    .comment('Stage 2: Runtime')
    .from('python:3.13-slim', (s) => s.copyFrom('builder', '/app/.venv', '/app/.venv').copy('.', '/app').cmd(['/app/.venv/bin/uvicorn', 'app.main:app']));

describe('synthDockerfile', () => {
  it('the builder expresses the seed Dockerfile exactly (canonical AS)', () => {
    const text = roundTrip(seedBuilder());
    expect(text).toBe(fixture('seed.Dockerfile').replace(' as builder', ' AS builder'));
  });

  it('the seed text parses and writes back byte for byte (lowercase as kept)', () => {
    const seed = fixture('seed.Dockerfile');
    expect(Dockerfile.parse(seed).toString()).toBe(seed);
  });

  it('writes every instruction with every flag, and reads it all back', () => {
    const df = Dockerfile.create()
      .syntax('docker/dockerfile:1.10')
      .check('skip=JSONArgsRecommended')
      .arg('PYTHON_VERSION', '3.13')
      .arg('BASE')
      .stage('deps', 'python:3.13-slim', (s) =>
        s
          .arg('PIP_INDEX', 'https://pypi.org/simple')
          .env({ PYTHONDONTWRITEBYTECODE: '1', GREETING: 'say "hi" to $USER', PATHS: 'C:\\dir with space' })
          .label({ 'org.opencontainers.image.title': 'api', 'com.example.note': "it's \"quoted\"" })
          .label('maintainer.email', 'a@b.c')
          .workdir('/app')
          .shell(['/bin/bash', '-o', 'pipefail', '-c'])
          .run('apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*')
          .run('pip install -r requirements.txt', {
            mounts: [
              cacheMount('/root/.cache/pip', { id: 'pip', sharing: 'locked', mode: '0755', uid: 0, gid: 0 }),
              bindMount('/tmp/requirements.txt', { source: 'requirements.txt' }),
              tmpfsMount('/tmp/scratch', { size: '64m' }),
              secretMount('pip_token', { env: 'PIP_TOKEN', required: true }),
              sshMount({ id: 'default', required: false }),
            ],
            network: 'host',
            security: 'sandbox',
          })
          .run(['python', '-c', 'print("ok")'], { network: 'none' })
          .runScript('set -e\necho one\necho two', { interpreter: 'bash' })
          .copy(['pyproject.toml', 'uv.lock'], './', { chown: 'app:app', chmod: '0644', link: true, parents: true, exclude: ['*.pyc', 'tests'] })
          .copyContent('/etc/app.conf', 'port=8000\nhost=0.0.0.0')
          .add('https://example.com/tool.tar.gz', '/opt/', { checksum: 'sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d', chown: '1000:1000', chmod: '0755', link: true, exclude: ['docs'] })
          .add('git@github.com:moby/buildkit.git#v0.14.0', '/src/buildkit', { keepGitDir: true })
          .expose(8000, '53/udp', { port: 9000, protocol: 'tcp' }, '7000-7010/sctp')
          .volume('/data', '/cache')
          .stopsignal('SIGINT')
          .healthcheck(['curl', '-f', 'http://localhost:8000/health'], { interval: '30s', timeout: '5s', startPeriod: '10s', startInterval: '2s', retries: 3 })
          .onbuild((o) => o.copy('.', '/app/src').run('make'))
          .comment('a comment that stays where it stands')
          .user('app:app')
          .entrypoint(['python3'])
          .cmd(['app.py']),
      )
      .stage('test', 'deps', (s) => s.run('pytest', { mounts: [bindMount('/src', { from: 'deps', source: '/app' })] }).healthcheckNone())
      .stage('cross', image('golang:1.23'), (s) => s.arg('TARGETOS').arg('TARGETARCH').run('GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .', { mounts: [cacheMount('/root/.cache/go-build'), bindMount('/app', { from: 'test', source: '/app', readwrite: true })] }), { platform: '$BUILDPLATFORM' })
      .from(image('gcr.io/distroless/python3-debian12:nonroot'), (s) => s.copyFrom('deps', '/app', '/app').copyFrom('cross', '/out/app', '/usr/local/bin/app').copyFrom(0, '/etc/app.conf', '/etc/app.conf').copyFrom(image('nginx:1.27'), '/etc/nginx/mime.types', '/etc/mime.types').user('nonroot'));
    const text = roundTrip(df);
    expect(text).toMatchSnapshot();
    expect(text).toContain('ENV PYTHONDONTWRITEBYTECODE=1 \\\n    GREETING="say \\"hi\\" to $USER" \\\n    PATHS="C:\\\\dir with space"\n');
    expect(text).toContain('RUN --mount=type=cache,target=/root/.cache/pip,id=pip,sharing=locked,mode=0755,uid=0,gid=0 \\\n    --mount=type=bind');
    expect(text).toContain('--network=host \\\n    --security=sandbox \\\n    pip install -r requirements.txt');
    expect(text).toContain('HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --start-interval=2s --retries=3 CMD ["curl", "-f", "http://localhost:8000/health"]');
    expect(text).toContain('RUN <<EOF bash\nset -e\necho one\necho two\nEOF');
    expect(text).toContain('ONBUILD COPY . /app/src\nONBUILD RUN make');
    expect(text).toContain('HEALTHCHECK NONE');
    expect(text).toContain('FROM --platform=$BUILDPLATFORM golang:1.23 AS cross\nARG TARGETOS\nARG TARGETARCH\n');
    expect(text).toContain('--mount=type=bind,target=/app,source=/app,from=test,readwrite=true');
    expect(text).toContain('COPY --from=0 /etc/app.conf /etc/app.conf');
    expect(text.startsWith('# syntax=docker/dockerfile:1.10\n# check=skip=JSONArgsRecommended\nARG PYTHON_VERSION=3.13\nARG BASE\nFROM python:3.13-slim AS deps\n')).toBe(true);
  });

  it('lays long shell commands out with continuations and keeps them through a round trip', () => {
    const long = 'apt-get update && apt-get install -y --no-install-recommends curl ca-certificates git && rm -rf /var/lib/apt/lists/*';
    const df = Dockerfile.create().from('debian:12-slim', (s) => s.run(long).user('nobody'));
    const text = roundTrip(df);
    expect(text).toContain('RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl ca-certificates git \\\n    && rm -rf /var/lib/apt/lists/*\n');
  });

  it('uses the escape directive for continuations and quoting', () => {
    const df = Dockerfile.create().escape('`').from('mcr.microsoft.com/windows/servercore:ltsc2022', (s) =>
      s.env('PATHX', 'C:\\tools;"x"').run('powershell -Command Write-Host one && powershell -Command Write-Host two && powershell -Command Write-Host three').user('ContainerUser'));
    const text = roundTrip(df);
    expect(text).toContain('# escape=`\n');
    expect(text).toContain('ENV PATHX="C:\\tools;`"x`""');
    expect(text).toContain(' `\n    && powershell');
  });

  it('writes JSON form for paths with spaces', () => {
    const df = Dockerfile.create().from('alpine:3.20', (s) => s.copy('my file.txt', '/app/my file.txt').volume('/my data').user('nobody'));
    const text = roundTrip(df);
    expect(text).toContain('COPY ["my file.txt", "/app/my file.txt"]');
    expect(text).toContain('VOLUME ["/my data"]');
  });

  it('is fast: a three-stage Dockerfile synthesizes well under a millisecond', () => {
    const model = Dockerfile.parse(fixture('seed.Dockerfile')).toModel();
    const three = { ...model, stages: [...model.stages, { from: 'alpine:3.20', instructions: model.stages[1]!.instructions }] };
    for (let i = 0; i < 200; i++) synthDockerfile(three);
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) synthDockerfile(three);
    // ~0.015 ms on an idle machine; the bound leaves room for a loaded CI box
    expect((performance.now() - t0) / n).toBeLessThan(0.5);
  });
});

describe('docs/dockerfile.md', () => {
  it('the guide\'s example emits the text the guide shows', async () => {
    const { cacheMount: cm, dockerignorePresets } = await import('../../src/dockerfile/index.js');
    const doc = readFileSync(fileURLToPath(new URL('../../docs/dockerfile.md', import.meta.url)), 'utf8');
    const shown = /```dockerfile\n([\s\S]*?)```/.exec(doc)![1]!;
    const api = Dockerfile.create()
      .syntax('docker/dockerfile:1')
      .comment('Stage 1: Builder')
      .stage('builder', 'python:3.13-slim', (s) =>
        s.workdir('/app').run('pip install uv').copy(['pyproject.toml', 'uv.lock'], './').run('uv sync --frozen', { mounts: [cm('/root/.cache/uv')] }))
      .comment('Stage 2: Runtime')
      .stage('runtime', 'python:3.13-slim', (s) =>
        s.copyFrom('builder', '/app/.venv', '/app/.venv').copy('.', '/app').run('useradd --create-home app').user('app').cmd(['/app/.venv/bin/uvicorn', 'app.main:app']))
      .dockerignore(dockerignorePresets.python());
    expect(api.toString()).toBe(shown);
    expect(dockerfileProblems(shown)).toEqual([]);
    // the guide's Dockerfile follows its own advice: no rule fires
    const { dockerfileKind } = await import('../../src/dockerfile/index.js');
    expect(dockerfileKind.validate(api.toModel(), { file: 'Dockerfile' })).toEqual([]);
  });
});

describe('ENV and LABEL layout', () => {
  it('writes many pairs one per continuation line, and reads them back', () => {
    const df = Dockerfile.create().from('python:3.13-slim', (s) =>
      s.label({ 'org.opencontainers.image.title': 'api', 'org.opencontainers.image.source': 'https://github.com/acme/api', 'org.opencontainers.image.licenses': 'MIT' })
        .env({ PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' })
        .user('app'));
    const text = roundTrip(df);
    expect(text).toContain('LABEL org.opencontainers.image.title=api \\\n    org.opencontainers.image.source=https://github.com/acme/api \\\n    org.opencontainers.image.licenses=MIT\n');
    expect(text).toContain('ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1\n');
  });
});

describe('heredocs', () => {
  it('several named files in one COPY, read back and accepted by the oracles', () => {
    const df = Dockerfile.create().syntax('docker/dockerfile:1').from('nginx:1.27', (s) =>
      s.copyFiles('/etc/nginx/conf.d', { 'default.conf': 'server {\n    listen 8080;\n}', 'gzip.conf': 'gzip on;' }).runScript('nginx -t\necho ok').user('nginx'));
    const text = roundTrip(df);
    expect(text).toContain('COPY <<"default.conf" <<"gzip.conf" /etc/nginx/conf.d/\nserver {\n    listen 8080;\n}\ndefault.conf\ngzip on;\ngzip.conf\n');
  });

  it('a shell `<<` that is not a whole word is not a heredoc', () => {
    const df = Dockerfile.create().from('alpine:3.20', (s) => s.run('echo $((1<<2)) && cat<<x').user('nobody'));
    const text = roundTrip(df);
    expect(parseDockerfile(text).model!.stages[0]!.instructions[0]).toEqual({ kind: 'run', command: 'echo $((1<<2)) && cat<<x' });
  });
});
