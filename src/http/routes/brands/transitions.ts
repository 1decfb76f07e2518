/**
 * The workflow's actions on one draft, each answering the draft as it is afterwards:
 * POST …/drafts/:draft_id/submit | approve | reject `{ comment }` | schedule `{ scheduled_at? }` |
 * recall | retract `{ reason? }` | break_glass `{ reason }` | break_glass/confirm.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { Viewer } from '../../../services/auth/viewer.js';
import { requireViewer } from '../../auth.js';
import { presentDraft } from '../../presenters/draft.js';
import type { App } from '../../types.js';
import { draftParams, toId, toTime } from './params.js';

const rejectBody = z.object({ comment: z.string().max(10_000) });
const scheduleBody = z.object({ scheduled_at: z.string().max(40).nullish() }).nullish();
const retractBody = z.object({ reason: z.string().max(2000).optional() }).nullish();
const reasonBody = z.object({ reason: z.string().max(2000) });

export function registerTransitions(app: App, ctx: AppContext): void {
  const { drafts, approvals } = ctx.services;

  const action = <B extends z.ZodType>(
    path: string,
    body: B | null,
    run: (viewer: Viewer, brandId: number, draftId: number, body: z.infer<B>) => Promise<unknown>,
  ) => {
    app.post(
      `/api/roost/v1/brands/:id/drafts/:draft_id/${path}`,
      { schema: { params: draftParams, ...(body ? { body } : {}) } },
      async (request) => {
        const viewer = requireViewer(request, 'write:statuses');
        const brandId = toId(request.params.id);
        const draftId = toId(request.params.draft_id, 'draft_id');
        await run(viewer, brandId, draftId, request.body as z.infer<B>);
        return presentDraft(await drafts.get(viewer, brandId, draftId));
      },
    );
  };

  action('submit', null, (viewer, brandId, draftId) => drafts.submit(viewer, brandId, draftId));
  action('approve', null, (viewer, brandId, draftId) => approvals.approve(viewer, brandId, draftId));
  action('reject', rejectBody, (viewer, brandId, draftId, body) =>
    approvals.reject(viewer, brandId, draftId, body.comment),
  );
  action('schedule', scheduleBody, (viewer, brandId, draftId, body) => {
    const at = body?.scheduled_at ? toTime(body.scheduled_at, 'scheduled_at') : null;
    return drafts.schedule(viewer, brandId, draftId, at);
  });
  action('recall', null, (viewer, brandId, draftId) => drafts.recall(viewer, brandId, draftId));
  action('retract', retractBody, (viewer, brandId, draftId, body) =>
    drafts.retract(viewer, brandId, draftId, body?.reason?.trim() || null),
  );
  action('break_glass', reasonBody, (viewer, brandId, draftId, body) =>
    drafts.requestBreakGlass(viewer, brandId, draftId, body.reason),
  );
  action('break_glass/confirm', null, (viewer, brandId, draftId) =>
    drafts.confirmBreakGlass(viewer, brandId, draftId),
  );
}
