import { describe, expectTypeOf, it } from 'vitest';
import { dockerfileRef } from '../../src/core/refs.js';
import { Compose, ComposeService, Env, type ComposeModel, type ComposeTypes } from '../../src/compose/index.js';
import { App } from '../../src/app/app.js';
import { Dockerfile } from '../../src/dockerfile/index.js';

const backend = dockerfileRef('backend/Dockerfile', 'backend', ['builder', 'runtime'] as const);

describe('compose builder types', () => {
  it('limits a build target to the Dockerfile stages', () => {
    Compose.create().service('api', (s) => s.build(backend, { target: 'runtime' }));
    Compose.create().service('api', (s) => s.build(backend, { target: 'builder', args: { A: '1' } }));
    // @ts-expect-error 'runtim' is not a stage of backend/Dockerfile
    Compose.create().service('api', (s) => s.build(backend, { target: 'runtim' }));
  });

  it('accepts only defined services in dependsOn, and service_healthy only for services with a healthcheck', () => {
    const base = Compose.create()
      .service('db', (s) => s.image('postgres:16').healthcheck({ test: ['CMD', 'pg_isready'], interval: '10s' }))
      .service('nats', (s) => s.image('nats:2'));
    base.service('api', (s) => s.dependsOn('db', { condition: 'service_healthy' }).dependsOn('nats'));
    base.service('api', (s) => s.dependsOn('nats', { condition: 'service_started' }));
    // @ts-expect-error "cache" is not defined
    base.service('api', (s) => s.dependsOn('cache'));
    // @ts-expect-error "nats" has no healthcheck
    base.service('api', (s) => s.dependsOn('nats', { condition: 'service_healthy' }));
    // @ts-expect-error a disabled healthcheck does not count
    base.service('x', (s) => s.image('x:1').noHealthcheck()).service('y', (s) => s.dependsOn('x', { condition: 'service_healthy' }));
    expectTypeOf(base.serviceNames()).toEqualTypeOf<('db' | 'nats')[]>();
  });

  it('counts a HEALTHCHECK in the built target stage as a healthcheck (as compose/healthy-without-healthcheck does)', () => {
    const app = new App();
    const api = app.dockerfile(
      'api/Dockerfile',
      Dockerfile.create()
        .stage('build', 'node:22-slim', (s) => s.run('npm ci'))
        .stage('runtime', 'node:22-slim', (s) => s.user('node').healthcheck(['node', 'health.js']).cmd(['node', 'index.js']))
        .stage('debug', 'runtime', (s) => s.healthcheckNone()),
    );
    const withApi = Compose.create().service('api', (s) => s.build(api, { target: 'runtime' }));
    withApi.service('web', (s) => s.image('nginx:1.27-alpine').dependsOn('api', { condition: 'service_healthy' }));
    // a check added after other instructions still counts; HEALTHCHECK NONE afterwards does not
    expectTypeOf(Dockerfile.create().stage('a', 'x:1', (s) => s.healthcheck('true').user('u'))).toEqualTypeOf<Dockerfile<'a', 'a'>>();
    expectTypeOf(Dockerfile.create().stage('a', 'x:1', (s) => s.healthcheck('true').healthcheckNone())).toEqualTypeOf<Dockerfile<'a', never>>();
    // @ts-expect-error stage "build" has no HEALTHCHECK
    Compose.create().service('api', (s) => s.build(api, { target: 'build' })).service('web', (s) => s.dependsOn('api', { condition: 'service_healthy' }));
    // @ts-expect-error stage "debug" turns the check off
    Compose.create().service('api', (s) => s.build(api, { target: 'debug' })).service('web', (s) => s.dependsOn('api', { condition: 'service_healthy' }));
    // @ts-expect-error without a target the type does not know which stage is built
    Compose.create().service('api', (s) => s.build(api)).service('web', (s) => s.dependsOn('api', { condition: 'service_healthy' }));
    // @ts-expect-error a compose noHealthcheck() after build turns it off
    Compose.create().service('api', (s) => s.build(api, { target: 'runtime' }).noHealthcheck()).service('web', (s) => s.dependsOn('api', { condition: 'service_healthy' }));
    // a ref with healthchecked stages is still a plain DockerfileRef, and a Dockerfile with them still a Dockerfile<string>
    const plain: ReturnType<typeof dockerfileRef<string>> = api;
    const anyDf: Dockerfile<string> = Dockerfile.create().stage('a', 'x:1', (s) => s.healthcheck('true'));
    void plain;
    void anyDf;
  });

  it('takes durations as strings with units', () => {
    Compose.create().service('db', (s) => s.healthcheck({ test: ['CMD', 'true'], interval: '10s', timeout: '1m30s', start_period: '500ms' }));
    // @ts-expect-error a number is not a duration
    Compose.create().service('db', (s) => s.healthcheck({ test: ['CMD', 'true'], interval: 10 }));
    // @ts-expect-error a duration needs a unit
    Compose.create().service('db', (s) => s.healthcheck({ test: ['CMD', 'true'], interval: '10' }));
    // @ts-expect-error the exec form starts with CMD, CMD-SHELL or NONE
    Compose.create().service('db', (s) => s.healthcheck({ test: ['pg_isready'] }));
  });

  it('mounts only declared named volumes; bind paths are always allowed', () => {
    const c = Compose.create().volume('pgdata').network('back').secret('token', { environment: 'TOKEN' });
    c.service('db', (s) => s.volume('pgdata', '/data').volume('./init.sql', '/init.sql', 'ro').networks('back', 'default').secret('token'));
    // @ts-expect-error "pgdta" is not declared
    c.service('db', (s) => s.volume('pgdta', '/data'));
    // @ts-expect-error "front" is not declared
    c.service('db', (s) => s.networks('front'));
    // @ts-expect-error "password" is not declared
    c.service('db', (s) => s.secret('password'));
  });

  it('requires a target for sync watches', () => {
    Compose.create().service('api', (s) => s.watch({ action: 'sync', path: './app', target: '/app' }, { action: 'rebuild', path: './pyproject.toml' }));
    // @ts-expect-error a sync watch needs a target
    Compose.create().service('api', (s) => s.watch({ action: 'sync', path: './app' }));
    // @ts-expect-error sync+exec needs exec
    Compose.create().service('api', (s) => s.watch({ action: 'sync+exec', path: './app', target: '/app' }));
  });

  it('types env variables and restart policies', () => {
    const env = Env.create().var('DATABASE_URL', { default: 'x' }).var('TOKEN', { secret: true });
    env.ref('DATABASE_URL');
    // @ts-expect-error not declared
    env.ref('DATABSE_URL');
    const c = Compose.create().env(env);
    c.service('api', (s) => s.envVar('TOKEN').restart('on-failure:3'));
    // @ts-expect-error not declared
    c.service('api', (s) => s.envVar('TOKN'));
    // @ts-expect-error not a restart policy
    c.service('api', (s) => s.restart('sometimes'));
  });

  it('types set() by the model', () => {
    Compose.create().service('api', (s) => s.set('stop_signal', 'SIGINT').set('cap_add', ['NET_ADMIN']));
    // @ts-expect-error not a service property
    Compose.create().service('api', (s) => s.set('imagee', 'x'));
    // @ts-expect-error wrong type
    Compose.create().service('api', (s) => s.set('cap_add', 'NET_ADMIN'));
  });

  it('keeps plain models typed: known keys checked, x- keys allowed', () => {
    const ok: ComposeModel = { services: { api: { image: 'a', 'x-team': 'pay' } }, 'x-anchors': {} };
    expectTypeOf(ok).toMatchTypeOf<ComposeModel>();
    // @ts-expect-error image is a string
    const bad: ComposeModel = { services: { api: { image: 5 } } };
    void bad;
  });
});

