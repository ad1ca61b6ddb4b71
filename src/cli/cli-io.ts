/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The process's own streams, environment and directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Exit codes, as documented in the README. */
export const EXIT = {
  ok: 0,
  /** The input has problems, or `--check` found stale files. */
  problems: 1,
  /** The command line is wrong. */
  usage: 2,
  /** brokergen itself failed: a bug. */
  bug: 70,
} as const;

/**
 * Colour is for people: only on a TTY, never when NO_COLOR is set (https://no-color.org), and
 * forced on by FORCE_COLOR (other than `0`) for CI logs that render ANSI.
 */
export function useColor(stream: { isTTY?: boolean }, env: CliIo['env']): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0';
  return stream.isTTY === true;
}
