/**
 * Query-string shapes Mastodon clients send: repeated `name[]=a&name[]=b` arrays (or a single
 * value, or plain `name=`), and booleans as `true`/`false`/`1`/`0`.
 */
import { z } from 'zod';

const stringList = z.union([z.string(), z.array(z.string())]).optional();

/** Schema fields for a list parameter accepted as both `name[]` and `name`. */
export function listParam<N extends string>(name: N) {
  return { [name]: stringList, [`${name}[]`]: stringList } as Record<N | `${N}[]`, typeof stringList>;
}

/** The values of a list parameter, from whichever spelling was used. */
export function listValues(query: Record<string, unknown>, name: string): string[] {
  const values = [query[name], query[`${name}[]`]].flat();
  return values.filter((v): v is string => typeof v === 'string' && v !== '');
}

export const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
