/** A small valid catalog for the catalog tests, and typed access to its parts for changes. */

export type Json = Record<string, unknown>;

export interface TestOffering extends Json {
  plans: Json[];
}

export interface TestCatalog extends Json {
  services: TestOffering[];
}

/** Two offerings, `db` (plans `small` and `large`) and `cache` (plan `c1`); every rule passes. */
export function validCatalog(): TestCatalog {
  return {
    services: [
      {
        name: 'db',
        id: 'svc-db',
        description: 'Databases.',
        tags: ['sql'],
        bindable: true,
        plans: [
          {
            id: 'plan-db-small',
            name: 'small',
            description: 'A small database.',
            schemas: {
              service_instance: {
                create: {
                  parameters: {
                    $schema: 'http://json-schema.org/draft-04/schema#',
                    type: 'object',
                    properties: { size: { $ref: '#/definitions/size' } },
                    definitions: { size: { type: 'integer' } },
                  },
                },
              },
            },
            maintenance_info: { version: '1.2.3' },
          },
          { id: 'plan-db-large', name: 'large', description: 'A large database.' },
        ],
      },
      {
        name: 'cache',
        id: 'svc-cache',
        description: 'Caches.',
        requires: ['route_forwarding'],
        bindable: false,
        plans: [{ id: 'plan-cache-c1', name: 'c1', description: 'One cache.' }],
      },
    ],
  };
}

/** A valid catalog changed by `change`: the `given` of most cases. */
export function catalogWith(change: (catalog: TestCatalog) => void): TestCatalog {
  const catalog = validCatalog();
  change(catalog);
  return catalog;
}

/** The offering at `index`; throws when there is none, so a broken test says so. */
export function offering(catalog: TestCatalog, index: number): TestOffering {
  const found = catalog.services[index];
  if (found === undefined) throw new Error(`no offering ${index}`);
  return found;
}

/** The plan at `planIndex` of the offering at `offeringIndex`. */
export function plan(catalog: TestCatalog, offeringIndex: number, planIndex: number): Json {
  const found = offering(catalog, offeringIndex).plans[planIndex];
  if (found === undefined) throw new Error(`no plan ${offeringIndex}/${planIndex}`);
  return found;
}

/** The `parameters` schema of the first plan's `service_instance.create`. */
export function createParameters(catalog: TestCatalog): Json {
  const schemas = plan(catalog, 0, 0)['schemas'] as Record<string, Record<string, Json>>;
  return schemas['service_instance']?.['create']?.['parameters'] as Json;
}
