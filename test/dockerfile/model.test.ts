import { describe, expect, it } from 'vitest';
import { DirectivesSchema, DockerfileModelSchema, DockerignoreModelSchema, InstructionSchema, MountSchema, StageSchema } from '../../src/dockerfile/index.js';
import { schemaIssues } from '../../src/core/schema.js';

const keys = (o: { shape: Record<string, unknown> }): string[] => Object.keys(o.shape);

describe('the zod schema is the truth; key order is output order', () => {
  it('pins the key order of the file, stage and directives', () => {
    expect(keys(DockerfileModelSchema)).toEqual(['directives', 'preamble', 'stages', 'dockerignore']);
    expect(keys(StageSchema)).toEqual(['comments', 'platform', 'from', 'name', 'asKeyword', 'instructions']);
    expect(keys(DirectivesSchema)).toEqual(['syntax', 'escape', 'check']);
    expect(keys(DockerignoreModelSchema)).toEqual(['entries']);
  });

  it('pins the key order of every instruction (flags in the order they are written)', () => {
    const byKind = Object.fromEntries(InstructionSchema.options.map((o) => [o.shape.kind.value, keys(o)]));
    expect(byKind).toEqual({
      run: ['kind', 'mounts', 'network', 'security', 'command', 'execSource', 'heredocs'],
      cmd: ['kind', 'command', 'execSource'],
      entrypoint: ['kind', 'command', 'execSource'],
      shell: ['kind', 'command', 'execSource'],
      label: ['kind', 'labels'],
      expose: ['kind', 'ports'],
      env: ['kind', 'vars', 'legacy'],
      add: ['kind', 'chown', 'chmod', 'link', 'keepGitDir', 'checksum', 'exclude', 'sources', 'dest', 'json', 'heredocs'],
      copy: ['kind', 'from', 'chown', 'chmod', 'link', 'parents', 'exclude', 'sources', 'dest', 'json', 'heredocs'],
      volume: ['kind', 'paths', 'json'],
      user: ['kind', 'user'],
      workdir: ['kind', 'path'],
      arg: ['kind', 'args'],
      stopsignal: ['kind', 'signal'],
      healthcheck: ['kind', 'interval', 'timeout', 'startPeriod', 'startInterval', 'retries', 'command', 'execSource'],
      maintainer: ['kind', 'name'],
      onbuild: ['kind', 'instruction'],
      comment: ['kind', 'text'],
      blank: ['kind'],
      raw: ['kind', 'text'],
    });
  });

  it('pins the key order of every mount type', () => {
    expect(Object.fromEntries(MountSchema.options.map((o) => [o.shape.type.value, keys(o)]))).toEqual({
      bind: ['type', 'target', 'source', 'from', 'readwrite'],
      cache: ['type', 'target', 'id', 'readonly', 'sharing', 'from', 'source', 'mode', 'uid', 'gid'],
      tmpfs: ['type', 'target', 'size'],
      secret: ['type', 'id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
      ssh: ['type', 'id', 'target', 'required', 'mode', 'uid', 'gid'],
    });
  });
});

describe('schema issues say what was expected and what was received', () => {
  it('reports unknown keys, bad values and empty lists with paths', () => {
    const model = {
      stages: [{
        from: 'alpine:3.20',
        instructions: [
          { kind: 'run', command: 'true', mounts: [{ type: 'cache', target: '/c', sharing: 'sometimes' }] },
          { kind: 'copy', sources: [], dest: '/x' },
          { kind: 'user', user: 'app', extra: 1 },
          { kind: 'expose', ports: ['eighty'] },
          { kind: 'env', vars: { 'A B': '1' } },
        ],
      }],
    };
    const issues = schemaIssues(DockerfileModelSchema, model, 'docker', 'Dockerfile');
    const got = issues.map((i) => [i.code, i.path.join('.')]);
    expect(got).toEqual([
      ['docker/schema/invalid-value', 'stages.0.instructions.0.mounts.0.sharing'],
      ['docker/schema/out-of-range', 'stages.0.instructions.1.sources'],
      ['docker/schema/unknown-key', 'stages.0.instructions.2'],
      ['docker/schema/invalid-port', 'stages.0.instructions.3.ports.0'],
      ['docker/schema/invalid-name', 'stages.0.instructions.4.vars.A B'],
    ]);
    expect(issues[0]!.message).toBe('expected one of "shared", "private", "locked", received "sometimes"');
    expect(schemaIssues(DockerfileModelSchema, { stages: [] }, 'docker')[0]).toMatchObject({ code: 'docker/schema/out-of-range', path: ['stages'] });
  });

  it('rejects a value that would end its line with the escape character', () => {
    const model = { stages: [{ from: 'mcr.microsoft.com/windows/servercore:ltsc2022', instructions: [{ kind: 'copy', sources: ['a'], dest: 'C:\\app\\' }, { kind: 'run', command: 'echo \\' }] }] };
    const issues = schemaIssues(DockerfileModelSchema, model, 'docker', 'Dockerfile');
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['docker/schema/invalid-format', 'stages.0.instructions.0.dest'],
      ['docker/schema/invalid-format', 'stages.0.instructions.1.command'],
    ]);
    expect(issues[0]!.message).toContain('escape character');
    // with the backtick escape, a trailing backslash is just a character
    expect(schemaIssues(DockerfileModelSchema, { directives: { escape: '`' }, ...model }, 'docker')).toEqual([]);
  });

  it('checks heredocs: markers match the bodies, and no body line ends them early', () => {
    const model = {
      stages: [{
        from: 'alpine:3.20',
        instructions: [
          { kind: 'run', command: 'cat', heredocs: [{ delimiter: 'EOF', body: 'x' }] },
          { kind: 'copy', sources: ['<<a.txt'], dest: '/a.txt', heredocs: [{ delimiter: 'a.txt', body: 'one\na.txt\ntwo' }] },
        ],
      }],
    };
    const issues = schemaIssues(DockerfileModelSchema, model, 'docker');
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['docker/schema/invalid-format', 'stages.0.instructions.1.heredocs.0.body'],
      ['docker/schema/invalid', 'stages.0.instructions.0.heredocs'],
    ]);
    expect(issues[1]!.message).toContain('expected heredocs matching the markers (none) in order');
  });
});
