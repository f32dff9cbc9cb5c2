import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PList, PMap } from '../../src/core/persistent.js';

// Two keys with the same 32-bit FNV-1a hash, and two whose hashes agree on their low 30 bits (so the
// trie parts them only at its deepest level).
const SAME_HASH = ['k4uzx', 'kf2ad'] as const;
const SAME_LOW_30_BITS = ['ktcxy', 'k12aca'] as const;

describe('PList', () => {
  it('push adds at the end and leaves the list it came from unchanged; forks are independent', () => {
    const base = PList.from([1, 2, 3]);
    const left = base.push(4);
    const right = base.push(5, 6);
    expect(base.toArray()).toEqual([1, 2, 3]);
    expect(left.toArray()).toEqual([1, 2, 3, 4]);
    expect(right.toArray()).toEqual([1, 2, 3, 5, 6]);
    expect([left.size, right.size, right.last()]).toEqual([4, 5, 6]);
    expect(PList.empty<number>().push()).toBe(PList.empty());
    expect([...right]).toEqual([1, 2, 3, 5, 6]);
    expect(Object.isFrozen(left)).toBe(true);
  });
});

describe('PMap', () => {
  it('keeps insertion order; setting a known key replaces its value in place', () => {
    const m = PMap.empty<number>().set('b', 1).set('a', 2).set('b', 3);
    expect(m.entries()).toEqual([['b', 3], ['a', 2]]);
    expect(m.size).toBe(2);
    expect(m.toObject()).toEqual({ b: 3, a: 2 });
  });

  it('keys that collide, fully or in all but the top bits, are kept apart', () => {
    for (const [x, y] of [SAME_HASH, SAME_LOW_30_BITS]) {
      const m = PMap.empty<string>().set(x, 'x').set(y, 'y');
      expect([m.get(x), m.get(y), m.size]).toEqual(['x', 'y', 2]);
      const changed = m.set(x, 'x2');
      expect([changed.get(x), changed.get(y), changed.size, m.get(x)]).toEqual(['x2', 'y', 2, 'x']);
      expect(changed.keys()).toEqual([x, y]);
      expect(PMap.empty<string>().set(x, 'x').has(y)).toBe(false);
    }
  });

  it('a key named like an Object.prototype member is an ordinary key', () => {
    const m = PMap.empty<number>().set('__proto__', 1).set('constructor', 2);
    expect(m.has('toString')).toBe(false);
    expect(m.get('__proto__')).toBe(1);
    const o = m.toObject();
    expect(Object.keys(o)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it('behaves as a copied Map under any sequence of sets on any earlier version (forks never see each other)', () => {
    const key = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(...SAME_HASH, ...SAME_LOW_30_BITS), fc.integer({ min: 0, max: 5000 }).map((i) => `k${i}`));
    // each op: from version #from (an earlier result), set key to value
    const op = fc.record({ from: fc.nat(), key, value: fc.integer() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const versions: { map: PMap<number>; model: Map<string, number> }[] = [{ map: PMap.empty(), model: new Map() }];
        for (const { from, key: k, value } of ops) {
          const v = versions[from % versions.length]!;
          const model = new Map(v.model).set(k, value);
          versions.push({ map: v.map.set(k, value), model });
        }
        for (const { map, model } of versions) {
          expect(map.entries()).toEqual([...model.entries()]);
          expect(map.size).toBe(model.size);
          for (const k of model.keys()) expect(map.get(k)).toBe(model.get(k));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('holds thousands of keys (several trie levels)', () => {
    let m = PMap.empty<number>();
    for (let i = 0; i < 20_000; i++) m = m.set(`key-${i}`, i);
    expect(m.size).toBe(20_000);
    for (let i = 0; i < 20_000; i += 97) expect(m.get(`key-${i}`)).toBe(i);
    expect(m.get('key-20000')).toBeUndefined();
    expect(m.keys().slice(0, 3)).toEqual(['key-0', 'key-1', 'key-2']);
  });
});
