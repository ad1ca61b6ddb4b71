/**
 * The generators compared, each run as a user would from the command line, with its defaults
 * except where the comparison needs a feature switched on (orval's MSW mocks).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BROKERGEN_BIN, packageBin } from '../lib/paths.mjs';

/**
 * @typedef {object} SpecCase
 * @property {string} id
 * @property {string} label
 * @property {string} file
 * @property {string[] | undefined} brokergenTargets `--target` values; undefined for the default
 */

/**
 * @typedef {object} Tool
 * @property {string} id
 * @property {string} label
 * @property {string} what what it generates, for the report
 * @property {(spec: SpecCase, outDir: string, dir: string) => Promise<string[]>} command
 *   node arguments generating `spec` into `outDir`; `dir` holds any configuration file
 */

/** @type {Tool} */
export const brokergen = {
  id: 'brokergen',
  label: 'brokergen',
  what: 'every target `generate` runs by default (broker spec); types, client and mocks (GitHub)',
  async command(spec, outDir) {
    const targets =
      spec.brokergenTargets === undefined ? [] : ['--target', ...spec.brokergenTargets];
    return [BROKERGEN_BIN, 'generate', '--spec', spec.file, '--out', outDir, '--quiet', ...targets];
  },
};

/** @type {Tool} */
export const openapiTypescript = {
  id: 'openapi-typescript',
  label: 'openapi-typescript',
  what: 'types only',
  async command(spec, outDir) {
    return [packageBin('openapi-typescript'), spec.file, '--output', join(outDir, 'types.ts')];
  },
};

/** @type {Tool} */
export const orval = {
  id: 'orval',
  label: 'orval',
  what: 'fetch client and MSW mocks (faker), split mode',
  async command(spec, outDir, dir) {
    const config = join(dir, 'orval.config.mjs');
    const options = {
      [spec.id]: {
        input: { target: spec.file },
        output: { target: join(outDir, 'api.ts'), client: 'fetch', mock: true, mode: 'split' },
      },
    };
    await writeFile(config, `export default ${JSON.stringify(options, null, 2)};\n`);
    return [packageBin('orval'), '--config', config];
  },
};

/** @type {Tool} */
export const heyApi = {
  id: 'hey-api',
  label: '@hey-api/openapi-ts',
  what: 'default SDK (types, SDK functions, fetch client)',
  async command(spec, outDir) {
    return [
      packageBin('@hey-api/openapi-ts', 'openapi-ts'),
      '--input',
      spec.file,
      '--output',
      outDir,
    ];
  },
};

/** Every generator, brokergen first (the one every ratio is of). */
export const TOOLS = [brokergen, openapiTypescript, orval, heyApi];
