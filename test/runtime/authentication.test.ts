import { afterEach, describe, expect, it } from 'vitest';
import {
  createAuthenticationHook,
  isEqualInConstantTime,
} from '../../src/runtime/authentication.js';
import type { AuthenticationOptions } from '../../src/runtime/authentication.js';
import { OsbUsageError } from '../../src/runtime/errors.js';
import {
  BASIC,
  basicAuthorization,
  createServerPool,
  registerBroker,
  readJson,
} from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

const TOKEN = 'a1b2c3.d4e5-f6_g7~h8+i9/j0==';

async function startBroker(authentication: AuthenticationOptions) {
  return servers.start((app) => registerBroker(app, { authentication }));
}

function catalogWith(authorization?: string): RequestInit {
  const headers: Record<string, string> = { 'X-Broker-API-Version': '2.17' };
  if (authorization !== undefined) headers['Authorization'] = authorization;
  return { headers };
}

describe('isEqualInConstantTime', () => {
  it.each([
    ['identical strings', 'secret', 'secret', true],
    ['two empty strings', '', '', true],
    ['identical non-ASCII strings', 'pässwörd', 'pässwörd', true],
    ['strings of one length differing in case', 'secret', 'secreT', false],
    ['a prefix of the expected string', 'sec', 'secret', false],
    ['a string longer than the expected one', 'secret-and-more', 'secret', false],
    ['an empty string against a non-empty one', '', 'secret', false],
    ['composed and decomposed forms of one letter', '\u00e9', 'e\u0301', false],
  ])('compares %s: %j with %j gives %s', (_name, given, expected, want) => {
    expect(isEqualInConstantTime(given, expected)).toBe(want);
  });
});

describe('Basic authentication', () => {
  it('answers 401 with a Basic challenge when the Authorization header is missing', async () => {
    const server = await startBroker({ basic: BASIC });
    const response = await server.request('/v2/catalog', catalogWith());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Basic realm="service-broker", charset="UTF-8"',
    );
    expect(await readJson(response)).toEqual({
      description:
        'Authentication failed: the Authorization header is missing; this broker accepts Basic.',
    });
  });

  it('answers 401 when the password is wrong', async () => {
    const server = await startBroker({ basic: BASIC });
    const response = await server.request(
      '/v2/catalog',
      catalogWith(basicAuthorization(BASIC.username, 'wrong')),
    );
    expect(response.status).toBe(401);
    expect(await readJson(response)).toEqual({
      description: 'Authentication failed: the credentials are not valid.',
    });
  });

  it('answers 401 when the username is wrong', async () => {
    const server = await startBroker({ basic: BASIC });
    const response = await server.request(
      '/v2/catalog',
      catalogWith(basicAuthorization('intruder', BASIC.password)),
    );
    expect(response.status).toBe(401);
  });

  it.each([
    ['credentials that are not base64', 'Basic not*base64!'],
    ['base64 without a colon inside', `Basic ${Buffer.from('platform').toString('base64')}`],
    ['base64 that is not UTF-8', `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}`],
    ['a scheme without credentials', 'Basic'],
    ['a header that is not a scheme and credentials', '@@@'],
  ])('answers 401 with a WWW-Authenticate challenge for %s', async (_name, authorization) => {
    const server = await startBroker({ basic: BASIC });
    const response = await server.request('/v2/catalog', catalogWith(authorization));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic realm=');
    expect((await readJson(response)).description).toMatch(/^Authentication failed: the /);
  });

  it('answers 401 to a Bearer token when only Basic is accepted', async () => {
    const server = await startBroker({ basic: BASIC });
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${TOKEN}`));
    expect(response.status).toBe(401);
    expect((await readJson(response)).description).toContain('scheme is not accepted');
  });

  it('answers 200 with the right username and a password containing a colon', async () => {
    const server = await startBroker({ basic: BASIC });
    const response = await server.request(
      '/v2/catalog',
      catalogWith(basicAuthorization(BASIC.username, BASIC.password)),
    );
    expect(response.status).toBe(200);
  });

  it('accepts the scheme name in lower case, as IBM Cloud sends it', async () => {
    const server = await startBroker({ basic: BASIC });
    const authorization = basicAuthorization(BASIC.username, BASIC.password).replace(
      'Basic',
      'basic',
    );
    const response = await server.request('/v2/catalog', catalogWith(authorization));
    expect(response.status).toBe(200);
  });

  it('names the configured realm in the challenge, quoted', async () => {
    const server = await startBroker({ basic: BASIC, realm: 'my "broker"' });
    const response = await server.request('/v2/catalog', catalogWith());
    expect(response.headers.get('www-authenticate')).toBe(
      'Basic realm="my \\"broker\\"", charset="UTF-8"',
    );
  });
});

describe('Basic credentials close to the configured ones', () => {
  it.each([
    ['the password with a character added', BASIC.username, `${BASIC.password}x`],
    ['the password without its last character', BASIC.username, BASIC.password.slice(0, -1)],
    ['the password followed by a NUL character', BASIC.username, `${BASIC.password}\u0000`],
    ['the password in upper case', BASIC.username, BASIC.password.toUpperCase()],
    ['the username with a character added', `${BASIC.username}x`, BASIC.password],
    ['an empty password', BASIC.username, ''],
  ])('answers 401 to %s', async (_name, username, password) => {
    const server = await startBroker({ basic: BASIC });
    const response = await server.request(
      '/v2/catalog',
      catalogWith(basicAuthorization(username, password)),
    );
    expect(response.status).toBe(401);
  });
});

describe('Secrets longer than the comparison buffer', () => {
  const long = { username: 'platform', password: `${'p'.repeat(1500)}é` };

  it('answers 200 with a password of 1,500 characters', async () => {
    const server = await startBroker({ basic: long });
    const response = await server.request(
      '/v2/catalog',
      catalogWith(basicAuthorization(long.username, long.password)),
    );
    expect(response.status).toBe(200);
  });

  it('answers 401 when the last character of that password differs', async () => {
    const server = await startBroker({ basic: long });
    const response = await server.request(
      '/v2/catalog',
      catalogWith(basicAuthorization(long.username, `${'p'.repeat(1500)}e`)),
    );
    expect(response.status).toBe(401);
  });
});

describe('Bearer authentication with a fixed token', () => {
  it('answers 401 with a Bearer challenge when the Authorization header is missing', async () => {
    const server = await startBroker({ bearer: { token: TOKEN } });
    const response = await server.request('/v2/catalog', catalogWith());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="service-broker"');
  });

  it('answers 401 when the token is wrong', async () => {
    const server = await startBroker({ bearer: { token: TOKEN } });
    const response = await server.request('/v2/catalog', catalogWith('Bearer wrong-token'));
    expect(response.status).toBe(401);
    expect((await readJson(response)).description).toContain('the credentials are not valid');
  });

  it('answers 401 when the token is malformed', async () => {
    const server = await startBroker({ bearer: { token: TOKEN } });
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${TOKEN} extra`));
    expect(response.status).toBe(401);
    expect((await readJson(response)).description).toContain('the Bearer token is malformed');
  });

  it('answers 200 with the right token', async () => {
    const server = await startBroker({ bearer: { token: TOKEN } });
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${TOKEN}`));
    expect(response.status).toBe(200);
  });

  it('accepts the scheme name in lower case', async () => {
    const server = await startBroker({ bearer: { token: TOKEN } });
    const response = await server.request('/v2/catalog', catalogWith(`bearer ${TOKEN}`));
    expect(response.status).toBe(200);
  });

  it('answers 401 to a token of the same length differing in one character', async () => {
    const server = await startBroker({ bearer: { token: TOKEN } });
    const nearMiss = TOKEN.replace('j0', 'j1');
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${nearMiss}`));
    expect(response.status).toBe(401);
    expect((await readJson(response)).description).toContain('the credentials are not valid');
  });
});

