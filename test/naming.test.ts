import { describe, expect, it } from 'vitest';
import { NamingError } from '../src/errors.js';
import {
  NameScope,
  toFileName,
  toIdentifier,
  toMethodName,
  toPropertyKey,
  toTypeName,
} from '../src/naming.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Inputs with no ASCII letter or digit: nothing to make a name from. */
const NAMELESS = ['', '   ', '\t\n', '*/', '`${}`', '😀🚀', '用户', '---', '\u2028'];

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('toTypeName', () => {
  it.each([
    ['simple-user', 'SimpleUser'],
    ['snake_case_name', 'SnakeCaseName'],
    ['dot.case.name', 'DotCaseName'],
    ['kebab-case-name', 'KebabCaseName'],
    ['alreadyPascal', 'AlreadyPascal'],
    ['HTTPServer', 'HttpServer'],
    ['getHTTPServer', 'GetHttpServer'],
    ['userID', 'UserId'],
    ['v2Catalog', 'V2Catalog'],
    ['ServiceInstance', 'ServiceInstance'],
    ['string', 'String_'],
    ['number', 'Number_'],
    ['boolean', 'Boolean_'],
    ['symbol', 'Symbol_'],
    ['object', 'Object_'],
    ['bigint', 'Bigint'],
    ['any', 'Any'],
    ['Promise', 'Promise_'],
    ['record', 'Record_'],
    ['error', 'Error_'],
    ['Response', 'Response_'],
    ['Request', 'Request_'],
    ['URL', 'Url'],
    ['class', 'Class'],
    ['123abc', '_123abc'],
    ['__proto__', 'Proto'],
    ['constructor', 'Constructor'],
    ['café crème', 'CafeCreme'],
    ['Straße', 'Strasse'],
    ['Ångström', 'Angstrom'],
    ['用户Profile', 'Profile'],
    ['foo😀bar', 'FooBar'],
    ['${x}', 'X'],
    ['`tick`', 'Tick'],
    ['*/ end', 'End'],
    ["it's", 'ItS'],
    ['line\nbreak', 'LineBreak'],
  ])('turns %j into %s', (given, want) => {
    expect(toTypeName(given)).toBe(want);
  });
});

describe('toIdentifier and toMethodName', () => {
  it.each([
    ['repos/get-content', 'reposGetContent'],
    ['GET /users/{id}', 'getUsersId'],
    ['getHTTPServer', 'getHttpServer'],
    ['instance_id', 'instanceId'],
    ['X-Broker-API-Version', 'xBrokerApiVersion'],
    ['class', 'class_'],
    ['default', 'default_'],
    ['await', 'await_'],
    ['enum', 'enum_'],
    ['Delete', 'delete_'],
    ['eval', 'eval_'],
    ['arguments', 'arguments_'],
    ['undefined', 'undefined_'],
    ['string', 'string'],
    ['constructor', 'constructor_'],
    ['then', 'then_'],
    ['fetch', 'fetch_'],
    ['__proto__', 'proto'],
    ['123abc', '_123abc'],
    ['naïve café', 'naiveCafe'],
  ])('turns %j into %s', (given, want) => {
    expect(toIdentifier(given)).toBe(want);
    expect(toMethodName(given)).toBe(want);
  });
});

describe('toFileName', () => {
  it.each([
    ['HTTPServer', 'http-server'],
    ['SimpleUser', 'simple-user'],
    ['repos/get-content', 'repos-get-content'],
    ['dot.case', 'dot-case'],
    ['snake_case', 'snake-case'],
    ['123abc', '123abc'],
    ['con', 'con_'],
    ['class', 'class'],
    ['Ærøskøbing', 'aeroskobing'],
  ])('turns %j into %s', (given, want) => {
    expect(toFileName(given)).toBe(want);
  });
});

