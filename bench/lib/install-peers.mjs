/**
 * Installs the peers (bench/package.json) on demand, so that the repository's own `npm ci` and
 * CI never download them: `npm ci` runs when bench/node_modules is missing or was installed from
 * a different lockfile.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH } from './paths.mjs';

const STAMP = join(BENCH, 'node_modules/.brokergen-bench-lock');

/**
 * Runs `npm ci` in bench/ unless node_modules matches package-lock.json; returns whether it did.
 * @param {(line: string) => void} log
 * @returns {boolean}
 */
export function installPeers(log) {
  const lock = createHash('sha256')
    .update(readFileSync(join(BENCH, 'package-lock.json')))
    .digest('hex');
  let installed = '';
  try {
    installed = readFileSync(STAMP, 'utf8');
  } catch {
    // Not installed yet.
  }
  if (installed === lock) return false;
  log('installing the peers (npm ci in bench/)...');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: BENCH,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  writeFileSync(STAMP, lock);
  return true;
}
