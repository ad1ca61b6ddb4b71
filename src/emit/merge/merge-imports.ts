import type { SourceFile } from 'ts-morph';
import type { TsMorph } from './load-ts-morph.js';
import type { Finding } from './merge-state.js';
import {
  readImports,
  readReferencedNames,
  type ImportBinding,
  type ImportInfo,
} from './read-imports.js';
import { renderImport } from './render-import.js';
import type { TextEdit } from './text-edits.js';

/** The files the import merge reads: the user's after the declaration merge is applied. */
export interface ImportVersions {
  base: SourceFile | undefined;
  merged: SourceFile;
  generated: SourceFile;
  /** Where new imports go when the merged file has none: the end of its header. */
  headerEnd: number;
}

/** A binding found in one version, with its declaration. */
interface Found {
  declaration: ImportInfo;
  binding: ImportBinding;
}

/** Which bindings leave or join which user declarations. */
interface ImportPlan {
  user: ImportInfo[];
  generated: ImportInfo[];
  /** Binding ids (module and local name) to remove from the user's declarations. */
  removed: Set<string>;
  /** Generated bindings to add, in generated order. */
  added: Found[];
}

const idOf = (specifier: string, local: string) => `${specifier}\0${local}`;

/**
 * Merges imports per module and per binding. Imports the user added stay. The generator's
 * imports (in the previous or new generated text) follow the code: a generated binding the file
 * uses (or that is new and unused in the generated file too) is added; one the generator
 * dropped is removed once nothing uses it. `import type` stays apart from value imports.
 */
export function mergeImports(
  tm: TsMorph,
  versions: ImportVersions,
  findings: Finding[],
): TextEdit[] {
  const base = versions.base === undefined ? [] : readImports(versions.base);
  const plan: ImportPlan = {
    user: readImports(versions.merged),
    generated: readImports(versions.generated),
    removed: new Set(),
    added: [],
  };
  const baseIds = new Set(base.flatMap(bindingIds));
  const used = readReferencedNames(tm, versions.merged);
  planRemovals(plan, baseIds, used, findings);
  const declared = readDeclaredNames(versions.merged);
  const usedByGenerated = readReferencedNames(tm, versions.generated);
  const isWanted = (id: string, local: string) =>
    used.has(local) || (!baseIds.has(id) && !usedByGenerated.has(local));
  planAdditions(plan, { isWanted, declared }, findings);
  const text = versions.merged.getFullText();
  const baseTexts = new Map(base.map((declaration) => [declaration.key, declaration.text]));
  const sideEffects = planSideEffects(plan, base, findings);
  const edits = [
    ...editUserImports(plan, text, baseTexts),
    ...sideEffects.removed.map((d) => ({ start: d.start, end: lineEnd(text, d.end), text: '' })),
  ];
  const gone = new Set(edits.filter((edit) => edit.text === '').map((edit) => edit.start));
  const placement = { gone, text, headerEnd: versions.headerEnd };
  return [...edits, ...placeNewImports(plan, sideEffects.added, placement)];
}

function bindingIds(declaration: ImportInfo): string[] {
  return declaration.bindings.map((binding) => idOf(declaration.specifier, binding.local));
}

function bindingsById(declarations: readonly ImportInfo[]): Map<string, Found> {
  return new Map(
    declarations.flatMap((declaration) =>
      declaration.bindings.map(
        (binding) =>
          [idOf(declaration.specifier, binding.local), { declaration, binding }] as const,
      ),
    ),
  );
}

