/** Marker entities in Mastodon's shape: `{ home: {…}, notifications: {…} }`, only for the timelines that have one. */
import type { Marker } from '../../services/markers/marker-service.js';

export function presentMarkers(markers: Marker[]) {
  const result: Record<string, { last_read_id: string; version: number; updated_at: string }> = {};
  for (const marker of markers) {
    result[marker.timeline] = {
      last_read_id: String(marker.lastReadId),
      version: marker.version,
      updated_at: new Date(marker.updatedAt).toISOString(),
    };
  }
  return result;
}
