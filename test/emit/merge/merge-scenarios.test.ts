import { describe, expect, it } from 'vitest';
import { Merger, mergeUserCode } from '../../../src/emit/merge/index.js';
import { classMemberScenarios } from './scenarios/class-members.js';
import { deprecationScenarios } from './scenarios/deprecation.js';
import { importScenarios } from './scenarios/imports.js';
import type { MergeScenario } from './scenarios/merge-scenario.js';
import { serverEntryScenarios } from './scenarios/server-entry.js';
import { wholeFileScenarios } from './scenarios/whole-file.js';

const PATH = 'src/handlers/service-instances.ts';

const scenarios: MergeScenario[] = [
  ...classMemberScenarios,
  ...deprecationScenarios,
  ...importScenarios,
  ...wholeFileScenarios,
  ...serverEntryScenarios,
];

// One Merger for the suite, as one generate run uses one for all its files.
const merger = new Merger();

describe('mergeUserCode', () => {
  it.each(scenarios)('$name', (scenario) => {
    const { base, user, generated } = scenario;
    const result = merger.merge({ path: PATH, base, user, generated });

    expect(result.text).toBe(scenario.want);
    expect(result.status).toBe(scenario.status ?? 'merged');
    expect(result.conflicts.map(({ line, symbol }) => ({ line, symbol }))).toEqual(
      scenario.conflicts ?? [],
    );
    expect(result.notes.map(({ kind, line, symbol }) => ({ kind, line, symbol }))).toEqual(
      scenario.notes ?? [],
    );
  });

  it('merges the same through mergeUserCode as through a shared Merger', () => {
    const [scenario] = scenarios;
    if (scenario === undefined) throw new Error('no scenarios');
    const input = { path: PATH, ...scenario };

    expect(mergeUserCode(input)).toEqual(merger.merge(input));
  });

  it.each(scenarios.filter((scenario) => scenario.status !== 'unparseable'))(
    'changes nothing when the result is merged again: $name',
    (scenario) => {
      const first = merger.merge({ path: PATH, ...scenario });
      const again = merger.merge({
        path: PATH,
        base: scenario.generated,
        user: first.text,
        generated: scenario.generated,
      });

      expect(again).toEqual({ status: 'unchanged', text: first.text, conflicts: [], notes: [] });
    },
  );
});
