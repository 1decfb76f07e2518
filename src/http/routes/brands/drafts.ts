/**
 * Drafts of a brand: GET/POST /api/roost/v1/brands/:id/drafts, GET/PUT …/drafts/:draft_id (an
 * edit makes a new revision), POST /api/roost/v1/brands/:id/proposals `{ status_id }` (any staff
 * member proposes one of their own posts), revisions, word diffs and the comment thread.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { DRAFT_STATES } from '../../../domain/brands/draft-machine.js';
import { requireViewer } from '../../auth.js';
import { presentComment, presentDiff, presentDraft, presentRevision } from '../../presenters/draft.js';
import type { App } from '../../types.js';
import { brandParams, draftParams, idValue, toId } from './params.js';

const textBody = z.object({
  status: z.string().max(100_000),
  spoiler_text: z.string().max(10_000).optional(),
});
const proposalBody = z.object({ status_id: idValue });
const listQuery = z.object({
  state: z.union([z.enum(DRAFT_STATES), z.array(z.enum(DRAFT_STATES))]).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
const diffQuery = z.object({
  from: z.coerce.number().int().min(1).optional(),
  to: z.coerce.number().int().min(1).optional(),
});
const commentBody = z.object({ body: z.string().max(10_000) });

export function registerDrafts(app: App, ctx: AppContext): void {
  app.get(
    '/api/roost/v1/brands/:id/drafts',
    { schema: { params: brandParams, querystring: listQuery } },
    async (request) => {
      const viewer = requireViewer(request, 'read:statuses');
      const state = request.query.state;
      const views = await ctx.services.drafts.list(viewer, toId(request.params.id), {
        states: state === undefined ? [] : Array.isArray(state) ? state : [state],
        limit: request.query.limit,
      });
      return views.map(presentDraft);
    },
  );

  app.post(
    '/api/roost/v1/brands/:id/drafts',
    { schema: { params: brandParams, body: textBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const view = await ctx.services.drafts.create(viewer, toId(request.params.id), {
        text: request.body.status,
        spoilerText: request.body.spoiler_text,
      });
      return presentDraft(view);
    },
  );

  app.post(
    '/api/roost/v1/brands/:id/proposals',
    { schema: { params: brandParams, body: proposalBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const view = await ctx.services.drafts.propose(
        viewer,
        toId(request.params.id),
        toId(request.body.status_id, 'status_id'),
      );
      return presentDraft(view);
    },
  );

  app.get(
    '/api/roost/v1/brands/:id/drafts/:draft_id',
    { schema: { params: draftParams } },
    async (request) => {
      const viewer = requireViewer(request, 'read:statuses');
      return presentDraft(
        await ctx.services.drafts.get(
          viewer,
          toId(request.params.id),
          toId(request.params.draft_id, 'draft_id'),
        ),
      );
    },
  );

  app.put(
    '/api/roost/v1/brands/:id/drafts/:draft_id',
    { schema: { params: draftParams, body: textBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const view = await ctx.services.drafts.edit(
        viewer,
        toId(request.params.id),
        toId(request.params.draft_id, 'draft_id'),
        {
          text: request.body.status,
          spoilerText: request.body.spoiler_text,
        },
      );
      return presentDraft(view);
    },
  );

  app.get(
    '/api/roost/v1/brands/:id/drafts/:draft_id/revisions',
    { schema: { params: draftParams } },
    async (request) => {
      const viewer = requireViewer(request, 'read:statuses');
      const revisions = await ctx.services.drafts.revisions(
        viewer,
        toId(request.params.id),
        toId(request.params.draft_id, 'draft_id'),
      );
      return revisions.map(presentRevision);
    },
  );

  app.get(
    '/api/roost/v1/brands/:id/drafts/:draft_id/diff',
    { schema: { params: draftParams, querystring: diffQuery } },
    async (request) => {
      const viewer = requireViewer(request, 'read:statuses');
      const diff = await ctx.services.drafts.diff(
        viewer,
        toId(request.params.id),
        toId(request.params.draft_id, 'draft_id'),
        request.query.from ?? null,
        request.query.to ?? null,
      );
      return presentDiff(diff);
    },
  );

  app.get(
    '/api/roost/v1/brands/:id/drafts/:draft_id/comments',
    { schema: { params: draftParams } },
    async (request) => {
      const viewer = requireViewer(request, 'read:statuses');
      const comments = await ctx.services.drafts.comments(
        viewer,
        toId(request.params.id),
        toId(request.params.draft_id, 'draft_id'),
      );
      return comments.map(presentComment);
    },
  );

  app.post(
    '/api/roost/v1/brands/:id/drafts/:draft_id/comments',
    { schema: { params: draftParams, body: commentBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      const comment = await ctx.services.drafts.addComment(
        viewer,
        toId(request.params.id),
        toId(request.params.draft_id, 'draft_id'),
        request.body.body,
      );
      return presentComment(comment);
    },
  );
}
