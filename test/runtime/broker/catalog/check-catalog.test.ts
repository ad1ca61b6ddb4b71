import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCatalog } from '../../../../src/runtime/broker/catalog/index.js';
import type { CatalogProblem } from '../../../../src/runtime/broker/catalog/index.js';
import { MAX_SCHEMA_BYTES } from '../../../../src/runtime/broker/catalog/index.js';
import { catalogWith, createParameters, offering, plan, validCatalog } from './catalog-fixture.js';
import type { Json } from './catalog-fixture.js';

/** What a case expects of a problem: its rule, severity and place, never its wording. */
type Want = Pick<CatalogProblem, 'rule' | 'severity' | 'pointer'>;

interface Case {
  title: string;
  given: unknown;
  want: Want[];
}

const error = (rule: Want['rule'], pointer: string): Want => ({ rule, severity: 'error', pointer });
const warning = (rule: Want['rule'], pointer: string): Want => ({
  rule,
  severity: 'warning',
  pointer,
});

function found(catalog: unknown): Want[] {
  return checkCatalog(catalog).map(({ rule, severity, pointer }) => ({ rule, severity, pointer }));
}

const SMALL = '#/services/0/plans/0';
const CREATE = `${SMALL}/schemas/service_instance/create/parameters`;

describe('checkCatalog', () => {
  it('finds nothing wrong in a valid catalog', () => {
    expect(checkCatalog(validCatalog())).toEqual([]);
  });

  it.each(['fullCatalog', 'cloudFoundryProfile', 'ibmCloud'])(
    "finds nothing wrong in the curated spec's catalog example %s",
    (name) => {
      expect(checkCatalog(curatedCatalogExample(name))).toEqual([]);
    },
  );

  it('gives every problem a message and a hint', () => {
    const problems = checkCatalog(catalogWith((c) => delete offering(c, 0)['id']));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).not.toBe('');
    expect(problems[0]?.hint).not.toBe('');
  });

  describe('rule 36: offerings and plans', () => {
    it.each<Case>([
      { title: 'rule 36: an empty services array is valid', given: { services: [] }, want: [] },
      {
        title: 'rule 36: a catalog that is not an object is an error',
        given: [],
        want: [error(36, '#')],
      },
      {
        title: 'rule 36: a catalog without services is an error',
        given: {},
        want: [error(36, '#')],
      },
      {
        title: 'rule 36: services that are not an array are an error',
        given: { services: {} },
        want: [error(36, '#/services')],
      },
      {
        title: 'rule 36: a Service Offering that is not an object is an error',
        given: catalogWith((c) => c.services.push('db' as never)),
        want: [error(36, '#/services/2')],
      },
      {
        title: 'rule 36: a Service Offering without plans is an error',
        given: catalogWith((c) => (offering(c, 1).plans = [])),
        want: [error(36, '#/services/1/plans')],
      },
      {
        title: 'rule 36: an empty name is an error, as every present string must be non-empty',
        given: catalogWith((c) => (offering(c, 0)['name'] = '')),
        want: [error(36, '#/services/0/name')],
      },
      {
        title: 'rule 36: an empty tag is an error',
        given: catalogWith((c) => (offering(c, 0)['tags'] = ['sql', ''])),
        want: [error(36, '#/services/0/tags/1')],
      },
      {
        title: 'rule 36: a tag that is not a string is an error',
        given: catalogWith((c) => (offering(c, 0)['tags'] = [42])),
        want: [error(36, '#/services/0/tags/0')],
      },
      {
        title: 'rule 36: a quoted bindable is an error',
        given: catalogWith((c) => (offering(c, 0)['bindable'] = 'true')),
        want: [error(36, '#/services/0/bindable')],
      },
      {
        title: 'rule 36: a plan flag of the wrong type is an error',
        given: catalogWith((c) => (plan(c, 0, 1)['free'] = 'no')),
        want: [error(36, '#/services/0/plans/1/free')],
      },
      {
        title: 'rule 36: a negative maximum_polling_duration is an error',
        given: catalogWith((c) => (plan(c, 0, 1)['maximum_polling_duration'] = -1)),
        want: [error(36, '#/services/0/plans/1/maximum_polling_duration')],
      },
      {
        title: 'rule 36: a Service Plan that is not an object is an error',
        given: catalogWith((c) => (offering(c, 1).plans = [null as never])),
        want: [error(36, '#/services/1/plans/0')],
      },
      {
        title: 'rule 36: a dashboard_client without a secret is an error',
        given: catalogWith((c) => (offering(c, 0)['dashboard_client'] = { id: 'dash' })),
        want: [error(36, '#/services/0/dashboard_client')],
      },
      {
        title: 'rule 36: duplicate Service Offering names are an error',
        given: catalogWith((c) => (offering(c, 1)['name'] = 'db')),
        want: [error(36, '#/services/1/name')],
      },
      {
        title: 'rule 36: duplicate plan names within a service are an error',
        given: catalogWith((c) => (plan(c, 0, 1)['name'] = 'small')),
        want: [error(36, '#/services/0/plans/1/name')],
      },
      {
        title: 'rule 36: the same plan name in two offerings is valid',
        given: catalogWith((c) => (plan(c, 1, 0)['name'] = 'small')),
        want: [],
      },
      {
        title: 'rule 36: names differing only in case are distinct',
        given: catalogWith((c) => (plan(c, 0, 1)['name'] = 'Small')),
        want: [],
      },
      {
        title: 'rule 36: duplicate Service Offering IDs are an error',
        given: catalogWith((c) => (offering(c, 1)['id'] = 'svc-db')),
        want: [error(36, '#/services/1/id')],
      },
      {
        title: 'rule 36: a plan ID used by a plan of another offering is an error',
        given: catalogWith((c) => (plan(c, 1, 0)['id'] = 'plan-db-large')),
        want: [error(36, '#/services/1/plans/0/id')],
      },
      {
        title: 'rule 36: a plan ID equal to an offering ID is an error, as IDs are global',
        given: catalogWith((c) => (plan(c, 0, 1)['id'] = 'svc-cache')),
        want: [error(36, '#/services/1/id')],
      },
      {
        title: 'rule 36: a name with a space is not CLI-friendly, a warning',
        given: catalogWith((c) => (offering(c, 0)['name'] = 'My DB')),
        want: [warning(36, '#/services/0/name')],
      },
      {
        title: 'rule 36: a plan named "-" is not CLI-friendly, a warning',
        given: catalogWith((c) => (plan(c, 0, 1)['name'] = '-')),
        want: [warning(36, '#/services/0/plans/1/name')],
      },
      {
        title: 'rule 36: letters, digits, periods and hyphens make a CLI-friendly name',
        given: catalogWith((c) => (plan(c, 0, 1)['name'] = 'Large.2-x')),
        want: [],
      },
      {
        title: 'rule 36: a description over 255 characters is a warning',
        given: catalogWith((c) => (plan(c, 0, 1)['description'] = 'x'.repeat(256))),
        want: [warning(36, '#/services/0/plans/1/description')],
      },
      {
        title: 'rule 36: metadata is opaque, so its contents are not checked',
        given: catalogWith((c) => (offering(c, 0)['metadata'] = { displayName: '', x: null })),
        want: [],
      },
      {
        title: 'rule 36: fields the specification does not define are left alone',
        given: catalogWith((c) => (plan(c, 0, 1)['x-acme-tier'] = '')),
        want: [],
      },
    ])('$title', ({ given, want }) => {
      expect(found(given)).toEqual(want);
    });

    it.each(['name', 'id', 'description', 'bindable', 'plans'])(
      'rule 36: a Service Offering without %s is an error',
      (field) => {
        expect(found(catalogWith((c) => delete offering(c, 1)[field]))).toEqual([
          error(36, '#/services/1'),
        ]);
      },
    );

    it.each(['id', 'name', 'description'])(
      'rule 36: a Service Plan without %s is an error',
      (field) => {
        expect(found(catalogWith((c) => delete plan(c, 0, 1)[field]))).toEqual([
          error(36, '#/services/0/plans/1'),
        ]);
      },
    );
  });

  describe('rule 37: requires', () => {
    it.each<Case>([
      {
        title: 'rule 37: every supported permission is valid',
        given: catalogWith(
          (c) =>
            (offering(c, 1)['requires'] = ['syslog_drain', 'route_forwarding', 'volume_mount']),
        ),
        want: [],
      },
      {
        title: 'rule 37: an unknown permission is an error',
        given: catalogWith(
          (c) => (offering(c, 1)['requires'] = ['syslog_drain', 'log_forwarding']),
        ),
        want: [error(37, '#/services/1/requires/1')],
      },
      {
        title: 'rule 37: an empty permission is an error',
        given: catalogWith((c) => (offering(c, 1)['requires'] = [''])),
        want: [error(37, '#/services/1/requires/0')],
      },
      {
        title: 'rule 37: requires that is not an array is an error',
        given: catalogWith((c) => (offering(c, 1)['requires'] = 'syslog_drain')),
        want: [error(37, '#/services/1/requires')],
      },
      {
        title: 'rule 37: a permission listed twice is a warning',
        given: catalogWith((c) => (offering(c, 1)['requires'] = ['volume_mount', 'volume_mount'])),
        want: [warning(37, '#/services/1/requires/1')],
      },
    ])('$title', ({ given, want }) => {
      expect(found(given)).toEqual(want);
    });
  });

  describe('rule 38: maintenance_info', () => {
    const withMaintenanceInfo = (value: unknown) =>
      catalogWith((c) => (plan(c, 0, 0)['maintenance_info'] = value));

    it.each<Case>([
      {
        title: 'rule 38: a SemVer version with pre-release and build is valid',
        given: withMaintenanceInfo({ version: '2.1.1-rc.1+abcdef', description: 'OS update.' }),
        want: [],
      },
      {
        title: 'rule 38: a version that is not SemVer 2.0 is an error',
        given: withMaintenanceInfo({ version: 'v2.1' }),
        want: [error(38, `${SMALL}/maintenance_info/version`)],
      },
      {
        title: 'rule 38: a version that YAML read as a number is an error',
        given: withMaintenanceInfo({ version: 1.2 }),
        want: [error(38, `${SMALL}/maintenance_info/version`)],
      },
      {
        title: 'rule 38: maintenance_info without a version is an error',
        given: withMaintenanceInfo({ description: 'OS update.' }),
        want: [error(38, `${SMALL}/maintenance_info`)],
      },
      {
        title: 'rule 38: an empty description is an error',
        given: withMaintenanceInfo({ version: '1.0.0', description: '' }),
        want: [error(38, `${SMALL}/maintenance_info/description`)],
      },
      {
        title: 'rule 38: maintenance_info that is not an object is an error',
        given: withMaintenanceInfo('1.0.0'),
        want: [error(38, `${SMALL}/maintenance_info`)],
      },
    ])('$title', ({ given, want }) => {
      expect(found(given)).toEqual(want);
    });
  });

  describe('rule 39: parameter schemas', () => {
    const withCreate = (change: (parameters: Json) => void) =>
      catalogWith((c) => change(createParameters(c)));
    const withSchemas = (schemas: unknown) =>
      catalogWith((c) => (plan(c, 0, 1)['schemas'] = schemas));
    const LARGE = '#/services/0/plans/1/schemas';

    it.each<Case>([
      {
        title: 'rule 39: a schema without $schema is an error',
        given: withCreate((p) => delete p['$schema']),
        want: [error(39, CREATE)],
      },
      {
        title: 'rule 39: an empty $schema is an error',
        given: withCreate((p) => (p['$schema'] = '')),
        want: [error(39, `${CREATE}/$schema`)],
      },
      {
        title: 'rule 39: an absolute $ref is an external reference, an error',
        given: withCreate(
          (p) => (p['properties'] = { size: { $ref: 'https://example.com/size.json' } }),
        ),
        want: [error(39, `${CREATE}/properties/size/$ref`)],
      },
      {
        title: 'rule 39: a relative file $ref is an external reference, an error',
        given: withCreate((p) => (p['allOf'] = [{ $ref: 'common.json#/definitions/size' }])),
        want: [error(39, `${CREATE}/allOf/0/$ref`)],
      },
      {
        title: 'rule 39: a $ref inside default or enum is data, not a reference',
        given: withCreate(
          (p) =>
            (p['properties'] = {
              link: { type: 'object', default: { $ref: 'x.json' }, enum: [{ $ref: 'y.json' }] },
            }),
        ),
        want: [],
      },
      {
        title: 'rule 39: a property named $ref is a name, and its schema is still checked',
        given: withCreate((p) => (p['properties'] = { $ref: { $ref: 'other.json' } })),
        want: [error(39, `${CREATE}/properties/$ref/$ref`)],
      },
      {
        title: 'rule 39: a schema of exactly 64 KB is valid',
        given: withCreate((p) => pad(p, MAX_SCHEMA_BYTES)),
        want: [],
      },
      {
        title: 'rule 39: a schema over 64 KB is an error',
        given: withCreate((p) => pad(p, MAX_SCHEMA_BYTES + 1)),
        want: [error(39, CREATE)],
      },
      {
        title: 'rule 39: the update and service_binding schemas are checked too',
        given: withSchemas({
          service_instance: { update: { parameters: { type: 'object' } } },
          service_binding: { create: { parameters: { type: 'object' } } },
        }),
        want: [
          error(39, `${LARGE}/service_instance/update/parameters`),
          error(39, `${LARGE}/service_binding/create/parameters`),
        ],
      },
      {
        title: 'rule 39: schemas that are not an object are an error',
        given: withSchemas([]),
        want: [error(39, LARGE)],
      },
      {
        title: 'rule 39: parameters that are not an object are an error',
        given: withSchemas({ service_instance: { create: { parameters: true } } }),
        want: [error(39, `${LARGE}/service_instance/create/parameters`)],
      },
      {
        title: 'rule 39: schemas without parameters are valid',
        given: withSchemas({ service_instance: { create: {} }, service_binding: {} }),
        want: [],
      },
    ])('$title', ({ given, want }) => {
      expect(found(given)).toEqual(want);
    });
  });
});

/** Pads a schema with a `description` until its JSON is exactly `bytes` long. */
function pad(schema: Json, bytes: number): void {
  schema['description'] = '';
  const size = Buffer.byteLength(JSON.stringify(schema), 'utf8');
  schema['description'] = 'x'.repeat(bytes - size);
}

/** An example body of `GET /v2/catalog` from the curated OSB spec. */
function curatedCatalogExample(name: string): unknown {
  const spec = parse(
    readFileSync(resolve(import.meta.dirname, '../../../../spec/open-service-broker.yaml'), 'utf8'),
  ) as {
    paths: Record<string, { get: { responses: Record<string, { content: Json }> } }>;
  };
  const content = spec.paths['/v2/catalog']?.get.responses['200']?.content['application/json'];
  return (content as { examples: Record<string, { value: unknown }> }).examples[name]?.value;
}
