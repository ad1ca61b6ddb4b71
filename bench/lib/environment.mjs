/**
 * What the figures were measured on: machine, Node.js, and the version of every tool compared,
 * recorded in each results file so that two runs are only compared when these match.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { describePeakMemorySource } from './run-command.mjs';
import { packageVersion, REPO } from './paths.mjs';

/** The packages whose versions the results name: the peers, and what brokergen builds on. */
const PACKAGES = [
  'orval',
  '@hey-api/openapi-ts',
  'openapi-typescript',
  'autocannon',
  '@ibm-cloud/platform-services',
  'msw',
  '@faker-js/faker',
  'fastify',
  'typescript',
  'prettier',
  'ts-morph',
  '@octokit/openapi',
];

/**
 * @returns {Record<string, unknown>}
 */
export function describeEnvironment() {
  const processors = cpus();
  const brokergen = /** @type {{ version: string }} */ (
    JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
  );
  return {
    machine: {
      cpu: processors[0]?.model.trim() ?? 'unknown',
      cores: processors.length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      os: `${platform()} ${release()} ${arch()}`,
      loadAverageAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
    },
    node: process.version,
    npm: run('npm', ['--version']),
    brokergen: {
      version: brokergen.version,
      commit: run('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']),
      // Benchmarks of a work tree with uncommitted changes are not of that commit.
      dirty: run('git', ['-C', REPO, 'status', '--porcelain', '--', 'src', 'templates']) !== '',
    },
    packages: Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name) ?? null])),
    peakMemory: describePeakMemorySource(),
  };
}

/**
 * @param {string} command
 * @param {string[]} args
 * @returns {string}
 */
function run(command, args) {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}
