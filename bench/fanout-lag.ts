/**
 * Fan-out lag: while posts are created at full speed, samples some of them and polls a few of the
 * author's followers' home timelines until the post shows up. The lag is the time from the POST's
 * response to the first poll that saw the post in every sampled follower's feed (an upper bound:
 * it includes that poll's own round trip).
 */
import { percentiles, type Percentiles } from './load.js';

export interface LagSample {
  /** Milliseconds since the checker started, when the POST was answered. */
  at: number;
  lagMs: number;
}

export interface LagReport {
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
  private readonly pending = new Set<Promise<void>>();
  private sampled = 0;
  private missed = 0;
  private skipped = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly options: { maxInFlight: number; pollIntervalMs: number; timeoutMs: number },
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
