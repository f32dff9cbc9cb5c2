/**
 * Issue 8, part 2: for every instruction and flag the builder writes, any input it accepts is
 * synthesized so that the line reads back — with parseDockerfile, with dockerfile-ast, and with a
 * second reader written from BuildKit's parser (test/helpers/dockerfile-readers.ts) — to the same
 * instruction count, keyword, flags and arguments. Rejecting is allowed only for what a Dockerfile
 * cannot say (a line break in a one-line value, a trailing escape character, a heredoc marker without
 * a body, a non-ASCII flag value that BuildKit reads byte by byte); quotes, `&&` and `|` inside
 * quotes, `$VAR`, Unicode and shell text that looks like JSON must be accepted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { bindMount, cacheMount, Dockerfile, DockerfileModelSchema, image, parseDockerfile, secretMount, sshMount, tmpfsMount, type StageBuilder } from '../../src/dockerfile/index.js';
import { astView, buildkitFlags, buildkitLines, csvRecord, processWord, shellWords } from '../helpers/dockerfile-readers.js';

const RUNS = { numRuns: 1000 };
// dockerfile-ast reads flag values without quote processing and splits them at white space: it is
// compared where it can read the value; BuildKit's flag reader (test/helpers) checks every value.
type Esc = '\\' | '`';

// Adversarial text: quotes, both escape characters (also trailing, doubled, before spaces), shell
// operators, $VAR, JSON-looking pieces, comments, heredoc-like words, line breaks and Unicode.
const piece = fc.constantFrom(
  '"', "'", '\\', '\\\\', '`', ' ', '\t', '$', '$VAR', '${X}', '&&', ' && ', '|', ' | ', ';', '#', ' # c', '[', ']', '["a", "b"]', '[ "$X" ]',
  ',', '=', '<<', '<<EOF', ' <<EOF', 'EOF', '\n', '\r', '\n# c\n', 'é', '😀', '日', 'a', 'bc', '/', '-', '*', ':', '\\ ', '\\\t', 'echo', '"a && b | c"',
);
const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { minLength: 1, maxLength: 10 }).map((ps) => ps.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }).map((a) => JSON.stringify(a)) },
);
const esc: fc.Arbitrary<Esc> = fc.constantFrom('\\', '`');

/** What the builder may refuse (a Dockerfile cannot say it); anything else must be accepted. */
function mayReject(v: string, e: Esc, opts: { flag?: boolean; shell?: boolean } = {}): boolean {
  if (/[\r\n]/.test(v)) return true;
  if (v.replace(/[\s\u0085\ufeff]+$/, '').replace(/[ \t]+$/, '').endsWith(e)) return true;
  if (opts.shell && v.trim() === '') return true;
  // a shell command starting with -- reads as a flag to BuildKit, and its guarded form \-- to dockerfile-ast
  if (opts.shell && /^[\s\u0085\ufeff]*--/.test(v)) return true;
  if (opts.shell && /(^|\s)[\\`]?(\d*<<-?[^<\s]|<<\S)/.test(v)) return true;
  if (opts.shell && new RegExp(`^[\\s\\u0085\\ufeff]*\\${e}[ \\t]`).test(v)) return true;
  if (opts.flag && /[^\x00-\x7f]/.test(v)) return true;
  if (opts.flag && /\s[\\`"']*<</.test(v)) return true;
  return false;
}

/** Builds `FROM …; <fn>; USER nobody` or returns undefined when the builder refused the input (checking it was allowed to). */
function build(e: Esc, fn: (s: StageBuilder<string>) => StageBuilder<string>, allowed: boolean): Dockerfile<string> | undefined {
  try {
    const df: Dockerfile<string> = Dockerfile.create().escape(e).stage('base', 'alpine:3.20').from('alpine:3.20', (s) => fn(s as unknown as StageBuilder<string>).user('nobody') as unknown as StageBuilder<'base'>);
    const check = DockerfileModelSchema.safeParse(df.toModel());
    if (!check.success) throw new Error(`the builder accepted what the schema rejects: ${check.error.issues[0]!.message}`);
    return df;
  } catch (err) {
    if (!UsageError.isUsageError(err) || !allowed) throw err;
    return undefined;
  }
}

/** The common checks: our parser reads the model back; dockerfile-ast and BuildKit's rules see FROM, FROM, <keyword>, USER nobody. */
function readBack(df: Dockerfile<string>, e: Esc, keyword: string): { ast: ReturnType<typeof astView>[number]; line: string } {
  const textOut = df.toString();
  const parsed = parseDockerfile(textOut);
  expect(parsed.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  expect(parsed.model).toEqual(df.toModel());
  expect(parsed.model!.stages[1]!.instructions.some((i) => i.kind === 'raw')).toBe(false);
  const ast = astView(textOut);
  expect(ast.map((a) => a.keyword)).toEqual(['FROM', 'FROM', keyword, 'USER']);
  expect(ast[3]!.content).toBe('nobody');
  const lines = buildkitLines(textOut, e);
  expect(lines.map((l) => l.split(/\s+/)[0]!.toUpperCase())).toEqual(['FROM', 'FROM', keyword, 'USER']);
  expect(lines[3]).toBe('USER nobody');
  return { ast: ast[2]!, line: lines[2]!.replace(/^\S+\s*/, '') };
}

// Would BuildKit (json.Unmarshal of the whole text) or an older reader (a streaming decoder that stops after the first value) see JSON?
function readsAsJson(t: string): boolean {
  if (!t.startsWith('[')) return false;
  for (let end = t.indexOf(']'); end >= 0; end = t.indexOf(']', end + 1)) if (isJsonArray(t.slice(0, end + 1))) return true;
  return false;
}

function isJsonArray(t: string): boolean {
  try { return Array.isArray(JSON.parse(t)); } catch { return false; }
}

describe('every accepted builder string reads back with the same meaning (fast-check, 1,000 runs each)', () => {
  it('RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD in the shell form', () => {
    const kinds = ['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'] as const;
    let accepted = 0;
    fc.assert(fc.property(fc.constantFrom(...kinds), text, esc, (kind, cmd, e) => {
      const df = build(e, (s) => (kind === 'RUN' ? s.run(cmd) : kind === 'CMD' ? s.cmd(cmd) : kind === 'ENTRYPOINT' ? s.entrypoint(cmd) : s.healthcheck(cmd, { interval: '5s' })), mayReject(cmd, e, { shell: true }));
      if (!df) return;
      accepted++;
      const { ast, line } = readBack(df, e, kind);
      // what BuildKit hands the shell: the trimmed command with its line continuations joined
      const given = buildkitLines(`X ${cmd.replace(/^[\s\u0085\ufeff]+|[\s\u0085\ufeff]+$/g, '')}`, e)[0]!.replace(/^X\s*/, '');
      const astCmd = kind === 'HEALTHCHECK' ? ast.content.replace(/^CMD\s+/, '') : ast.content;
      const bkCmd = kind === 'HEALTHCHECK' ? buildkitFlags(line).rest.replace(/^CMD\s+/, '') : line;
      // the one documented rewrite: a command that would read as JSON or as a flag gets "\" before it (the shell reads \[ as [)
      const expected = readsAsJson(given) || given.startsWith('--') ? `\\${given}` : given;
      // stays in the shell form: neither reader sees JSON
      expect(readsAsJson(kind === 'HEALTHCHECK' ? buildkitFlags(line).rest.replace(/^CMD\s+/, '') : line)).toBe(false);
      if (kind === 'RUN') {
        // RUN may be wrapped at && outside quotes: the shell sees the same words
        expect(shellWords(bkCmd)).toBe(shellWords(expected));
        expect(shellWords(astCmd)).toBe(shellWords(expected));
      } else {
        expect(bkCmd).toBe(expected);
        expect(astCmd).toBe(expected);
      }
    }), RUNS);
    expect(accepted).toBeGreaterThan(300);
  });

  it('continuations the readers disagree on are refused (found by the properties above: dockerfile-ast reads them otherwise than BuildKit)', () => {
    for (const e of ['\\', '`'] as const) {
      // "#" on a continuation line that starts with a non-blank: dockerfile-ast reads a comment, BuildKit does not
      expect(() => build(e, (s) => s.run(`"${e}\n"#"`), false)).toThrow(/"#" on a continuation line/);
      expect(() => build(e, (s) => s.run(`a ${e}\ny#z`), false)).toThrow(/"#" on a continuation line/);
      // an escaped tab or space right before the continuation: dockerfile-ast ends the line there
      expect(() => build(e, (s) => s.run(`"${e}\t${e}\n"`), false)).toThrow(/escaped space or tab right before a line continuation/);
      // what stays accepted: an indented continuation line with a "#", a plain continuation
      const ok = build(e, (s) => s.run(`echo a ${e}\n    "b#c"`), false)!;
      expect(buildkitLines(ok.toString(), e)[2]).toBe('RUN echo a     "b#c"');
      expect(astView(ok.toString())[2]!.content).toBe('echo a     "b#c"');
    }
  });

  it('exec-form RUN, CMD, ENTRYPOINT, HEALTHCHECK and SHELL: any strings, as JSON', () => {
    fc.assert(fc.property(fc.constantFrom('RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL'), fc.array(text, { minLength: 1, maxLength: 4 }), esc, (kind, args, e) => {
      const df = build(e, (s) => (kind === 'RUN' ? s.run(args) : kind === 'CMD' ? s.cmd(args) : kind === 'ENTRYPOINT' ? s.entrypoint(args) : kind === 'SHELL' ? s.shell(args) : s.healthcheck(args)), false)!;
      const { ast, line } = readBack(df, e, kind);
      expect(JSON.parse(kind === 'HEALTHCHECK' ? ast.content.replace(/^CMD\s+/, '') : ast.content)).toEqual(args);
      expect(JSON.parse(kind === 'HEALTHCHECK' ? line.replace(/^CMD\s+/, '') : line)).toEqual(args);
    }), RUNS);
  });

  it('USER and WORKDIR: the word BuildKit reads is the string given', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.boolean(), text, esc, (user, v, e) => {
      const df = build(e, (s) => (user ? s.user(v) : s.workdir(v)), /[\r\n]/.test(v) || v === '');
      if (!df) return;
      accepted++;
      const { ast, line } = readBack(df, e, user ? 'USER' : 'WORKDIR');
      expect(processWord(line, e)).toBe(v);
      expect(processWord(ast.content, e)).toBe(v);
    }), RUNS);
    expect(accepted).toBeGreaterThan(500);
  });

  it('COPY and ADD sources and destination, VOLUME paths: one word each, or JSON', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.constantFrom('COPY', 'ADD', 'VOLUME'), fc.array(text, { minLength: 1, maxLength: 3 }), text, esc, (kind, sources, dest, e) => {
      const allowed = [...sources, dest].some((p) => mayReject(p, e, { shell: true }));
      const df = build(e, (s) => (kind === 'COPY' ? s.copy(sources, dest) : kind === 'ADD' ? s.add(sources, dest) : s.volume(...sources, dest)), allowed);
      if (!df) return;
      accepted++;
      const { ast, line } = readBack(df, e, kind);
      const list = (t: string): string[] => (isJsonArray(t) ? JSON.parse(t) as string[] : t.split(/\s+/));
      expect(list(line)).toEqual([...sources, dest]);
      expect(list(ast.content)).toEqual([...sources, dest]);
    }), RUNS);
    expect(accepted).toBeGreaterThan(100);
  });

  it('flags: --chown, --chmod, --exclude, --checksum, --from, --platform, --interval and friends, quoted as BuildKit reads them', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.constantFrom('chown', 'chmod', 'exclude', 'checksum', 'from', 'platform'), text, esc, (flag, v, e) => {
      let keyword = flag === 'checksum' ? 'ADD' : flag === 'platform' ? 'FROM' : 'COPY';
      const fromImage = flag === 'from' ? (() => { try { return image(v); } catch { return undefined; } })() : undefined;
      if (flag === 'from' && fromImage === undefined) return; // image() takes one word
      let df: Dockerfile<string> | undefined;
      if (flag === 'platform') {
        try {
          df = Dockerfile.create().escape(e).stage('base', 'alpine:3.20').from('alpine:3.20', (s) => s.user('nobody'), { platform: v });
          df.toString();
        } catch (err) {
          if (!UsageError.isUsageError(err) || !mayReject(v, e, { flag: true })) throw err;
          return;
        }
        keyword = 'FROM';
        accepted++;
        const textOut = df.toString();
        expect(parseDockerfile(textOut).model).toEqual(df.toModel());
        const bk = buildkitLines(textOut, e);
        expect(bk).toHaveLength(3);
        expect(buildkitFlags(bk[1]!.replace(/^FROM\s+/, '')).flags).toEqual([`platform=${v}`]);
        return;
      }
      df = build(e, (s) => (flag === 'checksum' ? s.add('https://example.com/a.tgz', '/opt/', { checksum: v })
        : flag === 'from' ? s.copyFrom(fromImage!, '/a', '/b')
          : s.copy('a', '/b', { [flag]: flag === 'exclude' ? [v] : v })), mayReject(v, e, { flag: true }));
      if (!df) return;
      accepted++;
      const { ast, line } = readBack(df, e, keyword);
      const name = flag;
      expect(buildkitFlags(line).flags).toEqual([`${name}=${v}`]);
      expect(ast.flags.map(([n]) => n)[0]).toBe(name);
      // dockerfile-ast splits a flag at white space even inside quotes; where it can, it reads the same value
      if (!/[\s"'\\`<]/.test(v)) expect(ast.flags[0]![1]).toBe(v);
    }), RUNS);
    expect(accepted).toBeGreaterThan(300);
  });

  it('HEALTHCHECK --interval, --timeout, --start-period, --start-interval: durations, quoted as BuildKit reads them', () => {
    let accepted = 0;
    const duration = fc.oneof(text, fc.constantFrom('30s', '1m30s', '500ms', '2h', '1.5s'));
    fc.assert(fc.property(fc.constantFrom('interval', 'timeout', 'startPeriod', 'startInterval') as fc.Arbitrary<'interval' | 'timeout' | 'startPeriod' | 'startInterval'>, duration, esc, (key, v, e) => {
      let df: Dockerfile<string>;
      try {
        df = Dockerfile.create().escape(e).from('alpine:3.20', (s) => s.healthcheck(['true'], { [key]: v }).user('nobody'));
      } catch (err) {
        if (!UsageError.isUsageError(err) || !mayReject(v, e, { flag: true })) throw err;
        return;
      }
      // a duration has a format: anything else is a schema issue, never a wrong line
      if (!DockerfileModelSchema.safeParse(df.toModel()).success) { expect(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(v)).toBe(false); return; }
      accepted++;
      const textOut = df.toString();
      expect(parseDockerfile(textOut).model).toEqual(df.toModel());
      const lines = buildkitLines(textOut, e);
      expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['FROM', 'HEALTHCHECK', 'USER']);
      const flagName = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(buildkitFlags(lines[1]!.replace(/^HEALTHCHECK\s+/, '')).flags).toEqual([`${flagName}=${v}`]);
      expect(astView(textOut)[1]!.flags).toEqual([[flagName, v]]);
    }), RUNS);
    expect(accepted).toBeGreaterThan(100);
  });

  it('boolean and choice flags: --link, --parents, --keep-git-dir, --network, --security, --retries', () => {
    fc.assert(fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom('default', 'none', 'host') as fc.Arbitrary<'default' | 'none' | 'host'>,
      fc.constantFrom('insecure', 'sandbox') as fc.Arbitrary<'insecure' | 'sandbox'>, fc.nat(20), esc, (link, parents, keep, network, security, retries, e) => {
        const df = Dockerfile.create().escape(e).from('alpine:3.20', (s) => s.copy('a', '/b/', { link, parents }).add('https://e.x/a.git', '/src', { keepGitDir: keep, link })
          .run('make', { network, security }).healthcheck(['true'], { retries }).user('nobody'));
        const textOut = df.toString();
        expect(parseDockerfile(textOut).model).toEqual(df.toModel());
        const ast = astView(textOut);
        expect(ast.map((a) => a.keyword)).toEqual(['FROM', 'COPY', 'ADD', 'RUN', 'HEALTHCHECK', 'USER']);
        const bk = buildkitLines(textOut, e).map((l) => buildkitFlags(l.replace(/^\S+\s+/, '')).flags);
        expect(bk[1]).toEqual([...(link ? ['link'] : []), ...(parents ? ['parents'] : [])]);
        expect(bk[2]).toEqual([...(link ? ['link'] : []), ...(keep ? ['keep-git-dir'] : [])]);
        expect(bk[3]).toEqual([`network=${network}`, `security=${security}`]);
        expect(bk[4]).toEqual([`retries=${retries}`]);
        expect(ast.slice(1, 5).map((a) => a.flags.map(([n, v]) => (v === null ? n : `${n}=${v}`)))).toEqual(bk.slice(1, 5));
      }), RUNS);
  });

  it('FROM: image references and stage names the builder accepts read back as the same stage line', () => {
    fc.assert(fc.property(text, esc, (ref, e) => {
      let df: Dockerfile<string>;
      try {
        df = Dockerfile.create().escape(e).from(image(ref), (s) => s.user('nobody'));
      } catch (err) {
        if (!UsageError.isUsageError(err)) throw err;
        expect(/\s/.test(ref) || /[\\`]$/.test(ref) || ref.startsWith('-')).toBe(true);
        return;
      }
      const textOut = df.toString();
      expect(parseDockerfile(textOut).model).toEqual(df.toModel());
      const lines = buildkitLines(textOut, e);
      expect(lines).toEqual([`FROM ${ref}`, 'USER nobody']);
      expect(astView(textOut).map((a) => a.keyword)).toEqual(['FROM', 'USER']);
    }), RUNS);
  });

  it('RUN --mount of every type with every option: BuildKit\'s flag word, then CSV, give back each value', () => {
    let accepted = 0;
    const m = fc.oneof(
      fc.tuple(text, text, text).map(([t, id, src]) => ({ input: cacheMount(t, { id, source: src, sharing: 'locked' as const, mode: '0755', uid: 1, gid: 2, readonly: true }), fields: { type: 'cache', target: t, id, readonly: 'true', sharing: 'locked', source: src, mode: '0755', uid: '1', gid: '2' } })),
      fc.tuple(text, text).map(([t, src]) => ({ input: bindMount(t, { source: src, readwrite: true }), fields: { type: 'bind', target: t, source: src, readwrite: 'true' } })),
      text.map((t) => ({ input: tmpfsMount(t, { size: '64m' }), fields: { type: 'tmpfs', target: t, size: '64m' } })),
      fc.tuple(text, text).map(([id, t]) => ({ input: secretMount(id, { target: t, required: true }), fields: { type: 'secret', id, target: t, required: 'true' } })),
      text.map((id) => ({ input: sshMount({ id }), fields: { type: 'ssh', id } })),
    );
    fc.assert(fc.property(m, esc, fc.constantFrom('ls', '# not a comment', '["a"]'), ({ input, fields }, e, cmd) => {
      const values = Object.values(fields);
      const df = build(e, (s) => s.run(cmd, { mounts: [input as never] }), values.some((v) => mayReject(v, e, { flag: true })));
      if (!df) return;
      accepted++;
      const { ast, line } = readBack(df, e, 'RUN');
      const { flags, rest } = buildkitFlags(line);
      expect(flags).toHaveLength(1);
      expect(flags[0]!.startsWith('mount=')).toBe(true);
      const record = csvRecord(flags[0]!.slice('mount='.length));
      expect(Object.fromEntries(record.map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]))).toEqual(fields);
      expect(rest).toBe(readsAsJson(cmd) ? `\\${cmd}` : cmd);
      expect(ast.flags.map(([n]) => n)).toEqual(['mount']);
    }), RUNS);
    expect(accepted).toBeGreaterThan(200);
  });

  it('EXPOSE, STOPSIGNAL and MAINTAINER: one line, as given', () => {
    fc.assert(fc.property(fc.constantFrom('EXPOSE', 'STOPSIGNAL', 'MAINTAINER'), text, esc, (kind, v, e) => {
      let df: Dockerfile<string> | undefined;
      try {
        df = Dockerfile.create().escape(e).stage('base', 'alpine:3.20').from('alpine:3.20', (s) => (kind === 'EXPOSE' ? s.expose(v) : kind === 'STOPSIGNAL' ? s.stopsignal(v) : s.maintainer(v)).user('nobody') as unknown as StageBuilder<'base'>);
        // EXPOSE and STOPSIGNAL have formats: the schema reports the rest when the App synthesizes
        if (!DockerfileModelSchema.safeParse(df.toModel()).success) { expect(kind).not.toBe('MAINTAINER'); return; }
      } catch (err) {
        if (UsageError.isUsageError(err)) { expect(mayReject(v, e, { shell: true }) || v.trim().startsWith('--')).toBe(true); return; }
        throw err;
      }
      const { ast, line } = readBack(df, e, kind);
      expect(line).toBe(v.trim());
      expect(ast.content).toBe(v.trim());
    }), RUNS);
  });

  it('ONBUILD wraps any accepted instruction without changing it', () => {
    fc.assert(fc.property(text, esc, (v, e) => {
      const df = build(e, (s) => s.onbuild((o) => o.run(v)), mayReject(v, e, { shell: true }));
      if (!df) return;
      const { ast, line } = readBack(df, e, 'ONBUILD');
      const given = buildkitLines(`X ${v.trim()}`, e)[0]!.replace(/^X\s*/, '');
      const expected = shellWords(readsAsJson(given) || given.startsWith('--') ? `\\${given}` : given);
      expect(shellWords(line.replace(/^RUN\s+/, ''))).toBe(expected);
      expect(shellWords(ast.content.replace(/^RUN\s+/, ''))).toBe(expected);
    }), RUNS);
  });

  it('runScript and copyContent: multi-line scripts and contents with $VAR, quotes and backslashes are accepted and read back', () => {
    fc.assert(fc.property(fc.array(text.filter((t) => !/\r/.test(t)), { minLength: 1, maxLength: 5 }), fc.boolean(), (ls, copy) => {
      const body = ls.join('\n');
      const df = Dockerfile.create().from('alpine:3.20', (s) => (copy ? s.copyContent('/etc/app.conf', body) : s.runScript(body)).user('nobody'));
      const textOut = df.toString();
      expect(parseDockerfile(textOut).model).toEqual(df.toModel());
      const heredoc = df.toModel().stages[0]!.instructions[0] as { heredocs: { delimiter: string; body: string }[] };
      expect(heredoc.heredocs[0]!.body).toBe(body.replace(/\n$/, ''));
      if (copy) expect(textOut).toContain(`COPY <<"${heredoc.heredocs[0]!.delimiter}" /etc/app.conf`);
      expect(textOut.trimEnd().endsWith('\nUSER nobody')).toBe(true);
    }), RUNS);
  });
});
