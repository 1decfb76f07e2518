/**
 * A post's place in its thread, worked out from the thread's (id, in_reply_to_id) pairs: the chain
 * of posts it answers, and the replies beneath it in reading order (depth first, oldest first).
 */
export interface ThreadNode {
  id: number;
  in_reply_to_id: number | null;
}

/** The posts `id` replies to, oldest first. */
export function ancestorsOf(nodes: ThreadNode[], id: number): number[] {
  const parentOf = new Map(nodes.map((n) => [n.id, n.in_reply_to_id]));
  const chain: number[] = [];
  const seen = new Set<number>([id]);
  let current = parentOf.get(id) ?? null;
  while (current !== null && parentOf.has(current) && !seen.has(current)) {
    seen.add(current);
    chain.push(current);
    current = parentOf.get(current) ?? null;
  }
  return chain.reverse();
}

/** The replies under `id`, each followed by its own replies, siblings oldest first. */
export function descendantsOf(nodes: ThreadNode[], id: number): number[] {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    if (node.in_reply_to_id === null) continue;
    const list = children.get(node.in_reply_to_id) ?? [];
    list.push(node.id);
    children.set(node.in_reply_to_id, list);
  }
  for (const list of children.values()) list.sort((a, b) => a - b);
  const result: number[] = [];
  const seen = new Set<number>([id]);
  const stack = [...(children.get(id) ?? [])].reverse();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    result.push(next);
    stack.push(...[...(children.get(next) ?? [])].reverse());
  }
  return result;
}
