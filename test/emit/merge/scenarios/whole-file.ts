import { ERRORS, HEADER, TYPES, type MergeScenario } from './merge-scenario.js';

const PROVISION = `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};
${ERRORS}

/** Service Instances. */
export class ServiceInstancesService implements InstanceHandlers {
  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented('provisionServiceInstance');
  }
}
`;

const WITH_UPDATE = `${HEADER}

import type {
  InstanceHandlers,
  ProvisionRequest,
  ProvisionReply,
  UpdateRequest,
  UpdateReply,
} from ${TYPES};
${ERRORS}

/** Service Instances. */
export class ServiceInstancesService implements InstanceHandlers {
  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented('provisionServiceInstance');
  }

  /** Update a service instance. */
  async updateServiceInstance(request: UpdateRequest): Promise<UpdateReply> {
    return notImplemented('updateServiceInstance');
  }
}
`;

const IDENTICAL_CHANGE = PROVISION.replace(
  'async provisionServiceInstance(request: ProvisionRequest)',
  'async provisionServiceInstance(request: Readonly<ProvisionRequest>)',
);

/** Whole-file concerns: parsing, formatting, the header, a lost base. */
export const wholeFileScenarios: MergeScenario[] = [
  {
    name: 'leaves a user file that does not parse untouched and reports the syntax error',
    base: PROVISION,
    user: PROVISION.replace(
      "notImplemented('provisionServiceInstance');",
      "notImplemented('provision';",
    ),
    generated: WITH_UPDATE,
    want: PROVISION.replace(
      "notImplemented('provisionServiceInstance');",
      "notImplemented('provision';",
    ),
    status: 'unparseable',
    conflicts: [{ line: 11, symbol: '' }],
  },
  {
    name: "keeps the user's comments, blank lines and odd formatting byte for byte",
    base: PROVISION,
    user: `${HEADER}
// Owned by the platform team.

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};
${ERRORS}


/** Service Instances. */
export class ServiceInstancesService implements InstanceHandlers {

  // ---- provisioning ------------------------------------------------------

  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented( 'provisionServiceInstance' )   // TODO(#12) real backend
  }



  /* keep me */
}
// end of file
`,
    generated: WITH_UPDATE,
    want: `${HEADER}
// Owned by the platform team.

import type {
  InstanceHandlers,
  ProvisionRequest,
  ProvisionReply,
  UpdateRequest,
  UpdateReply,
} from ${TYPES};
${ERRORS}


/** Service Instances. */
export class ServiceInstancesService implements InstanceHandlers {

  // ---- provisioning ------------------------------------------------------

  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented( 'provisionServiceInstance' )   // TODO(#12) real backend
  }

  /** Update a service instance. */
  async updateServiceInstance(request: UpdateRequest): Promise<UpdateReply> {
    return notImplemented('updateServiceInstance');
  }



  /* keep me */
}
// end of file
`,
    notes: [{ kind: 'added', line: 26, symbol: 'ServiceInstancesService.updateServiceInstance' }],
  },
  {
    name: 'replaces the header with the generated one',
    base: PROVISION,
    user: PROVISION.replace(
      "return notImplemented('provisionServiceInstance');",
      'return { status: 201, body: {} };',
    ),
    generated: PROVISION.replace('API 2.17', 'API 2.18'),
    want: PROVISION.replace('API 2.17', 'API 2.18').replace(
      "return notImplemented('provisionServiceInstance');",
      'return { status: 201, body: {} };',
    ),
  },
  {
    name: "merges without a base: adds what is new and keeps the user's version of the rest",
    base: undefined,
    user: PROVISION.replace(
      "return notImplemented('provisionServiceInstance');",
      'return { status: 201, body: {} };',
    ).replace('  }\n}\n', '  }\n\n  async ping(): Promise<void> {}\n}\n'),
    generated: WITH_UPDATE.replace(
      '  }\n}\n',
      "  }\n\n  async ping(): Promise<string> {\n    return notImplemented('ping');\n  }\n}\n",
    ),
    want: WITH_UPDATE.replace(
      "return notImplemented('provisionServiceInstance');",
      'return { status: 201, body: {} };',
    ).replace('  }\n}\n', '  }\n\n  async ping(): Promise<void> {}\n}\n'),
    notes: [
      { kind: 'added', line: 21, symbol: 'ServiceInstancesService.updateServiceInstance' },
      { kind: 'kept-user-version', line: 25, symbol: 'ServiceInstancesService.ping' },
    ],
  },
  {
    name: 'keeps the Windows line endings of a user file',
    base: PROVISION,
    user: PROVISION.replaceAll('\n', '\r\n'),
    generated: WITH_UPDATE,
    want: WITH_UPDATE.replaceAll('\n', '\r\n'),
    notes: [{ kind: 'added', line: 21, symbol: 'ServiceInstancesService.updateServiceInstance' }],
  },
  {
    name: 'merges line edits to one interface and adds an overload without doubling the function',
    base: `export interface StoreOptions {
  path: string;
  limit: number;
}

export function load(key: string): string;
export function load(key: number): number;
export function load(key: unknown) {
  return key;
}
`,
    user: `export interface StoreOptions {
  path: string; // relative to the working directory
  limit: number;
}

export function load(key: string): string;
export function load(key: number): number;
export function load(key: unknown) {
  return structuredClone(key);
}
`,
    generated: `export interface StoreOptions {
  path: string;
  limit: number;
  ttl?: number;
}

export function load(key: string): string;
export function load(key: number): number;
export function load(key: bigint): bigint;
export function load(key: unknown) {
  return key;
}
`,
    want: `export interface StoreOptions {
  path: string; // relative to the working directory
  limit: number;
  ttl?: number;
}

export function load(key: string): string;
export function load(key: number): number;
export function load(key: bigint): bigint;
export function load(key: unknown) {
  return structuredClone(key);
}
`,
    notes: [{ kind: 'updated-signature', line: 7, symbol: 'load' }],
  },
  {
    name: 'takes a change both sides made identically',
    base: PROVISION,
    user: IDENTICAL_CHANGE.replace(
      "return notImplemented('provisionServiceInstance');",
      'return { status: 201, body: {} };',
    ),
    generated: IDENTICAL_CHANGE,
    want: IDENTICAL_CHANGE.replace(
      "return notImplemented('provisionServiceInstance');",
      'return { status: 201, body: {} };',
    ),
    status: 'unchanged',
  },
];
