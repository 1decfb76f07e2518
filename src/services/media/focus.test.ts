import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import { parseFocus } from './focus.js';

describe('parseFocus', () => {
  it('reads two coordinates and clears on empty', () => {
    expect(parseFocus('-0.42,0.69')).toEqual({ x: -0.42, y: 0.69 });
    expect(parseFocus(' 1 , -1 ')).toEqual({ x: 1, y: -1 });
    expect(parseFocus('')).toBeNull();
  });

  it('refuses values out of range or malformed, naming the field', () => {
    for (const bad of ['1.5,0', '0', '0,0,0', 'a,b', '0x1,0', 'Infinity,0']) {
      expect(() => parseFocus(bad)).toThrow(ValidationError);
    }
    try {
      parseFocus('2,2');
    } catch (error) {
      expect((error as ValidationError).field).toBe('focus');
    }
  });
});
