/**
 * Readable compile errors. A builder method that accepts only some names (a service defined
 * before, a stage of that Dockerfile, a job declared before) takes the name as a type parameter
 * and, when the name is not one of them, asks for a {@link DevstackTypeError} instead: no string is
 * assignable to it, so the call fails, and the compiler's message shows the sentence it carries
 * next to the names that are accepted (kysely's `KyselyTypeError` technique).
 * @module
 */

/**
 * A type no value has, carrying a message for the compiler to print. Never constructed.
 *
 * @example
 * ```ts
 * Compose.create().service('db', (s) => s.image('postgres:16')).service('api', (s) => s.dependsOn('cache'));
 * // error TS2345: Argument of type '"cache"' is not assignable to parameter of type
 * //   '"db" | DevstackTypeError<"dependsOn: no service 'cache' is defined before this one">'.
 * ```
 */
export interface DevstackTypeError<Message extends string> {
  /** The message; present only in the type. */
  readonly __devstackTypeError__: Message;
}