describe('port strings', () => {
  it('accepts the short syntax forms and rejects nonsense', () => {
    Compose.create().service('a', (s) =>
      s.ports('8080:80', '127.0.0.1:8080:80', '8000-8010:8000-8010', '53:53/udp', '3000', '[::1]:8080:80', '${PORT}:80', '127.0.0.1::80', 8080, { target: 80 }),
    );
    // @ts-expect-error not a port
    Compose.create().service('a', (s) => s.ports('http'));
    // @ts-expect-error not a protocol
    Compose.create().service('a', (s) => s.ports('53:53/icmp'));
  });
});

describe('long-form mounts', () => {
  it('needs a declared volume for type volume; any path for a bind', () => {
    const c = Compose.create().volume('data');
    c.service('a', (s) => s.mount({ type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } }).mount({ type: 'bind', source: './src', target: '/src' }).mount({ type: 'tmpfs', target: '/tmp' }));
    // @ts-expect-error "dta" is not declared
    c.service('a', (s) => s.mount({ type: 'volume', source: 'dta', target: '/data' }));
  });
});

describe('builders with names stay assignable to the general builder types', () => {
  it('a Compose or ComposeService with names is a Compose<ComposeTypes> / ComposeService<ComposeTypes, boolean>', () => {
    const c = Compose.create()
      .env(Env.create().var('A'))
      .service('db', (s) => s.image('x').healthcheck({ test: 'true' }))
      .service('api', (s) => s.dependsOn('db', { condition: 'service_healthy' }).envVar('A'));
    expectTypeOf(c).toMatchTypeOf<Compose<ComposeTypes>>();
    c.service('web', (s) => {
      expectTypeOf(s).toMatchTypeOf<ComposeService<ComposeTypes, boolean>>();
      return s;
    });
    // $if's callback returns a Compose<ComposeTypes>
    c.$if(true, (x) => x.service('cache', (s) => s.image('redis:7')));
  });

  it('a name that is only a string (not a literal) is still refused where names are checked', () => {
    const name: string = 'db';
    const c = Compose.create().service('db', (s) => s.image('x'));
    // @ts-expect-error a string may be any name
    c.service('api', (s) => s.dependsOn(name));
  });
});
