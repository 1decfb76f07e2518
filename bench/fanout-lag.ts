/**
 * Fan-out lag: while posts are created at full speed, samples some of them and measures two things
 * from the POST's response on:
 * - feed rows: how long until the post is in the home feed of *every* follower, read straight from
 *   the database (`home_feed` rows for the post = followers + the author);
 * - API: how long until a few sampled followers see it in GET /api/v1/timelines/home (polled; an
 *   upper bound that includes the poll's own round trip, and so the server's queueing under load).
 */
import { percentiles, type Percentiles } from './load.js';

export interface LagSample {
  /** Milliseconds since the checker started, when the POST was answered. */
  at: number;
  lagMs: number;
}

export interface LagReport {
  /** Time until every follower's feed row exists, from the database. */
  feedRowsMs: Percentiles;
  /** Posts whose feed rows were still incomplete at the timeout. */
  feedRowsMissed: number;
  sampled: number;
  seen: number;
  /** Posts not seen by every sampled follower within the timeout. */
  missed: number;
  /** Posts not sampled because enough checks were already running. */
  skipped: number;
  lagMs: Percentiles;
  /** Median lag in the first and last third of the run: a growing backlog shows as a rise. */
  firstThirdP50: number;
  lastThirdP50: number;
  samples: LagSample[];
}

export class FanoutLagChecker {
  private readonly started = performance.now();
  private readonly samples: LagSample[] = [];
  private readonly feedRowLags: number[] = [];
  private feedRowsMissed = 0;
  private readonly pending = new Set<Promise<void>>();
  private sampled = 0;
  private missed = 0;
  private skipped = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly options: {
      maxInFlight: number;
      pollIntervalMs: number;
      timeoutMs: number;
      /** Counts a post's home_feed rows; complete when it reaches `expectedRows`. */
      feedRows?: (statusId: number) => Promise<number>;
      expectedRows?: number;
    },
  ) {}

  /** Called when a POST was answered: checks it unless enough checks are already running. */
  track(statusId: string, followerTokens: string[]): void {
    const respondedAt = performance.now();
    if (this.pending.size >= this.options.maxInFlight) {
      this.skipped += 1;
      return;
    }
    this.sampled += 1;
    const check = this.check(statusId, followerTokens, respondedAt).finally(() => this.pending.delete(check));
    this.pending.add(check);
  }

  async drain(): Promise<LagReport> {
    await Promise.all(this.pending);
    const lags = this.samples.map((s) => s.lagMs);
    const end = this.samples.reduce((m, s) => Math.max(m, s.at), 0);
    const third = (from: number, to: number) =>
      percentiles(this.samples.filter((s) => s.at >= from && s.at < to).map((s) => s.lagMs)).p50;
    return {
      feedRowsMs: percentiles(this.feedRowLags),
      feedRowsMissed: this.feedRowsMissed,
      sampled: this.sampled,
      seen: this.samples.length,
      missed: this.missed,
      skipped: this.skipped,
      lagMs: percentiles(lags),
      firstThirdP50: third(0, end / 3),
      lastThirdP50: third((2 * end) / 3, end + 1),
      samples: this.samples,
    };
  }

  private async check(statusId: string, followerTokens: string[], respondedAt: number): Promise<void> {
    await Promise.all([this.checkApi(statusId, followerTokens, respondedAt), this.checkFeedRows(statusId, respondedAt)]);
  }

  private async checkFeedRows(statusId: string, respondedAt: number): Promise<void> {
    const { feedRows, expectedRows } = this.options;
    if (!feedRows || expectedRows === undefined) return;
    const deadline = respondedAt + this.options.timeoutMs;
    while (performance.now() < deadline) {
      if ((await feedRows(Number(statusId))) >= expectedRows) {
        this.feedRowLags.push(performance.now() - respondedAt);
        return;
      }
      await new Promise((r) => setTimeout(r, this.options.pollIntervalMs));
    }
    this.feedRowsMissed += 1;
  }

  private async checkApi(statusId: string, followerTokens: string[], respondedAt: number): Promise<void> {
    const waiting = new Set(followerTokens);
    // min_id pages forward from just before the post, so the post is first if it is there at all.
    const before = String(Number(statusId) - 1);
    const deadline = respondedAt + this.options.timeoutMs;
    while (waiting.size > 0 && performance.now() < deadline) {
      await Promise.all(
        [...waiting].map(async (token) => {
          if (await this.inFeed(token, before, statusId)) waiting.delete(token);
        }),
      );
      if (waiting.size > 0) await new Promise((r) => setTimeout(r, this.options.pollIntervalMs));
    }
    if (waiting.size > 0) this.missed += 1;
    else this.samples.push({ at: respondedAt - this.started, lagMs: performance.now() - respondedAt });
  }

  private async inFeed(token: string, minId: string, statusId: string): Promise<boolean> {
    const response = await fetch(`${this.baseUrl}/api/v1/timelines/home?min_id=${minId}&limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as { id: string }[];
    return response.ok && Array.isArray(page) && page.some((s) => s.id === statusId);
  }
}
