/**
 * Generates a brokergen project and compiles it to JavaScript (`dist/`), as a user's build
 * would, so that the server and client benchmarks run the generated code itself.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastLines } from './describe-result.mjs';
import { BROKERGEN_BIN, TSC } from './paths.mjs';
import { runNode, spawnAndCollect } from './run-command.mjs';

/**
 * @param {string} dir emptied first
 * @param {readonly string[]} generateArgs arguments after `brokergen generate --out <dir>`
 * @returns {Promise<{ compileErrors: string[] }>} tsc's errors (dist/ is written regardless)
 */
export async function generateAndCompile(dir, generateArgs) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const generated = await runNode(
    [BROKERGEN_BIN, 'generate', '--out', dir, '--quiet', ...generateArgs],
    {
      cwd: dir,
    },
  );
  if (generated.code !== 0) {
    throw new Error(
      `brokergen generate failed: ${lastLines(generated.stderr || generated.stdout)}`,
    );
  }
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        outDir: 'dist',
        rootDir: '.',
        types: ['node'],
      },
      include: ['**/*.ts'],
      exclude: ['dist'],
    }),
  );
  const { stdout, stderr } = await spawnAndCollect(process.execPath, [TSC, '-p', dir], {
    cwd: dir,
    env: process.env,
    timeoutMs: 10 * 60_000,
  });
  return {
    compileErrors: `${stdout}${stderr}`.split('\n').filter((line) => line.includes('error TS')),
  };
}
