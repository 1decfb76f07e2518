/**
 * A word-level diff between two revisions of a draft, for reviewers: runs of equal, inserted and
 * deleted text whose concatenations give back the old (equal + delete) and new (equal + insert)
 * texts exactly. Whitespace runs are tokens of their own, so spacing changes show too.
 */

export interface DiffSegment {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Beyond this many tokens per side the middle is shown as one replacement (posts are short). */
const MAX_TOKENS = 4000;

export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/gu) ?? [];
}

export function wordDiff(before: string, after: string): DiffSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Common prefix and suffix first: most edits touch a few words.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const segments: DiffSegment[] = [];
  push(segments, 'equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length > MAX_TOKENS || midB.length > MAX_TOKENS) {
    push(segments, 'delete', midA.join(''));
    push(segments, 'insert', midB.join(''));
  } else {
    for (const [op, token] of lcsOps(midA, midB)) push(segments, op, token);
  }
  push(segments, 'equal', a.slice(endA).join(''));
  return segments;
}

/** The classic longest-common-subsequence table, walked forwards; deletions before insertions. */
function lcsOps(a: string[], b: string[]): Array<[DiffSegment['op'], string]> {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const ops: Array<[DiffSegment['op'], string]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push(['equal', a[i]!]);
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) {
      ops.push(['delete', a[i]!]);
      i++;
    } else {
      ops.push(['insert', b[j]!]);
      j++;
    }
  }
  while (i < n) ops.push(['delete', a[i++]!]);
  while (j < m) ops.push(['insert', b[j++]!]);
  return ops;
}

function push(segments: DiffSegment[], op: DiffSegment['op'], text: string): void {
  if (text === '') return;
  const last = segments[segments.length - 1];
  if (last && last.op === op) last.text += text;
  else segments.push({ op, text });
}
