/** Focal points ("x,y", each from -1.0 to 1.0) as Mastodon clients send them for cropping previews. */
import { ValidationError } from '../../domain/errors.js';

export interface Focus {
  x: number;
  y: number;
}

/** Parses `"x,y"`; an empty value clears the focus (null). */
export function parseFocus(value: string): Focus | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const parts = trimmed.split(',').map((part) => part.trim());
  const numbers = parts.map((part) => (/^-?\d+(\.\d+)?$/.test(part) ? Number(part) : Number.NaN));
  if (numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n) || n < -1 || n > 1)) {
    throw new ValidationError('focus', 'must be two numbers from -1.0 to 1.0, like "0.5,-0.25"');
  }
  return { x: numbers[0]!, y: numbers[1]! };
}
