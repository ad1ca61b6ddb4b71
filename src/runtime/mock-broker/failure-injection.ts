/**
 * Failure injection for the mock broker: a platform under test sees the failures a real broker
 * can have, on the operations it chooses, always or for a share of the calls.
 */
import { OsbError } from '../errors.js';

/** The service methods a failure can be injected into, by their `BrokerServices` names. */
export const MOCK_OPERATIONS = ['provision', 'update', 'deprovision', 'bind', 'unbind'] as const;

export type MockOperation = (typeof MOCK_OPERATIONS)[number];

/** One `--fail <operation>[:<share>]`. */
export interface FailureRule {
  operation: MockOperation;
  /** The share of calls that fail, from 0 (none) to 1 (all). */
  share: number;
}

/** Decides, once per call of a service method, whether that call fails. */
export type FailureDecider = (operation: MockOperation) => boolean;

/**
 * A decider drawing from `random` (uniform in [0, 1)) for operations with a share strictly
 * between 0 and 1, and only for those, so that a seeded generator gives the same outcomes for
 * the same sequence of calls whatever else the platform does. Throws nothing.
 */
export function createFailureDecider(
  rules: readonly FailureRule[],
  random: () => number,
): FailureDecider {
  const shares = new Map(rules.map((rule) => [rule.operation, rule.share]));
  return (operation) => {
    const share = shares.get(operation) ?? 0;
    if (share <= 0) return false;
    if (share >= 1) return true;
    return random() < share;
  };
}

/**
 * The error an injected failure raises: answered 500 with this description when the call is
 * synchronous; for background work, it becomes the failed `last_operation`'s description.
 * Throws nothing.
 */
export function injectedFailure(operation: MockOperation): OsbError {
  return new OsbError(500, {
    description: `The ${operation} failed: a failure injected by the brokergen mock (--fail ${operation}).`,
  });
}

/**
 * Mulberry32: a small, fast generator of numbers in [0, 1) that repeats its sequence for a
 * seed (`--seed`), so that a test of a platform against a failure share is reproducible. Not
 * for anything secret. Throws nothing.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
