import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindMount, cacheMount, Dockerfile, image, parseDockerfile, secretMount, tmpfsMount, type StageBuilder } from '../../src/dockerfile/index.js';
import { dockerfileProblems, ValidationCode } from '../helpers/oracles/dockerfile.js';

// Random builder programs: every Dockerfile they synthesize must pass the outside validators and
// read back to the same model.
const value = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '$', '\\', '=', '#', '{', '}', 'é', '✓', '-', '/'), maxLength: 16 });
const name = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
const path = fc.stringMatching(/^\/[a-z][a-z0-9_.-]{0,8}(\/[a-z0-9_.-]{1,8}){0,2}$/);
const word = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/);
const shell = fc.array(word, { minLength: 1, maxLength: 20 }).map((ws) => ws.join(' && '));
// shell text with quotes, && and | inside quotes, $VAR, Unicode and JSON-looking commands: all accepted
const quotedShell = fc.tuple(fc.array(word, { minLength: 1, maxLength: 12 }), fc.constantFrom('"a && b | c"', "'x && y'", '"$HOME"', '"✓ é"', '[ "$CI" ]', '["npm", "start"]'))
  .map(([ws, q]) => (q.startsWith('[') ? q : `echo ${q} && ${ws.join(' && ')}`));
// paths and users with quotes, spaces and a trailing backslash (USER and WORKDIR are quoted words)
const oddPath = fc.tuple(path, fc.constantFrom('', ' dir', "'s", '"q"', '\\', ' \\x\\')).map(([p, t]) => p + t);

type Step = (s: StageBuilder<string>, earlier: string[]) => StageBuilder<string>;
const step: fc.Arbitrary<Step> = fc.oneof(
  shell.map((c): Step => (s) => s.run(c)),
  fc.tuple(shell, path, fc.constantFrom('shared', 'private', 'locked') as fc.Arbitrary<'shared' | 'private' | 'locked'>).map(([c, p, sharing]): Step => (s) =>
    s.run(c, { mounts: [cacheMount(p, { sharing }), tmpfsMount('/tmp/t'), secretMount('tok', { env: 'TOK' })] })),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((a): Step => (s) => s.run(a)),
  fc.tuple(name, value).map(([k, v]): Step => (s) => s.env(k, v)),
  fc.tuple(word, value).map(([k, v]): Step => (s) => s.label(`org.example.${k}`, v)),
  fc.tuple(name, fc.option(value, { nil: undefined })).map(([k, v]): Step => (s) => s.arg(k, v)),
  path.map((p): Step => (s) => s.workdir(p)),
  fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), path).map(([src, d]): Step => (s) => s.copy(src, src.length > 1 ? `${d}/` : d, { chown: '1000:1000' })),
  fc.tuple(path, path).map(([src, d]): Step => (s, earlier) => (earlier.length > 0 ? s.copyFrom(earlier[0]!, src, d) : s.copyFrom(image('busybox:1.36'), src, d))),
  fc.tuple(shell, path).map(([c, p]): Step => (s, earlier) => (earlier.length > 0 ? s.run(c, { mounts: [bindMount(p, { from: earlier[earlier.length - 1]! })] }) : s.run(c))),
  fc.integer({ min: 1, max: 65535 }).map((p): Step => (s) => s.expose(p, `${p}/udp`)),
  path.map((p): Step => (s) => s.volume(p)),
  fc.constantFrom('SIGTERM', 'SIGINT', '9').map((sig): Step => (s) => s.stopsignal(sig)),
  value.filter((v) => !v.includes('\n')).map((t): Step => (s) => s.comment(t)),
  quotedShell.map((c): Step => (s) => s.run(c)),
  quotedShell.map((c): Step => (s) => s.onbuild((o) => o.run(c))),
  oddPath.map((p): Step => (s) => s.workdir(p)),
  fc.tuple(oddPath, path).map(([src, d]): Step => (s) => s.copy(src.replace(/\\+$/, ''), `${d}/`, { chown: 'app:app' })),
  fc.tuple(shell, fc.constantFrom('/cache dir', '/c,d', '/q"x')).map(([c, t]): Step => (s) => s.run(c, { mounts: [cacheMount(t)] })),
);
const stage = fc.tuple(fc.array(step, { maxLength: 8 }), fc.array(word, { minLength: 1, maxLength: 3 }));
const program = fc.array(stage, { minLength: 1, maxLength: 3 });

// dockerfile-utils' known false positive on values starting with a quote (see OracleOptions.allowCodes)
const QUOTE_EDGE = [ValidationCode.SYNTAX_MISSING_DOUBLE_QUOTE, ValidationCode.SYNTAX_MISSING_SINGLE_QUOTE];

describe('random builder programs', () => {
  it('synthesize Dockerfiles the validators accept and the parser reads back', () => {
    fc.assert(fc.property(program, fc.boolean(), (stages, backtick) => {
      let df: Dockerfile<string> = Dockerfile.create().syntax('docker/dockerfile:1');
      if (backtick) df = df.escape('`');
      const names: string[] = [];
      stages.forEach(([steps, cmd], i) => {
        // the final USER and CMD must survive every step before them
        const n = `stage${i}`;
        const earlier = [...names];
        df = df.stage(n, i === 0 ? 'alpine:3.20' : names[i - 1]!, (s) => steps.reduce((acc, st) => st(acc, earlier), s).user('nobody').cmd(cmd));
        names.push(n);
      });
      const text = df.toString();
      expect(parseDockerfile(text).model).toEqual(df.toModel());
      const users = DockerfileParser.parse(text).getInstructions().filter((i) => i.getKeyword() === 'USER');
      expect(users.map((u) => u.getArgumentsContent())).toEqual(stages.map(() => 'nobody'));
      const problems = dockerfileProblems(text, { allowCodes: QUOTE_EDGE });
      if (problems.length > 0) throw new Error(`${problems.join("\n")}\n---\n${text}`);
    }), { numRuns: 1000 });
  });
});
