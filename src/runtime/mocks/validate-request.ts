/**
 * Checking a request against its operation's spec: every parameter (required ones present,
 * values valid for their schemas) and the body (present when required, of a declared media
 * type, and for JSON valid for its schema).
 */
import type { RequestProblem } from './errors.js';
import type { MockContext } from './mock-context.js';
import { operationPointer } from './mock-context.js';
import type { MockOperation } from './mock-spec.js';
import { essence, isJson, mediaTypeMatches } from './media-type.js';
import { readCookies, readParameter } from './read-parameters.js';

/** Header parameters OpenAPI ignores: they are described elsewhere (OAS 3.1 §4.8.12.1). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** The ways `request` breaks the spec of the operation under `key`; empty when it does not. */
export async function validateRequest(
  context: MockContext,
  key: string,
  operation: MockOperation,
  request: Request,
  pathParams: Readonly<Record<string, string>>,
): Promise<RequestProblem[]> {
  const url = new URL(request.url);
  const parts = {
    path: pathParams,
    query: url.searchParams,
    headers: request.headers,
    cookies: readCookies(request.headers.get('cookie')),
  };
  const parameters = operation.parameters ?? [];
  const declared = new Set(parameters.filter((p) => p.in === 'query').map((p) => p.name));
  const problems: RequestProblem[] = [];
  parameters.forEach((parameter, index) => {
    const { name } = parameter;
    if (parameter.in === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) return;
    const at = { location: parameter.in, name };
    const value = readParameter(parameter, parts, context.spec, declared);
    if (value.kind === 'absent') {
      if (parameter.required === true) problems.push({ ...at, path: '', message: 'is required' });
    } else if (value.kind === 'invalid') {
      problems.push({ ...at, path: '', message: value.message });
    } else {
      const pointer = operationPointer(key, 'parameters', index, 'schema');
      for (const problem of context.parameterValidator.problems(pointer, value.value)) {
        problems.push({ ...at, ...problem });
      }
    }
  });
  problems.push(...(await validateBody(context, key, operation, request)));
  return problems;
}

async function validateBody(
  context: MockContext,
  key: string,
  operation: MockOperation,
  request: Request,
): Promise<RequestProblem[]> {
  const body = operation.requestBody;
  const text = request.body === null ? '' : await request.clone().text();
  const at = { location: 'body', name: undefined, path: '' } as const;
  if (body === undefined) return [];
  if (text === '') return body.required === true ? [{ ...at, message: 'is required' }] : [];
  const type = essence(request.headers.get('content-type') ?? '');
  const mediaTypes = body.mediaTypes ?? [];
  if (!mediaTypes.some((declared) => mediaTypeMatches(essence(declared), type))) {
    const expected = mediaTypes.join(', ');
    return [{ ...at, message: `has content type ${JSON.stringify(type)}, not one of ${expected}` }];
  }
  if (body.jsonSchema === undefined || !isJson(type)) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [{ ...at, message: 'is not valid JSON' }];
  }
  const pointer = operationPointer(key, 'requestBody', 'jsonSchema');
  return context.validator.problems(pointer, value).map((problem) => ({ ...at, ...problem }));
}
