/** Media types as requests and responses carry them (RFC 9110 §8.3.1, RFC 6839 §3.1). */

/** A media type without parameters, lower case (RFC 9110 §8.3.1). */
export function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether a declared media type (which may be a range, `application/*`) covers `actual`. */
export function mediaTypeMatches(declared: string, actual: string): boolean {
  if (declared === actual || declared === '*/*') return true;
  return declared.endsWith('/*') && actual.startsWith(declared.slice(0, -1));
}

/** `application/json` or a `+json` type (RFC 6839 §3.1). */
export function isJson(mediaType: string): boolean {
  const type = essence(mediaType);
  return type === 'application/json' || type.endsWith('+json');
}
