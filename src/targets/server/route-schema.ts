import type { JsonSchema, ModelOperation, ModelParameter, SchemaRef } from '../../model/index.js';
import { componentsSchemaId, toFastifySchema } from './fastify-schema.js';
import type { SchemaUse } from './fastify-schema.js';
import type { RouteParameter } from './route-url.js';

/** The `schema` option of one Fastify route: validation of the request, serialization of replies. */
export interface RouteSchema {
  params?: unknown;
  querystring?: unknown;
  headers?: unknown;
  body?: unknown;
  response?: Record<string, unknown>;
}

/**
 * Builds the Fastify route schema of an operation from the model. Header names are lower-cased,
 * as Node hands them to Fastify; path parameters use their route names.
 */
export function buildRouteSchema(
  operation: ModelOperation,
  routeParameters: readonly RouteParameter[],
): RouteSchema {
  const schema: RouteSchema = {};
  const { path, query, header } = operation.parameters;
  if (path.length > 0) {
    const routeName = (name: string) =>
      routeParameters.find((p) => p.name === name)?.routeName ?? name;
    schema.params = objectSchema(path, routeName);
  }
  if (query.length > 0) schema.querystring = objectSchema(query, (name) => name);
  if (header.length > 0) schema.headers = objectSchema(header, (name) => name.toLowerCase());
  const body = operation.requestBody?.jsonSchema;
  if (body !== undefined) schema.body = schemaOf(body, 'request');
  const response: Record<string, unknown> = {};
  for (const reply of operation.responses) {
    if (reply.jsonSchema === undefined) continue;
    response[reply.status.toLowerCase()] = schemaOf(reply.jsonSchema, 'reply');
  }
  if (Object.keys(response).length > 0) schema.response = response;
  return schema;
}

function objectSchema(
  parameters: readonly ModelParameter[],
  keyOf: (name: string) => string,
): unknown {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const parameter of parameters) {
    const key = keyOf(parameter.name);
    Object.defineProperty(properties, key, {
      value: schemaOf(parameter.schema, 'request'),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    if (parameter.required) required.push(key);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function schemaOf(ref: SchemaRef, use: SchemaUse): unknown {
  if (ref.kind === 'named') return { $ref: componentRef(ref.name, use) };
  return toFastifySchema(ref.schema as JsonSchema, use);
}

/** A `$ref` to a named schema: a JSON pointer token (RFC 6901), URI-encoded as a fragment. */
export function componentRef(name: string, use: SchemaUse): string {
  const token = name.replaceAll('~', '~0').replaceAll('/', '~1');
  return `${componentsSchemaId(use)}#/definitions/${encodeURIComponent(token)}`;
}
