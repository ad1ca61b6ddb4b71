/**
 * Whether a tool's output compiles: `tsc --noEmit` under `strict`, the same settings for every
 * tool. Module resolution is "Bundler" because orval and @hey-api/openapi-ts write relative
 * imports without extensions (brokergen's, with `.js`, resolve either way); packages the output
 * imports (msw, @faker-js/faker, fastify) resolve from bench/ and then the repository.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TSC } from './paths.mjs';
import { spawnAndCollect } from './run-command.mjs';

/**
 * @typedef {object} CompileCheck
 * @property {boolean} compiles
 * @property {number} errors how many `error TS` lines tsc printed
 * @property {string[]} firstErrors up to three of them
 * @property {number} ms
 */

/**
 * Type-checks every `.ts` file under `outDir` with a tsconfig written beside it, in `dir`.
 * @param {string} dir where the tsconfig goes (outside the output, to leave it untouched)
 * @param {string} outDir
 * @returns {Promise<CompileCheck>}
 */
export async function checkCompiles(dir, outDir) {
  const tsconfig = join(dir, 'tsconfig.check.json');
  await writeFile(
    tsconfig,
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: [`${relative(dir, outDir)}/**/*.ts`],
      },
      null,
      2,
    ),
  );
  const started = performance.now();
  const { code, stdout, stderr } = await spawnAndCollect(
    process.execPath,
    ['--max-old-space-size=8192', TSC, '-p', tsconfig],
    { cwd: dir, env: process.env, timeoutMs: 30 * 60_000 },
  );
  const errors = `${stdout}${stderr}`.split('\n').filter((line) => line.includes('error TS'));
  return {
    compiles: code === 0,
    errors: errors.length,
    firstErrors: errors.slice(0, 3).map((line) => line.slice(0, 300)),
    ms: Math.round(performance.now() - started),
  };
}
