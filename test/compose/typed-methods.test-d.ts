import { describe, expectTypeOf, it } from 'vitest';
import { dockerfileRef } from '../../src/core/refs.js';
import { Compose, ComposeService, type NoNames } from '../../src/compose/index.js';

const backend = dockerfileRef('backend/Dockerfile', 'backend', ['builder', 'runtime'] as const);

describe('compose type holes', () => {
  it('healthcheck test NONE does not count as healthy', () => {
    const base = Compose.create()
      .service('db', (s) => s.image('postgres:16').healthcheck({ test: ['CMD', 'pg_isready'] }))
      .service('off', (s) => s.image('x:1').healthcheck({ test: ['NONE'] }));
    base.service('api', (s) => s.dependsOn('db', { condition: 'service_healthy' }));
    // @ts-expect-error test NONE disables the healthcheck: 'off' never becomes healthy
    base.service('api', (s) => s.dependsOn('off', { condition: 'service_healthy' }));
    base.service('api', (s) => s.dependsOn('off', { condition: 'service_started' }));
    Compose.create().service('a', (s) => {
      expectTypeOf(s.healthcheck({ test: ['NONE'] })).toEqualTypeOf<ComposeService<NoNames, false>>();
      return s;
    });
  });

  it('build secrets must be declared secrets', () => {
    const c = Compose.create().secret('npm_token', { environment: 'NPM_TOKEN' });
    c.service('web', (s) => s.build({ context: './web', secrets: ['npm_token', { source: 'npm_token', target: 'npmrc' }] }));
    c.service('web', (s) => s.build(backend, { target: 'runtime', secrets: ['npm_token'] }));
    // @ts-expect-error 'npm_tokn' is not a declared secret
    c.service('web', (s) => s.build({ context: './web', secrets: ['npm_tokn'] }));
    // @ts-expect-error the long form's source must be declared too
    c.service('web', (s) => s.build({ context: './web', secrets: [{ source: 'other' }] }));
    // @ts-expect-error nor through a Dockerfile ref
    c.service('web', (s) => s.build(backend, { target: 'runtime', secrets: ['npm_tokn'] }));
  });

  it('models must be declared models', () => {
    const c = Compose.create().model('llm', { model: 'ai/smollm2' });
    c.service('app', (s) => s.models('llm'));
    c.service('app', (s) => s.models('llm', { endpoint_var: 'AI_URL' }));
    // @ts-expect-error 'lm' is not a declared model
    c.service('app', (s) => s.models('lm'));
    // @ts-expect-error no model is declared yet
    Compose.create().service('app', (s) => s.models('llm'));
  });

  it('volumes_from names services defined before (or a container)', () => {
    const c = Compose.create().service('data', (s) => s.image('busybox:1.36'));
    c.service('app', (s) => s.volumesFrom('data', 'data:ro', 'container:legacy'));
    // @ts-expect-error 'dta' is not a service
    c.service('app', (s) => s.volumesFrom('dta'));
    // @ts-expect-error only :ro or :rw
    c.service('app', (s) => s.volumesFrom('data:rx'));
  });

  it('typed options take the model types', () => {
    Compose.create().service('a', (s) =>
      s.stopGracePeriod('10s').platform('linux/arm64/v8').tmpfs('/tmp').resources({ limits: { memory: '1G' } }).ulimits({ nofile: { soft: 1, hard: 2 } }),
    );
    // @ts-expect-error a duration needs a unit
    Compose.create().service('a', (s) => s.stopGracePeriod('10'));
    // @ts-expect-error a platform is os/arch
    Compose.create().service('a', (s) => s.platform('amd64'));
    // @ts-expect-error a tmpfs mount is an absolute path
    Compose.create().service('a', (s) => s.tmpfs('tmp'));
    // @ts-expect-error resources has limits and reservations only
    Compose.create().service('a', (s) => s.resources({ limit: { memory: '1G' } }));
    // @ts-expect-error an extension key starts with x-
    Compose.create().extension('owner', 1);
    // @ts-expect-error a model needs its model field
    Compose.create().model('llm', { context_size: 1 });
  });
});
