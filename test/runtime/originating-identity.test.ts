import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { OsbError } from '../../src/runtime/errors.js';
import {
  isOriginatingIdentityOf,
  parseOriginatingIdentity,
} from '../../src/runtime/originating-identity.js';
import type {
  KubernetesIdentity,
  OriginatingIdentity,
} from '../../src/runtime/originating-identity.js';
import {
  createServerPool,
  encodeIdentity,
  platformHeaders,
  putJson,
  registerBroker,
  readJson,
} from './support/broker-server.js';

const servers = createServerPool();
afterEach(() => servers.closeAll());

// The examples of the specification's profile and of IBM Cloud's broker documentation, verbatim.
const CLOUD_FOUNDRY =
  'cloudfoundry eyANCiAgInVzZXJfaWQiOiAiNjgzZWE3NDgtMzA5Mi00ZmY0LWI2NTYtMzljYWNjNGQ1MzYwIg0KfQ==';
const KUBERNETES =
  'kubernetes ew0KICAidXNlcm5hbWUiOiAiZHVrZSIsDQogICJ1aWQiOiAiYzJkZGUyNDItNWNlNC0xMWU3LTk4OGMtMDAwYzI5NDZmMTRmIiwNCiAgImdyb3VwcyI6IFsgImFkbWluIiwgImRldiIgXSwNCiAgImV4dHJhIjogew0KICAgICJteWRhdGEiOiBbICJkYXRhMSIsICJkYXRhMyIgXQ0KICB9DQp9';
const IBM_CLOUD = 'ibmcloud eyJpYW1faWQiOiJJQk1pZC01MEdOUjcxN1lFIn0=';
const OTHER = `myplatform ${encodeIdentity({ account: 'a-1', roles: ['admin'] })}`;

const KUBERNETES_VALUE = {
  username: 'duke',
  uid: 'c2dde242-5ce4-11e7-988c-000c2946f14f',
  groups: ['admin', 'dev'],
  extra: { mydata: ['data1', 'data3'] },
};

const VALID: [string, string, OriginatingIdentity][] = [
  [
    'the Cloud Foundry example',
    CLOUD_FOUNDRY,
    {
      platform: 'cloudfoundry',
      user_id: '683ea748-3092-4ff4-b656-39cacc4d5360',
      value: { user_id: '683ea748-3092-4ff4-b656-39cacc4d5360' },
      raw: CLOUD_FOUNDRY,
    },
  ],
  [
    'the Kubernetes example',
    KUBERNETES,
    { platform: 'kubernetes', ...KUBERNETES_VALUE, value: KUBERNETES_VALUE, raw: KUBERNETES },
  ],
  [
    'the IBM Cloud example',
    IBM_CLOUD,
    {
      platform: 'ibmcloud',
      iam_id: 'IBMid-50GNR717YE',
      value: { iam_id: 'IBMid-50GNR717YE' },
      raw: IBM_CLOUD,
    },
  ],
  [
    'an unknown platform',
    OTHER,
    { platform: 'myplatform', value: { account: 'a-1', roles: ['admin'] }, raw: OTHER },
  ],
  [
    'base64 without padding',
    'ibmcloud eyJpYW1faWQiOiJJQk1pZC01MEdOUjcxN1lFIn0',
    {
      platform: 'ibmcloud',
      iam_id: 'IBMid-50GNR717YE',
      value: { iam_id: 'IBMid-50GNR717YE' },
      raw: 'ibmcloud eyJpYW1faWQiOiJJQk1pZC01MEdOUjcxN1lFIn0',
    },
  ],
  [
    'extra properties a platform adds',
    `cloudfoundry ${encodeIdentity({ user_id: 'u-1', user_name: 'ada' })}`,
    {
      platform: 'cloudfoundry',
      user_id: 'u-1',
      value: { user_id: 'u-1', user_name: 'ada' },
      raw: `cloudfoundry ${encodeIdentity({ user_id: 'u-1', user_name: 'ada' })}`,
    },
  ],
];

