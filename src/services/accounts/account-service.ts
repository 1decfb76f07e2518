/** People and their profiles: accounts, departments, the directory. */
import type { Database } from '../../db/database.js';
import type { HydratedAccount } from './hydrated-account.js';

export class Accounts {
  constructor(private readonly database: Database) {}

  /** Loads accounts by id with department and manager; missing ids are absent from the map. */
  async hydrate(ids: number[]): Promise<Map<number, HydratedAccount>> {
    void this.database;
    void ids;
    throw new Error('not implemented');
  }
}
