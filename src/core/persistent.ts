/**
 * Persistent (immutable, structurally shared) collections for the builders' state. Adding an entry
 * costs O(1) (a list) or O(log₃₂ n) (a map) and leaves the old value untouched, so a builder that
 * adds one service, job or instruction at a time stays linear, and two builders forked from one
 * base never see each other's additions (nothing is ever changed in place: every node is frozen).
 * @module
 */

interface Cons<T> {
  readonly value: T;
  readonly prev: Cons<T> | undefined;
}

/**
 * An immutable list that grows at the end in O(1), sharing its prefix with the list it came from.
 * Reading it in order ({@link PList.toArray}) is O(n).
 *
 * @example
 * ```ts
 * const base = PList.empty<string>().push('a');
 * const x = base.push('b');
 * const y = base.push('c');
 * x.toArray(); // ['a', 'b']
 * y.toArray(); // ['a', 'c']
 * ```
 */
export class PList<T> {
  static readonly #EMPTY = new PList<never>(undefined, 0);
  readonly #last: Cons<T> | undefined;
  /** The number of items. */
  readonly size: number;

  private constructor(last: Cons<T> | undefined, size: number) {
    this.#last = last;
    this.size = size;
    Object.freeze(this);
  }

  /**
   * The empty list.
   *
   * @example
   * ```ts
   * PList.empty<number>().size; // 0
   * ```
   */
  static empty<T>(): PList<T> {
    return PList.#EMPTY as PList<T>;
  }

  /**
   * A list of the given items, in order.
   *
   * @example
   * ```ts
   * PList.from([1, 2]).push(3).toArray(); // [1, 2, 3]
   * ```
   */
  static from<T>(items: Iterable<T>): PList<T> {
    let list = PList.empty<T>();
    for (const item of items) list = list.push(item);
    return list;
  }

  /**
   * A new list with `items` added at the end; this one is unchanged.
   *
   * @example
   * ```ts
   * PList.empty<string>().push('a', 'b').toArray(); // ['a', 'b']
   * ```
   */
  push(...items: T[]): PList<T> {
    let last = this.#last;
    for (const value of items) last = Object.freeze({ value, prev: last });
    return items.length === 0 ? this : new PList(last, this.size + items.length);
  }

  /**
   * The last item, if any.
   *
   * @example
   * ```ts
   * PList.from(['a', 'b']).last(); // 'b'
   * ```
   */
  last(): T | undefined {
    return this.#last?.value;
  }

