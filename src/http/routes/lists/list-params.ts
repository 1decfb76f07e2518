/** Request pieces shared by the list routes: the `:id` parameter and `account_ids[]`. */
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';

export const listIdParams = z.object({ id: z.string().max(32) });

export function listIdFrom(params: { id: string }): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError('List');
  return id;
}

const idList = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).optional();
const idFields = z.object({ account_ids: idList, 'account_ids[]': idList }).loose();

/**
 * `account_ids` from a JSON or form body, or from the query string (some clients send DELETE
 * parameters there). Any value that is not an id is a 400 naming the field.
 */
export function accountIdsFrom(body: unknown, query: unknown): number[] {
  const values: unknown[] = [];
  for (const source of [body, query]) {
    if (!source || typeof source !== 'object') continue;
    const parsed = idFields.safeParse(source);
    if (!parsed.success) throw new ValidationError('account_ids', 'must be a list of account ids');
    values.push(parsed.data.account_ids ?? [], parsed.data['account_ids[]'] ?? []);
  }
  return values.flat().map((value) => {
    const id = parseId(String(value));
    if (id === null) throw new ValidationError('account_ids', `"${String(value)}" is not an account id`);
    return id;
  });
}
