/** Shared request pieces of the status routes: the `:id` parameter and form-friendly field types. */
import { z } from 'zod';
import { AppError, NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import { parseVisibility, type Visibility } from '../../../domain/visibility.js';

export const statusIdParams = z.object({ id: z.string().max(32) });

/** Anything that is not an ID names no post: 404, like a post the viewer may not see. */
export function statusIdFrom(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('Status');
  return id;
}

/** JSON booleans, or the strings form posts send. */
export const formBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off'])])
  .transform((value) => (typeof value === 'boolean' ? value : ['true', '1', 'on'].includes(value)));

const VISIBILITY_NAMES = [
  'public',
  'unlisted',
  'private',
  'direct',
  'organization',
  'followers',
  'mentioned',
] as const;

export const visibilityField = z
  .enum(VISIBILITY_NAMES, { error: `must be one of ${VISIBILITY_NAMES.join(', ')}` })
  .transform((value): Visibility => parseVisibility(value)!);

export const languageField = z
  .string()
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/, 'must be an ISO 639 language code')
  .nullish()
  .transform((value) => (value ? value : null));

/** `media_ids` (the author's uploads to attach) and `poll` (refused when it carries something: no polls yet). */
export const unsupportedFields = {
  media_ids: z.array(z.union([z.string(), z.number()])).optional(),
  poll: z.unknown().optional(),
};

/** The attachment ids asked for; anything that is not an id names no attachment the author may use (422). */
export function mediaIdsFrom(values: Array<string | number> | undefined): number[] | undefined {
  if (values === undefined) return undefined;
  return values.map((value) => {
    const id = parseId(String(value));
    if (id === null) {
      throw new AppError('unprocessable', `media_ids: ${String(value)} is not a media attachment you can use`, {
        field: 'media_ids',
      });
    }
    return id;
  });
}

export function refuseUnsupported(body: { poll?: unknown }): void {
  if (body.poll != null)
    throw new AppError('unprocessable', 'poll: polls are not supported yet', { field: 'poll' });
}
