import type { Target } from '../target.js';
import { summaryOf } from '../target-list.js';
import { planTypesFiles } from './plan.js';

/** `--target types`: TypeScript types for every path, operation and schema of the spec. */
export const typesTarget: Target = {
  ...summaryOf('types'),
  plan: planTypesFiles,
};
