/**
 * Reads filter requests sent as JSON (`keywords_attributes: [{ keyword, whole_word }]`) or as
 * Mastodon's Rails-style forms (`context[]=home`, `keywords_attributes[][keyword]=…` or
 * `keywords_attributes[0][keyword]=…`). Bad values are a 400 naming the field.
 */
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import { parseId } from '../../../domain/ids.js';
import type { FilterInput, KeywordChange } from '../../../services/filters/filter-service.js';
import { FILTER_CONTEXTS } from '../../../services/filters/matcher.js';

export const idParams = z.object({ id: z.string().max(32) });

export function idFrom(params: { id: string }, what: string): number {
  const id = parseId(params.id);
  if (id === null) throw new NotFoundError(what);
  return id;
}

const boolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'on', 'off'])])
  .transform((value) => (typeof value === 'boolean' ? value : ['true', '1', 'on'].includes(value)));

const contextValue = z.enum(FILTER_CONTEXTS, { error: `must be some of ${FILTER_CONTEXTS.join(', ')}` });

const filterFields = z.object({
  title: z.string().max(1000).optional(),
  context: z.union([contextValue, z.array(contextValue)]).optional(),
  filter_action: z
    .enum(['warn', 'hide', 'blur', 'blur_media'], { error: 'must be warn, hide or blur' })
    .transform((value) => (value === 'blur_media' ? 'blur' : value))
    .optional(),
  expires_in: z
    .union([z.number(), z.string(), z.null()])
    .transform((value, ctx) => {
      if (value === null || value === '') return null;
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number of seconds, or empty' });
        return z.NEVER;
      }
      return seconds;
    })
    .optional(),
});

const keywordFields = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  keyword: z.string().max(1000).optional(),
  whole_word: boolean.optional(),
  _destroy: boolean.optional(),
});

const keywordBody = z.object({ keyword: z.string().max(1000).optional(), whole_word: boolean.optional() });

function parse<T extends z.ZodType>(schema: T, value: unknown, prefix = ''): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ValidationError(prefix + (issue.path.join('.') || 'body'), issue.message);
}

export function filterInputFrom(body: unknown): FilterInput & { keywords: KeywordChange[] } {
  const fields = parse(filterFields, body);
  return {
    title: fields.title,
    context: fields.context === undefined ? undefined : [fields.context].flat(),
    filterAction: fields.filter_action,
    expiresIn: fields.expires_in,
    keywords: keywordAttributes(body).map((attributes, index) => {
      const k = parse(keywordFields, attributes, `keywords_attributes.${index}.`);
      let id: number | undefined;
      if (k.id !== undefined && k.id !== '') {
        const parsed = parseId(String(k.id));
        if (parsed === null) throw new NotFoundError('Filter keyword');
        id = parsed;
      }
      return { id, keyword: k.keyword, wholeWord: k.whole_word, destroy: k._destroy };
    }),
  };
}

export function keywordInputFrom(body: unknown): { keyword?: string; wholeWord?: boolean } {
  const fields = parse(keywordBody, body);
  return { keyword: fields.keyword, wholeWord: fields.whole_word };
}

export function statusIdFrom(body: unknown): number {
  const fields = parse(z.object({ status_id: z.union([z.string(), z.number()]) }), body);
  const id = parseId(String(fields.status_id));
  if (id === null) throw new NotFoundError('Status');
  return id;
}

/** `keywords_attributes` as a list of objects, from JSON or from form keys. */
function keywordAttributes(body: unknown): unknown[] {
  if (!body || typeof body !== 'object') return [];
  const record = body as Record<string, unknown>;
  const direct = record.keywords_attributes;
  if (Array.isArray(direct)) return direct;
  if (direct && typeof direct === 'object') return Object.values(direct);
  const byIndex = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(record)) {
    const match = /^keywords_attributes\[(\d*)\]\[(\w+)\]$/.exec(key);
    if (!match) continue;
    const [, index, field] = match;
    // `[]` keys repeat a value per keyword: the n-th value belongs to the n-th keyword.
    const values = index === '' && Array.isArray(value) ? value : [value];
    values.forEach((v, n) => {
      const slot = index === '' ? String(n) : index!;
      const entry = byIndex.get(slot) ?? {};
      entry[field!] = v;
      byIndex.set(slot, entry);
    });
  }
  return [...byIndex.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, entry]) => entry);
}
