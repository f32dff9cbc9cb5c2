// The types of stacks and presets: a forgotten declaration, a misspelled service, stage or job name
// does not compile, at the call that adds the unit; handles are typed; inside a unit (a generic
// preset too) only the names it requires can be used.
import { describe, expectTypeOf, it } from 'vitest';
import { composeSmoke, defineUnit, nats, postgres, pythonUv, pythonWorker, redis, Stack, viteNginx, type CheckUnit, type EmptyStack, type PythonUvStages } from '../../src/stack/index.js';
import { synthUnit } from '../../src/stack/testing.js';

const backing = Stack.create().add(postgres()).add(redis()).add(nats());

describe('stack.add checks what a unit requires', () => {
  it('a forgotten variable or service is a compile error naming it', () => {
    // @ts-expect-error DATABASE_URL is not declared (no postgres() before)
    Stack.create().add(pythonUv('api', { env: ['DATABASE_URL'] }));
    // @ts-expect-error no service postgres
    Stack.create().add(pythonUv('api', { dependsOn: { postgres: 'healthy' } }));
    backing.add(pythonUv('api', { env: ['DATABASE_URL'], dependsOn: { postgres: 'healthy' } }));

    const unit = pythonUv('api', { env: ['DATABASE_URL'], dependsOn: { redis: 'started' } });
    // the compile error names each missing name: Property '"✖ add to the stack first: environment variable \"DATABASE_URL\""' is missing in type 'Unit<"api", …>'
    expectTypeOf<CheckUnit<EmptyStack, typeof unit>>().toEqualTypeOf<{ readonly '✖ add to the stack first: environment variable "DATABASE_URL"': true; readonly '✖ add to the stack first: service "redis"': true }>();
    expectTypeOf<CheckUnit<typeof backing extends Stack<infer N> ? N : never, typeof unit>>().toEqualTypeOf<unknown>();
  });

  it('a misspelled service, or service_healthy on a service without a healthcheck, does not compile', () => {
    // @ts-expect-error postgress is misspelled
    backing.add(pythonUv('api', { dependsOn: { postgress: 'healthy' } }));
    const plain = Stack.create().service('mailer', (s) => s.image('axllent/mailpit:v1.21'));
    // @ts-expect-error mailer has no healthcheck
    plain.add(pythonUv('api', { dependsOn: { mailer: 'healthy' } }));
    plain.add(pythonUv('api', { dependsOn: { mailer: 'started' } }));
  });

  it('a service without its healthcheck (healthcheck: false) is not healthy in the types', () => {
    const noCheck = backing.add(pythonUv('api', { healthcheck: false }));
    expectTypeOf(noCheck.unit('api').healthy).toEqualTypeOf<false>();
    expectTypeOf(backing.add(pythonUv('api')).unit('api').healthy).toEqualTypeOf<true>();
    noCheck.add(viteNginx('web', { dependsOn: { api: 'started' } }));
    // @ts-expect-error api has no healthcheck
    noCheck.add(viteNginx('web', { dependsOn: { api: 'healthy' } }));
    const web = backing.add(viteNginx('web', { healthcheck: false }));
    // @ts-expect-error web has no healthcheck
    web.add(pythonUv('x', { dependsOn: { web: 'healthy' } }));
  });

  it('a name the stack already has does not compile', () => {
    // @ts-expect-error a second postgres (unit and service names clash)
    backing.add(postgres());
    expectTypeOf<CheckUnit<typeof backing extends Stack<infer N> ? N : never, ReturnType<typeof redis<'redis', 'CACHE_URL', 'cache'>>>>().toEqualTypeOf<{
      readonly '✖ already in the stack: service "redis"': true;
      readonly '✖ already in the stack: unit "redis"': true;
    }>();
    backing.add(postgres({ name: 'analytics', urlVar: 'ANALYTICS_URL', passwordVar: 'ANALYTICS_PASSWORD', volume: 'analytics' }));
    // @ts-expect-error the variable DATABASE_URL is declared twice
    backing.add(postgres({ name: 'analytics', passwordVar: 'ANALYTICS_PASSWORD', volume: 'analytics' }));
  });

  it('a misspelled stage or job does not compile', () => {
    const stack = backing.add(pythonUv('api', { dir: 'backend' }));
    const api = stack.unit('api');
    stack.add(pythonWorker('worker', { from: api, target: 'runtime', command: ['python', '-m', 'app.worker'] }));
    // @ts-expect-error runtim is not a stage of the api's Dockerfile
    stack.add(pythonWorker('worker', { from: api, target: 'runtim', command: ['python', '-m', 'app.worker'] }));
    stack.service('migrate', (s) => s.build(api.dockerfile, { target: 'builder' }).command(['alembic', 'upgrade', 'head']));
    // @ts-expect-error buildr is not a stage of the handle's Dockerfile
    stack.service('migrate', (s) => s.build(api.dockerfile, { target: 'buildr' }));
    stack.add(composeSmoke({ service: 'api', command: 'true', needs: ['api-image'] }));
    // @ts-expect-error api-imgae is not a job of the stack
    stack.add(composeSmoke({ service: 'api', command: 'true', needs: ['api-imgae'] }));
    // @ts-expect-error apii is not a service
    stack.add(composeSmoke({ service: 'apii', command: 'true' }));
    stack.add(viteNginx('web', { dependsOn: { api: 'healthy' } }));
    // @ts-expect-error apy is misspelled
    stack.add(viteNginx('web', { dependsOn: { apy: 'healthy' } }));
  });

  it('synthUnit checks the same', () => {
    // @ts-expect-error REDIS_URL is not declared in `given`
    synthUnit(pythonUv('api', { env: ['REDIS_URL'] }));
    synthUnit(pythonUv('api', { env: ['REDIS_URL'] }), { given: Stack.create().add(redis()) });
  });
});

