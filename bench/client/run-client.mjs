/**
 * Client: the time per call of the generated client, raw `fetch` and IBM's Node SDK
 * (`@ibm-cloud/platform-services`, open-service-broker v1), each calling the same fixed-reply
 * server (another process) many times in a row, in a fresh process per (client, route) and run,
 * runs interleaved with the client order rotating.
 */
import { join } from 'node:path';
import { startChildServer } from '../lib/child-server.mjs';
import { generateAndCompile } from '../lib/compile-project.mjs';
import { BROKER_SPEC, WORK } from '../lib/paths.mjs';
import { nodeOnCpu, PINNING } from '../lib/pin-cpu.mjs';
import { spawnAndCollect } from '../lib/run-command.mjs';
import { ratioOf, rotate, summarize } from '../lib/stats.mjs';

/**
 * @typedef {object} ClientOptions
 * @property {number} runs
 * @property {number} calls measured calls per process
 * @property {number} warmup calls before them, not measured
 * @property {(line: string) => void} log
 */

const CLIENTS = [
  { id: 'brokergen', label: 'generated client' },
  { id: 'fetch', label: 'raw fetch' },
  { id: 'ibm', label: 'IBM platform-services (OSB v1)' },
];
const ROUTES = /** @type {const} */ (['catalog', 'provision']);

/**
 * @param {ClientOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function measureClients(options) {
  const project = join(WORK, 'client', 'project');
  options.log('client: generating and compiling the client...');
  const { compileErrors } = await generateAndCompile(project, [
    '--spec',
    BROKER_SPEC,
    '--target',
    'client',
  ]);
  const server = await startChildServer(join(import.meta.dirname, 'fixed-reply-server.mjs'), [], {
    cwd: import.meta.dirname,
  });
  /** @type {Record<string, number[]>} */
  const samples = {};
  /** @type {Record<string, string>} */
  const failures = {};
  try {
    for (let run = 0; run < options.runs; run += 1) {
      for (const client of rotate(CLIENTS, run)) {
        for (const route of ROUTES) {
          const key = `${client.id} ${route}`;
          const loop = {
            client: client.id,
            route,
            url: server.url,
            project,
            calls: options.calls,
            warmup: options.warmup,
          };
          const { code, stdout, stderr } = await spawnAndCollect(
            ...nodeOnCpu(1, [join(import.meta.dirname, 'call-loop.mjs'), JSON.stringify(loop)]),
            { cwd: import.meta.dirname, env: process.env, timeoutMs: 10 * 60_000 },
          );
          if (code !== 0) {
            failures[key] = stderr.trim().split('\n').slice(-3).join(' | ');
            options.log(`client run ${run + 1}/${options.runs} ${key}: FAILED ${failures[key]}`);
            continue;
          }
          const { microsPerCall } = /** @type {{ microsPerCall: number }} */ (JSON.parse(stdout));
          (samples[key] ??= []).push(microsPerCall);
          options.log(
            `client run ${run + 1}/${options.runs} ${key}: ${Math.round(microsPerCall)} µs/call`,
          );
        }
      }
    }
  } finally {
    await server.stop();
  }
  return {
    calls: options.calls,
    warmup: options.warmup,
    pinned: PINNING,
    clientCompileErrors: compileErrors.slice(0, 5),
    results: CLIENTS.flatMap((client) =>
      ROUTES.map((route) => {
        const micros = summarize(samples[`${client.id} ${route}`] ?? []);
        return {
          client: client.id,
          label: client.label,
          route,
          microsPerCall: micros,
          ratioToFetch: ratioOf(micros, summarize(samples[`fetch ${route}`] ?? [])),
          failure: failures[`${client.id} ${route}`],
        };
      }),
    ),
  };
}
