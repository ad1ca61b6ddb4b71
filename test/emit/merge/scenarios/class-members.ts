import { ERRORS, HEADER, TYPES, type MergeScenario } from './merge-scenario.js';

const PROVISION_TYPES = `import type { InstanceHandlers, ProvisionRequest, ProvisionReply } from ${TYPES};`;

const TWO_OPERATION_TYPES = `import type {
  InstanceHandlers,
  ProvisionRequest,
  ProvisionReply,
  DeprovisionRequest,
  DeprovisionReply,
} from ${TYPES};`;

const PROVISION_ONLY = `${HEADER}

${PROVISION_TYPES}
${ERRORS}

/** Service Instances: provision, update, deprovision and fetch. */
export class ServiceInstancesService implements InstanceHandlers {
  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    return notImplemented('provisionServiceInstance');
  }
}
`;

const TWO_OPERATIONS = `${HEADER}

${TWO_OPERATION_TYPES}
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

const WITH_SIGNAL = PROVISION_ONLY.replace(
  '(request: ProvisionRequest): Promise<ProvisionReply> {',
  `(
    request: ProvisionRequest,
    signal: AbortSignal,
  ): Promise<ProvisionReply> {`,
);

const EDITED_BODY = `    const plan = request.body.plan_id;
    return { status: 201, body: { dashboard_url: \`https://example.com/\${plan}\` } };`;

const STUB_BODY = `    return notImplemented('provisionServiceInstance');`;

/** Edits and additions inside a handler class. */
export const classMemberScenarios: MergeScenario[] = [
  {
    name: 'applies a changed signature and keeps the edited body',
    base: PROVISION_ONLY,
    user: PROVISION_ONLY.replace(STUB_BODY, EDITED_BODY),
    generated: WITH_SIGNAL,
    want: WITH_SIGNAL.replace(STUB_BODY, EDITED_BODY),
    notes: [
      {
        kind: 'updated-signature',
        line: 10,
        symbol: 'ServiceInstancesService.provisionServiceInstance',
      },
    ],
  },
  {
    name: 'keeps a class field and a private method the user added',
    base: PROVISION_ONLY,
    user: PROVISION_ONLY.replace(
      'implements InstanceHandlers {\n',
      'implements InstanceHandlers {\n  readonly #instances = new Map<string, ProvisionRequest>();\n\n',
    ).replace(
      STUB_BODY + '\n  }\n',
      `    this.remember(request);\n${STUB_BODY}\n  }\n\n  private remember(request: ProvisionRequest): void {\n    this.#instances.set(request.params.instance_id, request);\n  }\n`,
    ),
    generated: PROVISION_ONLY.replace('/** Provision a', '/** Provisions a'),
    want: `${HEADER}

${PROVISION_TYPES}
${ERRORS}

/** Service Instances: provision, update, deprovision and fetch. */
export class ServiceInstancesService implements InstanceHandlers {
  readonly #instances = new Map<string, ProvisionRequest>();

  /** Provisions a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
    this.remember(request);
    return notImplemented('provisionServiceInstance');
  }

  private remember(request: ProvisionRequest): void {
    this.#instances.set(request.params.instance_id, request);
  }
}
`,
    notes: [
      {
        kind: 'updated-signature',
        line: 12,
        symbol: 'ServiceInstancesService.provisionServiceInstance',
      },
    ],
  },
  {
    name: "keeps the user's signature and reports a conflict when both sides changed it",
    base: PROVISION_ONLY,
    user: PROVISION_ONLY.replace(
      'Promise<ProvisionReply> {',
      'Promise<ProvisionReply | undefined> {',
    ),
    generated: WITH_SIGNAL,
    want: PROVISION_ONLY.replace(
      'Promise<ProvisionReply> {',
      'Promise<ProvisionReply | undefined> {',
    ),
    status: 'unchanged',
    conflicts: [{ line: 10, symbol: 'ServiceInstancesService.provisionServiceInstance' }],
  },
  {
    name: 'inserts the method of a new operation after its neighbour in the spec',
    base: TWO_OPERATIONS,
    user: TWO_OPERATIONS.replace(STUB_BODY, EDITED_BODY),
    generated: TWO_OPERATIONS.replace(
      '  ProvisionReply,\n',
      '  ProvisionReply,\n  UpdateRequest,\n  UpdateReply,\n',
    ).replace(
      '  /** Deprovision',
      `  /** Update a service instance. */\n  async updateServiceInstance(request: UpdateRequest): Promise<UpdateReply> {\n    return notImplemented('updateServiceInstance');\n  }\n\n  /** Deprovision`,
    ),
    want: `${HEADER}

import type {
  InstanceHandlers,
  ProvisionRequest,
  ProvisionReply,
  UpdateRequest,
  UpdateReply,
  DeprovisionRequest,
  DeprovisionReply,
} from ${TYPES};
${ERRORS}

export class ServiceInstancesService implements InstanceHandlers {
  /** Provision a service instance. */
  async provisionServiceInstance(request: ProvisionRequest): Promise<ProvisionReply> {
${EDITED_BODY}
  }

  /** Update a service instance. */
  async updateServiceInstance(request: UpdateRequest): Promise<UpdateReply> {
    return notImplemented('updateServiceInstance');
  }

  /** Deprovision a service instance. */
  async deprovisionServiceInstance(request: DeprovisionRequest): Promise<DeprovisionReply> {
    return notImplemented('deprovisionServiceInstance');
  }
}
`,
    notes: [{ kind: 'added', line: 23, symbol: 'ServiceInstancesService.updateServiceInstance' }],
  },
  {
    name: 'keeps a method the user deleted deleted, even though the generator changed it',
    base: TWO_OPERATIONS,
    user: PROVISION_ONLY,
    generated: TWO_OPERATIONS.replace('/** Deprovision a', '/** Deprovisions a'),
    want: PROVISION_ONLY,
    status: 'unchanged',
    notes: [
      {
        kind: 'kept-user-version',
        line: 8,
        symbol: 'ServiceInstancesService.deprovisionServiceInstance',
      },
    ],
  },
  {
    name: 'keeps a method the user wrote under the name of a new operation',
    base: PROVISION_ONLY,
    user: PROVISION_ONLY.replace(
      '  }\n}\n',
      '  }\n\n  async updateServiceInstance(request: unknown): Promise<never> {\n    throw new Error(`not yet: ${String(request)}`);\n  }\n}\n',
    ),
    generated: PROVISION_ONLY.replace(
      'ProvisionReply } from',
      'ProvisionReply, UpdateRequest } from',
    ).replace(
      '  }\n}\n',
      "  }\n\n  async updateServiceInstance(request: UpdateRequest): Promise<never> {\n    return notImplemented('updateServiceInstance');\n  }\n}\n",
    ),
    want: PROVISION_ONLY.replace(
      '  }\n}\n',
      '  }\n\n  async updateServiceInstance(request: unknown): Promise<never> {\n    throw new Error(`not yet: ${String(request)}`);\n  }\n}\n',
    ),
    status: 'unchanged',
    notes: [
      {
        kind: 'kept-user-version',
        line: 14,
        symbol: 'ServiceInstancesService.updateServiceInstance',
      },
    ],
  },
];
