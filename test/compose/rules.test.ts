import type { FileFacts } from '../../src/core/facts.js';
import { dockerfileKind } from '../../src/dockerfile/index.js';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuleContext } from '../../src/core/rule.js';
import { composeKind, composeRules, parseCompose, type ComposeModel } from '../../src/compose/index.js';
import { composeProblems } from '../helpers/oracles/compose.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/compose/rules');

function load(name: string): { text: string; model: ComposeModel } {
  const text = readFileSync(resolve(fixtures, name), 'utf8');
  const { model, issues } = parseCompose(text, name);
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return { text, model: model! };
}

/** Siblings for the .dockerignore rule: backend/.dockerignore (the dockerfile domain's model) excludes app/. */
const siblings: NonNullable<RuleContext['siblings']> = new Map([
  [
    'backend/.dockerignore',
    {
      kind: 'dockerignore',
      model: {
        entries: [
          { kind: 'comment', text: 'Python' },
          { kind: 'ignore', pattern: '**/__pycache__' },
          { kind: 'ignore', pattern: 'app' },
          { kind: 'exception', pattern: 'app/__init__.py' },
          { kind: 'blank' },
          { kind: 'ignore', pattern: '.venv' },
        ],
      },
    },
  ],
  ['.env.example', { kind: 'env-example', model: { entries: ['DATABASE_URL', 'POSTGRES_PASSWORD', 'STRIPE_API_KEY'].map((name) => ({ name, value: '' })) } }],
]);

