/**
 * Issue 8, part 2 ("Dockerfile meaning"): each case of the issue as a test. Every string that
 * reaches a Dockerfile is written so that the file says what the builder said, or it is refused with
 * a UsageError; the parser follows BuildKit's rules for continuations, comments and blank lines
 * inside them and the `# escape=` directive. Texts are read back with parseDockerfile, dockerfile-ast
 * and a reader written from BuildKit's parser (test/helpers/dockerfile-readers.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitignoreKind } from '../../src/app/gitignore.js';
import { UsageError } from '../../src/core/errors.js';
import { schemaIssues } from '../../src/core/schema.js';
import {
  cacheMount, Dockerfile, Dockerignore, DockerfileModelSchema, parseDockerfile, parseDockerignore, secretMount, synthDockerfile, type StageBuilder,
} from '../../src/dockerfile/index.js';
import { dockerignoreProblems } from '../helpers/oracles/dockerfile.js';
import { astView, buildkitFlags, buildkitLines, csvRecord, processWord } from '../helpers/dockerfile-readers.js';

type Esc = '\\' | '`';

function df(fn: (s: StageBuilder<never>) => StageBuilder<never, boolean>, esc: Esc = '\\'): Dockerfile<never> {
  return (esc === '`' ? Dockerfile.create().escape('`') : Dockerfile.create()).from('alpine:3.20', (s) => fn(s).user('app'));
}

/** Every reader sees FROM, the instruction(s), and the final USER app. */
function expectUserAppLast(text: string, count: number, esc: Esc = '\\'): void {
  const ast = astView(text);
  expect(ast).toHaveLength(count);
  expect(ast[count - 1]!.keyword).toBe('USER');
  expect(ast[count - 1]!.content).toBe('app');
  const bk = buildkitLines(text, esc);
  expect(bk).toHaveLength(count);
  expect(bk[count - 1]).toBe('USER app');
  const model = parseDockerfile(text).model!;
  const last = model.stages[0]!.instructions;
  expect(last).toHaveLength(count - 1);
  expect(last[count - 2]).toEqual({ kind: 'user', user: 'app' });
}

const TRAILING = ['\\', '\\\\', '\\ ', '\\\t', '\\\\ \t', '\\\\\\'];

describe('a trailing escape character (also before spaces or tabs, also doubled) never swallows the next instruction', () => {
  const cases: [string, (v: string) => (s: StageBuilder<never>) => StageBuilder<never, boolean>][] = [
    ['WORKDIR', (v) => (s) => s.workdir(`/app${v}`)],
    ['USER', (v) => (s) => s.user(`svc${v}`)],
    ['COPY source', (v) => (s) => s.copy([`a${v}`, 'b'], '/dst/')],
    ['COPY destination', (v) => (s) => s.copy('a', `/dst${v}`)],
    ['ADD destination', (v) => (s) => s.add('https://example.com/a.tgz', `/opt${v}`)],
    ['VOLUME', (v) => (s) => s.volume('/data', `/cache${v}`)],
    ['RUN', (v) => (s) => s.run(`echo hi ${v}`)],
    ['CMD', (v) => (s) => s.cmd(`echo hi ${v}`)],
    ['ENTRYPOINT', (v) => (s) => s.entrypoint(`run.sh${v}`)],
    ['HEALTHCHECK', (v) => (s) => s.healthcheck(`curl -f localhost${v}`)],
    ['ONBUILD RUN', (v) => (s) => s.onbuild((o) => o.run(`make${v}`))],
    ['MAINTAINER', (v) => (s) => s.maintainer(`me${v}`)],
    ['COPY --chown', (v) => (s) => s.copy('a', '/b', { chown: `app${v}` })],
    ['RUN --mount target', (v) => (s) => s.run('ls', { mounts: [cacheMount(`/cache${v}`)] })],
    ['ARG', (v) => (s) => s.arg('C', `c${v}`)],
    ['STOPSIGNAL', (v) => (s) => s.stopsignal(`SIGTERM${v}`)],
    ['COPY --exclude', (v) => (s) => s.copy('a', '/b', { exclude: [`*.tmp${v}`] })],
    ['ADD --checksum', (v) => (s) => s.add('https://example.com/a.tgz', '/opt/', { checksum: `sha256:ab${v}` })],
    ['SHELL (exec form)', (v) => (s) => s.shell(['/bin/sh', `-c${v}`])],
    ['CMD (exec form)', (v) => (s) => s.cmd(['echo', `hi${v}`])],
    ['ENV', (v) => (s) => s.env('C', `c${v}`)],
    ['LABEL', (v) => (s) => s.label('c', `c${v}`)],
  ];
  for (const [what, make] of cases) {
    it(`${what}: refused with a UsageError, or written so every reader still sees USER app`, () => {
      for (const v of TRAILING) {
        let text: string;
        try {
          text = df(make(v)).toString();
        } catch (e) {
          expect(UsageError.isUsageError(e), `${what} ${JSON.stringify(v)}: ${String(e)}`).toBe(true);
          expect((e as UsageError).message).toMatch(/escape character|line/);
          continue;
        }
        // STOPSIGNAL has a format: the schema refuses the value instead (a clear issue, nothing written wrong)
        if (what === 'STOPSIGNAL') {
          expect(schemaIssues(DockerfileModelSchema, df(make(v)).toModel(), 'docker').map((i) => i.code)).toEqual(['docker/schema/invalid-format']);
          continue;
        }
        expect(schemaIssues(DockerfileModelSchema, parseDockerfile(text).model, 'docker')).toEqual([]);
        expectUserAppLast(text, 3);
      }
    });
  }

  it('USER and WORKDIR are quoted words: the value BuildKit reads is the one given, trailing backslash included', () => {
    const text = df((s) => s.workdir('C:\\data\\').user('svc\\\\ ')).toString();
    expect(text).toContain('WORKDIR "C:\\\\data\\\\"\n');
    const lines = buildkitLines(text, '\\');
    expect(processWord(lines[1]!.replace(/^WORKDIR /, ''), '\\')).toBe('C:\\data\\');
    expect(processWord(lines[2]!.replace(/^USER /, ''), '\\')).toBe('svc\\\\ ');
    expectUserAppLast(text, 4);
  });
});

