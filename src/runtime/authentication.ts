import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { OsbError, OsbUsageError } from './errors.js';

/** The username and password a platform must send with HTTP Basic authentication. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** A fixed bearer token, or a function deciding whether a presented token is valid. */
export type BearerOptions =
  { token: string } | { verify(token: string): boolean | Promise<boolean> };

/** Which schemes the broker accepts; at least one of `basic` and `bearer` must be given. */
export interface AuthenticationOptions {
  basic?: BasicCredentials | undefined;
  bearer?: BearerOptions | undefined;
  /** The protection space named in `WWW-Authenticate` (RFC 7235 section 2.2). */
  realm?: string | undefined;
}

/** The credentials an Authorization header carried, or why it was rejected. */
type PresentedCredentials =
  | { scheme: 'basic'; username: string; password: string }
  | { scheme: 'bearer'; token: string }
  | { scheme: 'rejected'; reason: string };

// RFC 7235 section 2.1: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ].
const AUTHORIZATION = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +(.*))?$/s;
// RFC 7617 sends base64 (RFC 4648 section 4), padded to a multiple of four.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const DEFAULT_REALM = 'service-broker';

/**
 * Whether two secrets are equal, in time that depends on neither their contents nor their
 * lengths: both sides are hashed with SHA-256 first, so `timingSafeEqual` always compares 32
 * bytes. Throws nothing.
 */
export function isEqualInConstantTime(given: string, expected: string): boolean {
  const givenDigest = createHash('sha256').update(given, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(givenDigest, expectedDigest);
}

/**
 * Builds the `onRequest` hook for "Platform to Service Broker Authentication": a request that
 * fails authentication is answered 401 (a MUST), with a `WWW-Authenticate` challenge per
 * accepted scheme. Throws OsbUsageError OSB_RUNTIME_INVALID_OPTIONS for unusable options; the
 * hook throws OsbError 401, or whatever a `verify` function throws.
 */
export function createAuthenticationHook(
  options: AuthenticationOptions,
): (request: FastifyRequest) => Promise<void> {
  checkAuthenticationOptions(options);
  const challenges = buildChallenges(options);
  const accepted = [...(options.basic ? ['Basic'] : []), ...(options.bearer ? ['Bearer'] : [])];

  const reject = (reason: string): OsbError =>
    new OsbError(401, {
      description: `Authentication failed: ${reason}.`,
      headers: { 'WWW-Authenticate': challenges },
    });

  return async function authenticate(request) {
    const presented = readCredentials(request.headers.authorization, options);
    if (presented.scheme === 'rejected') {
      throw reject(`${presented.reason}; this broker accepts ${accepted.join(' or ')}`);
    }
    if (!(await isAuthentic(presented, options))) throw reject('the credentials are not valid');
  };
}

function readCredentials(
  header: string | undefined,
  options: AuthenticationOptions,
): PresentedCredentials {
  if (header === undefined || header === '') {
    return { scheme: 'rejected', reason: 'the Authorization header is missing' };
  }
  const match = AUTHORIZATION.exec(header);
  if (!match) return { scheme: 'rejected', reason: 'the Authorization header is malformed' };
  // Auth schemes are case-insensitive (RFC 7235 section 2.1); IBM Cloud sends "basic".
  const scheme = (match[1] ?? '').toLowerCase();
  const credentials = match[2] ?? '';
  if (scheme === 'basic' && options.basic) return readBasic(credentials);
  if (scheme === 'bearer' && options.bearer) {
    return BEARER_TOKEN.test(credentials)
      ? { scheme: 'bearer', token: credentials }
      : { scheme: 'rejected', reason: 'the Bearer token is malformed' };
  }
  return { scheme: 'rejected', reason: 'the Authorization scheme is not accepted' };
}

function readBasic(credentials: string): PresentedCredentials {
  const malformed = {
    scheme: 'rejected',
    reason: 'the Basic credentials are not base64 of username:password',
  } as const;
  if (credentials === '' || !BASE64.test(credentials)) return malformed;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(credentials, 'base64'));
  } catch {
    return malformed;
  }
  // RFC 7617 section 2: the user-id cannot contain a colon, the password can.
  const colon = decoded.indexOf(':');
  if (colon < 0) return malformed;
  return { scheme: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

async function isAuthentic(
  presented: Exclude<PresentedCredentials, { scheme: 'rejected' }>,
  options: AuthenticationOptions,
): Promise<boolean> {
  if (presented.scheme === 'basic') {
    const basic = options.basic;
    if (!basic) return false;
    // Both comparisons always run (no short circuit), so timing does not say which failed.
    const username = isEqualInConstantTime(presented.username, basic.username);
    const password = isEqualInConstantTime(presented.password, basic.password);
    return username && password;
  }
  const bearer = options.bearer;
  if (!bearer) return false;
  if ('token' in bearer) return isEqualInConstantTime(presented.token, bearer.token);
  return (await bearer.verify(presented.token)) === true;
}

function buildChallenges(options: AuthenticationOptions): string[] {
  const realm = quoteRealm(options.realm ?? DEFAULT_REALM);
  const challenges: string[] = [];
  // RFC 7617 section 2.1: charset="UTF-8" announces how user-id and password are encoded.
  if (options.basic) challenges.push(`Basic realm=${realm}, charset="UTF-8"`);
  if (options.bearer) challenges.push(`Bearer realm=${realm}`);
  return challenges;
}

function quoteRealm(realm: string): string {
  return `"${realm.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

function checkAuthenticationOptions(options: AuthenticationOptions): void {
  const fail = (problem: string): never => {
    throw new OsbUsageError('OSB_RUNTIME_INVALID_OPTIONS', `authentication: ${problem}`);
  };
  if (!options.basic && !options.bearer) fail('give basic, bearer or both');
  if (options.basic) {
    if (options.basic.username === '' || options.basic.password === '') {
      fail('basic username and password must be non-empty');
    }
    if (options.basic.username.includes(':')) fail('a basic username cannot contain ":"');
  }
  if (options.bearer && 'token' in options.bearer && !BEARER_TOKEN.test(options.bearer.token)) {
    fail('the bearer token must be a non-empty RFC 6750 b64token');
  }
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (options.realm !== undefined && /[\u0000-\u001f\u007f]/.test(options.realm)) {
    fail('the realm cannot contain control characters');
  }
}
