/** The action scale screening decides on (allow < warn < review < block), for comparing and labelling. */
export type { Finding, ScreeningAction } from './ScreeningApi.js';
import type { ScreeningAction } from './ScreeningApi.js';

const RANK: Record<ScreeningAction, number> = { allow: 0, warn: 1, review: 2, block: 3 };

export const SCREENING_ACTIONS: readonly ScreeningAction[] = ['allow', 'warn', 'review', 'block'];

export function actionRank(action: ScreeningAction): number {
  return RANK[action] ?? 0;
}
