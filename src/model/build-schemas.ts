/**
 * Schemas (OAS 3.0.3 §4.7.24 Schema Object; 3.1 uses JSON Schema 2020-12).
 *
 * Schemas stay as the spec wrote them, without copying. A `$ref` to `#/components/schemas/X`
 * becomes a NamedSchemaRef and is never expanded, so recursive schemas are legal and cheap.
 * Beside each schema the model lists its direct properties, which carry the OSB facts.
 */
import { appendPointer } from '../errors.js';
import { toPropertyKey } from '../naming.js';
import type { BuildContext } from './build-context.js';
import { assignName, createModelError } from './build-context.js';
import type { JsonSchema, ModelSchema, SchemaProperty, SchemaRef } from './model.js';
import { readOsbFacts } from './read-osb-facts.js';
import { getRef, resolvePointer } from './resolve-ref.js';
import { getField, isSpecObject, readBoolean, readObject } from './spec-object.js';
import { readString, readStringArray } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

const COMPONENT_SCHEMAS = '#/components/schemas';

/** Keywords that may sit beside a 3.1 `$ref` without making the schema more than a reference. */
const ANNOTATIONS = new Set(['$ref', 'description', 'summary', 'title', 'deprecated', '$comment']);

/**
 * Gives every component schema a unique PascalCase type name, in document order. Runs before
 * anything else reads schemas, so a reference can name its target's type.
 * @throws ModelError BG_SPEC_INVALID when `components.schemas` is not an object.
 */
export function assignSchemaTypeNames(ctx: BuildContext, components: SpecObject | undefined): void {
  const schemas = getComponentSchemas(ctx, components);
  const scope = ctx.schemaTypeNameScope;
  for (const name of Object.keys(schemas)) {
    const pointer = appendPointer(COMPONENT_SCHEMAS, name);
    const typeName = assignName(ctx, scope, pointer, (s) =>
      s.toTypeName(name, { fallback: 'Schema' }),
    );
    ctx.schemaTypeNames.set(name, typeName);
  }
}

/**
 * The component schemas, with the type names assignSchemaTypeNames gave them.
 * @throws ModelError BG_SPEC_INVALID, BG_SPEC_REF, BG_MODEL_UNSUPPORTED from their properties.
 */
export function buildSchemas(ctx: BuildContext, components: SpecObject | undefined): ModelSchema[] {
  const schemas = getComponentSchemas(ctx, components);
  return Object.entries(schemas).map(([name, schema]) => {
    const pointer = appendPointer(COMPONENT_SCHEMAS, name);
    return {
      name,
      typeName: ctx.schemaTypeNames.get(name) ?? name,
      pointer,
      schema: toJsonSchema(ctx, schema, pointer),
      properties: buildProperties(ctx, schema, pointer),
    };
  });
}

function getComponentSchemas(ctx: BuildContext, components: SpecObject | undefined): SpecObject {
  return (components && readObject(ctx, components, 'schemas', '#/components')) ?? {};
}

/**
 * A schema as used by a parameter, body, header or property: a NamedSchemaRef for a reference
 * to a component schema, else the schema in place.
 * @throws ModelError BG_SPEC_REF for a reference to nothing or a cycle of references,
 *   BG_SPEC_INVALID when the value is not a schema.
 */
export function buildSchemaRef(ctx: BuildContext, value: unknown, pointer: string): SchemaRef {
  let schema = value;
  let schemaPointer = pointer;
  const seen = new Set<string>();
  let ref = getRef(schema);
  while (ref !== undefined && isReferenceOnly(ctx, schema)) {
    const target = resolvePointer(ctx, ref, schemaPointer);
    const [section, kind, name, ...rest] = target.tokens;
    if (section === 'components' && kind === 'schemas' && name !== undefined && !rest.length) {
      const typeName = ctx.schemaTypeNames.get(name);
      if (typeName !== undefined) return { kind: 'named', name, typeName, pointer: target.pointer };
    }
    // A reference into another schema: follow it to what it names, watching for cycles.
    if (seen.has(ref)) {
      throw createModelError(
        ctx,
        'BG_SPEC_REF',
        appendPointer(schemaPointer, '$ref'),
        `${ref} is part of a cycle of references that never reaches a schema`,
      );
    }
    seen.add(ref);
    schema = target.value;
    schemaPointer = target.pointer;
    ref = getRef(schema);
  }
  return {
    kind: 'inline',
    schema: toJsonSchema(ctx, schema, schemaPointer),
    pointer: schemaPointer,
    properties: buildProperties(ctx, schema, schemaPointer),
  };
}

/**
 * Whether a schema holding `$ref` is only a reference: always in 3.0, where siblings of `$ref`
 * are ignored (§4.7.23), and in 3.1 when its other keywords are annotations.
 */
function isReferenceOnly(ctx: BuildContext, schema: unknown): boolean {
  if (ctx.spec.version === '3.0' || !isSpecObject(schema)) return true;
  return Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key.startsWith('x-'));
}

function toJsonSchema(ctx: BuildContext, value: unknown, pointer: string): JsonSchema {
  if (isSpecObject(value)) return value;
  // Boolean schemas exist only in JSON Schema (3.1); targets get their object form.
  if (typeof value === 'boolean' && ctx.spec.version === '3.1') return value ? {} : { not: {} };
  throw createModelError(
    ctx,
    'BG_SPEC_INVALID',
    pointer,
    'A schema is expected here',
    'Write a Schema Object, or a $ref to one.',
  );
}

/**
 * The direct `properties` of a schema object. An inline property schema lists its own
 * properties in turn; one that is already being walked higher up (reached again through a
 * reference into a schema, or a YAML alias) lists none, so the walk always ends.
 */
function buildProperties(ctx: BuildContext, schema: unknown, pointer: string): SchemaProperty[] {
  if (!isSpecObject(schema) || ctx.inlineSchemasInProgress.has(schema)) return [];
  const properties = readObject(ctx, schema, 'properties', pointer);
  if (properties === undefined) return [];
  ctx.inlineSchemasInProgress.add(schema);
  try {
    const required = new Set(readStringArray(ctx, schema, 'required', pointer));
    const propertiesPointer = appendPointer(pointer, 'properties');
    return Object.keys(properties).map((name) =>
      buildProperty(ctx, name, getField(properties, name), propertiesPointer, required),
    );
  } finally {
    ctx.inlineSchemasInProgress.delete(schema);
  }
}

function buildProperty(
  ctx: BuildContext,
  name: string,
  value: unknown,
  propertiesPointer: string,
  required: ReadonlySet<string>,
): SchemaProperty {
  const pointer = appendPointer(propertiesPointer, name);
  const schema = buildSchemaRef(ctx, value, pointer);
  // Facts and annotations are read where the property is written, beside any `$ref`.
  const object = isSpecObject(value) ? value : {};
  return {
    name,
    propertyKey: toPropertyKey(name),
    required: required.has(name),
    description: readString(ctx, object, 'description', pointer),
    deprecated: readBoolean(ctx, object, 'deprecated', pointer) ?? false,
    schema,
    pointer,
    ...readOsbFacts(ctx, object, pointer),
  };
}
