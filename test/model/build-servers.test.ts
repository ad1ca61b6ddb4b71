import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import { specWithPaths } from './load-fixture.js';

describe('buildServers', () => {
  it('gives the default server / when the spec declares none', () => {
    expect(buildModel(specWithPaths({})).servers).toEqual([
      { url: '/', description: undefined, variables: [] },
    ]);
  });

  it('reads servers with their variables', () => {
    const servers = [
      {
        url: 'https://{host}/broker',
        description: 'The broker',
        variables: { host: { default: 'localhost', enum: ['localhost', 'example.com'] } },
      },
    ];
    expect(buildModel(specWithPaths({}, { servers })).servers).toEqual([
      {
        url: 'https://{host}/broker',
        description: 'The broker',
        variables: [
          {
            name: 'host',
            default: 'localhost',
            enum: ['localhost', 'example.com'],
            description: undefined,
          },
        ],
      },
    ]);
  });
});
