import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.js';
import { UsageError } from '../../src/core/errors.js';
import { Dockerfile, dockerignorePresets } from '../../src/dockerfile/index.js';
import { checkout } from '../../src/workflow/actions/index.js';
import { defineUnit, dockerfileAt, isUnit, Stack, type Unit } from '../../src/stack/stack.js';
import { synthApp } from '../../src/app/testing.js';

const usage = (fn: () => unknown): UsageError => {
  try {
    fn();
  } catch (e) {
    if (UsageError.isUsageError(e)) return e;
    throw e;
  }
  throw new Error('expected a UsageError');
};

const db = defineUnit('db', {}, (s) =>
  s
    .env('POSTGRES_PASSWORD', { secret: true, description: 'db password' })
    .env('DATABASE_URL', { default: 'postgresql://postgres:postgres@localhost:5555/app', inCompose: 'postgresql://postgres:${POSTGRES_PASSWORD:?set it}@postgres:5432/app' })
    .volume('pgdata')
    .service('postgres', (svc) => svc.image('postgres:17-alpine').envVar('POSTGRES_PASSWORD').volume('pgdata', '/var/lib/postgresql/data').healthcheck({ test: ['CMD', 'pg_isready'], interval: '10s' }))
    .returns({ service: 'postgres' as const }),
);

const api = defineUnit('api', { env: ['DATABASE_URL'], healthy: ['postgres'] }, (s) =>
  s.service('api', (svc, vars) => svc.image('example/api:1.0').env('DATABASE_URL', vars.DATABASE_URL).dependsOn('postgres', { condition: 'service_healthy' })),
);

