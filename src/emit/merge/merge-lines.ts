/** A replacement of base lines `[start, end)` by `lines`, made by one side. */
interface Hunk {
  start: number;
  end: number;
  lines: string[];
  side: 'user' | 'generated';
}

/** The outcome of a line-level three-way merge; `text` is the user's when not clean. */
export interface LineMerge {
  clean: boolean;
  text: string;
}

/**
 * Merges two edits of one declaration line by line (diff3), for when the user and the generator
 * both changed it: edits to different lines combine, even adjacent ones, and edits to the same
 * lines (or two insertions at one place) conflict unless they are equal. On a conflict the
 * user's text is returned whole, never half merged.
 */
export function mergeLines(base: string, user: string, generated: string): LineMerge {
  const baseLines = base.split('\n');
  const hunks = [
    ...diffLines(baseLines, user.split('\n'), 'user'),
    ...diffLines(baseLines, generated.split('\n'), 'generated'),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: string[] = [];
  let cursor = 0;
  for (let i = 0; i < hunks.length;) {
    const group = [hunks[i++] as Hunk];
    let end = group[0]?.end ?? 0;
    const start = group[0]?.start ?? 0;
    for (let next = hunks[i]; next !== undefined && overlaps(next, start, end); next = hunks[++i]) {
      group.push(next);
      end = Math.max(end, next.end);
    }
    out.push(...baseLines.slice(cursor, start));
    const mine = applyHunks(baseLines, start, end, group, 'user');
    const theirs = applyHunks(baseLines, start, end, group, 'generated');
    const sides = new Set(group.map((hunk) => hunk.side));
    if (sides.size === 2 && mine.join('\n') !== theirs.join('\n'))
      return { clean: false, text: user };
    out.push(...(sides.has('user') ? mine : theirs));
    cursor = end;
  }
  out.push(...baseLines.slice(cursor));
  return { clean: true, text: out.join('\n') };
}

/**
 * Whether a hunk belongs to the group of base lines `[start, end)`: it changes some of those
 * lines, or both are insertions at one place, whose order nothing could decide.
 */
function overlaps(hunk: Hunk, start: number, end: number): boolean {
  return hunk.start < end || (start === end && hunk.start === end && hunk.end === end);
}

/** The base lines `[start, end)` with one side's hunks of a group applied. */
function applyHunks(
  base: readonly string[],
  start: number,
  end: number,
  group: readonly Hunk[],
  side: Hunk['side'],
): string[] {
  const out: string[] = [];
  let cursor = start;
  for (const hunk of group.filter((h) => h.side === side)) {
    out.push(...base.slice(cursor, hunk.start), ...hunk.lines);
    cursor = hunk.end;
  }
  out.push(...base.slice(cursor, end));
  return out;
}

/** The hunks that turn `a` into `b`, from a longest common subsequence of lines. */
function diffLines(a: readonly string[], b: readonly string[], side: Hunk['side']): Hunk[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const x = a.slice(prefix, a.length - suffix);
  const y = b.slice(prefix, b.length - suffix);
  const width = y.length + 1;
  // lcs[i * width + j] is the length of the longest common subsequence of x[i..] and y[j..].
  const lcs = new Uint32Array((x.length + 1) * width);
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        x[i] === y[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      open = undefined;
      i++;
      j++;
      continue;
    }
    if (open === undefined) {
      open = { start: prefix + i, end: prefix + i, lines: [], side };
      hunks.push(open);
    }
    const insert = (lcs[i * width + j + 1] ?? 0) >= (lcs[(i + 1) * width + j] ?? 0);
    if (j < y.length && (i === x.length || insert)) {
      open.lines.push(y[j++] as string);
    } else {
      open.end = prefix + ++i;
    }
  }
  return hunks;
}
