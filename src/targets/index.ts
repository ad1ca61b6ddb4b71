import { clientTarget } from './client/index.js';
import { mocksTarget } from './mocks/index.js';
import { serverTarget } from './server/index.js';
import type { Target } from './target.js';
import { typesTarget } from './types/index.js';

export { STORE_KINDS } from './target.js';
export { resolveTargetNames, TARGET_SUMMARIES } from './target-list.js';
export type { TargetName, TargetSummary } from './target-list.js';
export { TypesWorker } from './types/types-worker.js';
export type { BrokerSettings, StoreKind, Target, TargetContext } from './target.js';

/** Every target, by `--target` name, in the order they run. */
export const TARGETS: readonly Target[] = [typesTarget, serverTarget, clientTarget, mocksTarget];

/** The target named `name`, or undefined. */
export function getTarget(name: string): Target | undefined {
  return TARGETS.find((target) => target.name === name);
}
