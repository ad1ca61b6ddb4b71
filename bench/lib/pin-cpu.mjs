/**
 * On a machine with two cores, a server and its load generator fight over both unless each is
 * given one: `taskset` pins the server to core 0 and the load (or the calling client) to core 1,
 * so that a figure measures the server on one core rather than the scheduler. Without taskset,
 * or with one core, processes run unpinned and the results say so.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';

const TASKSET = '/usr/bin/taskset';

/** Whether processes are pinned on this machine. */
export const PINNING = existsSync(TASKSET) && cpus().length >= 2;

/**
 * The command and arguments that run `node <args>` on core `cpu` (or unpinned).
 * @param {0 | 1} cpu
 * @param {readonly string[]} args
 * @returns {[string, string[]]}
 */
export function nodeOnCpu(cpu, args) {
  return PINNING
    ? [TASKSET, ['-c', String(cpu), process.execPath, ...args]]
    : [process.execPath, [...args]];
}
