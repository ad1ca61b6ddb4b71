import { childPointer, quote } from './catalog-problem.js';
import type { ReportProblem } from './catalog-problem.js';
import { describeValue } from './check-fields.js';

/**
 * "Service Offering Object", `requires`: the only permissions currently supported. A binding
 * may return `syslog_drain_url`, `route_service_url` or `volume_mounts` only when it is listed.
 */
export const SUPPORTED_PERMISSIONS: readonly string[] = [
  'syslog_drain',
  'route_forwarding',
  'volume_mount',
];

const SUPPORTED = SUPPORTED_PERMISSIONS.map((permission) => `\`${permission}\``).join(', ');

/** Rule 37: a Service Offering's `requires` is an array of supported permissions, each once. */
export function checkRequires(
  requires: unknown,
  pointer: string,
  offeringLabel: string,
  report: ReportProblem,
): void {
  if (requires === undefined) return;
  if (!Array.isArray(requires)) {
    report({
      rule: 37,
      severity: 'error',
      pointer,
      message: `\`requires\` of ${offeringLabel} is ${describeValue(requires)}; it MUST be an array of permissions`,
      hint: `List permissions from ${SUPPORTED}, or leave \`requires\` out.`,
    });
    return;
  }
  const seen = new Set<unknown>();
  requires.forEach((permission: unknown, index) => {
    const at = childPointer(pointer, index);
    if (typeof permission !== 'string' || !SUPPORTED_PERMISSIONS.includes(permission)) {
      report({
        rule: 37,
        severity: 'error',
        pointer: at,
        message: `${offeringLabel} requires ${quote(permission)}, which is not a permission the OSB API supports`,
        hint: `Use only ${SUPPORTED}.`,
      });
    } else if (seen.has(permission)) {
      report({
        rule: 37,
        severity: 'warning',
        pointer: at,
        message: `${offeringLabel} requires ${quote(permission)} twice`,
        hint: 'List each permission once.',
      });
    }
    seen.add(permission);
  });
}
