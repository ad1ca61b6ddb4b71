/**
 * The order in which a spec's mocks are handed to msw, which answers with the first handler
 * that matches: `/pulls/comments` must come before `/pulls/{pull_number}`. Segment by segment,
 * a fixed segment sorts before one mixing text and a parameter, which sorts before a parameter
 * alone (OAS 3.1 §4.8.8.2: concrete paths match before templated ones); otherwise the spec's
 * order is kept.
 */
import type { MockSpec } from './mock-spec.js';

/** The keys of `spec.operations`, most specific path first. */
export function orderOperations(spec: MockSpec): string[] {
  const keys = Object.keys(spec.operations);
  const ranks = new Map(keys.map((key) => [key, segmentRanks(spec.operations[key]?.path ?? '')]));
  return keys.sort((a, b) => {
    const left = ranks.get(a) ?? [];
    const right = ranks.get(b) ?? [];
    for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
      const difference = (left[index] ?? 0) - (right[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  });
}

function segmentRanks(path: string): number[] {
  return path.split('/').map((segment) => {
    if (!segment.includes('{')) return 0;
    return /^\{[^{}]*\}$/.test(segment) ? 2 : 1;
  });
}
