/**
 * Brand accounts and their line of authority: brands, members with roles, drafts with revisions,
 * comments and approvals, connectors to external networks, deliveries (the outbox's record of
 * each destination), the publishing pause and the outbound allow-list.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('brands')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().unique().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('colour', 'text', (c) => c.notNull())
    .addColumn('external', 'integer', (c) => c.notNull())
    .addColumn('undo_window_seconds', 'integer', (c) => c.notNull())
    .addColumn('require_two_factor', 'integer', (c) => c.notNull().defaultTo(1))
    // The approval policy as JSON: ordered steps with approvers, quorum and conditions.
    .addColumn('workflow', 'text', (c) => c.notNull())
    .addColumn('paused_at', 'bigint')
    .addColumn('paused_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('pause_reason', 'text')
    .addColumn('created_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('brand_members')
    .addColumn('brand_id', 'bigint', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('brand_members_pk', ['brand_id', 'account_id', 'role'])
    .execute();
  await db.schema
    .createIndex('brand_members_account')
    .on('brand_members')
    .columns(['account_id', 'brand_id'])
    .execute();

  // One row per scope of pause: 'all' for every brand. A brand's own pause lives on its row.
  await db.schema
    .createTable('publishing_pauses')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('paused_at', 'bigint')
    .addColumn('paused_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .insertInto('publishing_pauses')
    .values({ scope: 'all', paused_at: null, paused_by: null, reason: null, updated_at: 0 })
    .execute();

  await db.schema
    .createTable('brand_drafts')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('brand_id', 'bigint', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    .addColumn('author_account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    // "Propose for @brand": the internal post it started from.
    .addColumn('proposal_status_id', 'bigint', (c) => c.references('statuses.id').onDelete('set null'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('revision_id', 'bigint', (c) => c.notNull())
    // Increments on every submission; approvals belong to one submission.
    .addColumn('submission', 'integer', (c) => c.notNull().defaultTo(0))
    // The approval policy in force when submitted, as JSON.
    .addColumn('workflow', 'text', (c) => c.notNull())
    // Every screening of this submission merged ({action, categories}), and the latest full result.
    .addColumn('screening_summary', 'text')
    .addColumn('screening', 'text')
    .addColumn('scheduled_for', 'bigint')
    .addColumn('send_at', 'bigint')
    .addColumn('scheduled_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('waiting_for_resume', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('break_glass_requested_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('break_glass_reason', 'text')
    .addColumn('break_glass_confirmed_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('pause_override', 'integer', (c) => c.notNull().defaultTo(0))
    // The internal post authored by the brand once published.
    .addColumn('status_id', 'bigint', (c) => c.references('statuses.id').onDelete('set null'))
    .addColumn('sent_revision_id', 'bigint')
    .addColumn('published_at', 'bigint')
    .addColumn('retracted_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('brand_drafts_brand').on('brand_drafts').columns(['brand_id', 'id']).execute();
  await db.schema
    .createIndex('brand_drafts_state')
    .on('brand_drafts')
    .columns(['state', 'send_at'])
    .execute();

  await db.schema
    .createTable('brand_draft_revisions')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('draft_id', 'bigint', (c) => c.notNull().references('brand_drafts.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('spoiler_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('editor_account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('brand_draft_revisions_number', ['draft_id', 'number'])
    .execute();

  await db.schema
    .createTable('brand_draft_comments')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('draft_id', 'bigint', (c) => c.notNull().references('brand_drafts.id').onDelete('cascade'))
    .addColumn('revision_id', 'bigint', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    // 'comment' | 'rejection' | 'screening' (findings written by the system)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('brand_draft_comments_draft')
    .on('brand_draft_comments')
    .columns(['draft_id', 'id'])
    .execute();

  await db.schema
    .createTable('brand_approvals')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('draft_id', 'bigint', (c) => c.notNull().references('brand_drafts.id').onDelete('cascade'))
    .addColumn('submission', 'integer', (c) => c.notNull())
    .addColumn('revision_id', 'bigint', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // One person's approval counts once per submission, whatever the step.
    .addUniqueConstraint('brand_approvals_once', ['draft_id', 'submission', 'account_id'])
    .execute();

  await db.schema
    .createTable('brand_connectors')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('brand_id', 'bigint', (c) => c.notNull().references('brands.id').onDelete('cascade'))
    // 'webhook' | 'mastodon' | 'bluesky'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // Non-secret settings as JSON (URL, handle); the secret apart, never presented in full.
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('brand_connectors_brand').on('brand_connectors').column('brand_id').execute();

  await db.schema
    .createTable('brand_deliveries')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('draft_id', 'bigint', (c) => c.notNull().references('brand_drafts.id').onDelete('cascade'))
    .addColumn('revision_id', 'bigint', (c) => c.notNull())
    // Null: the brand's own internal post.
    .addColumn('connector_id', 'bigint', (c) => c.references('brand_connectors.id').onDelete('set null'))
    .addColumn('destination', 'text', (c) => c.notNull())
    // 'publish' | 'delete'
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('remote_id', 'text')
    .addColumn('remote_url', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('job_id', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('brand_deliveries_draft')
    .on('brand_deliveries')
    .columns(['draft_id', 'id'])
    .execute();
  await db.schema.createIndex('brand_deliveries_state').on('brand_deliveries').column('state').execute();

  // Destinations outbound requests may reach although they resolve to private or loopback addresses.
  await db.schema
    .createTable('outbound_allowlist')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'bigint', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