// Headers that can arrive over HTTP.
const MALFORMED: [string, string, string][] = [
  ['no space', 'cloudfoundry', "expected '<platform> <base64 JSON object>'"],
  ['a value that is not base64', 'cloudfoundry not*base64', 'the value is not base64'],
  ['padding that does not complete a group', 'cloudfoundry abc==', 'the value is not base64'],
  ['two spaces', `cloudfoundry  ${encodeIdentity({ user_id: 'u' })}`, 'the value is not base64'],
  [
    'a value that is not JSON (IBM sample requests send a bare IAM ID)',
    'ibmcloud aWJtaWQtNDU2MzQ1WA==',
    'does not decode to UTF-8 JSON',
  ],
  [
    'a value that is not UTF-8',
    `cloudfoundry ${Buffer.from([0x7b, 0xff, 0x7d]).toString('base64')}`,
    'does not decode to UTF-8 JSON',
  ],
  ['a JSON array', `cloudfoundry ${encodeIdentity(['u'])}`, 'JSON that is not an object'],
  ['a JSON string', `cloudfoundry ${encodeIdentity('u')}`, 'JSON that is not an object'],
  ['JSON null', `cloudfoundry ${encodeIdentity(null)}`, 'JSON that is not an object'],
  [
    'Cloud Foundry without user_id',
    `cloudfoundry ${encodeIdentity({ user: 'u' })}`,
    'cloudfoundry identities need user_id as a non-empty string',
  ],
  [
    'Cloud Foundry with an empty user_id',
    `cloudfoundry ${encodeIdentity({ user_id: '' })}`,
    'cloudfoundry identities need user_id as a non-empty string',
  ],
  [
    'IBM Cloud with a numeric iam_id',
    `ibmcloud ${encodeIdentity({ iam_id: 42 })}`,
    'ibmcloud identities need iam_id as a non-empty string',
  ],
  [
    'Kubernetes without uid',
    `kubernetes ${encodeIdentity({ ...KUBERNETES_VALUE, uid: undefined })}`,
    'kubernetes identities need uid as a non-empty string',
  ],
  [
    'Kubernetes with groups that are not an array',
    `kubernetes ${encodeIdentity({ ...KUBERNETES_VALUE, groups: 'admin' })}`,
    'kubernetes identities need groups as an array of strings',
  ],
  [
    'Kubernetes without extra',
    `kubernetes ${encodeIdentity({ ...KUBERNETES_VALUE, extra: undefined })}`,
    'kubernetes identities need extra as an object of arrays of strings',
  ],
  [
    'Kubernetes with an extra entry that is not an array',
    `kubernetes ${encodeIdentity({ ...KUBERNETES_VALUE, extra: { team: 'a' } })}`,
    'kubernetes identities need extra as an object of arrays of strings',
  ],
];

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('parseOriginatingIdentity', () => {
  it.each(VALID)('parses %s', (_name, given, want) => {
    expect(parseOriginatingIdentity(given)).toEqual(want);
  });

  // HTTP trims whitespace around a header value, so these two arrive only through the parser.
  it.each([
    ...MALFORMED,
    ['an empty platform', ` ${encodeIdentity({ user_id: 'u' })}`, 'the platform is empty'],
    ['an empty value', 'cloudfoundry ', 'the value after the platform is empty'],
  ])('refuses %s with a 400 saying why', (_name, given, want) => {
    const error = captureError(() => parseOriginatingIdentity(given));
    expect(error).toBeInstanceOf(OsbError);
    expect((error as OsbError).status).toBe(400);
    expect((error as OsbError).description).toContain(want);
  });
});

describe('isOriginatingIdentityOf', () => {
  it('narrows an identity to the Kubernetes variant', () => {
    const identity: OriginatingIdentity = parseOriginatingIdentity(KUBERNETES);
    if (!isOriginatingIdentityOf(identity, 'kubernetes')) throw new Error('not kubernetes');
    expectTypeOf(identity).toEqualTypeOf<KubernetesIdentity>();
    expect(identity.groups).toEqual(['admin', 'dev']);
  });

  it('says false for another platform', () => {
    expect(isOriginatingIdentityOf(parseOriginatingIdentity(IBM_CLOUD), 'cloudfoundry')).toBe(
      false,
    );
  });
});

describe('the X-Broker-API-Originating-Identity check', () => {
  it.each([
    ['a Cloud Foundry', CLOUD_FOUNDRY],
    ['a Kubernetes', KUBERNETES],
    ['an IBM Cloud', IBM_CLOUD],
    ['an unknown platform', OTHER],
  ])('exposes %s identity on request.originatingIdentity', async (_name, header) => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog', {
      headers: platformHeaders({ 'X-Broker-API-Originating-Identity': header }),
    });
    expect(response.status).toBe(200);
    expect((await readJson(response)).originatingIdentity).toEqual(
      parseOriginatingIdentity(header),
    );
  });

  it('leaves request.originatingIdentity undefined when the header is absent', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog', { headers: platformHeaders() });
    expect((await readJson(response)).originatingIdentity).toBeNull();
  });

  it.each(MALFORMED)('answers 400 for %s', async (_name, header, want) => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request('/v2/catalog', {
      headers: platformHeaders({ 'X-Broker-API-Originating-Identity': header }),
    });
    expect(response.status).toBe(400);
    expect((await readJson(response)).description).toContain(want);
  });

  it('answers 400 when the identity platform differs from context.platform', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request(
      '/v2/service_instances/i-1',
      putJson(
        { service_id: 's', plan_id: 'p', context: { platform: 'kubernetes' } },
        { 'X-Broker-API-Originating-Identity': CLOUD_FOUNDRY },
      ),
    );
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      description:
        "The X-Broker-API-Originating-Identity platform 'cloudfoundry' differs from context.platform 'kubernetes'; they must be the same.",
    });
  });

  it('accepts a body whose context.platform matches the identity platform', async () => {
    const server = await servers.start((app) => registerBroker(app));
    const response = await server.request(
      '/v2/service_instances/i-1',
      putJson(
        { service_id: 's', plan_id: 'p', context: { platform: 'ibmcloud' } },
        { 'X-Broker-API-Originating-Identity': IBM_CLOUD },
      ),
    );
    expect(response.status).toBe(201);
  });
});
