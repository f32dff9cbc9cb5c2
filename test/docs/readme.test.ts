import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## A config, and what it writes'));

describe('README', () => {
  it('starts with exactly the two fresh-clone commands', () => {
    const first = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 3));
    const commands = /```sh\n([\s\S]*?)```/.exec(first)![1]!.trim().split('\n');
    expect(commands).toEqual(['npm ci && npm run example', 'npm ci && npm test']);
    const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');
    expect(ci).toContain(`\n${commands[1]}\n`);
  });

  it('"Use it in your project" starts with installing the package and devstack init', () => {
    const start = readme.indexOf('## Use it in your project');
    expect(start).toBeGreaterThan(0);
    const commands = /^## Use it in your project\n\n```sh\n([\s\S]*?)```/.exec(readme.slice(start))![1]!.trim().split('\n');
    expect(commands).toEqual(['npm i -D devstack-kit', 'npx devstack init']);
  });

  it('its config example is examples/readme/devstack.config.ts verbatim (so it is type-checked, synthesized and validated)', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
    expect(block).toBe(readFileSync(new URL('../../examples/readme/devstack.config.ts', import.meta.url), 'utf8'));
  });

  it('the YAML it shows is what that config writes', () => {
    const shown = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(readFileSync(new URL('../../examples/readme/compose.yaml', import.meta.url), 'utf8')).toContain(shown);
  });
});
