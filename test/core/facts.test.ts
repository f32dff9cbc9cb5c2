import { describe, expect, expectTypeOf, it } from 'vitest';
import { imageHealthcheck, type DockerfileFacts } from '../../src/core/facts.js';
import { dockerfileKind } from '../../src/dockerfile/index.js';
import { Dockerfile } from '../../src/dockerfile/builder.js';
import { App } from '../../src/app/app.js';
import { Compose } from '../../src/compose/index.js';

describe('cross-file facts are typed, derived by the Dockerfile kind', () => {
  const df = Dockerfile.parse('FROM python:3.13-slim AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base AS runtime\nUSER app\nFROM base AS test\nHEALTHCHECK NONE\n');

  it('a Dockerfile model gives its stages and healthchecks', () => {
    const facts = dockerfileKind.facts!(df.toModel());
    expectTypeOf(facts.dockerfile).toEqualTypeOf<DockerfileFacts | undefined>();
    expect(facts.dockerfile?.stages).toEqual([
      { name: 'base', from: 'python:3.13-slim', healthcheck: 'check' },
      { name: 'runtime', from: 'base', healthcheck: undefined },
      { name: 'test', from: 'base', healthcheck: 'none' },
    ]);
    expect(imageHealthcheck(facts.dockerfile!, 'runtime')).toBe(true);
    expect(imageHealthcheck(facts.dockerfile!, 'test')).toBe(false);
    expect(imageHealthcheck({ stages: [{ name: undefined, from: 'alpine:3.20', healthcheck: undefined }] }, undefined)).toBeUndefined();
  });

  it('reads any model without throwing', () => {
    expect(dockerfileKind.facts!({ stages: 5 } as never).dockerfile?.stages).toEqual([]);
    expect(dockerfileKind.facts!({ stages: [null, { from: 1 }] } as never).dockerfile?.stages).toEqual([
      { name: undefined, from: '', healthcheck: undefined },
      { name: undefined, from: '', healthcheck: undefined },
    ]);
  });

  it('reach compose rules through the App', () => {
    const app = new App();
    app.dockerfile('worker/Dockerfile', df.dockerignore((d) => d.ignore('.git')));
    const compose = Compose.create()
      .service('worker', (s) => s.$raw({ build: { context: './worker', target: 'runtime' } }))
      .service('api', (s) => s.image('api:1').$raw({ depends_on: { worker: { condition: 'service_healthy' } } }));
    app.compose('compose.yaml', compose);
    expect(app.validate().filter((i) => i.code === 'compose/healthy-without-healthcheck')).toEqual([]);
  });
});
