/** Limits of materialised home feeds. */
export interface FeedSettings {
  /** Accounts with more followers than this are fan-in: their posts are merged into feeds at read time. */
  fanInThreshold: number;
  /** Rows kept per home feed; older ones are trimmed lazily. */
  feedCap: number;
  /** One distribution in this many also trims its recipients' feeds (trimming is cheap but not free). */
  trimEvery: number;
}

export const DEFAULT_FEED_SETTINGS: FeedSettings = { fanInThreshold: 5_000, feedCap: 1_000, trimEvery: 20 };