describe('line breaks', () => {
  it('a newline in a shell-form CMD cannot inject USER root: refused', () => {
    expect(() => df((s) => s.cmd('node server.js\nUSER root'))).toThrow(UsageError);
    expect(() => df((s) => s.run('apt-get update\napt-get install -y git'))).toThrow(/runScript/);
    expect(() => df((s) => s.entrypoint('a\r\nUSER root'))).toThrow(UsageError);
    expect(() => df((s) => s.healthcheck('curl -f x\nUSER root'))).toThrow(UsageError);
  });

  it('a shell command may span lines only with continuations, which read back as one instruction', () => {
    const text = df((s) => s.run('apt-get update \\\n    && apt-get install -y git')).toString();
    expectUserAppLast(text, 3);
    expect(buildkitLines(text, '\\')[1]).toBe('RUN apt-get update     && apt-get install -y git');
  });

  it('refused in one-line instructions and flag values: USER, WORKDIR, VOLUME, EXPOSE, STOPSIGNAL, --chown, --mount options', () => {
    const bad: [string, (s: StageBuilder<never>) => unknown][] = [
      ['USER', (s) => s.user('app\nUSER root')],
      ['WORKDIR', (s) => s.workdir('/app\nUSER root')],
      ['VOLUME', (s) => s.volume('/data\nUSER root')],
      ['EXPOSE', (s) => s.expose('80\nUSER root')],
      ['STOPSIGNAL', (s) => s.stopsignal('SIGTERM\nUSER root')],
      ['COPY --chown', (s) => s.copy('a', '/b', { chown: 'app\nUSER root' })],
      ['COPY --chmod', (s) => s.copy('a', '/b', { chmod: '0644\r' })],
      ['RUN --mount', (s) => s.run('ls', { mounts: [cacheMount('/cache\nUSER root')] })],
      ['RUN --mount id', (s) => s.run('ls', { mounts: [secretMount('tok\n')] })],
      ['COPY destination', (s) => s.copy('a', '/b\nUSER root')],
    ];
    for (const [what, fn] of bad) expect(() => Dockerfile.create().from('alpine:3.20', (s) => { fn(s); return s; }), what).toThrow(UsageError);
    expect(() => Dockerfile.create().from('alpine:3.20', () => undefined as never, { platform: 'linux/amd64\nUSER root' })).toThrow(UsageError);
  });
});

