/**
 * The OAuth 2 authorization server: registered applications, one-time authorization codes,
 * rotating refresh tokens and app-only (client_credentials) tokens. Secrets are stored only as
 * hashes. Access tokens for people live in `access_tokens` (with `application_id`).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_applications')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    // Newline-separated, as Mastodon stores them.
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('client_secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('oauth_authorization_codes')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('application_id', 'bigint', (c) =>
      c.notNull().references('oauth_applications.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('code_challenge', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('oauth_codes_application')
    .on('oauth_authorization_codes')
    .column('application_id')
    .execute();
  await db.schema.createIndex('oauth_codes_user').on('oauth_authorization_codes').column('user_id').execute();

  // One row per access token issued from a code or a refresh; `grant_id` (the code's id) ties a
  // whole rotation chain together so a replayed code or refresh token can revoke all of it.
  await db.schema
    .createTable('oauth_refresh_tokens')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('application_id', 'bigint', (c) =>
      c.notNull().references('oauth_applications.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('access_token_id', 'bigint', (c) => c.notNull())
    .addColumn('grant_id', 'bigint', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('oauth_refresh_grant').on('oauth_refresh_tokens').column('grant_id').execute();
  await db.schema
    .createIndex('oauth_refresh_access_token')
    .on('oauth_refresh_tokens')
    .column('access_token_id')
    .execute();
  await db.schema
    .createIndex('oauth_refresh_user_application')
    .on('oauth_refresh_tokens')
    .columns(['user_id', 'application_id'])
    .execute();

  await db.schema
    .createTable('oauth_app_tokens')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('application_id', 'bigint', (c) =>
      c.notNull().references('oauth_applications.id').onDelete('cascade'),
    )
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('oauth_app_tokens_application')
    .on('oauth_app_tokens')
    .column('application_id')
    .execute();

  // Revoking everything an application or a person authorized looks tokens up by these.
  await db.schema
    .createIndex('access_tokens_oauth_application')
    .on('access_tokens')
    .columns(['application_id', 'user_id'])
    .execute();
}
