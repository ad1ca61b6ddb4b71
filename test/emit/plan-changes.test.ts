import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MergeFile, RenderedFile } from '../../src/emit/index.js';
import { emptyManifest, hashText, MANIFEST_PATH } from '../../src/emit/manifest.js';
import type { Manifest } from '../../src/emit/manifest.js';
import { planChanges } from '../../src/emit/plan-changes.js';

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'brokergen-plan-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** A merge that records its inputs and answers with the user's text plus a marker. */
function recordingMerge(calls: Array<Parameters<MergeFile>[0]>): MergeFile {
  return (input) => {
    calls.push(input);
    return { status: 'merged', text: `${input.user}+merged`, diagnostics: [] };
  };
}

const generated = (path: string, text: string): RenderedFile => ({
  path,
  text,
  owner: 'generated',
});
const user = (path: string, text: string): RenderedFile => ({ path, text, owner: 'user' });

async function put(path: string, text: string) {
  await mkdir(join(outDir, path, '..'), { recursive: true });
  await writeFile(join(outDir, path), text);
}

function manifestOf(files: Manifest['files']): Manifest {
  return { ...emptyManifest(), files };
}

const actions = (changes: Array<{ path: string; action: string }>) =>
  Object.fromEntries(
    changes.filter((c) => c.path !== MANIFEST_PATH).map((c) => [c.path, c.action]),
  );

describe('planChanges', () => {
  it('creates, updates and leaves unchanged generated files by their content', async () => {
    await put('same.ts', 'same');
    await put('old.ts', 'old');
    const plan = await planChanges(
      outDir,
      [generated('same.ts', 'same'), generated('old.ts', 'new'), generated('new.ts', 'n')],
      emptyManifest(),
      recordingMerge([]),
    );
    expect(actions(plan.changes)).toEqual({
      'same.ts': 'unchanged',
      'old.ts': 'updated',
      'new.ts': 'created',
    });
  });

  it('creates a missing user file without merging', async () => {
    const calls: Array<Parameters<MergeFile>[0]> = [];
    const plan = await planChanges(
      outDir,
      [user('handlers/a.ts', 'stub')],
      emptyManifest(),
      recordingMerge(calls),
    );
    expect(actions(plan.changes)).toEqual({ 'handlers/a.ts': 'created' });
    expect(calls).toEqual([]);
  });

  it('merges an existing user file against the base the manifest recorded', async () => {
    await put('handlers/a.ts', 'mine');
    const calls: Array<Parameters<MergeFile>[0]> = [];
    const manifest = manifestOf({
      'handlers/a.ts': { owner: 'user', hash: hashText('mine'), base: 'stub v1' },
    });
    const plan = await planChanges(
      outDir,
      [user('handlers/a.ts', 'stub v2')],
      manifest,
      recordingMerge(calls),
    );
    expect(calls).toEqual([
      { path: 'handlers/a.ts', base: 'stub v1', user: 'mine', generated: 'stub v2' },
    ]);
    expect(plan.changes[0]).toMatchObject({ action: 'merged', next: 'mine+merged' });
  });

  it('records the new generated text as the next base of a user file', async () => {
    await put('handlers/a.ts', 'mine');
    const plan = await planChanges(
      outDir,
      [user('handlers/a.ts', 'stub v2')],
      emptyManifest(),
      recordingMerge([]),
    );
    const manifest = plan.changes.find((c) => c.path === MANIFEST_PATH);
    expect(JSON.parse(manifest?.next ?? '{}')).toMatchObject({
      files: { 'handlers/a.ts': { owner: 'user', base: 'stub v2' } },
    });
  });

  it('deletes a generated file the spec no longer produces when nobody edited it', async () => {
    await put('gone.ts', 'text');
    const manifest = manifestOf({ 'gone.ts': { owner: 'generated', hash: hashText('text') } });
    const plan = await planChanges(outDir, [], manifest, recordingMerge([]));
    expect(actions(plan.changes)).toEqual({ 'gone.ts': 'deleted' });
  });

  it('keeps an edited generated file the spec no longer produces, with BG_EMIT_STALE_KEPT', async () => {
    await put('gone.ts', 'text, edited');
    const manifest = manifestOf({ 'gone.ts': { owner: 'generated', hash: hashText('text') } });
    const plan = await planChanges(outDir, [], manifest, recordingMerge([]));
    expect(actions(plan.changes)).toEqual({ 'gone.ts': 'kept' });
    expect(plan.diagnostics).toMatchObject([
      { code: 'BG_EMIT_STALE_KEPT', location: { file: join(outDir, 'gone.ts') } },
    ]);
  });

  it('never deletes a user file the spec no longer produces', async () => {
    await put('handlers/gone.ts', 'stub');
    const manifest = manifestOf({
      'handlers/gone.ts': { owner: 'user', hash: hashText('stub'), base: 'stub' },
    });
    const plan = await planChanges(outDir, [], manifest, recordingMerge([]));
    expect(actions(plan.changes)).toEqual({ 'handlers/gone.ts': 'kept' });
  });

  it('warns with BG_EMIT_EDITED_GENERATED when a generated file was edited by hand', async () => {
    await put('types.ts', 'edited');
    const manifest = manifestOf({ 'types.ts': { owner: 'generated', hash: hashText('original') } });
    const plan = await planChanges(
      outDir,
      [generated('types.ts', 'original')],
      manifest,
      recordingMerge([]),
    );
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['BG_EMIT_EDITED_GENERATED']);
  });

  it('plans the manifest as an unchanged file when nothing changed', async () => {
    const first = await planChanges(
      outDir,
      [generated('a.ts', 'a')],
      emptyManifest(),
      recordingMerge([]),
    );
    for (const change of first.changes)
      if (change.next !== undefined) await put(change.path, change.next);
    const second = await planChanges(
      outDir,
      [generated('a.ts', 'a')],
      emptyManifest(),
      recordingMerge([]),
    );
    expect(second.changes.every((change) => change.action === 'unchanged')).toBe(true);
  });
});

describe('planChanges without a generator change', () => {
  it('does not merge a user file when the generator produced the same text as last time', async () => {
    await put('handlers/a.ts', 'mine');
    const calls: Array<Parameters<MergeFile>[0]> = [];
    const manifest = manifestOf({
      'handlers/a.ts': { owner: 'user', hash: hashText('mine'), base: 'stub' },
    });
    const plan = await planChanges(
      outDir,
      [user('handlers/a.ts', 'stub')],
      manifest,
      recordingMerge(calls),
    );
    expect(calls).toEqual([]);
    expect(plan.changes[0]).toMatchObject({ action: 'unchanged' });
  });

  it('leaves the manifest as it was when only the user edited their file', async () => {
    await put('handlers/a.ts', 'mine, edited since');
    const manifest = manifestOf({
      'handlers/a.ts': { owner: 'user', hash: hashText('mine'), base: 'stub' },
    });
    await put(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + '\n');
    const plan = await planChanges(
      outDir,
      [user('handlers/a.ts', 'stub')],
      manifest,
      recordingMerge([]),
    );
    const written = plan.changes.find((change) => change.path === MANIFEST_PATH);
    expect(JSON.parse(written?.next ?? written?.previous ?? '{}')).toEqual(manifest);
  });
});
