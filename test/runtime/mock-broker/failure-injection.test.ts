import { describe, expect, it } from 'vitest';
import {
  createFailureDecider,
  createSeededRandom,
  injectedFailure,
} from '../../../src/runtime/mock-broker/index.js';
import { isOsbError } from '../../../src/runtime/errors.js';

/** The runtime half of `brokergen mock --fail` (src/runtime/mock-broker/failure-injection.ts). */

/** A generator that hands out the given numbers in turn, counting how many were drawn. */
function sequence(...numbers: number[]) {
  const drawn: number[] = [];
  const random = () => {
    const next = numbers[drawn.length] ?? 0;
    drawn.push(next);
    return next;
  };
  return { random, drawn };
}

describe('createFailureDecider', () => {
  it('never fails an operation no rule names, and draws nothing for it', () => {
    const { random, drawn } = sequence(0);
    const fails = createFailureDecider([{ operation: 'bind', share: 0.5 }], random);
    expect(fails('provision')).toBe(false);
    expect(drawn).toEqual([]);
  });

  it.each([
    [1, true],
    [0, false],
  ])('with share %d decides %s without drawing', (share, want) => {
    const { random, drawn } = sequence(0.5);
    const fails = createFailureDecider([{ operation: 'unbind', share }], random);
    expect(fails('unbind')).toBe(want);
    expect(drawn).toEqual([]);
  });

  it('with a share between 0 and 1 fails a call when the draw is below the share', () => {
    const { random } = sequence(0.1, 0.3, 0.29999);
    const fails = createFailureDecider([{ operation: 'update', share: 0.3 }], random);
    expect([fails('update'), fails('update'), fails('update')]).toEqual([true, false, true]);
  });
});

describe('createSeededRandom', () => {
  it('repeats its numbers for a seed, and gives others for another seed', () => {
    const draw = (seed: number) => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws numbers in [0, 1) spread over the range', () => {
    const random = createSeededRandom(42);
    const draws = Array.from({ length: 10_000 }, () => random());
    expect(draws.every((value) => value >= 0 && value < 1)).toBe(true);
    const belowHalf = draws.filter((value) => value < 0.5).length;
    expect(belowHalf).toBeGreaterThan(4_700);
    expect(belowHalf).toBeLessThan(5_300);
  });
});

describe('injectedFailure', () => {
  it('is a 500 OsbError whose description names the --fail that caused it', () => {
    const error = injectedFailure('deprovision');
    expect(isOsbError(error)).toBe(true);
    expect(error.status).toBe(500);
    expect(error.description).toContain('--fail deprovision');
  });
});
