/**
 * The results as Markdown: the section BENCHMARKS.md embeds between its `results` markers,
 * rebuilt from a results file by `node bench/report.mjs` or at the end of a full run.
 */
import { ratioOf } from './stats.mjs';

export const START_MARKER = '<!-- bench:results:start -->';
export const END_MARKER = '<!-- bench:results:end -->';

/** @typedef {import('./stats.mjs').Summary} Summary */

/**
 * @param {any} results the results file's content
 * @returns {string}
 */
export function renderResults(results) {
  const parts = [
    `Measured ${results.finishedAt} (${results.options.quick ? 'quick mode: smoke figures only' : `${results.options.runs} runs`}), ` +
      `\`${results.command}\`.`,
    renderEnvironment(results.environment, results.loadAverageAtEnd),
    renderTargets(results),
  ];
  if (results.generation !== undefined) parts.push(renderGeneration(results.generation));
  if (results.server !== undefined) parts.push(renderServer(results.server));
  if (results.client !== undefined) parts.push(renderClient(results.client));
  if (results.footprint !== undefined) parts.push(renderFootprint(results.footprint));
  return `${parts.join('\n\n')}\n`;
}

/**
 * Replaces what lies between the markers of `document` with `section`.
 * @param {string} document
 * @param {string} section
 * @returns {string}
 */
export function replaceResultsSection(document, section) {
  const start = document.indexOf(START_MARKER);
  const end = document.indexOf(END_MARKER);
  if (start === -1 || end < start)
    throw new Error(`BENCHMARKS.md lacks ${START_MARKER} ... ${END_MARKER}`);
  return `${document.slice(0, start + START_MARKER.length)}\n\n${section}\n${document.slice(end)}`;
}

/**
 * @param {any} environment
 * @param {number[] | undefined} loadAtEnd
 */
function renderEnvironment(environment, loadAtEnd) {
  const packages = Object.entries(environment.packages)
    .map(([name, version]) => `${name} ${version ?? '(not installed)'}`)
    .join(', ');
  const { machine, brokergen } = environment;
  return [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; load average ${machine.loadAverageAtStart.join(' / ')} at start, ${loadAtEnd?.join(' / ') ?? 'n/a'} at end.`,
    `Node.js ${environment.node}, npm ${environment.npm}; brokergen ${brokergen.version} at ${brokergen.commit}${brokergen.dirty ? ' with uncommitted changes' : ''}.`,
    `Packages: ${packages}. Peak memory: ${environment.peakMemory}.`,
  ].join('\n');
}

/** @param {any} results */
function renderTargets(results) {
  /** @type {string[][]} */
  const rows = [];
  const generation = results.generation;
  for (const spec of generation?.cases ?? []) {
    const brokergen = spec.tools.find((/** @type {any} */ tool) => tool.id === 'brokergen');
    const orval = spec.tools.find((/** @type {any} */ tool) => tool.id === 'orval');
    const ratio = ratioOf(brokergen?.ms, orval?.ms);
    const compiles =
      brokergen?.compile === undefined
        ? ''
        : brokergen.compile.compiles
          ? ', compiles'
          : `, ${brokergen.compile.errors} type errors`;
    rows.push([
      `${spec.label}: full generation no slower than orval with mocks${spec.id === 'github' ? ', output compiles' : ''}`,
      `${formatRatio(ratio)} of orval${compiles}`,
      verdict(
        ratio !== undefined &&
          ratio <= 1 &&
          (spec.id !== 'github' || brokergen?.compile?.compiles !== false),
      ),
    ]);
    const unchanged = ratioOf(spec.unchanged.ms, brokergen?.ms);
    rows.push([
      `${spec.label}: regeneration with nothing changed at most 1/4 of a full one`,
      `${formatRatio(unchanged)} of full`,
      verdict(unchanged !== undefined && unchanged <= 0.25),
    ]);
  }
  for (const route of ['catalog', 'provision']) {
    const pick = (/** @type {string} */ server) =>
      results.server?.results.find(
        (/** @type {any} */ r) => r.server === server && r.route === route,
      );
    if (results.server === undefined) break;
    const ratio = ratioOf(pick('brokergen')?.requestsPerSecond, pick('fastify')?.requestsPerSecond);
    rows.push([
      `Server, ${routeLabel(route)}: at least 0.9 of hand-written Fastify's requests per second`,
      `${formatRatio(ratio)} of Fastify`,
      verdict(ratio !== undefined && ratio >= 0.9),
    ]);
  }
  for (const route of ['catalog', 'provision']) {
    if (results.client === undefined) break;
    const row = results.client.results.find(
      (/** @type {any} */ r) => r.client === 'brokergen' && r.route === route,
    );
    const ratio = row?.ratioToFetch;
    rows.push([
      `Client, ${routeLabel(route)}: at most 10% over raw fetch per call`,
      ratio === undefined ? 'n/a' : `${ratio >= 1 ? '+' : ''}${Math.round((ratio - 1) * 100)}%`,
      verdict(ratio !== undefined && ratio <= 1.1),
    ]);
  }
  return `### Targets\n\n${table(['target', 'measured (medians)', 'met'], rows)}`;
}

