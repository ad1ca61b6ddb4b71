import { describe, expect, it } from 'vitest';
import type { CatalogService } from '../../../src/runtime/broker/index.js';
import {
  checkOperationId,
  findBindingProblems,
  findErrorFlagProblem,
} from '../../../src/runtime/broker/response-checks.js';
import { toCanonicalJson } from '../../../src/runtime/broker/idempotency.js';

const SERVICE: CatalogService = {
  id: 's',
  name: 's',
  description: 'S.',
  bindable: true,
  requires: ['syslog_drain'],
  plans: [],
};

describe('findBindingProblems', () => {
  it.each<[string, unknown, string[]]>([
    ['credentials only', { credentials: { user: 'u' } }, []],
    ['an allowed syslog drain', { syslogDrainUrl: 'syslog://x' }, []],
    [
      'a route service without route_forwarding',
      { routeServiceUrl: 'https://x' },
      ["routeServiceUrl needs 'route_forwarding' in the requires of service 's'"],
    ],
    [
      'an endpoint port that is not a port',
      { endpoints: [{ host: 'h', ports: ['http'] }] },
      ['endpoints[0].ports must be a non-empty array of ports such as "443" or "9000-9010"'],
    ],
    ['a port range', { endpoints: [{ host: 'h', ports: ['9000-9010'], protocol: 'udp' }] }, []],
    [
      'an empty host',
      { endpoints: [{ host: '', ports: ['1'] }] },
      ['endpoints[0].host must be a non-empty string'],
    ],
    [
      'an expires_at without fractional seconds',
      { metadata: { expires_at: '2030-01-01T00:00:00Z' } },
      ['metadata.expires_at must be a timestamp such as 2019-12-31T23:59:59.0Z'],
    ],
    [
      'an impossible date',
      { metadata: { expires_at: '2030-02-31T00:00:00.0Z' } },
      ['metadata.expires_at must be a timestamp such as 2019-12-31T23:59:59.0Z'],
    ],
    [
      'credentials that are not an object',
      { credentials: 'secret' },
      ['credentials must be an object'],
    ],
  ])('%s', (_, details, want) => {
    expect(findBindingProblems(details, SERVICE)).toEqual(want);
  });
});

describe('checkOperationId', () => {
  it.each<[string, unknown, string | undefined]>([
    ['absent', undefined, undefined],
    ['10,000 characters', 'x'.repeat(10_000), 'x'.repeat(10_000)],
  ])('accepts %s', (_, given, want) => {
    expect(checkOperationId(given)).toBe(want);
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['10,001 characters', 'x'.repeat(10_001)],
    ['a number', 42],
  ])('refuses %s with OSB_RUNTIME_INVALID_OUTCOME', (_, given) => {
    expect(() => checkOperationId(given)).toThrow(
      expect.objectContaining({ code: 'OSB_RUNTIME_INVALID_OUTCOME' }),
    );
  });
});

describe('findErrorFlagProblem', () => {
  it.each<[string, Parameters<typeof findErrorFlagProblem>, boolean]>([
    ['instance_usable on an update', [{ instance_usable: true }, 'update'], false],
    ['update_repeatable on an update', [{ update_repeatable: false }, 'update'], false],
    ['instance_usable on a deprovision', [{ instance_usable: false }, 'deprovision'], false],
    ['update_repeatable on a deprovision', [{ update_repeatable: true }, 'deprovision'], true],
    ['instance_usable on a provision', [{ instance_usable: true }, 'provision'], true],
    ['instance_usable on a bind', [{ instance_usable: true }, 'bind'], true],
  ])('%s', (_, args, forbidden) => {
    expect(findErrorFlagProblem(...args) !== undefined).toBe(forbidden);
  });
});

describe('toCanonicalJson', () => {
  it('gives equal text for objects that differ only in key order', () => {
    expect(toCanonicalJson({ b: 1, a: { d: [1, { f: 1, e: 2 }], c: null } })).toBe(
      toCanonicalJson({ a: { c: null, d: [1, { e: 2, f: 1 }] }, b: 1 }),
    );
  });
});
