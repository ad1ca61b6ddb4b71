/**
 * Values generated from a JSON Schema: valid for it, deterministic for a seed, and small (arrays
 * of one to three items, optional properties only near the top, recursion cut short).
 *
 * `allOf` is merged; `oneOf`/`anyOf` pick a branch that does not contradict the rest (the
 * cheapest one inside a recursion); a `discriminator` sets its property to the value that names
 * the picked schema; `enum` and `const` are taken from; formats, patterns and bounds are met
 * (see generate-scalar.ts). With a `matches` check, an `example` in a schema is used when it is
 * valid, and a `oneOf` branch whose value also matches another branch is picked again.
 */
import type { Choice, FlatSchema } from './flat-schema.js';
import { flattenSchemas } from './flatten-schema.js';
import { generateObject } from './generate-object.js';
import { generateNumber, generateString } from './generate-scalar.js';
import { avoidedProperties, findConflict, separateBranches, setDiscriminators } from './choices.js';
import type { Pick } from './choices.js';
import { generateArray } from './generate-array.js';
import { Random } from './random.js';
import { isObject, ownValue, resolvePointer } from './schema-node.js';
import { candidateTypes, isContradictory, typeAllows } from './schema-types.js';
import type { SchemaNode } from './schema-node.js';
import { UNSATISFIABLE } from './value-source.js';
import type { Depth, GenerateOptions, ValueSource } from './value-source.js';

export type { GenerateOptions } from './value-source.js';

/** Nesting levels that get optional properties and 1-3 array items. */
const FULL_LEVELS = 3;
/** Only a schema whose required parts recurse forever gets this deep. */
const MAX_LEVEL = 32;
/** Attempts at a value whose `oneOf` branch also matched another branch. */
const ATTEMPTS = 6;

/** A value valid for the schema at `node` (null when nothing can satisfy it). */
export function generateValue(node: SchemaNode, options: GenerateOptions): unknown {
  const value = new ValueGenerator(options).generate([node], {
    level: 0,
    lean: false,
    recursive: false,
  });
  return value === UNSATISFIABLE ? null : value;
}

/** One generation run: its random stream and the `$ref`s it is inside of. */
class ValueGenerator implements ValueSource {
  readonly options: GenerateOptions;
  readonly random: Random;
  readonly #active = new Map<string, number>();

  constructor(options: GenerateOptions) {
    this.options = options;
    this.random = new Random(options.seed);
  }

  /** A value satisfying every schema in `nodes`, or UNSATISFIABLE. */
  generate(nodes: readonly SchemaNode[], depth: Depth): unknown {
    if (depth.level > MAX_LEVEL) return UNSATISFIABLE;
    const example = this.#example(nodes);
    if (example !== undefined) return example.value;
    let value: unknown = UNSATISFIABLE;
    // A `oneOf` branch to try first, by the choice's index, after a value matched it too.
    const preferred = new Map<number, number>();
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const { flat, picks } = this.#flatten(nodes, depth.recursive, preferred);
      const recursive = depth.recursive || flat.refs.some((ref) => this.#active.has(ref));
      const here: Depth = {
        level: depth.level,
        lean: depth.lean || recursive || depth.level >= FULL_LEVELS,
        recursive,
      };
      this.#enter(flat.refs);
      try {
        value = this.#fromFlat(flat, here, picks);
      } finally {
        this.#leave(flat.refs);
      }
      if (this.#settled(value, flat, picks, preferred)) break;
    }
    return value;
  }

  /**
   * Whether `value` keeps every `oneOf` to one branch and matches no `not`; if a `oneOf` matched
   * another branch too and cannot be told apart, that branch becomes preferred for the next try.
   */
  #settled(
    value: unknown,
    flat: FlatSchema,
    picks: readonly Pick[],
    preferred: Map<number, number>,
  ): boolean {
    const { matches, document } = this.options;
    if (matches === undefined || value === UNSATISFIABLE) return true;
    if (flat.not.some((node) => node.pointer !== undefined && matches(node.pointer, value)))
      return false;
    const conflict = findConflict(value, picks, matches);
    if (conflict === undefined) return true;
    const pick = picks[conflict.pick] as Pick;
    if (separateBranches(value, flat, pick, conflict, document, matches)) return true;
    preferred.set(conflict.pick, conflict.others[0] as number);
    return false;
  }

