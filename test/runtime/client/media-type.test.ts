import { describe, expect, it } from 'vitest';
import { encodeBody, isJsonMediaType, readBody } from '../../../src/runtime/client/index.js';

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['application/vnd.github+json', true],
    ['APPLICATION/JSON', true],
    ['text/plain', false],
    ['application/jsonx', false],
    [null, false],
  ])('says %j is JSON: %s', (mediaType, want) => {
    expect(isJsonMediaType(mediaType)).toBe(want);
  });
});

describe('encodeBody', () => {
  it('writes JSON media types as JSON text with their Content-Type', () => {
    expect(encodeBody('application/merge-patch+json', { a: 1 })).toEqual({
      body: '{"a":1}',
      contentType: 'application/merge-patch+json',
    });
  });

  it('writes a form from an object, repeating array fields, and lets fetch set the type', () => {
    const { body, contentType } = encodeBody('application/x-www-form-urlencoded', {
      name: 'a b',
      tag: ['x', 'y'],
      skipped: undefined,
    });
    expect(String(body)).toBe('name=a+b&tag=x&tag=y');
    expect(contentType).toBeUndefined();
  });

  it('writes multipart/form-data as FormData, keeping Blobs as files', () => {
    const file = new Blob(['hello'], { type: 'text/plain' });
    const { body, contentType } = encodeBody('multipart/form-data', { file, note: 'n' });
    expect(body).toBeInstanceOf(FormData);
    expect((body as FormData).get('note')).toBe('n');
    expect((body as FormData).get('file')).toBeInstanceOf(Blob);
    expect(contentType).toBeUndefined();
  });

  it('passes bytes and text through as they are for other media types', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(encodeBody('application/octet-stream', bytes)).toEqual({
      body: bytes,
      contentType: 'application/octet-stream',
    });
    expect(encodeBody('text/plain', 'hi').body).toBe('hi');
  });
});

describe('readBody', () => {
  it.each([
    ['json', '{"a":1}', 'text/plain', { a: 1 }],
    ['json', '', 'application/json', undefined],
    ['text', '{"a":1}', 'application/json', '{"a":1}'],
    ['auto', '{"a":1}', 'application/json', { a: 1 }],
    ['auto', 'plain', 'text/plain', 'plain'],
    ['none', 'ignored', 'text/plain', undefined],
  ] as const)('reads a %s body %j (%s) as %j', async (format, text, type, want) => {
    const response = new Response(text, { headers: { 'content-type': type } });
    expect(await readBody(response, format)).toEqual(want);
  });

  it('reads a blob body as a Blob', async () => {
    const body = await readBody(new Response('bytes'), 'blob');
    expect(body).toBeInstanceOf(Blob);
    expect(await (body as Blob).text()).toBe('bytes');
  });
});
