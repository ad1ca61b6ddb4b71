export { assertCatalog, CatalogError, formatCatalogProblems } from './assert-catalog.js';
export type { AssertCatalogOptions, CatalogErrorCode } from './assert-catalog.js';
export type { CatalogProblem, CatalogRule } from './catalog-problem.js';
export { checkCatalog } from './check-catalog.js';
export { compareCatalogs } from './compare-catalogs.js';
export { isSemanticVersion } from './semantic-version.js';
export { MAX_SCHEMA_BYTES } from './check-plan-schemas.js';
export { SUPPORTED_PERMISSIONS } from './check-requires.js';
