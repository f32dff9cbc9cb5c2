import { describe, expectTypeOf, it } from 'vitest';
import type { BuiltinIssueCodes } from '../../src/core/codes.generated.js';
import { App, Stack, type IssueCode, type IssueCodes, type LintConfig, type Suppression } from '../../src/index.js';

describe('IssueCode', () => {
  it('is a union of literal codes, not string', () => {
    expectTypeOf<string>().not.toExtend<IssueCode>();
    expectTypeOf<'docker/root-user'>().toExtend<IssueCode>();
    expectTypeOf<'docker/rot-user'>().not.toExtend<IssueCode>();
  });

  it('holds every code devstack-kit defines (the generated table, checked against allCodes() in codes.test.ts)', () => {
    expectTypeOf<keyof BuiltinIssueCodes>().toExtend<IssueCode>();
    expectTypeOf<IssueCodes>().toExtend<BuiltinIssueCodes>();
    // a code from each domain and layer, schema codes included
    expectTypeOf<
      | 'core/unknown-code'
      | 'app/duplicate-path'
      | 'stack/unchecked-budget'
      | 'docker/schema/invalid-type'
      | 'dockerignore/schema/invalid-type'
      | 'compose/schema/invalid-duration'
      | 'compose/unknown-service'
      | 'workflow/missing-timeout'
      | 'workflow/schema/unknown-key'
      | 'env/secret-value'
      | 'core/yaml-syntax'
    >().toExtend<IssueCode>();
  });
});

describe('lint options take IssueCodes', () => {
  it('accepts every defined code as a severity key and as a suppressed code', () => {
    const every = {} as { readonly [C in keyof BuiltinIssueCodes]: 'off' };
    expectTypeOf(every).toExtend<NonNullable<LintConfig['severity']>>();
    expectTypeOf<{ code: keyof BuiltinIssueCodes; reason: string }>().toExtend<Suppression>();
    new App({ lint: { severity: { 'docker/root-user': 'off', 'compose/schema/invalid-duration': 'warning' }, suppress: [{ code: 'workflow/missing-timeout', reason: 'a quick job' }] } });
  });

  it('a misspelled code is a compile error in lint.severity and suppress, on the App and on Stack.toApp', () => {
    // @ts-expect-error 'docker/rot-user' is not an issue code
    new App({ lint: { severity: { 'docker/rot-user': 'off' } } });
    // @ts-expect-error 'docker/rot-user' is not an issue code
    new App({ lint: { suppress: [{ code: 'docker/rot-user', reason: 'dev-only image' }] } });
    // @ts-expect-error 'workflow/missing-timout' is not an issue code
    Stack.create().toApp({ lint: { severity: { 'workflow/missing-timout': 'error' } } });
    // @ts-expect-error 'compose/schema/invalid-durations' is not an issue code
    Stack.create().toApp({ lint: { suppress: [{ code: 'compose/schema/invalid-durations', reason: 'x' }] } });
    // @ts-expect-error a plain string is not an issue code
    const s: Suppression = { code: 'docker/root-user' as string, reason: 'x' };
    void s;
  });
});
