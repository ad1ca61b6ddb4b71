import { ModelError } from '../errors.js';
import type { ApiModel, ModelOperation } from './model.js';

/** The OSB API a broker implements: a version, and a platform profile. */
export interface OsbSelection {
  /** The newest OSB version served, `2.12` to the newest the spec covers; default: the newest. */
  version?: string | undefined;
  /**
   * `osb`: the standard API only; `ibmcloud`: with IBM Cloud's extensions (the `/bluemix_v1`
   * instance state). Default: everything the spec describes.
   */
  profile?: 'osb' | 'ibmcloud' | undefined;
}

export const OSB_PROFILES = ['osb', 'ibmcloud'] as const;

/**
 * The part of a broker spec's model that one OSB version and profile cover: operations
 * introduced after `version` (`x-osb-since`) are left out, and so are operations of IBM Cloud's
 * profile unless the profile is `ibmcloud`; `osbVersions` ends at `version`, so the generated
 * broker refuses newer `X-Broker-API-Version`s with 412.
 *
 * @throws ModelError BG_MODEL_OSB_SELECTION for a version the spec does not cover, or a
 * selection on a spec without `x-osb-versions`.
 */
export function selectOsbApi(model: ApiModel, selection: OsbSelection): ApiModel {
  if (selection.version === undefined && selection.profile === undefined) return model;
  const versions = model.osbVersions ?? [];
  if (versions.length === 0) {
    throw new ModelError(
      'BG_MODEL_OSB_SELECTION',
      'An OSB version or profile was chosen, but the spec does not describe an OSB broker',
      {
        hint: 'Only specs with a top-level `x-osb-versions` (such as the curated broker spec) have OSB versions and profiles.',
      },
    );
  }
  const version = selection.version ?? versions.at(-1) ?? '';
  if (!versions.includes(version)) {
    throw new ModelError(
      'BG_MODEL_OSB_SELECTION',
      `The spec does not cover OSB version ${version}`,
      { hint: `Choose one of ${versions.join(', ')}.` },
    );
  }
  const operations = model.operations.filter(
    (operation) => isAtMost(operation.since, version) && inProfile(operation, selection.profile),
  );
  return {
    ...model,
    osbVersions: versions.filter((candidate) => compareVersions(candidate, version) <= 0),
    operations,
  };
}

function inProfile(operation: ModelOperation, profile: OsbSelection['profile']): boolean {
  const profiles = operation.profiles;
  if (profile === undefined || profiles === undefined) return true;
  if (profile === 'ibmcloud') return true;
  return profiles.some((candidate) => candidate !== 'ibmcloud');
}

function isAtMost(since: string | undefined, version: string): boolean {
  return since === undefined || compareVersions(since, version) <= 0;
}

/** Compares `MAJOR.MINOR` versions numerically (2.9 before 2.12). */
function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
