/**
 * Media attachments: uploads are processed and stored at once, then wait unattached until their
 * owner's post claims them (`attachToStatus`, inside the post's transaction). Until then only the
 * owner can see or change them; anyone else gets 404.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { MediaAttachmentTable } from '../../db/schema.js';
import { AppError, NotFoundError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Focus } from './focus.js';
import { processImage } from './image-processing.js';
import type { MediaStore } from './media-store.js';

export type MediaAttachment = Selectable<MediaAttachmentTable>;

/** Mastodon's limits: four attachments per post, 1,500 characters of description. */
export const MAX_ATTACHMENTS = 4;
export const MAX_DESCRIPTION_LENGTH = 1500;
const UNATTACHED_LIFETIME_MS = 24 * 60 * 60 * 1000;
const FILE_GRACE_MS = 60 * 60 * 1000;

export interface MediaOwner {
  accountId: number;
}

export interface NewMedia {
  file: Buffer;
  description?: string | null;
  focus?: Focus | null;
}

export interface MediaChange {
  description?: string | null;
  /** null clears the focal point. */
  focus?: Focus | null;
}

export class Media {
  constructor(
    private readonly database: Database,
    readonly store: MediaStore,
    private readonly maxBytes: number,
  ) {}

  async upload(owner: MediaOwner, input: NewMedia, now = Date.now()): Promise<MediaAttachment> {
    const description = checkDescription(input.description);
    const image = await processImage(input.file, this.maxBytes);
    const file = await this.store.save(image.original, image.format);
    const previewFile = await this.store.save(image.preview, 'webp');
    const row: MediaAttachment = {
      id: newId(now),
      account_id: owner.accountId,
      status_id: null,
      position: 0,
      file,
      preview_file: previewFile,
      content_type: image.contentType,
      file_size: image.original.length,
      width: image.width,
      height: image.height,
      preview_width: image.previewWidth,
      preview_height: image.previewHeight,
      description: description ?? '',
      focus_x: input.focus?.x ?? null,
      focus_y: input.focus?.y ?? null,
      blurhash: image.blurhash,
      created_at: now,
    };
    try {
      await this.database.db.insertInto('media_attachments').values(row).execute();
    } catch (error) {
      await Promise.all([this.store.remove(file), this.store.remove(previewFile)]);
      throw error;
    }
    return row;
  }

  /** The owner's attachment that no post has claimed yet (Mastodon answers 404 for the others too). */
  async get(owner: MediaOwner, id: number): Promise<MediaAttachment> {
    const row = await this.database.db
      .selectFrom('media_attachments')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', owner.accountId)
      .where('status_id', 'is', null)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Media attachment');
    return row;
  }

  async update(owner: MediaOwner, id: number, change: MediaChange): Promise<MediaAttachment> {
    const current = await this.get(owner, id);
    const description = checkDescription(change.description);
    const values: Partial<MediaAttachment> = {};
    if (description !== undefined) values.description = description ?? '';
    if (change.focus !== undefined) {
      values.focus_x = change.focus?.x ?? null;
      values.focus_y = change.focus?.y ?? null;
    }
    if (Object.keys(values).length === 0) return current;
    await this.database.db.updateTable('media_attachments').set(values).where('id', '=', id).execute();
    return { ...current, ...values };
  }

