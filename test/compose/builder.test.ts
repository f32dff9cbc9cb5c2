import { describe, expect, it } from 'vitest';
import { dockerfileRef } from '../../src/core/refs.js';
import { UsageError } from '../../src/core/errors.js';
import { parseYaml } from '../../src/core/yaml.js';
import { Compose, ComposeService, Env, composeKind, synthCompose, type ComposeModel } from '../../src/compose/index.js';
import { composeProblems } from '../helpers/oracles/compose.js';

/** Every compose file a test synthesizes goes through the official schema, and reads back as its model. */
function checked(model: ComposeModel): string {
  const text = synthCompose(model);
  expect(composeProblems(text)).toEqual([]);
  expect(composeProblems(composeKind.mark(text))).toEqual([]);
  expect(parseYaml(text).data).toEqual(model);
  return text;
}

const backend = dockerfileRef('backend/Dockerfile', 'backend', ['builder', 'runtime'] as const);

describe('Compose builder', () => {
  it('is immutable and branded', () => {
    const a = Compose.create('shop');
    const b = a.service('db', (s) => s.image('postgres:16'));
    expect(a.toModel()).toEqual({ name: 'shop' });
    expect(b.toModel()).toEqual({ name: 'shop', services: { db: { image: 'postgres:16' } } });
    expect(Compose.isCompose(b)).toBe(true);
    expect(Compose.isCompose({})).toBe(false);
    expect(Object.isFrozen(b)).toBe(true);
    expect(Object.isFrozen(b.toModel().services)).toBe(true);
    expect(() => ((b.toModel().services as Record<string, unknown>)['x'] = 1)).toThrow();
    checked(b.toModel());
  });

  it('writes a DockerfileRef build relative to the compose folder, with a typed target', () => {
    const c = Compose.create().service('api', (s) => s.build(backend, { target: 'runtime', args: { PYTHON: '3.13' } }));
    expect(c.toModel().services?.['api']?.build).toEqual({ context: './backend', dockerfile: 'Dockerfile', target: 'runtime', args: { PYTHON: '3.13' } });
    expect(c.toModel({ dir: 'deploy' }).services?.['api']?.build).toEqual({ context: '../backend', dockerfile: 'Dockerfile', target: 'runtime', args: { PYTHON: '3.13' } });
    expect(c.toModel({ dir: 'backend' }).services?.['api']?.build).toMatchObject({ context: '.' });
    const nested = dockerfileRef('docker/api.Dockerfile', '.', ['app'] as const);
    expect(Compose.create().service('api', (s) => s.build(nested)).toModel().services?.['api']?.build).toEqual({ context: '.', dockerfile: 'docker/api.Dockerfile' });
    checked(c.toModel());
    // untyped code passing a wrong stage is stopped at once
    expect(() => Compose.create().service('api', (s) => s.build(backend, { target: 'runtim' as never }))).toThrow(UsageError);
  });

  it('build(string) and build(long form) replace a ref', () => {
    const c = Compose.create().service('api', (s) => s.build(backend).build('./other'));
    expect(c.toModel().services?.['api']?.build).toBe('./other');
  });

  it('accumulates names and writes them where they belong', () => {
    const c = Compose.create()
      .volume('pgdata')
      .network('back', { driver: 'bridge' })
      .secret('db_password', { file: './db_password.txt' })
      .config('nginx_conf', { file: './nginx.conf' })
      .service('db', (s) =>
        s
          .image('postgres:16')
          .volume('pgdata', '/var/lib/postgresql/data')
          .volume('./init.sql', '/docker-entrypoint-initdb.d/init.sql', 'ro')
          .networks('back')
          .secret('db_password')
          .healthcheck({ test: ['CMD-SHELL', 'pg_isready -U postgres'], interval: '10s', timeout: '5s', retries: 5, start_period: '1m30s' }),
      )
      .service('web', (s) =>
        s
          .image('nginx:1.27')
          .config({ source: 'nginx_conf', target: '/etc/nginx/nginx.conf' })
          .network('back', { aliases: ['web'] })
          .ports('8080:80', '2222:22', { target: 443, published: 8443, protocol: 'tcp' })
          .dependsOn('db', { condition: 'service_healthy', restart: true })
          .restart('unless-stopped'),
      );
    const model = c.toModel();
    expect(model).toEqual({
      services: {
        db: {
          image: 'postgres:16',
          volumes: ['pgdata:/var/lib/postgresql/data', './init.sql:/docker-entrypoint-initdb.d/init.sql:ro'],
          networks: ['back'],
          healthcheck: { test: ['CMD-SHELL', 'pg_isready -U postgres'], interval: '10s', timeout: '5s', retries: 5, start_period: '1m30s' },
          secrets: ['db_password'],
        },
        web: {
          image: 'nginx:1.27',
          ports: ['8080:80', '2222:22', { target: 443, published: 8443, protocol: 'tcp' }],
          networks: { back: { aliases: ['web'] } },
          depends_on: { db: { condition: 'service_healthy', restart: true } },
          restart: 'unless-stopped',
          configs: [{ source: 'nginx_conf', target: '/etc/nginx/nginx.conf' }],
        },
      },
      networks: { back: { driver: 'bridge' } },
      volumes: { pgdata: null },
      secrets: { db_password: { file: './db_password.txt' } },
      configs: { nginx_conf: { file: './nginx.conf' } },
    });
    expect(composeKind.validate(model, { file: 'compose.yaml' })).toEqual([]);
    const text = checked(model);
    expect(text).toContain("      - 8080:80\n");
    expect(text).toContain("      - '2222:22'\n"); // YAML 1.1 would read 2222:22 as a base-60 number
    expect(text).toContain('  pgdata:\n');
  });

  it('writes long-form mounts, expose, env files, labels, commands', () => {
    const c = Compose.create()
      .volume('data')
      .service('a', (s) =>
        s
          .image('a:1')
          .command(['serve', '--port', '8000'])
          .entrypoint('/entrypoint.sh')
          .mount({ type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } })
          .mount({ type: 'tmpfs', target: '/tmp', tmpfs: { size: 1000000 } })
          .expose(8000, '9000')
          .envFile([{ path: '.env', required: false }])
          .environment(['A=1'])
          .env('B', 2)
          .labels({ 'com.example.team': 'payments' })
          .workingDir('/app')
          .postStart({ command: ['./migrate.sh'], user: 'root' })
          .preStop({ command: 'sleep 1' })
          .readOnly(),
      );
    const model = c.toModel();
    expect(model.services?.['a']).toEqual({
      image: 'a:1',
      command: ['serve', '--port', '8000'],
      entrypoint: '/entrypoint.sh',
      working_dir: '/app',
      environment: ['A=1', 'B=2'],
      env_file: [{ path: '.env', required: false }],
      expose: [8000, '9000'],
      volumes: [
        { type: 'volume', source: 'data', target: '/data', volume: { nocopy: true } },
        { type: 'tmpfs', target: '/tmp', tmpfs: { size: 1000000 } },
      ],
      labels: { 'com.example.team': 'payments' },
      read_only: true,
      post_start: [{ command: ['./migrate.sh'], user: 'root' }],
      pre_stop: [{ command: 'sleep 1' }],
    });
    expect(composeKind.validate(model, { file: 'compose.yaml' })).toEqual([]);
    checked(model);
  });

  it('writes short depends_on without options, and switches to the long form when needed', () => {
    const c = Compose.create()
      .service('db', (s) => s.image('postgres:16'))
      .service('cache', (s) => s.image('redis:7'));
    const short = c.service('api', (s) => s.image('api:1').dependsOn('db').dependsOn('cache'));
    expect(short.toModel().services?.['api']?.depends_on).toEqual(['db', 'cache']);
    const long = c.service('api', (s) => s.image('api:1').dependsOn('db').dependsOn('cache', { condition: 'service_completed_successfully', required: false }));
    expect(long.toModel().services?.['api']?.depends_on).toEqual({ db: { condition: 'service_started' }, cache: { condition: 'service_completed_successfully', required: false } });
    checked(short.toModel());
    checked(long.toModel());
  });

  it('sets environment from an Env declaration, and gives the .env.example model', () => {
    const env = Env.create()
      .var('DATABASE_URL', { description: 'Postgres for the API', default: 'postgresql://postgres:postgres@db:5432/app' })
      .var('API_TOKEN', { description: 'Upstream API token', secret: true })
      .var('LOG_LEVEL');
    const c = Compose.create()
      .env(env)
      .service('api', (s) => s.image('api:1').envVar('DATABASE_URL').envVar('API_TOKEN').envVar('LOG_LEVEL', { as: 'APP_LOG_LEVEL', default: 'info' }).env('PORT', 8000));
    expect(c.toModel().services?.['api']?.environment).toEqual({
      DATABASE_URL: '${DATABASE_URL:-postgresql://postgres:postgres@db:5432/app}',
      API_TOKEN: '${API_TOKEN:?API_TOKEN is not set; copy .env.example to .env}',
      APP_LOG_LEVEL: '${LOG_LEVEL:-info}',
      PORT: 8000,
    });
    expect(c.envExampleModel()?.entries.map((e) => [e.name, e.value])).toEqual([
      ['DATABASE_URL', 'postgresql://postgres:postgres@db:5432/app'],
      ['API_TOKEN', ''],
      ['LOG_LEVEL', ''],
    ]);
    // without the .env.example the App writes beside it, the Env's variables are undeclared
    expect(composeKind.validate(c.toModel(), { file: 'compose.yaml' }).map((i) => i.code)).toEqual(Array(3).fill('compose/undeclared-variable'));
    // as the App places them: .env.example beside compose.yaml lists every variable the file interpolates
    const siblings = new Map([['.env.example', { kind: 'env-example', model: c.envExampleModel() }]]);
    expect(composeKind.validate(c.toModel(), { file: 'compose.yaml', siblings })).toEqual([]);
    const extra = c.service('worker', (s) => s.image('worker:1').env('QUEUE', '${QUEUE_URL}'));
    expect(composeKind.validate(extra.toModel(), { file: 'compose.yaml', siblings }).map((i) => i.code)).toEqual(['compose/undeclared-variable']);
    checked(c.toModel());
    expect(Compose.create().envExampleModel()).toBeUndefined();
    expect(() => Compose.create().service('api', (s) => s.envVar('X' as never))).toThrow(/compose\/no-env/);
  });

  it('splits dev-only settings into compose.override.yaml (dev and CI from one config)', () => {
    const c = Compose.create()
      .service('db', (s) => s.image('postgres:16').healthcheck({ test: ['CMD', 'pg_isready'], interval: '5s' }).dev((d) => d.ports('127.0.0.1:5432:5432')))
      .service('api', (s) =>
        s
          .build(backend, { target: 'runtime' })
          .dependsOn('db', { condition: 'service_healthy' })
          .dev((d) => d.ports('8000:8000').env('DEBUG', '1').watch({ action: 'sync', path: './backend/app', target: '/app/app' }, { action: 'rebuild', path: './backend/pyproject.toml' })),
      )
      .service('e2e', (s) => s.image('e2e:1').profiles('ci'));
    const base = c.toModel();
    expect(base.services?.['api']).toEqual({ build: { context: './backend', dockerfile: 'Dockerfile', target: 'runtime' }, depends_on: { db: { condition: 'service_healthy' } } });
    const override = c.overrideModel()!;
    expect(override).toEqual({
      services: {
        db: { ports: ['127.0.0.1:5432:5432'] },
        api: {
          environment: { DEBUG: '1' },
          ports: ['8000:8000'],
          develop: { watch: [{ action: 'sync', path: './backend/app', target: '/app/app' }, { action: 'rebuild', path: './backend/pyproject.toml' }] },
        },
      },
    });
    const dev = c.toModel({ variant: 'dev' });
    expect(dev.services?.['api']?.ports).toEqual(['8000:8000']);
    expect(dev.services?.['e2e']?.profiles).toEqual(['ci']);
    checked(base);
    checked(override);
    checked(dev);
    // the override file validates against its base
    const context = { file: 'compose.override.yaml', siblings: new Map([['compose.yaml', { kind: 'compose', model: base }]]) };
    expect(composeKind.validate(override, context)).toEqual([]);
    expect(composeKind.validate(base, { file: 'compose.yaml' })).toEqual([]);
    expect(Compose.create().service('a', (s) => s.image('a:1')).overrideModel()).toBeUndefined();
  });

  it('passes Env variables in dev-only settings too', () => {
    const env = Env.create().var('DEBUG', { default: '0' });
    const c = Compose.create().env(env).service('api', (s) => s.image('api:1').dev((d) => d.envVar('DEBUG', { default: '1' })));
    expect(c.overrideModel()).toEqual({ services: { api: { environment: { DEBUG: '${DEBUG:-1}' } } } });
    expect(c.toModel()).toEqual({ services: { api: { image: 'api:1' } } });
    checked(c.overrideModel()!);
  });

  it('has escape hatches: set, $raw, $if, $call', () => {
    const preset = <C extends Compose<any>>(c: C) => c.$raw({ 'x-common': { restart: 'always' }, include: ['./other/compose.yaml'] });
    const c = Compose.create()
      .service('api', (s) =>
        s
          .image('api:1')
          .set('stop_signal', 'SIGINT')
          .set('stop_grace_period', '30s')
          .$raw({ 'x-team': 'payments', deploy: { resources: { limits: { memory: '512M' } } } })
          .$if(true, (x) => x.init())
          .$if(false, (x) => x.readOnly())
          .$call((x) => x.user('1000:1000')),
      )
      .$call(preset);
    expect(c.toModel()).toEqual({
      include: ['./other/compose.yaml'],
      services: {
        api: { image: 'api:1', user: '1000:1000', deploy: { resources: { limits: { memory: '512M' } } }, init: true, stop_grace_period: '30s', stop_signal: 'SIGINT', 'x-team': 'payments' },
      },
      'x-common': { restart: 'always' },
    });
    checked(c.toModel());
  });

  it('rejects misuse at once', () => {
    expect(() => Compose.create().service('bad name', (s) => s)).toThrow(UsageError);
    expect(() => Compose.create().volume('a/b')).toThrow(/compose\/invalid-name/);
    expect(() => Compose.create().service('a', () => ({}) as never)).toThrow(/compose\/invalid-service/);
    expect(() => Compose.create().env({} as never)).toThrow(/compose\/invalid-env/);
    expect(() => Compose.create().service('a', (s) => s.image(''))).toThrow(/compose\/empty-image/);
    expect(() => Compose.create().service('a', (s) => s.image('  '))).toThrow(/compose\/empty-image/);
    for (const key of ['', 'A=B', 'LOG LEVEL', 'TAB\tX']) {
      expect(() => Compose.create().service('a', (s) => s.env(key, '1')), key).toThrow(/compose\/invalid-environment-key/);
      expect(() => Compose.create().service('a', (s) => s.environment({ [key]: '1' })), key).toThrow(/compose\/invalid-environment-key/);
      expect(() => Compose.create().service('a', (s) => s.labels({ [key]: '1' })), key).toThrow(/compose\/invalid-label-key/);
    }
    expect(() => Compose.create().service('a', (s) => s.environment(['=x']))).toThrow(/compose\/invalid-environment-key/);
    const env = Env.create().var('X');
    expect(() => Compose.create().env(env).service('a', (s) => s.envVar('X', { as: 'BAD NAME' }))).toThrow(/compose\/invalid-environment-key/);
    // what is fine stays fine
    expect(Compose.create().service('a', (s) => s.image('a:1').environment(['QUEUE=a=b', 'DEBUG']).labels({ 'com.example.team': 'x' })).toModel().services?.['a']?.environment).toEqual(['QUEUE=a=b', 'DEBUG']);
    expect(ComposeService.isComposeService({})).toBe(false);
  });

  it('parse keeps everything and writes it back', () => {
    const text = 'x-base: &base\n  restart: always\nservices:\n  api:\n    <<: *base\n    image: api:1\n    futurekey: 1\n';
    const c = Compose.parse(text);
    expect(c.toModel()).toEqual({ services: { api: { restart: 'always', image: 'api:1', futurekey: 1 } }, 'x-base': { restart: 'always' } });
    expect(composeKind.parse(text).issues.map((i) => [i.code, i.severity, i.path])).toEqual([['compose/parse/kept-unknown', 'info', ['services', 'api', 'futurekey']]]);
    // the typed builder keeps working on a parsed file (names are plain strings)
    const more = c.service('worker', (s) => s.image('worker:1').dependsOn('api'));
    expect(more.serviceNames()).toEqual(['api', 'worker']);
    expect(Compose.parse('services: {}\n').toModel()).toEqual({ services: {} });
    expect(Compose.parse('name: x\n').toModel()).toEqual({ name: 'x' });
    expect(Compose.parse('services: {}\n').service('a', (s) => s.image('a:1')).toModel()).toEqual({ services: { a: { image: 'a:1' } } });
    expect(Compose.parse('services: [').parseIssues.map((i) => i.code)).toEqual(['core/yaml-syntax']);
    expect(Compose.parse('- a\n- b\n').parseIssues.map((i) => i.code)).toEqual([expect.stringMatching(/not-a-mapping/)]);
    expect(Compose.parse('- a\n').toString()).toBe(Compose.create().toString());
    expect(() => Compose.parse(undefined as never)).toThrow(/core\/invalid-argument/);
  });
});
