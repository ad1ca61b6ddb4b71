/**
 * What the catalog checks report. Each problem names the rule of brokergen's OSB checklist it
 * breaks (36-40: the catalog rules), so a broker log and `brokergen lint` say the same thing.
 */

/** The catalog rules: 36 offerings and plans, 37 `requires`, 38 `maintenance_info`, 39 parameter schemas, 40 stable IDs. */
export type CatalogRule = 36 | 37 | 38 | 39 | 40;

/** One problem in a catalog. */
export interface CatalogProblem {
  rule: CatalogRule;
  /** `error` breaks a MUST of the OSB specification; `warning` a SHOULD or RECOMMENDED. */
  severity: 'error' | 'warning';
  /** RFC 6901 JSON pointer into the catalog in URI-fragment form: `#/services/0/plans/1/id`. */
  pointer: string;
  message: string;
  /** How to fix it. */
  hint: string;
}

/** Collects problems during one check; each check builds its own, so nothing outlives a call. */
export type ReportProblem = (problem: CatalogProblem) => void;

/** A plain JSON object, as a catalog parsed from JSON or YAML holds them. */
export type CatalogObject = Record<string, unknown>;

/** Whether a value is a JSON object (not an array, not null). */
export function isCatalogObject(value: unknown): value is CatalogObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Appends reference tokens to a JSON pointer, escaping `~` and `/` (RFC 6901, section 3). */
export function childPointer(pointer: string, ...tokens: ReadonlyArray<string | number>): string {
  let result = pointer;
  for (const token of tokens) {
    result += '/' + String(token).replaceAll('~', '~0').replaceAll('/', '~1');
  }
  return result;
}

/** A value for a message: strings quoted, anything else as JSON. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
}
