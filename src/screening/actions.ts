// The action scale (allow < warn < review < block) and helpers to compare and combine actions.
import type { Action } from './types.js';

export const ACTIONS: readonly Action[] = ['allow', 'warn', 'review', 'block'];

const RANK: Record<Action, number> = { allow: 0, warn: 1, review: 2, block: 3 };

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

export function actionRank(action: Action): number {
  return RANK[action];
}

export function maxAction(a: Action, b: Action): Action {
  return RANK[a] >= RANK[b] ? a : b;
}

export function actionAtLeast(action: Action, floor: Action): boolean {
  return RANK[action] >= RANK[floor];
}
