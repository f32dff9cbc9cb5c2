/**
 * The error of a config that could not be loaded (its own module, so that the command modules can
 * check for it without loading the config loader).
 * @module
 */

/** A config that could not be loaded: missing file, syntax error, wrong default export (exit code 2). */
export class ConfigError extends Error {
  /** `cause`: what the config threw, whose stack `--verbose` prints. */
  constructor(message: string, readonly hint?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ConfigError';
  }
}
