import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../../src/emit/merge/text-edits.js';

describe('applyTextEdits', () => {
  it.each([
    {
      name: 'applies replacements given in any order',
      edits: [
        { start: 6, end: 11, text: 'there' },
        { start: 0, end: 5, text: 'hi' },
      ],
      want: 'hi there',
    },
    {
      name: 'keeps insertions at one position in the order given',
      edits: [
        { start: 5, end: 5, text: ' a' },
        { start: 5, end: 5, text: ' b' },
      ],
      want: 'hello a b world',
    },
    {
      name: 'puts an insertion before a replacement that starts at the same position',
      edits: [
        { start: 0, end: 5, text: 'bye' },
        { start: 0, end: 0, text: '>> ' },
      ],
      want: '>> bye world',
    },
  ])('$name', ({ edits, want }) => {
    expect(applyTextEdits('hello world', edits)).toBe(want);
  });

  it('refuses overlapping replacements, which would lose text', () => {
    const edits = [
      { start: 0, end: 7, text: 'a' },
      { start: 5, end: 9, text: 'b' },
    ];
    expect(() => applyTextEdits('hello world', edits)).toThrow(
      expect.objectContaining({ code: 'BG_MERGE_FAILED' }),
    );
  });
});
