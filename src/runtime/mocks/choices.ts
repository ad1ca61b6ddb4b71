/**
 * What follows from the branch picked for a `oneOf` or `anyOf`: a discriminator's value, and
 * keeping the value to exactly one `oneOf` branch (2020-12 §10.2.1.3). Branches without a
 * discriminator often overlap: `{ type: object }` matches every object, and two error shapes
 * with only optional properties match each other's values. When a value matches another branch
 * too, the generator first tries to tell them apart (a property the other branch types, given
 * a value of another type), then picks that other branch instead.
 */
import type { Choice, FlatSchema } from './flat-schema.js';
import { flattenSchemas, isComponentRef } from './flatten-schema.js';
import { isObject, lastToken, ownValue, setOwn } from './schema-node.js';
import type { SchemaNode } from './schema-node.js';

/** The branch picked for one `oneOf`/`anyOf`, by its index in the choice's options. */
export interface Pick {
  readonly choice: Choice;
  readonly index: number;
}

/** A `oneOf` whose value matched other branches than the one picked. */
export interface Conflict {
  /** The index of the pick in the list of picks (the choice's index). */
  readonly pick: number;
  readonly others: readonly number[];
}

type Matches = (pointer: string, value: unknown) => boolean;

/** The first `oneOf` pick that `value` breaks by matching other branches too, if any. */
export function findConflict(
  value: unknown,
  picks: readonly Pick[],
  matches: Matches,
): Conflict | undefined {
  for (const [position, { choice, index }] of picks.entries()) {
    if (choice.kind !== 'oneOf') continue;
    const others = choice.options.flatMap((option, other) =>
      other !== index && option.pointer !== undefined && matches(option.pointer, value)
        ? [other]
        : [],
    );
    if (others.length > 0) return { pick: position, others };
  }
  return undefined;
}

/** Sample values by type, for a property that must not match another branch. */
const WRONG_VALUES: ReadonlyArray<readonly [string, unknown]> = [
  ['string', 'other'],
  ['boolean', false],
  ['object', {}],
  ['array', []],
  ['number', 0.5],
];

/**
 * Adds to the object `value` a property that the other branches declare with a type and the
 * picked one (merged into `flat`) leaves free, with a value of another type, so that only the
 * picked branch matches. Returns whether that worked; `value` is unchanged when not.
 */
export function separateBranches(
  value: unknown,
  flat: FlatSchema,
  pick: Pick,
  conflict: Conflict,
  document: unknown,
  matches: Matches,
): boolean {
  if (!isObject(value) || !allowsUndeclared(flat)) return false;
  const object = value as Record<string, unknown>;
  const { options } = pick.choice;
  const matchesOnlyPicked = (): boolean =>
    options.every(
      (option, index) =>
        option.pointer === undefined || matches(option.pointer, object) === (index === pick.index),
    );
  for (const other of conflict.others) {
    const branch = flattenSchemas(
      [options[other] ?? { schema: true, pointer: undefined }],
      document,
    );
    for (const [name, nodes] of branch.properties) {
      if (flat.properties.has(name) || Object.hasOwn(object, name)) continue;
      const types = flattenSchemas(nodes, document).types;
      if (types === undefined) continue;
      const wrong = WRONG_VALUES.find(([type]) => !types.has(type as never))?.[1];
      if (wrong === undefined) continue;
      setOwn(object, name, structuredClone(wrong));
      if (matchesOnlyPicked()) return true;
      delete object[name];
    }
  }
  return false;
}

function allowsUndeclared(flat: FlatSchema): boolean {
  return (
    flat.closed.length === 0 &&
    !flat.closedToEvaluated &&
    flat.additional.length === 0 &&
    flat.patternProperties.length === 0 &&
    flat.propertyNames.length === 0
  );
}

/**
 * Optional properties that another `oneOf` branch requires: leaving them out keeps the value
 * from matching that branch too.
 */
export function avoidedProperties(
  flat: FlatSchema,
  picks: readonly Pick[],
  document: unknown,
): Set<string> {
  const avoided = new Set<string>();
  for (const { choice, index } of picks) {
    if (choice.kind !== 'oneOf') continue;
    choice.options.forEach((option, other) => {
      if (other === index) return;
      for (const name of flattenSchemas([option], document).required) {
        if (!flat.required.has(name)) avoided.add(name);
      }
    });
  }
  return avoided;
}

/** Sets each discriminator's property to the value naming the schema generated. */
export function setDiscriminators(
  value: unknown,
  flat: FlatSchema,
  picks: readonly Pick[],
  document: unknown,
): void {
  if (!isObject(value)) return;
  const values = new Map<string, string>();
  for (const { choice, index } of picks) {
    const ref = refOf(choice.options[index]);
    if (choice.discriminator === undefined || ref === undefined) continue;
    const name = discriminatorValue(choice.discriminator.mapping, ref);
    if (name !== undefined) values.set(choice.discriminator.propertyName, name);
  }
  // Inheritance (a child that is `allOf` its base): the child's name, when the base has one.
  for (const discriminator of flat.discriminators) {
    if (values.has(discriminator.propertyName)) continue;
    const child = flat.names.find((name) => name !== discriminator.owner);
    const name = child === undefined ? undefined : discriminatorValue(discriminator.mapping, child);
    if (name !== undefined) values.set(discriminator.propertyName, name);
  }
  for (const [property, name] of values) {
    const nodes = flat.properties.get(property) ?? [];
    const accepts = flattenSchemas(nodes, document);
    if (accepts.consts.length > 0 || (accepts.enum !== undefined && !accepts.enum.includes(name)))
      continue;
    if (accepts.types !== undefined && !accepts.types.has('string')) continue;
    setOwn(value as Record<string, unknown>, property, name);
  }
}

function refOf(node: SchemaNode | undefined): string | undefined {
  const ref = isObject(node?.schema) ? ownValue(node.schema, '$ref') : undefined;
  return typeof ref === 'string' ? ref : undefined;
}

/** The mapping key that names `ref`, else the component's own name (OAS 3.1 §4.8.25.3). */
function discriminatorValue(mapping: ReadonlyMap<string, string>, ref: string): string | undefined {
  for (const [value, target] of mapping) if (target === ref) return value;
  return isComponentRef(ref) ? lastToken(ref) : undefined;
}
