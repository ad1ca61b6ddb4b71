import { HEADER, type MergeScenario } from './merge-scenario.js';

const BASE = `${HEADER}

import { pathToFileURL } from 'node:url';
import { buildBroker } from './server/broker.js';
import { ServiceInstancesService } from './handlers/service-instances.js';

/** Builds the broker with your handlers. */
export function buildServer() {
  return buildBroker({
    serviceInstances: new ServiceInstancesService(),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = buildServer();
  const port = Number(process.env.PORT ?? 8080);
  await server.listen({ port, host: '127.0.0.1' });
}
`;

const USER = `${HEADER}

import { pathToFileURL } from 'node:url';
import { buildBroker } from './server/broker.js';
import { ServiceInstancesService } from './handlers/service-instances.js';

/** Builds the broker with your handlers. */
export function buildServer() {
  return buildBroker({
    serviceInstances: new ServiceInstancesService(),
  });
}

process.on('SIGTERM', () => process.exit(0));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = buildServer();
  const port = Number(process.env.BROKER_PORT ?? 9090);
  await server.listen({ port, host: '127.0.0.1' });
  console.log(\`broker listening on \${port}\`);
}
`;

const GENERATED = `${HEADER}

import { pathToFileURL } from 'node:url';
import { buildBroker } from './server/broker.js';
import type { BrokerOptions } from './server/broker.js';
import { ServiceInstancesService } from './handlers/service-instances.js';

/** Builds the broker with your handlers. */
export function buildServer(options: BrokerOptions = {}) {
  return buildBroker({
    ...options,
    serviceInstances: new ServiceInstancesService(),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = buildServer({ trustProxy: true });
  const port = Number(process.env.PORT ?? 8080);
  await server.listen({ port, host: '127.0.0.1' });
}
`;

const MERGED = `${HEADER}

import { pathToFileURL } from 'node:url';
import { buildBroker } from './server/broker.js';
import type { BrokerOptions } from './server/broker.js';
import { ServiceInstancesService } from './handlers/service-instances.js';

/** Builds the broker with your handlers. */
export function buildServer(options: BrokerOptions = {}) {
  return buildBroker({
    ...options,
    serviceInstances: new ServiceInstancesService(),
  });
}

process.on('SIGTERM', () => process.exit(0));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = buildServer({ trustProxy: true });
  const port = Number(process.env.BROKER_PORT ?? 9090);
  await server.listen({ port, host: '127.0.0.1' });
  console.log(\`broker listening on \${port}\`);
}
`;

/** The server entry: top-level statements rather than a class. */
export const serverEntryScenarios: MergeScenario[] = [
  {
    name: "merges the user's edit of the start block with the option the generator added",
    base: BASE,
    user: USER,
    generated: GENERATED,
    want: MERGED,
    notes: [{ kind: 'updated-signature', line: 10, symbol: 'buildServer' }],
  },
  {
    name: 'changes nothing when its own result is merged again',
    base: GENERATED,
    user: MERGED,
    generated: GENERATED,
    want: MERGED,
    status: 'unchanged',
  },
];
