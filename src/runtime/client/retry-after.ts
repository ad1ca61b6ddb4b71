/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
 * Returns the wait in milliseconds (0 for a date in the past), or undefined when the header is
 * absent or is neither form. Throws nothing.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  // delay-seconds = 1*DIGIT: no sign, no fraction.
  if (/^[0-9]+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names a weekday; requiring a letter keeps Date.parse from reading a
  // bare number such as `-1` or `1.5` as a year.
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
