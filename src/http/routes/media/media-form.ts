/**
 * Reads a media request body: multipart (the `file`, and `description`/`focus` fields), a form or
 * JSON. A `thumbnail` file is accepted and ignored: Roost makes its own preview.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '../../../domain/errors.js';
import { parseFocus, type Focus } from '../../../services/media/focus.js';

export interface MediaForm {
  file: Buffer | undefined;
  description: string | null | undefined;
  focus: Focus | null | undefined;
}

const TEXT_FIELDS = ['description', 'focus'] as const;

export async function readMediaForm(request: FastifyRequest, uploadLimit: number): Promise<MediaForm> {
  const values: Record<string, unknown> = {};
  let file: Buffer | undefined;
  if (request.isMultipart()) {
    try {
      for await (const part of request.parts({ limits: { files: 2, fileSize: uploadLimit } })) {
        if (part.type === 'file') {
          if (part.fieldname === 'file' && file === undefined) file = await part.toBuffer();
          else part.file.resume();
        } else {
          values[part.fieldname] = part.value;
        }
      }
    } catch (error) {
      if (isTooLarge(error)) {
        throw new AppError('too_large', `file: the file is larger than ${uploadLimit} bytes`, {
          field: 'file',
        });
      }
      throw error;
    }
  } else if (request.body && typeof request.body === 'object') {
    Object.assign(values, request.body);
  }
  return { file, description: textField(values, 'description'), focus: focusField(values) };
}

function isTooLarge(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT';
}

function textField(
  values: Record<string, unknown>,
  name: (typeof TEXT_FIELDS)[number],
): string | null | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') throw new ValidationError(name, 'must be a string');
  return value;
}

function focusField(values: Record<string, unknown>): Focus | null | undefined {
  const raw = textField(values, 'focus');
  if (raw === undefined) return undefined;
  return raw === null ? null : parseFocus(raw);
}
