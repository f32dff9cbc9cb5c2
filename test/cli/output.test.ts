import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { escapeData, escapeProperty, Reporter, stripAnsi, useColor, workflowCommand, type OutputOptions } from '../../src/cli/output.js';
import type { Issue } from '../../src/core/issue.js';

/**
 * Reads a workflow command line the way the GitHub Actions runner does (ActionCommand.TryParseV2 in
 * actions/runner): the command info runs to the first `::` after the leading one, properties split on
 * `,` then on the first `=`, and the escapes are undone one mapping after another in the runner's order.
 */
function parseWorkflowCommand(line: string): { command: string; properties: Record<string, string>; message: string } | undefined {
  const unescape = (text: string, mappings: [string, string][]): string => mappings.reduce((t, [token, escaped]) => t.split(escaped).join(token), text);
  const data: [string, string][] = [['\r', '%0D'], ['\n', '%0A'], ['%', '%25']];
  const property: [string, string][] = [['\r', '%0D'], ['\n', '%0A'], [':', '%3A'], [',', '%2C'], ['%', '%25']];
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const prop of info.slice(space + 1).trim().split(',').filter((p) => p !== '')) {
      const eq = prop.indexOf('=');
      if (eq > 0 && eq < prop.length - 1) properties[prop.slice(0, eq)] = unescape(prop.slice(eq + 1), property);
    }
  }
  return { command, properties, message: unescape(text.slice(end + 2), data) };
}

describe('GitHub workflow commands', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\dir, 50%\n')).toBe('C%3A\\dir%2C 50%25%0A');
    expect(workflowCommand('error', { file: 'compose.yaml', line: 4, title: 'compose/schema/invalid-duration' }, 'expected a duration like "10s", received 10')).toBe(
      '::error file=compose.yaml,line=4,title=compose/schema/invalid-duration::expected a duration like "10s", received 10',
    );
    expect(workflowCommand('warning', { file: undefined, title: 'x' }, 'm')).toBe('::warning title=x::m');
    expect(workflowCommand('notice', {}, 'm')).toBe('::notice::m');
  });

  it('an arbitrary message, file and title survive: encode, then decode as the runner does, gives them back', () => {
    // Property values: any text but what the runner cannot carry whatever the escaping: an empty value
    // (dropped) and whitespace at either end of the property list (it trims the list). devstack's
    // values are paths and issue codes, which have neither.
    const prop = fc.string({ unit: 'binary', minLength: 1 }).filter((s) => s === s.trim());
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), prop, prop, fc.integer({ min: 1, max: 1_000_000 }), (message, file, title, line) => {
        const text = workflowCommand('error', { file, line, title }, message);
        expect(text).not.toMatch(/[\r\n]/);
        expect(parseWorkflowCommand(text)).toEqual({ command: 'error', properties: { file, line: String(line), title }, message });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('colour', () => {
  it('only on a terminal or with FORCE_COLOR; never with NO_COLOR', () => {
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({ isTTY: false }, { CI: 'true' })).toBe(false);
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: '' })).toBe(true);
    expect(useColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: false }, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(stripAnsi('\u001b[31m✖\u001b[39m a \u001b[1mb\u001b[22m')).toBe('✖ a b');
  });
});

describe('Reporter under GitHub Actions', () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });
  const capture = () => {
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(`stdout:${String(chunk)}`), true));
  };
  const options = (mode: OutputOptions['mode']): OutputOptions => ({ mode, github: true, color: { stdout: false, stderr: false }, workspace: '/repo' });

  it('annotates an issue with its file and line, relative to the workspace; a file-less issue with no file', () => {
    capture();
    const r = new Reporter('check', options('human'));
    r.setDir('/repo/app');
    const issues: Issue[] = [
      { code: 'compose/parse/dropped-tag', severity: 'warning', file: 'compose.yaml', path: [], line: 7, message: 'the !reset tag cannot be kept', hint: 'keep this file hand-written' },
      { code: 'compose/schema/invalid-duration', severity: 'error', file: 'compose.yaml', path: ['services', 'api', 'healthcheck', 'interval'], message: 'expected a duration like "10s", received 10' },
      { code: 'app/duplicate-path', severity: 'error', path: [], message: '100%: a, b' },
      { code: 'docker/lint-note', severity: 'info', file: 'Dockerfile', path: [], message: 'a note' },
    ];
    r.issues(issues);
    expect(written).toEqual([
      '::warning file=app/compose.yaml,line=7,title=compose/parse/dropped-tag::the !reset tag cannot be kept%0Afix: keep this file hand-written\n',
      '::error file=app/compose.yaml,title=compose/schema/invalid-duration::services.api.healthcheck.interval: expected a duration like "10s", received 10\n',
      '::error title=app/duplicate-path::100%25: a, b\n',
    ]);
  });

  it('in JSON mode prints only the JSON document on stdout (annotations go to stderr)', () => {
    capture();
    const r = new Reporter('check', options('json'));
    r.issues([{ code: 'docker/root-user', severity: 'warning', file: 'Dockerfile', path: [], message: 'runs as root' }]);
    r.summary('✔ 1 files, 0 errors, 1 warnings', true);
    r.finish(0);
    expect(written[0]).toBe('::warning file=Dockerfile,title=docker/root-user::runs as root\n');
    expect(written).toHaveLength(2);
    const doc = JSON.parse(written[1]!.replace(/^stdout:/, '')) as { issues: unknown[]; summary: string; ok: boolean };
    expect(doc).toMatchObject({ ok: true, summary: '✔ 1 files, 0 errors, 1 warnings', issues: [{ code: 'docker/root-user' }] });
  });
});

describe('guard(verbose, body): the form commands used before the Reporter', () => {
  afterEach(() => vi.restoreAllMocks());
  it('still maps what the body throws to exit codes and prints it as the human output does', async () => {
    const { CliUsageError, guard } = await import('../../src/cli/commands/shared.js');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    expect(await guard(false, async () => 0)).toBe(0);
    expect(await guard(false, async () => Promise.reject(new CliUsageError('unknown option --x')))).toBe(2);
    expect(written.map(stripAnsi)).toEqual(['✖ unknown option --x\n']);
  });
});
