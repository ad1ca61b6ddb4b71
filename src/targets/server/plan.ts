import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PrintedCode } from '../../emit/index.js';
import type { PlannedFile, RenderStyle } from '../../emit/index.js';
import type { ApiModel } from '../../model/index.js';
import type { StoreKind, TargetContext } from '../target.js';
import { printSchemaTypes } from '../types/openapi-typescript.js';
import type { BrokerView } from './broker-view.js';
import { buildServerView } from './view.js';
import type { ServerView } from './view.js';

/**
 * The server target's files: generated ones under `server/` (handler types, schemas, the
 * routes plugin and a copy of the runtime), and the user's: one handler class per tag under
 * `handlers/`, and `server.ts`. For a broker, the runtime handles the OSB operations: the user
 * owns `broker.ts` (the business logic) instead, and `server/catalog.ts` holds the catalog.
 */
export async function planServerFiles(
  model: ApiModel,
  context: TargetContext,
): Promise<PlannedFile[]> {
  const view = buildServerView(model, context.broker, context.generatedDir);
  const generated = (
    path: string,
    template: string,
    style: RenderStyle = 'unformatted',
  ): PlannedFile => ({
    path,
    owner: 'generated',
    content: { kind: 'template', template, view, style },
  });
  const runtime = await listRuntimeFiles(
    context.runtimeDir,
    view.broker === undefined ? [] : BROKER_RUNTIME_FOLDERS,
  );
  if (view.broker !== undefined) {
    runtime.push(...(await listStoreFiles(context.runtimeDir, view.broker.store)));
  }
  return [
    generated('server/handlers.ts', 'server/handlers.ts', styleOf(view.handlersKeepLiterals)),
    generated('server/schemas.ts', 'server/schemas.ts', 'formatted'),
    generated('server/routes.ts', 'server/routes.ts', 'formatted'),
    ...runtime.map((file): PlannedFile => ({
      path: `server/runtime/${file}`,
      owner: 'generated',
      content: { kind: 'copy', from: join(context.runtimeDir, file) },
    })),
    ...view.groups.map((group): PlannedFile => ({
      path: group.file,
      owner: 'user',
      content: {
        kind: 'template',
        template: 'server/handler-group.ts',
        view: group,
        style: styleOf(group.keepsLiterals),
      },
    })),
    ...(view.broker === undefined
      ? [
          {
            path: 'server.ts',
            owner: 'user',
            content: {
              kind: 'template',
              template: 'server/server.ts',
              view,
              style: styleOf(view.serverKeepsLiterals),
            },
          } satisfies PlannedFile,
        ]
      : await planBrokerFiles(view, view.broker)),
  ];
}

/**
 * The style of a template written in the output style: `formatted`, unless a string literal it
 * prints is one prettier would print otherwise (see keepsSingleQuotes), which no guard on line
 * widths would catch.
 */
function styleOf(keepsLiterals: boolean): RenderStyle {
  return keepsLiterals ? 'formatted' : 'unformatted';
}

/** A broker's catalog module (generated), its business logic and its server (the user's). */
async function planBrokerFiles(view: ServerView, broker: BrokerView): Promise<PlannedFile[]> {
  const parameterTypes = broker.hasParameterSchemas
    ? await printSchemaTypes(broker.parameterSchemas)
    : '';
  return [
    {
      path: 'server/catalog.ts',
      owner: 'generated',
      content: {
        kind: 'template',
        template: 'server/catalog.ts',
        view: { ...broker, parameterTypes: new PrintedCode(parameterTypes) },
        style: 'formatted',
      },
    },
    {
      path: 'broker.ts',
      owner: 'user',
      content: {
        kind: 'template',
        template: 'server/broker.ts',
        view: { ...broker, modules: view.modules },
        style: 'formatted',
      },
    },
    {
      path: 'server.ts',
      owner: 'user',
      content: { kind: 'template', template: 'server/broker-server.ts', view, style: 'formatted' },
    },
  ];
}

/**
 * The runtime folders a broker server carries besides the protocol layer: the OSB semantics
 * (`createBrokerHandlers`, the memory store) and the catalog checks. The durable stores
 * (`broker/store/`) need database packages and are added by the project that picks one.
 */
const BROKER_RUNTIME_FOLDERS = ['broker', 'broker/catalog'];

/**
 * The durable store a broker opens (`broker/store/`): the shared files and the chosen store's
 * own, whose database package the project then needs (better-sqlite3 or pg). The memory store
 * is part of `broker/` itself.
 */
async function listStoreFiles(dir: string, store: StoreKind): Promise<string[]> {
  if (store === 'memory') return [];
  const other = store === 'embedded' ? 'postgres-' : 'embedded-';
  const files = await listRuntimeFiles(join(dir, 'broker/store'), []);
  return files.filter((file) => !file.startsWith(other)).map((file) => `broker/store/${file}`);
}

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
