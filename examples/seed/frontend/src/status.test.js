import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusText } from './status.js';

test('statusText', () => {
  assert.equal(statusText({ status: 'ok' }), 'API: ok');
  assert.equal(statusText(null), 'API: unreachable');
});
