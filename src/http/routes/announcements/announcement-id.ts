/** The `:id` parameter of announcement routes: anything that is not an ID names nothing (404). */
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';

export const announcementParams = z.object({ id: z.string().max(32) });

export function announcementIdFrom(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('Announcement');
  return id;
}
