import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.js';
import { Compose } from '../../src/compose/index.js';
import { Dockerfile } from '../../src/dockerfile/index.js';
import { Workflow } from '../../src/workflow/index.js';
import { formatIssue } from '../../src/core/issue.js';
import { captureSite, nestSites, parseFrame, recordSite, setSourceCapture, siteLocation, sourceAt, sourceTable, sourcesOf, withSources } from '../../src/core/source.js';

const HERE = fileURLToPath(import.meta.url);
/** The line of the caller (1-based), read from a fresh stack. */
const lineHere = (): number => Number(/:(\d+):\d+\)?$/.exec((new Error().stack ?? '').split('\n')[2] ?? '')?.[1]);

afterEach(() => setSourceCapture(true));

describe('parseFrame', () => {
  it('reads the frame forms V8 prints', () => {
    expect(parseFrame('    at fn (/a/b.ts:12:5)')).toEqual({ file: '/a/b.ts', line: 12, column: 5 });
    expect(parseFrame('    at /a/b c.ts:3:9')).toEqual({ file: '/a/b c.ts', line: 3, column: 9 });
    expect(parseFrame('    at Object.<anonymous> (file:///a/b%20c.ts:1:2)')).toEqual({ file: '/a/b c.ts', line: 1, column: 2 });
    expect(parseFrame('    at fn (C:\\a\\b.ts:4:1)')).toEqual({ file: 'C:\\a\\b.ts', line: 4, column: 1 });
  });

  it('skips frames without a file', () => {
    expect(parseFrame('    at node:internal/modules/run_main:1:2')).toBeUndefined();
    expect(parseFrame('    at new Promise (<anonymous>)')).toBeUndefined();
    expect(parseFrame('    at Array.map (native)')).toBeUndefined();
    expect(parseFrame('Error: boom')).toBeUndefined();
  });
});

describe('captureSite', () => {
  it('finds the first frame outside devstack-kit', () => {
    const line = lineHere() + 1;
    const sites = recordSite(undefined, ['x']);
    const site = sourceTable(sites).get('["x"]');
    expect(siteLocation(site)).toEqual({ file: HERE, line, column: expect.any(Number) });
  });

  it('captures nothing when switched off', () => {
    setSourceCapture(false);
    expect(captureSite()).toBeUndefined();
    expect(recordSite(undefined, ['x'])).toBeUndefined();
  });
});

describe('the side table', () => {
  it('keeps the newest call per path and nests lists under a prefix', () => {
    const a = recordSite(undefined, ['ports']);
    const b = recordSite(a, ['ports']);
    const inner = recordSite(b, ['image']);
    const outer = nestSites(recordSite(undefined, ['services', 'api']), ['services', 'api'], inner);
    const table = sourceTable(outer);
    expect([...table.keys()].sort()).toEqual(['["services","api","image"]', '["services","api","ports"]', '["services","api"]']);
    expect(table.get('["services","api","ports"]')).toBe(b !== undefined && 'site' in b ? b.site : undefined);
  });

  it('answers with the longest recorded prefix of a path, or nothing', () => {
    const service = recordSite(undefined, ['services', 'api']);
    const ports = recordSite(service, ['services', 'api', 'ports']);
    const model = withSources({ services: { api: {} } }, ports);
    const at = (path: (string | number)[]) => sourceAt(model, path)?.line;
    const portsLine = siteLocation(sourceTable(ports).get('["services","api","ports"]'))?.line;
    const serviceLine = siteLocation(sourceTable(ports).get('["services","api"]'))?.line;
    expect(portsLine).toBe((serviceLine ?? 0) + 1);
    expect(at(['services', 'api', 'ports', 0, 'target'])).toBe(portsLine);
    expect(at(['services', 'api', 'image'])).toBe(serviceLine);
    expect(at(['volumes'])).toBeUndefined();
    expect(sourceAt({}, ['services'])).toBeUndefined();
    expect(sourcesOf(model)?.size).toBe(2);
  });
});

describe('issues from builder calls carry the location of the call', () => {
  it('points a compose rule issue at the method call that wrote the value', () => {
    const line = lineHere() + 2;
    const compose = Compose.create().service('db', (s) => s
      .image('postgres:latest'));
    const issues = new App().compose('compose.yaml', compose).validate();
    const latest = issues.find((i) => i.code === 'compose/latest-tag');
    expect(latest?.source).toEqual({ file: HERE, line, column: expect.any(Number) });
    expect(formatIssue(latest!)).toContain(`(${HERE}:${line}:`);
  });

  it('falls back to the service call for keys set elsewhere, and to nothing for a plain model', () => {
    const line = lineHere() + 1;
    const compose = Compose.create().service('db', (s) => s.image('postgres:16'));
    const model = compose.toModel();
    expect(sourceAt(model, ['services', 'db', 'healthcheck'])?.line).toBe(line);
    const plain = new App().add('compose', 'compose.yaml', { services: { db: { image: 'postgres:latest' } } }).validate();
    expect(plain.find((i) => i.code === 'compose/latest-tag')?.source).toBeUndefined();
  });

  it('points a workflow step issue at the step call, and a job issue at the job call', () => {
    const jobLine = lineHere() + 1;
    const workflow = Workflow.create('CI').on('push').job('test', (j) => j.runsOn('ubuntu-latest')
      .step({ uses: 'actions/checkout@main' }));
    const issues = new App().workflow('.github/workflows/ci.yml', workflow).validate();
    const branch = issues.find((i) => i.code === 'workflow/unpinned-action');
    expect(branch?.path).toEqual(['jobs', 'test', 'steps', 0, 'uses']);
    expect(branch?.source).toEqual({ file: HERE, line: jobLine + 1, column: expect.any(Number) });
    const timeout = issues.find((i) => i.code === 'workflow/missing-timeout');
    expect(timeout?.source?.line).toBe(jobLine);
  });

  it('points a Dockerfile instruction issue at the instruction call', () => {
    const line = lineHere() + 2;
    const dockerfile = Dockerfile.create().stage('app', 'python:3.13-slim', (s) => s
      .workdir('app')
      .user('app'));
    const app = new App();
    app.dockerfile('Dockerfile', dockerfile);
    const issues = app.validate();
    const workdir = issues.find((i) => i.code === 'docker/relative-workdir');
    expect(workdir?.path.slice(0, 3)).toEqual(['stages', 0, 'instructions']);
    expect(workdir?.source).toEqual({ file: HERE, line, column: expect.any(Number) });
  });

  it('records nothing with capture off', () => {
    setSourceCapture(false);
    const compose = Compose.create().service('db', (s) => s.image('postgres:latest'));
    expect(sourcesOf(compose.toModel())).toBeUndefined();
    expect(new App().compose('compose.yaml', compose).validate().find((i) => i.code === 'compose/latest-tag')?.source).toBeUndefined();
  });
});
