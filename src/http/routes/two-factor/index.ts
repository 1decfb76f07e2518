/**
 * Two-factor sign-in for the signed-in person: GET /api/roost/v1/two_factor (status), POST
 * /setup → `{ secret, uri }` (otpauth://), POST /confirm `{ code }` → `{ recovery_codes }` (shown
 * once), POST /disable `{ code }` or `{ recovery_code }` → 204.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { NotFoundError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';

const codeBody = z.object({ code: z.string().max(20) });
const disableBody = z.object({
  code: z.string().max(20).optional(),
  recovery_code: z.string().max(40).optional(),
});

export function registerTwoFactorRoutes(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/two_factor', async (request) => {
    const viewer = requireViewer(request, 'read:accounts');
    const status = await ctx.services.twoFactor.status(viewer.userId);
    return {
      enabled: status.enabled,
      pending: status.pending,
      recovery_codes_left: status.recoveryCodesLeft,
    };
  });

  app.post('/api/roost/v1/two_factor/setup', async (request) => {
    const viewer = requireViewer(request, 'write:accounts');
    const account = (await ctx.services.accounts.hydrate([viewer.accountId])).get(viewer.accountId);
    if (!account) throw new NotFoundError('Account');
    return ctx.services.twoFactor.setup(viewer, `${account.username}@${new URL(ctx.config.baseUrl).host}`);
  });

  app.post('/api/roost/v1/two_factor/confirm', { schema: { body: codeBody } }, async (request) => {
    const viewer = requireViewer(request, 'write:accounts');
    return { recovery_codes: await ctx.services.twoFactor.confirm(viewer, request.body.code) };
  });

  app.post('/api/roost/v1/two_factor/disable', { schema: { body: disableBody } }, async (request, reply) => {
    const viewer = requireViewer(request, 'write:accounts');
    await ctx.services.twoFactor.disable(viewer, {
      code: request.body.code,
      recoveryCode: request.body.recovery_code,
    });
    return reply.status(204).send();
  });
}
