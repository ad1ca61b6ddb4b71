import type { MergeNoteKind } from '../../../../src/emit/merge/index.js';

/**
 * One merge, in ts-morph's doTest shape: the three texts in, the expected text out, and the
 * conflicts and notes expected (by line and symbol; wording is free to change).
 */
export interface MergeScenario {
  name: string;
  base: string | undefined;
  user: string;
  generated: string;
  want: string;
  status?: 'merged' | 'unchanged' | 'unparseable';
  conflicts?: ReadonlyArray<{ line: number; symbol: string }>;
  notes?: ReadonlyArray<{ kind: MergeNoteKind; line: number; symbol: string }>;
}

/** The header the server target writes on user-owned files. */
export const HEADER = `// Created by brokergen from open-service-broker.yaml (Open Service Broker API 2.17).
// This file is yours to edit: brokergen merges your changes when it regenerates.`;

export const TYPES = `'../server/handlers.js'`;
export const ERRORS = `import { notImplemented } from '../server/runtime/errors.js';`;
