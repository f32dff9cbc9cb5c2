import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as kit from '../../src/index.js';
import { errorsOf } from '../../src/core/issue.js';
import { parseCompose } from '../../src/compose/parse.js';
import { importFiles } from '../../src/import/index.js';

// Service properties in the forms real files use: short and long syntax, interpolation, typed and untyped.
const field = {
  image: fc.constantFrom('a:1', 'postgres:17', '${IMAGE}'),
  command: fc.constantFrom('run it', ['a', 'b']),
  ports: fc.array(fc.constantFrom('80', '8080:80', '127.0.0.1:5432:5432', 53, '53:53/udp', { target: 80, published: '8080' }, '${P}:80', '9000-9001:9000-9001'), { minLength: 1, maxLength: 3 }),
  expose: fc.array(fc.constantFrom(80, '81', '90/udp'), { minLength: 1, maxLength: 2 }),
  volumes: fc.array(fc.constantFrom('./x:/y', 'data:/d', '/anon', './a:/b:ro', { type: 'bind', source: './s', target: '/t' }, { type: 'volume', source: 'data', target: '/v' }, { type: 'tmpfs', target: '/tmp' }), { minLength: 1, maxLength: 3 }),
  environment: fc.oneof(
    fc.dictionary(fc.constantFrom('A', 'B', 'C', 'D', 'E'), fc.constantFrom('1', null, '${A}', '${B}', '${C:-x}', '${D:?set D}', 3, true, 'a b'), { minKeys: 1, maxKeys: 4 }),
    fc.constant(['A=1', 'B=${B}']),
  ),
  healthcheck: fc.constantFrom({ test: ['CMD', 'x'], interval: '10s' }, { disable: true }, { test: 'curl -f x', retries: 3, start_period: '1m30s' }, { test: ['CMD-SHELL', 'x'], timeout: '${T}' }, { test: ['CMD', 'x'], interval: '1.5s' }),
  restart: fc.constantFrom('always', 'on-failure:3', 'unless-stopped'),
  networks: fc.constantFrom(['front'], { front: { aliases: ['a'] } }, { front: null }, ['front', 'default']),
  labels: fc.constantFrom({ a: 'b' }, ['a=b']),
  develop: fc.constantFrom({ watch: [{ action: 'rebuild', path: './x' }] }, { watch: [{ action: 'sync', path: './x', target: '/x', ignore: ['n'] }] }),
  profiles: fc.constantFrom(['p'], ['p', 'q']),
  secrets: fc.constantFrom(['s'], [{ source: 's', target: 't' }]),
  stop_signal: fc.constant('SIGINT'),
  user: fc.constant('1000'),
  working_dir: fc.constant('/app'),
  init: fc.boolean(),
  'x-custom': fc.constant({ a: 1 }),
  build: fc.constantFrom('./app', { context: '.', target: 'dev', args: { A: '1' } }),
  env_file: fc.constantFrom('.env', ['.env', { path: './x.env', required: false }]),
};
const service = fc.record(field, { requiredKeys: [] });
const compose = fc
  .tuple(fc.dictionary(fc.constantFrom('api', 'db', 'web'), service, { minKeys: 1, maxKeys: 3 }), fc.constantFrom('service_started', 'service_healthy', 'list'), fc.boolean())
  .map(([generated, condition, named]) => {
    const services = generated as Record<string, Record<string, unknown>>;
    const names = Object.keys(services);
    // the first service depends on the others (in either form), which the importer must order first
    const [first, ...rest] = names;
    if (first && rest.length > 0) {
      services[first] = { ...services[first], depends_on: condition === 'list' ? rest : Object.fromEntries(rest.map((r) => [r, { condition }])) };
    }
    return { ...(named ? { name: 'proj' } : {}), services, volumes: { data: null }, networks: { front: null }, secrets: { s: { file: './s.txt' } } };
  });

const canon = (v: unknown): unknown => (Array.isArray(v) ? v.map(canon) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canon(x)])) : v);

/** Runs a generated config (plain JavaScript apart from its imports) and returns its compose model. */
function run(source: string): unknown {
  const body = source.replace(/^import[\s\S]*?from '[^']+';$/gm, '').replace('export default app;', 'return app;');
  const names = kit as unknown as Record<string, unknown>;
  const app = new Function(...Object.keys(names), body)(...Object.values(names)) as kit.App;
  return app.entries().find((e) => e.path === 'compose.yaml')!.model;
}

describe('devstack import on arbitrary compose files', () => {
  it('the generated code builds the same compose data (1,000 runs)', () => {
    let imported = 0;
    fc.assert(
      fc.property(compose, (model) => {
        const text = JSON.stringify(model);
        const parsed = parseCompose(text);
        if (!parsed.model || errorsOf(parsed.issues).length > 0) return;
        imported++;
        const { source } = importFiles([{ path: 'compose.yaml', text }]);
        expect(canon(JSON.parse(JSON.stringify(run(source))))).toEqual(canon(model));
      }),
      { numRuns: 1000 },
    );
    // about half the random files are ones the schema accepts (the rest are skipped, as the importer refuses them)
    expect(imported).toBeGreaterThan(400);
  });
});
