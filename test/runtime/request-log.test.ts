import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrokerServerOptions } from '../../src/runtime/broker-server-options.js';
import { RequestLogController } from '../../src/runtime/request-log.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A server logging into `lines`, with the broker's request log controller. */
async function start(lines: Array<Record<string, unknown>>): Promise<string> {
  app = Fastify(
    createBrokerServerOptions({
      logger: {
        level: 'info',
        stream: {
          write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
        },
      },
      logController: new RequestLogController(),
    }),
  );
  app.put('/v2/service_instances/:id', async () => ({}));
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

describe('RequestLogController', () => {
  it('logs one line per request: method, path and query, status, time and request identity', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const url = await start(lines);
    await fetch(`${url}/v2/service_instances/i-1?accepts_incomplete=true`, {
      method: 'PUT',
      headers: {
        authorization: `Basic ${Buffer.from('platform:top-secret').toString('base64')}`,
        'x-broker-api-request-identity': 'req-7',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ parameters: { password: 'also-secret' } }),
    });
    const requests = lines.filter((line) => line['msg'] === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      level: 30,
      method: 'PUT',
      url: '/v2/service_instances/i-1?accepts_incomplete=true',
      status: 200,
      requestIdentity: 'req-7',
      ms: expect.any(Number),
    });
    const everything = JSON.stringify(lines);
    expect(everything).not.toContain('top-secret');
    expect(everything).not.toContain('also-secret');
    expect(everything).not.toContain(Buffer.from('platform:top-secret').toString('base64'));
    expect(lines.some((line) => line['msg'] === 'incoming request')).toBe(false);
  });

  it('still logs the errors Fastify logs, next to the request line', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const url = await start(lines);
    expect((await fetch(`${url}/fails`)).status).toBe(500);
    expect(lines.filter((line) => line['msg'] === 'request')).toHaveLength(1);
    expect(lines.some((line) => line['level'] === 50)).toBe(true);
  });
});