  /** Deletes an attachment no post uses, with its files; one a post uses answers 422. */
  async remove(owner: MediaOwner, id: number): Promise<void> {
    const row = await this.database.db
      .selectFrom('media_attachments')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', owner.accountId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Media attachment');
    if (row.status_id !== null) {
      throw new AppError('unprocessable', 'The media attachment is attached to a post', { field: 'id' });
    }
    await this.database.db.deleteFrom('media_attachments').where('id', '=', id).execute();
    await Promise.all([this.store.remove(row.file), this.store.remove(row.preview_file)]);
  }

  /**
   * Housekeeping, for a periodic job: deletes uploads no post claimed within a day (as Mastodon
   * does) and files no row names any more (those of deleted posts), leaving files younger than an
   * hour alone so an upload between writing its files and its row is never swept.
   */
  async sweep(now = Date.now()): Promise<{ uploads: number; files: number }> {
    const stale = await this.database.db
      .selectFrom('media_attachments')
      .select(['id', 'file', 'preview_file'])
      .where('status_id', 'is', null)
      .where('created_at', '<', now - UNATTACHED_LIFETIME_MS)
      .execute();
    if (stale.length > 0) {
      await this.database.db
        .deleteFrom('media_attachments')
        .where(
          'id',
          'in',
          stale.map((row) => row.id),
        )
        .where('status_id', 'is', null)
        .execute();
    }
    const rows = await this.database.db
      .selectFrom('media_attachments')
      .select(['file', 'preview_file'])
      .execute();
    const named = new Set(rows.flatMap((row) => [row.file, row.preview_file]));
    const orphans = (await this.store.list()).filter(
      (entry) => !named.has(entry.file) && entry.modifiedAt < now - FILE_GRACE_MS,
    );
    for (const entry of orphans) await this.store.remove(entry.file);
    return { uploads: stale.length, files: orphans.length };
  }

  /**
   * Inside a post's create or edit transaction: the post now shows exactly `mediaIds`, in that
   * order. Each must be the author's and not used by another post; at most four. Attachments the
   * post no longer lists become unattached again (their owner may reuse or delete them).
   */
  async attachToStatus(
    tx: Database,
    accountId: number,
    statusId: number,
    mediaIds: number[],
  ): Promise<MediaAttachment[]> {
    tx.assertTransaction();
    const ids = [...new Set(mediaIds)];
    if (ids.length > MAX_ATTACHMENTS) {
      throw new AppError(
        'unprocessable',
        `media_ids: a post may have at most ${MAX_ATTACHMENTS} attachments`,
        {
          field: 'media_ids',
        },
      );
    }
    const rows =
      ids.length === 0
        ? []
        : await tx.db.selectFrom('media_attachments').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const id of ids) {
      const row = byId.get(id);
      if (!row || row.account_id !== accountId || (row.status_id !== null && row.status_id !== statusId)) {
        throw new AppError('unprocessable', `media_ids: ${id} is not a media attachment you can use`, {
          field: 'media_ids',
        });
      }
    }
    let detach = tx.db
      .updateTable('media_attachments')
      .set({ status_id: null, position: 0 })
      .where('status_id', '=', statusId);
    if (ids.length > 0) detach = detach.where('id', 'not in', ids);
    await detach.execute();
    for (const [position, id] of ids.entries()) {
      await tx.db
        .updateTable('media_attachments')
        .set({ status_id: statusId, position })
        .where('id', '=', id)
        .execute();
    }
    return ids.map((id, position) => ({ ...byId.get(id)!, status_id: statusId, position }));
  }

  /** The attachments of each post, in the order the author gave them (for hydrating posts). */
  async forStatuses(statusIds: number[]): Promise<Map<number, MediaAttachment[]>> {
    const result = new Map<number, MediaAttachment[]>();
    const unique = [...new Set(statusIds)];
    if (unique.length === 0) return result;
    const rows = await this.database.db
      .selectFrom('media_attachments')
      .selectAll()
      .where('status_id', 'in', unique)
      .orderBy('status_id')
      .orderBy('position')
      .execute();
    for (const row of rows) {
      const list = result.get(row.status_id!) ?? [];
      list.push(row);
      result.set(row.status_id!, list);
    }
    return result;
  }
}

/** undefined: unchanged; null or '': cleared. */
function checkDescription(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  if ([...value].length > MAX_DESCRIPTION_LENGTH) {
    throw new AppError('unprocessable', `description: must be at most ${MAX_DESCRIPTION_LENGTH} characters`, {
      field: 'description',
    });
  }
  return value;
}
