import type { Target } from '../target.js';
import { summaryOf } from '../target-list.js';
import { planClientFiles } from './plan.js';

/** `--target client`: a typed, dependency-free `fetch` client with one function per operation. */
export const clientTarget: Target = {
  ...summaryOf('client'),
  plan: planClientFiles,
};
