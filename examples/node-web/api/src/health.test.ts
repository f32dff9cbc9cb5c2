import assert from 'node:assert/strict';
import { test } from 'node:test';
import { health } from './health.js';

test('health reports the configured services', () => {
  assert.deepEqual(health({ DATABASE_URL: 'postgres://db/app' }), { ok: true, database: true, redis: false });
});
