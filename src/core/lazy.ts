/**
 * Values built on first use, for what module load does not need: the zod schemas are only needed
 * when a model is validated (or read), so a module that declares them does not pay for building
 * them when it is imported.
 * @module
 */

/**
 * A stand-in for the object `build` returns, built on the first read of any of its properties. The
 * stand-in is an empty object whose prototype is, from then on, the built object: every later read
 * is an ordinary prototype lookup (no proxy on the hot path of validation), `instanceof` holds, and
 * methods run on the built object. Its own keys stay empty: for an object that is spread or
 * enumerated, use {@link lazyObject}. Typed as the object itself.
 *
 * @example
 * ```ts
 * const PortSchema = lazy(() => z.number().int().min(1).max(65535));
 * // nothing is built yet; the first use builds it:
 * PortSchema.safeParse(80).success; // true
 * ```
 */
export function lazy<T extends object>(build: () => T): T {
  let built: T | undefined;
  const stub = Object.create(null) as T;
  const force = (): T => {
    if (built === undefined) {
      built = build();
      Object.setPrototypeOf(stub, built);
    }
    return built;
  };
  // the stub's first prototype: a trap that builds the value on the first property lookup
  const trap = new Proxy(Object.create(null) as object, {
    get: (_, key, receiver) => Reflect.get(force(), key, receiver),
    has: (_, key) => Reflect.has(force(), key),
    set: (_, key, value, receiver) => Reflect.set(force(), key, value, receiver),
    getPrototypeOf: () => Reflect.getPrototypeOf(force()),
  });
  Object.setPrototypeOf(stub, trap);
  return stub;
}

/**
 * Like {@link lazy}, for a plain object that is spread or enumerated (`{ ...fields }`,
 * `Object.keys`): a proxy that builds it on first use and reports its keys.
 *
 * @example
 * ```ts
 * const fields = lazyObject(() => ({ name: z.string() }));
 * z.strictObject({ ...fields, port: z.number() }); // name, port
 * ```
 */
export function lazyObject<T extends object>(build: () => T): T {
  let value: T | undefined;
  const target = (): T => (value ??= build());
  return new Proxy(Object.create(null) as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(target(), key);
      // a proxy may not report a property its (empty) target lacks as non-configurable
      return d === undefined ? undefined : { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
}
