/**
 * Reading the fields of an OAuth or app-registration request, which clients send as JSON, as a
 * URL-encoded form or (curl -F, as Mastodon's docs show) as multipart form data, and checking them
 * with a zod schema. Files in a multipart body are ignored.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ValidationError } from '../../../domain/errors.js';

export async function readFields(request: FastifyRequest): Promise<Record<string, unknown>> {
  if (request.isMultipart()) {
    const fields: Record<string, unknown> = {};
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        part.file.resume();
        continue;
      }
      const value = String(part.value);
      if (part.fieldname.endsWith('[]')) {
        const name = part.fieldname.slice(0, -2);
        const list = fields[name];
        fields[name] = Array.isArray(list) ? [...(list as unknown[]), value] : [value];
      } else {
        fields[part.fieldname] = value;
      }
    }
    return fields;
  }
  const body = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** Parses `data` with `schema`; the first problem becomes a ValidationError naming its field. */
export function parseFields<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  throw new ValidationError(field, issue?.message ?? 'is invalid');
}
