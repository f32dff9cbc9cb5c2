// The typed methods for common service keys and the top-level include / models / x- extensions:
// each writes what its TSDoc shows, in the schema's key order, and the official compose schema accepts it.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { parseYaml } from '../../src/core/yaml.js';
import { Compose, composeKind, synthCompose, type ComposeModel } from '../../src/compose/index.js';
import { composeProblems } from '../helpers/oracles/compose.js';

function checked(model: ComposeModel): string {
  const text = synthCompose(model);
  expect(composeProblems(text)).toEqual([]);
  expect(parseYaml(text).data).toEqual(model);
  expect(composeKind.validate(model, { file: 'compose.yaml' }).filter((i) => i.severity === 'error')).toEqual([]);
  return text;
}

describe('typed service options', () => {
  it('writes each option, and the oracle accepts the file', () => {
    const model = Compose.create()
      .service('data', (s) => s.image('busybox:1.36'))
      .model('llm', { model: 'ai/smollm2', context_size: 4096 })
      .service('api', (s) =>
        s
          .image('api:1')
          .init()
          .stopGracePeriod('1m30s')
          .tmpfs('/tmp', '/run:size=64m')
          .ulimits({ nproc: 65535 })
          .ulimits({ nofile: { soft: 20000, hard: 40000 } })
          .extraHosts({ 'host.docker.internal': 'host-gateway' })
          .extraHosts({ db: ['10.0.0.2', '10.0.0.3'] })
          .logging('json-file', { 'max-size': '10m', 'max-file': '3' })
          .resources({ limits: { cpus: '0.5', memory: '512M' }, reservations: { memory: '256M' } })
          .capDrop('ALL')
          .capAdd('NET_BIND_SERVICE', 'NET_BIND_SERVICE')
          .platform('linux/amd64')
          .containerName('shop-api')
          .volumesFrom('data:ro', 'container:legacy')
          .models('llm'),
      )
      .toModel();
    const api = model.services!['api']!;
    expect(api).toMatchObject({
      init: true,
      stop_grace_period: '1m30s',
      tmpfs: ['/tmp', '/run:size=64m'],
      ulimits: { nproc: 65535, nofile: { soft: 20000, hard: 40000 } },
      extra_hosts: { 'host.docker.internal': 'host-gateway', db: ['10.0.0.2', '10.0.0.3'] },
      logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } },
      deploy: { resources: { limits: { cpus: '0.5', memory: '512M' }, reservations: { memory: '256M' } } },
      cap_add: ['NET_BIND_SERVICE'],
      cap_drop: ['ALL'],
      platform: 'linux/amd64',
      container_name: 'shop-api',
      volumes_from: ['data:ro', 'container:legacy'],
      models: ['llm'],
    });
    // the schema's key order, whatever order the methods were called in
    const order = Object.keys(api);
    const schemaOrder = ['image', 'platform', 'container_name', 'volumes_from', 'tmpfs', 'deploy', 'models', 'logging', 'init', 'cap_add', 'cap_drop', 'ulimits', 'extra_hosts', 'stop_grace_period'];
    expect(order.filter((k) => schemaOrder.includes(k))).toEqual(schemaOrder);
    const text = checked(model);
    expect(text).toContain('    stop_grace_period: 1m30s\n');
    expect(text).toContain("    deploy:\n      resources:\n        limits:\n          cpus: '0.5'\n          memory: 512M\n");
  });

  it('keeps the rest of deploy when setting resources, and merges extra_hosts given as a list', () => {
    const model = Compose.create()
      .service('w', (s) => s.image('w:1').$raw({ deploy: { replicas: 2 }, extra_hosts: ['a=10.0.0.1'] }).resources({ limits: { memory: '1G' } }).extraHosts({ b: '10.0.0.2' }))
      .toModel();
    expect(model.services!['w']).toMatchObject({ deploy: { replicas: 2, resources: { limits: { memory: '1G' } } }, extra_hosts: { a: '10.0.0.1', b: '10.0.0.2' } });
    checked(model);
  });

  it('writes models in the long form', () => {
    const model = Compose.create()
      .model('llm', { model: 'ai/smollm2' })
      .model('embed', { model: 'ai/mxbai-embed-large' })
      .service('app', (s) => s.image('app:1').models('embed').models('llm', { endpoint_var: 'AI_URL', model_var: 'AI_MODEL' }))
      .toModel();
    expect(model.services!['app']!.models).toEqual({ embed: {}, llm: { endpoint_var: 'AI_URL', model_var: 'AI_MODEL' } });
    expect(checked(model)).toContain('models:\n  llm:\n    model: ai/smollm2\n  embed:\n    model: ai/mxbai-embed-large\n');
  });

  it('throws a coded UsageError for a container name Docker refuses', () => {
    expect(() => Compose.create().service('a', (s) => s.containerName('-bad name'))).toThrow(UsageError);
    try {
      Compose.create().service('a', (s) => s.containerName('x'));
      expect.unreachable();
    } catch (e) {
      expect((e as UsageError).code).toBe('compose/invalid-container-name');
    }
  });
});

