import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getLineColLocation, Source } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { canLocateJson, JsonPointerLocator } from '../../src/spec/locate-json-pointer.js';

/** Where Redocly, which builds a YAML syntax tree of the text, puts a pointer. */
function locateWithRedocly(text: string, pointer: string): { line: number; col: number } {
  const source = new Source('spec.json', text);
  return getLineColLocation({ source, pointer, reportOnKey: false }).start;
}

const TEXT = `{
  "openapi": "3.1.0",
  "paths": {
    "/a~b/{id}": { "get": { "operationId": "getA", "tags": ["x", "y",
      "z"] } },
    "/esc\\"aped": { "x": 1 },
    "dup": { "first": true },
    "dup": { "second": true },
    "empty": {},
    "list": [ [], [ { "deep": [ 1, 2.5, -3e2, null, false, "s" ] } ] ]
  }
}
`;

const POINTERS = [
  '#',
  '#/',
  '#/openapi',
  '#/paths',
  '#/paths/~1a~0b~1{id}/get/operationId',
  '#/paths/~1a~0b~1{id}/get/tags/2',
  '#/paths/~1a~0b~1{id}/get/tags/9',
  '#/paths/~1esc"aped/x',
  '#/paths/dup/first',
  '#/paths/dup/second',
  '#/paths/empty/nothing',
  '#/paths/list/1/0/deep/5',
  '#/paths/list/01/0/deep/2',
  '#/paths/list/x',
  '#/paths/list/-1',
  '#/openapi/below/a/scalar',
  '#/paths/%7Bnot-there%7D',
];

describe('JsonPointerLocator', () => {
  it.each(POINTERS)('puts %s where Redocly does', (pointer) => {
    expect(new JsonPointerLocator(TEXT).locate(pointer)).toEqual(locateWithRedocly(TEXT, pointer));
  });

  it('puts pointers where Redocly does in a text with CRLF line ends', () => {
    const text = TEXT.replaceAll('\n', '\r\n');
    const locator = new JsonPointerLocator(text);
    for (const pointer of POINTERS) {
      expect(locator.locate(pointer), pointer).toEqual(locateWithRedocly(text, pointer));
    }
  });

  it('refuses a text with a line feed followed by a carriage return, which Redocly counts apart', () => {
    expect(canLocateJson(TEXT)).toBe(true);
    expect(canLocateJson('{\n\r"a": 1}')).toBe(false);
  });

  it('puts pointers into the GitHub REST description where Redocly does', async () => {
    const file = join(
      import.meta.dirname,
      '../../node_modules/@octokit/openapi/generated/api.github.com.json',
    );
    const text = await readFile(file, 'utf8');
    const document = JSON.parse(text) as Record<string, Record<string, unknown>>;
    const schemas = Object.keys(document['components']?.['schemas'] ?? {});
    const paths = Object.keys(document['paths'] ?? {});
    const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
    const pointers = [
      ...schemas
        .filter((_, n) => n % 97 === 0)
        .map((name) => `#/components/schemas/${escape(name)}`),
      ...paths
        .filter((_, n) => n % 53 === 0)
        .map((path) => `#/paths/${escape(path)}/get/responses`),
    ];
    expect(pointers.length).toBeGreaterThan(20);
    const locator = new JsonPointerLocator(text);
    const source = new Source(file, text);
    for (const pointer of pointers) {
      const { start } = getLineColLocation({ source, pointer, reportOnKey: false });
      expect(locator.locate(pointer), pointer).toEqual(start);
    }
  });
});
