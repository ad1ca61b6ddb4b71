/**
 * Merging schemas into one FlatSchema: `$ref`s followed, `allOf` parts collected, keywords
 * combined the way a value must satisfy all of them (types intersected, the tightest bound
 * kept), and `oneOf`/`anyOf` kept as choices for the generator to pick from.
 */
import { emptyFlat, SCHEMA_TYPES } from './flat-schema.js';
import type { Discriminator, FlatSchema, SchemaType } from './flat-schema.js';
import { childPointer, isObject, ownValue, resolvePointer } from './schema-node.js';
import type { SchemaNode, SchemaObject } from './schema-node.js';

export type { Choice, Discriminator, FlatSchema, ItemsRule, SchemaType } from './flat-schema.js';

/** The merged view of `nodes`, whose `$ref`s point into `document`. */
export function flattenSchemas(nodes: readonly SchemaNode[], document: unknown): FlatSchema {
  const flat = emptyFlat();
  // Each `$ref` is merged once: `allOf` is idempotent, and a cycle of `allOf`s ends.
  const followed = new Set<string>();
  for (const node of nodes) collectSchema(flat, node, document, followed);
  return flat;
}

function collectSchema(
  flat: FlatSchema,
  node: SchemaNode,
  document: unknown,
  followed: Set<string>,
): void {
  const { schema, pointer } = node;
  if (schema === true) return;
  if (!isObject(schema)) {
    flat.impossible = true;
    return;
  }
  const ref = ownValue(schema, '$ref');
  if (typeof ref === 'string' && !followed.has(ref)) {
    const target = resolvePointer(document, ref);
    flat.refs.push(ref);
    if (isComponentRef(ref)) flat.names.push(ref);
    followed.add(ref);
    if (target !== undefined) {
      collectSchema(flat, { schema: asSchema(target), pointer: ref }, document, followed);
    }
  }
  applyKeywords(flat, schema, pointer);
  const allOf = ownValue(schema, 'allOf');
  if (Array.isArray(allOf)) {
    allOf.forEach((part: unknown, index) =>
      collectSchema(
        flat,
        { schema: asSchema(part), pointer: childPointer(pointer, 'allOf', index) },
        document,
        followed,
      ),
    );
  }
  const discriminator = readDiscriminator(
    schema,
    pointer !== undefined && isComponentRef(pointer) ? pointer : undefined,
  );
  if (discriminator !== undefined) flat.discriminators.push(discriminator);
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const options = ownValue(schema, kind);
    if (!Array.isArray(options) || options.length === 0) continue;
    flat.choices.push({
      kind,
      options: options.map((option: unknown, index) => ({
        schema: asSchema(option),
        pointer: childPointer(pointer, kind, index),
      })),
      discriminator,
    });
  }
}

/** Whether a pointer names a whole component schema, `#/components/schemas/<name>`. */
export function isComponentRef(pointer: string): boolean {
  return /^#\/components\/schemas\/[^/]+$/.test(pointer);
}

function asSchema(value: unknown): SchemaNode['schema'] {
  return typeof value === 'boolean' || isObject(value) ? value : true;
}

function readDiscriminator(
  schema: SchemaObject,
  owner: string | undefined,
): Discriminator | undefined {
  const discriminator = ownValue(schema, 'discriminator');
  if (!isObject(discriminator)) return undefined;
  const propertyName = ownValue(discriminator, 'propertyName');
  if (typeof propertyName !== 'string') return undefined;
  const mapping = new Map<string, string>();
  const written = ownValue(discriminator, 'mapping');
  if (isObject(written)) {
    for (const [value, ref] of Object.entries(written)) {
      if (typeof ref === 'string') mapping.set(value, ref);
    }
  }
  return { propertyName, mapping, owner };
}

