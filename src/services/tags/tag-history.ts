/** A hashtag's use over the last days, as Mastodon's Tag entity shows it (newest day first). */
export const HISTORY_DAYS = 7;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface TagDay {
  /** Midnight UTC that starts the day, in ms. */
  day: number;
  uses: number;
  accounts: number;
}

/** Fills the days without use with zeros, from today back HISTORY_DAYS - 1 days. */
export function historyDays(counts: Map<number, { uses: number; accounts: number }>, now: number): TagDay[] {
  const today = Math.floor(now / DAY_MS);
  const days: TagDay[] = [];
  for (let i = 0; i < HISTORY_DAYS; i++) {
    const dayNumber = today - i;
    const count = counts.get(dayNumber);
    days.push({ day: dayNumber * DAY_MS, uses: count?.uses ?? 0, accounts: count?.accounts ?? 0 });
  }
  return days;
}
