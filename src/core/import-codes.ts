/**
 * Codes `devstack import` reports about the files it is given (defined here, below the App, so
 * `allCodes()` and docs/rules.md list them with every other code).
 * @module
 */
import { defineCodes } from './rule.js';

/**
 * Codes of `devstack import`.
 *
 * @example
 * ```ts
 * importCodes.map((c) => c.code); // ['import/unknown-kind', 'import/unreadable']
 * ```
 */
export const importCodes = defineCodes([
  {
    code: 'import/unknown-kind',
    severity: 'error',
    summary: '`devstack import` was given a file that is not a Dockerfile, `.dockerignore`, compose file, workflow or action.',
    fix: 'Name the file as Docker and GitHub expect (`Dockerfile`, `compose.yaml`, `.github/workflows/ci.yml`, `action.yml`), or leave it out of the command.',
  },
  {
    code: 'import/unreadable',
    severity: 'error',
    summary: '`devstack import` could not read a file into a model (and its parser gave no more precise reason).',
    fix: 'Check that the file is valid for its kind (`docker compose config`, `actionlint`, `docker build --check`), then import it again.',
  },
]);
