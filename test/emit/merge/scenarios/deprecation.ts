import { ERRORS, HEADER, TYPES, type MergeScenario } from './merge-scenario.js';

const TWO_OPERATIONS = `${HEADER}

import type {
  InstanceHandlers,
  ProvisionRequest,
  ProvisionReply,
  DeprovisionRequest,
  DeprovisionReply,
} from ${TYPES};
${ERRORS}

export class ServiceInstancesService implements InstanceHandlers {
  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented('provisionServiceInstance');
  }

  /** Deprovision a service instance. */
  async deprovisionServiceInstance(request: DeprovisionRequest): Promise<DeprovisionReply> {
    return notImplemented('deprovisionServiceInstance');
  }
}
`;

const PROVISION_ONLY = `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};
${ERRORS}

export class ServiceInstancesService implements InstanceHandlers {
  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented('provisionServiceInstance');
  }
}
`;

const USER_BODY = `    await this.store.delete(request.params.instance_id);
    return { status: 200, body: {} };`;

const DEPRECATED = `${HEADER}

import type {
  InstanceHandlers,
  ProvisionRequest,
  ProvisionReply,
  DeprovisionRequest,
  DeprovisionReply,
} from ${TYPES};
${ERRORS}

export class ServiceInstancesService implements InstanceHandlers {
  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented('provisionServiceInstance');
  }

  /**
   * Deprovision a service instance.
   *
   * @deprecated brokergen: deprovisionServiceInstance is no longer in the spec; this method is kept
   * because it may hold your code. Delete it when you no longer need it.
   */
  async deprovisionServiceInstance(request: DeprovisionRequest): Promise<DeprovisionReply> {
${USER_BODY}
  }
}
`;

/** Declarations whose operation left the spec, and came back. */
export const deprecationScenarios: MergeScenario[] = [
  {
    name: 'keeps a method whose operation left the spec, with its imports, and marks it deprecated',
    base: TWO_OPERATIONS,
    user: TWO_OPERATIONS.replace(
      "    return notImplemented('deprovisionServiceInstance');",
      USER_BODY,
    ),
    generated: PROVISION_ONLY,
    want: DEPRECATED,
    notes: [
      {
        kind: 'deprecated',
        line: 25,
        symbol: 'ServiceInstancesService.deprovisionServiceInstance',
      },
    ],
  },
  {
    name: 'does not mark a method deprecated a second time',
    base: TWO_OPERATIONS,
    user: DEPRECATED,
    generated: PROVISION_ONLY,
    want: DEPRECATED,
    status: 'unchanged',
  },
  {
    name: 'gives a dropped function without a JSDoc one that says it is deprecated',
    base: `${HEADER}

export function createCatalog(): string[] {
  return [];
}

export function createStore(): Map<string, string> {
  return new Map();
}
`,
    user: `${HEADER}

export function createCatalog(): string[] {
  return ['my-service'];
}

export function createStore(): Map<string, string> {
  return new Map();
}
`,
    generated: `${HEADER}

export function createStore(): Map<string, string> {
  return new Map();
}
`,
    want: `${HEADER}

/**
 * @deprecated brokergen: createCatalog is no longer in the spec; this function is kept because it
 * may hold your code. Delete it when you no longer need it.
 */
export function createCatalog(): string[] {
  return ['my-service'];
}

export function createStore(): Map<string, string> {
  return new Map();
}
`,
    notes: [{ kind: 'deprecated', line: 8, symbol: 'createCatalog' }],
  },
  {
    name: 'puts a new first method above a dropped one without taking its deprecation JSDoc',
    base: `export class CatalogService {
  async getCatalog(): Promise<string[]> {
    return [];
  }
}
`,
    user: `export class CatalogService {
  async getCatalog(): Promise<string[]> {
    return [];
  }
}
`,
    generated: `export class CatalogService {
  async fetchCatalog(): Promise<string[]> {
    return [];
  }
}
`,
    want: `export class CatalogService {
  async fetchCatalog(): Promise<string[]> {
    return [];
  }

  /**
   * @deprecated brokergen: getCatalog is no longer in the spec; this method is kept because it may
   * hold your code. Delete it when you no longer need it.
   */
  async getCatalog(): Promise<string[]> {
    return [];
  }
}
`,
    notes: [
      { kind: 'added', line: 2, symbol: 'CatalogService.fetchCatalog' },
      { kind: 'deprecated', line: 10, symbol: 'CatalogService.getCatalog' },
    ],
  },
  {
    name: "takes brokergen's deprecation note out when the operation comes back to the spec",
    base: PROVISION_ONLY,
    user: DEPRECATED,
    generated: TWO_OPERATIONS,
    want: TWO_OPERATIONS.replace(
      "    return notImplemented('deprovisionServiceInstance');",
      USER_BODY,
    ),
  },
];
