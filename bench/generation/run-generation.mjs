/**
 * Generation, cold process: every tool's CLI spawned fresh, on the curated broker spec and on
 * GitHub's REST description, in interleaved runs (each run rotates the order), with peak memory;
 * then brokergen's regenerations (regenerate-broker.mjs). Each tool's output of the last run is
 * type-checked once under strict.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkCompiles } from '../lib/check-compiles.mjs';
import { measureDirectory } from '../lib/measure-directory.mjs';
import { BROKER_SPEC, GITHUB_SPEC, WORK } from '../lib/paths.mjs';
import { describeResult, lastLines } from '../lib/describe-result.mjs';
import { runNode } from '../lib/run-command.mjs';
import { rotate, summarize } from '../lib/stats.mjs';
import { measureRegenerations } from './regenerate-broker.mjs';
import { brokergen, TOOLS } from './tools.mjs';

/** @typedef {import('./tools.mjs').SpecCase} SpecCase */
/** @typedef {import('./tools.mjs').Tool} Tool */

/**
 * @typedef {object} GenerationOptions
 * @property {number} runs
 * @property {boolean} compile type-check each tool's output once
 * @property {string[]} specs which spec cases to run (`broker`, `github`)
 * @property {string[]} targets the targets this brokergen has
 * @property {(line: string) => void} log
 */

/**
 * The spec cases: on GitHub's description brokergen generates what a client of that API uses
 * (types, client, and mocks once the target exists), not a server.
 * @param {string[]} targets
 * @returns {SpecCase[]}
 */
export function specCases(targets) {
  return [
    { id: 'broker', label: 'OSB broker spec', file: BROKER_SPEC, brokergenTargets: undefined },
    {
      id: 'github',
      label: 'GitHub REST (@octokit/openapi)',
      file: GITHUB_SPEC,
      brokergenTargets: ['types', 'client', 'mocks'].filter((name) => targets.includes(name)),
    },
  ];
}

/**
 * @param {GenerationOptions} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function measureGeneration(options) {
  const cases = specCases(options.targets).filter((spec) => options.specs.includes(spec.id));
  const results = [];
  for (const spec of cases) results.push(await measureSpec(spec, options));
  const regeneration = options.specs.includes('broker')
    ? await measureRegenerations(options)
    : undefined;
  return { cases: results, regeneration };
}

/**
 * @param {SpecCase} spec
 * @param {GenerationOptions} options
 */
async function measureSpec(spec, options) {
  const base = join(WORK, 'generation', spec.id);
  /** @type {Map<string, { ms: number[], peak: number[], failures: string[] }>} */
  const samples = new Map();
  const sample = (/** @type {string} */ id) => {
    const existing = samples.get(id);
    if (existing !== undefined) return existing;
    const created = { ms: [], peak: [], failures: /** @type {string[]} */ ([]) };
    samples.set(id, created);
    return created;
  };
  const unchangedId = `${brokergen.id}-unchanged`;

  for (let run = 0; run < options.runs; run += 1) {
    for (const tool of rotate(TOOLS, run)) {
      const dir = join(base, tool.id);
      const outDir = join(dir, 'out');
      await rm(outDir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const args = await tool.command(spec, outDir, dir);
      const result = await runNode(args, { cwd: dir });
      record(sample(tool.id), result);
      options.log(
        `generation ${spec.id} run ${run + 1}/${options.runs} ${tool.id}: ${describeResult(result)}`,
      );
      if (tool === brokergen && result.code === 0) {
        // Nothing changed: the same command again over its own output.
        const again = await runNode(args, { cwd: dir });
        record(sample(unchangedId), again);
        options.log(
          `generation ${spec.id} run ${run + 1}/${options.runs} ${unchangedId}: ${describeResult(again)}`,
        );
      }
    }
  }

  const tools = [];
  for (const tool of TOOLS) {
    const dir = join(base, tool.id);
    const measured = sample(tool.id);
    const ok = measured.ms.length > 0;
    const compile = options.compile && ok ? await checkCompiles(dir, join(dir, 'out')) : undefined;
    if (compile !== undefined) {
      options.log(
        `generation ${spec.id} ${tool.id}: ${compile.compiles ? 'compiles' : `${compile.errors} type errors`} (tsc ${compile.ms} ms)`,
      );
    }
    tools.push({
      id: tool.id,
      label: tool.label,
      what: tool.id === brokergen.id ? describeBrokergenTargets(spec) : tool.what,
      ms: summarize(measured.ms),
      peakMemoryBytes: summarize(measured.peak),
      failures: measured.failures,
      output: ok
        ? await measureDirectory(join(dir, 'out'), (name) => name.endsWith('.ts'))
        : undefined,
      compile,
    });
  }
  const unchanged = sample(unchangedId);
  return {
    id: spec.id,
    label: spec.label,
    specBytes: (await stat(spec.file)).size,
    tools,
    unchanged: {
      ms: summarize(unchanged.ms),
      peakMemoryBytes: summarize(unchanged.peak),
      failures: unchanged.failures,
    },
  };
}

/**
 * @param {SpecCase} spec
 * @returns {string}
 */
function describeBrokergenTargets(spec) {
  return spec.brokergenTargets === undefined
    ? 'default targets (`generate` with no `--target`)'
    : `--target ${spec.brokergenTargets.join(' ')}`;
}

/**
 * @param {{ ms: number[], peak: number[], failures: string[] }} into
 * @param {import('../lib/run-command.mjs').CommandResult} result
 */
function record(into, result) {
  if (result.code !== 0) {
    into.failures.push(`exit ${result.code}: ${lastLines(result.stderr || result.stdout)}`);
    return;
  }
  into.ms.push(result.ms);
  if (result.peakMemoryBytes !== undefined) into.peak.push(result.peakMemoryBytes);
}
