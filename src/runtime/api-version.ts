/**
 * The `X-Broker-API-Version` check ("API Version Header").
 *
 * How the accepted range is read from the specification: the header is `MAJOR.MINOR`, and
 * "minor API revisions will always be additive" ("Change Policy for Minor Versions": fields and
 * endpoints are only added, and unknown fields are ignored). So a broker built for 2.17 can
 * serve a platform speaking an older 2.x minor: it simply receives fewer fields and calls, and
 * gates newer features on `request.brokerApiVersion` (GET instance and async bindings exist
 * from 2.14). A different major version is a different protocol and is refused. A minor newer
 * than the broker's is refused by default too, because the broker was never checked against it;
 * raise `maximum` to accept such platforms. The default range is 2.12 to 2.17: 2.12 is the
 * oldest version still in use that we target (IBM Cloud sends 2.12, and it brought the
 * `context` object), 2.17 the version this runtime implements.
 *
 * Missing header: 400 Bad Request (the answer the specification gives since 2.16). Malformed or
 * out-of-range header: 412 Precondition Failed "informing the operator of the API version that
 * is to be used instead". Both descriptions name the supported range.
 */
import type { FastifyRequest } from 'fastify';
import { OsbError, OsbUsageError } from './errors.js';

/** A parsed `X-Broker-API-Version` header. */
export interface BrokerApiVersion {
  major: number;
  minor: number;
  /** The header exactly as sent. */
  raw: string;
}

/** The inclusive range of versions a broker accepts, each written `MAJOR.MINOR`. */
export interface ApiVersionOptions {
  minimum: string;
  maximum: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The platform's OSB API version; undefined when the version check is turned off. */
    brokerApiVersion?: BrokerApiVersion | undefined;
  }
}

/** The versions accepted when no range is configured. */
export const DEFAULT_API_VERSIONS: Readonly<ApiVersionOptions> = Object.freeze({
  minimum: '2.12',
  maximum: '2.17',
});

// MAJOR.MINOR without signs, spaces or leading zeros.
const VERSION = /^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$/;

/** Parses `MAJOR.MINOR`; returns undefined when `raw` is not in that form. Throws nothing. */
export function parseApiVersion(raw: string): BrokerApiVersion | undefined {
  const match = VERSION.exec(raw);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), raw };
}

/** Orders two versions: negative when `a` is older, 0 when equal, positive when newer. */
export function compareApiVersions(
  a: Pick<BrokerApiVersion, 'major' | 'minor'>,
  b: Pick<BrokerApiVersion, 'major' | 'minor'>,
): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

/**
 * Whether a request's version is `minimum` or newer, for gating features by version (a broker
 * MAY refuse a feature the platform's version lacks). False when no version is known. Throws
 * OsbUsageError OSB_RUNTIME_INVALID_OPTIONS when `minimum` is not `MAJOR.MINOR`.
 */
export function isApiVersionAtLeast(
  version: BrokerApiVersion | undefined,
  minimum: string,
): boolean {
  if (version === undefined) return false;
  return compareApiVersions(version, parseVersionOption('minimum', minimum)) >= 0;
}

/**
 * Builds the check of `X-Broker-API-Version` that the protocol layer runs in its `onRequest`
 * hook: it records the version on `request.brokerApiVersion`. Throws OsbUsageError
 * OSB_RUNTIME_INVALID_OPTIONS for an unusable range; the check throws OsbError 400 (missing
 * header) or 412 (malformed or unsupported).
 */
export function createApiVersionCheck(
  options: ApiVersionOptions = DEFAULT_API_VERSIONS,
): (request: FastifyRequest) => void {
  const minimum = parseVersionOption('minimum', options.minimum);
  const maximum = parseVersionOption('maximum', options.maximum);
  if (minimum.major !== maximum.major) {
    throw new OsbUsageError(
      'OSB_RUNTIME_INVALID_OPTIONS',
      `apiVersion: minimum ${minimum.raw} and maximum ${maximum.raw} must share a major version`,
    );
  }
  if (compareApiVersions(minimum, maximum) > 0) {
    throw new OsbUsageError(
      'OSB_RUNTIME_INVALID_OPTIONS',
      `apiVersion: minimum ${minimum.raw} is newer than maximum ${maximum.raw}`,
    );
  }
  const supported =
    minimum.raw === maximum.raw
      ? `this broker supports version ${maximum.raw}`
      : `this broker supports versions ${minimum.raw} to ${maximum.raw}`;

  return function checkApiVersion(request) {
    const header = request.headers['x-broker-api-version'];
    if (header === undefined) {
      throw new OsbError(400, {
        description: `The X-Broker-API-Version header is required; ${supported}.`,
      });
    }
    // The raw value is not echoed: it is the sender's text, of any length.
    const version = typeof header === 'string' ? parseApiVersion(header) : undefined;
    if (version === undefined) {
      throw new OsbError(412, {
        description: `The X-Broker-API-Version header must be MAJOR.MINOR, such as ${maximum.raw}; ${supported}.`,
      });
    }
    if (compareApiVersions(version, minimum) < 0 || compareApiVersions(version, maximum) > 0) {
      throw new OsbError(412, {
        description: `X-Broker-API-Version ${version.raw} is not supported; ${supported}.`,
      });
    }
    request.brokerApiVersion = version;
  };
}

/**
 * The `onRequest` hook form of `createApiVersionCheck`, for servers that do not use the protocol
 * plugin. Throws OsbUsageError OSB_RUNTIME_INVALID_OPTIONS for an unusable range; the hook
 * throws OsbError 400 (missing header) or 412 (malformed or unsupported).
 */
export function createApiVersionHook(
  options: ApiVersionOptions = DEFAULT_API_VERSIONS,
): (request: FastifyRequest) => Promise<void> {
  const check = createApiVersionCheck(options);
  return async function checkApiVersion(request) {
    check(request);
  };
}

function parseVersionOption(name: string, value: string): BrokerApiVersion {
  const version = parseApiVersion(value);
  if (version === undefined) {
    throw new OsbUsageError(
      'OSB_RUNTIME_INVALID_OPTIONS',
      `apiVersion: ${name} '${value}' is not MAJOR.MINOR`,
    );
  }
  return version;
}
