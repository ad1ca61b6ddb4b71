import type { Target } from '../target.js';
import { planMockFiles } from './plan.js';

/** `--target mocks`: msw handlers answering every operation from the spec's examples and schemas. */
export const mocksTarget: Target = {
  name: 'mocks',
  describe: 'mocks/ (one msw handler per operation, data from examples and schemas, runtime)',
  dependsOn: ['types'],
  plan: planMockFiles,
};
