import { beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { buildModel } from '../../src/model/index.js';
import type { ApiModel, ModelSchema } from '../../src/model/index.js';
import { catchError, loadFixture, specWithPaths, toLoadedSpec } from './load-fixture.js';

function getSchema(model: ApiModel, name: string): ModelSchema | undefined {
  return model.schemas.find((schema) => schema.name === name);
}

describe('recursive schemas', () => {
  let model: ApiModel;

  beforeAll(async () => {
    model = buildModel(await loadFixture('model-recursive-schemas.yaml'));
  });

  it('keeps a self-reference as a named reference', () => {
    expect(getSchema(model, 'TreeNode')?.properties.map((property) => property.schema)).toEqual([
      expect.objectContaining({
        kind: 'inline',
        pointer: '#/components/schemas/TreeNode/properties/children',
      }),
      {
        kind: 'named',
        name: 'TreeNode',
        typeName: 'TreeNode',
        pointer: '#/components/schemas/TreeNode',
      },
    ]);
  });

  it('keeps mutual references as named references', () => {
    expect(getSchema(model, 'Person')?.properties[0]?.schema).toMatchObject({
      kind: 'named',
      name: 'Company',
    });
  });

  it('keeps the schema object of the document, not a copy', async () => {
    const spec = await loadFixture('model-recursive-schemas.yaml');
    const components = spec.document['components'] as { schemas: Record<string, unknown> };
    expect(getSchema(buildModel(spec), 'TreeNode')?.schema).toBe(components.schemas['TreeNode']);
  });

  it('follows a reference into a schema that leads back to itself, and stops', () => {
    const body = model.operations[1]?.requestBody?.jsonSchema;
    expect(body).toMatchObject({
      kind: 'inline',
      pointer: '#/components/schemas/Branch/properties/children',
      properties: [
        {
          name: 'next',
          schema: {
            kind: 'inline',
            pointer: '#/components/schemas/Branch/properties/children',
            properties: [],
          },
        },
      ],
    });
  });

  it('refers to the response schema by name', () => {
    expect(model.operations[0]?.responses[0]?.jsonSchema).toMatchObject({
      kind: 'named',
      name: 'TreeNode',
    });
  });
});

describe('schema type names', () => {
  it('are unique PascalCase names, renames reported as BG_NAMING_RENAMED', () => {
    const model = buildModel(
      toLoadedSpec({
        openapi: '3.1.0',
        info: { title: 'T', version: '1' },
        paths: {},
        components: {
          schemas: { 'simple-user': {}, simple_user: {}, string: {}, Error: {} },
        },
      }),
    );
    expect(model.schemas.map((schema) => schema.typeName)).toEqual([
      'SimpleUser',
      'SimpleUser2',
      'String_',
      'Error_',
    ]);
    expect(model.warnings.map((warning) => [warning.code, warning.location?.pointer])).toEqual([
      ['BG_NAMING_RENAMED', '#/components/schemas/simple_user'],
      ['BG_NAMING_RENAMED', '#/components/schemas/string'],
      ['BG_NAMING_RENAMED', '#/components/schemas/Error'],
    ]);
  });

  it('are carried by every reference to the schema', () => {
    const model = buildModel(
      specWithPaths(
        {
          '/a': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': { schema: { $ref: '#/components/schemas/string' } },
                  },
                },
              },
            },
          },
        },
        { components: { schemas: { string: { type: 'string' } } } },
      ),
    );
    expect(model.operations[0]?.responses[0]?.jsonSchema).toEqual({
      kind: 'named',
      name: 'string',
      typeName: 'String_',
      pointer: '#/components/schemas/string',
    });
  });
});

describe('schema properties', () => {
  it('list name, property key, required and description in order', () => {
    const model = buildModel(
      toLoadedSpec({
        openapi: '3.1.0',
        info: { title: 'T', version: '1' },
        paths: {},
        components: {
          schemas: {
            Thing: {
              type: 'object',
              required: ['id'],
              properties: {
                id: { type: 'string', description: 'The id' },
                'display-name': { type: 'string', deprecated: true },
              },
            },
          },
        },
      }),
    );
    expect(model.schemas[0]?.properties).toMatchObject([
      { name: 'id', propertyKey: 'id', required: true, description: 'The id', deprecated: false },
      { name: 'display-name', propertyKey: "'display-name'", required: false, deprecated: true },
    ]);
  });
});

describe('schema references', () => {
  const withSchema = (schema: unknown, openapi = '3.1.0') =>
    toLoadedSpec({
      openapi,
      info: { title: 'T', version: '1' },
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema } } },
            responses: {},
          },
        },
      },
      components: { schemas: { Thing: { type: 'object' } } },
    });

  it.each([
    ['a bare $ref', { $ref: '#/components/schemas/Thing' }, '3.1.0', 'named'],
    [
      'a $ref with a description',
      { $ref: '#/components/schemas/Thing', description: 'd' },
      '3.1.0',
      'named',
    ],
    [
      'a $ref with a keyword in 3.1',
      { $ref: '#/components/schemas/Thing', type: 'object' },
      '3.1.0',
      'inline',
    ],
    [
      'a $ref with a keyword in 3.0',
      { $ref: '#/components/schemas/Thing', nullable: true },
      '3.0.3',
      'named',
    ],
    ['a boolean schema in 3.1', true, '3.1.0', 'inline'],
  ])('%s is %s', (_, schema, openapi, kind) => {
    const model = buildModel(withSchema(schema, openapi));
    expect(model.operations[0]?.requestBody?.jsonSchema?.kind).toBe(kind);
  });

  it.each([
    [true, {}],
    [false, { not: {} }],
  ])('a boolean schema %s in 3.1 is given as %j', (schema, want) => {
    const model = buildModel(withSchema(schema));
    expect(model.operations[0]?.requestBody?.jsonSchema).toMatchObject({ schema: want });
  });

  it('to a missing component schema is rejected with BG_SPEC_REF at the $ref', () => {
    const error = catchError(() =>
      buildModel(withSchema({ $ref: '#/components/schemas/Nothing' })),
    );
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      code: 'BG_SPEC_REF',
      location: {
        pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema/$ref',
      },
    });
  });

  it('that only lead to each other are rejected with BG_SPEC_REF', () => {
    const spec = toLoadedSpec({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/a': {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/x-loop/a' } } },
            },
            responses: {},
          },
        },
      },
      'x-loop': { a: { $ref: '#/x-loop/b' }, b: { $ref: '#/x-loop/a' } },
    });
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_SPEC_REF',
      location: { pointer: '#/x-loop/b/$ref' },
    });
  });

  it('a boolean schema in 3.0 is rejected with BG_SPEC_INVALID', () => {
    expect(catchError(() => buildModel(withSchema(true, '3.0.3')))).toMatchObject({
      code: 'BG_SPEC_INVALID',
      location: { pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema' },
    });
  });
});
