/** The `:id` path parameter of account routes: anything that is not an ID names no account (404). */
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';

export const accountIdParams = z.object({ id: z.string().max(32) });

export function accountIdFrom(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('Account');
  return id;
}
