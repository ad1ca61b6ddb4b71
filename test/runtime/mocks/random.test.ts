import { describe, expect, it } from 'vitest';
import { deriveSeed, Random } from '../../../src/runtime/mocks/random.js';

describe('Random', () => {
  it('gives the same stream for the same seed', () => {
    const stream = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(stream(42)).toEqual(stream(42));
    expect(stream(42)).not.toEqual(stream(43));
  });

  it('draws integers over the whole of a range, bounds included', () => {
    const random = new Random(7);
    const seen = new Set(Array.from({ length: 200 }, () => random.integer(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each([
    [1, 'a', 'bc'],
    [1, 'ab', 'c'],
    [2, 'ab', 'c'],
  ])('derives a seed from %s and labels, different for different labels', (seed, first, second) => {
    expect(deriveSeed(seed, first, second)).toBe(deriveSeed(seed, first, second));
    expect(deriveSeed(seed, first, second)).not.toBe(deriveSeed(seed, `${first}${second}`));
  });
});