describe('compose rules: each has a failing and a passing fixture', () => {
  for (const rule of composeRules) {
    const name = rule.code.slice('compose/'.length);
    const context: RuleContext = { file: 'compose.yaml', siblings };

    it(`${rule.code} reports the failing fixture`, () => {
      const { text, model } = load(`${name}.fail.yaml`);
      const found = composeKind.validate(model, context).filter((i) => i.code === rule.code);
      expect(found.length).toBeGreaterThan(0);
      for (const issue of found) {
        expect(issue.path.length).toBeGreaterThan(0);
        expect(issue.file).toBe('compose.yaml');
        expect(issue.severity).toBe(rule.severity);
        expect(issue.message).not.toBe('');
      }
      // the schema accepts the file: this is a check only a rule can make (restart is a plain string there)
      expect(composeProblems(text)).toEqual([]);
    });

    it(`${rule.code} accepts the passing fixture`, () => {
      const { text, model } = load(`${name}.pass.yaml`);
      expect(composeKind.validate(model, context)).toEqual([]);
      expect(composeProblems(text)).toEqual([]);
    });
  }

  it('reports the exact places', () => {
    const issues = (name: string, code: string) => composeKind.validate(load(name).model, { file: 'compose.yaml', siblings }).filter((i) => i.code === code);
    expect(issues('unknown-service.fail.yaml', 'compose/unknown-service').map((i) => i.path)).toEqual([['services', 'api', 'depends_on', 0]]);
    expect(issues('healthy-without-healthcheck.fail.yaml', 'compose/healthy-without-healthcheck').map((i) => i.path)).toEqual([
      ['services', 'api', 'depends_on', 'db', 'condition'],
      ['services', 'api', 'depends_on', 'cache', 'condition'],
    ]);
    expect(issues('dependency-cycle.fail.yaml', 'compose/dependency-cycle').map((i) => i.message)).toEqual(['dependency cycle: a → b → c → a']);
    expect(issues('port-collision.fail.yaml', 'compose/port-collision').map((i) => i.path)).toEqual([['services', 'db2', 'ports', 0]]);
    expect(issues('secret-in-environment.fail.yaml', 'compose/secret-in-environment').map((i) => i.path)).toEqual([
      ['services', 'db', 'environment', 'POSTGRES_PASSWORD'],
      ['services', 'api', 'environment', 0],
    ]);
    expect(issues('latest-tag.fail.yaml', 'compose/latest-tag')).toHaveLength(2);
    expect(issues('watch-path-ignored.fail.yaml', 'compose/watch-path-ignored')[0]?.message).toMatch(/backend\/\.dockerignore/);
  });

  it('finds the .dockerignore of a compose file in a subfolder, and <Dockerfile>.dockerignore first', () => {
    const model: ComposeModel = {
      services: {
        api: { build: { context: '../backend', dockerfile: 'dev.Dockerfile' }, develop: { watch: [{ action: 'sync', path: '../backend/app', target: '/app' }] } },
      },
    };
    const only = (s: NonNullable<RuleContext['siblings']>) => composeKind.validate(model, { file: 'deploy/compose.yaml', siblings: s }).map((i) => i.code);
    expect(only(siblings)).toEqual(['compose/watch-path-ignored']);
    const both = new Map([...siblings, ['backend/dev.Dockerfile.dockerignore', { kind: 'dockerignore', model: { patterns: ['.git'] } }]]);
    expect(only(both)).toEqual([]);
  });

  it('flags every interpolation of a variable the .env.example beside the file does not list (defaults included)', () => {
    const model = load('undeclared-variable.fail.yaml').model;
    const found = (file: string, s?: RuleContext['siblings']) =>
      composeKind.validate(model, { file, ...(s ? { siblings: s } : {}) }).filter((i) => i.code === 'compose/undeclared-variable').map((i) => [i.path.join('.'), i.message.split(' is interpolated')[0]]);
    expect(found('compose.yaml', siblings)).toEqual([
      ['services.api.image', '"${API_TAG:-1.0}" in "api:${API_TAG:-1.0}"'],
      ['services.api.environment.API_TOKEN', '"${API_TOKEN:?set it}" in "${API_TOKEN:?set it}"'],
      ['services.api.environment.ADMIN_PASSWORD', '"$word" in "pa$word"'],
      ['services.api.command.2', '"$HOME" in "echo $HOME"'],
    ]);
    // without an .env.example beside the file nothing is declared: DATABASE_URL is reported too
    expect(found('deploy/compose.yaml', siblings).map(([p]) => p)).toEqual([
      'services.api.image', 'services.api.environment.DATABASE_URL', 'services.api.environment.API_TOKEN', 'services.api.environment.ADMIN_PASSWORD', 'services.api.command.2',
    ]);
    expect(found('compose.yaml')).toHaveLength(5);
    const password = composeKind.validate(model, { file: 'compose.yaml', siblings }).find((i) => i.path.join('.') === 'services.api.environment.ADMIN_PASSWORD')!;
    expect(password.message).toContain('becomes an empty string');
    expect(password.hint).toContain('"$$word"');
  });

  it('flags nested defaults, and never keys, $$, a $ before a non-name, or COMPOSE_PROJECT_NAME', () => {
    const model: ComposeModel = {
      services: { api: { image: 'api:1', environment: { 'A$B': '${DATABASE_URL:-${DB_HOST:-localhost}}', PRICE: '$$5 $1 5$ ${COMPOSE_PROJECT_NAME}' } } },
    };
    const found = composeKind.validate(model, { file: 'compose.yaml', siblings }).filter((i) => i.code === 'compose/undeclared-variable');
    expect(found.map((i) => [i.path.join('.'), i.message.split(' in ')[0]])).toEqual([['services.api.environment.A$B', '"${DB_HOST:-localhost}"']]);
  });

  it('finds every bad environment and label key, in maps and KEY=value lists, and empty images', () => {
    const paths = (fixture: string, code: string) =>
      composeKind.validate(load(fixture).model, { file: 'compose.yaml' }).filter((i) => i.code === code).map((i) => i.path.join('.'));
    expect(paths('invalid-environment-key.fail.yaml', 'compose/invalid-environment-key')).toEqual([
      'services.api.environment.LOG LEVEL', 'services.api.environment.A=B', 'services.worker.environment.0', 'services.worker.environment.1',
    ]);
    expect(paths('invalid-label-key.fail.yaml', 'compose/invalid-label-key')).toEqual(['services.api.labels.com.example team', 'services.api.build.labels.0', 'volumes.data.labels.a=b']);
    expect(paths('empty-image.fail.yaml', 'compose/empty-image')).toEqual(['services.api.image', 'services.worker.image']);
    // an empty map key is already refused by the compose-spec schema (and by the model's schema)
    expect(composeProblems('services:\n  api:\n    image: a:1\n    environment:\n      "": x\n')).not.toEqual([]);
    expect(composeKind.validate({ services: { api: { image: 'a:1', environment: { '': 'x' }, labels: { '': 'y' } } } }, {}).map((i) => i.code)).toEqual(
      expect.arrayContaining(['compose/invalid-environment-key', 'compose/invalid-label-key']),
    );
  });

  it('follows extends in the same file', () => {
    const model: ComposeModel = {
      services: {
        base: { build: '.', healthcheck: { test: ['CMD', 'true'] } },
        db: { extends: 'base' },
        worker: { extends: { service: 'db' }, develop: { watch: [{ action: 'rebuild', path: './src' }] } },
        api: { image: 'api:1', depends_on: { db: { condition: 'service_healthy' }, worker: { condition: 'service_healthy' } } },
        loop: { extends: 'loop2', develop: { watch: [{ action: 'rebuild', path: './src' }] } },
        loop2: { extends: 'loop' },
      },
    };
    expect(composeKind.validate(model, { file: 'compose.yaml' }).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['compose/rebuild-without-build', 'services.loop.develop.watch.0.action'],
    ]);
  });

  it('reads the lenient { patterns } shape too', () => {
    const model = load('watch-path-ignored.fail.yaml').model;
    const lenient = new Map([['backend/.dockerignore', { kind: 'dockerignore', model: { patterns: ['app', { pattern: 'app/x', negate: true }] } }]]);
    expect(composeKind.validate(model, { file: 'compose.yaml', siblings: lenient }).map((i) => i.code)).toEqual(['compose/watch-path-ignored']);
    const other = new Map([['backend/.dockerignore', { kind: 'dockerignore', model: { entries: [{ kind: 'ignore', pattern: 'tests' }] } }]]);
    expect(composeKind.validate(model, { file: 'compose.yaml', siblings: other })).toEqual([]);
  });

  it('accepts service_healthy on a service whose built Dockerfile stage has a HEALTHCHECK', () => {
    const model: ComposeModel = {
      services: {
        worker: { build: { context: './worker', target: 'runtime' } },
        api: { image: 'api:1', depends_on: { worker: { condition: 'service_healthy' } } },
      },
    };
    // the App hands rules the Dockerfile's typed facts (core/facts.ts), derived by its kind
    const dockerfile = (instructions: unknown[]) => {
      const m = {
        stages: [
          { from: 'python:3.13-slim', name: 'base', instructions },
          { from: 'base', name: 'runtime', instructions: [{ kind: 'user', user: 'app' }] },
          { from: 'base', name: 'test', instructions: [{ kind: 'healthcheck', command: null }] },
        ],
      };
      return new Map([['worker/Dockerfile', { kind: 'dockerfile', model: m as unknown, facts: dockerfileKind.facts!(m as never) }]]);
    };
    const codes = (s: Map<string, { kind: string; model: unknown; facts?: FileFacts }>) => composeKind.validate(model, { file: 'compose.yaml', siblings: s }).map((i) => i.code);
    expect(codes(dockerfile([{ kind: 'healthcheck', command: { form: 'exec', args: ['curl', '-f', 'http://localhost'] } }]))).toEqual([]);
    expect(codes(dockerfile([]))).toEqual(['compose/healthy-without-healthcheck']);
    expect(codes(dockerfile([{ kind: 'healthcheck', command: null }]))).toEqual(['compose/healthy-without-healthcheck']);
    expect(codes(new Map())).toEqual(['compose/healthy-without-healthcheck']);
  });

  it('resolves an override file against its base sibling', () => {
    const base: ComposeModel = { services: { db: { image: 'postgres:16', healthcheck: { test: ['CMD', 'pg_isready'] } }, api: { build: '.' } }, volumes: { data: null } };
    const override: ComposeModel = {
      services: {
        api: { depends_on: { db: { condition: 'service_healthy' } }, volumes: ['data:/data'], develop: { watch: [{ action: 'rebuild', path: './pyproject.toml' }] } },
      },
    };
    const context: RuleContext = { file: 'compose.override.yaml', siblings: new Map([['compose.yaml', { kind: 'compose', model: base }]]) };
    expect(composeKind.validate(override, context)).toEqual([]);
    expect(composeKind.validate(override, { file: 'compose.override.yaml' }).map((i) => i.code).sort()).toEqual([
      'compose/rebuild-without-build',
      'compose/undeclared-volume',
      'compose/unknown-service',
    ]);
  });

  it('port-collision in an override counts the host ports its base already publishes (Compose appends them)', () => {
    const base: ComposeModel = { services: { postgres: { image: 'postgres:17', ports: ['5432:5432'] }, api: { build: '.', ports: ['3000:3000'] } } };
    const override: ComposeModel = { services: { redis: { image: 'redis:7', ports: ['5432:6379'] }, api: { ports: ['3000:3000', '9229:9229'] } } };
    const context: RuleContext = { file: 'dev/compose.override.yaml', siblings: new Map([['dev/compose.yaml', { kind: 'compose', model: base }]]) };
    const found = composeKind.validate(override, context).filter((i) => i.code === 'compose/port-collision');
    // redis takes postgres's host port; api repeating its own base entry is merged by Compose, not a clash
    expect(found.map((i) => [i.path, i.message])).toEqual([[['services', 'redis', 'ports', 0], 'host port 5432/tcp is already published by service "postgres" in dev/compose.yaml']]);
    // the same host port for another target of the same service is a clash
    const again: ComposeModel = { services: { api: { ports: ['3000:8080'] } } };
    expect(composeKind.validate(again, context).map((i) => i.code)).toEqual(['compose/port-collision']);
    // without the base, the override alone has no clash
    expect(composeKind.validate(override, { file: 'dev/compose.override.yaml' }).filter((i) => i.code === 'compose/port-collision')).toEqual([]);
  });

  it('never throws on data that is not a compose model', () => {
    for (const junk of [null, 5, 'x', [], { services: 5 }, { services: { a: null, b: [], c: { depends_on: 5, ports: 'x', volumes: [null, 5], develop: { watch: [null] } } } }]) {
      expect(() => composeKind.validate(junk as never, { file: 'compose.yaml' })).not.toThrow();
    }
  });
});

