/**
 * The `X-Broker-API-Originating-Identity` header ("Originating Identity" in the specification,
 * "Originating Identity Header" in its profile): `<platform> <base64 of a JSON object>`, whose
 * properties depend on the platform. Cloud Foundry sends `user_id`; Kubernetes `username`,
 * `uid`, `groups` and `extra`; IBM Cloud `iam_id` (IBM's broker documentation).
 */
import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors.js';

/** Fields every identity has: the decoded JSON object and the header as sent. */
interface IdentityCommon {
  /** The decoded JSON object, including properties a platform MAY add. */
  value: Record<string, unknown>;
  /** The header exactly as sent. */
  raw: string;
}

/** A Cloud Foundry user, identified by the `user_id` of their JWT. */
export interface CloudFoundryIdentity extends IdentityCommon {
  platform: 'cloudfoundry';
  user_id: string;
}

/** A Kubernetes user, as in the `user.info` object. */
export interface KubernetesIdentity extends IdentityCommon {
  platform: 'kubernetes';
  username: string;
  uid: string;
  groups: string[];
  extra: Record<string, string[]>;
}

/** An IBM Cloud user, identified by their IAM ID. */
export interface IbmCloudIdentity extends IdentityCommon {
  platform: 'ibmcloud';
  iam_id: string;
}

/** A user of a platform this runtime has no profile for. */
export interface OtherPlatformIdentity extends IdentityCommon {
  platform: string;
}

/** Who caused a request, by platform; narrow to a known one with isOriginatingIdentityOf. */
export type OriginatingIdentity =
  CloudFoundryIdentity | KubernetesIdentity | IbmCloudIdentity | OtherPlatformIdentity;

/** Platforms whose identity properties are known and checked. */
export type KnownPlatform = 'cloudfoundry' | 'kubernetes' | 'ibmcloud';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who caused the request; undefined when the platform sent no originating identity. */
    originatingIdentity?: OriginatingIdentity | undefined;
  }
}

const PREFIX = 'The X-Broker-API-Originating-Identity header is malformed';
// Standard base64 (RFC 4648 section 4). Padding is optional: some senders strip it.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Narrows an identity to one known platform; a plain `platform === 'kubernetes'` check cannot,
 * because the other-platform variant's `platform` is any string. Throws nothing.
 */
export function isOriginatingIdentityOf<P extends KnownPlatform>(
  identity: OriginatingIdentity | undefined,
  platform: P,
): identity is Extract<OriginatingIdentity, { platform: P }> {
  return identity?.platform === platform;
}

/**
 * Parses an `X-Broker-API-Originating-Identity` header. Throws OsbError 400 naming the problem:
 * no space, empty platform or value, a value that is not base64 of a JSON object, or a known
 * platform's required property missing or mistyped.
 */
export function parseOriginatingIdentity(raw: string): OriginatingIdentity {
  const space = raw.indexOf(' ');
  if (space < 0) {
    throw badRequest(`${PREFIX}: expected '<platform> <base64 JSON object>' separated by a space.`);
  }
  const platform = raw.slice(0, space);
  const encoded = raw.slice(space + 1);
  if (platform === '') throw badRequest(`${PREFIX}: the platform is empty.`);
  if (encoded === '') throw badRequest(`${PREFIX}: the value after the platform is empty.`);
  const value = decodeValue(encoded);
  const common = { value, raw };
  switch (platform) {
    case 'cloudfoundry':
      return { platform, user_id: requireString(value, platform, 'user_id'), ...common };
    case 'ibmcloud':
      return { platform, iam_id: requireString(value, platform, 'iam_id'), ...common };
    case 'kubernetes':
      return {
        platform,
        username: requireString(value, platform, 'username'),
        uid: requireString(value, platform, 'uid'),
        groups: requireGroups(value),
        extra: requireExtra(value),
        ...common,
      };
    default:
      return { platform, ...common };
  }
}

/**
 * Parses the header into `request.originatingIdentity`, and leaves it undefined when the header
 * is absent (a platform MAY omit it, e.g. for the catalog). The protocol layer runs it in its
 * `onRequest` hook. Throws OsbError 400 for a malformed header.
 */
export function readOriginatingIdentity(request: FastifyRequest): void {
  const header = request.headers['x-broker-api-originating-identity'];
  if (typeof header === 'string') request.originatingIdentity = parseOriginatingIdentity(header);
}

/**
 * Enforces that the header's platform equals `context.platform` when a body sends both (the
 * specification: "this value MUST be the same"). The protocol layer runs it in its `preHandler`
 * hook, once the body is parsed. Throws OsbError 400 when they differ.
 */
export function checkContextPlatform(request: FastifyRequest): void {
  const identity = request.originatingIdentity;
  if (identity === undefined) return;
  const context = isRecord(request.body) ? request.body['context'] : undefined;
  const contextPlatform = isRecord(context) ? context['platform'] : undefined;
  if (typeof contextPlatform !== 'string' || contextPlatform === identity.platform) return;
  throw badRequest(
    `The X-Broker-API-Originating-Identity platform '${identity.platform}' differs from context.platform '${contextPlatform}'; they must be the same.`,
  );
}

/**
 * The `onRequest` hook form of `readOriginatingIdentity`, for servers that do not use the
 * protocol plugin. The hook throws OsbError 400 for a malformed header.
 */
export function createOriginatingIdentityHook(): (request: FastifyRequest) => Promise<void> {
  return async function readIdentity(request) {
    readOriginatingIdentity(request);
  };
}

/**
 * The `preHandler` hook form of `checkContextPlatform`, for servers that do not use the protocol
 * plugin. The hook throws OsbError 400 when the platforms differ.
 */
export function createContextPlatformHook(): (request: FastifyRequest) => Promise<void> {
  return async function checkPlatform(request) {
    checkContextPlatform(request);
  };
}

function decodeValue(encoded: string): Record<string, unknown> {
  if (!isBase64(encoded)) {
    throw badRequest(`${PREFIX}: the value is not base64.`);
  }
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(encoded, 'base64'));
    parsed = JSON.parse(text);
  } catch {
    throw badRequest(`${PREFIX}: the value does not decode to UTF-8 JSON.`);
  }
  if (!isRecord(parsed)) {
    throw badRequest(`${PREFIX}: the value decodes to JSON that is not an object.`);
  }
  return parsed;
}

function isBase64(encoded: string): boolean {
  const unpadded = encoded.replace(/=+$/, '');
  if (!BASE64.test(encoded) || unpadded.length % 4 === 1) return false;
  // Padding, when present, must complete the last group of four.
  return unpadded.length === encoded.length || encoded.length % 4 === 0;
}

// Profile: these properties MUST appear; the specification: a string present is non-empty.
function requireString(value: Record<string, unknown>, platform: string, name: string): string {
  const field = value[name];
  if (typeof field !== 'string' || field === '') {
    throw badRequest(`${PREFIX}: ${platform} identities need ${name} as a non-empty string.`);
  }
  return field;
}

function requireGroups(value: Record<string, unknown>): string[] {
  const groups = value['groups'];
  if (!isStringArray(groups)) {
    throw badRequest(`${PREFIX}: kubernetes identities need groups as an array of strings.`);
  }
  return groups;
}

function requireExtra(value: Record<string, unknown>): Record<string, string[]> {
  const extra = value['extra'];
  if (!isRecord(extra) || !Object.values(extra).every(isStringArray)) {
    throw badRequest(
      `${PREFIX}: kubernetes identities need extra as an object of arrays of strings.`,
    );
  }
  return extra as Record<string, string[]>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
