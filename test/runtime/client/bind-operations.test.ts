import { describe, expect, it } from 'vitest';
import { bindOperations, createClientConfig } from '../../../src/runtime/client/index.js';
import type { ClientConfig } from '../../../src/runtime/client/index.js';

describe('bindOperations', () => {
  it('gives every function the client and passes the other arguments on', async () => {
    const client = createClientConfig({ baseUrl: 'http://b' });
    const echo = async (given: ClientConfig, input: { n: number }, options?: { x: string }) => ({
      same: given === client,
      input,
      options,
    });
    const api = bindOperations(client, { echo });
    expect(await api.echo({ n: 1 }, { x: 'y' })).toEqual({
      same: true,
      input: { n: 1 },
      options: { x: 'y' },
    });
    expect(Object.keys(api)).toEqual(['echo']);
  });
});
