import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Merger } from '../../../src/emit/merge/index.js';
import { createRandom, type Random } from './random/prng.js';
import {
  changeSpec,
  createSpec,
  renderHandlerFile,
  renderHandlerTypes,
  type Spec,
} from './random/random-spec.js';
import { createTypeChecker } from './random/type-check.js';
import { editAsUser, methodNames } from './random/user-edits.js';

/**
 * Randomised regeneration cycles: a user edits a handler file while the spec changes under it,
 * and every merge must keep each line the user wrote, parse, type-check against the new types,
 * and deprecate the methods of operations that left the spec. Replay a failure by setting
 * BROKERGEN_MERGE_SEED to the seed it prints; BROKERGEN_MERGE_DUMP=1 also writes the last merge's
 * input to brokergen-merge-cycle.json in the temp directory.
 */
const SEED = Number(process.env.BROKERGEN_MERGE_SEED ?? Math.floor(Math.random() * 2 ** 32));
const RUNS = 5;
const CYCLES_PER_RUN = 50;
const PATH = 'src/handlers/random.ts';

const merger = new Merger();
const typeCheck = createTypeChecker();

/** What one run has built up: the spec, the files, and the lines the user wrote. */
interface RunState {
  spec: Spec;
  generated: string;
  user: string;
  lines: string[];
  /** Every operation name a generated file has had, to tell which ones left the spec. */
  generatedNames: Set<string>;
  nextId: number;
  log: string[];
}

function runCycle(state: RunState, random: Random): void {
  for (let edits = random.below(4); edits > 0; edits--) {
    const edit = editAsUser(state.user, random, state.nextId++);
    state.user = edit.text;
    state.lines.push(...edit.lines);
    state.log.push(`user: ${edit.what}`);
  }
  for (let changes = random.below(3); changes > 0; changes--) {
    state.log.push(`spec: ${changeSpec(state.spec, random)}`);
  }
  const generated = renderHandlerFile(state.spec);
  const input = { path: PATH, base: state.generated, user: state.user, generated };
  if (process.env.BROKERGEN_MERGE_DUMP !== undefined) {
    writeFileSync(join(tmpdir(), 'brokergen-merge-cycle.json'), JSON.stringify(input, null, 2));
  }
  const result = merger.merge(input);

  expect(result.status).not.toBe('unparseable');
  expect(result.conflicts).toEqual([]);
  const resultLines = new Set(result.text.split('\n'));
  expect(state.lines.filter((line) => !resultLines.has(line))).toEqual([]);
  expect(checkTypes(state.spec, result.text)).toEqual([]);
  expect(undeprecated(state, result.text)).toEqual([]);
  const again = merger.merge({ path: PATH, base: generated, user: result.text, generated });
  expect(again.status).toBe('unchanged');

  state.generated = generated;
  state.user = result.text;
  for (const operation of state.spec.operations) state.generatedNames.add(operation.name);
}

function checkTypes(spec: Spec, handlerFile: string): string[] {
  return typeCheck({
    '/project/src/handlers/random.ts': handlerFile,
    '/project/src/server/handlers.ts': renderHandlerTypes(spec),
    '/project/src/server/runtime/errors.ts':
      'export function notImplemented(operation: string): never {\n  throw new Error(operation);\n}\n',
  });
}

/** Methods of operations that left the spec but lack `@deprecated` (or are gone altogether). */
function undeprecated(state: RunState, text: string): string[] {
  const current = new Set(state.spec.operations.map((operation) => operation.name));
  const present = new Set(methodNames(text));
  return [...state.generatedNames].filter((name) => {
    if (current.has(name)) return false;
    if (!present.has(name)) return true;
    const start = text.indexOf(`  async ${name}(`);
    const doc = text.slice(text.lastIndexOf('/**', start), start);
    return !doc.includes('@deprecated');
  });
}

describe('merging over randomised regeneration cycles', () => {
  it.each(Array.from({ length: RUNS }, (_, run) => run))(
    'keeps every user line and type-checks in run %i',
    (run) => {
      const seed = (SEED + run * 0x9e3779b9) >>> 0;
      const random = createRandom(seed);
      const spec = createSpec(random);
      const generated = renderHandlerFile(spec);
      const state: RunState = {
        spec,
        generated,
        user: generated,
        lines: [],
        generatedNames: new Set(spec.operations.map((operation) => operation.name)),
        nextId: 1,
        log: [],
      };
      for (let cycle = 0; cycle < CYCLES_PER_RUN; cycle++) {
        state.log = [];
        try {
          runCycle(state, random);
        } catch (error) {
          const replay = `BROKERGEN_MERGE_SEED=${SEED} (run ${run}, cycle ${cycle})`;
          throw new Error(`${replay} after ${state.log.join('; ')}`, { cause: error });
        }
      }
    },
  );
});
