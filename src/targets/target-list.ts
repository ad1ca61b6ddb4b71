import { UsageError } from '../errors.js';

/**
 * What the command line knows of a target without loading its code: `--help` lists targets,
 * and a run the cache answers (see emit/run-cache.ts) needs their names and dependencies only.
 * Each target's `index.ts` takes its entry from here.
 */
export interface TargetSummary {
  /** The `--target` value. */
  name: string;
  /** What it writes, for `--help`. */
  describe: string;
  /** Targets whose output this one imports, generated with it. */
  dependsOn: readonly string[];
}

/** Every target, in the order they run. */
export const TARGET_SUMMARIES = [
  {
    name: 'types',
    describe: 'types.ts: request, response and schema types (openapi-typescript)',
    dependsOn: [],
  },
  {
    name: 'server',
    describe: 'server/ (Fastify routes, handler types, runtime), handlers/ and server.ts (yours)',
    dependsOn: ['types'],
  },
  {
    name: 'client',
    describe: 'client/ (one fetch function per operation, OSB polling helpers, runtime)',
    dependsOn: ['types'],
  },
  {
    name: 'mocks',
    describe: 'mocks/ (one msw handler per operation, data from examples and schemas, runtime)',
    dependsOn: ['types'],
  },
] as const satisfies readonly TargetSummary[];

/** A target's `--target` name. */
export type TargetName = (typeof TARGET_SUMMARIES)[number]['name'];

/** The summary of the target named `name`. */
export function summaryOf(name: TargetName): TargetSummary {
  return TARGET_SUMMARIES.find((target) => target.name === name) as TargetSummary;
}

/**
 * The named targets and the targets they depend on, in run order. Throws UsageError
 * BG_CLI_UNKNOWN_TARGET for a name no target has.
 */
export function resolveTargetNames(names: readonly string[]): TargetName[] {
  const wanted = new Set<string>();
  const add = (name: string) => {
    const target = TARGET_SUMMARIES.find((summary) => summary.name === name);
    if (target === undefined) {
      throw new UsageError('BG_CLI_UNKNOWN_TARGET', `Unknown target "${name}"`, {
        hint: `Choose from: ${TARGET_SUMMARIES.map((t) => t.name).join(', ')}.`,
      });
    }
    wanted.add(name);
    target.dependsOn.forEach(add);
  };
  names.forEach(add);
  return TARGET_SUMMARIES.filter((target) => wanted.has(target.name)).map((target) => target.name);
}
