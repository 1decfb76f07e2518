/**
 * GET/PUT /api/roost/v1/brands/:id/workflow: the approval policy — ordered steps, each with
 * approvers (people, brand roles, departments), a quorum (any | all | N) and optionally
 * `when: { screening_categories: [...] }` to join only when screening found those.
 */
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { BRAND_ROLES } from '../../../domain/brands/roles.js';
import type { ApprovalPolicy } from '../../../domain/brands/workflow.js';
import { CATEGORIES, type Category } from '../../../screening/index.js';
import { requireViewer } from '../../auth.js';
import { presentWorkflow } from '../../presenters/brand.js';
import type { App } from '../../types.js';
import { brandParams, idValue, toId } from './params.js';

/** `personal_data` reads better in a policy; the screening engine calls the category `personal`. */
const category = z
  .string()
  .transform((value) => (value === 'personal_data' ? 'personal' : value))
  .refine((value): value is Category => (CATEGORIES as readonly string[]).includes(value), {
    message: `must be one of ${CATEGORIES.join(', ')} (or personal_data)`,
  });

const step = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes')
    .optional(),
  name: z.string().trim().min(1).max(80),
  approvers: z.object({
    people: z.array(idValue).max(100).default([]),
    roles: z.array(z.enum(BRAND_ROLES)).max(4).default([]),
    departments: z.array(idValue).max(50).default([]),
  }),
  quorum: z.union([z.enum(['any', 'all']), z.number().int().min(1).max(50)]).default('any'),
  when: z.object({ screening_categories: z.array(category).min(1).max(10) }).nullish(),
});

export const workflowBody = z.object({ steps: z.array(step).max(10) });

export function toPolicy(body: z.infer<typeof workflowBody>): ApprovalPolicy {
  return {
    steps: body.steps.map((s, index) => ({
      id: s.id ?? (slug(s.name) || `step-${index + 1}`),
      name: s.name,
      approvers: {
        people: s.approvers.people.map((id, i) => toId(id, `steps.${index}.approvers.people.${i}`)),
        roles: s.approvers.roles,
        departments: s.approvers.departments.map((id, i) =>
          toId(id, `steps.${index}.approvers.departments.${i}`),
        ),
      },
      quorum: s.quorum,
      ...(s.when ? { when: { screeningCategories: s.when.screening_categories } } : {}),
    })),
  };
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function registerWorkflow(app: App, ctx: AppContext): void {
  app.get('/api/roost/v1/brands/:id/workflow', { schema: { params: brandParams } }, async (request) => {
    const viewer = requireViewer(request, 'read:statuses');
    return presentWorkflow(await ctx.services.brands.workflow(viewer, toId(request.params.id)));
  });

  app.put(
    '/api/roost/v1/brands/:id/workflow',
    { schema: { params: brandParams, body: workflowBody } },
    async (request) => {
      const viewer = requireViewer(request, 'write:statuses');
      return presentWorkflow(
        await ctx.services.brands.setWorkflow(viewer, toId(request.params.id), toPolicy(request.body)),
      );
    },
  );
}
