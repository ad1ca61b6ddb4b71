import type { Target } from '../target.js';
import { planTypesFiles } from './plan.js';

/** `--target types`: TypeScript types for every path, operation and schema of the spec. */
export const typesTarget: Target = {
  name: 'types',
  describe: 'types.ts: request, response and schema types (openapi-typescript)',
  dependsOn: [],
  plan: planTypesFiles,
};
