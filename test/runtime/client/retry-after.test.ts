import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/runtime/client/index.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['5', 5_000],
    [' 12 ', 12_000],
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    [null, undefined],
    [undefined, undefined],
    ['', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ])('reads %j as %j ms', (value, want) => {
    expect(parseRetryAfter(value, NOW)).toBe(want);
  });
});