function applyKeywords(flat: FlatSchema, schema: SchemaObject, pointer: string | undefined): void {
  applyGeneric(flat, schema);
  applyObject(flat, schema, pointer);
  applyArray(flat, schema, pointer);
  applyScalar(flat, schema);
  const not = ownValue(schema, 'not');
  if (not !== undefined)
    flat.not.push({ schema: asSchema(not), pointer: childPointer(pointer, 'not') });
}

function applyGeneric(flat: FlatSchema, schema: SchemaObject): void {
  const type = ownValue(schema, 'type');
  const types = (Array.isArray(type) ? type : [type]).filter(
    (name): name is SchemaType => typeof name === 'string' && SCHEMA_TYPES.has(name),
  );
  if (type !== undefined) flat.types = intersectTypes(flat.types, types);
  const values = ownValue(schema, 'enum');
  if (Array.isArray(values)) {
    flat.enum =
      flat.enum === undefined
        ? [...values]
        : flat.enum.filter((value) => values.some((other) => sameValue(value, other)));
  }
  if (Object.hasOwn(schema, 'const')) flat.consts.push(schema['const']);
  if (ownValue(schema, 'readOnly') === true) flat.readOnly = true;
  if (ownValue(schema, 'writeOnly') === true) flat.writeOnly = true;
}

function intersectTypes(
  current: Set<SchemaType> | undefined,
  next: readonly SchemaType[],
): Set<SchemaType> {
  if (current === undefined) return new Set(next);
  const result = new Set<SchemaType>();
  for (const type of current) {
    if (next.includes(type)) result.add(type);
    // Every integer is a number (2020-12 §6.1.1), so their intersection is the integers.
    else if (type === 'integer' && next.includes('number')) result.add('integer');
    else if (type === 'number' && next.includes('integer')) result.add('integer');
  }
  return result;
}

