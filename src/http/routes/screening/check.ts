/**
 * The composer's dry run: POST /api/roost/v1/screening/check `{ text, spoiler_text?, audience? }`
 * → `{ action, findings, policy_version }` with the current policy (any signed-in person,
 * 120 per minute each); and GET /api/roost/v1/screening/rules, the rule catalogue with each
 * rule's built-in action per audience, for the policy editor.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../screening/index.js';
import { requireViewer } from '../../auth.js';
import { presentFinding } from '../../presenters/screening.js';
import type { App } from '../../types.js';

const checkBody = z.object({
  text: z.string(),
  spoiler_text: z.string().nullish(),
  audience: z.enum(['internal', 'external']).optional(),
});

export function registerCheckRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/roost/v1/screening/check',
    {
      schema: { body: checkBody },
      config: {
        rateLimit: {
          max: 120,
          timeWindow: 60_000,
          // Per person when signed in: a whole office behind one address types at once.
          keyGenerator: (request) =>
            request.viewer ? `viewer:${request.viewer.userId}` : `ip:${request.ip}`,
        },
      },
    },
    async (request) => {
      requireViewer(request, 'write:statuses');
      const { text, spoiler_text, audience } = request.body;
      const result = await ctx.services.screening.screenPost(
        { text, spoilerText: spoiler_text ?? '' },
        audience ?? 'internal',
      );
      return {
        action: result.action,
        findings: result.findings.map(presentFinding),
        policy_version: result.policyVersion,
      };
    },
  );

  app.get('/api/roost/v1/screening/rules', async (request) => {
    requireViewer(request);
    return RULES.map((rule) => ({
      id: rule.id,
      category: rule.category,
      internal: rule.internal,
      external: rule.external,
      suggestion: rule.suggestion,
    }));
  });
}
