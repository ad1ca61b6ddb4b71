import { describe, expect, it } from 'vitest';
import {
  fingerprintBinding,
  fingerprintInstance,
  toCanonicalJson,
} from '../../../src/runtime/broker/idempotency.js';

// Durable stores keep fingerprints across broker versions, so the text itself is pinned here.
describe('toCanonicalJson', () => {
  it.each<[string, unknown, string]>([
    ['keys in code unit order, capitals first', { b: 1, a: 2, B: 3 }, '{"B":3,"a":2,"b":1}'],
    [
      'nested objects and objects in arrays',
      { z: [{ y: 1, x: 2 }], a: { d: null, c: true } },
      '{"a":{"c":true,"d":null},"z":[{"x":2,"y":1}]}',
    ],
    [
      'integer-like keys before the others, in numeric order',
      { b: 1, '10': 2, '9': 3, '09': 4 },
      '{"9":3,"10":2,"09":4,"b":1}',
    ],
    ['non-ASCII keys after ASCII ones', { é: 1, e: 2, z: 3 }, '{"e":2,"z":3,"é":1}'],
    ['undefined fields left out', { a: undefined, b: 1 }, '{"b":1}'],
    ['escaped strings', { 'a"b': 'line\nbreak' }, '{"a\\"b":"line\\nbreak"}'],
    [
      'more than sixteen keys',
      Object.fromEntries([...'qwertyuiopasdfghjklzx'].map((key, index) => [key, index])),
      `{${[...'adefghijklopqrstuwxyz'].map((key) => `"${key}":${'qwertyuiopasdfghjklzx'.indexOf(key)}`).join(',')}}`,
    ],
  ])('writes %s', (_name, given, want) => {
    expect(toCanonicalJson(given)).toBe(want);
  });
});

/** What toCanonicalJson's text is defined as: JSON.stringify of a copy with sorted keys. */
function sortedCopyJson(value: unknown): string {
  const sortKeys = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sortKeys);
    if (item === null || typeof item !== 'object') return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) {
      const field = (item as Record<string, unknown>)[key];
      if (field !== undefined) sorted[key] = sortKeys(field);
    }
    return sorted;
  };
  return JSON.stringify(sortKeys(value));
}

/** Deterministic JSON-like values with keys that sort in every way (integer-like, unicode). */
function randomValue(random: () => number, depth: number): unknown {
  const keys = ['a', 'B', 'z', '0', '7', '10', '09', '4294967294', '4294967295', 'é', '_', 'aa'];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const kind = depth > 3 ? pick(['string', 'number', 'null']) : pick(['object', 'array', 'string']);
  if (kind === 'object') {
    const entries = Array.from({ length: Math.floor(random() * 20) }, () => [
      pick(keys) + (random() < 0.3 ? pick(keys) : ''),
      random() < 0.1 ? undefined : randomValue(random, depth + 1),
    ]);
    return Object.fromEntries(entries);
  }
  if (kind === 'array') {
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  }
  if (kind === 'number') return pick([0, -1, 1.5, 1e21, 2 ** 53]);
  if (kind === 'null') return null;
  return pick(['', 'x', 'quote " and \\', 'line\nbreak', '\u2028', 'é']);
}

describe('toCanonicalJson, against its definition', () => {
  it('writes what JSON.stringify writes of a sorted copy, for 2,000 random values', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 2000; i += 1) {
      const value = randomValue(random, 0);
      expect(toCanonicalJson(value)).toBe(sortedCopyJson(value));
    }
  });
});

const CONTEXT = { space_guid: 's', platform: 'cloudfoundry', organization_guid: 'o' };

describe('fingerprintInstance', () => {
  it.each<[string, Parameters<typeof fingerprintInstance>[0]]>([
    ['the required fields only', { service_id: 'svc', plan_id: 'plan' }],
    [
      'every field',
      {
        service_id: 'svc',
        plan_id: 'plan',
        context: CONTEXT,
        organization_guid: 'o',
        space_guid: 's',
        parameters: { size: 3, tags: ['b', 'a'], nested: { y: 1, x: 2 } },
        maintenance_info: { version: '1.2.3' },
      },
    ],
  ])('is the canonical JSON of the attributes, for %s', (_name, body) => {
    expect(fingerprintInstance(body)).toBe(
      toCanonicalJson({
        service_id: body.service_id,
        plan_id: body.plan_id,
        context: body.context ?? null,
        organization_guid: body.organization_guid ?? null,
        space_guid: body.space_guid ?? null,
        parameters: body.parameters ?? {},
        maintenance_info: body.maintenance_info?.version ?? null,
      }),
    );
  });

  it('is the same for the same attributes in another key order', () => {
    const reordered = { organization_guid: 'o', platform: 'cloudfoundry', space_guid: 's' };
    expect(fingerprintInstance({ service_id: 'svc', plan_id: 'plan', context: CONTEXT })).toBe(
      fingerprintInstance({ plan_id: 'plan', context: reordered, service_id: 'svc' }),
    );
  });
});

describe('fingerprintBinding', () => {
  it.each<[string, Parameters<typeof fingerprintBinding>[0]]>([
    ['the required fields only', { service_id: 'svc', plan_id: 'plan' }],
    [
      'every field',
      {
        service_id: 'svc',
        plan_id: 'plan',
        context: CONTEXT,
        app_guid: 'app',
        bind_resource: { route: 'r', app_guid: 'app' },
        parameters: { b: 1, a: [2, 1] },
        predecessor_binding_id: 'b-0',
      },
    ],
  ])('is the canonical JSON of the attributes, for %s', (_name, body) => {
    expect(fingerprintBinding(body)).toBe(
      toCanonicalJson({
        service_id: body.service_id,
        plan_id: body.plan_id,
        context: body.context ?? null,
        app_guid: body.app_guid ?? null,
        bind_resource: body.bind_resource ?? null,
        parameters: body.parameters ?? {},
        predecessor_binding_id: body.predecessor_binding_id ?? null,
      }),
    );
  });
});
