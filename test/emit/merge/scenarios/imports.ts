import { HEADER, TYPES, type MergeScenario } from './merge-scenario.js';

/** Imports: the user's stay, the generator's follow the code. */
export const importScenarios: MergeScenario[] = [
  {
    name: 'keeps an import and a helper function the user added',
    base: `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};

/** Service Instances. */
export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return { status: 201, body: {} };
  }
}
`,
    user: `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};
import { randomUUID } from 'node:crypto';

/** Service Instances. */
export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return { status: 201, body: { operation: newOperationId() } };
  }
}

function newOperationId(): string {
  return randomUUID();
}
`,
    generated: `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};

/** Service Instances: provision, update, deprovision and fetch. */
export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return { status: 201, body: {} };
  }
}
`,
    want: `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};
import { randomUUID } from 'node:crypto';

/** Service Instances: provision, update, deprovision and fetch. */
export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return { status: 201, body: { operation: newOperationId() } };
  }
}

function newOperationId(): string {
  return randomUUID();
}
`,
    notes: [{ kind: 'updated-signature', line: 8, symbol: 'ServiceInstancesService' }],
  },
  {
    name: 'follows a renamed schema type: the signature and imports change, the body stays',
    base: `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};

export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return { status: 501, body: {} };
  }
}
`,
    user: `${HEADER}

import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};

export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    // user-line: reserve capacity before answering
    return { status: 202, body: { operation: request.params.instance_id } };
  }
}
`,
    generated: `${HEADER}

import type {
  InstanceHandlers,
  ProvisionServiceInstanceRequest,
  ProvisionReply,
} from ${TYPES};

export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(
    request: ProvisionServiceInstanceRequest,
  ): Promise<ProvisionReply> {
    return { status: 501, body: {} };
  }
}
`,
    want: `${HEADER}

import type {
  InstanceHandlers,
  ProvisionServiceInstanceRequest,
  ProvisionReply,
} from ${TYPES};

export class ServiceInstancesService implements InstanceHandlers {
  async provisionServiceInstance(
    request: ProvisionServiceInstanceRequest,
  ): Promise<ProvisionReply> {
    // user-line: reserve capacity before answering
    return { status: 202, body: { operation: request.params.instance_id } };
  }
}
`,
    notes: [
      { kind: 'pruned-import', line: 4, symbol: 'ProvisionRequest' },
      {
        kind: 'updated-signature',
        line: 11,
        symbol: 'ServiceInstancesService.provisionServiceInstance',
      },
    ],
  },
  {
    name: 'adds new names to the import of the same kind, keeping import type apart from values',
    base: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { notImplemented } from '../server/runtime/errors.js';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    return notImplemented('getServiceInstance');
  }
}
`,
    user: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { notImplemented } from '../server/runtime/errors.js';
import { readFile } from 'node:fs/promises';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    return { status: 200, body: JSON.parse(await readFile('instances.json', 'utf8')) };
  }
}
`,
    generated: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { gone, notImplemented } from '../server/runtime/errors.js';
import type { BrokerError } from '../server/runtime/errors.js';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    return notImplemented('getServiceInstance');
  }

  async forget(instanceId: string): Promise<BrokerError> {
    return gone(instanceId);
  }
}
`,
    want: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { gone, notImplemented } from '../server/runtime/errors.js';
import type { BrokerError } from '../server/runtime/errors.js';
import { readFile } from 'node:fs/promises';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    return { status: 200, body: JSON.parse(await readFile('instances.json', 'utf8')) };
  }

  async forget(instanceId: string): Promise<BrokerError> {
    return gone(instanceId);
  }
}
`,
    notes: [{ kind: 'added', line: 14, symbol: 'ServiceInstancesService.forget' }],
  },
  {
    name: 'moves an import the generator now takes from another module',
    base: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { notImplemented } from '../server/runtime/errors.js';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    return notImplemented('getServiceInstance');
  }
}
`,
    user: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { notImplemented } from '../server/runtime/errors.js';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    // user-line: not done yet
    return notImplemented('getServiceInstance');
  }
}
`,
    generated: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { notImplemented } from '../server/runtime/not-implemented.js';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    return notImplemented('getServiceInstance');
  }
}
`,
    want: `${HEADER}

import type { InstanceHandlers, FetchRequest, FetchReply } from ${TYPES};
import { notImplemented } from '../server/runtime/not-implemented.js';

export class ServiceInstancesService implements InstanceHandlers {
  async getServiceInstance(request: FetchRequest): Promise<FetchReply> {
    // user-line: not done yet
    return notImplemented('getServiceInstance');
  }
}
`,
    notes: [{ kind: 'pruned-import', line: 4, symbol: 'notImplemented' }],
  },
];
