import { beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { buildModel } from '../../src/model/index.js';
import type { ApiModel } from '../../src/model/index.js';
import { getByPointer, parsePointer } from '../../src/model/resolve-ref.js';
import { catchError, loadFixture, specWithPaths } from './load-fixture.js';

describe('parsePointer', () => {
  it.each([
    ['#', []],
    ['#/components/schemas/Thing', ['components', 'schemas', 'Thing']],
    ['#/paths/~1v2~1catalog/get', ['paths', '/v2/catalog', 'get']],
    ['#/a~0b/~01', ['a~b', '~1']],
    ['#/paths/~1users~1%7Bid%7D', ['paths', '/users/{id}']],
    ['#/100%', ['100%']],
    ['#/', ['']],
  ])('splits %s into %j', (given, want) => {
    expect(parsePointer(given)).toEqual(want);
  });

  it.each([['other.yaml#/a'], ['components/schemas/Thing'], ['']])(
    'does not read %j as an internal pointer',
    (given) => {
      expect(parsePointer(given)).toBeUndefined();
    },
  );
});

describe('getByPointer', () => {
  const document = { a: [{ b: 1 }], c: {} };

  it.each([
    ['#/a/0/b', 1],
    ['#/a/1', undefined],
    ['#/a/01', undefined],
    ['#/c/constructor', undefined],
    ['#/c/__proto__', undefined],
    ['#/a/0/b/c', undefined],
  ])('finds %s as %j', (pointer, want) => {
    expect(getByPointer(document, pointer)).toBe(want);
  });
});

describe('resolved references', () => {
  let model: ApiModel;

  beforeAll(async () => {
    model = buildModel(await loadFixture('model-refs.yaml'));
  });

  it('resolve parameters and keep the pointer of the component', () => {
    expect(model.operations[0]?.parameters.header).toMatchObject([
      { name: 'X-Broker-API-Version', pointer: '#/components/parameters/ApiVersion' },
      {
        name: 'X-Broker-API-Originating-Identity',
        pointer: '#/components/parameters/OriginatingIdentity',
      },
    ]);
  });

  it('resolve examples', () => {
    expect(model.operations[0]?.parameters.header[0]?.examples).toEqual([
      {
        name: 'latest',
        summary: 'The newest version',
        description: undefined,
        value: '2.17',
        externalValue: undefined,
        pointer: '#/components/examples/LatestVersion',
      },
    ]);
  });

  it('resolve responses, through a reference to a reference', () => {
    expect(model.operations[0]?.responses).toMatchObject([
      { status: '200', description: 'The catalog', pointer: '#/components/responses/Catalog' },
      {
        status: '412',
        description: 'The version header is missing or unsupported',
        pointer: '#/components/responses/PreconditionFailed',
      },
    ]);
  });

  it('resolve response headers', () => {
    expect(model.operations[0]?.responses[0]?.headers).toMatchObject([
      { name: 'X-Request-Id', required: true, pointer: '#/components/headers/RequestId' },
    ]);
  });

  it('resolve request bodies', () => {
    expect(model.operations[1]?.requestBody).toMatchObject({
      required: true,
      description: 'What to provision',
      pointer: '#/components/requestBodies/Provision',
      jsonSchema: { kind: 'named', name: 'ProvisionRequest' },
    });
  });

  it('resolve a percent-encoded pointer to the plain pointer of its target', () => {
    const spec = specWithPaths(
      {
        '/a': {
          get: { parameters: [{ $ref: '#/components/parameters/%7Bid%7D' }], responses: {} },
        },
      },
      { components: { parameters: { '{id}': { name: 'q', in: 'query', schema: {} } } } },
    );
    expect(buildModel(spec).operations[0]?.parameters.query[0]?.pointer).toBe(
      '#/components/parameters/{id}',
    );
  });
});

describe('references that cannot be resolved', () => {
  it('to a missing component are rejected with BG_SPEC_REF at the $ref', async () => {
    const spec = await loadFixture('model-missing-ref.yaml');
    const error = catchError(() => buildModel(spec));
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      code: 'BG_SPEC_REF',
      location: { file: spec.file, pointer: '#/paths/~1v2~1catalog/get/parameters/0/$ref' },
    });
  });

  it('in a cycle are rejected with BG_SPEC_REF', () => {
    const spec = specWithPaths(
      { '/a': { get: { parameters: [{ $ref: '#/components/parameters/a' }], responses: {} } } },
      {
        components: {
          parameters: {
            a: { $ref: '#/components/parameters/b' },
            b: { $ref: '#/components/parameters/a' },
          },
        },
      },
    );
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_SPEC_REF',
      location: { pointer: '#/components/parameters/b/$ref' },
    });
  });

  it('to another file are rejected with BG_SPEC_REF', () => {
    const spec = specWithPaths({
      '/a': { get: { parameters: [{ $ref: 'common.yaml#/Version' }], responses: {} } },
    });
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_SPEC_REF',
      location: { pointer: '#/paths/~1a/get/parameters/0/$ref' },
    });
  });
});
