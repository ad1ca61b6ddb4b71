/**
 * Server: requests per second and p99 latency of the generated broker for GET /v2/catalog and
 * PUT provision (in-memory store), beside a hand-written Fastify server and a `node:http` one
 * with the same routes and checks. Every (server, route) pair gets a fresh server process, a
 * warm-up load, then the measured load from a separate autocannon process on 127.0.0.1, with
 * fixed duration and connections; runs are interleaved, the server order rotating.
 */
import { join } from 'node:path';
import { startChildServer } from '../lib/child-server.mjs';
import { generateAndCompile } from '../lib/compile-project.mjs';
import { BROKER_SPEC, WORK } from '../lib/paths.mjs';
import { nodeOnCpu, PINNING } from '../lib/pin-cpu.mjs';
import { spawnAndCollect } from '../lib/run-command.mjs';
import { rotate, summarize } from '../lib/stats.mjs';
import { CATALOG_FILE, PROVISION_BODY, REQUEST_HEADERS } from './bench-broker.mjs';
import { checkServer } from './check-server.mjs';

/**
 * @typedef {object} ServerOptions
 * @property {number} runs
 * @property {number} duration seconds of measured load
 * @property {number} warmup seconds of load before it, not measured
 * @property {number} connections
 * @property {boolean} brokerOptions whether `generate` takes --catalog and --store
 * @property {(line: string) => void} log
 */

const ROUTES = /** @type {const} */ (['catalog', 'provision']);

/**
 * @param {ServerOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function measureServers(options) {
  const project = join(WORK, 'server', 'broker');
  options.log('server: generating and compiling the broker...');
  const generateArgs = ['--spec', BROKER_SPEC, '--target', 'server'];
  if (options.brokerOptions) generateArgs.push('--catalog', CATALOG_FILE, '--store', 'memory');
  const { compileErrors } = await generateAndCompile(project, generateArgs);
  if (compileErrors.length > 0)
    options.log(`server: the broker has ${compileErrors.length} type errors`);

  const servers = [
    { id: 'brokergen', label: 'generated broker', script: 'serve-brokergen.mjs', args: [project] },
    { id: 'fastify', label: 'hand-written Fastify', script: 'serve-fastify.mjs', args: [] },
    { id: 'node-http', label: 'node:http', script: 'serve-node-http.mjs', args: [] },
  ];

  /** @type {Record<string, Awaited<ReturnType<typeof checkServer>>>} */
  const checks = {};
  for (const server of servers) {
    const running = await startChildServer(join(import.meta.dirname, server.script), server.args, {
      cwd: import.meta.dirname,
    });
    try {
      checks[server.id] = await checkServer(running.url);
    } finally {
      await running.stop();
    }
    options.log(`server: ${server.id} ${checks[server.id].passed ? 'passes' : 'FAILS'} the checks`);
  }

  /** @type {Record<string, { rps: number[], p99: number[], non2xx: number, errors: number }>} */
  const samples = {};
  for (let run = 0; run < options.runs; run += 1) {
    for (const server of rotate(servers, run)) {
      for (const route of ROUTES) {
        const running = await startChildServer(
          join(import.meta.dirname, server.script),
          server.args,
          {
            cwd: import.meta.dirname,
          },
        );
        try {
          if (options.warmup > 0)
            await load(running.url, route, options.warmup, options.connections);
          const result = await load(running.url, route, options.duration, options.connections);
          const key = `${server.id} ${route}`;
          samples[key] ??= { rps: [], p99: [], non2xx: 0, errors: 0 };
          samples[key].rps.push(result.requestsPerSecond);
          samples[key].p99.push(result.latencyP99Ms);
          samples[key].non2xx += result.non2xx;
          samples[key].errors += result.errors + result.timeouts;
          options.log(
            `server run ${run + 1}/${options.runs} ${key}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latencyP99Ms} ms${result.non2xx > 0 ? `, ${result.non2xx} non-2xx` : ''}`,
          );
        } finally {
          await running.stop();
        }
      }
    }
  }

  return {
    connections: options.connections,
    pinned: PINNING,
    durationSeconds: options.duration,
    warmupSeconds: options.warmup,
    brokerCompileErrors: compileErrors.slice(0, 5),
    results: servers.flatMap((server) =>
      ROUTES.map((route) => {
        const measured = samples[`${server.id} ${route}`];
        return {
          server: server.id,
          label: server.label,
          route,
          requestsPerSecond: summarize(measured?.rps ?? []),
          latencyP99Ms: summarize(measured?.p99 ?? []),
          non2xx: measured?.non2xx ?? 0,
          errors: measured?.errors ?? 0,
          checks: checks[server.id],
        };
      }),
    ),
  };
}

/**
 * Runs one load in its own process.
 * @param {string} url
 * @param {'catalog' | 'provision'} route
 * @param {number} duration
 * @param {number} connections
 * @returns {Promise<{ requestsPerSecond: number, latencyP99Ms: number, non2xx: number, errors: number, timeouts: number }>}
 */
async function load(url, route, duration, connections) {
  const options = {
    url,
    route,
    duration,
    connections,
    headers: REQUEST_HEADERS,
    body: PROVISION_BODY,
  };
  const { code, stdout, stderr } = await spawnAndCollect(
    ...nodeOnCpu(1, [join(import.meta.dirname, 'load.mjs'), JSON.stringify(options)]),
    { cwd: import.meta.dirname, env: process.env, timeoutMs: (duration + 60) * 1000 },
  );
  if (code !== 0) throw new Error(`the load generator failed: ${stderr}`);
  return JSON.parse(stdout);
}
