import { isBrokergenError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import { checkCatalog, compareCatalogs } from '../runtime/broker/catalog/index.js';
import type { CatalogProblem } from '../runtime/broker/catalog/index.js';
import { loadCatalogFile } from '../spec/load-catalog.js';
import type { LoadedCatalog } from '../spec/load-catalog.js';

/** A catalog file checked against rules 36-39 (and 40 against a previous one). */
export interface CheckedCatalog {
  /** The loaded catalog; undefined when it (or the previous one) could not be read. */
  catalog: LoadedCatalog | undefined;
  previous: LoadedCatalog | undefined;
  /** Read failures, or the catalog rules' problems, errors first, then top to bottom. */
  diagnostics: Diagnostic[];
}

/**
 * Reads and checks an OSB catalog file the way a generated broker checks its catalog at
 * start-up, locating every problem in the file (rule 40 points into the current catalog).
 */
export async function checkCatalogFile(
  file: string,
  previousFile?: string,
): Promise<CheckedCatalog> {
  const loaded = await readCatalog(file);
  const previous = previousFile === undefined ? undefined : await readCatalog(previousFile);
  if (Array.isArray(loaded) || Array.isArray(previous)) {
    return {
      catalog: undefined,
      previous: undefined,
      diagnostics: [loaded, previous].flatMap((result) => (Array.isArray(result) ? result : [])),
    };
  }
  const problems = checkCatalog(loaded.document);
  if (previous !== undefined) problems.push(...compareCatalogs(previous.document, loaded.document));
  const diagnostics = sortByPlace(problems.map((problem) => toDiagnostic(problem, loaded)));
  return { catalog: loaded, previous, diagnostics };
}

/** A loaded catalog, or the diagnostics of why it could not be read. */
async function readCatalog(file: string): Promise<LoadedCatalog | Diagnostic[]> {
  try {
    return await loadCatalogFile(file);
  } catch (error) {
    if (!isBrokergenError(error)) throw error;
    return error.toDiagnostics();
  }
}

function toDiagnostic(problem: CatalogProblem, catalog: LoadedCatalog): Diagnostic {
  return {
    code: 'BG_CATALOG_INVALID',
    severity: problem.severity,
    message: problem.message,
    hint: problem.hint,
    rule: `osb-rule-${problem.rule}`,
    location: catalog.locate(problem.pointer),
  };
}

/** Errors before warnings, then top to bottom, as spec diagnostics are ordered. */
function sortByPlace(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return diagnostics.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0),
  );
}
