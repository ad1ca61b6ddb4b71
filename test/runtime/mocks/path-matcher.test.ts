import { describe, expect, it } from 'vitest';
import { MockError } from '../../../src/runtime/mocks/index.js';
import { createPathMatcher } from '../../../src/runtime/mocks/path-matcher.js';

describe('createPathMatcher', () => {
  it.each([
    ['/v2/catalog', undefined, 'http://localhost:8080/v2/catalog', {}],
    ['/v2/catalog', undefined, 'https://broker.example.com/v2/catalog/', undefined],
    ['/v2/catalog', undefined, 'https://broker.example.com/api/v2/catalog', undefined],
    ['/things/{id}', undefined, 'https://x.test/things/a%2Fb', { id: 'a/b' }],
    ['/things/{id}', undefined, 'https://x.test/things/a/b', undefined],
    ['/things/{id}', undefined, 'https://x.test/things/100%', { id: '100%' }],
    [
      '/compare/{base}...{head}',
      undefined,
      'https://x.test/compare/v1.0...main',
      { base: 'v1.0', head: 'main' },
    ],
    ['/files/{name}.json', undefined, 'https://x.test/files/report.json', { name: 'report' }],
    ['/odd/(a)*[b]:c', undefined, 'https://x.test/odd/(a)*[b]:c', {}],
    ['/café {x}', undefined, 'https://x.test/caf%C3%A9%20y', { x: 'y' }],
    ['/{__proto__}', undefined, 'https://x.test/polluted', { ['__proto__']: 'polluted' }],
    [
      '/v2/catalog',
      'https://broker.example.com/api/',
      'https://broker.example.com/api/v2/catalog',
      {},
    ],
    [
      '/v2/catalog',
      'https://broker.example.com/api',
      'https://broker.example.com/v2/catalog',
      undefined,
    ],
    [
      '/v2/catalog',
      'https://broker.example.com',
      'https://other.example.com/v2/catalog',
      undefined,
    ],
  ])('matches %s under %s against %s: %j', (template, baseUrl, url, want) => {
    const matcher = createPathMatcher(template, baseUrl);
    const parsed = new URL(url);
    const params = matcher.params(parsed);
    expect(params === undefined ? undefined : { ...params }).toEqual(
      want === undefined ? undefined : { ...want },
    );
    // msw matches the same requests with the pattern, which has no groups for it to misread:
    // `(pattern)|` run on '' gives one entry per group, plus the match.
    expect(matcher.pattern.test(`${parsed.origin}${parsed.pathname}`)).toBe(want !== undefined);
    expect(new RegExp(`${matcher.pattern.source}|`).exec('')).toHaveLength(1);
  });

  it('keeps a parameter named __proto__ as an own property', () => {
    const params = createPathMatcher('/{__proto__}', undefined).params(new URL('https://x.test/a'));
    expect(Object.hasOwn(params ?? {}, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });

  it('refuses a baseUrl that is not absolute', () => {
    expect(() => createPathMatcher('/x', 'localhost:8080/api')).toThrow(MockError);
  });
});
