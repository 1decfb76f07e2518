/**
 * Writing posts: POST /api/v1/statuses (create), PUT /api/v1/statuses/:id (edit, author only),
 * DELETE /api/v1/statuses/:id (author or moderator; answers the post with its source `text`).
 * Create and edit are screened first: 422 `screening_blocked`, 422 `screening_warning` unless
 * `confirm_warnings` is true, or the post is held for review (`roost.moderation.state: held`).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { parseId } from '../../../domain/ids.js';
import { requireViewer } from '../../auth.js';
import { presentStatus } from '../../presenters/status.js';
import type { App } from '../../types.js';
import {
  formBoolean,
  languageField,
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
  ...unsupportedFields,
});

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
  app.post('/api/v1/statuses', { schema: { body: createBody } }, async (request) => {
    const viewer = requireViewer(request, 'write:statuses');
    const body = request.body;
    refuseUnsupported(body);
    const status = await ctx.services.posts.create(viewer, {
      text: body.status,
      spoilerText: body.spoiler_text ?? '',
      sensitive: body.sensitive ?? false,
      language: body.language,
      visibility: body.visibility ?? null,
      inReplyToId: body.in_reply_to_id,
      confirmWarnings: body.confirm_warnings ?? false,
    });
    return presentStatus(status, ctx);
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
    });
    return presentStatus(status, ctx);
  });

  app.delete('/api/v1/statuses/:id', { schema: { params: statusIdParams } }, async (request) => {
    const viewer = requireViewer(request, 'write:statuses');
    const status = await ctx.services.posts.remove(viewer, statusIdFrom(request.params));
    return presentStatus(status, ctx, { withSource: true });
  });
}
