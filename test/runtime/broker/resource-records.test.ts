import { describe, expect, it } from 'vitest';
import { toTimestamp } from '../../../src/runtime/broker/resource-records.js';

describe('toTimestamp', () => {
  it('formats each millisecond as toISOString does, whether asked again, later or earlier', () => {
    const start = Date.parse('2030-01-01T00:00:00.000Z');
    const asked = [start, start, start + 1, start + 1, start - 5, start];
    expect(asked.map(toTimestamp)).toEqual(asked.map((ms) => new Date(ms).toISOString()));
  });
});
