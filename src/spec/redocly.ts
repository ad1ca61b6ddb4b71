/** Redocly's API, as brokergen uses it. */
export type Redocly = typeof import('@redocly/openapi-core');

/**
 * Redocly, loaded on first use. Loading it takes 0.3 to 0.7 s, so modules of the spec stage
 * import it here when they run, not when they load: `--version`, `--help` and a generation that
 * finds its output up to date never need it.
 */
export function loadRedocly(): Promise<Redocly> {
  return import('@redocly/openapi-core');
}