/** The generator's bindings it no longer imports, that nothing uses or another module now gives. */
function planRemovals(
  plan: ImportPlan,
  baseIds: ReadonlySet<string>,
  used: ReadonlySet<string>,
  findings: Finding[],
): void {
  const generated = bindingsById(plan.generated);
  const generatedLocals = new Set([...generated.values()].map((found) => found.binding.local));
  for (const [id, { declaration, binding }] of bindingsById(plan.user)) {
    if (!baseIds.has(id) || generated.has(id)) continue;
    const moved = generatedLocals.has(binding.local);
    if (used.has(binding.local) && !moved) continue;
    plan.removed.add(id);
    const reason = moved
      ? 'brokergen now imports it from another module'
      : 'brokergen no longer imports it and nothing else uses it';
    findings.push({
      kind: 'pruned-import',
      keyPath: [declaration.key],
      symbol: binding.local,
      message: `Removed the import of ${binding.local} from '${declaration.specifier}': ${reason}.`,
    });
  }
}

/** The generator's bindings the user's file lacks and needs, unless that name is taken. */
function planAdditions(
  plan: ImportPlan,
  rules: { isWanted: (id: string, local: string) => boolean; declared: ReadonlySet<string> },
  findings: Finding[],
): void {
  const user = bindingsById(plan.user);
  const taken = new Set(
    [...user].filter(([id]) => !plan.removed.has(id)).map(([, found]) => found.binding.local),
  );
  for (const [id, found] of bindingsById(plan.generated)) {
    const { local } = found.binding;
    if (user.has(id) || !rules.isWanted(id, local)) continue;
    if (taken.has(local) || rules.declared.has(local)) {
      findings.push({
        kind: 'kept-user-version',
        keyPath: [found.declaration.key],
        symbol: local,
        message: `brokergen imports ${local} from '${found.declaration.specifier}', but your file already defines that name; yours was kept.`,
      });
      continue;
    }
    plan.added.push(found);
  }
}

/** Edits to the user's declarations that lose or gain bindings; '' removes a declaration. */
function editUserImports(
  plan: ImportPlan,
  text: string,
  baseTexts: ReadonlyMap<string, string>,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const declaration of plan.user) {
    const added = plan.added.filter((found) => targetOf(plan, found) === declaration);
    const removed = declaration.bindings.filter((binding) =>
      plan.removed.has(idOf(declaration.specifier, binding.local)),
    );
    if (added.length === 0 && removed.length === 0) continue;
    const kept = declaration.bindings.filter((binding) => !removed.includes(binding));
    if (kept.length === 0 && added.length === 0) {
      edits.push({ start: declaration.start, end: lineEnd(text, declaration.end), text: '' });
      continue;
    }
    const source = plan.generated.find((other) => other.specifier === declaration.specifier);
    const bindings = insertInOrder(kept, added, source);
    const multiline = declaration.multiline && baseTexts.get(declaration.key) !== declaration.text;
    const rendered = renderImport({ ...declaration, bindings }, multiline);
    edits.push({ start: declaration.start, end: declaration.end, text: rendered });
  }
  return edits;
}

/** The user's declaration a generated binding joins: same module and kind, able to take it. */
function targetOf(plan: ImportPlan, found: Found): ImportInfo | undefined {
  if (found.binding.form !== 'named') return undefined;
  return plan.user.find(
    (declaration) =>
      declaration.specifier === found.declaration.specifier &&
      declaration.typeOnly === found.declaration.typeOnly &&
      !declaration.bindings.some((binding) => binding.form === 'namespace'),
  );
}

/** Kept bindings with added ones placed after their nearest generated predecessor. */
function insertInOrder(
  kept: readonly ImportBinding[],
  added: readonly Found[],
  source: ImportInfo | undefined,
): ImportBinding[] {
  const result = [...kept];
  for (const { binding } of added) {
    const order = source?.bindings.map((other) => other.local) ?? [];
    const before = order.slice(0, Math.max(0, order.indexOf(binding.local))).reverse();
    const anchor = before
      .map((local) => result.findIndex((other) => other.local === local))
      .find((index) => index >= 0);
    const first = result.findIndex((other) => other.form === 'named');
    result.splice(
      anchor === undefined ? (first < 0 ? result.length : first) : anchor + 1,
      0,
      binding,
    );
  }
  return result;
}

