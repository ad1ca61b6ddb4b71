/**
 * Starts a server script as a child process and stops it again: the script announces its port
 * as its first stdout line (`{"port":N}`) and closes on SIGTERM. It runs on core 0 (pin-cpu.mjs).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { nodeOnCpu } from './pin-cpu.mjs';
import { clearTimeout, setTimeout } from 'node:timers';

/**
 * @typedef {object} ChildServer
 * @property {string} url
 * @property {() => Promise<void>} stop
 */

/**
 * @param {string} script
 * @param {readonly string[]} args
 * @param {{ cwd: string, timeoutMs?: number }} options
 * @returns {Promise<ChildServer>}
 */
export async function startChildServer(script, args, options) {
  const [command, commandArgs] = nodeOnCpu(0, [script, ...args]);
  const child = spawn(command, commandArgs, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} did not start: ${stderr}`)),
        options.timeoutMs ?? 60_000,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited (${code}) before listening: ${stderr}`));
      });
      createInterface({ input: child.stdout }).once('line', (line) => {
        clearTimeout(timer);
        try {
          resolve(/** @type {{ port: number }} */ (JSON.parse(line)).port);
        } catch {
          reject(new Error(`${script} printed ${line} instead of its port`));
        }
      });
    });
    return { url: `http://127.0.0.1:${port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
