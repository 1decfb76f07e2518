import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ancestorsOf, descendantsOf, type ThreadNode } from './thread.js';

//      1
//    /   \
//   2     4
//   |
//   3     5 (reply to 4), 6 (reply to 2)
const thread: ThreadNode[] = [
  { id: 1, in_reply_to_id: null },
  { id: 2, in_reply_to_id: 1 },
  { id: 3, in_reply_to_id: 2 },
  { id: 4, in_reply_to_id: 1 },
  { id: 5, in_reply_to_id: 4 },
  { id: 6, in_reply_to_id: 2 },
];

describe('thread', () => {
  it('walks up the reply chain, oldest first', () => {
    expect(ancestorsOf(thread, 3)).toEqual([1, 2]);
    expect(ancestorsOf(thread, 1)).toEqual([]);
  });

  it('lists replies depth first, siblings oldest first', () => {
    expect(descendantsOf(thread, 1)).toEqual([2, 3, 6, 4, 5]);
    expect(descendantsOf(thread, 2)).toEqual([3, 6]);
    expect(descendantsOf(thread, 5)).toEqual([]);
  });

  it('in any tree, each post is an ancestor of exactly its descendants', () => {
    const tree = fc
      .array(fc.nat(), { maxLength: 30 })
      .map((parents) =>
        parents.map((p, i): ThreadNode => ({ id: i + 1, in_reply_to_id: i === 0 ? null : (p % i) + 1 })),
      );
    fc.assert(
      fc.property(tree, (nodes) => {
        for (const node of nodes) {
          const below = new Set(descendantsOf(nodes, node.id));
          expect(below.size).toBe(descendantsOf(nodes, node.id).length);
          for (const other of nodes) {
            expect(ancestorsOf(nodes, other.id).includes(node.id)).toBe(below.has(other.id));
          }
        }
      }),
    );
  });
});