  #example(nodes: readonly SchemaNode[]): { value: unknown } | undefined {
    const { matches, document } = this.options;
    const node = nodes.length === 1 ? nodes[0] : undefined;
    if (matches === undefined || node?.pointer === undefined) return undefined;
    let schema: unknown = node.schema;
    // Through `$ref`s, so a property referring to a component uses the component's examples.
    for (let hops = 0; hops < 8 && isObject(schema); hops += 1) {
      const examples = ownValue(schema, 'examples');
      if (Array.isArray(examples) && examples.length > 0) {
        const valid = examples.find((example: unknown) => matches(node.pointer as string, example));
        return valid === undefined ? undefined : { value: structuredClone(valid) };
      }
      const ref = ownValue(schema, '$ref');
      if (typeof ref !== 'string') return undefined;
      schema = resolvePointer(document, ref);
    }
    return undefined;
  }

  /** The merged view of `nodes` with a branch picked for every `oneOf`/`anyOf`. */
  #flatten(
    nodes: readonly SchemaNode[],
    recursive: boolean,
    preferred: ReadonlyMap<number, number>,
  ): { flat: FlatSchema; picks: Pick[] } {
    const { document } = this.options;
    const chosen: SchemaNode[] = [];
    const picks: Pick[] = [];
    let flat = flattenSchemas(nodes, document);
    for (let index = 0; index < flat.choices.length && index < 64; index += 1) {
      const choice = flat.choices[index] as Choice;
      let picked: { flat: FlatSchema; index: number } | undefined;
      const order = this.#optionOrder(choice, recursive);
      const first = preferred.get(index);
      if (first !== undefined) order.unshift(first);
      for (const option of order) {
        const trial = flattenSchemas(
          [...nodes, ...chosen, choice.options[option] as SchemaNode],
          document,
        );
        if (!isContradictory(trial)) {
          picked = { flat: trial, index: option };
          break;
        }
      }
      const pickedIndex = picked?.index ?? 0;
      chosen.push(choice.options[pickedIndex] as SchemaNode);
      picks.push({ choice, index: pickedIndex });
      flat = picked?.flat ?? flattenSchemas([...nodes, ...chosen], document);
    }
    return { flat, picks };
  }

  /** Options in the order to try them: random, or cheapest first inside a recursion. */
  #optionOrder(choice: Choice, recursive: boolean): number[] {
    const order = choice.options.map((_, index) => index);
    if (recursive)
      return order.sort((a, b) => this.#cost(choice.options[a]) - this.#cost(choice.options[b]));
    for (let index = order.length - 1; index > 0; index -= 1) {
      const other = this.random.integer(0, index);
      [order[index], order[other]] = [order[other] as number, order[index] as number];
    }
    return order;
  }

  /** How far an option is from ending a recursion: null first, a `$ref` being expanded last. */
  #cost(option: SchemaNode | undefined): number {
    const schema = option?.schema;
    if (!isObject(schema)) return 1;
    const ref = ownValue(schema, '$ref');
    if (typeof ref === 'string') return this.#active.has(ref) ? 100 : 10;
    const type = ownValue(schema, 'type');
    const types = Array.isArray(type) ? type : [type];
    if (types.includes('null')) return 0;
    return types.some((name) => name === 'object' || name === 'array' || name === undefined)
      ? 5
      : 1;
  }

  #enter(refs: readonly string[]): void {
    for (const ref of refs) this.#active.set(ref, (this.#active.get(ref) ?? 0) + 1);
  }

  #leave(refs: readonly string[]): void {
    for (const ref of refs) {
      const count = (this.#active.get(ref) ?? 1) - 1;
      if (count === 0) this.#active.delete(ref);
      else this.#active.set(ref, count);
    }
  }

  #fromFlat(flat: FlatSchema, depth: Depth, picks: readonly Pick[]): unknown {
    if (isContradictory(flat)) return UNSATISFIABLE;
    if (flat.consts.length > 0) return structuredClone(flat.consts[0]);
    if (flat.enum !== undefined) return this.#fromEnum(flat, depth);
    const types = candidateTypes(flat);
    const concrete = types.filter((type) => type !== 'null');
    if (concrete.length === 0 || (depth.recursive && types.includes('null'))) {
      return types.includes('null') ? null : UNSATISFIABLE;
    }
    const type = this.random.pick(concrete);
    switch (type) {
      case 'object': {
        const value = generateObject(
          this,
          flat,
          depth,
          avoidedProperties(flat, picks, this.options.document),
        );
        setDiscriminators(value, flat, picks, this.options.document);
        return value;
      }
      case 'array':
        return generateArray(this, flat, depth);
      case 'string':
        return generateString(flat, this.random);
      case 'integer':
      case 'number':
        return generateNumber(flat, this.random, type === 'integer');
      default:
        return this.random.chance(0.5);
    }
  }

  #fromEnum(flat: FlatSchema, depth: Depth): unknown {
    const allowed = (flat.enum ?? []).filter((value) => typeAllows(flat.types, value));
    if (allowed.length === 0) return UNSATISFIABLE;
    const concrete = allowed.filter((value) => value !== null);
    if (concrete.length === 0 || (depth.recursive && concrete.length < allowed.length)) return null;
    return structuredClone(this.random.pick(concrete));
  }
}
