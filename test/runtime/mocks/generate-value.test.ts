import Ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { generateValue } from '../../../src/runtime/mocks/generate-value.js';
import { SchemaValidator } from '../../../src/runtime/mocks/schema-validator.js';
import { CASE_NAMES, TRICKY_DOCUMENT } from './support/tricky-schemas.js';

/** An Ajv of its own, apart from the runtime's adapter, as the judge of validity. */
const ajv = new Ajv2020.default({ strict: false, allErrors: true, logger: false });
ajvFormats.default(ajv);
ajv.addSchema({ ...TRICKY_DOCUMENT, $id: 'urn:test:tricky' });

const validator = new SchemaValidator(TRICKY_DOCUMENT);
const matches = (pointer: string, value: unknown): boolean => validator.matches(pointer, value);

function generate(name: string, seed: number, withMatches = true): unknown {
  return generateValue(
    {
      schema: TRICKY_DOCUMENT.cases[name as keyof typeof TRICKY_DOCUMENT.cases],
      pointer: `#/cases/${name}`,
    },
    { document: TRICKY_DOCUMENT, seed, ...(withMatches ? { matches } : {}) },
  );
}

function errorsOf(name: string, value: unknown): string {
  const validate = ajv.getSchema(`urn:test:tricky#/cases/${name}`);
  if (validate === undefined) throw new Error(`no schema ${name}`);
  return validate(value) ? '' : `${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)}`;
}

const SEEDS = Array.from({ length: 40 }, (_, index) => index * 7919 + 1);

describe('generateValue', () => {
  it.each(CASE_NAMES)('generates values valid for %s for forty seeds', (name) => {
    const failures = SEEDS.map((seed) => errorsOf(name, generate(name, seed))).filter(Boolean);
    expect(failures).toEqual([]);
  });

  it.each(CASE_NAMES)('generates values valid for %s without a validator to consult', (name) => {
    const failures = SEEDS.map((seed) => errorsOf(name, generate(name, seed, false))).filter(
      Boolean,
    );
    // Examples are only used when a validator vouches for them; every other case needs none.
    expect(failures).toEqual([]);
  });

  it.each(CASE_NAMES)('generates the same value for %s from the same seed', (name) => {
    expect(generate(name, 42)).toEqual(generate(name, 42));
  });

  it.each([
    'allOfMerge',
    'formats',
    'numbers',
    'strings',
    'arrays',
    'recursiveTree',
    'oneOfDiscriminator',
  ])('generates different values for %s from different seeds', (name) => {
    const values = new Set(SEEDS.map((seed) => JSON.stringify(generate(name, seed))));
    expect(values.size).toBeGreaterThan(SEEDS.length / 2);
  });

  it('sets the discriminator to the mapping value of the branch it picked', () => {
    const pets = SEEDS.map(
      (seed) => generate('oneOfDiscriminator', seed) as Record<string, unknown>,
    );
    for (const pet of pets) expect(pet['petType']).toBe('lives' in pet ? 'cat' : 'dog');
    expect(new Set(pets.map((pet) => pet['petType']))).toEqual(new Set(['cat', 'dog']));
  });

  it('names a child by its mapping value when it inherits the discriminator through allOf', () => {
    expect(generate('inheritance', 3)).toMatchObject({ petType: 'cat' });
  });

  it('uses an example from the schema when the validator accepts it, and never an invalid one', () => {
    for (const seed of SEEDS) {
      const value = generate('examples', seed) as { good: string; bad: number };
      expect(value.good).toBe('from-the-spec');
      expect(value.bad).not.toBe(3);
    }
  });

  it('ends recursion: a tree stays a few levels deep', () => {
    const depthOf = (node: unknown): number => {
      const { children = [], parent } = node as { children?: unknown[]; parent?: unknown };
      return 1 + Math.max(0, ...children.map(depthOf), parent ? depthOf(parent) : 0);
    };
    for (const seed of SEEDS)
      expect(depthOf(generate('recursiveTree', seed))).toBeLessThanOrEqual(4);
  });

  it('leaves out optional writeOnly properties from responses and readOnly ones from requests', () => {
    const schema = TRICKY_DOCUMENT.cases.directions;
    const of = (direction: 'response' | 'request') =>
      SEEDS.map((seed) =>
        generateValue(
          { schema, pointer: undefined },
          { document: TRICKY_DOCUMENT, seed, direction },
        ),
      );
    expect(of('response').some((value) => 'password' in (value as object))).toBe(false);
    expect(of('response').some((value) => 'id' in (value as object))).toBe(true);
    expect(of('request').some((value) => 'id' in (value as object))).toBe(false);
    expect(of('request').some((value) => 'password' in (value as object))).toBe(true);
  });

  it('keeps arrays and objects small', () => {
    for (const seed of SEEDS) {
      expect(JSON.stringify(generate('recursiveTree', seed)).length).toBeLessThan(2_000);
      const { many } = generate('arrays', seed) as { many: unknown[] };
      expect(many).toHaveLength(5);
    }
  });
});
