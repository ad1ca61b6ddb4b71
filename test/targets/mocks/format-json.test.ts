import { describe, expect, it } from 'vitest';
import { formatJson } from '../../../src/targets/mocks/format-json.js';

describe('formatJson', () => {
  it.each([
    [{ type: 'string' }, 100, '{ "type": "string" }'],
    [{}, 100, '{}'],
    [[], 100, '[]'],
    [[1, 'two', null], 100, '[1, "two", null]'],
    [{ a: { b: [1, 2] } }, 24, '{ "a": { "b": [1, 2] } }'],
    [{ a: { b: [1, 2] } }, 22, '{\n  "a": { "b": [1, 2] }\n}'],
    [{ a: { b: [1, 2] } }, 21, '{\n  "a": {\n    "b": [1, 2]\n  }\n}'],
    [{ list: ['aaaa', 'bbbb'] }, 14, '{\n  "list": [\n    "aaaa",\n    "bbbb"\n  ]\n}'],
    [{ skipped: undefined, kept: 1 }, 100, '{ "kept": 1 }'],
    ['line\u2028break', 100, '"line\u2028break"'],
  ])('lays out %j within %d columns', (value, width, want) => {
    expect(formatJson(value, width)).toBe(want);
  });

  it('writes JSON that parses back to the value', () => {
    const value = {
      deep: Array.from({ length: 30 }, (_, index) => ({
        index,
        name: `item ${index}`,
        tags: ['a', 'b'],
      })),
    };
    const text = formatJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
  });
});
