import { resolve } from 'node:path';
import type { ApiModel } from '../../../../src/model/index.js';
import { buildModel } from '../../../../src/model/index.js';
import type { MockSpec } from '../../../../src/runtime/mocks/index.js';
import { loadSpec } from '../../../../src/spec/index.js';
import { buildMocksView } from '../../../../src/targets/mocks/view.js';

const REPO = resolve(import.meta.dirname, '../../../..');

/** The three specs every mock test runs on: the curated two and GitHub's REST description. */
export const MOCK_SPECS = [
  'spec/open-service-broker.yaml',
  'spec/cloud-controller-v2.yaml',
  'node_modules/@octokit/openapi/generated/api.github.com.json',
];

export interface LoadedMockSpec {
  model: ApiModel;
  /** The mock document exactly as a generated `mocks/spec.ts` parses it. */
  mockSpec: MockSpec;
}

/** The model of a spec (path relative to the repository) and its mock document. */
export async function loadMockSpec(file: string): Promise<LoadedMockSpec> {
  const { spec } = await loadSpec(resolve(REPO, file), { ruleset: 'none' });
  const model = buildModel(spec);
  const mockSpec = JSON.parse(buildMocksView(model).specJson) as MockSpec;
  return { model, mockSpec };
}
