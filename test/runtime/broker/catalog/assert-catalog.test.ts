import { describe, expect, it } from 'vitest';
import { assertCatalog, CatalogError } from '../../../../src/runtime/broker/catalog/index.js';
import { catalogWith, offering, plan, validCatalog } from './catalog-fixture.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('assertCatalog', () => {
  it('returns nothing for a valid catalog', () => {
    expect(assertCatalog(validCatalog())).toEqual([]);
  });

  it('returns the warnings of a catalog without errors, for the broker to log', () => {
    const warnings = assertCatalog(catalogWith((c) => (offering(c, 0)['name'] = 'My DB')));
    expect(warnings).toEqual([expect.objectContaining({ rule: 36, pointer: '#/services/0/name' })]);
  });

  it('throws a CatalogError holding every problem, errors first', () => {
    const error = thrownBy(() =>
      assertCatalog(
        catalogWith((c) => {
          offering(c, 0)['name'] = 'My DB';
          plan(c, 0, 1)['name'] = 'small';
        }),
      ),
    );
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).code).toBe('OSB_RUNTIME_INVALID_CATALOG');
    expect((error as CatalogError).problems.map((p) => [p.severity, p.pointer])).toEqual([
      ['error', '#/services/0/plans/1/name'],
      ['warning', '#/services/0/name'],
    ]);
  });

  it('says in its message where each problem is and which rule it breaks, one per line', () => {
    const error = thrownBy(() =>
      assertCatalog(catalogWith((c) => (offering(c, 1)['requires'] = ['log_drain']))),
    ) as CatalogError;
    const lines = error.message.split('\n');
    expect(lines[0]).toContain('1 error, 0 warnings');
    expect(lines[1]).toMatch(/^ {2}error {2}#\/services\/1\/requires\/0 {2}\(OSB rule 37\) /);
    expect(lines[2]).toMatch(/^ {6}fix: /);
  });

  it('compares IDs with the previous catalog when one is given', () => {
    const current = catalogWith((c) => (plan(c, 1, 0)['id'] = 'plan-cache-c2'));
    expect(assertCatalog(current)).toEqual([]);
    const error = thrownBy(() => assertCatalog(current, { previous: validCatalog() }));
    expect((error as CatalogError).problems).toEqual([
      expect.objectContaining({ rule: 40, pointer: '#/services/1/plans/0/id' }),
    ]);
  });
});
