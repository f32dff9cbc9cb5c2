import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml.js';
import { Compose, Env, composeKind, envExampleKind, synthEnvExample } from '../../src/compose/index.js';
import { composeProblems } from '../helpers/oracles/compose.js';

const SEED_COMPOSE = `services:
  api:
    build: ./backend
    develop:
      watch:
        - action: sync
          path: ./backend/app
          target: /app/app
        - action: rebuild
          path: ./backend/pyproject.toml
    depends_on:
      postgres:
        condition: service_healthy
      nats:
        condition: service_started
  postgres:
    image: postgres:15
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "postgres"]
      interval: 10s
      timeout: 5s
      retries: 5
`;

const SEED_ENV = `DATABASE_URL=postgresql+asyncpg://postgres:postgres@localhost:5555/tasktracker
NATS_URL=nats://localhost:4222
REDIS_URL=redis://localhost:6379
`;

const env = Env.create()
  .var('DATABASE_URL', { default: 'postgresql+asyncpg://postgres:postgres@localhost:5555/tasktracker' })
  .var('NATS_URL', { default: 'nats://localhost:4222' })
  .var('REDIS_URL', { default: 'redis://localhost:6379' });

const seed = Compose.create()
  .env(env)
  .service('postgres', (s) =>
    s.image('postgres:15').healthcheck({ test: ['CMD', 'pg_isready', '-U', 'postgres'], interval: '10s', timeout: '5s', retries: 5 }),
  )
  .service('api', (s) =>
    s
      .build('./backend')
      .watch({ action: 'sync', path: './backend/app', target: '/app/app' }, { action: 'rebuild', path: './backend/pyproject.toml' })
      .dependsOn('postgres', { condition: 'service_healthy' })
      // The seed's api waits for "nats", which the seed never defines: only raw data can say that.
      .$raw({ depends_on: { nats: { condition: 'service_started' } } }),
  );

describe('the seed', () => {
  it('builds the compose file exactly (same data)', () => {
    expect(seed.toModel()).toEqual(parseYaml(SEED_COMPOSE).data);
    expect(parseYaml(seed.toString()).data).toEqual(parseYaml(SEED_COMPOSE).data);
    expect(composeProblems(seed.toString())).toEqual([]);
    expect(composeProblems(SEED_COMPOSE)).toEqual([]);
  });

  it('builds .env.example exactly (same text)', () => {
    expect(synthEnvExample(seed.envExampleModel()!)).toBe(SEED_ENV);
    expect(envExampleKind.parse(SEED_ENV).model).toEqual(seed.envExampleModel());
    expect(envExampleKind.validate(seed.envExampleModel()!, { file: '.env.example' })).toEqual([]);
  });

  it('parses the seed and writes it back with the same data', () => {
    const parsed = Compose.parse(SEED_COMPOSE);
    expect(parseYaml(parsed.toString()).data).toEqual(parseYaml(SEED_COMPOSE).data);
  });

  it('finds the seed bug: nats is not defined', () => {
    const issues = composeKind.validate(seed.toModel(), { file: 'compose.yaml' });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['compose/unknown-service', ['services', 'api', 'depends_on', 'nats']]]);
  });
});

describe('the walking skeleton bad content', () => {
  it('reports a numeric interval, an undefined dependency and service_healthy without a healthcheck at once', () => {
    const bad = {
      services: {
        api: { image: 'api:1', depends_on: { cache: { condition: 'service_started' }, worker: { condition: 'service_healthy' } } },
        worker: { image: 'worker:1' },
        db: { image: 'postgres:16', healthcheck: { test: ['CMD', 'pg_isready'], interval: 10 } },
      },
    };
    const issues = composeKind.validate(bad as never, { file: 'compose.yaml' });
    expect(issues.map((i) => ({ code: i.code, path: i.path, message: i.message, file: i.file }))).toEqual([
      {
        code: 'compose/schema/invalid-duration',
        path: ['services', 'db', 'healthcheck', 'interval'],
        message: 'expected a duration like "10s", received 10',
        file: 'compose.yaml',
      },
      {
        code: 'compose/unknown-service',
        path: ['services', 'api', 'depends_on', 'cache'],
        message: '"cache" is not a service in this file (services: "api", "worker", "db")',
        file: 'compose.yaml',
      },
      {
        code: 'compose/healthy-without-healthcheck',
        path: ['services', 'api', 'depends_on', 'worker', 'condition'],
        message: '"worker" has no healthcheck, so it never becomes healthy',
        file: 'compose.yaml',
      },
    ]);
    expect(issues.every((i) => i.severity === 'error' && i.hint)).toBe(true);
    // the same from parsed YAML
    const yaml = 'services:\n  api:\n    image: api:1\n    depends_on:\n      cache:\n        condition: service_started\n      worker:\n        condition: service_healthy\n  worker:\n    image: worker:1\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [CMD, pg_isready]\n      interval: 10\n';
    const parsed = composeKind.parse(yaml, 'compose.yaml');
    expect(parsed.model).toBeDefined();
    expect(composeKind.validate(parsed.model!, { file: 'compose.yaml' }).map((i) => i.code)).toEqual(issues.map((i) => i.code));
  });
});
