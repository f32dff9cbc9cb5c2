import { describe, expect, it } from 'vitest';
import { dockerfileRef } from '../../src/core/refs.js';
import { Compose, ComposeService } from '../../src/compose/index.js';
import type { AnyNames } from '../../src/compose/builder.js';

const backend = dockerfileRef('backend/Dockerfile', 'backend', ['builder', 'runtime'] as const);

// Service builders share the frozen parts of their model; forking a base must still never leak a
// change from one variant into the base or into another variant.
describe('ComposeService forks', () => {
  it('keeps a base and its variants independent, however many methods are chained', () => {
    type Service = ComposeService<AnyNames, boolean>;
    let base: Service | undefined;
    let left: Service | undefined;
    let right: Service | undefined;
    Compose.create().service('api', (service) => {
      const s = service as unknown as Service;
      const b: Service = s
        .image('api:1')
        .ports('8000:8000')
        .environment({ A: '1' })
        .labels({ team: 'core' })
        .healthcheck({ test: ['CMD', 'true'], interval: '10s' })
        .watch({ action: 'sync', path: './src', target: '/app/src' });
      base = b;
      left = b.ports('9000:9000').env('B', '2').labels({ tier: 'web' }).watch({ action: 'rebuild', path: './uv.lock' }).networks('front');
      right = b.build(backend, { target: 'runtime' }).volume('./data', '/data').environment({ C: '3' }).networks('back');
      return service;
    });
    const model = (s: Service | undefined) => ComposeService.stateOf(s!).model;
    expect(model(base)).toEqual({
      image: 'api:1',
      ports: ['8000:8000'],
      environment: { A: '1' },
      labels: { team: 'core' },
      healthcheck: { test: ['CMD', 'true'], interval: '10s' },
      develop: { watch: [{ action: 'sync', path: './src', target: '/app/src' }] },
    });
    expect(model(left)).toEqual({
      image: 'api:1',
      ports: ['8000:8000', '9000:9000'],
      environment: { A: '1', B: '2' },
      labels: { team: 'core', tier: 'web' },
      healthcheck: { test: ['CMD', 'true'], interval: '10s' },
      develop: { watch: [{ action: 'sync', path: './src', target: '/app/src' }, { action: 'rebuild', path: './uv.lock' }] },
      networks: ['front'],
    });
    expect(model(right)).toEqual({
      image: 'api:1',
      ports: ['8000:8000'],
      environment: { C: '3' },
      labels: { team: 'core' },
      healthcheck: { test: ['CMD', 'true'], interval: '10s' },
      develop: { watch: [{ action: 'sync', path: './src', target: '/app/src' }] },
      volumes: ['./data:/data'],
      networks: ['back'],
    });
    for (const s of [base, left, right]) expect(Object.isFrozen(model(s).develop?.watch)).toBe(true);
  });

  it('does not let a value given to a method change the builder afterwards', () => {
    const env: Record<string, string> = { A: '1' };
    const rules = [{ action: 'sync' as const, path: './src', target: '/app' }];
    const c = Compose.create().service('api', (s) => s.image('api:1').environment(env).watch(...rules));
    env['A'] = 'changed';
    (rules[0] as { path: string }).path = './changed';
    expect(c.toModel().services?.['api']).toEqual({ image: 'api:1', environment: { A: '1' }, develop: { watch: [{ action: 'sync', path: './src', target: '/app' }] } });
  });
});
