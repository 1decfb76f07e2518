/** Limits of materialised home feeds. */
export interface FeedSettings {
  /** Accounts with more followers than this are fan-in: their posts are merged into feeds at read time. */
  fanInThreshold: number;
  /** Rows kept per home feed; older ones are trimmed lazily. */
  feedCap: number;
  /** A feed receiving a post is trimmed with a chance of one in this many (trimming is cheap but not free). */
  trimEvery: number;
  /** At most this many feeds are trimmed inside one post's transaction. */
  maxTrimsPerPost: number;
}

export const DEFAULT_FEED_SETTINGS: FeedSettings = {
  fanInThreshold: 5_000,
  feedCap: 1_000,
  trimEvery: 20,
  maxTrimsPerPost: 100,
};
