// Declaration merging: a preset adds its codes to IssueCodes. In this program 'devstack-kit' is the
// source (tsconfig paths) and the example preset package augments it (examples/preset-package/
// mailpit-preset/src/index.ts); test/examples-preset-package.test.ts checks the same across the packed
// packages. The augmentation below is one a test file makes itself.
import { describe, expectTypeOf, it } from 'vitest';
import { App, type IssueCode } from 'devstack-kit';
import { Stack } from 'devstack-kit/stack';
import 'devstack-preset-mailpit';

declare module 'devstack-kit' {
  interface IssueCodes {
    'acme/test-only-rule': true;
  }
}

describe('IssueCodes, extended by declaration merging', () => {
  it('an augmented code is an IssueCode, accepted in lint.severity and suppress', () => {
    expectTypeOf<'acme/test-only-rule'>().toExtend<IssueCode>();
    expectTypeOf<'acme/test-only-rul'>().not.toExtend<IssueCode>();
    new App({ lint: { severity: { 'acme/test-only-rule': 'off' }, suppress: [{ code: 'acme/test-only-rule', reason: 'a test' }] } });
  });

  it("the preset's code is accepted through the subpath entry 'devstack-kit/stack' too", () => {
    expectTypeOf<'mailpit/ui-published'>().toExtend<IssueCode>();
    Stack.create().toApp({ lint: { severity: { 'mailpit/ui-published': 'off' } } });
    // @ts-expect-error 'mailpit/ui-publishd' is not an issue code
    Stack.create().toApp({ lint: { severity: { 'mailpit/ui-publishd': 'off' } } });
  });
});
