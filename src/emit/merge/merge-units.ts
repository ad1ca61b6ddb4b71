import { byKey, textOf, type Span, type Unit, type UnitList } from './collect-units.js';
import { deprecateUnit, reviveUnit } from './deprecate-unit.js';
import { mergePart, type MergeState } from './merge-state.js';
import { placeNewUnits } from './place-new-units.js';
import type { TextEdit } from './text-edits.js';

/** The three versions of one container: a file's top level or a class body. */
export interface ContainerVersions {
  /** Undefined when the previous generated text is unknown. */
  base: UnitList | undefined;
  user: UnitList;
  generated: UnitList;
}

/**
 * Three-way merge of the units of one container, in the user's order: each unit of the user's
 * is merged with its generated and previous versions, kept (and deprecated) when the generator
 * dropped it, and generated units the user's container lacks are added unless the user
 * deleted them. Imports are left to mergeImports, which runs on the result.
 */
export function mergeUnits(
  state: MergeState,
  versions: ContainerVersions,
  keyPath: readonly string[],
): void {
  const generated = pairRenamedStatements(versions);
  const baseUnits = byKey(versions.base);
  const generatedUnits = byKey(generated);
  const mark = state.edits.length;
  for (const unit of versions.user.units) {
    if (unit.kind === 'import') continue;
    const at = [...keyPath, unit.key];
    const next = generatedUnits.get(unit.key);
    const previous = baseUnits.get(unit.key);
    if (next === undefined) {
      if (previous !== undefined) keepDroppedUnit(state, unit, at);
    } else if (previous !== undefined) {
      mergeUnit(state, { base: previous, user: unit, generated: next }, at);
    } else {
      mergeUnitWithoutBase(state, { user: unit, generated: next }, at, versions.base === undefined);
    }
  }
  const userUnits = byKey(versions.user);
  const fresh = generated.units.filter((unit) => {
    if (unit.kind === 'import' || userUnits.has(unit.key)) return false;
    const previous = baseUnits.get(unit.key);
    const at = [...keyPath, unit.key];
    if (previous === undefined) {
      state.findings.push(finding('added', at, unit, `brokergen added ${unit.symbol}.`));
      return true;
    }
    if (textOf(state.base ?? '', previous.span) !== textOf(state.generated, unit.span)) {
      const message = `You deleted ${unit.symbol}, which brokergen has since changed; it stays deleted.`;
      state.findings.push(finding('kept-user-version', at, unit, message));
    }
    return false;
  });
  const placement = { user: versions.user, userText: state.user, generated };
  // New units go before this container's other edits: an insertion above the first unit must
  // land above a JSDoc that deprecation inserts at the same place, not between it and its unit.
  const inserted = placeNewUnits(fresh, { ...placement, generatedText: state.generated });
  state.edits.splice(mark, 0, ...inserted);
}

/** A unit in all three versions. */
function mergeUnit(
  state: MergeState,
  units: { base: Unit; user: Unit; generated: Unit },
  at: readonly string[],
): void {
  const { base, user, generated } = units;
  const part = (pick: (unit: Unit) => Span | undefined) => {
    const [b, u, g] = [pick(base), pick(user), pick(generated)];
    if (b === undefined || u === undefined || g === undefined) return undefined;
    const texts = { base: textOf(state.base ?? '', b), generated: textOf(state.generated, g) };
    return { ...texts, user: textOf(state.user, u), span: u };
  };
  const whole = part((unit) => unit.span);
  if (whole === undefined) return;
  if (whole.user === whole.generated || whole.generated === whole.base) return;
  const head = part((unit) => unit.head);
  if (head !== undefined) {
    const outcome = mergePart(state, head);
    if (outcome === 'taken' || outcome === 'merged') {
      const message = `brokergen updated the signature of ${user.symbol}.`;
      state.findings.push(finding('updated-signature', at, user, message));
    }
    if (outcome === 'conflict') conflict(state, at, user, 'the signature of');
    if (user.members && base.members && generated.members) {
      const members = { base: base.members, user: user.members, generated: generated.members };
      mergeUnits(state, members, at);
      return;
    }
  }
  const body = part((unit) => unit.body);
  if (head !== undefined && body !== undefined) {
    if (mergePart(state, body) === 'conflict') conflict(state, at, user, 'the body of');
  } else if (head === undefined && mergePart(state, whole) === 'conflict') {
    conflict(state, at, user, '');
  }
}

/**
 * A unit the user and the generator both have, but the previous generated text does not:
 * both added it, or the previous text is unknown. The user's version is kept.
 */