/** @param {any} generation */
function renderGeneration(generation) {
  const sections = generation.cases.map((/** @type {any} */ spec) => {
    const brokergen = spec.tools.find((/** @type {any} */ tool) => tool.id === 'brokergen');
    const rows = spec.tools.map((/** @type {any} */ tool) => [
      tool.label,
      tool.what,
      formatSeconds(tool.ms),
      tool.id === 'brokergen' ? '1' : formatRatio(ratioOf(brokergen?.ms, tool.ms)),
      formatMemory(tool.peakMemoryBytes),
      tool.output === undefined
        ? 'n/a'
        : `${tool.output.files} / ${formatBytes(tool.output.bytes)}`,
      tool.compile === undefined
        ? 'not checked'
        : tool.compile.compiles
          ? 'yes'
          : `no: ${tool.compile.errors} ${tool.compile.errors === 1 ? 'error' : 'errors'}`,
      [
        tool.failures.length > 0
          ? `${tool.failures.length} failed: ${escapeCell(tool.failures[0])}`
          : '',
        tool.compile?.compiles === false
          ? `first: \`${escapeCell(tool.compile.firstErrors[0] ?? '')}\``
          : '',
      ]
        .filter((note) => note !== '')
        .join('; '),
    ]);
    rows.push([
      'brokergen, again',
      'the same command over its own output, nothing changed',
      formatSeconds(spec.unchanged.ms),
      `${formatRatio(ratioOf(spec.unchanged.ms, brokergen?.ms))} of full`,
      formatMemory(spec.unchanged.peakMemoryBytes),
      '',
      '',
      spec.unchanged.failures.length > 0 ? `${spec.unchanged.failures.length} failed` : '',
    ]);
    return (
      `#### ${spec.label} (${formatBytes(spec.specBytes)})\n\n` +
      table(
        [
          'tool',
          'generates',
          'time: median (min-max)',
          'brokergen ÷ tool',
          'peak memory',
          '.ts files / bytes',
          'compiles (strict)',
          'notes',
        ],
        rows,
      )
    );
  });
  const added = generation.regeneration?.addOperation;
  if (added !== undefined) {
    const full = generation.cases
      .find((/** @type {any} */ spec) => spec.id === 'broker')
      ?.tools.find((/** @type {any} */ tool) => tool.id === 'brokergen');
    sections.push(
      '#### Regeneration of the broker with one operation added, user code present\n\n' +
        table(
          [
            'time: median (min-max)',
            'of a full generation',
            'peak memory',
            'user code kept, operation added',
          ],
          [
            [
              formatSeconds(added.ms),
              formatRatio(ratioOf(added.ms, full?.ms)),
              formatMemory(added.peakMemoryBytes),
              added.mergedAsExpected ? 'yes' : 'NO',
            ],
          ],
        ),
    );
  }
  return `### Generation (cold process)\n\n${sections.join('\n\n')}`;
}

