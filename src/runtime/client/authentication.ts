/**
 * How a client proves who it is ("Platform to Service Broker Authentication" in OSB): HTTP
 * Basic (RFC 7617), a Bearer token (RFC 6750), or a function that supplies headers for each
 * request, which fits token sources that refresh (IBM Cloud IAM, OAuth client credentials).
 */

/** A user name and password, sent as `Authorization: Basic`. */
export interface BasicAuthentication {
  basic: { username: string; password: string };
}

/** A token, or a function returning the current one, sent as `Authorization: Bearer`. */
export interface BearerAuthentication {
  bearer: string | (() => string | Promise<string>);
}

/** What an authentication function is told about the request it signs. */
export interface AuthenticatedRequest {
  method: string;
  url: string;
}

/** Headers for one request, computed when it is sent (each retry asks again). */
export type AuthenticationFunction = (
  request: AuthenticatedRequest,
) => Record<string, string> | Promise<Record<string, string>>;

export type ClientAuthentication =
  BasicAuthentication | BearerAuthentication | AuthenticationFunction;

/**
 * The headers that authenticate one request. Called for every attempt, so a token function is
 * asked again after a retry's wait. Throws whatever a token function throws.
 */
export async function authenticationHeaders(
  authentication: ClientAuthentication | undefined,
  request: AuthenticatedRequest,
): Promise<Record<string, string>> {
  return authenticationHeadersNow(authentication, request);
}

/**
 * The same headers, without a promise when they are known at once (no authentication, Basic, a
 * fixed token): a client authenticates every call, and a promise for each costs a turn of the
 * event loop's microtasks. Throws whatever a token function throws.
 */
export function authenticationHeadersNow(
  authentication: ClientAuthentication | undefined,
  request: AuthenticatedRequest,
): Record<string, string> | Promise<Record<string, string>> {
  if (authentication === undefined) return {};
  if (typeof authentication === 'function') return authentication(request);
  if ('basic' in authentication) return { Authorization: basicAuthorization(authentication.basic) };
  const { bearer } = authentication;
  if (typeof bearer !== 'function') return { Authorization: `Bearer ${bearer}` };
  return Promise.resolve(bearer()).then((token) => ({ Authorization: `Bearer ${token}` }));
}

/** The last Authorization header made for each credentials object, with what it was made of. */
const basicHeaders = new WeakMap<object, { username: string; password: string; header: string }>();

/**
 * `Basic <base64>` for the credentials, made once per credentials object (and again if its fields
 * change): a client sends the same header on every call. Throws nothing.
 */
function basicAuthorization(basic: BasicAuthentication['basic']): string {
  const { username, password } = basic;
  const made = basicHeaders.get(basic);
  if (made !== undefined && made.username === username && made.password === password) {
    return made.header;
  }
  const header = `Basic ${encodeBase64(`${username}:${password}`)}`;
  basicHeaders.set(basic, { username, password, header });
  return header;
}

/**
 * Base64 of the UTF-8 bytes of `text` (RFC 7617 §2.1 allows UTF-8 credentials; `btoa` alone
 * takes only Latin-1). Throws nothing.
 */
export function encodeBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
