import type { Target } from '../target.js';
import { summaryOf } from '../target-list.js';
import { planMockFiles } from './plan.js';

/** `--target mocks`: msw handlers answering every operation from the spec's examples and schemas. */
export const mocksTarget: Target = {
  ...summaryOf('mocks'),
  plan: planMockFiles,
};
