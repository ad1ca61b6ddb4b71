import { childPointer, isCatalogObject, quote } from './catalog-problem.js';
import type { ReportProblem } from './catalog-problem.js';
import { checkFields, describeValue } from './check-fields.js';
import type { FieldTable } from './check-fields.js';
import { isSemanticVersion } from './semantic-version.js';

/** "Maintenance Info Object" (OSB 2.15). */
const MAINTENANCE_INFO_FIELDS: FieldTable = {
  version: { kind: 'string', required: true },
  description: { kind: 'string' },
};

/**
 * Rule 38: a plan's `maintenance_info`, when present, is an object whose REQUIRED `version`
 * is a Semantic Versioning 2.0 version ("Maintenance Info Object"): Platforms compare it to
 * decide whether an instance needs a maintenance update.
 */
export function checkMaintenanceInfo(
  maintenanceInfo: unknown,
  pointer: string,
  planLabel: string,
  report: ReportProblem,
): void {
  if (maintenanceInfo === undefined) return;
  const label = `\`maintenance_info\` of ${planLabel}`;
  if (!isCatalogObject(maintenanceInfo)) {
    report({
      rule: 38,
      severity: 'error',
      pointer,
      message: `${label} is ${describeValue(maintenanceInfo)}; it MUST be an object`,
      hint: 'Write `maintenance_info: { version: 1.0.0 }`, or leave it out.',
    });
    return;
  }
  checkFields(maintenanceInfo, pointer, MAINTENANCE_INFO_FIELDS, { rule: 38, label, report });
  const version = maintenanceInfo['version'];
  if (typeof version === 'string' && version !== '' && !isSemanticVersion(version)) {
    report({
      rule: 38,
      severity: 'error',
      pointer: childPointer(pointer, 'version'),
      message: `\`version\` ${quote(version)} of ${label} is not a Semantic Versioning 2.0 version`,
      hint: 'Use MAJOR.MINOR.PATCH without leading zeros or a `v`, optionally with -pre.release and +build (like `2.1.1+abcdef`).',
    });
  }
}
