/** One-line descriptions of a measured command, for the progress log and failure notes. */

/**
 * @param {import('./run-command.mjs').CommandResult} result
 * @returns {string}
 */
export function describeResult(result) {
  const memory =
    result.peakMemoryBytes === undefined
      ? ''
      : `, ${Math.round(result.peakMemoryBytes / 2 ** 20)} MiB`;
  return result.code === 0
    ? `${Math.round(result.ms)} ms${memory}`
    : `FAILED (exit ${result.code}) ${lastLines(result.stderr || result.stdout)}`;
}

/**
 * @param {string} text
 * @returns {string}
 */
export function lastLines(text) {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
}
