import { describe, expect, it } from 'vitest';
import { describeProblem } from '../../../src/runtime/mocks/errors.js';
import { contextOf } from '../../../src/runtime/mocks/mock-context.js';
import type { MockSpec } from '../../../src/runtime/mocks/index.js';
import { createPathMatcher } from '../../../src/runtime/mocks/path-matcher.js';
import { validateRequest } from '../../../src/runtime/mocks/validate-request.js';

/** One operation with a parameter of every style (OAS 3.1 §4.8.12.4), and one with a body. */
const SPEC: MockSpec = {
  operations: {
    styles: {
      operationId: 'styles',
      method: 'GET',
      path: '/items/{id}/{coords}/{filter}',
      defaultStatus: 200,
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
        {
          name: 'coords',
          in: 'path',
          required: true,
          style: 'label',
          schema: { type: 'array', items: { type: 'integer' } },
        },
        {
          name: 'filter',
          in: 'path',
          required: true,
          style: 'matrix',
          explode: true,
          schema: { type: 'object', properties: { color: { enum: ['red', 'blue'] } } },
        },
        { name: 'ids', in: 'query', schema: { type: 'array', items: { type: 'integer' } } },
        {
          name: 'csv',
          in: 'query',
          explode: false,
          schema: { type: 'array', items: { type: 'integer' } },
        },
        {
          name: 'pipes',
          in: 'query',
          style: 'pipeDelimited',
          explode: false,
          schema: { type: 'array', maxItems: 2 },
        },
        {
          name: 'deep',
          in: 'query',
          style: 'deepObject',
          schema: { type: 'object', properties: { min: { type: 'integer' } } },
        },
        { name: 'flag', in: 'query', schema: { type: 'boolean' } },
        {
          name: 'json',
          in: 'query',
          json: true,
          schema: { type: 'object', properties: { a: { type: 'integer' } } },
        },
        { name: 'X-Ids', in: 'header', schema: { type: 'array', items: { type: 'integer' } } },
        { name: 'Accept', in: 'header', required: true, schema: { const: 'never-checked' } },
        { name: 'session', in: 'cookie', required: true, schema: { type: 'string', minLength: 3 } },
      ],
    },
    upload: {
      operationId: 'upload',
      method: 'POST',
      path: '/uploads',
      defaultStatus: 201,
      requestBody: {
        required: true,
        mediaTypes: ['application/json', 'image/*'],
        jsonSchema: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' } },
        },
      },
    },
  },
};

const VALID_PATH = '/items/7/.1,2/;color=red';
const VALID_QUERY = 'ids=1&ids=2&csv=3,4&pipes=a|b&deep[min]=3&flag=true&json=%7B%22a%22%3A1%7D';

async function problemsOf(key: string, url: string, init: RequestInit = {}): Promise<string[]> {
  const operation = SPEC.operations[key];
  if (operation === undefined) throw new Error(`no operation ${key}`);
  const request = new Request(`https://api.example.test${url}`, init);
  const params = createPathMatcher(operation.path, undefined).params(new URL(request.url)) ?? {};
  const problems = await validateRequest(contextOf(SPEC), key, operation, request, params);
  return problems.map(describeProblem);
}

const COOKIE = { headers: { cookie: 'session=abcdef' } };

describe('validateRequest', () => {
  it('finds nothing wrong with a request that follows every style', async () => {
    const headers = { cookie: 'other=1; session=abcdef', 'X-Ids': '1, 2' };
    expect(await problemsOf('styles', `${VALID_PATH}?${VALID_QUERY}`, { headers })).toEqual([]);
  });

  it.each([
    ['/items/abc/.1,2/;color=red', 'path parameter "id" must be integer'],
    ['/items/7/.1,x/;color=red', 'path parameter "coords"/1 must be integer'],
    ['/items/7/.1,2/;color=green', 'path parameter "filter"/color must be one of "red", "blue"'],
    [`${VALID_PATH}?ids=1&ids=x`, 'query parameter "ids"/1 must be integer'],
    [`${VALID_PATH}?csv=1,x`, 'query parameter "csv"/1 must be integer'],
    [`${VALID_PATH}?pipes=a|b|c`, 'query parameter "pipes" must NOT have more than 2 items'],
    [`${VALID_PATH}?deep[min]=x`, 'query parameter "deep"/min must be integer'],
    [`${VALID_PATH}?flag=maybe`, 'query parameter "flag" must be boolean'],
    [`${VALID_PATH}?json=%7Bbad`, 'query parameter "json" must be JSON text'],
  ])('reports %s as: %s', async (url, want) => {
    expect(await problemsOf('styles', url, COOKIE)).toEqual([want]);
  });

  it('reads array headers split at commas', async () => {
    const headers = { cookie: 'session=abcdef', 'X-Ids': '1,x' };
    expect(await problemsOf('styles', VALID_PATH, { headers })).toEqual([
      'header parameter "X-Ids"/1 must be integer',
    ]);
  });

  it('reports a required cookie that is missing, and ignores the Accept header parameter', async () => {
    expect(await problemsOf('styles', VALID_PATH)).toEqual([
      'cookie parameter "session" is required',
    ]);
  });

  it.each([
    [{}, 'body is required'],
    [
      { body: 'name', headers: { 'content-type': 'text/plain' } },
      'body has content type "text/plain", not one of application/json, image/*',
    ],
    [{ body: '{name', headers: { 'content-type': 'application/json' } }, 'body is not valid JSON'],
    [
      { body: '{"name":1}', headers: { 'content-type': 'application/json; charset=utf-8' } },
      'body/name must be string',
    ],
  ])('reports the body of %j as: %s', async (init, want) => {
    expect(await problemsOf('upload', '/uploads', { method: 'POST', ...init })).toEqual([want]);
  });

  it('accepts a body of a media type within a declared range, without a schema to check', async () => {
    const init = { method: 'POST', body: 'bytes', headers: { 'content-type': 'image/png' } };
    expect(await problemsOf('upload', '/uploads', init)).toEqual([]);
  });
});
