import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { TypesWorker } from '../../src/targets/index.js';
import { printOpenApiTypes } from '../../src/targets/types/openapi-typescript.js';
import { REPO } from '../cli/run-cli.js';

/**
 * `generate` prints openapi-typescript's types on a worker thread while it plans the other
 * targets. The thread must print exactly what the main thread would, leave the document it is
 * sent alone, report openapi-typescript's own failures as they are, and fall back to the main
 * thread when it cannot run.
 */
async function loadDocument(file: string): Promise<object> {
  const { spec } = await loadSpec(join(REPO, file));
  return buildModel(spec).document;
}

function startWorker(): TypesWorker {
  const worker = TypesWorker.start();
  if (worker === undefined) throw new Error('this machine has one core: no worker to test');
  return worker;
}

describe('TypesWorker', () => {
  it.each(['spec/open-service-broker.yaml', 'test/fixtures/specs/discriminator.yaml'])(
    'prints what the main thread prints for %s, without touching the document',
    async (file) => {
      const document = await loadDocument(file);
      const before = JSON.stringify(document);
      const printed = await startWorker().print(document)();
      expect(JSON.stringify(document)).toBe(before);
      expect(printed).toBe(await printOpenApiTypes(structuredClone(document)));
      expect(printed).toContain('export interface paths');
    },
  );

  it("rejects with openapi-typescript's own error when it throws on the document", async () => {
    // A model fixture openapi-typescript cannot print (it throws a TypeError).
    const document = await loadDocument('test/fixtures/specs/model-responses.yaml');
    const inThread = startWorker().print(structuredClone(document))();
    const onMain = printOpenApiTypes(structuredClone(document));
    const [thread, main] = await Promise.allSettled([inThread, onMain]);
    expect(main.status).toBe('rejected');
    expect(thread.status).toBe('rejected');
    const message = (result: PromiseSettledResult<string>) =>
      result.status === 'rejected' ? (result.reason as Error).message : '';
    expect(message(thread)).toBe(message(main));
    expect(message(thread)).not.toBe('');
  });

  it('prints on the main thread when the thread has stopped', async () => {
    const document = await loadDocument('spec/open-service-broker.yaml');
    const worker = startWorker();
    worker.stop();
    const printed = await worker.print(document)();
    expect(printed).toBe(await printOpenApiTypes(structuredClone(document)));
  });
});
