import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { OsbError, concurrencyError, notImplemented } from '../../src/runtime/errors.js';
import { describeValidationFailure, toOsbErrorResponse } from '../../src/runtime/error-handler.js';
import type { ValidationFailure } from '../../src/runtime/error-handler.js';
import {
  createServerPool,
  platformHeaders,
  putJson,
  registerBroker,
  readJson,
} from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

const SECRET = 'password=hunter2 at db.internal:5432';

/** The broker routes plus routes failing in the ways a handler can fail. */
async function registerFailingBroker(app: FastifyInstance): Promise<void> {
  await registerBroker(app);
  app.get('/v2/concurrent', async () => {
    throw concurrencyError();
  });
  app.get('/v2/unimplemented', async () => notImplemented('fetchServiceInstance'));
  app.get('/v2/unexpected', async () => {
    throw new Error(SECRET);
  });
  app.get(
    '/v2/unserializable',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['services'],
            properties: { services: { type: 'array' } },
          },
        },
      },
    },
    async () => ({ description: SECRET }),
  );
}

function putRaw(body: string, contentType?: string): RequestInit {
  const headers = platformHeaders(contentType === undefined ? {} : { 'Content-Type': contentType });
  return { method: 'PUT', headers, body };
}

describe('request errors', () => {
  it('answers a malformed JSON body with 400 in the OSB error shape', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request(
      '/v2/service_instances/i-1',
      putRaw('{"service_id": "s",', 'application/json'),
    );
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: 'The request body is not valid JSON.',
    });
  });

  it('answers an empty JSON body with 400 in the OSB error shape', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request(
      '/v2/service_instances/i-1',
      putRaw('', 'application/json'),
    );
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: 'The request body is empty although its Content-Type is application/json.',
    });
  });

  it('answers a body of another Content-Type with 400, as "Content Type" asks', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request('/v2/service_instances/i-1', putRaw('<a/>', 'text/xml'));
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: 'The request Content-Type is not supported; send application/json.',
    });
  });

  it('names the field and the problem when a body property has the wrong type', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request(
      '/v2/service_instances/i-1',
      putJson({ service_id: { id: 's' }, plan_id: 'p' }),
    );
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({ description: 'body/service_id must be string' });
  });

  it('names the missing property when a required body property is absent', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request(
      '/v2/service_instances/i-1',
      putJson({ service_id: 's' }),
    );
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: "body must have required property 'plan_id'",
    });
  });

  it('names the query parameter when the querystring violates its schema', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request(
      '/v2/service_instances/i-1?accepts_incomplete=perhaps',
      putJson({ service_id: 's', plan_id: 'p' }),
    );
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: 'querystring/accepts_incomplete must be boolean',
    });
  });

  it('names the header when a header violates its schema', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request(
      '/v2/service_instances/i-1',
      putJson({ service_id: 's', plan_id: 'p' }, { 'X-Broker-API-Request-Identity': '' }),
    );
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description: 'headers/x-broker-api-request-identity must NOT have fewer than 1 characters',
    });
  });

  it('answers an unknown route with 404 in the OSB error shape', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request('/v2/nothing/here?x=1', { headers: platformHeaders() });
    expect(response.status).toBe(404);
    expect(await readJson(response)).toEqual({
      description: 'No route matches GET /v2/nothing/here.',
    });
  });
});

describe('handler errors', () => {
  it('answers a thrown concurrencyError with 422 and its OSB body', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request('/v2/concurrent', { headers: platformHeaders() });
    expect(response.status).toBe(422);
    expect(await readJson(response)).toEqual({
      error: 'ConcurrencyError',
      description: concurrencyError().description,
    });
  });

  it('answers notImplemented with 501 naming the handler method', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request('/v2/unimplemented', { headers: platformHeaders() });
    expect(response.status).toBe(501);
    expect((await readJson(response)).description).toContain('fetchServiceInstance()');
  });

  it('answers an unexpected throw with 500 without its message', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request('/v2/unexpected', { headers: platformHeaders() });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('{"description":"internal error"}');
  });

  it('logs an unexpected throw with its message', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const server = await servers.start(registerFailingBroker, {
      logger: { level: 'error', stream },
    });
    await server.request('/v2/unexpected', { headers: platformHeaders() });
    const logged = lines.map(
      (line) => JSON.parse(line) as { msg: string; err?: { message: string } },
    );
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: 'unexpected error answered with 500',
        err: expect.objectContaining({ message: SECRET }),
      }),
    );
  });

  it('answers a response that fails serialization with 500 without details', async () => {
    const server = await servers.start(registerFailingBroker);
    const response = await server.request('/v2/unserializable', { headers: platformHeaders() });
    expect(response.status).toBe(500);
    expect(await readJson(response)).toEqual({ description: 'internal error' });
  });
});

describe('toOsbErrorResponse', () => {
  it.each<[string, unknown, number, Record<string, unknown>]>([
    ['an OsbError', new OsbError(410, { description: 'Gone.' }), 410, { description: 'Gone.' }],
    [
      "a plugin's 4xx error, with its message",
      Object.assign(new Error('Rate limit exceeded.'), { statusCode: 429 }),
      429,
      { description: 'Rate limit exceeded.' },
    ],
    [
      'a body parser SyntaxError, without quoting the body',
      Object.assign(new SyntaxError(`Unexpected token in "${SECRET}"`), { statusCode: 400 }),
      400,
      { description: 'The request body is not valid JSON.' },
    ],
    [
      'an error whose status is 5xx',
      Object.assign(new Error(SECRET), { statusCode: 503 }),
      500,
      { description: 'internal error' },
    ],
    ['a thrown string', SECRET, 500, { description: 'internal error' }],
    ['a plain Error', new Error(SECRET), 500, { description: 'internal error' }],
  ])('answers %s', (_name, error, status, body) => {
    const response = toOsbErrorResponse(error);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(body);
  });
});

describe('describeValidationFailure', () => {
  it.each<[string, ValidationFailure, string]>([
    [
      'a nested property',
      {
        validationContext: 'body',
        validation: [
          {
            keyword: 'type',
            instancePath: '/context/platform',
            schemaPath: '#/properties/context/properties/platform/type',
            params: { type: 'string' },
            message: 'must be string',
          },
        ],
      },
      'body/context/platform must be string',
    ],
    [
      'an unknown property, naming it',
      {
        validationContext: 'body',
        validation: [
          {
            keyword: 'additionalProperties',
            instancePath: '',
            schemaPath: '#/additionalProperties',
            params: { additionalProperty: 'plan' },
            message: 'must NOT have additional properties',
          },
        ],
      },
      "body must NOT have additional properties: 'plan'",
    ],
    [
      'an enum, listing the allowed values',
      {
        validationContext: 'querystring',
        validation: [
          {
            keyword: 'enum',
            instancePath: '/accepts_incomplete',
            schemaPath: '#/properties/accepts_incomplete/enum',
            params: { allowedValues: ['true', 'false'] },
            message: 'must be equal to one of the allowed values',
          },
        ],
      },
      'querystring/accepts_incomplete must be equal to one of the allowed values: "true", "false"',
    ],
    [
      'two problems',
      {
        validationContext: 'params',
        validation: [
          {
            keyword: 'minLength',
            instancePath: '/instance_id',
            schemaPath: '#',
            params: {},
            message: 'is short',
          },
          { keyword: 'pattern', instancePath: '/binding_id', schemaPath: '#', params: {} },
        ],
      },
      'params/instance_id is short; params/binding_id fails pattern',
    ],
  ])('describes %s', (_name, failure, want) => {
    expect(describeValidationFailure(failure)).toBe(want);
  });
});
