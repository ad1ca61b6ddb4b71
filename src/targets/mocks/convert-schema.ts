/**
 * Schemas of the spec in the one dialect the mocks runtime reads: JSON Schema 2020-12, plus
 * OpenAPI's `discriminator`, `readOnly` and `writeOnly`. OpenAPI 3.0 schemas are converted
 * (`nullable`, boolean `exclusiveMinimum`, `example`, `$ref` siblings ignored, OAS 3.0.3
 * §4.7.24); annotations the mocks never read (descriptions, titles, `x-` extensions, `default`)
 * are dropped to keep the generated file short. Every `$ref` is rewritten to one spelling and
 * what it points at is kept: a component schema whole, anything else at its pointer.
 */
import type { ApiModel, SchemaRef } from '../../model/index.js';
import {
  defineValue,
  formatPointer,
  isPlainObject,
  parsePointer,
  valueAt,
} from './json-pointer.js';

/** Keywords the mocks never read. `example`, `examples` and `nullable` are handled apart. */
const DROPPED = new Set([
  ...['description', 'title', '$comment', 'externalDocs', 'xml', 'deprecated', 'default'],
  ...['$schema', '$id', '$anchor', '$dynamicAnchor', '$vocabulary'],
  ...['example', 'examples', 'nullable', 'exclusiveMinimum', 'exclusiveMaximum'],
]);

/** Keywords whose value is one schema. */
const SCHEMA_VALUED = new Set([
  ...['items', 'additionalItems', 'additionalProperties', 'not', 'contains', 'propertyNames'],
  ...['if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems', 'contentSchema'],
]);

/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Keywords whose value maps names (spec text, never keywords) to schemas. */
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);

/** Keywords kept only with a value of the right JSON type, so Ajv can compile every schema. */
const TYPED_KEYWORDS: Record<string, (value: unknown) => boolean> = {
  required: (value) => Array.isArray(value) && value.every((name) => typeof name === 'string'),
  enum: Array.isArray,
  type: (value) => typeof value === 'string' || Array.isArray(value),
  pattern: (value) => typeof value === 'string',
  format: (value) => typeof value === 'string',
  ...Object.fromEntries(
    ['minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems']
      .concat(['minProperties', 'maxProperties', 'minContains', 'maxContains'])
      .map((keyword) => [keyword, (value: unknown) => typeof value === 'number']),
  ),
};

const COMPONENT_SCHEMAS = ['components', 'schemas'];

/** Converts the schemas of one spec and collects what their `$ref`s point at. */
export class SchemaConverter {
  readonly #model: ApiModel;
  readonly #openapi30: boolean;
  /** Kept targets of `$ref`s, by their pointer's tokens as JSON (a component's: up to its name). */
  readonly #kept = new Map<string, { tokens: string[]; schema: unknown }>();
  readonly #converting = new Set<object>();

  constructor(model: ApiModel) {
    this.#model = model;
    this.#openapi30 = model.openapi === '3.0';
  }

  /** A schema as the model refers to it: a component by `$ref`, an inline one converted. */
  convertRef(ref: SchemaRef): unknown {
    if (ref.kind === 'named')
      return { $ref: this.#reference(`#/components/schemas/${escapeToken(ref.name)}`) };
    return this.convert(ref.schema);
  }

  /** One schema of the spec (a boolean, or an object) converted. */
  convert(schema: unknown): unknown {
    if (typeof schema === 'boolean') return schema;
    if (!isPlainObject(schema) || this.#converting.has(schema)) return true;
    this.#converting.add(schema);
    try {
      return this.#convertObject(schema);
    } finally {
      this.#converting.delete(schema);
    }
  }

  /**
   * The sections of the mock document holding every kept schema, at its pointer:
   * `components.schemas` in the spec's order, then anything else a `$ref` named.
   */
  sections(): Record<string, unknown> {
    const root: Record<string, unknown> = {};
    const order = new Map(
      this.#model.schemas.map((schema, index) => [
        JSON.stringify([...COMPONENT_SCHEMAS, schema.name]),
        index,
      ]),
    );
    const rank = (key: string): number => order.get(key) ?? order.size;
    const keys = [...this.#kept.keys()].sort((a, b) => rank(a) - rank(b) || compare(a, b));
    const placed: string[][] = [];
    for (const key of keys) {
      const { tokens, schema } = this.#kept.get(key) as { tokens: string[]; schema: unknown };
      // A target inside one already kept is kept with it.
      if (
        placed.some(
          (outer) => outer.length < tokens.length && outer.every((token, i) => token === tokens[i]),
        )
      ) {
        continue;
      }
      placeAt(root, tokens, schema);
      placed.push(tokens);
    }
    return root;
  }

  #convertObject(schema: Record<string, unknown>): unknown {
    const ref = schema['$ref'];
    // OpenAPI 3.0 ignores everything beside a `$ref` (OAS 3.0.3 §4.7.23).
    if (this.#openapi30 && typeof ref === 'string') return { $ref: this.#reference(ref) };
    const out: Record<string, unknown> = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (DROPPED.has(keyword) || keyword.startsWith('x-')) continue;
      const valid = TYPED_KEYWORDS[keyword];
      if (valid !== undefined && !valid(value)) continue;
      defineValue(out, keyword, this.#convertKeyword(keyword, value));
    }
    this.#convertBounds(schema, out);
    const examples = [
      ...('example' in schema ? [schema['example']] : []),
      ...(!this.#openapi30 && Array.isArray(schema['examples'])
        ? (schema['examples'] as unknown[])
        : []),
    ];
    if (examples.length > 0) out['examples'] = examples;
    return this.#openapi30 && schema['nullable'] === true ? nullable(out) : out;
  }

  #convertKeyword(keyword: string, value: unknown): unknown {
    if (keyword === '$ref' && typeof value === 'string') return this.#reference(value);
    if (SCHEMA_VALUED.has(keyword)) {
      // A draft-04 tuple, `items: [...]`, is kept as a list of schemas.
      return Array.isArray(value) ? value.map((item) => this.convert(item)) : this.convert(value);
    }
    if (SCHEMA_LISTS.has(keyword))
      return Array.isArray(value) ? value.map((item) => this.convert(item)) : [];
    if (SCHEMA_MAPS.has(keyword) || keyword === 'dependencies') return this.#convertMap(value);
    if (keyword === 'discriminator') return this.#convertDiscriminator(value);
    return value;
  }

