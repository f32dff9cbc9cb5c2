import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

test('index.html carries the build-time placeholder that build.mjs fills in', () => {
  assert.match(readFileSync('src/index.html', 'utf8'), /%BUILT_AT%/);
});
