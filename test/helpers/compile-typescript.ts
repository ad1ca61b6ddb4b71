import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const TSC = resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc');

/**
 * Type-checks files with the real compiler under `--strict`, as a user's project would, and
 * returns tsc's diagnostics (empty when they compile).
 */
export async function compileStrict(
  files: readonly string[],
  options: { exactOptionalPropertyTypes?: boolean } = {},
): Promise<string> {
  const args = [
    TSC,
    '--strict',
    '--noEmit',
    '--noUncheckedIndexedAccess',
    ...(options.exactOptionalPropertyTypes === false ? [] : ['--exactOptionalPropertyTypes']),
    '--target',
    'es2022',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--skipLibCheck',
    '--types',
    'node',
    ...files,
  ];
  try {
    await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
    return '';
  } catch (error) {
    const { stdout, stderr, message } = error as {
      stdout?: string;
      stderr?: string;
      message: string;
    };
    return `${stdout ?? ''}${stderr ?? ''}` || message;
  }
}
