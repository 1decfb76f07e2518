/** The rules a person's name, email and profile text must meet; each failure names its field. */
import { ValidationError } from '../../domain/errors.js';

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,30}$/;
export const DISPLAY_NAME_MAX = 100;
export const NOTE_MAX = 500;
export const TITLE_MAX = 100;
export const DEPARTMENT_NAME_MAX = 100;
const EMAIL_MAX = 254;
// Deliberately loose: one @, no spaces, a dot in the domain (or localhost for the first admin).
const EMAIL_PATTERN = /^[^\s@]+@([^\s@.]+\.)+[^\s@.]+$|^[^\s@]+@localhost$/;

export function checkUsername(username: string, field = 'username'): string {
  if (!USERNAME_PATTERN.test(username)) {
    throw new ValidationError(field, 'must be 1–30 letters, digits or underscores');
  }
  return username;
}

/** Emails are compared and stored lowercased. */
export function normaliseEmail(email: string, field = 'email'): string {
  const value = email.trim().toLowerCase();
  if (value.length > EMAIL_MAX || !EMAIL_PATTERN.test(value))
    throw new ValidationError(field, 'is not a valid email address');
  return value;
}

export function checkLength(value: string, max: number, field: string): string {
  if ([...value].length > max) throw new ValidationError(field, `must be at most ${max} characters`);
  return value;
}

export function checkDisplayName(value: string, field = 'display_name'): string {
  return checkLength(value.trim(), DISPLAY_NAME_MAX, field);
}
