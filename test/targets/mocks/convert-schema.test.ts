import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/index.js';
import { SchemaConverter } from '../../../src/targets/mocks/convert-schema.js';
import { toLoadedSpec } from '../../model/load-fixture.js';

function converterFor(openapi: string, extra: object = {}): SchemaConverter {
  const document = {
    openapi,
    info: { title: 'Conversions', version: '1.0.0' },
    paths: {
      '/x': {
        get: {
          responses: {
            '200': {
              description: 'A list',
              content: {
                'application/json': { schema: { type: 'array', items: { type: 'integer' } } },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        A: {
          type: 'object',
          description: 'kept whole',
          properties: { b: { $ref: '#/components/schemas/B' } },
        },
        B: { type: 'string' },
        'a b/c': { type: 'integer' },
        Unused: { type: 'boolean' },
      },
    },
    ...extra,
  };
  return new SchemaConverter(buildModel(toLoadedSpec(document)));
}

const A = { $ref: '#/components/schemas/A' };

describe('SchemaConverter on OpenAPI 3.0', () => {
  it.each([
    [
      { type: 'string', nullable: true, description: 'x', 'x-internal': 1 },
      { type: ['string', 'null'] },
    ],
    [
      { type: 'string', enum: ['a'], nullable: true },
      { type: ['string', 'null'], enum: ['a', null] },
    ],
    [{ allOf: [A], nullable: true }, { anyOf: [{ allOf: [A] }, { type: 'null' }] }],
    [
      { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 5, exclusiveMaximum: false },
      { type: 'number', exclusiveMinimum: 0, maximum: 5 },
    ],
    [{ $ref: '#/components/schemas/A', description: 'ignored', nullable: true }, A],
    [
      { type: 'string', example: 'x', default: 'y', title: 'T' },
      { type: 'string', examples: ['x'] },
    ],
    [
      { properties: { nullable: { type: 'string' }, $ref: { type: 'integer' } }, required: true },
      { properties: { nullable: { type: 'string' }, $ref: { type: 'integer' } } },
    ],
    [
      { discriminator: { propertyName: 'kind', mapping: { a: 'A', b: '#/components/schemas/B' } } },
      {
        discriminator: {
          propertyName: 'kind',
          mapping: { a: '#/components/schemas/A', b: '#/components/schemas/B' },
        },
      },
    ],
    [{ $ref: '#/components/schemas/a b~1c' }, { $ref: '#/components/schemas/a%20b~1c' }],
  ])('converts %j to %j', (given, want) => {
    expect(converterFor('3.0.3').convert(given)).toEqual(want);
  });
});

describe('SchemaConverter on OpenAPI 3.1', () => {
  it.each([
    [
      { type: ['string', 'null'], examples: ['a'], example: 'b' },
      { type: ['string', 'null'], examples: ['b', 'a'] },
    ],
    [
      { $ref: '#/components/schemas/B', maxLength: 3 },
      { $ref: '#/components/schemas/B', maxLength: 3 },
    ],
    [{ nullable: true, type: 'string' }, { type: 'string' }],
    [
      { $id: 'urn:x', $schema: 'https://json-schema.org/draft/2020-12/schema', const: 1 },
      { const: 1 },
    ],
    [
      { exclusiveMinimum: 1, prefixItems: [true, { type: 'string', deprecated: true }] },
      { exclusiveMinimum: 1, prefixItems: [true, { type: 'string' }] },
    ],
  ])('converts %j to %j', (given, want) => {
    expect(converterFor('3.1.0').convert(given)).toEqual(want);
  });

  it('keeps a property named __proto__ as a property', () => {
    const converted = converterFor('3.1.0').convert(
      JSON.parse('{"properties":{"__proto__":{"type":"string"}}}'),
    ) as {
      properties: object;
    };
    expect(Object.hasOwn(converted.properties, '__proto__')).toBe(true);
    expect(JSON.stringify(converted)).toBe('{"properties":{"__proto__":{"type":"string"}}}');
  });
});

describe('the sections of what $refs point at', () => {
  it('holds each referenced component whole, and what those refer to, in the spec order', () => {
    const converter = converterFor('3.1.0');
    converter.convert({ $ref: '#/components/schemas/a b~1c' });
    converter.convert({ $ref: '#/components/schemas/A/properties/b' });
    expect(converter.sections()).toEqual({
      components: {
        schemas: {
          A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
          B: { type: 'string' },
          'a b/c': { type: 'integer' },
        },
      },
    });
  });

  it('holds a target outside the components at its pointer', () => {
    const converter = converterFor('3.1.0');
    const ref = '#/paths/~1x/get/responses/200/content/application~1json/schema/items';
    expect(converter.convert({ $ref: ref })).toEqual({
      $ref: '#/paths/~1x/get/responses/200/content/application~1json/schema/items',
    });
    expect(converter.sections()).toEqual({
      paths: {
        '/x': {
          get: {
            responses: {
              '200': {
                content: { 'application/json': { schema: { items: { type: 'integer' } } } },
              },
            },
          },
        },
      },
    });
  });
});
