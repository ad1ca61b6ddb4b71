/**
 * Matching request URLs to an operation's path template (OAS 3.1 §4.8.8: `{name}` stands for a
 * path parameter, possibly inside a segment such as `{base}...{head}`). The template is turned
 * into a regular expression of our own rather than an msw path string, because msw reads `:`,
 * `*`, `(` and `?` in a path as syntax, and a spec's path may hold any of them.
 */
import { MockError } from './errors.js';

/** A compiled path template. */
export interface PathMatcher {
  /** For msw: matches a request's origin and path (msw drops the query), without capture groups. */
  readonly pattern: RegExp;
  /** The path parameters of a request URL, decoded and by their names in the spec; undefined when it does not match. */
  params(url: URL): Record<string, string> | undefined;
}

/** Any scheme and host, when no base URL is given. */
const ANY_ORIGIN = '[a-zA-Z][a-zA-Z0-9+.-]*://[^/]+';

/**
 * Compiles `template` under `baseUrl` (an absolute URL, whose path prefixes the template), or
 * under any origin when `baseUrl` is undefined.
 * @throws MockError MOCK_INVALID_OPTIONS when `baseUrl` is not an absolute http(s) URL.
 */
export function createPathMatcher(template: string, baseUrl: string | undefined): PathMatcher {
  const names: string[] = [];
  let capturing = '';
  let plain = '';
  for (const part of template.split(/(\{[^{}]*\})/)) {
    if (/^\{[^{}]*\}$/.test(part)) {
      names.push(part.slice(1, -1));
      capturing += '([^/]+?)';
      plain += '(?:[^/]+?)';
    } else {
      const literal = escapeRegExp(encodePathLiteral(part));
      capturing += literal;
      plain += literal;
    }
  }
  const prefix = prefixOf(baseUrl);
  const pattern = new RegExp(`^${prefix}${plain}$`);
  const extract = new RegExp(`^${prefix}${capturing}$`);
  return {
    pattern,
    params(url) {
      const match = extract.exec(`${url.origin}${url.pathname}`);
      if (match === null) return undefined;
      const params: Record<string, string> = {};
      names.forEach((name, index) => {
        Object.defineProperty(params, name, {
          value: decode(match[index + 1] ?? ''),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      });
      return params;
    },
  };
}

function prefixOf(baseUrl: string | undefined): string {
  if (baseUrl === undefined) return ANY_ORIGIN;
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  // `localhost:8080/api` parses too, as a URL of scheme `localhost:`: only HTTP is mocked.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new MockError(
      'MOCK_INVALID_OPTIONS',
      `baseUrl must be an absolute http(s) URL such as https://broker.example.com, not ${JSON.stringify(baseUrl)}`,
    );
  }
  return escapeRegExp(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/**
 * A literal part of the template as a request URL carries it: the WHATWG URL parser
 * percent-encodes spaces, quotes, `<`, `>`, backticks, braces and non-ASCII in a path.
 */
function encodePathLiteral(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const encoded = code <= 0x20 || code >= 0x7f || '"<>`{}'.includes(char);
    out += encoded ? encodeChar(char) : char;
  }
  return out;
}

/** A lone surrogate cannot be UTF-8 encoded; the URL parser writes U+FFFD for it. */
function encodeChar(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    return '%EF%BF%BD';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a bare `%`: the value as sent
  }
}
