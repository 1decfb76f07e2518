/** Opens the configured database and brings its schema up to date. */
import { Kysely, Migrator, type MigrationResultSet } from 'kysely';
import { connect, type DatabaseTarget } from './dialect.js';
import { Database } from './database.js';
import { migrations } from './migrations/index.js';
import type { Schema } from './schema.js';

export async function openDatabase(target: DatabaseTarget, options: { poolSize?: number } = {}): Promise<Database> {
  const connection = connect(target, options);
  const kysely = new Kysely<Schema>({ dialect: connection.kysely });
  return Database.create(kysely, connection.name);
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.dialect) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
