import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import type { ApiModel, ModelParameter } from '../../src/model/index.js';
import { loadFixture } from './load-fixture.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

describe('the hostile-names fixture', () => {
  let model: ApiModel;

  beforeAll(async () => {
    model = buildModel(await loadFixture('hostile-names.yaml'));
  });

  it('builds, keeping every operation and schema', () => {
    expect([model.operations.length, model.schemas.length]).toEqual([17, 10]);
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

  it('gives the parameters of each operation unique identifiers', () => {
    for (const { parameters } of model.operations) {
      const all: ModelParameter[] = [
        ...parameters.path,
        ...parameters.query,
        ...parameters.header,
        ...parameters.cookie,
      ];
      const names = all.map((parameter) => parameter.identifier);
      expect(new Set(names).size).toBe(names.length);
      expect(names.filter((name) => !IDENTIFIER.test(name))).toEqual([]);
    }
  });

  it.each([
    ['*/', 'getComments'],
    ['`${process.exit(1)}`', 'processExit1'],
    ['__proto__', 'proto'],
    ['constructor', 'constructor_'],
    ['class', 'class_'],
    ['default', 'default_'],
    ['await', 'await_'],
    ['enum', 'enum_'],
    ['string', 'string'],
    ['🚀launch', 'launch'],
    ['创建', 'putUnicode'],
    ['foo-bar', 'fooBar'],
    ['foo_bar', 'fooBar2'],
    ['foo.bar', 'fooBar3'],
    ['123abc', '_123abc'],
  ])('names the operation %j %s', (operationId, methodName) => {
    const operation = model.operations.find((o) => o.operationId === operationId);
    expect(operation?.methodName).toBe(methodName);
  });

  it.each([
    ['foo-bar', 'FooBar'],
    ['foo_bar', 'FooBar2'],
    ['foo.bar', 'FooBar3'],
    ['__proto__', 'Proto'],
    ['constructor', 'Constructor'],
    ['class', 'Class'],
    ['string', 'String_'],
    ['Promise', 'Promise_'],
    ['Error', 'Error_'],
    ['123abc', '_123abc'],
  ])('names the schema %j %s', (name, typeName) => {
    expect(model.schemas.find((schema) => schema.name === name)?.typeName).toBe(typeName);
  });

  it('keeps hostile property names as written, with keys that are safe to emit', () => {
    const properties = model.schemas[0]?.properties ?? [];
    expect(properties.map((property) => [property.name, property.propertyKey])).toEqual([
      ['*/', "'*/'"],
      ['`${x}`', "'`${x}`'"],
      ["'", "'\\''"],
      ['"', `'"'`],
      ['line\nbreak', "'line\\nbreak'"],
      ['\u2028', "'\\u2028'"],
      ['__proto__', "['__proto__']"],
      ['constructor', 'constructor'],
      ['class', 'class'],
      ['123abc', "'123abc'"],
      ['😀', "'😀'"],
      ['用户名', "'用户名'"],
      ['foo-bar', "'foo-bar'"],
      ['foo_bar', 'foo_bar'],
      ['', "''"],
      ['status', 'status'],
    ]);
  });

  it('keeps hostile text unchanged for the targets to escape', () => {
    expect(model.operations[0]).toMatchObject({
      summary: "*/ console.log('pwned') /*",
      description: '@param injected\n * @returns nothing */',
    });
  });

  it('reports every rename as a BG_NAMING_RENAMED warning', () => {
    const renamed = model.warnings.filter((warning) => warning.code === 'BG_NAMING_RENAMED');
    expect(renamed.map((warning) => warning.location?.pointer)).toContain(
      '#/paths/~1punctuation/put/operationId',
    );
  });
});
