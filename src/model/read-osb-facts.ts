/**
 * The OSB facts a spec declares with brokergen's vendor extensions (`x-osb-since`,
 * `x-osb-profiles`, `x-osb-async`, and at the root `x-osb-versions`). A generic spec has none,
 * and then every fact is undefined.
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { createModelError } from './build-context.js';
import type { OsbFacts } from './model.js';
import { getField } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

/** An OSB API version: `MAJOR.MINOR`, as in the `X-Broker-API-Version` header. */
const OSB_VERSION = /^[0-9]+\.[0-9]+$/;

/** The facts of an operation, parameter or property. @throws ModelError BG_MODEL_UNSUPPORTED */
export function readOsbFacts(ctx: BuildContext, object: SpecObject, pointer: string): OsbFacts {
  const since = getField(object, 'x-osb-since');
  const async = getField(object, 'x-osb-async');
  if (async !== undefined && typeof async !== 'boolean') {
    throw unsupported(ctx, pointer, 'x-osb-async', 'Write `x-osb-async: true` or `false`.');
  }
  return {
    since: since === undefined ? undefined : readVersion(ctx, since, pointer, 'x-osb-since'),
    profiles: readOsbProfiles(ctx, object, pointer),
    async,
  };
}

/** The root `x-osb-versions`, or undefined. @throws ModelError BG_MODEL_UNSUPPORTED */
export function readOsbVersions(
  ctx: BuildContext,
  root: SpecObject,
): readonly string[] | undefined {
  const versions = getField(root, 'x-osb-versions');
  if (versions === undefined) return undefined;
  if (!Array.isArray(versions)) {
    throw unsupported(ctx, '#', 'x-osb-versions', "List the versions: `x-osb-versions: ['2.17']`.");
  }
  return versions.map((version: unknown, index) =>
    readVersion(ctx, version, appendPointer('#', 'x-osb-versions'), String(index)),
  );
}

/** The `x-osb-profiles` of an object, or undefined. @throws ModelError BG_MODEL_UNSUPPORTED */
export function readOsbProfiles(
  ctx: BuildContext,
  object: SpecObject,
  pointer: string,
): readonly string[] | undefined {
  const profiles = getField(object, 'x-osb-profiles');
  if (profiles === undefined) return undefined;
  if (Array.isArray(profiles) && profiles.every((profile) => typeof profile === 'string')) {
    return profiles as readonly string[];
  }
  throw unsupported(ctx, pointer, 'x-osb-profiles', 'List profile names as strings.');
}

function readVersion(ctx: BuildContext, value: unknown, pointer: string, key: string): string {
  if (typeof value === 'string' && OSB_VERSION.test(value)) return value;
  // YAML reads an unquoted 2.10 as the number 2.1, so a number is never trusted.
  throw unsupported(
    ctx,
    pointer,
    key,
    "Quote the OSB version as MAJOR.MINOR, such as '2.10': YAML reads an unquoted 2.10 as 2.1.",
  );
}

function unsupported(ctx: BuildContext, pointer: string, key: string, hint: string) {
  return createModelError(
    ctx,
    'BG_MODEL_UNSUPPORTED',
    appendPointer(pointer, key),
    `${key} has a value brokergen cannot read`,
    hint,
  );
}