describe('flag values with spaces, commas and quotes are quoted as BuildKit reads them', () => {
  it('--mount options: the flag word, then CSV, give back each value', () => {
    const text = df((s) => s.run('ls', { mounts: [cacheMount('/cache dir,x', { id: 'a"b' })] })).toString();
    const line = buildkitLines(text, '\\')[1]!.replace(/^RUN\s+/, '');
    const { flags, rest } = buildkitFlags(line);
    expect(rest).toBe('ls');
    expect(csvRecord(flags[0]!.replace(/^mount=/, ''))).toEqual(['type=cache', 'target=/cache dir,x', 'id=a"b']);
    expectUserAppLast(text, 3);
    expect(parseDockerfile(text).model).toEqual(df((s) => s.run('ls', { mounts: [cacheMount('/cache dir,x', { id: 'a"b' })] })).toModel());
  });

  it('--exclude and --chown with spaces and quotes', () => {
    const built = df((s) => s.copy('.', '/app', { exclude: ['*.tmp files', "it's"], chown: 'a b' }));
    const text = built.toString();
    const { flags, rest } = buildkitFlags(buildkitLines(text, '\\')[1]!.replace(/^COPY\s+/, ''));
    expect(flags).toEqual(['chown=a b', 'exclude=*.tmp files', "exclude=it's"]);
    expect(rest).toBe('. /app');
    expect(parseDockerfile(text).model).toEqual(built.toModel());
  });
});

describe('a shell-form string that happens to be valid JSON stays a shell command', () => {
  for (const cmd of ['[ "$CI" ]', '["npm", "start"]', '[1, 2] && echo', '[]']) {
    it(JSON.stringify(cmd), () => {
      for (const kind of ['run', 'cmd', 'entrypoint'] as const) {
        const built = df((s) => s[kind](cmd));
        const text = built.toString();
        const line = buildkitLines(text, '\\')[1]!.replace(/^\S+\s+/, '');
        // neither BuildKit (json.Unmarshal) nor an older reader (first JSON value) reads JSON here
        expect(line.startsWith('[')).toBe(false);
        expect(line).toBe(`\\${cmd}`);
        expect(parseDockerfile(text).model).toEqual(built.toModel());
        expect((built.toModel().stages[0]!.instructions[0] as { command: unknown }).command).toBe(cmd);
      }
    });
  }

  it('and a command starting with -- is refused (BuildKit reads it as a flag, dockerfile-ast its guarded form \\--), never written', () => {
    expect(() => df((s) => s.run('--version'))).toThrow(/starts with a program/);
    expect(() => df((s) => s.cmd('  --x y'))).toThrow(/starts with a program/);
    // a parsed file that guards it (RUN \--version) still reads back as the command it holds
    const parsed = parseDockerfile('FROM alpine:3.20\nRUN \\--version\nUSER app\n');
    expect((parsed.model!.stages[0]!.instructions[0] as { command: unknown }).command).toBe('--version');
    expect(buildkitFlags(buildkitLines('FROM alpine:3.20\nRUN \\--version\n', '\\')[1]!.replace(/^RUN\s+/, '')).flags).toEqual([]);
  });
});

describe('long commands are wrapped only outside quotes and heredocs', () => {
  it('&& inside quotes is never a wrap point, so the quoted text reaches the shell unchanged', () => {
    const quoted = `"${'step && '.repeat(15)}end"`;
    const cmd = `echo ${quoted} && echo '${'x | y && '.repeat(5)}' && true`;
    const text = df((s) => s.run(cmd)).toString();
    const joined = buildkitLines(text, '\\')[1]!;
    expect(joined).toContain(quoted);
    expect(joined).toContain(`'${'x | y && '.repeat(5)}'`);
    expectUserAppLast(text, 3);
  });

  it('a long && chain outside quotes is still laid out, one step per line', () => {
    const cmd = Array.from({ length: 8 }, (_, i) => `echo step-number-${i}`).join(' && ');
    const text = df((s) => s.run(cmd)).toString();
    expect(text.split('\n').filter((l) => l.startsWith('    && '))).toHaveLength(7);
  });

  it('CMD, ENTRYPOINT and HEALTHCHECK are never wrapped: the image config holds the command as given', () => {
    const cmd = Array.from({ length: 8 }, (_, i) => `echo step-number-${i}`).join(' && ');
    const text = df((s) => s.cmd(cmd).entrypoint(cmd).healthcheck(cmd)).toString();
    expect(text).toContain(`CMD ${cmd}\n`);
    expect(text).toContain(`ENTRYPOINT ${cmd}\n`);
    expect(text).toContain(`HEALTHCHECK CMD ${cmd}\n`);
  });
});

