/**
 * The merged view of a set of schemas that generation reads: what all of them ask of a value
 * together. flatten-schema.ts builds it.
 */
import type { SchemaNode } from './schema-node.js';

/** The JSON Schema instance types (2020-12 §6.1.1). */
export type SchemaType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

export const SCHEMA_TYPES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'object',
  'array',
  'number',
  'integer',
  'string',
]);

/** OpenAPI's Discriminator Object (OAS 3.1 §4.8.25): the property that names the schema used. */
export interface Discriminator {
  readonly propertyName: string;
  /** Discriminator values and the `$ref` each one names. */
  readonly mapping: ReadonlyMap<string, string>;
  /** The `$ref` of the schema declaring it, when it is a component (its own name is no value). */
  readonly owner: string | undefined;
}

/** A `oneOf` or `anyOf` whose branch is picked while generating. */
export interface Choice {
  readonly kind: 'oneOf' | 'anyOf';
  readonly options: readonly SchemaNode[];
  readonly discriminator: Discriminator | undefined;
}

/** `items` from the position where it starts to apply (after the schema's `prefixItems`). */
export interface ItemsRule {
  readonly from: number;
  readonly node: SchemaNode;
}

/**
 * Everything a set of schemas requires together: `allOf` merged and `$ref`s followed, so one
 * value generated from it satisfies all of them. `oneOf`/`anyOf` are kept as choices, collected
 * into the same view once a branch is picked.
 */
export interface FlatSchema {
  impossible: boolean;
  /** The types allowed by every schema; undefined when none restricts the type. */
  types: Set<SchemaType> | undefined;
  enum: unknown[] | undefined;
  consts: unknown[];
  properties: Map<string, SchemaNode[]>;
  required: Set<string>;
  /** For each schema with `additionalProperties: false`, the property names it allows. */
  closed: Array<{ names: ReadonlySet<string>; patterns: readonly string[] }>;
  /** `unevaluatedProperties: false`: only declared properties. */
  closedToEvaluated: boolean;
  additional: SchemaNode[];
  patternProperties: Array<{ pattern: string; node: SchemaNode }>;
  propertyNames: SchemaNode[];
  minProperties: number;
  maxProperties: number;
  dependentRequired: Array<readonly [string, readonly string[]]>;
  prefixItems: SchemaNode[][];
  items: ItemsRule[];
  contains: SchemaNode[];
  minContains: number;
  minItems: number;
  maxItems: number;
  uniqueItems: boolean;
  minLength: number;
  maxLength: number;
  patterns: string[];
  formats: string[];
  minimum: number;
  exclusiveMinimum: boolean;
  maximum: number;
  exclusiveMaximum: boolean;
  multipleOf: number[];
  choices: Choice[];
  not: SchemaNode[];
  discriminators: Discriminator[];
  /** `$ref`s to component schemas merged in, outermost first: discriminator values. */
  names: string[];
  /** Every `$ref` followed, for telling recursion. */
  refs: string[];
  readOnly: boolean;
  writeOnly: boolean;
}

/** A FlatSchema that constrains nothing yet. */
export function emptyFlat(): FlatSchema {
  return {
    impossible: false,
    types: undefined,
    enum: undefined,
    consts: [],
    properties: new Map(),
    required: new Set(),
    closed: [],
    closedToEvaluated: false,
    additional: [],
    patternProperties: [],
    propertyNames: [],
    minProperties: 0,
    maxProperties: Infinity,
    dependentRequired: [],
    prefixItems: [],
    items: [],
    contains: [],
    minContains: 1,
    minItems: 0,
    maxItems: Infinity,
    uniqueItems: false,
    minLength: 0,
    maxLength: Infinity,
    patterns: [],
    formats: [],
    minimum: -Infinity,
    exclusiveMinimum: false,
    maximum: Infinity,
    exclusiveMaximum: false,
    multipleOf: [],
    choices: [],
    not: [],
    discriminators: [],
    names: [],
    refs: [],
    readOnly: false,
    writeOnly: false,
  };
}
