import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../cli/run-cli.js';

const REPO = resolve(import.meta.dirname, '../..');
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

/** A directory holding generated code that compiles and runs against this repository's packages. */
export interface GeneratedProject {
  dir: string;
  /** Compiles the project under strict; returns tsc's output (empty when it compiled). */
  compile(): Promise<string>;
  /** Imports a compiled module, by its path relative to the project without extension. */
  load<T>(module: string): Promise<T>;
  remove(): Promise<void>;
}

/**
 * Generates `targets` for `spec` into a fresh temporary directory that resolves packages from
 * this repository's node_modules (through a symlink), as an installed project would. `args` go
 * to `generate` as well (`--catalog`, `--store`).
 */
export async function generateProject(
  spec: string,
  targets: string[],
  args: string[] = [],
): Promise<GeneratedProject> {
  const dir = await mkdtemp(join(tmpdir(), 'brokergen-project-'));
  const run = await runCli([
    'generate',
    '--spec',
    spec,
    '--out',
    dir,
    '--target',
    ...targets,
    '--quiet',
    '--no-typecheck',
    ...args,
  ]);
  if (run.code !== 0) throw new Error(`generate failed (${run.code}): ${run.stderr}`);
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        outDir: 'dist',
        rootDir: '.',
        types: ['node'],
      },
      include: ['**/*.ts'],
      exclude: ['node_modules', 'dist'],
    }),
  );
  return {
    dir,
    async compile() {
      try {
        await promisify(execFile)(process.execPath, [TSC, '-p', dir], {
          maxBuffer: 64 * 1024 * 1024,
        });
        return '';
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        return `${stdout ?? ''}${stderr ?? ''}`;
      }
    },
    async load<T>(module: string) {
      return (await import(join(dir, 'dist', `${module}.js`))) as T;
    },
    async remove() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
