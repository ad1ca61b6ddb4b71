import type { Target } from '../target.js';
import { planServerFiles } from './plan.js';

/** `--target server`: a Fastify plugin with typed handlers, and handler classes for the user. */
export const serverTarget: Target = {
  name: 'server',
  describe: 'server/ (Fastify routes, handler types, runtime), handlers/ and server.ts (yours)',
  dependsOn: ['types'],
  plan: planServerFiles,
};
