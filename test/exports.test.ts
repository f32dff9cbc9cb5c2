// The public surface is deliberate: a new export must be added here too.
import { describe, expect, it } from 'vitest';
import * as root from '../src/index.js';

describe('devstack-kit exports', () => {
  it('the package root exports exactly these values', () => {
    expect(Object.keys(root).sort()).toEqual([
      'Action',
      'App',
      'Compose',
      'ComposeService',
      'Dockerfile',
      'Dockerignore',
      'Env',
      'MANIFEST_PATH',
      'MARKER',
      'Stack',
      'SynthError',
      'UsageError',
      'Workflow',
      'WriteError',
      'allCodes',
      'bindMount',
      'cacheMount',
      'checkDrift',
      'checkFiles',
      'composeLiteral',
      'defineRule',
      'defineUnit',
      'dockerfileAt',
      'dockerignorePresets',
      'expr',
      'formatIssue',
      'formatPath',
      'formatSource',
      'image',
      'isDockerfileRef',
      'layoutOf',
      'secretMount',
      'sshMount',
      'tmpfsMount',
      'uses',
      'withLayout',
      'write',
    ]);
  });

  it('package.json exports every subpath with types for import and require', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { exports: Record<string, unknown>; bin: Record<string, string> };
    expect(Object.keys(pkg.exports)).toEqual(['.', './dockerfile', './compose', './workflow', './stack', './testing', './package.json']);
    expect(pkg.bin).toEqual({ devstack: './dist/cli.js' });
  });
});