describe('handles', () => {
  it('carry the service name, stages and job ids as literal types', () => {
    const stack = backing.add(pythonUv('api', { workers: { worker: { command: ['python', '-m', 'app.worker'] } } }));
    expectTypeOf(stack.unit('api').service).toEqualTypeOf<'api'>();
    expectTypeOf(stack.unit('api').jobs.test).toEqualTypeOf<'api-test'>();
    expectTypeOf(stack.unit('api').dockerfile.stages).toEqualTypeOf<readonly PythonUvStages[]>();
    expectTypeOf(stack.unit('postgres').env.url).toEqualTypeOf<'DATABASE_URL'>();
    expectTypeOf(stack.unit('worker').service).toEqualTypeOf<'worker'>();
    // @ts-expect-error no unit named apii
    stack.unit('apii');
  });

  it('a consumer service may name the services, healthy services and variables units added', () => {
    backing.service('admin', (s, vars) => s.image('adminer:4').env('DATABASE_URL', vars.DATABASE_URL).dependsOn('postgres', { condition: 'service_healthy' }));
    // @ts-expect-error DATABSE_URL is misspelled
    backing.service('admin', (s, vars) => s.image('adminer:4').env('DATABASE_URL', vars.DATABSE_URL));
    // @ts-expect-error postgress is misspelled
    backing.service('admin', (s) => s.image('adminer:4').dependsOn('postgress'));
    // @ts-expect-error UNDECLARED is not a declared variable
    backing.service('admin', (s) => s.image('adminer:4').envVar('UNDECLARED'));
  });
});

describe('inside a unit only its requirements are names (the hole of a generic preset is closed)', () => {
  it('a concrete unit', () => {
    defineUnit('api', { env: ['DATABASE_URL'], healthy: ['postgres'] }, (s) =>
      s.service('api', (svc) =>
        svc
          .image('example/api:1')
          .envVar('DATABASE_URL')
          .dependsOn('postgres', { condition: 'service_healthy' })
          // @ts-expect-error UNDECLARED is not required by this unit
          .envVar('UNDECLARED'),
      ),
    );
  });

  it('a generic preset', () => {
    function cache<const N extends string>(name: N) {
      return defineUnit(name, { env: ['REDIS_URL'], services: ['redis'] }, (s) =>
        s
          .service(name, (svc) => svc.image('example/cache-warmer:1').envVar('REDIS_URL').dependsOn('redis'))
          .service(`${name}-bad`, (svc) =>
            svc
              .image('example/x:1')
              // @ts-expect-error UNDECLARED is not required by this unit
              .envVar('UNDECLARED')
              // @ts-expect-error nothing is not a service this unit may name
              .dependsOn('nothing', { condition: 'service_healthy' }),
          )
          .service(`${name}-unhealthy`, (svc) =>
            svc
              .image('example/x:1')
              // @ts-expect-error redis is required as a service, not as a healthy one
              .dependsOn('redis', { condition: 'service_healthy' }),
          ),
      );
    }
    Stack.create().add(redis()).add(cache('warm'));
    // @ts-expect-error the consumer forgot redis
    Stack.create().add(cache('warm'));
  });
});
