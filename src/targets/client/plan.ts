import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlannedFile } from '../../emit/index.js';
import type { ApiModel } from '../../model/index.js';
import type { TargetContext } from '../target.js';
import { buildClientView } from './view.js';

/**
 * The client target's files, all generated: `client/client.ts` (one function per operation and
 * its types), `client/broker.ts` for an OSB spec (polling helpers), and a copy of the client
 * runtime (`src/runtime/client/`) under `client/runtime/`. Both templates write the output style
 * (see RenderStyle), so that prettier formats only their statements too wide for a line: on
 * GitHub's description, `client.ts` is 2.4 MB, and formatting all of it took seconds.
 */
export async function planClientFiles(
  model: ApiModel,
  context: TargetContext,
): Promise<PlannedFile[]> {
  const view = buildClientView(model);
  const runtimeDir = join(context.runtimeDir, 'client');
  const runtime = await listRuntimeFiles(runtimeDir);
  return [
    {
      path: 'client/client.ts',
      owner: 'generated',
      content: { kind: 'template', template: 'client/client.ts', view, style: 'formatted' },
    },
    ...(view.broker === undefined
      ? []
      : [
          {
            path: 'client/broker.ts',
            owner: 'generated',
            content: {
              kind: 'template',
              template: 'client/broker.ts',
              view: view.broker,
              style: 'formatted',
            },
          } satisfies PlannedFile,
        ]),
    ...runtime.map((file): PlannedFile => ({
      path: `client/runtime/${file}`,
      owner: 'generated',
      content: { kind: 'copy', from: join(runtimeDir, file) },
    })),
  ];
}

async function listRuntimeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir);
  return entries.filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).sort();
}
