import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import type { ApiModel, ModelResponse } from '../../src/model/index.js';
import { catchError, loadFixture, specWithPaths } from './load-fixture.js';

const OPERATION = '#/paths/~1v2~1service_instances~1{instance_id}~1last_operation/get';

describe('buildResponses', () => {
  let model: ApiModel;
  let responses: readonly ModelResponse[];

  beforeAll(async () => {
    model = buildModel(await loadFixture('model-responses.yaml'));
    responses = model.operations[0]?.responses ?? [];
  });

  it('keys responses by status as strings, leaving out extensions', () => {
    expect(responses.map((response) => response.status)).toEqual(['200', '410', '2XX', 'default']);
  });

  it.each([
    ['200', true],
    ['2XX', true],
    ['410', false],
    ['default', false],
  ])('marks %s as a success: %s', (status, want) => {
    expect(responses.find((response) => response.status === status)?.isSuccess).toBe(want);
  });

  it('lists every media type in order', () => {
    expect(responses[0]?.content.map((entry) => entry.mediaType)).toEqual([
      'text/plain',
      'application/vnd.osb.state+json',
    ]);
  });

  it('picks a +json media type as the JSON content', () => {
    expect(responses[0]).toMatchObject({
      jsonContent: { mediaType: 'application/vnd.osb.state+json' },
      jsonSchema: { kind: 'inline', schema: { type: 'object' } },
    });
  });

  it('picks application/json with parameters as the JSON content', () => {
    expect(responses[3]?.jsonContent?.mediaType).toBe('application/json; charset=utf-8');
  });

  it('reads a media type example as an unnamed example', () => {
    expect(responses[0]?.content[1]?.examples).toMatchObject([
      { name: undefined, value: { state: 'in progress' } },
    ]);
  });

  it('lists response headers with their schema', () => {
    expect(responses[0]?.headers).toEqual([
      {
        name: 'Retry-After',
        required: false,
        description: 'Seconds to wait before polling again',
        deprecated: false,
        schema: expect.objectContaining({ kind: 'inline', schema: { type: 'integer' } }),
        pointer: `${OPERATION}/responses/200/headers/Retry-After`,
      },
    ]);
  });

  it('ignores a Content-Type response header and warns at its pointer', () => {
    expect(model.warnings).toContainEqual(
      expect.objectContaining({
        code: 'BG_MODEL_UNSUPPORTED',
        location: expect.objectContaining({
          pointer: `${OPERATION}/responses/200/headers/Content-Type`,
        }),
      }),
    );
  });

  it('gives an operation without responses an empty list', () => {
    const model = buildModel(specWithPaths({ '/a': { get: {} } }));
    expect(model.operations[0]?.responses).toEqual([]);
  });

  it('rejects a response without a description with BG_SPEC_INVALID', () => {
    const spec = specWithPaths({ '/a': { get: { responses: { '200': {} } } } });
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_SPEC_INVALID',
      location: { pointer: '#/paths/~1a/get/responses/200' },
    });
  });
});
