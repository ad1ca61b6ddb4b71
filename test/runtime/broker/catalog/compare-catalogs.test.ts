import { describe, expect, it } from 'vitest';
import { compareCatalogs } from '../../../../src/runtime/broker/catalog/index.js';
import type { CatalogProblem } from '../../../../src/runtime/broker/catalog/index.js';
import { catalogWith, offering, plan, validCatalog } from './catalog-fixture.js';

type Want = Pick<CatalogProblem, 'rule' | 'severity' | 'pointer'>;

interface Case {
  title: string;
  previous: unknown;
  current: unknown;
  want: Want[];
}

function found(previous: unknown, current: unknown): Want[] {
  return compareCatalogs(previous, current).map(({ rule, severity, pointer }) => ({
    rule,
    severity,
    pointer,
  }));
}

describe('compareCatalogs', () => {
  it.each<Case>([
    {
      title: 'rule 40: an unchanged catalog is valid',
      previous: validCatalog(),
      current: validCatalog(),
      want: [],
    },
    {
      title: 'rule 40: a plan that keeps its name but changes its ID is an error',
      previous: validCatalog(),
      current: catalogWith((c) => (plan(c, 0, 1)['id'] = 'plan-db-large-2')),
      want: [{ rule: 40, severity: 'error', pointer: '#/services/0/plans/1/id' }],
    },
    {
      title: 'rule 40: an offering that keeps its name but changes its ID is an error',
      previous: validCatalog(),
      current: catalogWith((c) => (offering(c, 1)['id'] = 'svc-cache-2')),
      want: [{ rule: 40, severity: 'error', pointer: '#/services/1/id' }],
    },
    {
      title: 'rule 40: a removed plan is a warning, located at the plans of its offering',
      previous: validCatalog(),
      current: catalogWith((c) => offering(c, 0).plans.pop()),
      want: [{ rule: 40, severity: 'warning', pointer: '#/services/0/plans' }],
    },
    {
      title: 'rule 40: a removed offering is one warning, not one per plan',
      previous: validCatalog(),
      current: catalogWith((c) => c.services.shift()),
      want: [{ rule: 40, severity: 'warning', pointer: '#/services' }],
    },
    {
      title: 'rule 40: a renamed plan that keeps its ID is valid',
      previous: validCatalog(),
      current: catalogWith((c) => (plan(c, 0, 1)['name'] = 'xlarge')),
      want: [],
    },
    {
      title: 'rule 40: a renamed offering that keeps its ID is valid',
      previous: validCatalog(),
      current: catalogWith((c) => (offering(c, 0)['name'] = 'database')),
      want: [],
    },
    {
      title: 'rule 40: a plan ID moved to another offering is an error',
      previous: validCatalog(),
      current: catalogWith((c) => offering(c, 1).plans.push(offering(c, 0).plans.pop() ?? {})),
      want: [{ rule: 40, severity: 'error', pointer: '#/services/1/plans/1/id' }],
    },
    {
      title: 'rule 40: added offerings and plans are valid',
      previous: catalogWith((c) => {
        c.services.pop();
        offering(c, 0).plans.pop();
      }),
      current: validCatalog(),
      want: [],
    },
    {
      title: 'rule 40: anything is an empty previous catalog, so nothing changed',
      previous: { services: 'none' },
      current: validCatalog(),
      want: [],
    },
    {
      title: 'rule 40: every previous ID is removed when the current catalog is not one',
      previous: { services: [{ name: 'db', id: 'svc-db', plans: [] }] },
      current: 'nothing',
      want: [{ rule: 40, severity: 'warning', pointer: '#' }],
    },
  ])('$title', ({ previous, current, want }) => {
    expect(found(previous, current)).toEqual(want);
  });

  it('rule 40: a changed ID names both IDs in its message', () => {
    const [problem] = compareCatalogs(
      validCatalog(),
      catalogWith((c) => (plan(c, 0, 1)['id'] = 'plan-db-large-2')),
    );
    expect(problem?.message).toContain('"plan-db-large"');
    expect(problem?.message).toContain('"plan-db-large-2"');
  });
});
