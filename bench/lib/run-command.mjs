/**
 * Runs one command as a cold child process and measures it: wall time from spawn to exit, and
 * peak memory (maximum resident set size) from GNU time when the machine has it, else from the
 * child's own `process.resourceUsage()` reported by a preloaded module (Node.js commands only).
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearTimeout, setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const REPORT_PEAK_MEMORY = join(import.meta.dirname, 'report-peak-memory.mjs');

/**
 * @typedef {object} CommandResult
 * @property {number} ms wall time, spawn to exit
 * @property {number | undefined} peakMemoryBytes maximum resident set size
 * @property {number | null} code exit code
 * @property {string} stdout
 * @property {string} stderr
 */

/**
 * How peak memory is read on this machine, for the results file.
 * @returns {string}
 */
export function describePeakMemorySource() {
  return existsSync(GNU_TIME)
    ? `${GNU_TIME} -v (maximum resident set size)`
    : 'process.resourceUsage().maxRSS of the child, reported at exit';
}

/**
 * Runs `node <args>` in `cwd` and measures it; never rejects for a non-zero exit (the caller
 * decides whether that invalidates the run).
 * @param {readonly string[]} args arguments to node: the script and its arguments
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} options
 * @returns {Promise<CommandResult>}
 */
export async function runNode(args, options) {
  const scratch = await mkdtemp(join(tmpdir(), 'brokergen-bench-'));
  const report = join(scratch, 'peak-memory');
  const useGnuTime = existsSync(GNU_TIME);
  const [command, commandArgs] = useGnuTime
    ? [GNU_TIME, ['-v', '-o', report, process.execPath, ...args]]
    : [process.execPath, ['--import', pathToFileURL(REPORT_PEAK_MEMORY).href, ...args]];
  try {
    const started = performance.now();
    const outcome = await spawnAndCollect(command, commandArgs, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, BROKERGEN_BENCH_PEAK_MEMORY: report },
      timeoutMs: options.timeoutMs ?? 30 * 60_000,
    });
    const ms = performance.now() - started;
    const peakMemoryBytes = useGnuTime
      ? await readGnuTimePeak(report)
      : await readReportedPeak(report);
    return { ms, peakMemoryBytes, ...outcome };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Spawns a command, collects its output, and kills it after `timeoutMs`.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number }} options
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
export function spawnAndCollect(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    /** @type {Buffer[]} */
    const stdout = [];
    /** @type {Buffer[]} */
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/**
 * @param {string} file GNU time's report
 * @returns {Promise<number | undefined>}
 */
async function readGnuTimePeak(file) {
  const text = await readFile(file, 'utf8').catch(() => '');
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

/**
 * @param {string} file what report-peak-memory.mjs wrote
 * @returns {Promise<number | undefined>}
 */
async function readReportedPeak(file) {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text === '' ? undefined : Number(text) * 1024;
}