  #convertMap(map: unknown): unknown {
    if (!isPlainObject(map)) return {};
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(map)) {
      // `dependencies` (draft 7) may also hold lists of property names: kept as they are.
      defineValue(out, name, Array.isArray(value) ? value : this.convert(value));
    }
    return out;
  }

  /** `minimum` with 3.0's boolean `exclusiveMinimum: true` is 2020-12's numeric one. */
  #convertBounds(schema: Record<string, unknown>, out: Record<string, unknown>): void {
    for (const [bound, exclusive] of [
      ['minimum', 'exclusiveMinimum'],
      ['maximum', 'exclusiveMaximum'],
    ] as const) {
      const flag = schema[exclusive];
      if (typeof flag === 'number') out[exclusive] = flag;
      else if (flag === true && typeof schema[bound] === 'number') {
        out[exclusive] = schema[bound];
        delete out[bound];
      }
    }
  }

  #convertDiscriminator(value: unknown): unknown {
    if (!isPlainObject(value) || typeof value['propertyName'] !== 'string') return undefined;
    const mapping: Record<string, unknown> = {};
    if (isPlainObject(value['mapping'])) {
      for (const [name, target] of Object.entries(value['mapping'])) {
        if (typeof target !== 'string') continue;
        // A bare name stands for the component schema of that name (OAS 3.1 §4.8.25.2).
        const ref =
          target.includes('/') || target.includes('#')
            ? target
            : `#/components/schemas/${escapeToken(target)}`;
        defineValue(mapping, name, this.#reference(ref));
      }
    }
    return { propertyName: value['propertyName'], mapping };
  }

  /** The one spelling of an internal `$ref`, keeping what it points at; others as written. */
  #reference(ref: string): string {
    const tokens = parsePointer(ref);
    if (tokens === undefined) return ref;
    const isComponent = tokens.length >= 3 && tokens[0] === 'components' && tokens[1] === 'schemas';
    this.#keep(isComponent ? tokens.slice(0, 3) : tokens);
    return formatPointer(tokens);
  }

  #keep(tokens: string[]): void {
    const key = JSON.stringify(tokens);
    if (this.#kept.has(key)) return;
    const entry = { tokens, schema: undefined as unknown };
    this.#kept.set(key, entry);
    const target = valueAt(this.#model.document, tokens);
    entry.schema = target === undefined ? true : this.convert(target);
  }
}

/** OpenAPI 3.0 `nullable: true`: `null` joins the declared type, or any value may be null. */
function nullable(schema: Record<string, unknown>): unknown {
  const type = schema['type'];
  if (typeof type !== 'string') return { anyOf: [schema, { type: 'null' }] };
  schema['type'] = [type, 'null'];
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(null)) {
    schema['enum'] = [...(schema['enum'] as unknown[]), null];
  }
  return schema;
}

function escapeToken(name: string): string {
  return encodeURIComponent(name.replaceAll('~', '~0').replaceAll('/', '~1'));
}

function placeAt(root: Record<string, unknown>, tokens: readonly string[], value: unknown): void {
  let container = root;
  tokens.forEach((token, index) => {
    if (index === tokens.length - 1) {
      defineValue(container, token, value);
      return;
    }
    const next = Object.hasOwn(container, token) ? container[token] : undefined;
    if (isPlainObject(next)) container = next;
    else {
      const created: Record<string, unknown> = {};
      defineValue(container, token, created);
      container = created;
    }
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
