/** Markers: where a person stopped reading their home timeline and their notifications, synced across devices. */
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

export type MarkerTimeline = 'home' | 'notifications';

export interface Marker {
  timeline: MarkerTimeline;
  lastReadId: number;
  version: number;
  updatedAt: number;
}

export class Markers {
  constructor(private readonly database: Database) {}

  async get(accountId: number, timelines: MarkerTimeline[]): Promise<Marker[]> {
    if (timelines.length === 0) return [];
    const rows = await this.database.db
      .selectFrom('markers')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('timeline', 'in', timelines)
      .execute();
    return rows.map((r) => ({
      timeline: r.timeline,
      lastReadId: r.last_read_id,
      version: r.version,
      updatedAt: r.updated_at,
    }));
  }

  async lastReadId(accountId: number, timeline: MarkerTimeline): Promise<number | null> {
    const [marker] = await this.get(accountId, [timeline]);
    return marker ? marker.lastReadId : null;
  }

  /** Saves the given positions in one transaction; each saved marker's version goes up by one. */
  async save(accountId: number, positions: Partial<Record<MarkerTimeline, number>>): Promise<Marker[]> {
    const timelines = (Object.keys(positions) as MarkerTimeline[]).filter((t) => positions[t] !== undefined);
    return this.database.transaction(async (tx) => {
      const now = Date.now();
      for (const timeline of timelines) {
        const lastReadId = positions[timeline]!;
        await tx.db
          .insertInto('markers')
          .values({ account_id: accountId, timeline, last_read_id: lastReadId, version: 0, updated_at: now })
          .onConflict((oc) =>
            oc.columns(['account_id', 'timeline']).doUpdateSet({
              last_read_id: lastReadId,
              version: sql<number>`markers.version + 1`,
              updated_at: now,
            }),
          )
          .execute();
      }
      const rows = await tx.db
        .selectFrom('markers')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('timeline', 'in', timelines.length > 0 ? timelines : ['home'])
        .execute();
      return rows
        .filter((r) => timelines.includes(r.timeline))
        .map((r) => ({
          timeline: r.timeline,
          lastReadId: r.last_read_id,
          version: r.version,
          updatedAt: r.updated_at,
        }));
    });
  }
}
