import type { CatalogProblem } from './catalog-problem.js';
import { checkCatalog } from './check-catalog.js';
import { compareCatalogs } from './compare-catalogs.js';

/** The code of `CatalogError`, in the runtime's `OSB_RUNTIME_*` family. Never reused. */
export type CatalogErrorCode = 'OSB_RUNTIME_INVALID_CATALOG';

/**
 * A catalog that breaks the OSB catalog rules, found when the broker starts: a bug in the
 * broker, which must not serve a catalog Platforms would reject or misread.
 */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  readonly code: CatalogErrorCode = 'OSB_RUNTIME_INVALID_CATALOG';
  /** Every problem found, errors first, then warnings. */
  readonly problems: readonly CatalogProblem[];

  constructor(problems: readonly CatalogProblem[]) {
    super(formatCatalogProblems(problems));
    this.problems = problems;
  }
}

export interface AssertCatalogOptions {
  /** The catalog of the previous release, to check that no ID changed (rule 40). */
  previous?: unknown;
}

/**
 * Checks a catalog at broker start-up (rules 36-39, and 40 when `previous` is given). Throws
 * CatalogError OSB_RUNTIME_INVALID_CATALOG when there is any error; otherwise returns the
 * warnings, for the broker to log.
 */
export function assertCatalog(
  catalog: unknown,
  options: AssertCatalogOptions = {},
): CatalogProblem[] {
  const problems = checkCatalog(catalog);
  if (options.previous !== undefined) problems.push(...compareCatalogs(options.previous, catalog));
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  if (errors.length > 0) throw new CatalogError([...errors, ...warnings]);
  return warnings;
}

/**
 * Problems as lines a person reads in a log, errors first:
 * `  error  #/services/0/plans/1/id  (OSB rule 36) message` and the hint on the next line.
 */
export function formatCatalogProblems(problems: readonly CatalogProblem[]): string {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const lines = [
    `Catalog check (OSB catalog rules 36-40): ${count(errors.length, 'error')}, ${count(warnings.length, 'warning')}`,
  ];
  for (const problem of [...errors, ...warnings]) {
    lines.push(
      `  ${problem.severity}  ${problem.pointer}  (OSB rule ${problem.rule}) ${problem.message}`,
      `      fix: ${problem.hint}`,
    );
  }
  return lines.join('\n');
}
