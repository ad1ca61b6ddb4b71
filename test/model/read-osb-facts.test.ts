import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import type { ApiModel } from '../../src/model/index.js';
import { catchError, loadFixture, specWithPaths } from './load-fixture.js';

describe('OSB facts', () => {
  let model: ApiModel;

  beforeAll(async () => {
    model = buildModel(await loadFixture('model-vendor-extensions.yaml'));
  });

  function getOperation(operationId: string) {
    return model.operations.find((operation) => operation.operationId === operationId);
  }

  it('read the versions and profiles of the root', () => {
    expect([model.osbVersions, model.osbProfiles]).toEqual([
      ['2.14', '2.15', '2.16', '2.17'],
      ['cloudfoundry', 'kubernetes'],
    ]);
  });

  it('read since, profiles and async of an operation', () => {
    expect(getOperation('provision')).toMatchObject({
      since: '2.12',
      profiles: ['cloudfoundry'],
      async: true,
    });
  });

  it('are undefined on an operation that declares none', () => {
    expect(getOperation('fetchInstance')).toMatchObject({
      since: undefined,
      profiles: undefined,
      async: undefined,
    });
  });

  it('read since of a parameter, keeping its other extensions', () => {
    expect(getOperation('provision')?.parameters.header[0]).toMatchObject({
      since: '2.15',
      extensions: { 'x-osb-since': '2.15', 'x-trace': true },
    });
  });

  it('keep every x- key of an operation as an extension', () => {
    expect(Object.keys(getOperation('provision')?.extensions ?? {})).toEqual([
      'x-osb-since',
      'x-osb-async',
      'x-osb-profiles',
      'x-rate-limit',
    ]);
  });

  it('read since of a property, written beside a $ref', () => {
    const properties = model.schemas[0]?.properties ?? [];
    expect(properties.map((property) => [property.name, property.since])).toEqual([
      ['service_id', undefined],
      ['maintenance_info', '2.15'],
      ['context', '2.12'],
    ]);
  });

  it('read facts of a nested inline property', () => {
    const context = model.schemas[0]?.properties[2];
    expect(context?.profiles).toEqual(['cloudfoundry', 'kubernetes']);
    expect(context?.schema).toMatchObject({
      kind: 'inline',
      properties: [{ name: 'platform', since: '2.13' }],
    });
  });

  it('are undefined for a generic spec', () => {
    const model = buildModel(specWithPaths({ '/a': { get: { responses: {} } } }));
    expect([model.osbVersions, model.osbProfiles, model.operations[0]?.since]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('unreadable OSB facts are rejected with BG_MODEL_UNSUPPORTED', () => {
  it.each([
    ['an unquoted version', { 'x-osb-since': 2.1 }, '#/paths/~1a/get/x-osb-since'],
    ['a version with a patch number', { 'x-osb-since': '2.14.1' }, '#/paths/~1a/get/x-osb-since'],
    [
      'a profiles value that is not a list',
      { 'x-osb-profiles': 'cf' },
      '#/paths/~1a/get/x-osb-profiles',
    ],
    [
      'an async value that is not a boolean',
      { 'x-osb-async': 'yes' },
      '#/paths/~1a/get/x-osb-async',
    ],
  ])('for %s', (_, extensions, pointer) => {
    const spec = specWithPaths({ '/a': { get: { ...extensions, responses: {} } } });
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_MODEL_UNSUPPORTED',
      location: { pointer },
    });
  });

  it('for root versions that are numbers', () => {
    const spec = specWithPaths({}, { 'x-osb-versions': ['2.14', 2.15] });
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_MODEL_UNSUPPORTED',
      location: { pointer: '#/x-osb-versions/1' },
    });
  });
});
