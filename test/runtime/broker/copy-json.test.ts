import { describe, expect, it } from 'vitest';
import { copyJson } from '../../../src/runtime/broker/copy-json.js';

describe('copyJson', () => {
  it.each<[string, unknown]>([
    ['a string', 'text'],
    ['a number', 3.5],
    ['null', null],
    ['an array of mixed values', [1, 'a', null, true, { b: [2] }]],
    ['a nested object', { a: { b: { c: [1, { d: 'e' }] } }, f: false }],
  ])('copies %s to an equal value', (_name, value) => {
    expect(copyJson(value)).toStrictEqual(value);
  });

  it('copies nested objects and arrays rather than sharing them', () => {
    const value = { list: [{ name: 'a' }], inner: { count: 1 } };
    const copy = copyJson(value);
    copy.list[0]!.name = 'changed';
    copy.inner.count = 2;
    expect(value).toEqual({ list: [{ name: 'a' }], inner: { count: 1 } });
  });

  it('keeps a "__proto__" key from JSON.parse as a property, not as the prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const copy = copyJson(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
