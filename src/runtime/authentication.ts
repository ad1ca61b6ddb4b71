import { timingSafeEqual } from 'node:crypto';
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
 * lengths (see `compareWithSecret`, which the authentication checks prepare once). Throws
 * nothing.
 */
export function isEqualInConstantTime(given: string, expected: string): boolean {
  return compareWithSecret(expected)(given);
}

/**
 * Checks a request's credentials: returns when they are accepted, returns a promise only when a
 * Bearer `verify` function decides, and throws OsbError 401 otherwise.
 */
export type Authenticator = (request: FastifyRequest) => Promise<void> | undefined;

/**
 * Builds the check for "Platform to Service Broker Authentication": a request that fails
 * authentication is answered 401 (a MUST), with a `WWW-Authenticate` challenge per accepted
 * scheme. The protocol layer runs it in its `onRequest` hook. Throws OsbUsageError
 * OSB_RUNTIME_INVALID_OPTIONS for unusable options; the check throws OsbError 401, or whatever
 * a `verify` function throws.
 */
export function createAuthenticator(options: AuthenticationOptions): Authenticator {
  checkAuthenticationOptions(options);
  const challenges = buildChallenges(options);
  const accepted = [...(options.basic ? ['Basic'] : []), ...(options.bearer ? ['Bearer'] : [])];
  const expected = prepareCredentials(options);

  const reject = (reason: string): OsbError =>
    new OsbError(401, {
      description: `Authentication failed: ${reason}.`,
      headers: { 'WWW-Authenticate': challenges },
    });

  return function authenticate(request) {
    const header = request.headers.authorization;
    // A platform sends the same header on every request: when it is exactly the one the
    // configured credentials make, one comparison settles it. Taking this shortcut tells a
    // caller nothing the answer does not: only valid credentials take it.
    if (header !== undefined && isCanonicalHeader(header, expected)) return undefined;
    const presented = readCredentials(header, options);
    if (presented.scheme === 'rejected') {
      throw reject(`${presented.reason}; this broker accepts ${accepted.join(' or ')}`);
    }
    const verify = options.bearer && 'verify' in options.bearer ? options.bearer.verify : undefined;
    if (presented.scheme === 'bearer' && verify !== undefined) {
      return Promise.resolve(verify(presented.token)).then((valid) => {
        if (valid !== true) throw reject('the credentials are not valid');
      });
    }
    if (!isAuthentic(presented, expected)) throw reject('the credentials are not valid');
    return undefined;
  };
}

/**
 * The `onRequest` hook form of `createAuthenticator`, for servers that do not use the protocol
 * plugin. Throws OsbUsageError OSB_RUNTIME_INVALID_OPTIONS for unusable options; the hook
 * throws OsbError 401, or whatever a `verify` function throws.
 */
export function createAuthenticationHook(
  options: AuthenticationOptions,
): (request: FastifyRequest) => Promise<void> {
  const authenticate = createAuthenticator(options);
  return async function authenticateRequest(request) {
    await authenticate(request);
  };
}

/** Compares a presented string with one configured secret; true when they are equal. */
type SecretComparison = (given: string) => boolean;

/** The configured secrets, each ready to be compared with what a request presents. */
interface ExpectedCredentials {
  /** The Authorization headers the credentials make in their usual spelling. */
  headers: SecretComparison[];
  username?: SecretComparison | undefined;
  password?: SecretComparison | undefined;
  token?: SecretComparison | undefined;
}

function prepareCredentials(options: AuthenticationOptions): ExpectedCredentials {
  const expected: ExpectedCredentials = { headers: [] };
  if (options.basic) {
    const { username, password } = options.basic;
    const encoded = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
    expected.headers.push(compareWithSecret(`Basic ${encoded}`));
    expected.username = compareWithSecret(username);
    expected.password = compareWithSecret(password);
  }
  if (options.bearer && 'token' in options.bearer) {
    expected.headers.push(compareWithSecret(`Bearer ${options.bearer.token}`));
    expected.token = compareWithSecret(options.bearer.token);
  }
  return expected;
}

function isCanonicalHeader(header: string, expected: ExpectedCredentials): boolean {
  let matches = false;
  // Every candidate is compared, so timing does not say which scheme matched.
  for (const isSecret of expected.headers) matches = isSecret(header) || matches;
  return matches;
}

/** Secrets up to this many bytes are compared in time that does not depend on their length. */
const SECRET_BUFFER_BYTES = 512;

/**
 * Compares with `secret` in time that depends on neither its contents nor its length (beyond
 * the power of two above it, for secrets over SECRET_BUFFER_BYTES): the presented string is
 * copied into a buffer of fixed size and compared with the secret, zero-padded to that size, by
 * `timingSafeEqual`; the lengths are compared apart. Hashing both sides with SHA-256 does the
 * same, but creating the two hashes took about a fifth of the broker's time per request on
 * `GET /v2/catalog` (bench/); this takes a few hundred nanoseconds.
 */
function compareWithSecret(secret: string): SecretComparison {
  const secretBytes = Buffer.byteLength(secret, 'utf8');
  let size = SECRET_BUFFER_BYTES;
  while (size < secretBytes) size *= 2;
  const padded = Buffer.alloc(size);
  padded.write(secret, 'utf8');
  // Reused by every call: the comparison runs to its end without yielding.
  const presented = Buffer.alloc(size);
  return (given) => {
    // A string longer than the buffer is cut short, and then differs in length.
    const written = presented.write(given, 'utf8');
    presented.fill(0, written);
    const sameBytes = timingSafeEqual(presented, padded);
    const sameLength = Buffer.byteLength(given, 'utf8') === secretBytes;
    return sameBytes && sameLength;
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

function isAuthentic(
  presented: Exclude<PresentedCredentials, { scheme: 'rejected' }>,
  expected: ExpectedCredentials,
): boolean {
  if (presented.scheme === 'basic') {
    if (expected.username === undefined || expected.password === undefined) return false;
    // Both comparisons always run (no short circuit), so timing does not say which failed.
    const username = expected.username(presented.username);
    const password = expected.password(presented.password);
    return username && password;
  }
  return expected.token !== undefined && expected.token(presented.token);
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