function mergeUnitWithoutBase(
  state: MergeState,
  units: { user: Unit; generated: Unit },
  at: readonly string[],
  unknownBase: boolean,
): void {
  const { user, generated } = units;
  const revived = reviveUnit(state.user, user);
  if (revived !== undefined) state.edits.push(revived);
  const userText = (span: Span) => textWithEdit(state.user, span, revived);
  if (userText(user.span) === textOf(state.generated, generated.span)) return;
  const sameHead =
    user.head !== undefined &&
    generated.head !== undefined &&
    userText(user.head) === textOf(state.generated, generated.head);
  if (user.members && generated.members) {
    if (!sameHead) keptUserVersion(state, at, user, unknownBase);
    const empty = { units: [], open: user.members.open, close: user.members.close };
    const members = { user: user.members, generated: generated.members };
    mergeUnits(state, { ...members, base: unknownBase ? undefined : empty }, at);
    return;
  }
  // Only the bodies differ: a body is where the user's work goes, so keeping it is no news.
  if (sameHead) return;
  keptUserVersion(state, at, user, unknownBase);
}

/**
 * A unit the generator no longer makes (its operation left the spec). It may hold the user's
 * code, so it stays, marked `@deprecated`; statements, which have no JSDoc, only get a note.
 */
function keepDroppedUnit(state: MergeState, unit: Unit, at: readonly string[]): void {
  if (unit.kind === 'statement' || unit.kind === 'member') {
    const message = `brokergen no longer generates ${unit.symbol}; it was kept.`;
    state.findings.push(finding('kept-user-version', at, unit, message));
    return;
  }
  const edit = deprecateUnit(state.user, unit);
  if (edit === undefined) return;
  state.edits.push(edit);
  const message = `${unit.symbol} is no longer in the spec; it was kept and marked @deprecated.`;
  state.findings.push(finding('deprecated', at, unit, message));
}

/**
 * Statements without a name are keyed by their first line, so a generator edit to that line
 * looks like one statement leaving and another arriving. When exactly one statement of a kind
 * left and one of the same kind arrived, they are taken to be one, so it is merged, not doubled.
 */
function pairRenamedStatements(versions: ContainerVersions): UnitList {
  const { base, user, generated } = versions;
  if (base === undefined) return generated;
  const [baseKeys, userKeys, generatedKeys] = [byKey(base), byKey(user), byKey(generated)];
  const syntaxKind = (unit: Unit) => unit.key.split(':')[1] ?? '';
  const left = base.units.filter((u) => u.kind === 'statement' && !generatedKeys.has(u.key));
  const arrived = generated.units.filter(
    (u) => u.kind === 'statement' && !baseKeys.has(u.key) && !userKeys.has(u.key),
  );
  const renames = new Map<string, string>();
  for (const unit of arrived) {
    const from = left.filter((candidate) => syntaxKind(candidate) === syntaxKind(unit));
    const to = arrived.filter((candidate) => syntaxKind(candidate) === syntaxKind(unit));
    if (from.length === 1 && to.length === 1 && from[0] !== undefined) {
      renames.set(unit.key, from[0].key);
    }
  }
  if (renames.size === 0) return generated;
  const units = generated.units.map((unit) => ({
    ...unit,
    key: renames.get(unit.key) ?? unit.key,
  }));
  return { ...generated, units };
}

function keptUserVersion(state: MergeState, at: readonly string[], unit: Unit, unknown: boolean) {
  const message = unknown
    ? `Your version of ${unit.symbol} differs from the generated one; with no record of the last generated version, yours was kept.`
    : `You and brokergen both added ${unit.symbol}, differently; your version was kept.`;
  state.findings.push(finding('kept-user-version', at, unit, message));
}

function conflict(state: MergeState, at: readonly string[], unit: Unit, part: string): void {
  const what = part === '' ? unit.symbol : `${part} ${unit.symbol}`;
  const message = `You and brokergen both changed ${what}; your version was kept.`;
  state.findings.push(finding('conflict', at, unit, message));
}

function finding(
  kind: MergeState['findings'][number]['kind'],
  keyPath: readonly string[],
  unit: Unit,
  message: string,
) {
  return { kind, keyPath, symbol: unit.symbol, message };
}

/** The text of a span of the user's text as it reads after one edit inside it. */
function textWithEdit(text: string, span: Span, edit: TextEdit | undefined): string {
  if (edit === undefined || edit.start < span.start || edit.end > span.end) {
    return textOf(text, span);
  }
  return text.slice(span.start, edit.start) + edit.text + text.slice(edit.end, span.end);
}
