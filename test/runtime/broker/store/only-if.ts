import { it } from 'vitest';

/**
 * `it` when the store under test has the capability, else a function that registers nothing:
 * a case that cannot apply to a store is left out of its run, not reported as skipped.
 */
export function itWhen(condition: boolean): typeof it {
  return condition ? it : ((() => undefined) as unknown as typeof it);
}
