/**
 * Deterministic randomness for mock data. The same seed gives the same stream on every platform
 * and Node.js version (only 32-bit integer arithmetic), so a seed names one set of mock data.
 */

/** A stream of pseudo-random numbers: a Weyl sequence scrambled by a 32-bit integer mixer. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x9e3779b9) >>> 0;
    let value = this.#state;
    value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
    value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
    return ((value ^ (value >>> 16)) >>> 0) / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included; `min` when the range is empty. */
  integer(min: number, max: number): number {
    if (!(max > min)) return min;
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of `items`, which must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A hexadecimal string of `length` digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.integer(0, 15).toString(16);
    return out;
  }
}

/**
 * A 32-bit seed derived from `seed` and labels (an operation, a status), so each mocked answer
 * has its own stream and adding an operation to the spec does not change another one's data.
 * FNV-1a over the parts' UTF-16 code units.
 */
export function deriveSeed(seed: number, ...labels: readonly string[]): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const label of labels) {
    for (let index = 0; index < label.length; index += 1) {
      hash = Math.imul(hash ^ label.charCodeAt(index), 0x01000193) >>> 0;
    }
    // A separator, so ('ab', 'c') and ('a', 'bc') differ.
    hash = Math.imul(hash ^ 0xff, 0x01000193) >>> 0;
  }
  return hash;
}
