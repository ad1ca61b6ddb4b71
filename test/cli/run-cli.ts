import { resolve } from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const REPO = resolve(import.meta.dirname, '../..');

/** Runs the CLI in-process, from the repository root unless told otherwise, capturing its output. */
export async function runCli(
  argv: string[],
  options: { env?: Record<string, string>; tty?: boolean; cwd?: string } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
    env: options.env ?? {},
    cwd: options.cwd ?? REPO,
  });
  return { code, stdout, stderr };
}
