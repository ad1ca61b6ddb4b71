import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlannedFile } from '../../emit/index.js';
import type { ApiModel } from '../../model/index.js';
import type { TargetContext } from '../target.js';
import { buildServerView } from './view.js';

/**
 * The server target's files: generated ones under `server/` (handler types, schemas, the
 * routes plugin and a copy of the runtime), and the user's: one handler class per tag under
 * `handlers/`, and `server.ts`.
 */
export async function planServerFiles(
  model: ApiModel,
  context: TargetContext,
): Promise<PlannedFile[]> {
  const view = buildServerView(model);
  const generated = (path: string, template: string): PlannedFile => ({
    path,
    owner: 'generated',
    content: { kind: 'template', template, view },
  });
  const runtime = await listRuntimeFiles(
    context.runtimeDir,
    view.isBroker ? BROKER_RUNTIME_FOLDERS : [],
  );
  return [
    generated('server/handlers.ts', 'server/handlers.ts'),
    generated('server/schemas.ts', 'server/schemas.ts'),
    generated('server/routes.ts', 'server/routes.ts'),
    ...runtime.map((file): PlannedFile => ({
      path: `server/runtime/${file}`,
      owner: 'generated',
      content: { kind: 'copy', from: join(context.runtimeDir, file) },
    })),
    ...view.groups.map((group): PlannedFile => ({
      path: group.file,
      owner: 'user',
      content: { kind: 'template', template: 'server/handler-group.ts', view: group },
    })),
    {
      path: 'server.ts',
      owner: 'user',
      content: { kind: 'template', template: 'server/server.ts', view },
    },
  ];
}

/**
 * The runtime folders a broker server carries besides the protocol layer: the OSB semantics
 * (`createBrokerHandlers`, the memory store) and the catalog checks. The durable stores
 * (`broker/store/`) need database packages and are added by the project that picks one.
 */
const BROKER_RUNTIME_FOLDERS = ['broker', 'broker/catalog'];

/** The runtime's TypeScript sources, top level first, as POSIX paths relative to it. */
async function listRuntimeFiles(dir: string, folders: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const folder of ['', ...folders]) {
    const entries = await readdir(join(dir, folder));
    const sources = entries
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .sort();
    files.push(...sources.map((name) => (folder === '' ? name : `${folder}/${name}`)));
  }
  return files;
}
