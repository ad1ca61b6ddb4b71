import { childPointer, isCatalogObject, quote } from './catalog-problem.js';
import type { CatalogObject, CatalogProblem, ReportProblem } from './catalog-problem.js';
import { checkFields, describeValue } from './check-fields.js';
import type { FieldCheck, FieldTable } from './check-fields.js';
import { checkMaintenanceInfo } from './check-maintenance-info.js';
import { checkPlanSchemas } from './check-plan-schemas.js';
import { checkRequires } from './check-requires.js';

/**
 * "Service Offering Object". `requires` is rule 37's, so it is checked there; `plans` is an
 * array here and each plan is checked on its own.
 */
const SERVICE_OFFERING_FIELDS: FieldTable = {
  name: { kind: 'string', required: true, cliName: true },
  id: { kind: 'string', required: true },
  description: { kind: 'string', required: true },
  tags: { kind: 'strings' },
  bindable: { kind: 'boolean', required: true },
  instances_retrievable: { kind: 'boolean' },
  bindings_retrievable: { kind: 'boolean' },
  allow_context_updates: { kind: 'boolean' },
  metadata: { kind: 'object' },
  dashboard_client: { kind: 'object' },
  plan_updateable: { kind: 'boolean' },
  plans: { kind: 'array', required: true },
};

/** "Dashboard Client Object" of the Cloud Foundry profile (profile.md). */
const DASHBOARD_CLIENT_FIELDS: FieldTable = {
  id: { kind: 'string', required: true },
  secret: { kind: 'string', required: true },
  redirect_uri: { kind: 'string' },
};

/**
 * "Service Plan Object". `schemas` (rule 39) and `maintenance_info` (rule 38) are checked by
 * their own rules.
 */
const SERVICE_PLAN_FIELDS: FieldTable = {
  id: { kind: 'string', required: true },
  name: { kind: 'string', required: true, cliName: true },
  description: { kind: 'string', required: true },
  metadata: { kind: 'object' },
  free: { kind: 'boolean' },
  bindable: { kind: 'boolean' },
  binding_rotatable: { kind: 'boolean' },
  plan_updateable: { kind: 'boolean' },
  maximum_polling_duration: { kind: 'seconds' },
};

/** What one check run remembers to find duplicates: the first place each name or ID was seen. */
interface CatalogCheck {
  report: ReportProblem;
  /** Service Offering name -> pointer of the offering that has it first. */
  offeringNames: Map<string, string>;
  /** Offering or plan ID -> pointer of the object that has it first: IDs are global. */
  ids: Map<string, string>;
}

/**
 * Checks a catalog (the body of `GET /v2/catalog`) against the OSB catalog rules 36-39 and
 * returns every problem found, in document order; an empty array means the catalog is valid.
 * It never throws: anything, even `undefined`, is a catalog with problems.
 */
export function checkCatalog(catalog: unknown): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const check: CatalogCheck = {
    report: (problem) => problems.push(problem),
    offeringNames: new Map(),
    ids: new Map(),
  };
  if (!isCatalogObject(catalog)) {
    check.report({
      rule: 36,
      severity: 'error',
      pointer: '#',
      message: `The catalog is ${describeValue(catalog)}; it MUST be an object with \`services\``,
      hint: 'Write the catalog as `{ "services": [ ... ] }`.',
    });
    return problems;
  }
  const services = catalog['services'];
  if (!Array.isArray(services)) {
    check.report({
      rule: 36,
      severity: 'error',
      pointer: services === undefined ? '#' : '#/services',
      message:
        services === undefined
          ? 'The catalog has no `services`, which is REQUIRED'
          : `\`services\` is ${describeValue(services)}; it MUST be an array of Service Offerings`,
      hint: 'Add `services: []` with one object per Service Offering; it MAY be empty.',
    });
    return problems;
  }
  services.forEach((offering: unknown, index) =>
    checkServiceOffering(offering, childPointer('#/services', index), check),
  );
  return problems;
}

