/** ScheduledStatus entities in Mastodon's shape, as an explicit allow-list. */
import { toMastodonVisibility } from '../../domain/visibility.js';
import type { ScheduledStatus } from '../../services/scheduled/scheduled-service.js';
import type { PresentContext } from './account.js';
import { presentMediaAttachment } from './media.js';

export function presentScheduledStatus(scheduled: ScheduledStatus, ctx: PresentContext) {
  const p = scheduled.params;
  return {
    id: String(scheduled.id),
    scheduled_at: new Date(scheduled.scheduledAt).toISOString(),
    params: {
      text: p.text,
      poll: null,
      media_ids: p.mediaIds.length > 0 ? p.mediaIds.map(String) : null,
      sensitive: p.sensitive,
      spoiler_text: p.spoilerText === '' ? null : p.spoilerText,
      visibility: p.visibility === null ? null : toMastodonVisibility(p.visibility),
      in_reply_to_id: p.inReplyToId === null ? null : String(p.inReplyToId),
      language: p.language,
      application_id: null,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
    },
    media_attachments: scheduled.media.map((m) => presentMediaAttachment(m, ctx)),
  };
}
