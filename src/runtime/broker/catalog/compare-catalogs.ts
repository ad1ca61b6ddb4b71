import { childPointer, isCatalogObject, quote } from './catalog-problem.js';
import type { CatalogProblem } from './catalog-problem.js';

/** An offering or a plan as rule 40 sees it: a name to match by, and the ID that must stay. */
interface CatalogEntry {
  name: string | undefined;
  id: string | undefined;
  /** Where it is in its catalog. */
  pointer: string;
  label: string;
}

interface OfferingEntry extends CatalogEntry {
  plans: CatalogEntry[];
}

/**
 * Rule 40: compares a catalog with the one released before it ("Catalog Management"). A
 * Platform recognises offerings and plans only by `id`, so an offering that keeps its name
 * (and a plan that keeps its name within its offering) MUST keep its ID: a changed ID is an
 * error. A plan ID MUST also stay with the same offering. An ID that disappeared is a warning:
 * removing is allowed, but Platforms may still hold Service Instances of it.
 *
 * Every pointer is into `current`. It never throws; parts of either catalog that are not
 * well-formed are skipped (`checkCatalog` reports them).
 */
export function compareCatalogs(previous: unknown, current: unknown): CatalogProblem[] {
  const before = readOfferings(previous);
  const after = readOfferings(current);
  const changed = findChangedIds(before, after);
  const servicesPointer =
    isCatalogObject(current) && Array.isArray(current['services']) ? '#/services' : '#';
  return [
    ...changed.problems,
    ...findRemovedIds(before, after, changed.previousIds, servicesPointer),
  ];
}

/**
 * Errors for offerings and plans that kept their name but not their ID, and for plan IDs now
 * under another offering; also the previous IDs reported, so they do not count as removed.
 */
function findChangedIds(before: OfferingEntry[], after: OfferingEntry[]) {
  const problems: CatalogProblem[] = [];
  const previousIds = new Set<string>();
  const offeringOfPlanBefore = new Map<string, OfferingEntry>();
  for (const offering of before) {
    for (const plan of offering.plans) {
      if (plan.id !== undefined) offeringOfPlanBefore.set(plan.id, offering);
    }
  }
  for (const offering of after) {
    const old = findByName(before, offering.name);
    if (old?.id !== undefined && isChangedId(old, offering)) {
      problems.push(changedIdProblem(old, offering));
      previousIds.add(old.id);
    }
    for (const plan of offering.plans) {
      const oldPlan = old === undefined ? undefined : findByName(old.plans, plan.name);
      if (oldPlan?.id !== undefined && isChangedId(oldPlan, plan)) {
        problems.push(changedIdProblem(oldPlan, plan));
        previousIds.add(oldPlan.id);
        continue;
      }
      const formerOffering = plan.id === undefined ? undefined : offeringOfPlanBefore.get(plan.id);
      // The same offering is the one with the plan's former offering's name or ID.
      if (formerOffering === undefined || formerOffering === old) continue;
      if (formerOffering.id === offering.id) continue;
      problems.push({
        rule: 40,
        severity: 'error',
        pointer: childPointer(plan.pointer, 'id'),
        message: `${plan.label} has the ID ${quote(plan.id)}, which belonged to a plan of ${formerOffering.label} in the previous catalog; a plan ID MUST always refer to a plan of the same offering`,
        hint: 'Give this plan a new ID, and keep the old plan (with its ID) in its own offering.',
      });
    }
  }
  return { problems, previousIds };
}

/**
 * Warnings for previous IDs found nowhere in the current catalog: one for a removed offering
 * (its plans went with it), one per plan removed from an offering that is still there.
 */
function findRemovedIds(
  before: OfferingEntry[],
  after: OfferingEntry[],
  changed: Set<string>,
  servicesPointer: string,
): CatalogProblem[] {
  const currentIds = new Set(after.flatMap((o) => [o.id, ...o.plans.map((p) => p.id)]));
  const isRemoved = (old: CatalogEntry) =>
    old.id !== undefined && !currentIds.has(old.id) && !changed.has(old.id);
  const problems: CatalogProblem[] = [];
  for (const old of before) {
    if (isRemoved(old)) {
      problems.push(removedProblem(old, servicesPointer));
      continue;
    }
    const now = after.find((o) => o.id === old.id) ?? findByName(after, old.name);
    for (const oldPlan of old.plans.filter(isRemoved)) {
      const where = now === undefined ? servicesPointer : childPointer(now.pointer, 'plans');
      problems.push(removedProblem(oldPlan, where));
    }
  }
  return problems;
}

function readOfferings(catalog: unknown): OfferingEntry[] {
  const services = isCatalogObject(catalog) ? catalog['services'] : undefined;
  if (!Array.isArray(services)) return [];
  return services.flatMap((service: unknown, index): OfferingEntry[] => {
    if (!isCatalogObject(service)) return [];
    const pointer = childPointer('#/services', index);
    const offering = readEntry(service, pointer, 'Service Offering');
    const plans = Array.isArray(service['plans']) ? (service['plans'] as unknown[]) : [];
    return [
      {
        ...offering,
        plans: plans.flatMap((plan, planIndex) =>
          isCatalogObject(plan)
            ? [readEntry(plan, childPointer(pointer, 'plans', planIndex), 'Service Plan', offering)]
            : [],
        ),
      },
    ];
  });
}

function readEntry(
  object: Record<string, unknown>,
  pointer: string,
  kind: string,
  offering?: CatalogEntry,
): CatalogEntry {
  const name = nonEmptyString(object['name']);
  const id = nonEmptyString(object['id']);
  const named = `${kind} ${name === undefined ? pointer : quote(name)}`;
  return {
    name,
    id,
    pointer,
    label: offering === undefined ? named : `${named} of ${offering.label}`,
  };
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function findByName<T extends CatalogEntry>(entries: readonly T[], name: string | undefined) {
  return name === undefined ? undefined : entries.find((entry) => entry.name === name);
}

function isChangedId(old: CatalogEntry, now: CatalogEntry): boolean {
  return old.id !== undefined && now.id !== undefined && old.id !== now.id;
}

function changedIdProblem(old: CatalogEntry, now: CatalogEntry): CatalogProblem {
  return {
    rule: 40,
    severity: 'error',
    pointer: childPointer(now.pointer, 'id'),
    message: `${now.label} had the ID ${quote(old.id)} in the previous catalog and now has ${quote(now.id)}; an ID MUST NOT change`,
    hint: `Restore the ID ${quote(old.id)}: a Platform would take the new ID for a new resource and lose track of existing instances. To replace it on purpose, give the new one a new name too.`,
  };
}

function removedProblem(old: CatalogEntry, pointer: string): CatalogProblem {
  return {
    rule: 40,
    severity: 'warning',
    pointer,
    message: `${old.label} (ID ${quote(old.id)}) is no longer in the catalog; Platforms may still hold Service Instances of it`,
    hint: 'Removing is allowed, but Platforms may then restrict existing instances: move them elsewhere first, or keep it and disable access to it on the Platform.',
  };
}
