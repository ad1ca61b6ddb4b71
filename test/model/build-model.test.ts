import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import type { ApiModel } from '../../src/model/index.js';
import type { OpenApiDocument } from '../../src/spec/spec-document.js';
import { catchError, loadFixture, specWithPaths, toLoadedSpec } from './load-fixture.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

describe('buildModel', () => {
  it('reads title, API version and OpenAPI version', async () => {
    const model = buildModel(await loadFixture('model-vendor-extensions.yaml'));
    expect(model).toMatchObject({
      title: 'OSB vendor extensions',
      version: '2.17.0',
      openapi: '3.1',
    });
  });

  it('gives an empty model for a spec without paths or components', () => {
    expect(buildModel(specWithPaths({}))).toMatchObject({
      operations: [],
      schemas: [],
      warnings: [],
    });
  });

  it('does not change the document', async () => {
    const spec = await loadFixture('model-refs.yaml');
    const before = JSON.stringify(spec.document);
    buildModel(spec);
    expect(JSON.stringify(spec.document)).toBe(before);
  });

  it('locates warnings through the spec', async () => {
    const spec = await loadFixture('model-missing-operation-ids.yaml');
    const model = buildModel({
      ...spec,
      locate: (pointer) => ({ file: 'located.yaml', line: 7, pointer }),
    });
    expect(model.warnings[0]?.location).toEqual({
      file: 'located.yaml',
      line: 7,
      pointer: '#/paths/~1v2~1catalog/get',
    });
  });

  it('rejects a spec without info.title with BG_SPEC_INVALID', () => {
    const spec = toLoadedSpec({ openapi: '3.1.0', info: { version: '1' }, paths: {} });
    expect(catchError(() => buildModel(spec))).toMatchObject({
      code: 'BG_SPEC_INVALID',
      location: { pointer: '#/info' },
    });
  });
});

describe('the GitHub REST description', () => {
  let model: ApiModel;

  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    const document = JSON.parse(await readFile(file, 'utf8')) as OpenApiDocument;
    model = buildModel(toLoadedSpec(document, file));
  });

  it('has more than 900 operations', () => {
    expect(model.operations.length).toBeGreaterThan(900);
  });

  it('gives every operation a unique method name that is a valid identifier', () => {
    const names = model.operations.map((operation) => operation.methodName);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !IDENTIFIER.test(name))).toEqual([]);
  });

  it('gives every schema a unique type name that is a valid identifier', () => {
    const names = model.schemas.map((schema) => schema.typeName);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !IDENTIFIER.test(name))).toEqual([]);
  });
});
