/** Path parameters and small parsers shared by the brand routes. */
import { z } from 'zod';
import { ValidationError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';

const id = z.string().regex(/^\d{1,16}$/, 'must be a numeric ID');

export const brandParams = z.object({ id });
export const draftParams = z.object({ id, draft_id: id });
export const memberParams = z.object({ id, account_id: id });
export const connectorParams = z.object({ id, connector_id: id });
export const deliveryParams = z.object({ id, delivery_id: id });

/** A numeric ID from a validated path or body string (a 404 would follow for unknown ones). */
export function toId(value: string, field = 'id'): number {
  const parsed = parseId(value);
  if (parsed === null) throw new ValidationError(field, 'must be a numeric ID');
  return parsed;
}

/** An ID given in a body as a string or a number. */
export const idValue = z
  .union([z.string().regex(/^\d{1,16}$/, 'must be a numeric ID'), z.number().int().positive()])
  .transform(String);

/** ISO 8601 date-time or milliseconds since the epoch. */
export function toTime(value: string, field: string): number {
  const ms = /^\d{1,15}$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new ValidationError(field, 'must be an ISO 8601 date-time');
  return ms;
}
