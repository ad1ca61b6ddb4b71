import { describe, expect, it } from 'vitest';
import {
  InvalidInputError,
  serializeCookies,
  serializeHeaders,
  serializePath,
  serializeQuery,
} from '../../../src/runtime/client/index.js';
import type { ParameterEncoding, ParameterStyle } from '../../../src/runtime/client/index.js';

const color = ['blue', 'black'];
const rgb = { R: 100, G: 200 };

function encoding(
  location: ParameterEncoding['in'],
  style: ParameterStyle,
  explode: boolean,
): ParameterEncoding[] {
  return [{ name: 'color', in: location, style, explode }];
}

describe('serializePath', () => {
  it.each([
    ['abc', 'abc'],
    [
      'crn:v1:bluemix:public:x:us-south:a/123::',
      'crn%3Av1%3Abluemix%3Apublic%3Ax%3Aus-south%3Aa%2F123%3A%3A',
    ],
    ['a b?c#d', 'a%20b%3Fc%23d'],
    ["it's (1)*!", 'it%27s%20%281%29%2A%21'],
    ['%2F', '%252F'],
    ['ü', '%C3%BC'],
    [42, '42'],
  ])('percent-encodes %j as one segment: %s', (value, want) => {
    expect(serializePath('/x/{id}', { id: value })).toBe(`/x/${want}`);
  });

  // OAS 3.1 §4.8.12.4, "Style Examples".
  it.each([
    ['simple', false, color, 'blue,black'],
    ['simple', true, rgb, 'R=100,G=200'],
    ['simple', false, rgb, 'R,100,G,200'],
    ['label', false, 'blue', '.blue'],
    ['label', true, color, '.blue.black'],
    ['label', false, color, '.blue,black'],
    ['label', true, rgb, '.R=100.G=200'],
    ['matrix', false, 'blue', ';color=blue'],
    ['matrix', true, color, ';color=blue;color=black'],
    ['matrix', false, color, ';color=blue,black'],
    ['matrix', true, rgb, ';R=100;G=200'],
  ] as const)('writes style %s (explode %s) of %j as %s', (style, explode, value, want) => {
    expect(serializePath('/{color}', { color: value }, encoding('path', style, explode))).toBe(
      `/${want}`,
    );
  });

  it('encodes literal parts that would end the path', () => {
    expect(serializePath('/a?b/{id}', { id: 'x' })).toBe('/a%3Fb/x');
  });

  it.each([[undefined], [''], ['.'], ['..']])('refuses the value %j', (value) => {
    expect(() => serializePath('/x/{id}', { id: value })).toThrow(InvalidInputError);
  });
});

describe('serializeQuery', () => {
  it.each([
    ['form', true, 'blue', 'color=blue'],
    ['form', true, color, 'color=blue&color=black'],
    ['form', false, color, 'color=blue,black'],
    ['form', true, rgb, 'R=100&G=200'],
    ['form', false, rgb, 'color=R,100,G,200'],
    ['spaceDelimited', false, color, 'color=blue%20black'],
    ['pipeDelimited', false, color, 'color=blue|black'],
    ['deepObject', true, rgb, 'color%5BR%5D=100&color%5BG%5D=200'],
  ] as const)('writes style %s (explode %s) of %j as %s', (style, explode, value, want) => {
    expect(serializeQuery({ color: value }, encoding('query', style, explode))).toBe(want);
  });

  it('writes an array by default as repeated names (form, explode)', () => {
    expect(serializeQuery({ tag: ['a', 'b'] })).toBe('tag=a&tag=b');
  });

  it('keeps reserved characters with allowReserved', () => {
    const encodings: ParameterEncoding[] = [{ name: 'q', in: 'query', allowReserved: true }];
    expect(serializeQuery({ q: 'a/b:c?d', r: 'a/b' }, encodings)).toBe('q=a/b:c?d&r=a%2Fb');
  });

  it('sends a parameter with JSON content as JSON text', () => {
    const encodings: ParameterEncoding[] = [{ name: 'filter', in: 'query', json: true }];
    expect(serializeQuery({ filter: { a: 1 } }, encodings)).toBe(
      `filter=${encodeURIComponent('{"a":1}')}`,
    );
  });

  it('writes dates in ISO 8601 and leaves out null and undefined', () => {
    const date = new Date('2025-01-02T03:04:05Z');
    expect(serializeQuery({ since: date, a: null, b: undefined })).toBe(
      'since=2025-01-02T03%3A04%3A05.000Z',
    );
  });
});

describe('serializeHeaders', () => {
  it('joins arrays with commas and leaves out absent values', () => {
    expect(serializeHeaders({ 'X-Tags': ['a', 'b'], 'X-None': undefined, 'X-N': 3 })).toEqual([
      ['X-Tags', 'a,b'],
      ['X-N', '3'],
    ]);
  });

  it('writes an exploded object as key=value pairs', () => {
    expect(serializeHeaders({ color: rgb }, encoding('header', 'simple', true))).toEqual([
      ['color', 'R=100,G=200'],
    ]);
  });
});

describe('serializeCookies', () => {
  it('writes one Cookie header with encoded values', () => {
    expect(serializeCookies({ session: 'a b', theme: 'dark' })).toBe('session=a%20b; theme=dark');
  });

  it('is undefined without cookies', () => {
    expect(serializeCookies({ session: undefined })).toBeUndefined();
  });
});
