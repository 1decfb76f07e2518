/**
 * The screening policy, for admins (403 for everyone else): GET /api/roost/v1/screening/policy
 * (the current version), PUT … `{ document, note? }` (saves a new version; 400 naming the field of
 * an invalid document), GET …/versions (who changed what and when), GET …/versions/:version,
 * GET …/export (the document as a JSON download) and POST …/import (as PUT, or a bare document).
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import { MAX_NOTE_LENGTH } from '../../../services/screening/screening-service.js';
import { requireAdmin } from '../../auth.js';
import type { App } from '../../types.js';
import { presentPolicyHistory, presentPolicyVersion } from './present-policy.js';

const BASE = '/api/roost/v1/screening/policy';

const note = z.string().max(MAX_NOTE_LENGTH).optional();

const putBody = z.object({
  document: z.unknown().refine((value) => value !== undefined, 'is required'),
  note,
});

/** An exported file is the bare document; the PUT shape is accepted too. */
const importBody = z.record(z.string(), z.unknown());
const importQuery = z.object({ note });

const versionParams = z.object({ version: z.string().max(10) });
const exportQuery = z.object({
  version: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a version number')
    .optional(),
});

function versionFrom(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new NotFoundError('Policy version');
  return Number(value);
}

export function registerPolicyRoutes(app: App, ctx: AppContext): void {
  app.get(BASE, async (request) => {
    requireAdmin(request, 'admin:read');
    return presentPolicyVersion(ctx, await ctx.services.screening.currentVersion());
  });

  app.put(BASE, { schema: { body: putBody } }, async (request) => {
    const viewer = requireAdmin(request, 'admin:write');
    const saved = await ctx.services.screening.update(viewer, request.body.document, request.body.note ?? '');
    return presentPolicyVersion(ctx, saved);
  });

  app.get(`${BASE}/versions`, async (request) => {
    requireAdmin(request, 'admin:read');
    return presentPolicyHistory(ctx, await ctx.services.screening.versions());
  });

  app.get(`${BASE}/versions/:version`, { schema: { params: versionParams } }, async (request) => {
    requireAdmin(request, 'admin:read');
    const version = await ctx.services.screening.version(versionFrom(request.params.version));
    if (!version) throw new NotFoundError('Policy version');
    return presentPolicyVersion(ctx, version);
  });

  app.get(`${BASE}/export`, { schema: { querystring: exportQuery } }, async (request, reply) => {
    requireAdmin(request, 'admin:read');
    const wanted = request.query.version;
    const version =
      wanted === undefined
        ? await ctx.services.screening.currentVersion()
        : await ctx.services.screening.version(Number(wanted));
    if (!version) throw new NotFoundError('Policy version');
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="roost-screening-policy-v${version.version}.json"`)
      .send(`${JSON.stringify(version.document, null, 2)}\n`);
  });

  app.post(`${BASE}/import`, { schema: { body: importBody, querystring: importQuery } }, async (request) => {
    const viewer = requireAdmin(request, 'admin:write');
    const body = request.body;
    const wrapped = Object.hasOwn(body, 'document');
    if (
      wrapped &&
      body.note !== undefined &&
      (typeof body.note !== 'string' || body.note.length > MAX_NOTE_LENGTH)
    ) {
      throw new ValidationError('note', `must be a string of at most ${MAX_NOTE_LENGTH} characters`);
    }
    const document = wrapped ? body.document : body;
    const noteText =
      wrapped && typeof body.note === 'string' ? body.note : (request.query.note ?? 'Imported');
    const saved = await ctx.services.screening.update(viewer, document, noteText);
    return presentPolicyVersion(ctx, saved);
  });
}
