import { describe, expect, it } from 'vitest';
import {
  createClientConfig,
  DEFAULT_RETRY_POLICY,
  DEFAULT_TIMEOUT,
  InvalidInputError,
} from '../../../src/runtime/client/index.js';

describe('createClientConfig', () => {
  it('fills in every default', () => {
    expect(createClientConfig({ baseUrl: 'https://broker.example.com/' })).toEqual({
      baseUrl: 'https://broker.example.com',
      authentication: undefined,
      headers: {},
      brokerApiVersion: undefined,
      originatingIdentity: undefined,
      requestIdentity: false,
      timeout: DEFAULT_TIMEOUT,
      retry: DEFAULT_RETRY_POLICY,
      fetch: undefined,
    });
  });

  it("takes the broker's version from the spec unless the options set one or turn it off", () => {
    const spec = { brokerApiVersion: '2.17' };
    const base = { baseUrl: 'http://b' };
    expect(createClientConfig(base, spec)).toMatchObject({
      brokerApiVersion: '2.17',
      requestIdentity: true,
    });
    expect(createClientConfig({ ...base, brokerApiVersion: '2.12' }, spec).brokerApiVersion).toBe(
      '2.12',
    );
    expect(
      createClientConfig({ ...base, brokerApiVersion: false }, spec).brokerApiVersion,
    ).toBeUndefined();
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(createClientConfig({ baseUrl: 'http://b' }))).toBe(true);
  });

  it.each([
    [{ baseUrl: '' }],
    [{ baseUrl: 'http://b', timeout: 0 }],
    [{ baseUrl: 'http://b', timeout: Number.NaN }],
  ])('refuses %j', (options) => {
    expect(() => createClientConfig(options)).toThrow(InvalidInputError);
  });
});