/** @param {any} server */
function renderServer(server) {
  const rows = server.results.map((/** @type {any} */ row) => {
    const fastify = server.results.find(
      (/** @type {any} */ r) => r.server === 'fastify' && r.route === row.route,
    );
    const failed =
      row.checks?.checks.filter((/** @type {any} */ check) => check.got !== check.want) ?? [];
    return [
      row.label,
      routeLabel(row.route),
      formatNumber(row.requestsPerSecond),
      formatRatio(ratioOf(row.requestsPerSecond, fastify?.requestsPerSecond)),
      formatNumber(row.latencyP99Ms, ' ms'),
      row.non2xx + row.errors === 0 ? '' : `${row.non2xx} non-2xx, ${row.errors} errors`,
      failed.length === 0
        ? 'all'
        : failed.map((/** @type {any} */ check) => `${check.name}: ${check.got}`).join('; '),
    ];
  });
  return (
    `### Server (${server.connections} connections, ${server.durationSeconds} s after ${server.warmupSeconds} s of warm-up; ${pinning(server.pinned, 'load')})\n\n` +
    table(
      [
        'server',
        'route',
        'req/s: median (min-max)',
        '÷ Fastify',
        'p99 latency',
        'failed requests',
        'checks passed',
      ],
      rows,
    )
  );
}

/** @param {any} client */
function renderClient(client) {
  const rows = client.results.map((/** @type {any} */ row) => [
    row.label,
    routeLabel(row.route),
    formatNumber(row.microsPerCall, ' µs'),
    formatRatio(row.ratioToFetch),
    row.failure === undefined ? '' : escapeCell(row.failure),
  ]);
  return (
    `### Client (${client.calls} sequential calls after ${client.warmup} of warm-up, per process; ${pinning(client.pinned, 'client')})\n\n` +
    table(['client', 'call', 'per call: median (min-max)', '÷ raw fetch', 'notes'], rows)
  );
}

/** @param {any} footprint */
function renderFootprint(footprint) {
  const { client, scaffold } = footprint;
  const rows = [
    [
      'generated client (client/ and types.ts)',
      client.dependencies.length === 0 ? 'none' : client.dependencies.join(', '),
      `${client.source.files} files, ${formatBytes(client.source.bytes)} TypeScript; ${formatBytes(client.compiled.bytes)} compiled`,
    ],
    scaffold.skipped !== undefined || scaffold.failed !== undefined
      ? [
          'scaffolded broker (`brokergen new`)',
          scaffold.skipped ?? `failed: ${escapeCell(scaffold.failed)}`,
          '',
        ]
      : [
          'scaffolded broker (`brokergen new`), production install',
          `${scaffold.directDependencies.join(', ')} (${scaffold.installedPackages} packages installed)`,
          `${formatBytes(scaffold.nodeModules.bytes)} in node_modules; ${scaffold.source.files} files, ${formatBytes(scaffold.source.bytes)} TypeScript`,
        ],
  ];
  return `### Install footprint\n\n${table(['what', 'dependencies', 'bytes'], rows)}`;
}

/**
 * @param {string[]} header
 * @param {string[][]} rows
 */
function table(header, rows) {
  const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * @param {boolean | undefined} pinned
 * @param {string} other what runs on the second core
 */
function pinning(pinned, other) {
  return pinned ? `server on core 0, ${other} on core 1` : 'processes not pinned to cores';
}

/** @param {boolean} met */
function verdict(met) {
  return met ? 'yes' : '**no**';
}

/** @param {string} route */
function routeLabel(route) {
  return route === 'catalog' ? 'GET /v2/catalog' : 'PUT provision';
}

/** @param {Summary | undefined} summary */
function formatSeconds(summary) {
  if (summary === undefined) return 'n/a';
  const s = (/** @type {number} */ ms) => (ms / 1000).toFixed(2);
  return `${s(summary.median)} s (${s(summary.min)}-${s(summary.max)})`;
}

/**
 * @param {Summary | undefined} summary
 * @param {string} [unit]
 */
function formatNumber(summary, unit = '') {
  if (summary === undefined) return 'n/a';
  const n = (/** @type {number} */ value) =>
    value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
  return `${n(summary.median)}${unit} (${n(summary.min)}-${n(summary.max)})`;
}

/** @param {Summary | undefined} summary */
function formatMemory(summary) {
  return summary === undefined ? 'n/a' : formatBytes(summary.median);
}

/** @param {number | undefined} ratio */
function formatRatio(ratio) {
  return ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}×`;
}

/** @param {number} bytes */
function formatBytes(bytes) {
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}

/** @param {string} text */
function escapeCell(text) {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ').slice(0, 200);
}
