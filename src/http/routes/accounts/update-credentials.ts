/**
 * PATCH /api/v1/accounts/update_credentials: display name, bio, title and avatar. Accepts JSON,
 * a form, or multipart (Mastodon clients upload the avatar as the `avatar` file field). Fields
 * Roost does not have (header, fields_attributes, locked…) are accepted and ignored.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { ValidationError } from '../../../domain/errors.js';
import { requireViewer } from '../../auth.js';
import type { App } from '../../types.js';
import { credentialAccount } from '../auth/credential-account.js';

const fields = z.object({
  display_name: z.string().max(1000).optional(),
  note: z.string().max(5000).optional(),
  title: z.string().max(1000).optional(),
});

type Fields = z.infer<typeof fields>;

export function registerUpdateCredentials(app: App, ctx: AppContext): void {
  app.patch('/api/v1/accounts/update_credentials', async (request) => {
    const viewer = requireViewer(request, 'write:accounts');
    const { values, avatar } = request.isMultipart()
      ? await readMultipart(request)
      : { values: request.body ?? {}, avatar: undefined };
    const parsed = parseFields(values);
    await ctx.services.accounts.updateProfile(viewer.accountId, {
      displayName: parsed.display_name,
      note: parsed.note,
      title: parsed.title,
      avatar,
    });
    return credentialAccount(ctx, viewer.accountId);
  });
}

function parseFields(values: unknown): Fields {
  const result = fields.safeParse(values);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ValidationError(issue.path.join('.') || 'body', issue.message);
}

/** Reads text fields and the `avatar` file; other files are drained and ignored. Too large a file → 413. */
async function readMultipart(
  request: FastifyRequest,
): Promise<{ values: Record<string, string>; avatar: Buffer | undefined }> {
  const values: Record<string, string> = {};
  let avatar: Buffer | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname === 'avatar') avatar = await part.toBuffer();
      else part.file.resume();
    } else if (typeof part.value === 'string') {
      values[part.fieldname] = part.value;
    }
  }
  return { values, avatar };
}