  /**
   * The items in order, as a new array.
   *
   * @example
   * ```ts
   * PList.from('ab').toArray(); // ['a', 'b']
   * ```
   */
  toArray(): T[] {
    const out = new Array<T>(this.size);
    let i = this.size;
    for (let node = this.#last; node; node = node.prev) out[--i] = node.value;
    return out;
  }

  /** The items in order. */
  [Symbol.iterator](): IterableIterator<T> {
    return this.toArray()[Symbol.iterator]();
  }
}

// A hash array mapped trie: 32-way branches copied along the path of a change; leaves hold a key,
// its value and its place in insertion order; keys whose hashes are equal chain in one leaf.
interface Leaf<V> {
  readonly hash: number;
  readonly key: string;
  readonly value: V;
  readonly next: Leaf<V> | undefined;
}
type Branch<V> = readonly (Trie<V> | undefined)[];
type Trie<V> = Leaf<V> | Branch<V>;

const BITS = 5;
const MASK = 31;

function hashOf(key: string): number {
  // FNV-1a, 32 bits
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function lookup<V>(node: Trie<V> | undefined, hash: number, key: string): Leaf<V> | undefined {
  for (let shift = 0; node !== undefined; shift += BITS) {
    if (Array.isArray(node)) {
      node = (node as Branch<V>)[(hash >>> shift) & MASK];
      continue;
    }
    for (let leaf: Leaf<V> | undefined = node as Leaf<V>; leaf; leaf = leaf.next) if (leaf.hash === hash && leaf.key === key) return leaf;
    return undefined;
  }
  return undefined;
}

function withoutKey<V>(chain: Leaf<V> | undefined, key: string): Leaf<V> | undefined {
  if (!chain) return undefined;
  if (chain.key === key) return chain.next;
  return Object.freeze({ ...chain, next: withoutKey(chain.next, key) });
}

function insert<V>(node: Trie<V> | undefined, leaf: Leaf<V>, shift: number): Trie<V> {
  if (node === undefined) return leaf;
  if (Array.isArray(node)) {
    const branch = [...(node as Branch<V>)];
    const i = (leaf.hash >>> shift) & MASK;
    branch[i] = insert(branch[i], leaf, shift + BITS);
    return Object.freeze(branch);
  }
  const here = node as Leaf<V>;
  if (here.hash === leaf.hash) return Object.freeze({ ...leaf, next: withoutKey(here, leaf.key) });
  // two different hashes differ in some bit below 32, so they part at a shift of 30 at the latest
  const branch: (Trie<V> | undefined)[] = new Array(32).fill(undefined);
  branch[(here.hash >>> shift) & MASK] = here;
  return insert(Object.freeze(branch), leaf, shift);
}

/**
 * An immutable map from string keys that keeps insertion order: setting an existing key replaces its
 * value in place; a new key goes last. `set` and `get` are O(log₃₂ n); the map it came from is
 * unchanged, so forks are independent.
 *
 * @example
 * ```ts
 * const base = PMap.empty<number>().set('a', 1);
 * const x = base.set('b', 2);
 * const y = base.set('a', 9);
 * [...x.entries()]; // [['a', 1], ['b', 2]]
 * [...y.entries()]; // [['a', 9]]
 * base.get('b');    // undefined
 * ```
 */
export class PMap<V> {
  static readonly #EMPTY = new PMap<never>(undefined, PList.empty());
  readonly #root: Trie<V> | undefined;
  readonly #order: PList<string>;

  private constructor(root: Trie<V> | undefined, order: PList<string>) {
    this.#root = root;
    this.#order = order;
    Object.freeze(this);
  }

  /**
   * The empty map.
   *
   * @example
   * ```ts
   * PMap.empty<string>().size; // 0
   * ```
   */
  static empty<V>(): PMap<V> {
    return PMap.#EMPTY as PMap<V>;
  }

  /**
   * A map of the given entries, in order (a repeated key keeps its first place and its last value).
   *
   * @example
   * ```ts
   * PMap.from(Object.entries({ a: 1, b: 2 })).get('b'); // 2
   * ```
   */
  static from<V>(entries: Iterable<readonly [string, V]>): PMap<V> {
    let map = PMap.empty<V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  /** The number of keys. */
  get size(): number {
    return this.#order.size;
  }

  /**
   * The value of `key`, or `undefined`.
   *
   * @example
   * ```ts
   * PMap.empty<number>().set('a', 1).get('a'); // 1
   * ```
   */
  get(key: string): V | undefined {
    return lookup(this.#root, hashOf(key), key)?.value;
  }

  /**
   * Whether `key` is in the map.
   *
   * @example
   * ```ts
   * PMap.empty<number>().set('a', 1).has('b'); // false
   * ```
   */
  has(key: string): boolean {
    return lookup(this.#root, hashOf(key), key) !== undefined;
  }

  /**
   * A new map with `key` set to `value` (in its old place, or last); this one is unchanged.
   *
   * @example
   * ```ts
   * PMap.empty<number>().set('a', 1).set('b', 2).set('a', 3).keys(); // ['a', 'b']
   * ```
   */
  set(key: string, value: V): PMap<V> {
    const hash = hashOf(key);
    const known = lookup(this.#root, hash, key) !== undefined;
    const root = insert(this.#root, Object.freeze({ hash, key, value, next: undefined }), 0);
    return new PMap(root, known ? this.#order : this.#order.push(key));
  }

  /**
   * The keys, in insertion order.
   *
   * @example
   * ```ts
   * PMap.from([['b', 1], ['a', 2]]).keys(); // ['b', 'a']
   * ```
   */
  keys(): string[] {
    return this.#order.toArray();
  }

  /**
   * The entries, in insertion order.
   *
   * @example
   * ```ts
   * PMap.from([['a', 1]]).entries(); // [['a', 1]]
   * ```
   */
  entries(): [string, V][] {
    return this.keys().map((k) => [k, this.get(k) as V]);
  }

  /**
   * The map as a plain object, in insertion order.
   *
   * @example
   * ```ts
   * PMap.from([['a', 1]]).toObject(); // { a: 1 }
   * ```
   */
  toObject(): Record<string, V> {
    const out: Record<string, V> = {};
    // defineProperty: a key named `__proto__` is an own key, not the prototype
    for (const k of this.keys()) Object.defineProperty(out, k, { value: this.get(k) as V, enumerable: true, writable: true, configurable: true });
    return out;
  }
}
