/** Where the harness finds the repository, its own packages and its scratch space. */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const BENCH = resolve(import.meta.dirname, '..');
export const REPO = resolve(BENCH, '..');
/** Scratch space for generated output and compiled servers; ignored by git, eslint, prettier. */
export const WORK = join(BENCH, '.work');
export const RESULTS = join(BENCH, 'results');
export const BROKERGEN_BIN = join(REPO, 'bin/brokergen.js');
export const BROKER_SPEC = join(REPO, 'spec/open-service-broker.yaml');
export const BENCHMARKS_MD = join(REPO, 'BENCHMARKS.md');

/** Resolves from bench/ first (the peers), then the repository (fastify, typescript...). */
const requireFromBench = createRequire(join(BENCH, 'package.json'));

/**
 * The directory of an installed package, as Node.js resolves it from bench/.
 * @param {string} name
 * @returns {string}
 */
export function packageDir(name) {
  return dirname(requireFromBench.resolve(`${name}/package.json`));
}

/**
 * The file a package's `bin` entry points to.
 * @param {string} name package name
 * @param {string} [bin] bin name, when the package has several
 * @returns {string}
 */
export function packageBin(name, bin) {
  const dir = packageDir(name);
  const manifest = /** @type {{ bin?: string | Record<string, string> }} */ (
    requireFromBench(join(dir, 'package.json'))
  );
  const entry =
    typeof manifest.bin === 'string'
      ? manifest.bin
      : manifest.bin?.[bin ?? name.split('/').pop() ?? ''];
  if (entry === undefined) throw new Error(`${name} has no bin ${bin ?? ''}`);
  return join(dir, entry);
}

/**
 * The version of an installed package, or undefined when it is not installed.
 * @param {string} name
 * @returns {string | undefined}
 */
export function packageVersion(name) {
  try {
    return /** @type {{ version: string }} */ (requireFromBench(`${name}/package.json`)).version;
  } catch {
    return undefined;
  }
}

const requireFromRepo = createRequire(join(REPO, 'package.json'));

/** The TypeScript compiler the repository builds with, used to check every tool's output. */
export const TSC = join(dirname(requireFromRepo.resolve('typescript/package.json')), 'bin/tsc');

/** GitHub's REST description (a root devDependency, 13 MB of JSON). */
export const GITHUB_SPEC = join(packageDir('@octokit/openapi'), 'generated/api.github.com.json');
