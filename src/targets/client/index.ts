import type { Target } from '../target.js';
import { planClientFiles } from './plan.js';

/** `--target client`: a typed, dependency-free `fetch` client with one function per operation. */
export const clientTarget: Target = {
  name: 'client',
  describe: 'client/ (one fetch function per operation, OSB polling helpers, runtime)',
  dependsOn: ['types'],
  plan: planClientFiles,
};
