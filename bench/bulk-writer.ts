/**
 * Bulk loading for the benchmark seed: column-wise rows written straight into SQLite (prepared
 * multi-row INSERTs) or PostgreSQL (one INSERT … SELECT FROM unnest(arrays) per chunk, the
 * nearest thing to COPY that the installed `pg` driver offers). Secondary indexes can be set
 * aside during the load and rebuilt afterwards from their own stored definitions.
 */
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget, DialectName } from '../src/db/dialect.js';

export type Cell = number | string | null;
export type Column = ArrayLike<Cell>;

export interface IndexDefinition {
  table: string;
  name: string;
  sql: string;
}

export interface BulkWriter {
  readonly dialect: DialectName;
  /** Inserts `length` rows given column by column, in one transaction. */
  insert(table: string, columns: string[], data: Column[], length: number): Promise<void>;
  exec(statement: string): Promise<void>;
  /** Drops the plain (non-constraint) indexes of these tables and returns their definitions. */
  setIndexesAside(tables: string[]): Promise<IndexDefinition[]>;
  restoreIndexes(indexes: IndexDefinition[]): Promise<void>;
  /** Finishes the load: statistics where the product would have them, journal back to normal. */
  finish(options: { analyze: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function openBulkWriter(target: DatabaseTarget): Promise<BulkWriter> {
  return target.dialect === 'sqlite' ? new SqliteBulkWriter(target.file) : PostgresBulkWriter.open(target.url);
}

// SQLite allows 32,766 bound parameters per statement; rows per statement stay below that.
const SQLITE_MAX_PARAMS = 32_000;
const SQLITE_MAX_ROWS = 500;

class SqliteBulkWriter implements BulkWriter {
  readonly dialect = 'sqlite' as const;
  private readonly db: SqliteDatabase.Database;
  private readonly statements = new Map<string, SqliteDatabase.Statement>();

  constructor(file: string) {
    this.db = new SqliteDatabase(file);
    // A seed that dies half-way is simply rerun, so the load trades durability for speed.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('foreign_keys = OFF');
    this.db.pragma('locking_mode = EXCLUSIVE');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('cache_size = -1048576');
  }

  private statement(table: string, columns: string[], rows: number): SqliteDatabase.Statement {
    const key = `${table}(${columns.join(',')})x${rows}`;
    let statement = this.statements.get(key);
    if (!statement) {
      const tuple = `(${columns.map(() => '?').join(',')})`;
      const values = new Array<string>(rows).fill(tuple).join(',');
      statement = this.db.prepare(`insert into ${table} (${columns.join(',')}) values ${values}`);
      this.statements.set(key, statement);
    }
    return statement;
  }

  async insert(table: string, columns: string[], data: Column[], length: number): Promise<void> {
    const width = columns.length;
    const batch = Math.max(1, Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_MAX_PARAMS / width)));
    const params: Cell[] = new Array<Cell>(batch * width);
    const run = this.db.transaction(() => {
      let row = 0;
      while (row < length) {
        const rows = Math.min(batch, length - row);
        const values = rows === batch ? params : new Array<Cell>(rows * width);
        let p = 0;
        for (let r = row; r < row + rows; r++) for (let c = 0; c < width; c++) values[p++] = data[c]![r]!;
        this.statement(table, columns, rows).run(values);
        row += rows;
      }
    });
    run();
  }

  async exec(statement: string): Promise<void> {
    this.db.exec(statement);
  }

  async setIndexesAside(tables: string[]): Promise<IndexDefinition[]> {
    const rows = this.db
      .prepare(
        `select name, tbl_name as "table", sql from sqlite_master
         where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`,
      )
      .all(...tables) as IndexDefinition[];
    for (const index of rows) this.db.exec(`drop index ${index.name}`);
    return rows;
  }

  async restoreIndexes(indexes: IndexDefinition[]): Promise<void> {
    for (const index of indexes) this.db.exec(index.sql);
  }

  async finish(options: { analyze: boolean }): Promise<void> {
    if (options.analyze) this.db.exec('analyze');
    this.db.pragma('locking_mode = NORMAL');
    this.db.pragma('journal_mode = WAL');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

const PG_CHUNK_ROWS = 20_000;

class PostgresBulkWriter implements BulkWriter {
  readonly dialect = 'postgres' as const;
  private readonly columnTypes = new Map<string, Map<string, string>>();

  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<PostgresBulkWriter> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('set synchronous_commit = off');
    await client.query(`set maintenance_work_mem = '512MB'`);
    try {
      // Skips foreign-key triggers during the load (needs a superuser, which the local test server has).
      await client.query('set session_replication_role = replica');
    } catch {
      // Without the privilege the load is slower but still correct.
    }
    return new PostgresBulkWriter(client);
  }

  private async typesOf(table: string): Promise<Map<string, string>> {
    let types = this.columnTypes.get(table);
    if (!types) {
      const result = await this.client.query<{ column_name: string; data_type: string }>(
        `select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = $1`,
        [table],
      );
      types = new Map(result.rows.map((r) => [r.column_name, r.data_type]));
      this.columnTypes.set(table, types);
    }
    return types;
  }

  async insert(table: string, columns: string[], data: Column[], length: number): Promise<void> {
    const types = await this.typesOf(table);
    const casts = columns.map((column, i) => {
      const type = types.get(column);
      if (!type) throw new Error(`bench seed: ${table}.${column} does not exist`);
      return `$${i + 1}::${type}[]`;
    });
    const statement = `insert into ${table} (${columns.join(',')}) select * from unnest(${casts.join(',')})`;
    await this.client.query('begin');
    try {
      for (let start = 0; start < length; start += PG_CHUNK_ROWS) {
        const end = Math.min(length, start + PG_CHUNK_ROWS);
        const params = data.map((column) => Array.prototype.slice.call(column, start, end) as Cell[]);
        await this.client.query(statement, params);
      }
      await this.client.query('commit');
    } catch (error) {
      await this.client.query('rollback');
      throw error;
    }
  }

  async exec(statement: string): Promise<void> {
    await this.client.query(statement);
  }

  async setIndexesAside(tables: string[]): Promise<IndexDefinition[]> {
    const result = await this.client.query<{ name: string; table: string; sql: string }>(
      `select i.indexname as name, i.tablename as "table", i.indexdef as sql
       from pg_indexes i
       where i.schemaname = current_schema() and i.tablename = any($1)
         and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
      [tables],
    );
    for (const index of result.rows) await this.client.query(`drop index ${index.name}`);
    return result.rows;
  }

  async restoreIndexes(indexes: IndexDefinition[]): Promise<void> {
    for (const index of indexes) await this.client.query(index.sql);
  }

  async finish(options: { analyze: boolean }): Promise<void> {
    await this.client.query('set session_replication_role = origin').catch(() => undefined);
    // Autovacuum would have done this while the data grew organically.
    if (options.analyze) await this.client.query('vacuum analyze');
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
