import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import { specWithPaths } from './load-fixture.js';

function bodyOf(requestBody: unknown) {
  const model = buildModel(specWithPaths({ '/a': { post: { requestBody, responses: {} } } }));
  return model.operations[0]?.requestBody;
}

describe('buildRequestBody', () => {
  it('gives undefined for an operation without a request body', () => {
    expect(bodyOf(undefined)).toBeUndefined();
  });

  it('treats a request body as optional unless it says required', () => {
    expect(bodyOf({ content: {} })?.required).toBe(false);
  });

  it('lists content by media type with the JSON schema picked out', () => {
    const body = bodyOf({
      required: true,
      description: 'The body',
      'x-internal': true,
      content: {
        'application/x-www-form-urlencoded': { schema: { type: 'object' } },
        'application/json': { schema: { type: 'object', required: ['a'] } },
      },
    });
    expect(body).toMatchObject({
      required: true,
      description: 'The body',
      extensions: { 'x-internal': true },
      pointer: '#/paths/~1a/post/requestBody',
      content: [
        { mediaType: 'application/x-www-form-urlencoded' },
        { mediaType: 'application/json' },
      ],
      jsonContent: { mediaType: 'application/json' },
      jsonSchema: {
        kind: 'inline',
        schema: { type: 'object', required: ['a'] },
        pointer: '#/paths/~1a/post/requestBody/content/application~1json/schema',
      },
    });
  });

  it('has no JSON schema when no media type is JSON', () => {
    const body = bodyOf({ content: { 'application/octet-stream': {} } });
    expect(body).toMatchObject({ jsonContent: undefined, jsonSchema: undefined });
  });
});
