import Ajv2020 from 'ajv/dist/2020.js';
import type { Schema } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';

/** One example found in a dereferenced OpenAPI document, with the schema it must satisfy. */
export interface ExampleCheck {
  /** JSON pointer (URI fragment form) of the example value, e.g. `#/paths/~1v2/get/.../example`. */
  pointer: string;
  schema: unknown;
  value: unknown;
}

export interface ExampleInventory {
  /** Every example that sits next to a schema. */
  checks: ExampleCheck[];
  /** Media types of request bodies and responses that carry no example at all. */
  missing: string[];
}

/** An operation of a dereferenced document, with the pointer to it. */
export interface OperationEntry {
  pointer: string;
  operation: Record<string, unknown>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const entries = (value: unknown): [string, unknown][] =>
  isObject(value)
    ? Object.entries(value)
    : Array.isArray(value)
      ? [...value.entries()].map(([i, v]) => [String(i), v])
      : [];

const escape = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

const child = (pointer: string, ...segments: string[]): string =>
  [pointer, ...segments.map(escape)].join('/');

/** Lists the operations under `paths` (and `webhooks`, for OpenAPI 3.1). */
export function listOperations(doc: unknown): OperationEntry[] {
  const root = isObject(doc) ? doc : {};
  return ['paths', 'webhooks'].flatMap((section) =>
    entries(root[section]).flatMap(([path, item]) =>
      HTTP_METHODS.flatMap((method) => {
        const operation = isObject(item) ? item[method] : undefined;
        return isObject(operation)
          ? [{ pointer: child('#', section, path, method), operation }]
          : [];
      }),
    ),
  );
}

/** Collects `example` and `examples.*.value` of a parameter, header or media type object. */
function examplesOf(holder: Json, pointer: string, schema: unknown): ExampleCheck[] {
  const found: ExampleCheck[] = [];
  if (schema === undefined) return found;
  if ('example' in holder)
    found.push({ pointer: child(pointer, 'example'), schema, value: holder.example });
  for (const [name, example] of entries(holder.examples)) {
    if (isObject(example) && 'value' in example) {
      found.push({
        pointer: child(pointer, 'examples', name, 'value'),
        schema,
        value: example.value,
      });
    }
  }
  return found;
}

function walkContent(content: unknown, pointer: string, inventory: ExampleInventory): void {
  for (const [mediaType, media] of entries(content)) {
    if (!isObject(media)) continue;
    const at = child(pointer, mediaType);
    if (!('example' in media) && entries(media.examples).length === 0) inventory.missing.push(at);
    inventory.checks.push(...examplesOf(media, at, media.schema));
  }
}

function walkParameterLike(holder: unknown, pointer: string, inventory: ExampleInventory): void {
  if (!isObject(holder)) return;
  inventory.checks.push(...examplesOf(holder, pointer, holder.schema));
  for (const [mediaType, media] of entries(holder.content)) {
    if (isObject(media)) {
      inventory.checks.push(
        ...examplesOf(media, child(pointer, 'content', mediaType), media.schema),
      );
    }
  }
}

/**
 * Walks a bundled, dereferenced OpenAPI 3.x document: parameters (path-level and operation-level),
 * request bodies, responses and response headers. Referenced `components.examples` are covered
 * because dereferencing has put them in place.
 */
export function collectExamples(doc: unknown): ExampleInventory {
  const inventory: ExampleInventory = { checks: [], missing: [] };
  const root = isObject(doc) ? doc : {};
  for (const section of ['paths', 'webhooks']) {
    for (const [path, item] of entries(root[section])) {
      if (!isObject(item)) continue;
      for (const [i, parameter] of entries(item.parameters)) {
        walkParameterLike(parameter, child('#', section, path, 'parameters', i), inventory);
      }
    }
  }
  for (const { pointer, operation } of listOperations(doc)) {
    for (const [i, parameter] of entries(operation.parameters)) {
      walkParameterLike(parameter, child(pointer, 'parameters', i), inventory);
    }
    if (isObject(operation.requestBody)) {
      walkContent(
        operation.requestBody.content,
        child(pointer, 'requestBody', 'content'),
        inventory,
      );
    }
    for (const [status, response] of entries(operation.responses)) {
      if (!isObject(response)) continue;
      const at = child(pointer, 'responses', status);
      walkContent(response.content, child(at, 'content'), inventory);
      for (const [name, header] of entries(response.headers)) {
        walkParameterLike(header, child(at, 'headers', name), inventory);
      }
    }
  }
  return inventory;
}

/** Keywords whose value is a map of schemas, not a schema itself. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/**
 * Turns a dereferenced schema, which may be a cyclic object graph (recursive schemas), into a
 * plain JSON Schema tree: a back-edge to a schema becomes a `$ref` to where that schema first
 * appears. (Back-edges to arrays or to `properties`-like maps, which Redocly's shallow copies
 * share, are unrolled one level until they reach a schema.) For OpenAPI 3.0 input,
 * `nullable: true` is rewritten to the 2020-12 spelling.
 */
export function toJsonSchema(schema: unknown, openapi30 = false): unknown {
  const ancestors = new Map<object, string>();
  const copy = (node: unknown, ref: string, parentKey: string): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const isSchema = !Array.isArray(node) && !SCHEMA_MAPS.has(parentKey);
    const seen = ancestors.get(node);
    if (seen !== undefined && isSchema) return { $ref: `#${seen}` };
    if (seen === undefined) ancestors.set(node, ref);
    const step = (key: string, value: unknown): unknown =>
      copy(value, `${ref}/${encodeURIComponent(escape(key))}`, key);
    const result: unknown = Array.isArray(node)
      ? node.map((item, i) => step(String(i), item))
      : Object.fromEntries(Object.entries(node).map(([key, value]) => [key, step(key, value)]));
    if (seen === undefined) ancestors.delete(node);
    if (openapi30 && isObject(result) && result.nullable === true) {
      if (typeof result.type === 'string') result.type = [result.type, 'null'];
      if (Array.isArray(result.enum) && !result.enum.includes(null)) {
        result.enum = [...result.enum, null];
      }
    }
    return result;
  };
  return copy(schema, '', '');
}

/** Validates every check with ajv's JSON Schema 2020-12 build; returns `"<pointer>: <error>"`. */
export function validateExamples(checks: ExampleCheck[], openapi30 = false): string[] {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, logger: false });
  ajvFormats.default(ajv);
  return checks.flatMap(({ pointer, schema, value }) => {
    let validate;
    try {
      validate = ajv.compile(toJsonSchema(schema, openapi30) as Schema);
    } catch (error) {
      return [`${pointer}: the schema does not compile (${(error as Error).message})`];
    }
    return validate(value) ? [] : [`${pointer}: ${ajv.errorsText(validate.errors)}`];
  });
}
