/** Media attachments: uploaded images, unattached until a post claims them. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against no fixed schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_attachments')
    .addColumn('id', 'bigint', (c) => c.primaryKey())
    .addColumn('account_id', 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // Deleting a post deletes its media rows; the files are left for a sweep.
    .addColumn('status_id', 'bigint', (c) => c.references('statuses.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('preview_file', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('preview_width', 'integer', (c) => c.notNull())
    .addColumn('preview_height', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('focus_x', 'double precision')
    .addColumn('focus_y', 'double precision')
    .addColumn('blurhash', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('media_attachments_status')
    .on('media_attachments')
    .column('status_id')
    .execute();
  await db.schema
    .createIndex('media_attachments_account')
    .on('media_attachments')
    .column('account_id')
    .execute();
}
