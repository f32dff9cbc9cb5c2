import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BuildSchema,
  ComposeModelSchema,
  ConfigSchema,
  DependencySchema,
  HealthcheckSchema,
  PortSchema,
  SecretSchema,
  ServiceSchema,
  VolumeMountSchema,
  WatchSchema,
  synthCompose,
} from '../../src/compose/index.js';
import { SHARED_DIR } from '../helpers/oracles/compose.js';

type JsonSchema = { properties?: Record<string, JsonSchema>; oneOf?: JsonSchema[]; items?: JsonSchema; $ref?: string; patternProperties?: Record<string, JsonSchema> };
const spec = JSON.parse(readFileSync(resolve(SHARED_DIR, 'schemas/compose-spec.json'), 'utf8')) as JsonSchema & { definitions: Record<string, JsonSchema> };

function keysOf(schema: { shape: object }): string[] {
  return Object.keys(schema.shape);
}
const objectOption = (s: { options: readonly unknown[] }) => s.options.find((o): o is { shape: object } => typeof o === 'object' && o !== null && 'shape' in o)!;

describe('the compose model covers the specification', () => {
  it('has a place for every top-level property', () => {
    const missing = Object.keys(spec.properties!).filter((k) => !keysOf(ComposeModelSchema).includes(k));
    expect(missing).toEqual([]);
    expect(Object.keys(spec.patternProperties!)).toEqual(['^x-']);
    expect(ComposeModelSchema.safeParse({ 'x-anything': { a: 1 } }).success).toBe(true);
  });

  it('has a place for every service property', () => {
    const missing = Object.keys(spec.definitions['service']!.properties!).filter((k) => !keysOf(ServiceSchema).includes(k));
    expect(missing).toEqual([]);
    // and nothing the specification does not have
    expect(keysOf(ServiceSchema).filter((k) => !(k in spec.definitions['service']!.properties!))).toEqual([]);
  });

  it('has a place for every property of the nested objects', () => {
    const pairs: [string, JsonSchema, { shape: object }][] = [
      ['build', spec.definitions['service']!.properties!['build']!.oneOf![1]!, objectOption(BuildSchema)],
      ['healthcheck', spec.definitions['healthcheck']!, HealthcheckSchema],
      ['develop.watch', spec.definitions['development']!.properties!['watch']!.items!, WatchSchema],
      ['depends_on', spec.definitions['service']!.properties!['depends_on']!.oneOf![1]!.patternProperties!['^[a-zA-Z0-9._-]+$']!, DependencySchema],
      ['ports', spec.definitions['service']!.properties!['ports']!.items!.oneOf![2]!, PortSchema],
      ['volumes', spec.definitions['service']!.properties!['volumes']!.items!.oneOf![1]!, VolumeMountSchema],
      ['secret', spec.definitions['secret']!, SecretSchema],
      ['config', spec.definitions['config']!, ConfigSchema],
    ];
    for (const [name, json, zod] of pairs) {
      const missing = Object.keys(json.properties!).filter((k) => !keysOf(zod).includes(k));
      expect(missing, name).toEqual([]);
    }
  });

  it('pins the key order (the output order)', () => {
    expect(keysOf(ComposeModelSchema)).toEqual(['version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs', 'models']);
    expect(keysOf(ServiceSchema).slice(0, 32)).toEqual([
      'image', 'build', 'extends', 'provider', 'platform', 'pull_policy', 'pull_refresh_after', 'container_name', 'hostname', 'domainname',
      'profiles', 'command', 'entrypoint', 'working_dir', 'user', 'environment', 'env_file', 'label_file', 'ports', 'expose', 'volumes',
      'volumes_from', 'tmpfs', 'networks', 'network_mode', 'depends_on', 'healthcheck', 'develop', 'restart', 'deploy', 'scale', 'secrets',
    ]);
    expect(keysOf(HealthcheckSchema)).toEqual(['test', 'interval', 'timeout', 'retries', 'start_period', 'start_interval', 'disable']);
    expect(keysOf(WatchSchema)).toEqual(['action', 'path', 'target', 'ignore', 'include', 'exec', 'initial_sync']);
    expect(keysOf(objectOption(BuildSchema)).slice(0, 5)).toEqual(['context', 'dockerfile', 'dockerfile_inline', 'target', 'args']);
  });

  it('writes keys in the model order whatever order they were given in', () => {
    const text = synthCompose({
      'x-z': 1,
      volumes: { data: null },
      services: { api: { restart: 'always', healthcheck: { retries: 3, test: ['CMD', 'true'] }, image: 'api:1' } },
      name: 'app',
    } as never);
    expect(text).toBe(
      ['name: app', 'services:', '  api:', '    image: api:1', '    healthcheck:', '      test:', '        - CMD', '        - "true"', '      retries: 3', '    restart: always', 'volumes:', '  data:', 'x-z: 1', ''].join('\n').replace('"true"', "'true'"),
    );
  });
});
