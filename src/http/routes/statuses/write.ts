/**
 * Writing posts: POST /api/v1/statuses (create), PUT /api/v1/statuses/:id (edit, author only),
 * DELETE /api/v1/statuses/:id (author or moderator; answers the post with its source `text`).
 * Create and edit are screened first: 422 `screening_blocked`, 422 `screening_warning` unless
 * `confirm_warnings` is true, or the post is held for review (`roost.moderation.state: held`).
 * `media_ids` attaches the author's uploads; `scheduled_at` (≥ 5 minutes ahead) answers a
 * ScheduledStatus instead; an `Idempotency-Key` header makes a retried create post once.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { parseId } from '../../../domain/ids.js';
import { AppError } from '../../../domain/errors.js';
import type { StoredResponse } from '../../../services/idempotency/idempotency-service.js';
import { requireViewer } from '../../auth.js';
import { presentScheduledStatus } from '../../presenters/scheduled-status.js';
import { presentStatus } from '../../presenters/status.js';
import type { App } from '../../types.js';
import {
  formBoolean,
  languageField,
  mediaIdsFrom,
  refuseUnsupported,
  statusIdFrom,
  statusIdParams,
  unsupportedFields,
  visibilityField,
} from './status-params.js';

const createBody = z.object({
  status: z.string(),
  in_reply_to_id: z
    .union([z.string().regex(/^(\d{1,16})?$/, 'must be a status ID'), z.number().int().positive()])
    .nullish()
    .transform((value) =>
      value === null || value === undefined || value === '' ? null : parseId(String(value)),
    ),
  visibility: visibilityField.optional(),
  spoiler_text: z.string().nullish(),
  sensitive: formBoolean.optional(),
  language: languageField,
  /** The author saw screening's warnings (a 422 `screening_warning`) and posts anyway. */
  confirm_warnings: formBoolean.optional(),
  /** ISO 8601: publish then instead of now (answers a ScheduledStatus). */
  scheduled_at: z.string().max(64).nullish(),
  ...unsupportedFields,
});

function scheduledTime(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new AppError('unprocessable', 'scheduled_at: must be an ISO 8601 date and time', { field: 'scheduled_at' });
  }
  return time;
}

const editBody = z.object({
  status: z.string(),
  spoiler_text: z.string().nullish(),
  sensitive: formBoolean.optional(),
  language: languageField,
  /** The author saw screening's warnings (a 422 `screening_warning`) and posts anyway. */
  confirm_warnings: formBoolean.optional(),
  ...unsupportedFields,
});

export function registerWriteRoutes(app: App, ctx: AppContext): void {
  app.post('/api/v1/statuses', { schema: { body: createBody } }, async (request, reply) => {
    const viewer = requireViewer(request, 'write:statuses');
    const body = request.body;
    refuseUnsupported(body);
    const mediaIds = mediaIdsFrom(body.media_ids) ?? [];
    const scheduledAt = scheduledTime(body.scheduled_at);
    const respond = async (): Promise<StoredResponse> => {
      if (scheduledAt !== null) {
        const scheduled = await ctx.services.scheduled.schedule(
          viewer,
          {
            text: body.status,
            spoilerText: body.spoiler_text ?? '',
            sensitive: body.sensitive ?? false,
            language: body.language,
            visibility: body.visibility ?? null,
            inReplyToId: body.in_reply_to_id,
            mediaIds,
          },
          scheduledAt,
        );
        return { statusCode: 200, body: presentScheduledStatus(scheduled, ctx) };
      }
      const status = await ctx.services.posts.create(viewer, {
        text: body.status,
        spoilerText: body.spoiler_text ?? '',
        sensitive: body.sensitive ?? false,
        language: body.language,
        visibility: body.visibility ?? null,
        inReplyToId: body.in_reply_to_id,
        confirmWarnings: body.confirm_warnings ?? false,
        mediaIds,
      });
      return { statusCode: 200, body: presentStatus(status, ctx) };
    };
    const key = request.headers['idempotency-key'];
    const result =
      typeof key === 'string' && key !== ''
        ? await ctx.services.idempotency.once(viewer.accountId, 'statuses', key, respond)
        : await respond();
    return reply.status(result.statusCode).send(result.body);
  });

  app.put('/api/v1/statuses/:id', { schema: { params: statusIdParams, body: editBody } }, async (request) => {
    const viewer = requireViewer(request, 'write:statuses');
    const body = request.body;
    refuseUnsupported(body);
    const status = await ctx.services.posts.edit(viewer, statusIdFrom(request.params), {
      text: body.status,
      ...(body.spoiler_text != null ? { spoilerText: body.spoiler_text } : {}),
      ...(body.sensitive !== undefined ? { sensitive: body.sensitive } : {}),
      ...(body.language !== null ? { language: body.language } : {}),
      confirmWarnings: body.confirm_warnings ?? false,
      ...(body.media_ids !== undefined ? { mediaIds: mediaIdsFrom(body.media_ids) } : {}),
    });
    return presentStatus(status, ctx);
  });

  app.delete('/api/v1/statuses/:id', { schema: { params: statusIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:statuses');
    const status = await ctx.services.posts.remove(viewer, statusIdFrom(request.params));
    return presentStatus(status, ctx, { withSource: true });
  });
}
