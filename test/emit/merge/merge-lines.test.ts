import { describe, expect, it } from 'vitest';
import { mergeLines } from '../../../src/emit/merge/merge-lines.js';

const lines = (...items: string[]) => items.join('\n');

describe('mergeLines', () => {
  it.each([
    {
      name: 'combines edits to different lines',
      base: lines('a', 'b', 'c', 'd'),
      user: lines('a', 'B', 'c', 'd'),
      generated: lines('a', 'b', 'c', 'D'),
      want: { clean: true, text: lines('a', 'B', 'c', 'D') },
    },
    {
      name: 'combines edits to adjacent lines',
      base: lines('a', 'b', 'c'),
      user: lines('a', 'B', 'c'),
      generated: lines('a', 'b', 'C'),
      want: { clean: true, text: lines('a', 'B', 'C') },
    },
    {
      name: "combines a user's insertion with a generator's edit of the next line",
      base: lines('a', 'b'),
      user: lines('a', 'x', 'b'),
      generated: lines('a', 'B'),
      want: { clean: true, text: lines('a', 'x', 'B') },
    },
    {
      name: 'takes an edit both sides made to the same line',
      base: lines('a', 'b'),
      user: lines('a', 'B'),
      generated: lines('a', 'B'),
      want: { clean: true, text: lines('a', 'B') },
    },
    {
      name: "returns the user's text when both edited one line differently",
      base: lines('a', 'b'),
      user: lines('a', 'mine'),
      generated: lines('a', 'theirs'),
      want: { clean: false, text: lines('a', 'mine') },
    },
    {
      name: 'treats two different insertions at one place as a conflict',
      base: lines('a', 'b'),
      user: lines('a', 'x', 'b'),
      generated: lines('a', 'y', 'b'),
      want: { clean: false, text: lines('a', 'x', 'b') },
    },
    {
      name: 'keeps a deletion by one side next to an edit by the other',
      base: lines('a', 'b', 'c', 'd'),
      user: lines('a', 'c', 'd'),
      generated: lines('a', 'b', 'c', 'D'),
      want: { clean: true, text: lines('a', 'c', 'D') },
    },
  ])('$name', ({ base, user, generated, want }) => {
    expect(mergeLines(base, user, generated)).toEqual(want);
  });
});