describe('heredocs', () => {
  it('a RUN with <<EOF but no heredoc body is refused (the builder) and reported (the schema)', () => {
    expect(() => df((s) => s.run('cat <<EOF > /etc/motd'))).toThrow(/runScript/);
    expect(() => df((s) => s.run('python3 - <<-"PY"'))).toThrow(UsageError);
    expect(() => df((s) => s.copy('<<EOF', '/x'))).toThrow(UsageError);
    const issues = schemaIssues(DockerfileModelSchema, { stages: [{ from: 'alpine:3.20', instructions: [{ kind: 'run', command: 'cat <<EOF' }] }] }, 'docker');
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([['docker/schema/invalid', 'stages.0.instructions.0.heredocs']]);
    // a << that is no heredoc marker is fine
    expect(() => df((s) => s.run('echo $((1<<4))'))).not.toThrow();
  });

  it('multi-line scripts through the heredoc API are accepted', () => {
    const text = df((s) => s.runScript('set -e\necho "$HOME && more"\ncat <<X\ninner\nX')).toString();
    expect(text).toContain('RUN <<EOF\nset -e\necho "$HOME && more"\ncat <<X\ninner\nX\nEOF\n');
    expect(parseDockerfile(text).model!.stages[0]!.instructions).toHaveLength(2);
  });

  it('copyContent quotes its delimiter, so $VAR in the content is written, not expanded', () => {
    const built = df((s) => s.copyContent('/etc/app.conf', 'home=$HOME\npath=${PATH}'));
    const text = built.toString();
    expect(text).toContain('COPY <<"EOF" /etc/app.conf\nhome=$HOME\npath=${PATH}\nEOF\n');
    expect(parseDockerfile(text).model).toEqual(built.toModel());
    const files = df((s) => s.copyFiles('/etc/app/', { 'a.conf': '$A' })).toString();
    expect(files).toContain('COPY <<"a.conf" /etc/app/\n$A\na.conf\n');
  });
});

describe('the parser follows BuildKit', () => {
  it('a line ending in an escaped backslash is not a continuation: the next instruction is its own', () => {
    const text = 'FROM alpine:3.20\nENV C trailing\\\\backslash\\\\\nUSER app\n';
    const { model, issues } = parseDockerfile(text);
    expect(issues).toEqual([]);
    expect(model!.stages[0]!.instructions).toEqual([
      { kind: 'env', vars: { C: 'trailing\\backslash\\' }, legacy: true },
      { kind: 'user', user: 'app' },
    ]);
    // written back so that every reader (dockerfile-ast too, which takes any trailing \ for a continuation) agrees
    expectUserAppLast(synthDockerfile(model!), 3);
  });

  it('the same with the backtick escape, and a lone escape on a line continues', () => {
    const text = '# escape=`\nFROM alpine:3.20\nRUN echo a``\nRUN echo b `\n`\n  c\nUSER app\n';
    const { model } = parseDockerfile(text);
    const ins = model!.stages[0]!.instructions;
    // the first RUN ends in an escaped escape, which older readers take for a continuation: it is kept as written (raw), on its own
    expect(ins.map((i) => i.kind)).toEqual(['raw', 'run', 'user']);
    expect(ins[0]).toEqual({ kind: 'raw', text: 'RUN echo a``' });
    expect(synthDockerfile(model!)).toBe(text);
    expect(buildkitLines(text, '`')).toEqual(['FROM alpine:3.20', 'RUN echo a``', 'RUN echo b   c', 'USER app']);
  });

  it('comment and blank lines inside a continuation are skipped; a comment ending in \\ continues nothing', () => {
    const text = 'FROM alpine:3.20\nRUN apt-get update \\\n# a comment \\\n\n    && apt-get install -y git\n# trailing \\\nUSER app\n';
    const { model } = parseDockerfile(text);
    const ins = model!.stages[0]!.instructions;
    expect(ins.map((i) => i.kind)).toEqual(['run', 'comment', 'user']);
    expect(synthDockerfile(model!)).toBe(text);
  });

  it('# escape= with white space around it is a directive; after another line it is a comment', () => {
    const { model } = parseDockerfile('  #  escape = `\nFROM alpine:3.20\nRUN echo a \\\nUSER app\n');
    expect(model!.directives).toEqual({ escape: '`' });
    expect(model!.stages[0]!.instructions.map((i) => i.kind)).toEqual(['run', 'user']);
    const late = parseDockerfile('# hello\n# escape=`\nFROM alpine:3.20\nRUN echo a \\\nUSER app\n').model!;
    expect(late.directives).toBeUndefined();
    expect(late.stages[0]!.instructions.map((i) => i.kind)).toEqual(['run']);
  });

  it('flag values are read as BuildKit reads them: quotes removed, \\ escaping', () => {
    const { model } = parseDockerfile('FROM alpine:3.20\nCOPY --chown="a b" --exclude=\'x y\' --chmod=0\\644 . /app\n');
    expect(model!.stages[0]!.instructions[0]).toEqual({ kind: 'copy', chown: 'a b', chmod: '0644', exclude: ['x y'], sources: ['.'], dest: '/app' });
  });

  it('keeps a shell-form COPY/ADD/VOLUME in the shell form', () => {
    for (const text of ["FROM alpine:3.20\nCOPY it's /x/\n", "FROM alpine:3.20\nADD a'b /x/\n", 'FROM alpine:3.20\nVOLUME /a"b\n']) {
      const { model } = parseDockerfile(text);
      expect(model!.stages[0]!.instructions[0]!.kind).not.toBe('raw');
      expect(synthDockerfile(model!)).toBe(text);
    }
  });

  it('reads USER and WORKDIR as the words BuildKit reads (quotes and escapes removed, $VAR kept)', () => {
    const ins = parseDockerfile('FROM alpine:3.20\nWORKDIR "/srv/my app"\nWORKDIR C:\\\\data\nUSER \'$APP_USER\'\nUSER app\n').model!.stages[0]!.instructions;
    expect(ins).toEqual([
      { kind: 'workdir', path: '/srv/my app' },
      { kind: 'workdir', path: 'C:\\data' },
      { kind: 'user', user: '\\$APP_USER' },
      { kind: 'user', user: 'app' },
    ]);
  });

  it('reads the synthesizer\'s guard of a JSON-looking shell command back to the command', () => {
    expect(parseDockerfile('FROM alpine:3.20\nRUN \\[ "$CI" ]\n').model!.stages[0]!.instructions[0]).toEqual({ kind: 'run', command: '[ "$CI" ]' });
  });
});

