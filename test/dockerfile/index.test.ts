import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MARKER } from '../../src/core/yaml.js';
import { hasMarker } from '../../src/core/text.js';
import * as api from '../../src/dockerfile/index.js';
import { Dockerfile, dockerfileCodes, dockerfileKind, dockerignoreKind, dockerignorePresets } from '../../src/dockerfile/index.js';
import { dockerfileProblems, dockerignoreProblems } from '../helpers/oracles/dockerfile.js';

describe('dockerfileKind', () => {
  const df = Dockerfile.create().syntax('docker/dockerfile:1').check('error=true').stage('app', 'python:3.13-slim', (s) => s.user('app'));

  it('marks after the parser directives, which stay first', () => {
    const text = dockerfileKind.mark(dockerfileKind.render(df.toModel()));
    expect(text.split('\n').slice(0, 4)).toEqual(['# syntax=docker/dockerfile:1', '# check=error=true', `# ${MARKER}`, 'FROM python:3.13-slim AS app']);
    expect(hasMarker(text)).toBe(true);
    expect(dockerfileProblems(text)).toEqual([]);
    expect(dockerfileKind.parse(text).model).toEqual(df.toModel());
  });

  it('marks the first line when there are no directives', () => {
    const text = dockerfileKind.mark('FROM alpine:3.20\n');
    expect(text).toBe(`# ${MARKER}\nFROM alpine:3.20\n`);
    expect(dockerfileKind.parse(text).model).toEqual({ stages: [{ from: 'alpine:3.20', instructions: [] }] });
  });

  it('validates with file paths and only docker codes', () => {
    expect(dockerfileKind.kind).toBe('dockerfile');
    expect(dockerfileKind.codes.every((c) => c.code.startsWith('docker/'))).toBe(true);
    const issues = dockerfileKind.validate(df.dockerignore(dockerignorePresets.python()).toModel(), { file: 'Dockerfile' });
    expect(issues).toEqual([]);
  });
});

describe('dockerignoreKind', () => {
  it('renders, marks, parses back, and passes the .dockerignore oracle', () => {
    const model = dockerignorePresets.python().toModel();
    const text = dockerignoreKind.mark(dockerignoreKind.render(model));
    expect(text.startsWith(`# ${MARKER}\n`)).toBe(true);
    expect(dockerignoreKind.parse(text).model).toEqual(model);
    expect(dockerignoreProblems(text, { ignored: ['.git/HEAD', '.env', 'app/__pycache__/m.cpython-313.pyc', '.venv/bin/python', 'node_modules/x/index.js'], kept: ['app/main.py', 'pyproject.toml', '.env.example'] })).toEqual([]);
    expect(dockerignoreKind.validate(model, {})).toEqual([]);
    expect(dockerignoreKind.codes.every((c) => c.code.startsWith('dockerignore/'))).toBe(true);
  });
});

describe('docs/rules.md lists every Dockerfile code', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)), 'utf8');
  const section = doc.slice(doc.indexOf('## dockerfile\n'), doc.indexOf('\n## ', doc.indexOf('## dockerfile\n') + 5));
  const entries = [...section.matchAll(/^### `([^`]+)`\n\*\*(error|warning|info)\*\* — (.+)\n\nWhy: (.+) Fix: (.+)$/gm)].map((m) => ({ code: m[1], severity: m[2], summary: m[3], why: m[4], fix: m[5] }));

  it('one entry per code, in the exact format, with the registry\'s severity, summary and fix', () => {
    expect(entries.map((e) => e.code)).toEqual(dockerfileCodes.map((c) => c.code));
    for (const c of dockerfileCodes) {
      const e = entries.find((x) => x.code === c.code)!;
      expect(e).toMatchObject({ severity: c.severity, summary: c.summary, fix: c.fix });
      expect(e.why!.length).toBeGreaterThan(20);
    }
    expect(section).not.toContain('<!-- dockerfile codes -->');
  });
});

describe('public API', () => {
  it('exports exactly this surface (a new export is deliberate)', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "DirectivesSchema",
        "Dockerfile",
        "DockerfileModelSchema",
        "Dockerignore",
        "DockerignoreModelSchema",
        "InstructionSchema",
        "MountSchema",
        "StageBuilder",
        "StageSchema",
        "bindMount",
        "cacheMount",
        "dockerfileCodes",
        "dockerfileFacts",
        "dockerfileKind",
        "dockerfileRules",
        "dockerignoreKind",
        "dockerignorePaths",
        "dockerignorePresets",
        "dockerignoreRules",
        "execForm",
        "image",
        "isImageRef",
        "markDockerfile",
        "mountFlag",
        "parseDockerfile",
        "parseDockerignore",
        "quoteValue",
        "secretMount",
        "sshMount",
        "synthDockerfile",
        "synthDockerignore",
        "tmpfsMount",
      ]
    `);
  });
});
