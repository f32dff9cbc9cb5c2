import { describe, it } from 'vitest';
import { ComposeService } from '../src/index.js';

describe('builder internals are not part of the public type surface', () => {
  it('a ComposeService cannot be constructed or read from outside', () => {
    // @ts-expect-error the constructor is private: services come from Compose.service(name, s => …)
    new ComposeService({ model: {} });
    // @ts-expect-error stateOf is gone (the state is module-internal)
    ComposeService.stateOf;
  });
});
