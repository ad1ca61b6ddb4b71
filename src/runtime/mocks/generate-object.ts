/**
 * Objects (JSON Schema 2020-12 §10.3.2, §6.5): required properties always, optional ones near
 * the top of the value, `additionalProperties: false` and `patternProperties` respected,
 * `dependentRequired`, `minProperties` and `maxProperties` met, and entries for a map
 * (`additionalProperties` with a schema) named after `propertyNames`.
 */
import { flattenSchemas } from './flatten-schema.js';
import type { FlatSchema } from './flatten-schema.js';
import { generateFromPattern } from './generate-pattern.js';
import { setOwn } from './schema-node.js';
import type { SchemaNode } from './schema-node.js';
import { UNSATISFIABLE } from './value-source.js';
import type { Depth, ValueSource } from './value-source.js';

/** How often an optional property is present, where optional properties are generated. */
const OPTIONAL_CHANCE = 0.6;

const MAP_KEYS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];

/** An object for `flat`; `avoided` names optional properties to leave out. */
export function generateObject(
  generator: ValueSource,
  flat: FlatSchema,
  depth: Depth,
  avoided: ReadonlySet<string>,
): Record<string, unknown> {
  const builder = new ObjectBuilder(generator, flat, depth);
  for (const [name, nodes] of flat.properties) {
    if (flat.required.has(name)) builder.add(name, nodes);
    else if (!depth.lean && !avoided.has(name) && builder.wants(nodes)) builder.add(name, nodes);
  }
  for (const name of flat.required) builder.add(name, flat.properties.get(name) ?? []);
  for (const [name, needs] of flat.dependentRequired) {
    if (!builder.has(name)) continue;
    for (const need of needs) builder.add(need, flat.properties.get(need) ?? []);
  }
  const isMap = flat.properties.size === 0 && flat.additional.length > 0;
  const entries = isMap && !depth.lean ? generator.random.integer(1, 2) : 0;
  builder.fill(Math.max(flat.minProperties, entries));
  builder.trim(flat.maxProperties);
  return builder.object;
}

class ObjectBuilder {
  readonly object: Record<string, unknown> = {};
  readonly #generator: ValueSource;
  readonly #flat: FlatSchema;
  readonly #child: Depth;

  constructor(generator: ValueSource, flat: FlatSchema, depth: Depth) {
    this.#generator = generator;
    this.#flat = flat;
    this.#child = { ...depth, level: depth.level + 1 };
  }

  has(name: string): boolean {
    return Object.hasOwn(this.object, name);
  }

  /** Whether to include an optional property: by chance, unless it is for the other direction. */
  wants(nodes: readonly SchemaNode[]): boolean {
    if (!this.#generator.random.chance(OPTIONAL_CHANCE)) return false;
    const property = flattenSchemas(nodes, this.#generator.options.document);
    const direction = this.#generator.options.direction ?? 'response';
    return direction === 'response' ? !property.writeOnly : !property.readOnly;
  }

  /** Adds a property (if allowed and not yet there) valid for `nodes` and any pattern it matches. */
  add(name: string, nodes: readonly SchemaNode[]): void {
    if (this.has(name) || !this.#allows(name)) return;
    const declared = this.#flat.properties.has(name);
    const schemas = [
      ...nodes,
      ...this.#flat.patternProperties
        .filter(({ pattern }) => matchesPattern(pattern, name))
        .map(({ node }) => node),
    ];
    const matchedPattern = schemas.length > nodes.length;
    if (!declared && !matchedPattern) schemas.push(...this.#flat.additional);
    const value = this.#generator.generate(schemas, this.#child);
    // A property no value satisfies (`false`) is left out; a required one cannot be, so null.
    if (value !== UNSATISFIABLE) setOwn(this.object, name, value);
    else if (this.#flat.required.has(name)) setOwn(this.object, name, null);
  }

  /** Adds properties until there are `count`: optional declared ones first, then map entries. */
  fill(count: number): void {
    for (const [name, nodes] of this.#flat.properties) {
      if (Object.keys(this.object).length >= count) return;
      this.add(name, nodes);
    }
    for (
      let attempt = 0;
      Object.keys(this.object).length < count && attempt < count * 4;
      attempt += 1
    ) {
      const key = this.#newKey(attempt);
      if (key !== undefined) this.add(key, []);
    }
  }

  /** Removes optional properties, last first, until there are at most `count`. */
  trim(count: number): void {
    const optional = Object.keys(this.object).filter((name) => !this.#flat.required.has(name));
    while (Object.keys(this.object).length > count && optional.length > 0) {
      delete this.object[optional.pop() as string];
    }
  }

  #allows(name: string): boolean {
    const { closed, closedToEvaluated, properties, patternProperties } = this.#flat;
    if (
      closedToEvaluated &&
      !properties.has(name) &&
      !patternProperties.some(({ pattern }) => matchesPattern(pattern, name))
    ) {
      return false;
    }
    return closed.every(
      (rule) =>
        rule.names.has(name) || rule.patterns.some((pattern) => matchesPattern(pattern, name)),
    );
  }

  /** A key for a new entry: from `propertyNames`, a pattern property, or a plain word. */
  #newKey(attempt: number): string | undefined {
    const { propertyNames, patternProperties, closed } = this.#flat;
    const random = this.#generator.random;
    let key: unknown;
    if (propertyNames.length > 0) {
      key = this.#generator.generate(propertyNames, this.#child);
    } else if (closed.length > 0 && patternProperties.length > 0) {
      key = generateFromPattern(random.pick(patternProperties).pattern, random);
    } else {
      const word = MAP_KEYS[attempt % MAP_KEYS.length] as string;
      key = attempt < MAP_KEYS.length ? word : `${word}${attempt}`;
    }
    return typeof key === 'string' && !this.has(key) && this.#allows(key) ? key : undefined;
  }
}

function matchesPattern(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}
