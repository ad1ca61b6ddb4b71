import { getResponse, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createMockHandler,
  createMockHandlers,
  InvalidRequestError,
  MockError,
} from '../../../src/runtime/mocks/index.js';
import type { MockOptions, MockReplyInit, MockResolver } from '../../../src/runtime/mocks/index.js';
import { PET_SPEC } from './support/pet-spec.js';

/**
 * The handlers of a hand-written mock spec, installed with msw's `setupServer` and called with
 * `fetch`, as a test suite does.
 */
const server = setupServer();
const BASE = 'https://pets.example.test';
const HEADERS = { 'X-Request-Id': '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function use(
  key: string,
  reply?: MockReplyInit | MockResolver<MockReplyInit>,
  options?: MockOptions,
): void {
  server.use(createMockHandler(PET_SPEC, key, reply, options));
}

async function json(response: Response): Promise<unknown> {
  return (await response.json()) as unknown;
}

describe('a mock answering from the spec', () => {
  it('answers the first example valid for the schema, skipping an invalid one', async () => {
    use('listPets');
    const response = await fetch(`${BASE}/pets`, { headers: HEADERS });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await json(response)).toEqual([
      { id: 1, name: 'Rex' },
      { id: 2, name: 'Tom', tag: 'cat' },
    ]);
  });

  it('sends the response headers the spec requires, with generated values', async () => {
    use('listPets');
    const response = await fetch(`${BASE}/pets`, { headers: HEADERS });
    expect(response.headers.get('x-total')).toMatch(/^[0-9]+$/);
  });

  it('generates a body from the schema when the spec has no example, using schema examples', async () => {
    use('getPet');
    const pet = (await json(await fetch(`${BASE}/pets/7`))) as { id: number; name: string };
    expect(pet.id).toBeGreaterThanOrEqual(1);
    expect(pet.name).toBe('Rex');
  });

  it('answers the same data for the same seed and other data for another', async () => {
    const bodyFor = async (seed: number): Promise<string> => {
      server.resetHandlers(createMockHandler(PET_SPEC, 'compare', undefined, { seed }));
      return (await fetch(`${BASE}/compare/main...topic`)).text();
    };
    const first = await bodyFor(1);
    expect(await bodyFor(1)).toBe(first);
    const others = await Promise.all([2, 3, 4, 5].map(bodyFor));
    expect(others.some((body) => body !== first)).toBe(true);
  });

  it('answers a text response with the text generated for its schema', async () => {
    use('getMyPet');
    const response = await fetch(`${BASE}/pets/mine`);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toMatch(/^pet-[0-9]{3}$/);
  });

  it('answers 204 without a body', async () => {
    use('deletePet');
    const response = await fetch(`${BASE}/pets/7`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

describe('a mock answering as a test says', () => {
  it.each([
    ['its own response', 'createPet', 409, { $ref: 'Error' }],
    ['the response of its range', 'listPets', 418, { $ref: 'Error' }],
    ['the default response', 'listPets', 503, { code: 'unexpected', message: 'Something broke.' }],
  ])('answers a status a test asks for with %s', async (_name, key, status, want) => {
    use(key, { status });
    const init =
      key === 'createPet' ? { method: 'POST', body: '{"name":"x"}' } : { headers: HEADERS };
    const response = await fetch(`${BASE}/pets`, init);
    expect(response.status).toBe(status);
    const body = await json(response);
    if ('$ref' in want)
      expect(body).toEqual({ code: expect.any(String), message: expect.any(String) });
    else expect(body).toEqual(want);
  });

  it('answers a status the spec declares without content with no body', async () => {
    use('getPet', { status: 404 });
    const response = await fetch(`${BASE}/pets/1`);
    expect([response.status, await response.text()]).toEqual([404, '']);
  });

  it('sends the body and headers a test gives, with the media type of the spec', async () => {
    use('createPet', {
      status: 201,
      body: { id: 9, name: 'Given' },
      headers: { 'x-trace': 'abc' },
    });
    const response = await fetch(`${BASE}/pets`, { method: 'POST', body: '{"name":"Given"}' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-trace')).toBe('abc');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await json(response)).toEqual({ id: 9, name: 'Given' });
  });

  it('hands a reply function the request and its decoded path parameters', async () => {
    use('compare', ({ params, request }) => ({
      body: { ahead: params['base']?.length, path: new URL(request.url).pathname },
    }));
    const response = await fetch(`${BASE}/compare/f%C3%BCnf...main`);
    expect(await json(response)).toEqual({ ahead: 4, path: '/compare/f%C3%BCnf...main' });
  });

  it('decodes a path parameter whose name has a space', async () => {
    use('getPet', ({ params }) => ({ body: { id: Number(params['pet id']), name: 'by id' } }));
    expect(await json(await fetch(`${BASE}/pets/42`))).toEqual({ id: 42, name: 'by id' });
  });

  it('sends a Response from a reply function as it is, and the default for undefined', async () => {
    use('getMyPet', ({ request }) =>
      request.headers.has('x-raw') ? HttpResponse.text('raw', { status: 299 }) : undefined,
    );
    const raw = await fetch(`${BASE}/pets/mine`, { headers: { 'x-raw': '1' } });
    expect([raw.status, await raw.text()]).toEqual([299, 'raw']);
    expect((await fetch(`${BASE}/pets/mine`)).status).toBe(200);
  });
});

describe('where a mock listens', () => {
  it('answers any origin without a baseUrl', async () => {
    use('getMyPet');
    expect((await fetch('http://localhost:1234/pets/mine')).status).toBe(200);
  });

  it.each([
    ['https://api.example.test/v1/pets/mine', 200],
    ['https://api.example.test/pets/mine', undefined],
    ['https://other.example.test/v1/pets/mine', undefined],
  ])(
    'answers only under its baseUrl, whose path prefixes the operation path: %s',
    async (url, want) => {
      const baseUrl = 'https://api.example.test/v1/';
      const handler = createMockHandler(PET_SPEC, 'getMyPet', undefined, { baseUrl });
      expect((await getResponse([handler], new Request(url)))?.status).toBe(want);
    },
  );

  it('puts fixed paths before templated ones, so /pets/mine is not taken for a pet id', async () => {
    server.use(...createMockHandlers(PET_SPEC, {}, {}));
    const response = await fetch(`${BASE}/pets/mine`);
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  it('answers every operation with its override from createMockHandlers', async () => {
    server.use(...createMockHandlers(PET_SPEC, { getMyPet: { body: 'pet-001' } }, {}));
    expect(await (await fetch(`${BASE}/pets/mine`)).text()).toBe('pet-001');
  });
});

describe('a mock set up wrong', () => {
  it.each([
    [
      'an operation the spec lacks',
      () => createMockHandler(PET_SPEC, 'nope', undefined),
      'MOCK_UNKNOWN_OPERATION',
    ],
    [
      'an override the spec lacks',
      () => createMockHandlers(PET_SPEC, { nope: {} }),
      'MOCK_UNKNOWN_OPERATION',
    ],
    [
      'a prototype key',
      () => createMockHandler(PET_SPEC, 'toString', undefined),
      'MOCK_UNKNOWN_OPERATION',
    ],
    [
      'a relative baseUrl',
      () => createMockHandler(PET_SPEC, 'listPets', undefined, { baseUrl: '/api' }),
      'MOCK_INVALID_OPTIONS',
    ],
  ])('throws for %s', (_name, create, code) => {
    expect(create).toThrow(MockError);
    expect(() => create()).toThrow(expect.objectContaining({ code }));
  });
});

describe('request validation', () => {
  it('answers 400 naming the operation and each problem, and reports the request', async () => {
    const reported: InvalidRequestError[] = [];
    use('createPet', undefined, {
      validateRequests: true,
      onInvalidRequest: (error) => reported.push(error),
    });
    const response = await fetch(`${BASE}/pets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', color: 'red' }),
    });
    expect(response.status).toBe(400);
    const body = (await json(response)) as { error: string; description: string };
    expect(body.error).toBe('InvalidRequest');
    expect(body.description).toBe(
      'POST /pets breaks the spec of createPet: body must not have property "color"; body/name must NOT have fewer than 1 characters',
    );
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(InvalidRequestError);
    expect(reported[0]?.problems.map((problem) => problem.path)).toEqual(['', '/name']);
  });

  it('lets a valid request through to the reply', async () => {
    use('listPets', undefined, { validateRequests: true });
    const response = await fetch(`${BASE}/pets?limit=10&tags=a&tags=b`, { headers: HEADERS });
    expect(response.status).toBe(200);
  });

  it('checks nothing unless asked', async () => {
    use('listPets');
    expect((await fetch(`${BASE}/pets?limit=zero`)).status).toBe(200);
  });
});
