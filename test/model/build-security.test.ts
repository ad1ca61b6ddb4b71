import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import type { ApiModel } from '../../src/model/index.js';
import { catchError, loadFixture, specWithPaths } from './load-fixture.js';

describe('security', () => {
  let model: ApiModel;

  beforeAll(async () => {
    model = buildModel(await loadFixture('model-security.yaml'));
  });

  function securityOf(operationId: string) {
    return model.operations.find((operation) => operation.operationId === operationId)?.security;
  }

  it('reads the global requirement', () => {
    expect(model.security).toEqual([{ schemes: [{ name: 'basicAuth', scopes: [] }] }]);
  });

  it('is inherited by an operation that declares none', () => {
    expect(securityOf('getCatalog')).toEqual(model.security);
  });

  it('is removed by an operation that declares an empty list', () => {
    expect(securityOf('getHealth')).toEqual([]);
  });

  it('is replaced by an operation that declares its own, keeping alternatives and scopes', () => {
    expect(securityOf('listInstances')).toEqual([
      {
        schemes: [
          { name: 'bearerAuth', scopes: [] },
          { name: 'apiKey', scopes: [] },
        ],
      },
      { schemes: [{ name: 'oauth', scopes: ['read', 'write'] }] },
    ]);
  });

  it('keeps an empty requirement, which makes authentication optional', () => {
    expect(securityOf('getPublic')).toEqual([
      { schemes: [] },
      { schemes: [{ name: 'basicAuth', scopes: [] }] },
    ]);
  });

  it('reads a scheme of each type with the fields it needs', () => {
    expect(model.securitySchemes).toEqual([
      {
        name: 'basicAuth',
        type: 'http',
        scheme: 'basic',
        bearerFormat: undefined,
        description: "The platform's broker credentials",
        pointer: '#/components/securitySchemes/basicAuth',
      },
      expect.objectContaining({
        name: 'bearerAuth',
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      }),
      expect.objectContaining({
        name: 'apiKey',
        type: 'apiKey',
        in: 'header',
        parameterName: 'X-Api-Key',
      }),
      expect.objectContaining({
        name: 'oauth',
        type: 'oauth2',
        flows: [
          {
            type: 'clientCredentials',
            authorizationUrl: undefined,
            tokenUrl: 'https://uaa.example.com/oauth/token',
            refreshUrl: undefined,
            scopes: [
              { name: 'read', description: 'Read the catalog' },
              { name: 'write', description: 'Change instances' },
            ],
          },
        ],
      }),
      expect.objectContaining({
        name: 'oidc',
        type: 'openIdConnect',
        openIdConnectUrl: 'https://uaa.example.com/.well-known/openid-configuration',
      }),
      expect.objectContaining({ name: 'mtls', type: 'mutualTLS' }),
    ]);
  });

  it('is empty for a spec that declares none', () => {
    const model = buildModel(specWithPaths({ '/a': { get: { responses: {} } } }));
    expect([model.security, model.securitySchemes, model.operations[0]?.security]).toEqual([
      [],
      [],
      [],
    ]);
  });
});

describe('security is rejected with BG_SPEC_INVALID', () => {
  it.each([
    [
      'a requirement naming an undeclared scheme',
      { security: [{ nobody: [] }] },
      '#/security/0/nobody',
    ],
    [
      'a scheme of an unknown type',
      { components: { securitySchemes: { s: { type: 'magic' } } } },
      '#/components/securitySchemes/s/type',
    ],
    [
      'an apiKey scheme in an unknown location',
      { components: { securitySchemes: { s: { type: 'apiKey', in: 'body', name: 'k' } } } },
      '#/components/securitySchemes/s/in',
    ],
  ])('for %s', (_, root, pointer) => {
    const spec = specWithPaths({}, root);
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_SPEC_INVALID',
      location: { pointer },
    });
  });

  it('for a mutualTLS scheme in OpenAPI 3.0', () => {
    const spec = specWithPaths(
      {},
      { openapi: '3.0.3', components: { securitySchemes: { s: { type: 'mutualTLS' } } } },
    );
    expect(catchError(() => buildModel({ ...spec, version: '3.0' }))).toMatchObject({
      code: 'BG_SPEC_INVALID',
      location: { pointer: '#/components/securitySchemes/s/type' },
    });
  });
});