describe('Stack and units', () => {
  it('collects services, variables, volumes and files from units into one App', () => {
    const stack = Stack.create().add(db).add(api);
    const { files, errors, issues } = synthApp(stack.toApp());
    expect(errors).toEqual([]);
    expect(issues).toEqual([]);
    expect(Object.keys(files).sort()).toEqual(['.env.example', '.gitignore', 'compose.yaml']);
    // the host's value goes to .env.example, the in-network value to the service
    expect(files['.env.example']).toContain('DATABASE_URL=postgresql://postgres:postgres@localhost:5555/app');
    expect(files['compose.yaml']).toContain('DATABASE_URL: postgresql://postgres:${POSTGRES_PASSWORD:?set it}@postgres:5432/app');
    expect(files['compose.yaml']).toContain('POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is not set; copy .env.example to .env}');
    expect(files['compose.yaml']).toMatch(/depends_on:\n\s+postgres:\n\s+condition: service_healthy/);
    expect(stack.unit('db')).toEqual({ service: 'postgres' });
    expect(stack.unit('api')).toEqual({});
  });

  it('a variable without inCompose reaches a service as its interpolation', () => {
    const stack = Stack.create()
      .env('LOG_LEVEL', { default: 'info' })
      .service('api', (s, vars) => s.image('example/api:1.0').env('LOG_LEVEL', vars.LOG_LEVEL));
    expect(synthApp(stack.toApp()).files['compose.yaml']).toContain('LOG_LEVEL: ${LOG_LEVEL:-info}');
  });

  it('is immutable: a base forks into variants', () => {
    const base = Stack.create().add(db);
    const a = base.add(api);
    expect(Object.keys(synthApp(base.toApp()).files)).not.toContain('.github/workflows/ci.yml');
    expect(synthApp(a.toApp()).files['compose.yaml']).toContain('api:');
    expect(synthApp(base.toApp()).files['compose.yaml']).not.toContain('api:');
  });

  it('places Dockerfiles and writes the CI workflow only when a job was added', () => {
    const df = dockerfileAt('svc/Dockerfile', Dockerfile.create().stage('runtime', 'alpine:3.20', (s) => s.run('adduser -D app').user('app').cmd(['sleep', 'infinity'])));
    const stack = Stack.create()
      .dockerfile(df)
      .dockerfile(df) // the same Dockerfile twice (two services of one image) is placed once
      .service('svc', (s) => s.build(df, { target: 'runtime' }))
      .job('test', (j) => j.runsOn('ubuntu-24.04').timeout(5).step(checkout()).run('true'))
      .job('after', (j) => j.runsOn('ubuntu-24.04').timeout(5).needs('test').run('true'));
    const { files, errors } = synthApp(stack.toApp());
    expect(errors).toEqual([]);
    expect(files['svc/Dockerfile']).toContain('FROM alpine:3.20 AS runtime');
    expect(files['compose.yaml']).toContain('context: ./svc');
    expect(files['.github/workflows/ci.yml']).toContain('needs: test');
    expect(Object.keys(synthApp(Stack.create({ workflow: false }).job('t', (j) => j.runsOn('ubuntu-24.04').timeout(5).run('true')).service('x', (s) => s.image('alpine:3.20')).toApp()).files)).not.toContain(
      '.github/workflows/ci.yml',
    );
  });

  it('writes to the paths the options name, and addTo keeps files the App already has', () => {
    const app = new App().gitignore(['dist/']);
    Stack.create({ compose: 'deploy/compose.yaml', workflow: '.github/workflows/stack.yml', workflowName: 'Stack', name: 'shop' })
      .service('web', (s) => s.image('nginx:1.27-alpine'))
      .job('lint', (j) => j.runsOn('ubuntu-24.04').timeout(5).run('true'))
      .addTo(app);
    const { files } = synthApp(app);
    expect(files['deploy/compose.yaml']).toMatch(/^name: shop\n/);
    expect(files['.github/workflows/stack.yml']).toMatch(/^name: Stack\n/);
    expect(files['.gitignore']).toContain('dist/');
  });

  it('add: a missing requirement is a UsageError naming each missing name (untyped callers)', () => {
    const e = usage(() => (Stack.create() as Stack).add(api as never));
    expect(e.code).toBe('stack/missing-requirement');
    expect(e.message).toContain('unit "api" needs environment variable "DATABASE_URL", service "postgres"');
    const noHealth = Stack.create()
      .env('DATABASE_URL')
      .service('postgres', (s) => s.image('postgres:17-alpine'));
    expect(usage(() => noHealth.add(api as never)).message).toContain('a healthcheck on service "postgres"');
    const needsJob = defineUnit('deploy', { jobs: ['build'], volumes: ['data'] }, (s) => s);
    expect(usage(() => Stack.create().add(needsJob as never)).message).toContain('volume "data", CI job "build"');
  });

  it('a service built from a Dockerfile target with a HEALTHCHECK counts as healthy (types and run time)', () => {
    const df = dockerfileAt('pg/Dockerfile', Dockerfile.create().stage('db', 'postgres:17-alpine', (s) => s.user('postgres').healthcheck(['pg_isready'], { interval: '10s' })).dockerignore(dockerignorePresets.seed()));
    const stack = Stack.create()
      .env('DATABASE_URL')
      .dockerfile(df)
      .service('postgres', (s) => s.build(df, { target: 'db' }))
      .add(api);
    const { errors, issues } = synthApp(stack.toApp());
    expect(errors).toEqual([]);
    expect(issues).toEqual([]);
  });

  it('add: a unit name or service name used twice is a UsageError', () => {
    expect(usage(() => Stack.create().add(db).add(db as never)).code).toBe('stack/duplicate-name');
    const other = defineUnit('db2', {}, (s) => s.service('postgres', (x) => x.image('postgres:16')));
    expect(usage(() => Stack.create().add(db).add(other as never)).code).toBe('stack/duplicate-name');
    expect(usage(() => Stack.create().volume('v').volume('v' as never)).code).toBe('stack/duplicate-name');
    expect(usage(() => Stack.create().env('A').env('A' as never)).code).toBe('env/duplicate-name');
  });

  it('rejects what is not a unit, a build function that returns nothing, and bad names', () => {
    expect(usage(() => Stack.create().add({ name: 'x' } as never)).code).toBe('stack/invalid-unit');
    const broken = defineUnit('broken', {}, (() => undefined) as never) as Unit;
    expect(usage(() => Stack.create().add(broken as never)).code).toBe('stack/invalid-unit');
    expect(usage(() => defineUnit('has space', {}, (s) => s)).code).toBe('stack/invalid-unit');
    expect(usage(() => Stack.create().dockerfile({} as never)).code).toBe('app/invalid-builder');
    expect(usage(() => dockerfileAt('x/Dockerfile', null as never)).code).toBe('app/invalid-builder');
    expect(usage(() => Stack.create().unit('nothing' as never)).code).toBe('stack/missing-requirement');
    expect(usage(() => Stack.create().image({ name: 'x', dockerfile: 'x/Dockerfile', context: 'x', budgetMB: 0 })).code).toBe('stack/invalid-budget');
    expect(isUnit(db)).toBe(true);
    expect(isUnit({})).toBe(false);
    expect(Stack.isStack(Stack.create())).toBe(true);
  });

  it('a unit inside a unit: the inner one is added (and its handle kept) when the outer one is', () => {
    const outer = defineUnit('outer', {}, (s) => s.add(db).service('app', (x) => x.image('example/app:1').dependsOn('postgres', { condition: 'service_healthy' })));
    const stack = Stack.create().add(outer);
    expect(stack.unit('db')).toEqual({ service: 'postgres' });
    expect(synthApp(stack.toApp()).errors).toEqual([]);
  });

  it('records images with their budgets', () => {
    const stack = Stack.create().image({ name: 'api', dockerfile: 'api/Dockerfile', context: 'api', target: 'runtime', budgetMB: 300, job: 'api-image' });
    expect(stack.images()).toEqual([{ name: 'api', dockerfile: 'api/Dockerfile', context: 'api', target: 'runtime', budgetMB: 300, job: 'api-image' }]);
  });
});