/** Deep equality of JSON values, as `enum` and `const` compare them. */
export function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) {
    return false;
  }
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every(
    (key) =>
      Object.hasOwn(right, key) &&
      sameValue((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

function applyObject(flat: FlatSchema, schema: SchemaObject, pointer: string | undefined): void {
  const properties = ownValue(schema, 'properties');
  const names = isObject(properties) ? Object.keys(properties) : [];
  for (const name of names) {
    const node = {
      schema: asSchema(ownValue(properties as SchemaObject, name)),
      pointer: childPointer(pointer, 'properties', name),
    };
    const existing = flat.properties.get(name);
    if (existing === undefined) flat.properties.set(name, [node]);
    else existing.push(node);
  }
  const required = ownValue(schema, 'required');
  if (Array.isArray(required)) {
    for (const name of required) if (typeof name === 'string') flat.required.add(name);
  }
  const patternProperties = ownValue(schema, 'patternProperties');
  const patterns = isObject(patternProperties) ? Object.keys(patternProperties) : [];
  for (const pattern of patterns) {
    flat.patternProperties.push({
      pattern,
      node: {
        schema: asSchema(ownValue(patternProperties as SchemaObject, pattern)),
        pointer: childPointer(pointer, 'patternProperties', pattern),
      },
    });
  }
  const additional = ownValue(schema, 'additionalProperties');
  if (additional === false) flat.closed.push({ names: new Set(names), patterns });
  else if (isObject(additional)) {
    flat.additional.push({
      schema: additional,
      pointer: childPointer(pointer, 'additionalProperties'),
    });
  }
  if (ownValue(schema, 'unevaluatedProperties') === false) flat.closedToEvaluated = true;
  const propertyNames = ownValue(schema, 'propertyNames');
  if (propertyNames !== undefined) {
    flat.propertyNames.push({
      schema: asSchema(propertyNames),
      pointer: childPointer(pointer, 'propertyNames'),
    });
  }
  flat.minProperties = Math.max(flat.minProperties, readNumber(schema, 'minProperties') ?? 0);
  flat.maxProperties = Math.min(
    flat.maxProperties,
    readNumber(schema, 'maxProperties') ?? Infinity,
  );
  for (const keyword of ['dependentRequired', 'dependencies']) {
    const dependencies = ownValue(schema, keyword);
    if (!isObject(dependencies)) continue;
    for (const [name, needs] of Object.entries(dependencies)) {
      // `dependencies` (draft 7) may also hold schemas; only its arrays of names are kept.
      if (Array.isArray(needs)) {
        flat.dependentRequired.push([
          name,
          needs.filter((need): need is string => typeof need === 'string'),
        ]);
      }
    }
  }
}

function applyArray(flat: FlatSchema, schema: SchemaObject, pointer: string | undefined): void {
  const items = ownValue(schema, 'items');
  const declaredPrefix = ownValue(schema, 'prefixItems');
  // A draft-04 style `items: [...]` is a tuple, the same as 2020-12's `prefixItems`.
  const prefix = Array.isArray(declaredPrefix) ? declaredPrefix : Array.isArray(items) ? items : [];
  const prefixKeyword = Array.isArray(declaredPrefix) ? 'prefixItems' : 'items';
  prefix.forEach((item: unknown, index) => {
    const nodes = (flat.prefixItems[index] ??= []);
    nodes.push({ schema: asSchema(item), pointer: childPointer(pointer, prefixKeyword, index) });
  });
  if (items === false) flat.maxItems = Math.min(flat.maxItems, prefix.length);
  else if (isObject(items)) {
    flat.items.push({
      from: prefix.length,
      node: { schema: items, pointer: childPointer(pointer, 'items') },
    });
  }
  const contains = ownValue(schema, 'contains');
  if (contains !== undefined) {
    flat.contains.push({ schema: asSchema(contains), pointer: childPointer(pointer, 'contains') });
    flat.minContains = Math.max(flat.minContains, readNumber(schema, 'minContains') ?? 1);
  }
  flat.minItems = Math.max(flat.minItems, readNumber(schema, 'minItems') ?? 0);
  flat.maxItems = Math.min(flat.maxItems, readNumber(schema, 'maxItems') ?? Infinity);
  if (ownValue(schema, 'uniqueItems') === true) flat.uniqueItems = true;
}

function applyScalar(flat: FlatSchema, schema: SchemaObject): void {
  flat.minLength = Math.max(flat.minLength, readNumber(schema, 'minLength') ?? 0);
  flat.maxLength = Math.min(flat.maxLength, readNumber(schema, 'maxLength') ?? Infinity);
  const pattern = ownValue(schema, 'pattern');
  if (typeof pattern === 'string') flat.patterns.push(pattern);
  const format = ownValue(schema, 'format');
  if (typeof format === 'string') flat.formats.push(format);
  const minimum = readNumber(schema, 'minimum');
  const exclusiveMinimum = readNumber(schema, 'exclusiveMinimum');
  raiseMinimum(flat, minimum, false);
  raiseMinimum(flat, exclusiveMinimum, true);
  const maximum = readNumber(schema, 'maximum');
  const exclusiveMaximum = readNumber(schema, 'exclusiveMaximum');
  lowerMaximum(flat, maximum, false);
  lowerMaximum(flat, exclusiveMaximum, true);
  const multipleOf = readNumber(schema, 'multipleOf');
  if (multipleOf !== undefined && multipleOf > 0) flat.multipleOf.push(multipleOf);
}

function raiseMinimum(flat: FlatSchema, bound: number | undefined, exclusive: boolean): void {
  if (bound === undefined) return;
  if (bound > flat.minimum || (bound === flat.minimum && exclusive)) {
    flat.minimum = bound;
    flat.exclusiveMinimum = exclusive;
  }
}

function lowerMaximum(flat: FlatSchema, bound: number | undefined, exclusive: boolean): void {
  if (bound === undefined) return;
  if (bound < flat.maximum || (bound === flat.maximum && exclusive)) {
    flat.maximum = bound;
    flat.exclusiveMaximum = exclusive;
  }
}

function readNumber(schema: SchemaObject, keyword: string): number | undefined {
  const value = ownValue(schema, keyword);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