describe('compose security rules', () => {
  const run = (model: ComposeModel, code: string) => composeKind.validate(model, { file: 'compose.yaml' }).filter((i) => i.code === code);

  it('reports the exact places, and the database-port hint names 127.0.0.1', () => {
    const issues = (name: string, code: string) => composeKind.validate(load(name).model, { file: 'compose.yaml', siblings }).filter((i) => i.code === code);
    const ports = issues('database-port-exposed.fail.yaml', 'compose/database-port-exposed');
    expect(ports.map((i) => i.path)).toEqual([
      ['services', 'db', 'ports', 0],
      ['services', 'cache', 'ports', 0],
      ['services', 'cache', 'ports', 1],
      ['services', 'mongo', 'ports', 0],
    ]);
    expect(ports.map((i) => i.hint)).toEqual([
      'publish it on this machine only: "127.0.0.1:5432:5432"',
      'publish it on this machine only: "127.0.0.1:6380:6379"',
      'publish it on this machine only: host_ip: 127.0.0.1',
      'publish it on this machine only: "127.0.0.1:27017:27017"',
    ]);
    expect(issues('docker-socket.fail.yaml', 'compose/docker-socket').map((i) => i.path)).toEqual([
      ['services', 'ui', 'volumes', 0],
      ['services', 'agent', 'volumes', 0],
    ]);
    expect(issues('host-namespace.fail.yaml', 'compose/host-namespace').map((i) => i.path[2])).toEqual(['network_mode', 'pid', 'ipc']);
    expect(issues('unconfined-security-opt.fail.yaml', 'compose/unconfined-security-opt')).toHaveLength(2);
  });

  it('secret-in-environment: the shared detector, URLs with literal passwords, and what it leaves alone', () => {
    const env = (environment: Record<string, string>) => run({ services: { api: { image: 'api:1', environment } } }, 'compose/secret-in-environment').map((i) => i.path[3]);
    expect(env({ PGPASSWORD: 'x', GH_PAT: 'x', NPM_AUTH_TOKEN: 'x', SSH_PRIVATE_KEY: 'x', DATABASE_URL: 'postgres://app:hunter2@db:5432/app' })).toEqual([
      'PGPASSWORD', 'GH_PAT', 'NPM_AUTH_TOKEN', 'SSH_PRIVATE_KEY', 'DATABASE_URL',
    ]);
    expect(env({
      GIT_AUTHOR_NAME: 'ci', MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', POSTGRES_PASSWORD_FILE: '/run/secrets/db', DATABASE_PASSWORD: '/run/secrets/db-password',
      DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db:5432/app', LOCAL_URL: 'postgres://postgres:postgres@localhost:5432/app', TOKENIZERS_PARALLELISM: 'false',
    })).toEqual([]);
    const [url] = run({ services: { api: { image: 'api:1', environment: { DATABASE_URL: 'postgres://app:hunter2@db:5432/app' } } } }, 'compose/secret-in-environment');
    expect(url?.message).toContain('postgres://app:***@db:5432/app');
    expect(url?.message).not.toContain('hunter2');
    expect(url?.hint).toBe('write the password as a variable: postgres://app:${DATABASE_PASSWORD}@db:5432/app');
  });

  it('privileged, cap_add and namespaces: only the dangerous values', () => {
    expect(run({ services: { a: { image: 'a:1', privileged: true } } }, 'compose/privileged')).toHaveLength(1);
    expect(run({ services: { a: { image: 'a:1', cap_add: ['CAP_ALL', 'all'] } } }, 'compose/cap-add-all')).toHaveLength(2);
    expect(run({ services: { a: { image: 'a:1', cap_add: ['SYS_PTRACE'] } } }, 'compose/cap-add-all')).toEqual([]);
    expect(run({ services: { a: { image: 'a:1', network_mode: 'bridge', pid: 'service:b' }, b: { image: 'b:1' } } }, 'compose/host-namespace')).toEqual([]);
    expect(run({ services: { a: { image: 'a:1', volumes: [{ type: 'bind', source: '/', target: '/host' }] } } }, 'compose/host-root-mount')).toHaveLength(1);
    expect(run({ services: { a: { image: 'a:1', volumes: ['root:/data'] } }, volumes: { root: {} } }, 'compose/host-root-mount')).toEqual([]);
  });
});

describe('compose/database-port-exposed: host addresses', () => {
  const at = (port: unknown) => composeKind.validate({ services: { db: { image: 'postgres:16', ports: [port] } } } as ComposeModel, { file: 'compose.yaml' }).filter((i) => i.code === 'compose/database-port-exposed');
  it.each(['5432:5432', '0.0.0.0:5432:5432', '0.0.0.0::5432', '[::]:5432:5432', '5432', '5433:5432/tcp', '5432-5433:5432-5433'])('%s is open to the network', (p) => {
    expect(at(p)).toHaveLength(1);
  });
  it.each(['127.0.0.1:5432:5432', '127.0.0.1::5432', '[::1]:5432:5432', '192.168.1.10:5432:5432', '8080:80', '${DB_PORT}:5432'])('%s is not', (p) => {
    expect(at(p)).toEqual([]);
  });
  it('reads the long form and numbers', () => {
    expect(at(5432)).toHaveLength(1);
    expect(at({ target: 5432, published: '5432' })).toHaveLength(1);
    expect(at({ target: 5432, published: '5432', host_ip: '127.0.0.1' })).toEqual([]);
    expect(at({ target: 5432, host_ip: '127.0.0.1' })).toEqual([]);
  });
});