describe('Bearer authentication with a verify function', () => {
  it('answers 200 when verify resolves true for the presented token', async () => {
    const seen: string[] = [];
    const server = await startBroker({
      bearer: {
        verify: async (token) => {
          seen.push(token);
          return token === TOKEN;
        },
      },
    });
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${TOKEN}`));
    expect(response.status).toBe(200);
    expect(seen).toEqual([TOKEN]);
  });

  it('answers 401 when verify returns false', async () => {
    const server = await startBroker({ bearer: { verify: () => false } });
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${TOKEN}`));
    expect(response.status).toBe(401);
  });

  it('answers 500 without the message when verify throws', async () => {
    const server = await startBroker({
      bearer: {
        verify: () => {
          throw new Error('identity provider unreachable at 10.0.0.7');
        },
      },
    });
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${TOKEN}`));
    expect(response.status).toBe(500);
    expect(await readJson(response)).toEqual({ description: 'internal error' });
  });
});

describe('Basic and Bearer together', () => {
  it('challenges with both schemes when credentials are missing', async () => {
    const server = await startBroker({ basic: BASIC, bearer: { token: TOKEN } });
    const response = await server.request('/v2/catalog', catalogWith());
    expect(response.headers.get('www-authenticate')).toBe(
      'Basic realm="service-broker", charset="UTF-8", Bearer realm="service-broker"',
    );
    expect((await readJson(response)).description).toContain('accepts Basic or Bearer');
  });

  it('accepts the Bearer token when Basic is configured as well', async () => {
    const server = await startBroker({ basic: BASIC, bearer: { token: TOKEN } });
    const response = await server.request('/v2/catalog', catalogWith(`Bearer ${TOKEN}`));
    expect(response.status).toBe(200);
  });
});

describe('createAuthenticationHook', () => {
  it.each<[string, AuthenticationOptions]>([
    ['no scheme', {}],
    ['an empty username', { basic: { username: '', password: 'p' } }],
    ['an empty password', { basic: { username: 'u', password: '' } }],
    ['a username containing a colon', { basic: { username: 'a:b', password: 'p' } }],
    ['an empty bearer token', { bearer: { token: '' } }],
    ['a bearer token with a space', { bearer: { token: 'a b' } }],
    ['a realm with a line break', { basic: BASIC, realm: 'a\nb' }],
  ])('refuses options with %s', (_name, options) => {
    expect(() => createAuthenticationHook(options)).toThrow(
      expect.objectContaining({ code: 'OSB_RUNTIME_INVALID_OPTIONS' }) as OsbUsageError,
    );
  });
});