describe('top-level include, models and x- extensions', () => {
  it('writes them in schema key order and the oracle accepts the file', () => {
    const model = Compose.create('shop')
      .extension('x-owner', { team: 'platform' })
      .service('api', (s) => s.image('api:1'))
      .model('llm', { model: 'ai/smollm2' })
      .include('./monitoring/compose.yaml')
      .include({ path: './db/compose.yaml', env_file: './db/.env' })
      .toModel();
    expect(Object.keys(model)).toEqual(['name', 'include', 'services', 'models', 'x-owner']);
    expect(model.include).toEqual(['./monitoring/compose.yaml', { path: './db/compose.yaml', env_file: './db/.env' }]);
    const text = checked(model);
    expect(text).toContain('include:\n  - ./monitoring/compose.yaml\n  - path: ./db/compose.yaml\n    env_file: ./db/.env\n');
    expect(text).toContain('x-owner:\n  team: platform\n');
  });

  it('rejects an extension key without x- at once, with a code', () => {
    expect(() => Compose.create().extension('owner' as `x-${string}`, 1)).toThrow(expect.objectContaining({ code: 'compose/invalid-extension' }));
  });

  it('keeps forks independent', () => {
    const base = Compose.create().model('llm', { model: 'ai/smollm2' });
    const a = base.model('embed', { model: 'ai/mxbai-embed-large' });
    expect(Object.keys(base.toModel().models ?? {})).toEqual(['llm']);
    expect(Object.keys(a.toModel().models ?? {})).toEqual(['llm', 'embed']);
  });
});

describe('runtime rules for models that did not come from the builder', () => {
  const codes = (model: ComposeModel) => composeKind.validate(model, { file: 'compose.yaml' }).map((i) => `${i.code} ${i.path.join('.')}`);

  it('healthcheck test NONE does not make a service healthy', () => {
    const model: ComposeModel = {
      services: {
        db: { image: 'postgres:16', healthcheck: { test: ['NONE'] } },
        api: { image: 'api:1', depends_on: { db: { condition: 'service_healthy' } } },
      },
    };
    expect(codes(model)).toContain('compose/healthy-without-healthcheck services.api.depends_on.db.condition');
  });

  it('reports undeclared build secrets, models and volumes_from services', () => {
    const model: ComposeModel = {
      services: {
        data: { image: 'busybox:1.36' },
        api: { build: { context: '.', secrets: ['npm_tokn'] }, models: ['lm'], volumes_from: ['dta', 'data:ro', 'container:x'] },
      },
      secrets: { npm_token: { environment: 'NPM_TOKEN' } },
      models: { llm: { model: 'ai/smollm2' } },
    };
    expect(codes(model)).toEqual(
      expect.arrayContaining([
        'compose/undeclared-secret services.api.build.secrets.0',
        'compose/undeclared-model services.api.models.0',
        'compose/unknown-volumes-from services.api.volumes_from.0',
      ]),
    );
    expect(codes(model).filter((c) => c.includes('volumes_from'))).toHaveLength(1);
  });
});
