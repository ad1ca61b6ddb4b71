import { describe, expect, expectTypeOf, it } from 'vitest';
import { createBrokerHandlers, MemoryStore } from '../../../src/runtime/broker/index.js';
import type {
  BrokerCatalog,
  BrokerHandlersOptions,
  BrokerServices,
  JsonObject,
  ProvisionInput,
} from '../../../src/runtime/broker/index.js';
import { CATALOG, createServices } from './support/fixtures.js';

const NOT_BINDABLE: BrokerCatalog = {
  services: [
    {
      id: 's',
      name: 's',
      description: 'S.',
      bindable: false,
      plans: [{ id: 'p', name: 'p', description: 'P.' }],
    },
  ],
};

describe('createBrokerHandlers options', () => {
  it.each<[string, Partial<BrokerHandlersOptions>]>([
    ['a catalog without services', { catalog: {} as BrokerCatalog }],
    ['services without provision', { services: { deprovision: async () => undefined } as never }],
    ['services without deprovision', { services: { provision: async () => ({}) } as never }],
    [
      'a bindable catalog without bind',
      {
        catalog: CATALOG,
        services: { provision: async () => ({}), deprovision: async () => undefined },
      },
    ],
    [
      'bind without unbind',
      {
        services: {
          provision: async () => ({}),
          deprovision: async () => undefined,
          bind: async () => ({}),
        },
      },
    ],
    ['a lease of 0 seconds', { leaseSeconds: 0 }],
    ['a negative Retry-After', { retryAfterSeconds: -1 }],
  ])('refuses %s with OSB_RUNTIME_INVALID_OPTIONS', (_, options) => {
    expect(() =>
      createBrokerHandlers({
        catalog: NOT_BINDABLE,
        store: new MemoryStore(),
        services: createServices(),
        recoverOperations: false,
        ...options,
      }),
    ).toThrow(expect.objectContaining({ code: 'OSB_RUNTIME_INVALID_OPTIONS' }));
  });

  it('refuses a catalog that breaks the catalog rules with OSB_RUNTIME_INVALID_CATALOG', () => {
    const plan = { id: 'p', name: 'p', description: 'P.' };
    const duplicated: BrokerCatalog = {
      services: [{ ...NOT_BINDABLE.services[0]!, plans: [plan, { ...plan, name: 'q' }] }],
    };
    expect(() =>
      createBrokerHandlers({
        catalog: duplicated,
        store: new MemoryStore(),
        services: createServices(),
        recoverOperations: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'OSB_RUNTIME_INVALID_CATALOG' }));
  });

  it('returns the twelve handler methods of the curated specification', async () => {
    const handlers = createBrokerHandlers({
      catalog: CATALOG,
      store: new MemoryStore(),
      services: createServices(),
      recoverOperations: false,
    });
    expect(
      [
        'getCatalog',
        'provisionServiceInstance',
        'updateServiceInstance',
        'deprovisionServiceInstance',
        'fetchServiceInstance',
        'pollServiceInstanceLastOperation',
        'createServiceBinding',
        'deleteServiceBinding',
        'fetchServiceBinding',
        'pollServiceBindingLastOperation',
        'getServiceInstanceState',
        'updateServiceInstanceState',
      ].every(
        (name) => typeof (handlers as unknown as Record<string, unknown>)[name] === 'function',
      ),
    ).toBe(true);
    await handlers.close();
  });
});

describe('typed plan parameters', () => {
  type Plans = {
    small: { provision: { size: number }; bind: { role: 'reader' | 'writer' } };
    large: { provision: { size: number; replicas: number } };
  };

  it('narrows provision parameters by plan ID', () => {
    expectTypeOf<
      Extract<ProvisionInput<Plans>, { planId: 'large' }>['parameters']
    >().toEqualTypeOf<{
      size: number;
      replicas: number;
    }>();
  });

  it('types the parameters of plans without a declared type as JSON objects', () => {
    expectTypeOf<ProvisionInput['parameters']>().toEqualTypeOf<JsonObject>();
  });

  it('accepts services written against typed parameters', () => {
    const services: BrokerServices<Plans> = {
      async provision(input) {
        if (input.planId === 'large')
          return { dashboardUrl: `https://d/${input.parameters.replicas}` };
        return { dashboardUrl: `https://d/${input.parameters.size}` };
      },
      async deprovision() {},
    };
    const handlers = createBrokerHandlers<Plans>({
      catalog: NOT_BINDABLE,
      store: new MemoryStore(),
      services,
      recoverOperations: false,
    });
    expect(typeof handlers.provisionServiceInstance).toBe('function');
  });
});
