import { toIdentifier } from '../../naming.js';

/** A path parameter as the Fastify route names it, and as the spec does. */
export interface RouteParameter {
  /** The name in the Fastify URL: the spec's name when it is safe there, else an identifier. */
  routeName: string;
  /** The spec's name. */
  name: string;
}

/**
 * Turns an OpenAPI path template into a Fastify (find-my-way) URL: `{id}` becomes `:id`, a
 * literal `:` is doubled (find-my-way's escape), and a parameter whose name find-my-way would
 * cut short (`{foo-bar}` reads as `:foo` then `-bar`) gets an identifier name instead.
 */
export function toRouteUrl(path: string): { url: string; parameters: RouteParameter[] } {
  const parameters: RouteParameter[] = [];
  const url = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const match = /^\{([^}]+)\}$/.exec(part);
      if (match === null) return part.replaceAll(':', '::');
      const name = match[1] ?? '';
      const routeName = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
        ? name
        : toIdentifier(name, { fallback: 'param' }) + `_${parameters.length}`;
      parameters.push({ routeName, name });
      return `:${routeName}`;
    })
    .join('');
  return { url, parameters };
}
