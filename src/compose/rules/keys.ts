/**
 * Rules about values Docker refuses although the compose-spec schema lets them through: empty or
 * malformed environment and label keys, an empty `image`.
 * @module
 */
import type { IssuePath } from '../../core/issue.js';
import { defineRule } from '../../core/rule.js';
import { invalidKeyReason, listItemKey } from '../keys.js';
import type { ComposeModel } from '../model.js';
import { asRecord, serviceEntries } from './util.js';

/** The keys of a map-or-`KEY=value`-list field, with the path of each. */
function* keysOf(value: unknown, path: IssuePath): Generator<[string, IssuePath]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) if (typeof item === 'string') yield [listItemKey(item), [...path, i]];
  } else {
    const rec = asRecord(value);
    if (rec) for (const key of Object.keys(rec)) yield [key, [...path, key]];
  }
}

/** Every `labels:` field of a model: services, their build and deploy, and top-level volumes, networks, secrets, configs. */
function* labelFields(model: ComposeModel): Generator<[unknown, IssuePath]> {
  for (const [name, svc] of serviceEntries(model)) {
    yield [svc['labels'], ['services', name, 'labels']];
    yield [asRecord(svc['build'])?.['labels'], ['services', name, 'build', 'labels']];
    yield [asRecord(svc['deploy'])?.['labels'], ['services', name, 'deploy', 'labels']];
  }
  for (const section of ['volumes', 'networks', 'secrets', 'configs']) {
    for (const [name, decl] of Object.entries(asRecord(asRecord(model)?.[section]) ?? {})) yield [asRecord(decl)?.['labels'], [section, name, 'labels']];
  }
}

/**
 * `compose/invalid-environment-key`: an `environment` key is empty, holds `=`, or holds whitespace.
 *
 * @example
 * ```ts
 * invalidEnvironmentKey.check({ services: { api: { image: 'a:1', environment: { 'LOG LEVEL': 'debug' } } } }, {}); // yields services.api.environment['LOG LEVEL']
 * ```
 */
export const invalidEnvironmentKey = defineRule<ComposeModel>({
  code: 'compose/invalid-environment-key',
  severity: 'error',
  summary: 'An `environment` key is empty, holds `=`, or holds whitespace or a control character, which Docker refuses (or reads as another variable).',
  fix: 'Name the variable with letters, digits and `_` (`LOG_LEVEL`); put the value after the key, never in it.',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      for (const [key, path] of keysOf(svc['environment'], ['services', name, 'environment'])) {
        const reason = invalidKeyReason(key);
        if (reason !== undefined) yield { path, message: `the environment variable name ${JSON.stringify(key)} is invalid: ${reason}`, hint: 'use a name such as LOG_LEVEL' };
      }
    }
  },
});

/**
 * `compose/invalid-label-key`: a `labels` key is empty, holds `=`, or holds whitespace.
 *
 * @example
 * ```ts
 * invalidLabelKey.check({ services: { api: { image: 'a:1', labels: { '': 'x' } } } }, {}); // yields services.api.labels['']
 * ```
 */
export const invalidLabelKey = defineRule<ComposeModel>({
  code: 'compose/invalid-label-key',
  severity: 'error',
  summary: 'A `labels` key is empty, holds `=`, or holds whitespace or a control character, which Docker refuses.',
  fix: 'Use a reverse-DNS key such as `com.example.team`; put the value after the key, never in it.',
  *check(model) {
    for (const [labels, base] of labelFields(model)) {
      for (const [key, path] of keysOf(labels, base)) {
        const reason = invalidKeyReason(key);
        if (reason !== undefined) yield { path, message: `the label key ${JSON.stringify(key)} is invalid: ${reason}`, hint: 'use a key such as com.example.team' };
      }
    }
  },
});

/**
 * `compose/empty-image`: `image` is an empty (or blank) string.
 *
 * @example
 * ```ts
 * emptyImage.check({ services: { api: { image: '' } } }, {}); // yields services.api.image
 * ```
 */
export const emptyImage = defineRule<ComposeModel>({
  code: 'compose/empty-image',
  severity: 'error',
  summary: '`image` is an empty string, which Compose cannot pull or tag (the schema accepts it).',
  fix: 'Name the image (`postgres:16`), or remove `image:` from a service that has `build:`.',
  *check(model) {
    for (const [name, svc] of serviceEntries(model)) {
      const image = svc['image'];
      if (typeof image === 'string' && image.trim() === '') {
        yield { path: ['services', name, 'image'], message: `service "${name}" has an empty image`, hint: svc['build'] !== undefined ? 'remove image: (the service is built)' : 'name the image, e.g. image: postgres:16' };
      }
    }
  },
});
