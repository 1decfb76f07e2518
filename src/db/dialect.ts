/**
 * The dialect seam: everything that differs between SQLite and PostgreSQL lives here — how to
 * connect, and the few SQL fragments that are not portable.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { PostgresDialect, SqliteDialect, type Dialect } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export type DatabaseTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Connection {
  name: DialectName;
  kysely: Dialect;
  close(): Promise<void>;
}

// IDs and timestamps are int8 in PostgreSQL; they stay within JavaScript's safe integer range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function connect(target: DatabaseTarget, options: { poolSize?: number } = {}): Connection {
  if (target.dialect === 'sqlite') {
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const database = new SqliteDatabase(target.file);
    database.pragma('journal_mode = WAL');
    // Durable commits: every committed transaction survives a power cut.
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    database.pragma('cache_size = -65536');
    return {
      name: 'sqlite',
      kysely: new SqliteDialect({ database }),
      close: async () => {
        database.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10 });
  // An idle connection the server closes (restart, failover, an admin ending it) must not crash
  // the process: the pool drops it and the next query opens a new one.
  pool.on('error', (error) => console.warn(`postgres: idle connection closed: ${error.message}`));
  return {
    name: 'postgres',
    kysely: new PostgresDialect({ pool }),
    close: () => pool.end(),
  };
}
