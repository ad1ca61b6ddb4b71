import { beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { buildModel } from '../../src/model/index.js';
import type { ModelOperation, ModelParameter } from '../../src/model/index.js';
import { catchError, loadFixture, specWithPaths } from './load-fixture.js';

const BIND_POINTER =
  '#/paths/~1v2~1service_instances~1{instance_id}~1service_bindings~1{binding_id}';

describe('buildParameters', () => {
  let bind: ModelOperation;
  let all: ModelParameter[];
  let warnings: ReturnType<typeof buildModel>['warnings'];

  beforeAll(async () => {
    const model = buildModel(await loadFixture('model-parameters.yaml'));
    bind = model.operations[0] as ModelOperation;
    const { path, query, header, cookie } = bind.parameters;
    all = [...path, ...query, ...header, ...cookie];
    warnings = model.warnings;
  });

  function byName(name: string): ModelParameter | undefined {
    return all.find((parameter) => parameter.name === name);
  }

  it('groups parameters by location, path-level ones first', () => {
    const names = (list: readonly ModelParameter[]) => list.map((parameter) => parameter.name);
    expect({
      path: names(bind.parameters.path),
      query: names(bind.parameters.query),
      header: names(bind.parameters.header),
      cookie: names(bind.parameters.cookie),
    }).toEqual({
      path: ['instance_id', 'binding_id'],
      query: ['accepts_incomplete', 'tags', 'filter', 'selector'],
      header: ['x-broker-api-version'],
      cookie: ['session'],
    });
  });

  it('lets the operation override a path-level parameter with the same name and location', () => {
    expect(byName('accepts_incomplete')).toMatchObject({
      description: 'Overridden by the operation',
      required: true,
      pointer: `${BIND_POINTER}/put/parameters/0`,
    });
  });

  it('compares header parameter names without regard to case', () => {
    expect(bind.parameters.header).toHaveLength(1);
    expect(bind.parameters.header[0]).toMatchObject({
      name: 'x-broker-api-version',
      required: false,
    });
  });

  it('marks path parameters required', () => {
    expect(bind.parameters.path.map((parameter) => parameter.required)).toEqual([true, true]);
  });

  it('keeps the pointer of a path-level parameter where it is declared', () => {
    expect(byName('binding_id')?.pointer).toBe(`${BIND_POINTER}/parameters/0`);
  });

  it.each([
    ['instance_id', 'simple', false],
    ['accepts_incomplete', 'form', true],
    ['tags', 'pipeDelimited', false],
    ['filter', 'form', false],
    ['x-broker-api-version', 'simple', false],
    ['session', 'form', true],
  ])('gives %s the style %s and explode %s', (name, style, explode) => {
    expect(byName(name)).toMatchObject({ style, explode });
  });

  it('takes the schema and media type of a parameter described with content', () => {
    expect(byName('selector')).toMatchObject({
      mediaType: 'application/json',
      schema: { kind: 'inline', schema: { type: 'object' } },
    });
  });

  it('gives every parameter a camelCase identifier', () => {
    expect(all.map((parameter) => parameter.identifier)).toEqual([
      'instanceId',
      'bindingId',
      'acceptsIncomplete',
      'tags',
      'filter',
      'selector',
      'xBrokerApiVersion',
      'session',
    ]);
  });

  it('ignores an Accept header parameter and warns at its pointer', () => {
    expect(byName('Accept')).toBeUndefined();
    expect(warnings).toContainEqual(
      expect.objectContaining({
        code: 'BG_MODEL_UNSUPPORTED',
        severity: 'warning',
        location: expect.objectContaining({ pointer: `${BIND_POINTER}/put/parameters/6` }),
      }),
    );
  });

  it('numbers the identifiers of parameters whose names collide', () => {
    const model = buildModel(
      specWithPaths({
        '/things/{id}': {
          get: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'id', in: 'query', schema: { type: 'string' } },
            ],
            responses: {},
          },
        },
      }),
    );
    const { path, query } = model.operations[0]?.parameters ?? { path: [], query: [] };
    expect([...path, ...query].map((parameter) => parameter.identifier)).toEqual(['id', 'id2']);
  });
});

describe('buildParameters rejects', () => {
  const stringSchema = { type: 'string' };

  it.each([
    [
      'a template expression without a path parameter',
      { '/things/{id}': { get: { responses: {} } } },
      '#/paths/~1things~1{id}/get',
    ],
    [
      'a path parameter that is not in the template',
      {
        '/things': {
          get: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: stringSchema }],
            responses: {},
          },
        },
      },
      '#/paths/~1things/get/parameters/0',
    ],
    [
      'a parameter declared twice in one list',
      {
        '/things': {
          get: {
            parameters: [
              { name: 'q', in: 'query', schema: stringSchema },
              { name: 'q', in: 'query', schema: stringSchema },
            ],
            responses: {},
          },
        },
      },
      '#/paths/~1things/get/parameters/1',
    ],
    [
      'a parameter with neither schema nor content',
      { '/things': { get: { parameters: [{ name: 'q', in: 'query' }], responses: {} } } },
      '#/paths/~1things/get/parameters/0',
    ],
    [
      'a parameter in an unknown location',
      {
        '/things': {
          get: { parameters: [{ name: 'q', in: 'body', schema: stringSchema }], responses: {} },
        },
      },
      '#/paths/~1things/get/parameters/0/in',
    ],
    [
      'a parameter with a style OpenAPI does not define',
      {
        '/things': {
          get: {
            parameters: [{ name: 'q', in: 'query', style: 'csv', schema: stringSchema }],
            responses: {},
          },
        },
      },
      '#/paths/~1things/get/parameters/0/style',
    ],
  ])('%s with BG_SPEC_INVALID at its pointer', (_, paths, pointer) => {
    const error = catchError(() => buildModel(specWithPaths(paths)));
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'BG_SPEC_INVALID', location: { pointer } });
  });
});
