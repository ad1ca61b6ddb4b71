import { describe, expect, it } from 'vitest';
import { isSemanticVersion } from '../../../../src/runtime/broker/catalog/index.js';

// Examples from semver.org (2.0.0) and the OSB catalog example (`2.1.1+abcdef`).
describe('isSemanticVersion', () => {
  it.each([
    '0.0.0',
    '1.0.0',
    '10.20.30',
    '2.1.1+abcdef',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-0.3.7',
    '1.0.0-x.7.z.92',
    '1.0.0-x-y-z.--',
    '1.0.0-0a',
    '1.0.0-alpha+001',
    '1.0.0+20130313144700',
    '1.0.0-beta+exp.sha.5114f85',
    '1.0.0+21AF26D3----117B344092BD',
  ])('rule 38: accepts %s', (version) => {
    expect(isSemanticVersion(version)).toBe(true);
  });

  it.each([
    '',
    '1',
    '1.0',
    '1.0.0.0',
    'v1.0.0',
    '01.0.0',
    '1.01.0',
    '1.0.00',
    '1.0.0-',
    '1.0.0+',
    '1.0.0-01',
    '1.0.0-alpha..1',
    '1.0.0-alpha_beta',
    '1.0.0+build+2',
    ' 1.0.0',
    '1.0.0\n',
    '1.0.0-ä',
  ])('rule 38: rejects %j', (version) => {
    expect(isSemanticVersion(version)).toBe(false);
  });
});
