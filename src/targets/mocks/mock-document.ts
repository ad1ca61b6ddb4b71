/**
 * The document `mocks/spec.ts` holds (its shape is `MockSpec` in src/runtime/mocks/mock-spec.ts):
 * per operation, what matching, checking and answering a request needs, with schemas converted
 * (convert-schema.ts) and examples shared between responses written once.
 */
import type {
  ApiModel,
  MediaContent,
  ModelOperation,
  ModelParameter,
  ModelRequestBody,
  ModelResponse,
} from '../../model/index.js';
import { SchemaConverter } from './convert-schema.js';
import { defineValue, formatPointer, isPlainObject, parsePointer } from './json-pointer.js';

/** The status a mock answers when a test asks for none: the first success the spec declares. */
export interface DefaultStatus {
  readonly status: number;
  /** Whether a response is declared for exactly that status (not a range or `default`). */
  readonly exact: boolean;
}

/** The mock document of `model`, its operations keyed by `keys` (one per operation, in order). */
export function buildMockDocument(
  model: ApiModel,
  keys: readonly string[],
): Record<string, unknown> {
  const converter = new SchemaConverter(model);
  const examples = new Map<string, unknown>();
  const operations: Record<string, unknown> = {};
  model.operations.forEach((operation, index) => {
    defineValue(operations, keys[index] ?? '', buildOperation(operation, converter, examples));
  });
  const document: Record<string, unknown> = { operations, ...converter.sections() };
  if (examples.size > 0) {
    const components = isPlainObject(document['components']) ? document['components'] : {};
    const shared: Record<string, unknown> = {};
    for (const [name, value] of examples) defineValue(shared, name, { value });
    document['components'] = { ...components, examples: shared };
  }
  return document;
}

/** The default status of an operation (see DefaultStatus); 200 when it declares no success. */
export function defaultStatusOf(operation: ModelOperation): DefaultStatus {
  const success = operation.responses.find((response) => response.isSuccess);
  if (success !== undefined && /^[0-9]{3}$/.test(success.status)) {
    return { status: Number(success.status), exact: true };
  }
  return { status: 200, exact: operation.responses.some((response) => response.status === '200') };
}

function buildOperation(
  operation: ModelOperation,
  converter: SchemaConverter,
  examples: Map<string, unknown>,
): Record<string, unknown> {
  const { path, query, header, cookie } = operation.parameters;
  const parameters = [...path, ...query, ...header, ...cookie].map((parameter) =>
    buildParameter(parameter, converter),
  );
  const responses = operation.responses.map((response) =>
    buildResponse(response, converter, examples),
  );
  return withoutEmpty({
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    defaultStatus: defaultStatusOf(operation).status,
    parameters,
    requestBody: operation.requestBody && buildRequestBody(operation.requestBody, converter),
    responses,
  });
}

function buildParameter(
  parameter: ModelParameter,
  converter: SchemaConverter,
): Record<string, unknown> {
  const defaultStyle = parameter.in === 'path' || parameter.in === 'header' ? 'simple' : 'form';
  const json = parameter.mediaType !== undefined && isJsonMediaType(parameter.mediaType);
  return withoutEmpty({
    name: parameter.name,
    in: parameter.in,
    required: parameter.required || undefined,
    style: parameter.style === defaultStyle ? undefined : parameter.style,
    explode: parameter.explode === (parameter.style === 'form') ? undefined : parameter.explode,
    json: json || undefined,
    schema: converter.convertRef(parameter.schema),
  });
}

function buildRequestBody(
  body: ModelRequestBody,
  converter: SchemaConverter,
): Record<string, unknown> {
  return withoutEmpty({
    required: body.required || undefined,
    mediaTypes: body.content.map((content) => content.mediaType),
    jsonSchema: body.jsonSchema && converter.convertRef(body.jsonSchema),
  });
}

function buildResponse(
  response: ModelResponse,
  converter: SchemaConverter,
  examples: Map<string, unknown>,
): Record<string, unknown> {
  const content = response.jsonContent ?? response.content[0];
  return withoutEmpty({
    status: response.status,
    mediaType: content?.mediaType,
    schema: content?.schema && converter.convertRef(content.schema),
    examples: content && buildExamples(content, examples),
    headers: response.headers
      .filter((header) => header.required)
      .map((header) => ({ name: header.name, schema: converter.convertRef(header.schema) })),
  });
}

/** The media type's examples: in place, or a `$ref` to a shared one written once. */
function buildExamples(content: MediaContent, examples: Map<string, unknown>): unknown[] {
  return content.examples
    .filter((example) => example.value !== undefined)
    .map((example) => {
      const tokens = parsePointer(example.pointer);
      const [section, kind, name] = tokens ?? [];
      if (
        section !== 'components' ||
        kind !== 'examples' ||
        name === undefined ||
        tokens?.length !== 3
      ) {
        return { value: example.value };
      }
      examples.set(name, example.value);
      return { $ref: formatPointer(tokens) };
    });
}

/** `application/json` or a `+json` type, parameters ignored. */
function isJsonMediaType(mediaType: string): boolean {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json');
}

/** The object without its undefined fields and empty lists: the runtime reads those as defaults. */
function withoutEmpty(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}
