/**
 * The load generator, run as its own process so that it never shares an event loop with the
 * server it measures: autocannon with a fixed connection count and duration. Each provision
 * goes to a new instance ID, so every request creates an instance (201) rather than repeating
 * one.
 *
 * Usage: node load.mjs '<LoadOptions as JSON>'; prints one JSON line with the figures.
 */
import autocannon from 'autocannon';

/**
 * @typedef {object} LoadOptions
 * @property {string} url the server's origin
 * @property {'catalog' | 'provision'} route
 * @property {number} connections
 * @property {number} duration seconds
 * @property {Record<string, string>} headers
 * @property {unknown} [body] the provision body
 */

const options = /** @type {LoadOptions} */ (JSON.parse(process.argv[2] ?? '{}'));
let sequence = 0;
const prefix = `bench-${process.pid}`;

const request =
  options.route === 'catalog'
    ? { method: /** @type {const} */ ('GET'), path: '/v2/catalog' }
    : {
        method: /** @type {const} */ ('PUT'),
        body: JSON.stringify(options.body),
        /** @param {any} sent */
        setupRequest: (sent) => ({
          ...sent,
          path: `/v2/service_instances/${prefix}-${(sequence += 1)}`,
        }),
      };

const result = await autocannon({
  url: options.url,
  connections: options.connections,
  duration: options.duration,
  headers: {
    ...options.headers,
    ...(options.route === 'provision' ? { 'content-type': 'application/json' } : {}),
  },
  requests: [request],
});

process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([status, { count }]) => [
        status,
        Number(count),
      ]),
    ),
  })}\n`,
);
