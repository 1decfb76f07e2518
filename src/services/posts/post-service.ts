/** Posts: writing, editing, deleting, and loading them for a viewer through the visibility rule. */
import type { Database } from '../../db/database.js';
import type { Viewer } from '../auth/viewer.js';
import type { HydratedStatus } from './hydrated-status.js';

export class Posts {
  constructor(private readonly database: Database) {}

  /**
   * Loads posts by id for a viewer, in the order given, dropping any the viewer may not see
   * (or that no longer exist). Every read path goes through here.
   */
  async hydrate(viewer: Viewer | null, ids: number[]): Promise<HydratedStatus[]> {
    void this.database;
    void viewer;
    void ids;
    throw new Error('not implemented');
  }
}
