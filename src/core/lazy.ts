/**
 * Values built on first use, for what module load does not need: the zod schemas are only needed
 * when a model is validated (or read), so a module that declares them does not pay for building
 * them when it is imported.
 * @module
 */

/**
 * A stand-in for the object `build` returns, built on the first access to any of its properties
 * (then every operation goes to it: property reads, `in`, `instanceof`, calls of its methods).
 * Typed as the object itself.
 *
 * @example
 * ```ts
 * const PortSchema = lazy(() => z.number().int().min(1).max(65535));
 * // nothing is built yet; the first use builds it:
 * PortSchema.safeParse(80).success; // true
 * ```
 */
export function lazy<T extends object>(build: () => T): T {
  let value: T | undefined;
  const target = (): T => (value ??= build());
  return new Proxy(Object.create(null) as T, {
    get: (_, key) => {
      const v = target();
      const got = Reflect.get(v, key, v) as unknown;
      return got;
    },
    set: (_, key, next) => Reflect.set(target(), key, next),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key);
      // a proxy may not report a property its target lacks as non-configurable
      return d === undefined ? undefined : { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    defineProperty: (_, key, d) => Reflect.defineProperty(target(), key, d),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
  });
}
