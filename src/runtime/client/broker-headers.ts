/**
 * The OSB request headers a broker client sends on every request: `X-Broker-API-Version` ("API
 * Version Header"), `X-Broker-API-Originating-Identity` ("Originating Identity") and
 * `X-Broker-API-Request-Identity` ("Request Identity").
 */
import { encodeBase64 } from './authentication.js';

export const API_VERSION_HEADER = 'X-Broker-API-Version';
export const ORIGINATING_IDENTITY_HEADER = 'X-Broker-API-Originating-Identity';
export const REQUEST_IDENTITY_HEADER = 'X-Broker-API-Request-Identity';

/**
 * The value of `X-Broker-API-Originating-Identity`: the platform, a space, and the Base64 of
 * the JSON of `value` (`cloudfoundry`, `{ user_id: '683ea748-...' }`; `ibmcloud`, `{ iam_id:
 * 'IBMid-...' }`). Throws nothing but JSON.stringify's TypeError (cycles, BigInt).
 */
export function originatingIdentity(platform: string, value: object): string {
  return `${platform} ${encodeBase64(JSON.stringify(value))}`;
}

/**
 * A new request identity, a random UUID (the specification recommends a GUID). Uses the
 * global `crypto.randomUUID`: Node.js 19+, browsers in secure contexts, workers.
 */
export function createRequestIdentity(): string {
  return crypto.randomUUID();
}
