import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { buildModel } from '../../src/model/index.js';
import { catchError, loadFixture, specWithPaths } from './load-fixture.js';

const noResponses = { responses: {} };

describe('buildOperations', () => {
  it('lists operations by path, then get, put, post, delete, options, head, patch, trace', () => {
    const methods = ['trace', 'patch', 'head', 'options', 'delete', 'post', 'put', 'get'];
    const model = buildModel(
      specWithPaths({
        '/b': Object.fromEntries(methods.map((method) => [method, noResponses])),
        '/a': { get: noResponses },
      }),
    );
    expect(model.operations.map((operation) => `${operation.method} ${operation.path}`)).toEqual([
      ...[...methods].reverse().map((method) => `${method} /b`),
      'get /a',
    ]);
  });

  it('gives each operation the JSON pointer of its Operation Object', async () => {
    const model = buildModel(await loadFixture('model-refs.yaml'));
    expect(model.operations.map((operation) => operation.pointer)).toEqual([
      '#/paths/~1v2~1catalog/get',
      '#/paths/~1v2~1service_instances~1{instance_id}/put',
    ]);
  });

  it('reads summary, description, tags and deprecated', () => {
    const model = buildModel(
      specWithPaths({
        '/a': {
          get: {
            summary: 'S',
            description: 'D',
            tags: ['t1', 't2'],
            deprecated: true,
            ...noResponses,
          },
        },
      }),
    );
    expect(model.operations[0]).toMatchObject({
      summary: 'S',
      description: 'D',
      tags: ['t1', 't2'],
      deprecated: true,
    });
  });

  it('makes a camelCase method name from each operationId', () => {
    const model = buildModel(
      specWithPaths({
        '/a': { get: { operationId: 'repos/get-content', ...noResponses } },
        '/b': { get: { operationId: 'GET /users/{id}', ...noResponses } },
      }),
    );
    expect(model.operations.map((operation) => operation.methodName)).toEqual([
      'reposGetContent',
      'getUsersId',
    ]);
  });

  it('numbers method names that collide and warns at the second operationId', () => {
    const model = buildModel(
      specWithPaths({
        '/a': { get: { operationId: 'get-thing', ...noResponses } },
        '/b': { get: { operationId: 'get_thing', ...noResponses } },
      }),
    );
    expect(model.operations.map((operation) => operation.methodName)).toEqual([
      'getThing',
      'getThing2',
    ]);
    expect(model.warnings).toEqual([
      expect.objectContaining({
        code: 'BG_NAMING_RENAMED',
        location: expect.objectContaining({ pointer: '#/paths/~1b/get/operationId' }),
      }),
    ]);
  });

  it('names an operation whose operationId has no letter after its method and path', () => {
    const model = buildModel(
      specWithPaths({ '/users/{id}': { get: { operationId: '😀', ...idParameter() } } }),
    );
    expect(model.operations[0]).toMatchObject({ operationId: '😀', methodName: 'getUsersById' });
  });
});

describe('operations without an operationId', () => {
  it.each([
    ['get /v2/catalog', 'getV2Catalog2'],
    ['put /v2/service_instances/{instance_id}', 'putV2ServiceInstancesByInstanceId'],
    [
      'get /v2/service_instances/{instance_id}/last_operation',
      'getV2ServiceInstancesByInstanceIdLastOperation',
    ],
  ])('%s is given the operationId %s', async (operation, want) => {
    const model = buildModel(await loadFixture('model-missing-operation-ids.yaml'));
    const found = model.operations.find((o) => `${o.method} ${o.path}` === operation);
    expect(found).toMatchObject({
      operationId: want,
      operationIdSynthesised: true,
      methodName: want,
    });
  });

  it('keeps a declared operationId and marks it as not synthesised', async () => {
    const model = buildModel(await loadFixture('model-missing-operation-ids.yaml'));
    const found = model.operations.find((o) => o.method === 'delete');
    expect(found).toMatchObject({ operationId: 'getV2Catalog', operationIdSynthesised: false });
  });

  it('warns with BG_MODEL_MISSING_OPERATION_ID at each such operation', async () => {
    const model = buildModel(await loadFixture('model-missing-operation-ids.yaml'));
    expect(
      model.warnings
        .filter((warning) => warning.code === 'BG_MODEL_MISSING_OPERATION_ID')
        .map((warning) => warning.location?.pointer),
    ).toEqual([
      '#/paths/~1v2~1catalog/get',
      '#/paths/~1v2~1service_instances~1{instance_id}/put',
      '#/paths/~1v2~1service_instances~1{instance_id}~1last_operation/get',
    ]);
  });
});

describe('duplicate operationIds', () => {
  it('are rejected with BG_MODEL_DUPLICATE_OPERATION_ID at the second one', async () => {
    const spec = await loadFixture('model-duplicate-operation-ids.yaml');
    const error = catchError(() => buildModel(spec));
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      code: 'BG_MODEL_DUPLICATE_OPERATION_ID',
      location: {
        file: spec.file,
        pointer: '#/paths/~1v2~1service_instances~1{instance_id}/patch/operationId',
      },
    });
  });

  it('name the first one in the hint', async () => {
    const spec = await loadFixture('model-duplicate-operation-ids.yaml');
    expect((catchError(() => buildModel(spec)) as ModelError).hint).toContain(
      '#/paths/~1v2~1service_instances~1{instance_id}/put/operationId',
    );
  });
});

function idParameter() {
  return {
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    ...noResponses,
  };
}
