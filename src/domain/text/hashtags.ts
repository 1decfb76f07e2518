/**
 * Hashtag names: what counts as one and how two spellings are recognised as the same tag
 * (`#Roost`, `#roost` and `#ＲＯＯＳＴ` are one tag, displayed as first written).
 */
const TAG_CHARS = /^[\p{L}\p{M}\p{N}_]+$/u;
const ALL_DIGITS = /^\p{N}+$/u;
export const MAX_TAG_LENGTH = 100;

/** The stored, comparable form of a tag name, or null when it is not a valid tag. */
export function normaliseTagName(raw: string): string | null {
  const name = raw.normalize('NFKC').toLowerCase();
  if (!isValidTagName(name)) return null;
  return name;
}

/** Letters, marks, digits and underscores, not only digits (so `#1` is not a tag). */
export function isValidTagName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_TAG_LENGTH && TAG_CHARS.test(name) && !ALL_DIGITS.test(name);
}