/** Side-effect imports (`import 'x'`): added when new, removed when the generator dropped them. */
function planSideEffects(
  plan: ImportPlan,
  base: readonly ImportInfo[],
  findings: Finding[],
): { removed: ImportInfo[]; added: ImportInfo[] } {
  const bareOf = (declarations: readonly ImportInfo[]) =>
    declarations.filter((declaration) => declaration.bindings.length === 0);
  const specifiers = (declarations: readonly ImportInfo[]) =>
    new Set(bareOf(declarations).map((declaration) => declaration.specifier));
  const [inBase, inUser, inGenerated] = [
    specifiers(base),
    specifiers(plan.user),
    specifiers(plan.generated),
  ];
  const removed = bareOf(plan.user).filter(
    (declaration) => inBase.has(declaration.specifier) && !inGenerated.has(declaration.specifier),
  );
  for (const declaration of removed) {
    findings.push({
      kind: 'pruned-import',
      keyPath: [declaration.key],
      symbol: declaration.specifier,
      message: `Removed the import of '${declaration.specifier}': brokergen no longer imports it.`,
    });
  }
  const added = bareOf(plan.generated).filter(
    (declaration) => !inUser.has(declaration.specifier) && !inBase.has(declaration.specifier),
  );
  return { removed, added };
}

/**
 * New declarations for generated bindings no user declaration can take, each after the user's
 * declaration of the nearest generated import before it; with none, before the first import,
 * or below the header when the file has no imports.
 */
function placeNewImports(
  plan: ImportPlan,
  bare: readonly ImportInfo[],
  placement: { gone: ReadonlySet<number>; text: string; headerEnd: number },
): TextEdit[] {
  const edits: TextEdit[] = [];
  const pending = plan.added.filter((found) => targetOf(plan, found) === undefined);
  const present = plan.user.filter((declaration) => !placement.gone.has(declaration.start));
  plan.generated.forEach((declaration, index) => {
    const bindings = pending
      .filter((found) => found.declaration === declaration)
      .map((found) => found.binding);
    if (bindings.length === 0 && !bare.includes(declaration)) return;
    const whole = bindings.length === declaration.bindings.length;
    const rendered = whole ? declaration.text : renderImport({ ...declaration, bindings }, false);
    const anchor = plan.generated
      .slice(0, index)
      .reverse()
      .map((previous) => present.find((user) => user.key === previous.key))
      .find((user) => user !== undefined);
    const first = present[0];
    if (anchor !== undefined) {
      edits.push({ start: anchor.end, end: anchor.end, text: `\n${rendered}` });
    } else if (first !== undefined) {
      edits.push({ start: first.start, end: first.start, text: `${rendered}\n` });
    } else if (placement.headerEnd > 0) {
      const at = placement.headerEnd;
      edits.push({ start: at, end: at, text: `\n\n${rendered}` });
    } else {
      edits.push({ start: 0, end: 0, text: `${rendered}\n\n` });
    }
  });
  return edits;
}

/** The names the file's top-level declarations bind; an import must not shadow them. */
function readDeclaredNames(file: SourceFile): Set<string> {
  const names = [
    ...file.getFunctions().map((node) => node.getName()),
    ...file.getClasses().map((node) => node.getName()),
    ...file.getInterfaces().map((node) => node.getName()),
    ...file.getTypeAliases().map((node) => node.getName()),
    ...file.getEnums().map((node) => node.getName()),
    ...file.getVariableDeclarations().map((node) => node.getName()),
  ];
  return new Set(names.filter((name): name is string => name !== undefined));
}

/** The end of a declaration's line, so that removing it leaves no empty line behind. */
function lineEnd(text: string, end: number): number {
  return text[end] === '\n' ? end + 1 : text.startsWith('\r\n', end) ? end + 2 : end;
}
