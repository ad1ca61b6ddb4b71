/** Which JSON types a merged schema allows (JSON Schema 2020-12 §6.1.1). */
import type { FlatSchema, SchemaType } from './flat-schema.js';
import { isObject, ownValue } from './schema-node.js';

/** Whether no value can satisfy `flat` (contradicting types, enums or consts). */
export function isContradictory(flat: FlatSchema): boolean {
  return (
    flat.impossible ||
    flat.types?.size === 0 ||
    flat.enum?.length === 0 ||
    flat.consts.some((value) => JSON.stringify(value) !== JSON.stringify(flat.consts[0]))
  );
}

/** The types a value may take: declared, or read off the keywords present, less `not`'s. */
export function candidateTypes(flat: FlatSchema): SchemaType[] {
  const excluded = new Set(
    flat.not.flatMap(({ schema }) => {
      if (!isObject(schema) || Object.keys(schema).length !== 1) return [];
      const type = ownValue(schema, 'type');
      return typeof type === 'string' ? [type] : [];
    }),
  );
  const declared = flat.types === undefined ? inferTypes(flat) : [...flat.types];
  return declared.filter((type) => !excluded.has(type));
}

function inferTypes(flat: FlatSchema): SchemaType[] {
  if (flat.properties.size > 0 || flat.required.size > 0 || flat.additional.length > 0)
    return ['object'];
  if (flat.items.length > 0 || flat.prefixItems.length > 0 || flat.minItems > 0) return ['array'];
  if (flat.formats.some((format) => format === 'int32' || format === 'int64')) return ['integer'];
  if (
    Number.isFinite(flat.minimum) ||
    Number.isFinite(flat.maximum) ||
    flat.multipleOf.length > 0
  ) {
    return ['number'];
  }
  return ['string'];
}

/** Whether `value` is of one of `types` (any type when undefined). */
export function typeAllows(types: ReadonlySet<SchemaType> | undefined, value: unknown): boolean {
  if (types === undefined) return true;
  if (value === null) return types.has('null');
  if (Array.isArray(value)) return types.has('array');
  if (typeof value === 'number')
    return types.has('number') || (types.has('integer') && Number.isInteger(value));
  return types.has(typeof value as SchemaType);
}
