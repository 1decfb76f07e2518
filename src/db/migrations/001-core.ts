/** The core micro-blog: people, sign-in, posts, the social graph, feeds, notifications and jobs. */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
type AnyDb = Kysely<any>;

export function up(dialect: DialectName) {
  return async (db: AnyDb): Promise<void> => {
    await db.schema
      .createTable('departments')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('accounts')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_lower', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('avatar_file', 'text')
      .addColumn('department_id', 'bigint', (c) => c.references('departments.id').onDelete('set null'))
      .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('manager_id', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
      .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person'))
      .addColumn('bot', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('followers_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('following_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('statuses_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_status_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('suspended_at', 'bigint')
      .execute();
    await db.schema.createIndex('accounts_department').on('accounts').column('department_id').execute();
    await db.schema.createIndex('accounts_manager').on('accounts').column('manager_id').execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'bigint', (c) => c.notNull().unique().references('accounts.id').onDelete('cascade'))
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text')
      .addColumn('role', 'text', (c) => c.notNull().defaultTo('member'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('password_changed_at', 'bigint')
      .addColumn('last_sign_in_at', 'bigint')
      .addColumn('disabled_at', 'bigint')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('access_tokens')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('application_id', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addColumn('expires_at', 'bigint')
      .execute();
    await db.schema.createIndex('access_tokens_user').on('access_tokens').column('user_id').execute();

    await db.schema
      .createTable('one_time_tokens')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('email', 'text')
      .addColumn('role', 'text')
      .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();

    await db.schema
      .createTable('statuses')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('content_html', 'text', (c) => c.notNull())
      .addColumn('spoiler_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('visibility', 'text', (c) => c.notNull())
      .addColumn('in_reply_to_id', 'bigint', (c) => c.references('statuses.id').onDelete('set null'))
      .addColumn('in_reply_to_account_id', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
      .addColumn('reblog_of_id', 'bigint', (c) => c.references('statuses.id').onDelete('cascade'))
      .addColumn('thread_id', 'bigint', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('replies_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reblogs_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('favourites_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('edited_at', 'bigint')
      .execute();
    await db.schema.createIndex('statuses_account').on('statuses').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('statuses_reply').on('statuses').column('in_reply_to_id').execute();
    await db.schema.createIndex('statuses_thread').on('statuses').columns(['thread_id', 'id']).execute();
    await db.schema.createIndex('statuses_reblog').on('statuses').columns(['reblog_of_id']).execute();
    await db.schema
      .createIndex('statuses_one_reblog')
      .on('statuses')
      .columns(['account_id', 'reblog_of_id'])
      .unique()
      .where(sql.ref('reblog_of_id'), 'is not', null)
      .execute();
    await db.schema.createIndex('statuses_visibility').on('statuses').columns(['visibility', 'id']).execute();

    await db.schema
      .createTable('status_edits')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('spoiler_text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('content_html', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('status_edits_status').on('status_edits').columns(['status_id', 'id']).execute();

    await db.schema
      .createTable('mentions')
      .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('mentions_pk', ['status_id', 'account_id'])
      .execute();
    await db.schema.createIndex('mentions_account').on('mentions').columns(['account_id', 'status_id']).execute();

    await db.schema
      .createTable('tags')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('status_tags')
      .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
      .addColumn('tag_id', 'bigint', (c) => c.notNull().references('tags.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('status_tags_pk', ['tag_id', 'status_id'])
      .execute();
    await db.schema.createIndex('status_tags_status').on('status_tags').column('status_id').execute();

    for (const table of ['favourites', 'bookmarks'] as const) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'bigint', (c) => c.primaryKey())
        .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint(`${table}_once`, ['account_id', 'status_id'])
        .execute();
      await db.schema.createIndex(`${table}_status`).on(table).column('status_id').execute();
      await db.schema.createIndex(`${table}_account`).on(table).columns(['account_id', 'id']).execute();
    }

    await db.schema
      .createTable('follows')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('target_account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('follows_once', ['account_id', 'target_account_id'])
      .execute();
    await db.schema.createIndex('follows_target').on('follows').columns(['target_account_id', 'account_id']).execute();

    await db.schema
      .createTable('tag_follows')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('tag_id', 'bigint', (c) => c.notNull().references('tags.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('tag_follows_once', ['account_id', 'tag_id'])
      .execute();
    await db.schema.createIndex('tag_follows_tag').on('tag_follows').columns(['tag_id', 'account_id']).execute();

    await db.schema
      .createTable('home_feed')
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('status_id', 'bigint', (c) => c.notNull().references('statuses.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('home_feed_pk', ['account_id', 'status_id'])
      .execute();
    await db.schema.createIndex('home_feed_status').on('home_feed').column('status_id').execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('from_account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('status_id', 'bigint', (c) => c.references('statuses.id').onDelete('cascade'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notifications_account').on('notifications').columns(['account_id', 'id']).execute();
    await db.schema.createIndex('notifications_status').on('notifications').column('status_id').execute();

    await db.schema
      .createTable('markers')
      .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
      .addColumn('timeline', 'text', (c) => c.notNull())
      .addColumn('last_read_id', 'bigint', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('markers_pk', ['account_id', 'timeline'])
      .execute();

    await db.schema
      .createTable('jobs')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('run_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['run_at', 'id']).execute();

    // Full-text search over post text: FTS5 (contentless, rowid = status id) or a GIN expression index.
    if (dialect === 'sqlite') {
      await sql`create virtual table status_search using fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(
        db,
      );
    } else {
      await sql`create index statuses_search on statuses using gin (to_tsvector('simple', text))`.execute(db);
    }
  };
}
