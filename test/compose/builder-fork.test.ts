import { describe, expect, it } from 'vitest';
import { dockerfileRef } from '../../src/core/refs.js';
import { Compose, ComposeService, Env } from '../../src/compose/index.js';
import type { AnyNames } from '../../src/compose/inputs.js';
import { serviceStateOf } from '../../src/compose/service.js';

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
    const model = (s: Service | undefined) => serviceStateOf(s!).model;
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

// The compose state is persistent (core/persistent.ts): a fork shares its base's services, volumes
// and Env variables, so each fork must still see only its own additions.
describe('Compose forks of a large base', () => {
  const N = 1000;
  let env = Env.create() as Env<string>;
  for (let i = 0; i < N; i++) env = env.var(`V_${i}`, { default: `${i}` });
  let base = Compose.create().env(env) as Compose<any>;
  for (let i = 0; i < N; i++) base = base.volume(`vol-${i}`).service(`svc-${i}`, (s: any) => s.image(`img:${i}`).volume(`vol-${i}`, '/data').envVar(`V_${i}`));
  const names = Array.from({ length: N }, (_, i) => `svc-${i}`);

  it('fork at 1,000 services and volumes, add to both forks: each sees only its own, the base neither', () => {
    const left = base.volume('left-vol').service('left', (s: any) => s.image('left:1').volume('left-vol', '/l'));
    const right = base.volume('right-vol').service('right', (s: any) => s.image('right:1').volume('right-vol', '/r'));
    expect(left.serviceNames()).toEqual([...names, 'left']);
    expect(right.serviceNames()).toEqual([...names, 'right']);
    expect(base.serviceNames()).toEqual(names);
    const volumes = (c: Compose<any>) => Object.keys(c.toModel().volumes ?? {});
    expect(volumes(left).slice(N)).toEqual(['left-vol']);
    expect(volumes(right).slice(N)).toEqual(['right-vol']);
    expect(volumes(base)).toHaveLength(N);
    expect(left.toModel().services?.['right']).toBeUndefined();
    expect(right.toModel().services?.['left']).toBeUndefined();
    // the shared services are the same in each
    expect(left.toModel().services?.['svc-999']).toEqual({ image: 'img:999', volumes: ['vol-999:/data'], environment: { V_999: '${V_999:-999}' } });
    expect(right.toModel().services?.['svc-999']).toEqual(left.toModel().services?.['svc-999']);
  });

  it('replacing a shared service in one fork keeps its place there and leaves the base and the other fork alone', () => {
    const left = base.service('svc-500', (s: any) => s.image('changed:2'));
    const right = base.service('svc-501', (s: any) => s.image('other:3'));
    expect(left.serviceNames()).toEqual(names);
    expect(left.toModel().services?.['svc-500']).toEqual({ image: 'changed:2', volumes: ['vol-500:/data'], environment: { V_500: '${V_500:-500}' } });
    expect(right.toModel().services?.['svc-500']?.image).toBe('img:500');
    expect(base.toModel().services?.['svc-500']?.image).toBe('img:500');
    expect(left.toModel().services?.['svc-501']?.image).toBe('img:501');
    expect(right.toModel().services?.['svc-501']?.image).toBe('other:3');
    const secondVolume = base.volume('vol-7', { driver: 'local' });
    expect(Object.keys(secondVolume.toModel().volumes ?? {})[7]).toBe('vol-7');
    expect(secondVolume.toModel().volumes?.['vol-7']).toEqual({ driver: 'local' });
    expect(base.toModel().volumes?.['vol-7']).toBeNull();
  });

  it('an Env forked at 1,000 variables: each fork declares its own, and a name taken in one fork is free in the other', () => {
    const left = env.var('LEFT', { default: 'l' });
    const right = env.var('RIGHT').var('LEFT_IN_RIGHT');
    expect(left.names().slice(N)).toEqual(['LEFT']);
    expect(right.names().slice(N)).toEqual(['RIGHT', 'LEFT_IN_RIGHT']);
    expect(env.names()).toHaveLength(N);
    expect(() => right.var('LEFT')).not.toThrow();
    expect(() => left.var('LEFT')).toThrow(/declared twice/);
    expect(() => left.var('V_999')).toThrow(/declared twice/);
    expect(left.ref('LEFT')).toBe('${LEFT:-l}');
    expect(() => right.ref('LEFT' as never)).toThrow(/not declared/);
  });

  it('$raw on one fork merges into the shared volumes there only', () => {
    const raw = base.$raw({ volumes: { 'vol-3': { external: true }, extra: null } });
    expect(raw.toModel().volumes?.['vol-3']).toEqual({ external: true });
    expect(Object.keys(raw.toModel().volumes ?? {}).slice(-1)).toEqual(['extra']);
    expect(base.toModel().volumes?.['vol-3']).toBeNull();
    expect(Object.keys(base.toModel().volumes ?? {})).not.toContain('extra');
  });
});
