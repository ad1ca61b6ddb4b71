import type { Target } from '../target.js';
import { summaryOf } from '../target-list.js';
import { planServerFiles } from './plan.js';

/** `--target server`: a Fastify plugin with typed handlers, and handler classes for the user. */
export const serverTarget: Target = {
  ...summaryOf('server'),
  plan: planServerFiles,
};
