/**
 * Summaries of repeated measurements: the median is the figure reported, min and max show the
 * spread, and a ratio compares medians of two tools measured in the same interleaved runs.
 */

/**
 * @typedef {object} Summary
 * @property {number} median
 * @property {number} min
 * @property {number} max
 * @property {number} runs how many values were summarised
 */

/**
 * The median, minimum and maximum of `values`; undefined when there are none.
 * @param {readonly number[]} values
 * @returns {Summary | undefined}
 */
export function summarize(values) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? /** @type {number} */ (sorted[middle])
      : /** @type {number} */ (sorted[middle - 1] + /** @type {number} */ (sorted[middle])) / 2;
  return {
    median,
    min: /** @type {number} */ (sorted[0]),
    max: /** @type {number} */ (sorted[sorted.length - 1]),
    runs: sorted.length,
  };
}

/**
 * `subject`'s median over `peer`'s, or undefined when either is missing or the peer's is 0.
 * @param {Summary | undefined} subject
 * @param {Summary | undefined} peer
 * @returns {number | undefined}
 */
export function ratioOf(subject, peer) {
  if (subject === undefined || peer === undefined || peer.median === 0) return undefined;
  return subject.median / peer.median;
}

/**
 * The order in which `items` run in run number `run`: rotated by one each run, so that no tool
 * always goes first (cold disk cache) or last (a machine warmed by the others).
 * @template T
 * @param {readonly T[]} items
 * @param {number} run
 * @returns {T[]}
 */
export function rotate(items, run) {
  if (items.length === 0) return [];
  const shift = run % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