describe('toPropertyKey', () => {
  it.each([
    ['name', 'name'],
    ['$ref', '$ref'],
    ['_id', '_id'],
    ['class', 'class'],
    ['default', 'default'],
    ['constructor', 'constructor'],
    ['foo-bar', "'foo-bar'"],
    ['123abc', "'123abc'"],
    ['', "''"],
    [' ', "' '"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['line\nbreak', "'line\\nbreak'"],
    ['carriage\rreturn', "'carriage\\rreturn'"],
    ['\u2028\u2029', "'\\u2028\\u2029'"],
    ['nul\u0000', "'nul\\u0000'"],
    ['*/', "'*/'"],
    ['`${x}`', "'`${x}`'"],
    ['"double"', '\'"double"\''],
    ['😀', "'😀'"],
    ['用户', "'用户'"],
    ['lone\ud800', "'lone\\ud800'"],
    ['__proto__', "['__proto__']"],
  ])('turns %j into %s', (given, want) => {
    expect(toPropertyKey(given)).toBe(want);
  });

  it.each([['foo-bar'], ["it's"], ['line\nbreak'], ['\u2028'], ['lone\ud800'], ['__proto__']])(
    'quotes %j so that evaluating the key gives the name back',
    (given) => {
      const key = toPropertyKey(given);
      const object = new Function(`return { ${key}: 1 };`)() as Record<string, number>;
      expect(Object.keys(object)).toEqual([given]);
    },
  );
});

describe('names without a letter or digit', () => {
  it.each(NAMELESS.map((given) => [given]))('rejects %j with BG_NAMING_INVALID', (given) => {
    for (const convert of [toTypeName, toIdentifier, toMethodName, toFileName]) {
      const error = catchError(() => convert(given));
      expect(error).toBeInstanceOf(NamingError);
      expect(error).toMatchObject({ code: 'BG_NAMING_INVALID' });
    }
  });

  it('attaches the location the caller gives to the error', () => {
    const location = { file: 'spec.yaml', line: 3, column: 5, pointer: '#/components/schemas/*~1' };
    expect(catchError(() => toTypeName('*/', { location }))).toMatchObject({
      code: 'BG_NAMING_INVALID',
      location,
    });
  });

  it.each([
    ['用户', 'Schema', 'Schema'],
    ['😀', 'get /users', 'GetUsers'],
    ['', 'class', 'Class'],
  ])('turns %j into a name from the fallback %j', (given, fallback, want) => {
    expect(toTypeName(given, { fallback })).toBe(want);
  });
});

describe('NameScope', () => {
  it('numbers repeated names from 2 in the order they are asked for', () => {
    const scope = new NameScope();
    expect(['Foo', 'foo', 'FOO'].map((name) => scope.toTypeName(name))).toEqual([
      'Foo',
      'Foo2',
      'Foo3',
    ]);
  });

  it('tells apart names that differ only in punctuation', () => {
    const scope = new NameScope();
    expect(['foo-bar', 'foo_bar', 'foo.bar'].map((name) => scope.toIdentifier(name))).toEqual([
      'fooBar',
      'fooBar2',
      'fooBar3',
    ]);
  });

  it('records a collision with the original text and the name given', () => {
    const scope = new NameScope();
    scope.toIdentifier('foo-bar');
    scope.toIdentifier('foo_bar');
    expect(scope.renames).toEqual([
      { original: 'foo_bar', assigned: 'fooBar2', reason: 'collision' },
    ]);
  });

  it.each([
    ['class', 'class_', 'reserved'],
    ['123abc', '_123abc', 'leading-digit'],
    ['😀', 'name', 'fallback'],
  ] as const)('records %j becoming %s as a %s rename', (given, assigned, reason) => {
    const scope = new NameScope();
    expect(scope.toIdentifier(given, { fallback: 'name' })).toBe(assigned);
    expect(scope.renames).toEqual([{ original: given, assigned, reason }]);
  });

  it('records nothing when the name is only a case conversion', () => {
    const scope = new NameScope();
    scope.toTypeName('simple-user');
    scope.toMethodName('repos/get-content');
    expect(scope.renames).toEqual([]);
  });

  it('treats names that differ only in case as taken', () => {
    const scope = new NameScope();
    expect([scope.toTypeName('FooBar'), scope.toTypeName('Foobar')]).toEqual(['FooBar', 'Foobar2']);
  });

  it('separates the counter from a name that ends in a digit', () => {
    const scope = new NameScope();
    expect([scope.toIdentifier('v2'), scope.toIdentifier('V2')]).toEqual(['v2', 'v2_2']);
  });

  it('numbers file names with a hyphen', () => {
    const scope = new NameScope();
    expect([scope.toFileName('catalog'), scope.toFileName('Catalog')]).toEqual([
      'catalog',
      'catalog-2',
    ]);
  });

  it('never hands out a name it was told is reserved', () => {
    const scope = new NameScope({ reserved: ['FastifyInstance'] });
    expect(scope.toTypeName('fastify-instance')).toBe('FastifyInstance_');
    expect(scope.renames).toMatchObject([{ reason: 'reserved' }]);
  });

  it('skips a numbered name that the spec itself already used', () => {
    const scope = new NameScope();
    expect(['Foo2', 'Foo', 'Foo'].map((name) => scope.toTypeName(name))).toEqual([
      'Foo2',
      'Foo',
      'Foo3',
    ]);
  });

  it('gives the same names for the same requests in two scopes', () => {
    const names = ['a-b', 'a_b', 'class', 'Class', '123', 'x'];
    const first = new NameScope();
    const second = new NameScope();
    expect(names.map((name) => first.toIdentifier(name))).toEqual(
      names.map((name) => second.toIdentifier(name)),
    );
  });

  it('hands out valid, unique identifiers for hostile input', () => {
    const hostile = ['__proto__', 'constructor', '*/x', '`a`', '${x}', 'class', 'default'];
    const scope = new NameScope();
    const names = [...hostile, ...hostile].map((name) => scope.toIdentifier(name));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(IDENTIFIER);
  });
});
