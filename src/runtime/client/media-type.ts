/**
 * Request and response bodies by media type: JSON (`application/json` and any `+json`) as JSON
 * text, `application/x-www-form-urlencoded` and `multipart/form-data` from plain objects, and
 * any other type as the bytes or text the caller passes.
 */

/** How a success answer's body is read, from the media type the spec declares for it. */
export type BodyFormat = 'json' | 'text' | 'blob' | 'none';

/** Whether a media type is JSON: `application/json` or a `+json` suffix (RFC 6839). */
export function isJsonMediaType(mediaType: string | null | undefined): boolean {
  const essence = (mediaType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

/** A request body ready for `fetch`, and the Content-Type to send with it (undefined: fetch sets it). */
export interface EncodedBody {
  body: RequestInit['body'];
  contentType: string | undefined;
}

/** Encodes a request body for its media type. Throws nothing but JSON.stringify's TypeError (cycles, BigInt). */
export function encodeBody(mediaType: string, value: unknown): EncodedBody {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (isJsonMediaType(mediaType)) return { body: JSON.stringify(value), contentType: mediaType };
  if (isBodyInit(value)) return { body: value, contentType: mediaType };
  if (essence === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    forEachField(value, (name, item) => form.append(name, fieldText(item)));
    return { body: form, contentType: undefined };
  }
  if (essence === 'multipart/form-data') {
    const form = new FormData();
    forEachField(value, (name, item) =>
      item instanceof Blob ? form.append(name, item) : form.append(name, fieldText(item)),
    );
    // fetch writes the Content-Type itself, with the boundary it chose.
    return { body: form, contentType: undefined };
  }
  return {
    body: typeof value === 'string' ? value : JSON.stringify(value),
    contentType: mediaType,
  };
}

function isBodyInit(value: unknown): value is NonNullable<RequestInit['body']> {
  return (
    typeof value === 'string' ||
    value instanceof Blob ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    value instanceof URLSearchParams ||
    value instanceof FormData ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream)
  );
}

function forEachField(value: unknown, add: (name: string, item: unknown) => void): void {
  if (typeof value !== 'object' || value === null) return;
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue;
    if (Array.isArray(item)) item.forEach((element) => add(name, element));
    else add(name, item);
  }
}

function fieldText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * Reads a success answer's body as the spec declares it: JSON (an empty body is undefined),
 * text, a Blob, or nothing. `auto` (a status the spec gives no body for, or a success the spec
 * does not list) reads JSON when the answer says it is JSON, text otherwise, undefined when empty.
 * @throws SyntaxError when a body declared JSON does not parse.
 */
export async function readBody(response: Response, format: BodyFormat | 'auto'): Promise<unknown> {
  if (format === 'blob') return response.blob();
  if (format === 'none') {
    // Read to the end even so: a drained response lets the connection serve the next request.
    await response.arrayBuffer();
    return undefined;
  }
  const text = await response.text();
  if (format === 'text') return text;
  if (text === '') return undefined;
  if (format === 'json' || isJsonMediaType(response.headers.get('content-type'))) {
    return JSON.parse(text);
  }
  return text;
}

/**
 * Reads an error answer's body: JSON when it parses (the OSB error shape is JSON), else the
 * text, else undefined when empty. Throws nothing but the stream's own errors (an abort).
 */
export async function readErrorBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