/** Rule 36 for one Service Offering, then rules 37-39 for what it holds. */
function checkServiceOffering(offering: unknown, pointer: string, check: CatalogCheck): void {
  const label = `Service Offering ${nameOf(offering, pointer)}`;
  if (!isCatalogObject(offering)) {
    check.report({
      rule: 36,
      severity: 'error',
      pointer,
      message: `${label} is ${describeValue(offering)}; it MUST be an object`,
      hint: 'Describe the offering with `name`, `id`, `description`, `bindable` and `plans`.',
    });
    return;
  }
  const fields: FieldCheck = { rule: 36, label, report: check.report };
  checkFields(offering, pointer, SERVICE_OFFERING_FIELDS, fields);
  const dashboardClient = offering['dashboard_client'];
  if (isCatalogObject(dashboardClient)) {
    const at = childPointer(pointer, 'dashboard_client');
    const client = { ...fields, label: `\`dashboard_client\` of ${label}` };
    checkFields(dashboardClient, at, DASHBOARD_CLIENT_FIELDS, client);
  }
  checkRequires(offering['requires'], childPointer(pointer, 'requires'), label, check.report);
  checkUniqueName(offering, pointer, check.offeringNames, {
    check,
    label,
    scope: 'across the Service Offerings of the catalog',
  });
  checkUniqueId(offering, pointer, label, check);
  const plans = offering['plans'];
  if (Array.isArray(plans)) checkServicePlans(plans, childPointer(pointer, 'plans'), label, check);
}

/** An offering MUST have at least one plan, and plan names are unique within it. */
function checkServicePlans(
  plans: unknown[],
  pointer: string,
  offeringLabel: string,
  check: CatalogCheck,
): void {
  if (plans.length === 0) {
    check.report({
      rule: 36,
      severity: 'error',
      pointer,
      message: `${offeringLabel} has no plans; it MUST have at least one Service Plan`,
      hint: 'Add a plan with `id`, `name` and `description`, or remove the offering.',
    });
  }
  const planNames = new Map<string, string>();
  plans.forEach((plan: unknown, index) =>
    checkServicePlan(plan, childPointer(pointer, index), offeringLabel, planNames, check),
  );
}

/** Rule 36 for one Service Plan, then rule 38 for its `maintenance_info` and 39 for its `schemas`. */
function checkServicePlan(
  plan: unknown,
  pointer: string,
  offeringLabel: string,
  planNames: Map<string, string>,
  check: CatalogCheck,
): void {
  const label = `Service Plan ${nameOf(plan, pointer)} of ${offeringLabel}`;
  if (!isCatalogObject(plan)) {
    check.report({
      rule: 36,
      severity: 'error',
      pointer,
      message: `${label} is ${describeValue(plan)}; it MUST be an object`,
      hint: 'Describe the plan with `id`, `name` and `description`.',
    });
    return;
  }
  checkFields(plan, pointer, SERVICE_PLAN_FIELDS, { rule: 36, label, report: check.report });
  checkUniqueName(plan, pointer, planNames, { check, label, scope: `within ${offeringLabel}` });
  checkUniqueId(plan, pointer, label, check);
  const maintenanceInfoPointer = childPointer(pointer, 'maintenance_info');
  checkMaintenanceInfo(plan['maintenance_info'], maintenanceInfoPointer, label, check.report);
  checkPlanSchemas(plan['schemas'], childPointer(pointer, 'schemas'), label, check.report);
}

/** Offering names are unique in the catalog, plan names within their offering (case-sensitive). */
function checkUniqueName(
  object: CatalogObject,
  pointer: string,
  seen: Map<string, string>,
  where: { check: CatalogCheck; label: string; scope: string },
): void {
  const name = object['name'];
  if (typeof name !== 'string' || name === '') return;
  const first = seen.get(name);
  if (first === undefined) {
    seen.set(name, pointer);
    return;
  }
  where.check.report({
    rule: 36,
    severity: 'error',
    pointer: childPointer(pointer, 'name'),
    message: `${where.label} has the same name as ${first}; names MUST be unique ${where.scope}`,
    hint: 'Rename one of them; names are compared case-sensitively.',
  });
}

/**
 * IDs MUST be globally unique: a Platform assumes that one ID always means the same offering,
 * or the same plan of the same offering, so no offering or plan may share an ID with another.
 */
function checkUniqueId(
  object: CatalogObject,
  pointer: string,
  label: string,
  check: CatalogCheck,
): void {
  const id = object['id'];
  if (typeof id !== 'string' || id === '') return;
  const first = check.ids.get(id);
  if (first === undefined) {
    check.ids.set(id, pointer);
    return;
  }
  check.report({
    rule: 36,
    severity: 'error',
    pointer: childPointer(pointer, 'id'),
    message: `${label} has the ID ${quote(id)}, already used by ${first}; IDs MUST be globally unique`,
    hint: 'Give every offering and plan an ID of its own; a GUID is RECOMMENDED (`uuidgen`).',
  });
}

/** An offering or plan as a message names it: its name in quotes, or its pointer. */
function nameOf(object: unknown, pointer: string): string {
  const name = isCatalogObject(object) ? object['name'] : undefined;
  return typeof name === 'string' && name !== '' ? quote(name) : pointer;
}
