/**
 * The strongest check: a real build with buildah (ORACLES.md). Skipped when buildah and the local
 * OCI setup (`../shared/tools/oci-build-setup.sh setup`) are not there. Debian 12's buildah cannot
 * build heredocs, COPY --link/--exclude/--parents, ADD --checksum or RUN --network, so this file
 * avoids them (the unit tests cover their text).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheMount, Dockerfile, dockerignorePresets, image, synthDockerignore } from '../../../src/dockerfile/index.js';
import { dockerfileProblems } from '../../helpers/oracles/dockerfile.js';
import { ociEnv } from './oci-env.js';

const env = ociEnv();
const BUSYBOX = image('localhost/busybox:latest');
const tag = `localhost/devstack-kit-dockerfile-test:${process.pid}`;
const dirs: string[] = [];

afterAll(() => {
  if (env) try { execFileSync('buildah', ['rmi', '-f', tag], { env, stdio: 'ignore' }); } catch { /* already gone */ }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!env)('a synthesized Dockerfile really builds (buildah)', () => {
  it('multi-stage, cache mount, COPY --from, quoted ENV/LABEL values, .dockerignore, non-root user', () => {
    const tricky = 'say "hi" to \\$USER at C:\\dir; it\'s ok — ✓';
    const df = Dockerfile.create()
      .syntax('docker/dockerfile:1')
      .arg('GREETING_DEFAULT', 'hello world')
      .stage('builder', BUSYBOX, (s) =>
        s.workdir('/app')
          .copy('app.txt', './')
          .run('mkdir -p /cache && date > /cache/stamp && cp app.txt built.txt', { mounts: [cacheMount('/cache', { id: 'devstack-kit-test' })] })
          .copy('.', '/ctx')
          .run('test ! -e /ctx/.env && test ! -d /ctx/.git && test -e /ctx/app.txt'))
      .from(BUSYBOX, (s) =>
        s.arg('GREETING_DEFAULT')
          .env({ TRICKY: tricky, GREETING: '${GREETING_DEFAULT}' })
          .label({ 'org.opencontainers.image.title': tricky })
          .copyFrom('builder', '/app/built.txt', '/srv/built.txt', { chown: '65534:65534' })
          .workdir('/srv')
          .expose(8080)
          .user('65534')
          .healthcheck(['cat', '/srv/built.txt'], { interval: '30s', timeout: '3s', retries: 3 })
          .cmd(['cat', '/srv/built.txt']))
      .dockerignore(dockerignorePresets.seed());
    const text = df.toString();
    expect(dockerfileProblems(text)).toEqual([]);

    const ctx = mkdtempSync(join(tmpdir(), 'devstack-kit-build-'));
    dirs.push(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), text);
    writeFileSync(join(ctx, '.dockerignore'), synthDockerignore(df.dockerignoreModel()!));
    writeFileSync(join(ctx, 'app.txt'), 'built\n');
    writeFileSync(join(ctx, '.env'), 'SECRET=1\n');
    mkdirSync(join(ctx, '.git'));
    writeFileSync(join(ctx, '.git', 'HEAD'), 'ref: refs/heads/main\n');

    execFileSync('buildah', ['build', '--layers', '--force-rm', '-t', tag, '-f', join(ctx, 'Dockerfile'), ctx], { env, stdio: 'pipe', timeout: 120_000 });
    const inspect = JSON.parse(execFileSync('buildah', ['inspect', '--type', 'image', tag], { env, encoding: 'utf8' })) as {
      Docker: { config: { Env: string[]; Labels: Record<string, string>; User: string; Cmd: string[]; Healthcheck?: { Test: string[]; Retries: number }; ExposedPorts: Record<string, unknown> } };
    };
    const cfg = inspect.Docker.config;
    // Docker reads the quoted value back exactly ("\$" is a literal dollar)
    expect(cfg.Env).toContain(`TRICKY=${tricky.replace('\\$', '$')}`);
    expect(cfg.Env).toContain('GREETING=hello world');
    expect(cfg.Labels['org.opencontainers.image.title']).toBe(tricky.replace('\\$', '$'));
    expect(cfg.User).toBe('65534');
    expect(cfg.Cmd).toEqual(['cat', '/srv/built.txt']);
    expect(cfg.Healthcheck?.Test).toEqual(['CMD', 'cat', '/srv/built.txt']);
    expect(Object.keys(cfg.ExposedPorts)).toEqual(['8080/tcp']);
  }, 180_000);

  it('still fails a broken Dockerfile (the oracle can say no)', () => {
    const ctx = mkdtempSync(join(tmpdir(), 'devstack-kit-build-'));
    dirs.push(ctx);
    const broken = Dockerfile.create().from(BUSYBOX, (s) => s.copy('missing.txt', '/x').user('65534')).toString();
    writeFileSync(join(ctx, 'Dockerfile'), broken);
    expect(() => execFileSync('buildah', ['build', '--layers', '--force-rm', '-f', join(ctx, 'Dockerfile'), ctx], { env, stdio: 'pipe', timeout: 120_000 })).toThrow();
  }, 180_000);
});