describe('.dockerignore and .gitignore entries starting with # or ! are literals', () => {
  it('.dockerignore: # and ! are escaped; Docker\'s matcher ignores the literal files', () => {
    const d = Dockerignore.create().ignore('#notes', '!important', 'ok').except('#keep');
    const text = d.toString();
    expect(text).toBe('\\#notes\n\\!important\nok\n!#keep\n');
    expect(dockerignoreProblems(text, { ignored: ['#notes', '!important', 'ok'], kept: ['important', 'notes', '#keep'] })).toEqual([]);
    expect(parseDockerignore(text).model!.entries).toEqual(d.toModel().entries);
  });

  it('.dockerignore: leading or trailing white space is refused (Docker trims it)', () => {
    expect(() => Dockerignore.create().ignore(' x')).toThrow(UsageError);
    expect(() => Dockerignore.create().ignore('x ')).toThrow(UsageError);
    expect(() => Dockerignore.create().except('x\t')).toThrow(UsageError);
  });

  it('.dockerignore: " #x" in a file is the pattern "#x" (Docker reads # as a comment only in the first column)', () => {
    expect(parseDockerignore(' #x\n# c\n').model!.entries).toEqual([{ kind: 'ignore', pattern: '#x' }, { kind: 'comment', text: 'c' }]);
  });

  it('.gitignore: # and ! are escaped, and git reads them as literal patterns', () => {
    const body = gitignoreKind.render({ patterns: ['#notes', '!important', '.env'] });
    expect(body).toBe('\\#notes\n\\!important\n.env\n');
    expect(gitignoreKind.parse(gitignoreKind.mark(body)).model).toEqual({ patterns: ['#notes', '!important', '.env'] });
    const dir = mkdtempSync(join(tmpdir(), 'devstack-gitignore-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      writeFileSync(join(dir, '.gitignore'), gitignoreKind.mark(body));
      const check = (f: string): boolean => {
        try { execFileSync('git', ['check-ignore', '-q', '--no-index', f], { cwd: dir }); return true; } catch { return false; }
      };
      expect(check('#notes')).toBe(true);
      expect(check('!important')).toBe(true);
      expect(check('.env')).toBe(true);
      expect(check('important')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('.gitignore: trailing white space is an issue (git drops it)', () => {
    const issues = gitignoreKind.validate({ patterns: ['.env '] }, { file: '.gitignore' });
    expect(issues.some((i) => i.severity === 'error' && /trailing white space/.test(i.message))).toBe(true);
  });
});
