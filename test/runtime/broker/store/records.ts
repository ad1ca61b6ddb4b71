import type {
  OperationRecord,
  ServiceBindingRecord,
  ServiceInstanceRecord,
} from '../../../../src/runtime/broker/store.js';

/** Records with every field set, for store tests; `changes` overrides fields. */
export function instanceRecord(
  instanceId: string,
  changes: Partial<ServiceInstanceRecord> = {},
): ServiceInstanceRecord {
  return {
    instanceId,
    serviceId: 'service-1',
    planId: 'plan-1',
    fingerprint: '{"plan_id":"plan-1","service_id":"service-1"}',
    parameters: { size: 'small', replicas: 3, tags: ['a', 'b'], nested: { on: true, off: null } },
    context: { platform: 'cloudfoundry', organization_guid: 'org-1', space_guid: 'space-1' },
    organizationGuid: 'org-1',
    spaceGuid: 'space-1',
    maintenanceInfo: { version: '2.1.0', description: 'patch' },
    dashboardUrl: 'https://dashboard.example/instances/1',
    metadata: { labels: { team: 'data' }, attributes: {} },
    state: 'creating',
    enabled: true,
    lastActive: 1_700_000_000_123,
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-01T10:00:01.500Z',
    ...changes,
  };
}

export function bindingRecord(
  instanceId: string,
  bindingId: string,
  changes: Partial<ServiceBindingRecord> = {},
): ServiceBindingRecord {
  return {
    instanceId,
    bindingId,
    serviceId: 'service-1',
    planId: 'plan-1',
    fingerprint: '{"app_guid":"app-1"}',
    parameters: { role: 'reader' },
    context: { platform: 'kubernetes', namespace: 'default' },
    response: { credentials: { user: 'u', password: 'p', port: 5432 }, endpoints: [] },
    state: 'ready',
    createdAt: '2024-05-01T10:05:00.000Z',
    updatedAt: '2024-05-01T10:05:00.000Z',
    ...changes,
  };
}

export function operationRecord(
  instanceId: string,
  bindingId: string | null,
  operationId: string,
  changes: Partial<OperationRecord> = {},
): OperationRecord {
  return {
    operationId,
    instanceId,
    bindingId,
    type: bindingId === null ? 'provision' : 'bind',
    state: 'in progress',
    description: 'creating the database',
    instanceUsable: null,
    updateRepeatable: null,
    fingerprint: '{"plan_id":"plan-1"}',
    payload: { step: 1, steps: ['allocate', 'configure'] },
    owner: 'broker-a',
    leaseExpiresAt: '2024-05-01T10:01:00.000Z',
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-01T10:00:00.000Z',
    ...changes,
  };
}
