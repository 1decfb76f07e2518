/**
 * Administrators' announcements: GET/POST /api/roost/v1/admin/announcements and
 * GET/PUT/DELETE /api/roost/v1/admin/announcements/:id. `published: false` keeps a draft;
 * `scheduled_at` publishes later; `starts_at`/`ends_at` (ISO 8601) give an event's period, and
 * an announcement stops being shown once `ends_at` has passed.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { AnnouncementInput } from '../../../services/announcements/announcement-service.js';
import { requireAdmin } from '../../auth.js';
import { presentAdminAnnouncement } from '../../presenters/announcement.js';
import type { App } from '../../types.js';
import { formBoolean } from '../statuses/status-params.js';
import { announcementIdFrom, announcementParams } from './announcement-id.js';

const time = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date and time' })
  .nullable()
  .optional();

const fields = {
  starts_at: time,
  ends_at: time,
  all_day: formBoolean.optional(),
  published: formBoolean.optional(),
  scheduled_at: time,
};
const createBody = z.object({ text: z.string().max(20_000), ...fields });
const updateBody = z.object({ text: z.string().max(20_000).optional(), ...fields });

function ms(value: string | null | undefined): number | null | undefined {
  if (value === undefined || value === null) return value;
  return Date.parse(value);
}

function inputFrom(body: z.infer<typeof updateBody>, creating: boolean): AnnouncementInput {
  let publishedAt: number | null | undefined;
  if (body.published === false) publishedAt = null;
  else if (body.scheduled_at) publishedAt = ms(body.scheduled_at);
  else if (body.published === true || creating) publishedAt = Date.now();
  return {
    text: body.text,
    startsAt: ms(body.starts_at),
    endsAt: ms(body.ends_at),
    allDay: body.all_day,
    publishedAt,
  };
}

export function registerAdminAnnouncements(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/admin/announcements', async (request) => {
    const viewer = requireAdmin(request, 'admin:read');
    return (await ctx.services.announcements.all(viewer)).map((a) => presentAdminAnnouncement(a, ctx));
  });

  app.get(
    '/api/roost/v1/admin/announcements/:id',
    { schema: { params: announcementParams } },
    async (request) => {
      const viewer = requireAdmin(request, 'admin:read');
      return presentAdminAnnouncement(
        await ctx.services.announcements.get(viewer, announcementIdFrom(request.params)),
        ctx,
      );
    },
  );

  app.post('/api/roost/v1/admin/announcements', { schema: { body: createBody } }, async (request) => {
    const viewer = requireAdmin(request);
    return presentAdminAnnouncement(
      await ctx.services.announcements.create(viewer, inputFrom(request.body, true)),
      ctx,
    );
  });

  app.put(
    '/api/roost/v1/admin/announcements/:id',
    { schema: { params: announcementParams, body: updateBody } },
    async (request) => {
      const viewer = requireAdmin(request);
      const id = announcementIdFrom(request.params);
      const announcement = await ctx.services.announcements.update(
        viewer,
        id,
        inputFrom(request.body, false),
      );
      return presentAdminAnnouncement(announcement, ctx);
    },
  );

  app.delete(
    '/api/roost/v1/admin/announcements/:id',
    { schema: { params: announcementParams } },
    async (request) => {
      requireAdmin(request);
      await ctx.services.announcements.remove(announcementIdFrom(request.params));
      return {};
    },
  );
}
