/**
 * `npm run bench`: measures brokergen side by side with the tools a user would pick instead
 * and writes bench/results/<time>.json (and latest.json); a full run also rewrites the results
 * section of BENCHMARKS.md. See bench/README.md for the method and the options.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { measureClients } from './client/run-client.mjs';
import { measureFootprint } from './footprint/run-footprint.mjs';
import { measureGeneration } from './generation/run-generation.mjs';
import { describeEnvironment } from './lib/environment.mjs';
import { installPeers } from './lib/install-peers.mjs';
import { BROKERGEN_BIN, REPO, RESULTS } from './lib/paths.mjs';
import { renderResults } from './lib/render-results.mjs';
import { writeBenchmarksDoc } from './lib/write-benchmarks-doc.mjs';
import { measureServers } from './server/run-server.mjs';

const SUITES = ['generation', 'server', 'client', 'footprint'];

const USAGE = `Usage: npm run bench -- [options]

  --quick              smoke test: 1 run, short loads, fewer calls (figures not for BENCHMARKS.md)
  --runs <n>           interleaved runs of every measurement (default 5; quick 1)
  --only <suites>      comma-separated: ${SUITES.join(',')} (default all)
  --specs <ids>        generation specs: broker,github (default both)
  --duration <s>       measured seconds of each server load (default 10; quick 2)
  --warmup <s>         seconds of load before it (default 3; quick 1)
  --connections <n>    concurrent connections of the load (default 20)
  --calls <n>          sequential calls per client process (default 3000; quick 300)
  --no-compile         skip type-checking each generator's output
  --doc / --no-doc     rewrite BENCHMARKS.md's results (default: yes for full runs, no for --quick)
  --help`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    only: { type: 'string' },
    specs: { type: 'string', default: 'broker,github' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '20' },
    calls: { type: 'string' },
    'no-compile': { type: 'boolean', default: false },
    doc: { type: 'boolean' },
    'no-doc': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const quick = values.quick;
const options = {
  quick,
  runs: positive('runs', values.runs ?? (quick ? '1' : '5')),
  suites: list(values.only ?? SUITES.join(','), SUITES, 'only'),
  specs: list(values.specs, ['broker', 'github'], 'specs'),
  duration: positive('duration', values.duration ?? (quick ? '2' : '10')),
  warmup: positive('warmup', values.warmup ?? (quick ? '1' : '3'), true),
  connections: positive('connections', values.connections),
  calls: positive('calls', values.calls ?? (quick ? '300' : '3000')),
  compile: !values['no-compile'],
  doc: values['no-doc'] ? false : (values.doc ?? !quick),
};

const log = (/** @type {string} */ line) => console.error(`[bench] ${line}`);
const startedAt = new Date();

installPeers(log);
if (!existsSync(join(REPO, 'dist/cli/main.js'))) {
  throw new Error('brokergen is not built: run `npm run build` (npm run bench does) first');
}
const help = execFileSync(process.execPath, [BROKERGEN_BIN, '--help'], { encoding: 'utf8' });
const generateHelp = execFileSync(process.execPath, [BROKERGEN_BIN, 'generate', '--help'], {
  encoding: 'utf8',
});
const { TARGETS } = /** @type {{ TARGETS: { name: string }[] }} */ (
  await import(pathToFileURL(join(REPO, 'dist/targets/index.js')).href)
);
const capabilities = {
  targets: TARGETS.map((target) => target.name),
  hasNewCommand: /^\s+brokergen new\b/m.test(help),
  brokerOptions: generateHelp.includes('--catalog') && generateHelp.includes('--store'),
};
log(
  `brokergen targets: ${capabilities.targets.join(', ')}; new command: ${capabilities.hasNewCommand ? 'yes' : 'not yet'}`,
);

/** @type {Record<string, unknown>} */
const results = {
  command: `npm run bench --${process.argv
    .slice(2)
    .map((arg) => ` ${arg}`)
    .join('')}`,
  startedAt: startedAt.toISOString(),
  options,
  capabilities,
  environment: describeEnvironment(),
};
const { suites } = options;
if (suites.includes('generation')) {
  results['generation'] = await measureGeneration({
    ...options,
    targets: capabilities.targets,
    log,
  });
}
if (suites.includes('server')) {
  results['server'] = await measureServers({
    ...options,
    brokerOptions: capabilities.brokerOptions,
    log,
  });
}
if (suites.includes('client')) {
  const warmup = Math.max(50, Math.round(options.calls / 10));
  results['client'] = await measureClients({
    runs: options.runs,
    calls: options.calls,
    warmup,
    log,
  });
}
if (suites.includes('footprint')) {
  results['footprint'] = await measureFootprint({ hasNewCommand: capabilities.hasNewCommand, log });
}
results['finishedAt'] = new Date().toISOString();
// A load average well above 0 at either end means other work shared the machine.
results['loadAverageAtEnd'] = loadavg().map((load) => Math.round(load * 100) / 100);

await mkdir(RESULTS, { recursive: true });
const json = `${JSON.stringify(results, null, 2)}\n`;
const file = join(
  RESULTS,
  `${startedAt
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z')}.json`,
);
await writeFile(file, json);
await writeFile(join(RESULTS, 'latest.json'), json);
process.stdout.write(`\n${renderResults(results)}`);
log(`results: ${file}`);
if (options.doc) {
  await writeBenchmarksDoc(results);
  log('BENCHMARKS.md: results section rewritten');
}

/**
 * @param {string} name
 * @param {string} value
 * @param {boolean} [zero] whether 0 is allowed
 * @returns {number}
 */
function positive(name, value, zero = false) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < (zero ? 0 : 1)) {
    console.error(`--${name} must be a ${zero ? 'non-negative' : 'positive'} integer\n\n${USAGE}`);
    process.exit(2);
  }
  return number;
}

/**
 * @param {string} value
 * @param {string[]} allowed
 * @param {string} name
 * @returns {string[]}
 */
function list(value, allowed, name) {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const unknown = items.filter((item) => !allowed.includes(item));
  if (unknown.length > 0 || items.length === 0) {
    console.error(`--${name}: choose from ${allowed.join(', ')}\n\n${USAGE}`);
    process.exit(2);
  }
  return items;
}
