import type { MockSpec } from '../../../../src/runtime/mocks/index.js';

/**
 * A mock spec written by hand, in the shape the mocks target generates: a small pet store whose
 * operations each show one thing the handlers do (examples, generated data, statuses without a
 * body, text, headers, every parameter style).
 */
export const PET_SPEC: MockSpec = {
  operations: {
    listPets: {
      operationId: 'listPets',
      method: 'GET',
      path: '/pets',
      defaultStatus: 200,
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
        {
          name: 'X-Request-Id',
          in: 'header',
          required: true,
          schema: { type: 'string', format: 'uuid' },
        },
      ],
      responses: [
        {
          status: '200',
          mediaType: 'application/json',
          schema: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
          // The first example breaks the schema (no name), so the second one is answered.
          examples: [{ value: [{ id: 1 }] }, { $ref: '#/components/examples/twoPets' }],
          headers: [{ name: 'X-Total', schema: { type: 'integer', minimum: 0 } }],
        },
        {
          status: '4XX',
          mediaType: 'application/json',
          schema: { $ref: '#/components/schemas/Error' },
        },
        {
          status: 'default',
          mediaType: 'application/json',
          schema: { $ref: '#/components/schemas/Error' },
          examples: [{ value: { code: 'unexpected', message: 'Something broke.' } }],
        },
      ],
    },
    createPet: {
      operationId: 'createPet',
      method: 'POST',
      path: '/pets',
      defaultStatus: 201,
      requestBody: {
        required: true,
        mediaTypes: ['application/json'],
        jsonSchema: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1 },
            age: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
      },
      responses: [
        {
          status: '201',
          mediaType: 'application/json',
          schema: { $ref: '#/components/schemas/Pet' },
        },
        {
          status: '409',
          mediaType: 'application/json',
          schema: { $ref: '#/components/schemas/Error' },
        },
      ],
    },
    getMyPet: {
      operationId: 'getMyPet',
      method: 'GET',
      path: '/pets/mine',
      defaultStatus: 200,
      responses: [
        {
          status: '200',
          mediaType: 'text/plain',
          schema: { type: 'string', pattern: '^pet-[0-9]{3}$' },
        },
      ],
    },
    getPet: {
      operationId: 'getPet',
      method: 'GET',
      path: '/pets/{pet id}',
      defaultStatus: 200,
      parameters: [{ name: 'pet id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: [
        {
          status: '200',
          mediaType: 'application/json',
          schema: { $ref: '#/components/schemas/Pet' },
        },
        { status: '404' },
      ],
    },
    deletePet: {
      operationId: 'deletePet',
      method: 'DELETE',
      path: '/pets/{pet id}',
      defaultStatus: 204,
      parameters: [{ name: 'pet id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: [{ status: '204' }],
    },
    compare: {
      operationId: 'compare',
      method: 'GET',
      path: '/compare/{base}...{head}',
      defaultStatus: 200,
      parameters: [
        { name: 'base', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'head', in: 'path', required: true, schema: { type: 'string' } },
      ],
      responses: [
        {
          status: '200',
          mediaType: 'application/json',
          schema: {
            type: 'object',
            required: ['ahead'],
            properties: { ahead: { type: 'integer' } },
          },
        },
      ],
    },
  },
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'integer', minimum: 1 },
          name: { type: 'string', examples: ['Rex'] },
          tag: { type: ['string', 'null'] },
          friends: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
        },
      },
      Error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
    },
    examples: {
      twoPets: {
        value: [
          { id: 1, name: 'Rex' },
          { id: 2, name: 'Tom', tag: 'cat' },
        ],
      },
    },
  },
};
