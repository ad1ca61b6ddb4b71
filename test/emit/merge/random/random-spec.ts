import type { Random } from './prng.js';

/** An operation of the modelled spec: a handler method with its request and reply types. */
export interface Operation {
  name: string;
  request: string;
  reply: string;
}

/** The modelled spec: its operations in order, and a counter for fresh names. */
export interface Spec {
  operations: Operation[];
  /** Every type name any version of the spec has used, for the stub declarations. */
  types: Set<string>;
  /** The spec's version, raised by every change; the file header names it. */
  version: number;
  nextId: number;
}

export function createSpec(random: Random): Spec {
  const spec: Spec = { operations: [], types: new Set(), version: 0, nextId: 1 };
  const count = 1 + random.below(4);
  for (let i = 0; i < count; i++) spec.operations.push(freshOperation(spec));
  return spec;
}

function freshId(spec: Spec): number {
  return spec.nextId++;
}

function freshType(spec: Spec, suffix: 'Request' | 'Reply'): string {
  const name = `Type${freshId(spec)}${suffix}`;
  spec.types.add(name);
  return name;
}

function freshOperation(spec: Spec): Operation {
  const name = `operation${freshId(spec)}`;
  return { name, request: freshType(spec, 'Request'), reply: freshType(spec, 'Reply') };
}

/** Applies one random change to the spec, as a new spec release would. */
export function changeSpec(spec: Spec, random: Random): string {
  const { operations } = spec;
  spec.version++;
  const index = random.below(operations.length);
  const operation = operations[index] as Operation;
  const change = random.pick(['add', 'remove', 'rename', 'request', 'reply'] as const);
  if (change === 'add' || (change === 'remove' && operations.length === 1)) {
    operations.splice(random.below(operations.length + 1), 0, freshOperation(spec));
    return 'add an operation';
  }
  if (change === 'remove') {
    operations.splice(index, 1);
    return `remove ${operation.name}`;
  }
  if (change === 'rename') {
    operations[index] = { ...operation, name: `operation${freshId(spec)}` };
    return `rename ${operation.name}`;
  }
  operations[index] = {
    ...operation,
    [change]: freshType(spec, change === 'request' ? 'Request' : 'Reply'),
  };
  return `change the ${change} type of ${operation.name}`;
}

/** The handler file the server target would render for the spec, formatted as prettier would. */
export function renderHandlerFile(spec: Spec): string {
  const types = ['RandomHandlers', ...spec.operations.flatMap((op) => [op.request, op.reply])];
  const methods = spec.operations.map((op) => {
    const oneLine = `  async ${op.name}(request: ${op.request}): Promise<${op.reply}> {`;
    const signature =
      oneLine.length <= 100
        ? oneLine
        : `  async ${op.name}(\n    request: ${op.request},\n  ): Promise<${op.reply}> {`;
    return [
      `  /** ${op.name} operation. */`,
      signature,
      `    return notImplemented('${op.name}');`,
      '  }',
    ].join('\n');
  });
  return [
    `// Created by brokergen from random.yaml (Random API 1.${spec.version}).`,
    '// This file is yours to edit: brokergen merges your changes when it regenerates.',
    '',
    renderImport(types, '../server/handlers.js'),
    "import { notImplemented } from '../server/runtime/errors.js';",
    '',
    '/** Random operations. */',
    'export class RandomService implements RandomHandlers {',
    methods.join('\n\n'),
    '}',
    '',
  ].join('\n');
}

function renderImport(names: readonly string[], from: string): string {
  const oneLine = `import type { ${names.join(', ')} } from '${from}';`;
  if (oneLine.length <= 100) return oneLine;
  return `import type {\n${names.map((name) => `  ${name},`).join('\n')}\n} from '${from}';`;
}

/** The declarations the handler file is checked against: every type ever, and today's interface. */
export function renderHandlerTypes(spec: Spec): string {
  const types = [...spec.types].map(
    (name) => `export interface ${name} {\n  readonly kind: '${name}';\n}`,
  );
  const members = spec.operations.map(
    (op) => `  ${op.name}(request: ${op.request}): Promise<${op.reply}>;`,
  );
  return [...types, `export interface RandomHandlers {\n${members.join('\n')}\n}`, ''].join('\n');
}
