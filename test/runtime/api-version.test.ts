import { afterEach, describe, expect, it } from 'vitest';
import {
  createApiVersionHook,
  isApiVersionAtLeast,
  parseApiVersion,
} from '../../src/runtime/api-version.js';
import type { ApiVersionOptions } from '../../src/runtime/api-version.js';
import type { OsbUsageError } from '../../src/runtime/errors.js';
import {
  BASIC,
  basicAuthorization,
  createServerPool,
  registerBroker,
  readJson,
} from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

const AUTHORIZATION = basicAuthorization(BASIC.username, BASIC.password);
const SUPPORTED = 'this broker supports versions 2.12 to 2.17';

async function startBroker(apiVersion?: ApiVersionOptions) {
  return servers.start((app) =>
    registerBroker(app, { authentication: { basic: BASIC }, apiVersion }),
  );
}

function withVersion(version?: string): RequestInit {
  const headers: Record<string, string> = { Authorization: AUTHORIZATION };
  if (version !== undefined) headers['X-Broker-API-Version'] = version;
  return { headers };
}

describe('parseApiVersion', () => {
  it.each([
    ['2.17', { major: 2, minor: 17, raw: '2.17' }],
    ['2.0', { major: 2, minor: 0, raw: '2.0' }],
    ['10.3', { major: 10, minor: 3, raw: '10.3' }],
    ['2', undefined],
    ['2.17.0', undefined],
    ['2.017', undefined],
    ['02.17', undefined],
    ['v2.17', undefined],
    ['2.', undefined],
    ['.17', undefined],
    ['-2.17', undefined],
    ['2.1e1', undefined],
    ['2,17', undefined],
    ['', undefined],
  ])('parses %j as %j', (given, want) => {
    expect(parseApiVersion(given)).toEqual(want);
  });
});

describe('isApiVersionAtLeast', () => {
  it.each([
    ['2.14', '2.14', true],
    ['2.17', '2.14', true],
    ['2.13', '2.14', false],
    ['3.0', '2.14', true],
    ['1.99', '2.14', false],
  ])('says whether %s is at least %s: %s', (given, minimum, want) => {
    expect(isApiVersionAtLeast(parseApiVersion(given), minimum)).toBe(want);
  });

  it('says false when no version is known', () => {
    expect(isApiVersionAtLeast(undefined, '2.0')).toBe(false);
  });
});

describe('the X-Broker-API-Version check', () => {
  it('answers 400 naming the supported versions when the header is missing', async () => {
    const server = await startBroker();
    const response = await server.request('/v2/catalog', withVersion());
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: `The X-Broker-API-Version header is required; ${SUPPORTED}.`,
    });
  });

  it('answers 412 naming the supported versions for another major version', async () => {
    const server = await startBroker();
    const response = await server.request('/v2/catalog', withVersion('3.0'));
    expect(response.status).toBe(412);
    expect(await readJson(response)).toEqual({
      description: `X-Broker-API-Version 3.0 is not supported; ${SUPPORTED}.`,
    });
  });

  it('answers 412 naming the supported versions for a header that is not MAJOR.MINOR', async () => {
    const server = await startBroker();
    const response = await server.request('/v2/catalog', withVersion('abc'));
    expect(response.status).toBe(412);
    expect(await readJson(response)).toEqual({
      description: `The X-Broker-API-Version header must be MAJOR.MINOR, such as 2.17; ${SUPPORTED}.`,
    });
  });

  it('answers 412 naming the supported versions for a minor newer than the maximum', async () => {
    const server = await startBroker();
    const response = await server.request('/v2/catalog', withVersion('2.99'));
    expect(response.status).toBe(412);
    expect((await readJson(response)).description).toContain(SUPPORTED);
  });

  it('answers 412 naming the supported versions for a minor older than the minimum', async () => {
    const server = await startBroker();
    const response = await server.request('/v2/catalog', withVersion('2.11'));
    expect(response.status).toBe(412);
    expect((await readJson(response)).description).toContain(SUPPORTED);
  });

  it.each(['2.12', '2.14', '2.17'])('accepts version %s by default', async (version) => {
    const server = await startBroker();
    const response = await server.request('/v2/catalog', withVersion(version));
    expect(response.status).toBe(200);
  });

  it('exposes the parsed version on request.brokerApiVersion', async () => {
    const server = await startBroker();
    const response = await server.request('/v2/catalog', withVersion('2.14'));
    expect((await readJson(response)).brokerApiVersion).toEqual({
      major: 2,
      minor: 14,
      raw: '2.14',
    });
  });

  it('enforces a configured range and names it', async () => {
    const server = await startBroker({ minimum: '2.15', maximum: '2.15' });
    const response = await server.request('/v2/catalog', withVersion('2.14'));
    expect(response.status).toBe(412);
    expect((await readJson(response)).description).toBe(
      'X-Broker-API-Version 2.14 is not supported; this broker supports version 2.15.',
    );
  });

  it('accepts a newer minor once the configured maximum allows it', async () => {
    const server = await startBroker({ minimum: '2.12', maximum: '2.99' });
    const response = await server.request('/v2/catalog', withVersion('2.18'));
    expect(response.status).toBe(200);
  });
});

describe('createApiVersionHook', () => {
  it.each<[string, ApiVersionOptions]>([
    ['a minimum that is not MAJOR.MINOR', { minimum: '2', maximum: '2.17' }],
    ['a maximum that is not MAJOR.MINOR', { minimum: '2.12', maximum: 'latest' }],
    ['a minimum newer than the maximum', { minimum: '2.17', maximum: '2.12' }],
    ['a range spanning two major versions', { minimum: '2.12', maximum: '3.1' }],
  ])('refuses %s', (_name, options) => {
    expect(() => createApiVersionHook(options)).toThrow(
      expect.objectContaining({ code: 'OSB_RUNTIME_INVALID_OPTIONS' }) as OsbUsageError,
    );
  });
});
